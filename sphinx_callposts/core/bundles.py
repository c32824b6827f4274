"""Hugo's bundles: which documents are posts, section pages, or a bundle's resources."""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

from .frontmatter import read_front_matter
from .post import DATE_KEYS, normalise_keys

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from pathlib import Path

POST = "post"
SECTION = "section"

_GLOB_TOKEN = re.compile(r"\*\*|\*|\?|\[!?\]?[^\]]*\]|.", re.DOTALL)


def glob_matcher(patterns: Iterable[str]) -> Callable[[str], bool]:
    """Whether a docname matches one of Sphinx's glob patterns, as ``exclude_patterns`` do.

    ``**`` crosses folders, ``*`` and ``?`` stay within one, ``[...]`` is a set, and
    a leading ``**/`` also matches at the top.
    """
    patterns = list(patterns)
    patterns += [pattern[3:] for pattern in patterns if pattern.startswith("**/")]
    regex = re.compile("|".join(f"(?:{_glob_regex(pattern)})" for pattern in patterns) or "(?!)")
    return lambda docname: regex.fullmatch(docname) is not None


def _glob_regex(pattern: str) -> str:
    parts = []
    for token in _GLOB_TOKEN.findall(pattern):
        if token == "**":
            parts.append(".*")
        elif token == "*":
            parts.append("[^/]*")
        elif token == "?":
            parts.append("[^/]")
        elif len(token) > 2 and token[0] == "[":
            inside = token[1:-1].replace("\\", "\\\\")
            if inside.startswith("!"):
                inside = "^/" + inside[1:]
            elif inside.startswith("^"):
                inside = "\\" + inside
            parts.append(f"[{inside}]")
        else:
            parts.append(re.escape(token))
    return "".join(parts)


def classify(docnames: Iterable[str], patterns: list[str]) -> dict[str, str]:
    """Map each post and section page among ``docnames`` to ``POST`` or ``SECTION``.

    As in Hugo, ``_index`` is a section page (a branch bundle), and ``index`` is
    the post of a leaf bundle unless its folder holds other posts.
    """
    matches = glob_matcher(patterns)
    matched = [name for name in docnames if matches(name)]
    folders_with_pages = {
        posixpath.dirname(folder)
        for name in matched
        if posixpath.basename(name) not in {"index", "_index"}
        for folder in _ancestors(name)
    }
    kinds = {}
    for name in matched:
        base = posixpath.basename(name)
        folder = posixpath.dirname(name)
        branch = base == "_index" or (base == "index" and folder in folders_with_pages)
        kinds[name] = SECTION if branch else POST
    return kinds


def leaf_bundle_resources(
    docnames: Iterable[str], patterns: list[str], is_dated: Callable[[str], bool]
) -> set[str]:
    """The documents that belong to a leaf bundle as resources, not pages.

    As in Hugo, a post's ``index`` is a leaf bundle: every other document in its folder
    and below (``index1.md``, notes) is one of its files, never a page. An ``index`` is
    taken for a post when it has a date; without one it may be the section page of a
    folder of posts (:func:`classify`), as Sphinx projects name it. The top folder's
    ``index`` is never a bundle.

    :param is_dated: whether the front matter of a matched ``index`` gives a date
    """
    docnames = list(docnames)
    matches = glob_matcher(patterns)
    bundles = {
        posixpath.dirname(name)
        for name in docnames
        if posixpath.basename(name) == "index" and "/" in name and matches(name) and is_dated(name)
    }
    # a bundle inside another one is one of the outer bundle's files
    outer = {folder for folder in bundles if not any(f in bundles for f in _folders_above(folder))}
    resources = set()
    for name in docnames:
        owner = next((folder for folder in _folders_above(name) if folder in outer), None)
        if owner is not None and name != f"{owner}/index":
            resources.add(name)
    return resources


def leaf_bundle_files(paths: Mapping[str, Path], patterns: list[str]) -> set[str]:
    """:func:`leaf_bundle_resources` of a project's documents, each bundle's index read.

    :param paths: ``docname -> file`` of every document of the project
    """
    return leaf_bundle_resources(paths, patterns, lambda docname: _is_dated(paths[docname]))


def _is_dated(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return False
    return gives_a_date(text)


def gives_a_date(text: str) -> bool:
    """Whether a page's front matter gives a date (any of Hugo's date keys)."""
    front = read_front_matter(text)
    keys = normalise_keys(front.data)
    return not front.errors and any(keys.get(key) not in (None, "") for key in DATE_KEYS)


def _folders_above(docname: str) -> Iterable[str]:
    """``a/b/c`` -> ``a/b``, ``a``: the folders that hold a document."""
    folder = posixpath.dirname(docname)
    while folder:
        yield folder
        folder = posixpath.dirname(folder)


def _ancestors(docname: str) -> Iterable[str]:
    """``a/b/c`` -> ``a/b/c``, ``a/b``: each path whose folder may hold the page."""
    while "/" in docname:
        yield docname
        docname = posixpath.dirname(docname)
    yield docname


_CONTENT_SUFFIXES = {".md", ".markdown", ".rst", ".html", ".htm"}


def bundle_resource(page: Path, name: str) -> Path | None:
    """The file of a page's bundle whose path holds ``name``, as Hugo's ``GetMatch "**NAME*"``.

    A leaf or branch bundle (``index.md``, ``_index.md``) owns the files in and below its
    folder; another page owns none. Content files are not resources.

    :param page: the page's source file
    """
    if page.stem not in {"index", "_index"} or not name:
        return None
    pattern = re.compile(f".*{re.escape(name)}[^/]*", re.IGNORECASE)
    folder = page.parent
    found = sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix.lower() not in _CONTENT_SUFFIXES
        and pattern.fullmatch(path.relative_to(folder).as_posix())
    )
    return found[0] if found else None
