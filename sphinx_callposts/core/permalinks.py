"""The URLs Hugo gave a page: its ``permalinks`` pattern, ``url``, ``slug`` or default path.

Pure Python, no Sphinx. The docs' root stands for Hugo's content folder and for the
old site's root, as it does for aliases: ``blog/2022/x.md`` was ``/blog/2022/x/``;
``callposts_hugo_paths`` names the folders that had another path in Hugo
(:func:`content_path`).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

#: the tokens of Hugo's ``permalinks`` patterns that this module expands
TOKENS = frozenset(
    {
        "year", "month", "monthname", "day", "weekday", "weekdayname", "yearday",
        "section", "sections", "title", "slug", "slugorfilename", "filename",
        "contentbasename", "slugorcontentbasename",
    }
)  # fmt: skip
_DATE_TOKENS = frozenset({"year", "month", "monthname", "day", "weekday", "weekdayname", "yearday"})
_TOKEN = re.compile(r":([a-z]+)(?:\[([^\]]*)\])?")
#: what Hugo's paths keep besides letters, digits and marks
_PATH_MARKS = frozenset("./\\_#+~-@")
_HEX = frozenset("0123456789abcdefABCDEF")


@dataclass(frozen=True)
class Page:
    """What Hugo's URL of a page depends on.

    :param docname: the page, its path standing for Hugo's content path
    :param section: the folder of the page's section (the nearest one with a section page)
    :param is_section: the page is a section page (``_index``, or an ``index`` with posts)
    :param lower: paths are lowercased, unless Hugo's ``disablePathToLower`` is set
    """

    docname: str
    title: str = ""
    slug: str = ""
    url: str = ""
    date: datetime | None = None
    section: str = ""
    is_section: bool = False
    lower: bool = True


def content_path(docname: str, hugo_paths: Mapping[str, str]) -> str:
    """A document's path in Hugo's content folder: its docname, unless a folder of
    ``callposts_hugo_paths`` holds it (the deepest one wins).

    ``{"community/calls": "blog"}``: ``community/calls/2022/x`` -> ``blog/2022/x``.
    """
    for folder in [*_prefixes(posixpath.dirname(docname)), ""]:
        if folder in hugo_paths:
            rest = docname[len(folder) :].lstrip("/")
            return posixpath.join(hugo_paths[folder], rest) if hugo_paths[folder] else rest
    return docname


def docs_path(path: str, hugo_paths: Mapping[str, str]) -> str:
    """Where a path of Hugo's content folder is in the docs: :func:`content_path` undone.

    ``{"community/calls": "blog"}``: ``blog/2022/x`` -> ``community/calls/2022/x``; a
    path that no folder of ``callposts_hugo_paths`` had is where it was.
    """
    moved = sorted(hugo_paths.items(), key=lambda item: -len(item[1]))
    for folder, hugo in moved:
        if not hugo or path == hugo or path.startswith(hugo + "/"):
            return posixpath.join(folder, path[len(hugo) :].lstrip("/")).rstrip("/")
    return path


def urlize(text: str, *, lower: bool = True) -> str:
    """Hugo's ``urlize`` before escaping (``MakePathSanitized``): ``Vim (text editor)`` ->
    ``vim-text-editor``; ``1.11.0 - Kubernetes`` -> ``1.11.0-kubernetes``.

    As ``paths.Sanitize`` in Hugo: letters, digits, marks, ``./\\_#+~-@`` and ``%XX``
    stay, a run of spaces becomes one hyphen (none beside a hyphen, none at either
    end), anything else goes; then lowercase, unless ``lower`` is false (Hugo's
    ``disablePathToLower``).
    """
    kept: list[str] = []
    hyphen_due = was_hyphen = False
    for index, char in enumerate(text):
        if _is_path_char(text, index, char):
            was_hyphen = char == "-"
            if hyphen_due and not was_hyphen:
                kept.append("-")
            hyphen_due = False
            kept.append(char)
        elif kept and not was_hyphen and char.isspace():
            hyphen_due = True
    path = "".join(kept)
    return path.lower() if lower else path


def _is_path_char(text: str, index: int, char: str) -> bool:
    if char in _PATH_MARKS:
        return True
    category = unicodedata.category(char)
    if category[0] in "LM" or category == "Nd":
        return True
    return char == "%" and index + 2 < len(text) and {text[index + 1], text[index + 2]} <= _HEX


def pattern_for(page: Page, permalinks: Mapping[str, object]) -> str:
    """The ``permalinks`` pattern that applies to a page, ``""`` when none does.

    Keys are section names or paths (the longest wins); Hugo's newer form
    ``{"page": {...}, "section": {...}}`` is read too.
    """
    kind = "section" if page.is_section else "page"
    patterns = {
        str(key).strip("/"): value
        for key, value in permalinks.items()
        if isinstance(value, str) and not page.is_section
    }
    nested = permalinks.get(kind)
    if isinstance(nested, Mapping):
        patterns.update(
            (str(key).strip("/"), value) for key, value in nested.items() if isinstance(value, str)
        )
    folder = posixpath.dirname(_hugo_path(page))
    for prefix in _prefixes(folder):
        if prefix in patterns:
            return patterns[prefix]
    return ""


def unknown_tokens(pattern: str) -> list[str]:
    """The tokens of a pattern that Hugo does not know."""
    return [name for name, _slice in _TOKEN.findall(pattern) if name not in TOKENS]


def expand(pattern: str, page: Page) -> str:
    """A ``permalinks`` pattern filled in for a page, ``""`` when the page lacks a value
    the pattern needs (a date)."""
    names = {name for name, _slice in _TOKEN.findall(pattern)}
    if names & _DATE_TOKENS and page.date is None:
        return ""
    values = _values(page)

    def fill(match: re.Match[str]) -> str:
        name, part = match.groups()
        if name == "sections":
            sections = values["sections"].split("/") if values["sections"] else []
            return "/".join(_sliced(sections, part)) if part is not None else values["sections"]
        return values.get(name, match.group(0))

    return "/" + _TOKEN.sub(fill, pattern).lstrip("/")


def hugo_url(page: Page, permalinks: Mapping[str, object]) -> tuple[str, str]:
    """``(URL, the key that made it)`` of the page on the old Hugo site.

    ``url`` wins; then the ``permalinks`` pattern of the page's section; then Hugo's
    default, the content path with ``slug`` for the file name. The key is
    ``"url"``, ``"permalinks"``, ``"slug"`` or ``""`` (the default path).
    """
    if page.url:
        return "/" + page.url.strip().lstrip("/"), "url"
    pattern = pattern_for(page, permalinks)
    if pattern:
        expanded = expand(pattern, page)
        if expanded:
            return expanded, "permalinks"
    path = _hugo_path(page)
    if page.is_section:
        folder = posixpath.dirname(path)
        return _path_url(folder, page.lower) if folder else "/", ""
    parent = posixpath.dirname(path)
    if page.slug:
        return _path_url(parent, page.lower) + urlize(page.slug, lower=page.lower) + "/", "slug"
    return _path_url(path, page.lower), ""


def _hugo_path(page: Page) -> str:
    """The page's content path, a bundle's ``index`` standing for its folder."""
    if posixpath.basename(page.docname) == "index" and not page.is_section:
        return posixpath.dirname(page.docname)
    if page.is_section:
        return posixpath.join(posixpath.dirname(page.docname), "_index")
    return page.docname


def _path_url(path: str, lower: bool) -> str:
    parts = [urlize(part, lower=lower) for part in path.split("/") if part]
    return "/" + "".join(part + "/" for part in parts)


def _values(page: Page) -> dict[str, str]:
    path = _hugo_path(page)
    name = "" if page.is_section else posixpath.basename(path)
    filename = urlize(name, lower=page.lower)
    slug = urlize(page.slug, lower=page.lower) if page.slug else ""
    values = {
        "section": path.split("/", 1)[0] if "/" in path else "",
        "sections": page.section.strip("/"),
        "title": urlize(page.title, lower=page.lower),
        "slug": slug or urlize(page.title, lower=page.lower),
        "slugorfilename": slug or filename,
        "filename": filename,
        "contentbasename": filename,
        "slugorcontentbasename": slug or filename,
    }
    if page.date is not None:
        date = page.date
        values.update(
            year=str(date.year),
            month=f"{date.month:02d}",
            monthname=date.strftime("%B").lower(),
            day=f"{date.day:02d}",
            weekday=str(date.isoweekday() % 7),
            weekdayname=date.strftime("%A").lower(),
            yearday=str(date.timetuple().tm_yday),
        )
    return values


def _sliced(sections: list[str], part: str) -> list[str]:
    """``:sections[1:]``, ``[:last]``, ``[last]``, ``[0]``, as Hugo slices the sections."""
    last = len(sections) - 1

    def index(text: str, default: int) -> int:
        text = text.strip()
        if not text:
            return default
        return last if text == "last" else int(text) if text.lstrip("-").isdigit() else default

    if ":" in part:
        start, end = part.split(":", 1)
        return sections[index(start, 0) : index(end, len(sections))]
    at = index(part, 0)
    return sections[at : at + 1]


def _prefixes(folder: str) -> list[str]:
    """``a/b/c`` -> ``a/b/c``, ``a/b``, ``a``: the longest first."""
    parts = folder.split("/") if folder else []
    return ["/".join(parts[:size]) for size in range(len(parts), 0, -1)]


def section_of(docname: str, is_section_page: Callable[[str], bool]) -> str:
    """The folder of the nearest section above a page: the top folder at least, as in Hugo."""
    folder = posixpath.dirname(docname)
    while "/" in folder and not is_section_page(folder):
        folder = posixpath.dirname(folder)
    return folder


#: the longest path segment written as it is, in UTF-8 bytes: room is left under the
#: file systems' 255 for the suffix Sphinx adds (``.html``) and for a temporary name
MAX_SEGMENT = 200
#: how many bytes of an over-long segment are kept before its hash
_KEPT = 180
_SUFFIXES = (".html", ".htm", ".xml", ".ics")


def short_segment(segment: str) -> str:
    """A path segment that any file system holds: as it is when short enough, else its
    start, ``-`` and a hash of the whole segment (its suffix kept)."""
    if len(segment.encode("utf-8", "surrogatepass")) <= MAX_SEGMENT:
        return segment
    suffix = next((end for end in _SUFFIXES if segment.lower().endswith(end)), "")
    stem = segment[: len(segment) - len(suffix)]
    digest = hashlib.sha256(segment.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    kept = stem.encode("utf-8", "surrogatepass")[:_KEPT].decode("utf-8", "ignore")
    return f"{kept}-{digest}{suffix}"


def short_path(path: str) -> str:
    """The path an output file is written at: each over-long segment shortened, stably.

    Links to the file must be made from this path too, so that they find it.
    """
    return "/".join(short_segment(segment) for segment in path.split("/"))


def untitled_title(docname: str) -> str:
    """Hugo's title for a page without one: its file or, for an ``index``, its folder name."""
    name = posixpath.basename(docname)
    if name in {"index", "_index"}:
        name = posixpath.basename(posixpath.dirname(docname)) or name
    return name.replace("-", " ").replace("_", " ").strip().capitalize()
