"""Which documents are posts and section pages, and their front matter at ``source-read``.

Front matter is read here from the raw text, then replaced, line for line, by what
MyST should see: the keys the extension does not own, and the title as an H1.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Any

import yaml
from sphinx.util.matching import Matcher

from .config import warn
from .post import OWN_KEYS, read_post

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

POST = "post"
SECTION = "section"
#: ``env.temp_data`` key of the post being read
TEMP_POST = "callposts_post"

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:\s|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_EMBEDS_POST = re.compile(r"^ {0,3}(?:`{3,}|~{3,}|:{3,})\{callpost\}[ \t]+\S", re.MULTILINE)
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def classify(docnames: Iterable[str], patterns: list[str]) -> dict[str, str]:
    """Map each post and section page among ``docnames`` to ``POST`` or ``SECTION``.

    As in Hugo, ``_index`` is a section page (a branch bundle), and ``index`` is
    the post of a leaf bundle unless its folder holds other posts.
    """
    matcher = Matcher(patterns)
    matched = [name for name in docnames if matcher(name)]
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


def _ancestors(docname: str) -> Iterable[str]:
    """``a/b/c`` -> ``a/b/c``, ``a/b``: each path whose folder may hold the page."""
    while "/" in docname:
        yield docname
        docname = posixpath.dirname(docname)
    yield docname


def page_kind(env: BuildEnvironment, docname: str) -> str | None:
    """``POST``, ``SECTION`` or ``None`` for a document."""
    return getattr(env, "callposts_pages", {}).get(docname)


def note_pages(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Classify the documents once per build, before any is read."""
    env.callposts_pages = classify(env.found_docs, app.config.callposts_pattern)


def read_page_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """Parse a post's or section page's front matter and hand MyST a safe version."""
    env = app.env
    kind = page_kind(env, docname)
    if kind is None or not is_markdown(app, docname):
        return
    text = source[0]
    front, post, problems = read_post(docname, text, section=kind == SECTION)
    if not front.format and _EMBEDS_POST.search(text):
        return  # the {callpost} directive brings the post, front matter and all
    for problem in problems:
        warn(problem.message, (docname, problem.line), problem.subtype)

    body = text.split("\n")[front.lines :]
    title = "" if starts_with_h1(body) else post.title or _fallback_title(docname, kind)
    if title and front.lines:
        lift_headings(body)
    source[0] = "\n".join(myst_front_matter(front.data, title, front.lines) + body)
    if kind == POST:
        env.temp_data[TEMP_POST] = post.with_page_data(title=post.title or title)


def is_markdown(app: Sphinx, docname: str) -> bool:
    """Whether MyST parses the document."""
    suffix = str(app.env.doc2path(docname))
    return any(
        suffix.endswith(ext) and filetype == "markdown"
        for ext, filetype in app.config.source_suffix.items()
    )


def headings(lines: list[str]) -> Iterator[tuple[int, int]]:
    """``(index, level)`` of the ATX headings of Markdown lines, outside code fences."""
    fence = ""
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if match and (not fence or match.group(1).startswith(fence)):
            fence = "" if fence else match.group(1)[0] * 3
            continue
        heading = None if fence else _HEADING.match(line)
        if heading:
            yield index, len(heading.group(1))


def starts_with_h1(lines: list[str]) -> bool:
    """Whether the first heading of a Markdown body is an H1."""
    return next((level for _index, level in headings(lines)), 0) == 1


def lift_headings(lines: list[str], to_level: int = 2) -> None:
    """Move every heading by as many levels as makes the shallowest one ``to_level``.

    Hugo posts may start at H3; in Sphinx the nesting, not the level, makes the
    ``<hN>``, so the page looks the same, without "non-consecutive level" warnings.
    """
    found = list(headings(lines))
    shift = to_level - min((level for _index, level in found), default=to_level)
    if shift:
        for index, level in found:
            text = lines[index].lstrip()[level:]
            lines[index] = "#" * max(1, min(6, level + shift)) + text


def myst_front_matter(data: dict[str, Any], title: str, size: int) -> list[str]:
    """``size`` lines for MyST: its own keys as YAML, then the title as an H1.

    Keeping the line count keeps every warning about the body on its real line.
    """
    kept = {key: value for key, value in data.items() if str(key).lower() not in OWN_KEYS}
    heading = [f"# {escape_markdown(title)}"] if title and size else []
    block: list[str] = []
    if kept and size - len(heading) >= 3:
        dumped = yaml.safe_dump(
            kept, default_flow_style=True, width=float("inf"), allow_unicode=True, sort_keys=False
        ).strip()
        if "\n" not in dumped:
            block = ["---", dumped, "---"]
    return block + [""] * (size - len(block) - len(heading)) + heading


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as written: every ASCII punctuation mark escaped."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def _fallback_title(docname: str, kind: str) -> str:
    """Hugo's title for a page without one: its file or, for a section, folder name."""
    name = posixpath.basename(docname)
    if name in {"index", "_index"}:
        name = posixpath.basename(posixpath.dirname(docname)) or name
    return name.replace("-", " ").replace("_", " ").strip().capitalize()


def setup_pages(app: Sphinx) -> None:
    """Classify pages and read their front matter."""
    app.connect("env-before-read-docs", note_pages)
    app.connect("source-read", read_page_front_matter)
