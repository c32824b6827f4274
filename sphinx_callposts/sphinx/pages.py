"""Which documents are posts and section pages, and their front matter at ``source-read``.

Front matter is read here from the raw text, then replaced, line for line, by what
MyST should see: the keys the extension does not own, and the title as an H1.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Any

import yaml

from ..core.bundles import POST, SECTION, classify
from ..core.markdown import escape_markdown, lift_headings, starts_with_h1
from ..core.post import OWN_KEYS, read_post
from .config import warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: ``env.temp_data`` key of the post being read
TEMP_POST = "callposts_post"

_EMBEDS_POST = re.compile(r"^ {0,3}(?:`{3,}|~{3,}|:{3,})\{callpost\}[ \t]+\S", re.MULTILINE)


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
