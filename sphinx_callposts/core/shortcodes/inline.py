"""Shortcodes in running text: each tag (or pair) becomes one line of MyST, inline code kept."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from ..markdown import escape_markdown
from .grammar import (
    MAX_DEPTH,
    LineCounter,
    Pairs,
    Tag,
    TagScanner,
    as_code,
    parse_tag,
    too_deep,
    unescape,
    unescaped_tag,
)
from .handlers import render

if TYPE_CHECKING:
    from .scanner import _Rewriter

_BACKTICKS = re.compile(r"`+")
#: what stands before a link's destination: an inline link's ``](``, or a link
#: reference definition's ``[label]:`` at the start of a line
_LINK_DESTINATION = re.compile(r"(?:\]\(|^ {0,3}\[[^\]]+\]:)\s*<?\Z", re.MULTILINE)


def open_tag_pending(text: str) -> bool:
    """Whether ``text`` has a ``{{<``/``{{%`` that no complete tag starts at."""
    if "{{" not in text:
        return False
    scanner = TagScanner(text)
    tags = {match.start() for match in scanner.tags()}
    return any(opener not in tags for opener in scanner.openers)


def code_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of the inline code spans of a line.

    A run of backticks is closed by the next run of the same length, if any.
    """
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(text)]
    following: list[int | None] = [None] * len(runs)
    last_of_length: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last_of_length.get(length)
        last_of_length[length] = index
    spans = []
    index = 0
    while index < len(runs):
        closer = following[index]
        if closer is None:
            index += 1
            continue
        spans.append((runs[index][0], runs[closer][1]))
        index = closer + 1
    return spans


class _Spans:
    """Whether an offset falls in one of some sorted, disjoint ``(start, end)`` spans."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._starts = [start for start, _end in spans]
        self._spans = spans

    def __contains__(self, offset: int) -> bool:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._spans[index][1]


def rewrite_inline(text: str, line: int, rewriter: _Rewriter, depth: int = 0) -> str:
    """Rewrite the shortcodes of running text, leaving inline code as it is.

    :param depth: how many pairs of the text around this one it is inside
    """
    spans = code_spans(text)
    in_code = _Spans(spans)
    scanner = TagScanner(text)
    tags = list(scanner.tags())
    lines_before = LineCounter(text)
    starts = {match.start() for match in tags}
    unclosed = []
    for opener in scanner.openers:
        if opener not in starts and opener not in in_code:
            unclosed.append(opener)
            rewriter.context.warn(
                "a shortcode opened here is never closed with '>}}' or '%}}'",
                line + lines_before(opener),
            )

    def plain(start: int, end: int) -> str:
        """Text as written, but an unclosed ``{{<`` never starts an HTML tag."""
        first, last = bisect.bisect_left(unclosed, start), bisect.bisect_left(unclosed, end)
        pieces, position = [], start
        for offset in unclosed[first:last]:
            pieces += [text[position:offset], escape_markdown(text[offset : offset + 3])]
            position = offset + 3
        return "".join([*pieces, text[position:end]])

    pairs = Pairs(tags)
    pieces = []
    position = 0
    for index, match in enumerate(tags):
        if match.start() < position:
            continue  # inside a pair already rewritten
        if match.start() in in_code:
            pieces.append(plain(position, match.end()))
            position = match.end()
            continue
        pieces.append(plain(position, match.start()))
        tag_line = line + lines_before(match.start())
        found = pairs.closing(match, index + 1)
        closing = None if found is None else tags[found]
        if closing and rewriter.depth + depth >= MAX_DEPTH:
            rewriter.context.warn(too_deep(), tag_line)
            closing = None
        inner = None
        if closing:
            inner_text = text[match.end() : closing.start()]
            inner = rewrite_inline(inner_text, tag_line, rewriter, depth + 1)
        destination = _in_link_destination(text, match.start())
        pieces.append(_inline_tag(match, destination, tag_line, rewriter, inner))
        position = closing.end() if closing else match.end()
    pieces.append(plain(position, len(text)))
    result = "".join(pieces)
    # code spans keep their text, but an escaped shortcode in them reads as Hugo prints it
    return unescape(result) if spans else result


def _in_link_destination(text: str, offset: int) -> bool:
    """Whether ``offset`` is where a link's destination starts (``_LINK_DESTINATION``).

    Such a place follows ``](`` or ``]:`` (spaces and a ``<`` between): only then is the
    text before it searched, back to the ``]`` before that one, which no match crosses.
    """
    end = offset - 1 if text[offset - 1 : offset] == "<" else offset
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if text[end - 2 : end] not in {"](", "]:"}:
        return False
    start = text.rfind("]", 0, end - 2) + 1
    return bool(_LINK_DESTINATION.search(text, start, offset))


def _inline_tag(
    match: Tag, destination: bool, line: int, rewriter: _Rewriter, inner: str | None = None
) -> str:
    """Running text: one tag (or a pair, with its ``inner`` text) to one line of MyST.

    :param destination: the tag stands where a link's destination starts
    """
    context = rewriter.context
    if match["escape"]:
        return escape_markdown(unescaped_tag(match))
    if match["closing"]:
        context.warn(f"closing tag '{match.group(0)}' without an opening tag", line)
        return as_code(match.group(0))
    shortcode = parse_tag(match, context, line, block=False, parent=rewriter.parent)
    shortcode.inner = inner
    result = render(shortcode, context, destination=destination)
    if result is None:
        if inner is None:
            return as_code(match.group(0))
        closing = f"{{{{{match['open']} /{match['name']} {match['end']}}}}}"
        return as_code(match.group(0)) + inner + as_code(closing)
    return " ".join(result.split("\n"))
