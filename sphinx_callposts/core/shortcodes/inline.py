"""Shortcodes in running text: each tag (or pair) becomes one line of MyST, inline code kept."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..markdown import escape_markdown
from .grammar import OPENER, TAG, as_code, closing_tag, parse_tag, unescape, unescaped_tag
from .handlers import render

if TYPE_CHECKING:
    from .scanner import _Rewriter

_BACKTICKS = re.compile(r"`+")
#: what stands before a link's destination: an inline link's ``](``, or a link
#: reference definition's ``[label]:`` at the start of a line
_LINK_DESTINATION = re.compile(r"(?:\]\(|^ {0,3}\[[^\]]+\]:)\s*<?\Z", re.MULTILINE)


def open_tag_pending(text: str) -> bool:
    """Whether ``text`` has a ``{{<``/``{{%`` that no complete tag starts at."""
    tags = {match.start() for match in TAG.finditer(text)}
    return any(match.start() not in tags for match in OPENER.finditer(text))


def code_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of the inline code spans of a line."""
    spans = []
    position = 0
    while match := _BACKTICKS.search(text, position):
        closer = re.compile(rf"(?<!`){match.group(0)}(?!`)").search(text, match.end())
        if not closer:
            position = match.end()
            continue
        spans.append((match.start(), closer.end()))
        position = closer.end()
    return spans


def rewrite_inline(text: str, line: int, rewriter: _Rewriter) -> str:
    """Rewrite the shortcodes of running text, leaving inline code as it is."""
    spans = code_spans(text)
    tags = {match.start() for match in TAG.finditer(text)}
    unclosed = set()
    for opener in OPENER.finditer(text):
        if opener.start() not in tags and not any(a <= opener.start() < b for a, b in spans):
            unclosed.add(opener.start())
            rewriter.context.warn(
                "a shortcode opened here is never closed with '>}}' or '%}}'",
                line + text.count("\n", 0, opener.start()),
            )

    def plain(start: int, end: int) -> str:
        """Text as written, but an unclosed ``{{<`` never starts an HTML tag."""
        cuts = sorted(offset for offset in unclosed if start <= offset < end)
        pieces, position = [], start
        for offset in cuts:
            pieces += [text[position:offset], escape_markdown(text[offset : offset + 3])]
            position = offset + 3
        return "".join([*pieces, text[position:end]])

    pieces = []
    position = 0
    while match := TAG.search(text, position):
        if any(start <= match.start() < end for start, end in spans):
            pieces.append(plain(position, match.end()))
            position = match.end()
            continue
        pieces.append(plain(position, match.start()))
        tag_line = line + text.count("\n", 0, match.start())
        closing = closing_tag(text, match)
        inner = None
        if closing:
            inner = rewrite_inline(text[match.end() : closing.start()], tag_line, rewriter)
        pieces.append(_inline_tag(match, text[: match.start()], tag_line, rewriter, inner))
        position = closing.end() if closing else match.end()
    pieces.append(plain(position, len(text)))
    result = "".join(pieces)
    # code spans keep their text, but an escaped shortcode in them reads as Hugo prints it
    return unescape(result) if spans else result


def _inline_tag(
    match: re.Match[str], before: str, line: int, rewriter: _Rewriter, inner: str | None = None
) -> str:
    """Running text: one tag (or a pair, with its ``inner`` text) to one line of MyST."""
    context = rewriter.context
    if match["escape"]:
        return escape_markdown(unescaped_tag(match))
    if match["closing"]:
        context.warn(f"closing tag '{match.group(0)}' without an opening tag", line)
        return as_code(match.group(0))
    shortcode = parse_tag(match, context, line, block=False, parent=rewriter.parent)
    shortcode.inner = inner
    result = render(shortcode, context, destination=bool(_LINK_DESTINATION.search(before)))
    if result is None:
        if inner is None:
            return as_code(match.group(0))
        closing = f"{{{{{match['open']} /{match['name']} {match['end']}}}}}"
        return as_code(match.group(0)) + inner + as_code(closing)
    return " ".join(result.split("\n"))
