"""The grammar of Hugo shortcode tags: ``{{< name params >}}``, ``{{% ... %}}``, pairs, escapes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..markdown import code_span, escape_markdown
from .model import Context, Shortcode

if TYPE_CHECKING:
    from collections.abc import Iterable

TAG = re.compile(
    r"""\{\{(?P<open>[<%])(?P<escape>/\*)?\s*(?P<closing>/)?\s*(?P<name>[\w.-]+(?:/[\w.-]+)*)"""
    r"""(?P<params>(?:"(?:[^"\\]|\\.)*"|`[^`]*`|[^"`])*?)"""
    r"""\s*(?P<escape_end>\*/)?\s*(?P<self>/)?(?P<end>[>%])\}\}""",
    re.DOTALL,
)
OPENER = re.compile(r"\{\{[<%]")
_HTML_START = re.compile(r"<[A-Za-z/!?]")
_PARAM = re.compile(
    r"""\s*(?:(?P<key>[\w-]+)\s*=\s*)?(?:"(?P<dq>(?:[^"\\]|\\.)*)"|`(?P<bq>[^`]*)`|(?P<bare>[^\s"`=]+))"""
)


def closing_tag(text: str, match: re.Match[str]) -> re.Match[str] | None:
    """The closing tag that pairs with an opening one later in the same text, if any."""
    tags = list(TAG.finditer(text, match.end()))
    found = closing_index(match, tags)
    return None if found is None else tags[found]


def closing_index(opening: re.Match[str], tags: Iterable[re.Match[str] | None]) -> int | None:
    """Where, among the ``tags`` that follow ``opening``, the one closing it stands.

    Tags of the same name nest; escaped ones and ``None`` (no tag) are passed over.
    """
    if opening["escape"] or opening["closing"] or opening["self"]:
        return None
    depth = 0
    for position, tag in enumerate(tags):
        if not tag or tag["escape"] or tag["name"] != opening["name"]:
            continue
        if not tag["closing"]:
            depth += 1
        elif depth:
            depth -= 1
        else:
            return position
    return None


def parse_tag(
    match: re.Match[str],
    context: Context,
    line: int,
    *,
    block: bool,
    parent: Shortcode | None = None,
) -> Shortcode:
    """A :class:`Shortcode` from a tag; malformed parameters give a warning."""
    shortcode = Shortcode(
        name=match["name"],
        markdown=match["open"] == "%",
        block=block,
        line=line,
        docname=context.docname,
        parent=parent,
    )
    params = match["params"]
    position = 0
    while position < len(params) and params[position:].strip():
        found = _PARAM.match(params, position)
        if not found:
            context.warn(
                f"{shortcode.name}: cannot read the parameters {params[position:].strip()!r}", line
            )
            break
        value = (
            found["dq"]
            if found["dq"] is not None
            else found["bq"]
            if found["bq"] is not None
            else found["bare"]
        )
        if found["dq"] is not None:
            value = re.sub(r"\\(.)", r"\1", value)
        if found["key"]:
            shortcode.kwargs[found["key"]] = value
        else:
            shortcode.args.append(value)
        position = found.end()
    return shortcode


def as_code(tag: str) -> str:
    """A shortcode left as it is, shown exactly as written: inline code, one line.

    A tag that holds HTML is escaped text instead: a backtick earlier in the paragraph
    could pair with the code span's and set the HTML free.
    """
    text = " ".join(tag.split())
    if _HTML_START.search(text):
        return escape_markdown(text)
    return code_span(text)


def unescaped_tag(match: re.Match[str]) -> str:
    text = match.group(0)
    return re.sub(r"^\{\{([<%])/\*\s*", r"{{\1 ", re.sub(r"\s*\*/([>%])\}\}$", r" \1}}", text))


def unescape(text: str) -> str:
    """``{{</* x */>}}`` -> ``{{< x >}}``, as Hugo prints an escaped shortcode."""
    return TAG.sub(lambda match: unescaped_tag(match) if match["escape"] else match.group(0), text)
