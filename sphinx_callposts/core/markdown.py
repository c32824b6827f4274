"""Markdown as text: headings outside code fences, and escaping."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:\s|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CLOSING_HASHES = re.compile(r"(?:^|\s+)#+\s*$")
_EMPHASIS = re.compile(r"[*_`\\]")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# what would make a line of inline Markdown start a block, or a directive's option
_BLOCK_START = re.compile(r"^(?:[!-/:-@\[-`{-~]|\d+(?=[.)]))")
_EMBED = re.compile(r"^ {0,3}(?:`{3,}|~{3,}|:{3,})\{callpost\}[ \t]+(\S.*?)\s*$", re.MULTILINE)


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


def h1_title(lines: list[str]) -> str:
    """The text of a body's first heading when it is an H1, as its page shows it: the
    title of a post whose front matter gives none; ``""`` for a body without one."""
    first = next(iter(headings(lines)), None)
    if first is None or first[1] != 1:
        return ""
    text = _LINK.sub(r"\1", _heading_text(lines[first[0]]))
    return " ".join(_EMPHASIS.sub("", text).split())


def drop_repeated_title(lines: list[str], title: str) -> None:
    """Blank the body's first H1 when it only repeats the page title.

    Hugo's page title comes from front matter, and many posts restate it as an H1;
    shown twice it would also make the post's only section a sub-section of itself.
    The line stays, blank, so that the lines below keep their numbers.
    """
    index = next((index for index, level in headings(lines) if level == 1), None)
    if index is not None and _plain(_heading_text(lines[index])) == _plain(title):
        lines[index] = ""


def _heading_text(line: str) -> str:
    """The text of an ATX heading line, without its marks and closing ``#``s."""
    text = line.strip().lstrip("#")
    return _CLOSING_HASHES.sub("", text).strip()


def _plain(text: str) -> str:
    """Text compared as a reader reads it: no emphasis marks, spaces or case."""
    return " ".join(_EMPHASIS.sub("", text).split()).casefold()


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


def code_span(text: str, padded: bool = False) -> str:
    """``text`` as inline code, between backticks longer than any run inside it.

    :param padded: a space inside each fence even where the text needs none
    """
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    if padded or text.startswith("`") or text.endswith("`"):
        return f"{fence} {text} {fence}"
    return f"{fence}{text}{fence}"


def escape_markdown(text: str) -> str:
    """Text that Markdown shows as written: every ASCII punctuation mark escaped."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def embedded_files(text: str) -> list[tuple[int, str]]:
    """``(line, path as written)`` of each ``{callpost} path`` directive of a Markdown text."""
    return [
        (text.count("\n", 0, match.start()) + 1, match.group(1)) for match in _EMBED.finditer(text)
    ]


def markdownify(text: str) -> str:
    """One line of Markdown that stays inline text, with no raw HTML in it.

    As Hugo's ``markdownify`` with its default (safe) renderer: emphasis, links and code
    still work, but ``<`` never opens a tag, and the line never starts a block (a
    heading, a list, a fence, a directive's ``:option:``).
    """
    line = " ".join(text.split()).replace("<", "&lt;")
    match = _BLOCK_START.match(line)
    if not match:
        return line
    if match.group().isdigit():  # "1." or "1)" would start a list
        end = match.end()
        return f"{line[:end]}\\{line[end:]}"
    return "\\" + line
