"""GitHub alerts (``> [!NOTE]`` ... ``> [!CAUTION]``), which Hugo renders, as admonitions."""

from __future__ import annotations

import re

from .docsy import admonition
from .model import Shortcode

_ALERT = re.compile(
    r"^\s*>[ \t]?\[!(?P<kind>NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][+-]?[ \t]*(?P<title>.*)$",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"^\s*>[ \t]?(?P<text>.*)$")


def alert_at(lines: list[str], index: int) -> tuple[str, str, int, str] | None:
    """The GitHub alert that ``lines[index]`` opens, or ``None``.

    :returns: ``(kind, title, index of its last line, its Markdown)``; the title is what
        follows the marker (Hugo's alert title), often nothing
    """
    match = _ALERT.match(lines[index])
    if not match or (index and _QUOTED.match(lines[index - 1])):
        return None  # not the first line of a blockquote
    last = index
    while last + 1 < len(lines) and _QUOTED.match(lines[last + 1]):
        last += 1
    content = [_QUOTED.match(line)["text"] for line in lines[index + 1 : last + 1]]  # type: ignore[index]
    return match["kind"].lower(), match["title"].strip(), last, "\n".join(content)


def render_alert(kind: str, title: str, content: str, line: int) -> str:
    """The admonition for a GitHub alert whose content is already rewritten."""
    return admonition(kind, title, content, Shortcode(kind, block=True, line=line))
