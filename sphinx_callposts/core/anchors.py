"""Heading ids as Hugo gives them: Goldmark's ``{#id .class}`` and Hugo's automatic ids.

Hugo gives every heading of a page an id (``markup.goldmark.parser.autoHeadingID``),
made from the heading's text by its ``autoHeadingIDType`` (``markup/goldmark/autoid.go``):
``github`` (the default), ``github-ascii`` or ``blackfriday``; a repeated id gets
``-1``, ``-2``. A heading ending in Goldmark's attributes (``## Title {#id .class}``,
``parser/attribute.go``) takes that id and those classes. In-page links of old posts
(``[skip ahead](#solution)``) and links from elsewhere to ``post/#solution`` rely on
them. Pure Python, no Sphinx.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass, field

#: the values of ``callposts_heading_ids`` (Hugo's ``autoHeadingIDType``) besides False
ID_STYLES = ("github", "github-ascii", "blackfriday")
#: Go's ``unicode.IsSpace`` (``bytes.TrimSpace``)
_GO_SPACE = " \t\n\v\f\r\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
#: Goldmark's typographer makes ``---`` and ``--`` dashes, which no id keeps
_DASHES = re.compile("---|--")
#: a name in an attribute: ``key=value`` (Goldmark's parseAttribute)
_NAME = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:.-]*")
_VALUE = re.compile(r"[a-zA-Z_:][a-zA-Z0-9_:.-]*|[-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d*)?")
_SPACES = re.compile(r"[ \t]*")


def anchorize(text: str, style: str = "github") -> str:
    """The id Hugo makes of a heading's text (``sanitizeAnchorName``), before dedup."""
    if style == "blackfriday":
        return _blackfriday(text)
    if style == "github-ascii":
        decomposed = unicodedata.normalize("NFD", text)
        text = unicodedata.normalize(
            "NFC", "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
        )
    anchor = []
    for char in text.strip(_GO_SPACE):
        if style == "github-ascii" and not char.isascii():
            continue
        if char in "- ":
            anchor.append("-")
        elif char == "_" or _is_letter(char) or unicodedata.category(char) == "Nd":
            anchor.append(_lower(char))
    return "".join(anchor)


def _blackfriday(text: str) -> str:
    """Blackfriday's ``SanitizedAnchorName``: runs of other characters make one hyphen."""
    anchor: list[str] = []
    dash = False
    for char in text:
        if _is_letter(char) or unicodedata.category(char).startswith("N"):
            if dash and anchor:
                anchor.append("-")
            dash = False
            anchor.append(_lower(char))
        else:
            dash = True
    return "".join(anchor)


def _is_letter(char: str) -> bool:
    return unicodedata.category(char).startswith("L")


def _lower(char: str) -> str:
    """Go's ``unicode.ToLower``: one character for one (``İ`` gives ``i``)."""
    return char.lower()[:1] or char


def typographer_text(text: str) -> str:
    """Text as Goldmark's typographer leaves it for an id: ``--`` and ``---`` are dashes."""
    return _DASHES.sub(lambda match: "\u2014" if len(match[0]) == 3 else "\u2013", text)


@dataclass
class HeadingIds:
    """One page's heading ids, given in the page's order (Hugo's ``idFactory``)."""

    style: str = "github"
    taken: set[str] = field(default_factory=set)

    def generate(self, text: str) -> str:
        """The next heading's automatic id: ``heading`` when the text gives none, and
        ``-1``, ``-2`` on an id already given."""
        return self.unique(anchorize(text, self.style) or "heading")

    def unique(self, anchor: str) -> str:
        """``anchor``, or with the first free ``-1``, ``-2`` when it is given already.

        Hugo repeats a heading's own id (``{#id}``) that another heading has; a page here
        cannot, so the second one is numbered as an automatic id would be.
        """
        if anchor in self.taken:
            number = 1
            while f"{anchor}-{number}" in self.taken:
                number += 1
            anchor = f"{anchor}-{number}"
        self.taken.add(anchor)
        return anchor


@dataclass(frozen=True)
class HeadingAttributes:
    """What ``{#id .class}`` at a heading's end gives it.

    :param text: the heading's text without them
    """

    text: str
    id: str | None
    classes: tuple[str, ...]


def heading_attributes(text: str) -> HeadingAttributes | None:
    """The attributes that end a heading's text, as Goldmark reads them; None if none do.

    The first ``{`` from which attributes parse to the end of the line counts.
    """
    start = text.find("{")
    while start >= 0:
        parsed = _attributes(text, start)
        if parsed is not None:
            end, anchor, classes = parsed
            if not text[end:].strip(" \t"):
                return HeadingAttributes(text[:start].rstrip(" \t"), anchor, tuple(classes))
        start = text.find("{", start + 1)
    return None


def _attributes(text: str, position: int) -> tuple[int, str | None, list[str]] | None:
    """``(end, id, classes)`` of the attributes in braces at ``position``, or None."""
    position += 1
    anchor: str | None = None
    classes: list[str] = []
    while True:
        position = _SPACES.match(text, position).end()  # type: ignore[union-attr]
        if text.startswith("}", position):
            return position + 1, anchor, classes
        if text[position : position + 1] in ("#", "."):
            end = position + 1
            while end < len(text) and (
                text[end] not in string.whitespace
                and (text[end] not in string.punctuation or text[end] in "_-:.")
            ):
                end += 1
            value = text[position + 1 : end]
            if text[position] == "#":
                anchor = value
            else:
                classes.append(value)
            position = end
        else:
            end = _key_value_end(text, position)
            if end is None:
                return None
            position = end
        position = _SPACES.match(text, position).end()  # type: ignore[union-attr]
        if text.startswith(",", position):
            position += 1


def _key_value_end(text: str, position: int) -> int | None:
    """Where a ``key=value`` attribute ends (its value a name, number or string)."""
    name = _NAME.match(text, position)
    if name is None:
        return None
    position = _SPACES.match(text, name.end()).end()  # type: ignore[union-attr]
    if not text.startswith("=", position):
        return None
    position = _SPACES.match(text, position + 1).end()  # type: ignore[union-attr]
    if text.startswith('"', position):
        end = position + 1
        while end < len(text) and text[end] != '"':
            end += 2 if text[end] == "\\" else 1
        return end + 1 if end < len(text) else None
    value = _VALUE.match(text, position)
    return value.end() if value else None
