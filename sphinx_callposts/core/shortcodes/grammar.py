"""The grammar of Hugo shortcode tags: ``{{< name params >}}``, ``{{% ... %}}``, pairs, escapes.

``TAG`` says what a tag is; :class:`TagScanner` finds the tags it would find, in time
linear in the text. The regular expression alone tries again from every opener, to the
text's end when no tag closes (``{{< x "`` repeated), and backtracks over whitespace in
a tag cubically.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from ..markdown import code_span, escape_markdown
from .model import Context, Shortcode

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

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
_BLANK_REST = re.compile(r"\s*\Z")
_NAME = re.compile(r"[\w.-]+(?:/[\w.-]+)*")
_SPACE = re.compile(r"\s*")
#: where a tag's parameters may end or change how they are read: all else is one item each
_PARAM_STOP = re.compile(r"[\s\"`*/>%]")
_STRING_STOP = re.compile(r'["\\]')


#: how deep pairs (and alerts) may nest: each level is a few frames of Python's stack
MAX_DEPTH = 32


def too_deep() -> str:
    """The warning for a pair that would nest deeper than :data:`MAX_DEPTH`."""
    return f"shortcodes nested more than {MAX_DEPTH} deep: this pair is left as text"


class Tag:
    """One tag, with the groups of ``TAG``: ``tag["name"]``, ``tag.group(0)``, ``tag.start()``."""

    __slots__ = ("_end", "_groups", "_start", "_text")

    def __init__(self, text: str, start: int, end: int, groups: dict[str, str | None]) -> None:
        self._text, self._start, self._end, self._groups = text, start, end, groups

    def __getitem__(self, name: str) -> str | None:
        return self._groups[name]

    def group(self, _index: int = 0) -> str:
        """The tag's text (there is no group but the whole)."""
        return self._text[self._start : self._end]

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def __repr__(self) -> str:
        return f"<Tag {self.group(0)!r} at {self._start}>"


class TagScanner:
    """The tags of one text, found as ``TAG.finditer`` finds them, each character read once.

    A tag's parameters are read from where its name ends; reading from a given place
    gives the same end whichever opener got there first, so each place's result is kept
    (``_params``) and an opener whose reading reaches a place read before stops there.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.openers = [match.start() for match in OPENER.finditer(text)]
        self._param_stops: list[int] | None = None
        self._string_stops: list[int] | None = None
        #: place in the parameters -> (where they end, the end of the tag, its groups) or None
        self._params: dict[int, tuple[int, int, dict[str, str | None]] | None] = {}
        self._strings: dict[int, int | None] = {}

    def tags(self, start: int = 0) -> Iterator[Tag]:
        """The tags from ``start`` on, none overlapping, as ``TAG.finditer`` gives them."""
        index = bisect.bisect_left(self.openers, start)
        while index < len(self.openers):
            tag = self.tag_at(self.openers[index])
            if tag is None:
                index += 1
                continue
            yield tag
            index = bisect.bisect_left(self.openers, tag.end(), index + 1)

    def tag_at(self, position: int, *, whole: bool = False) -> Tag | None:
        """The tag that starts at ``position``, as ``TAG.match`` finds it.

        :param whole: the tag must end where the text ends, as ``TAG.fullmatch`` wants
        """
        text = self.text
        if not OPENER.match(text, position):
            return None
        groups: dict[str, str | None] = {"open": text[position + 2]}
        index = position + 3
        groups["escape"] = "/*" if text.startswith("/*", index) else None
        index = _after_spaces(text, index + 2 * bool(groups["escape"]))
        groups["closing"] = "/" if text.startswith("/", index) else None
        index = _after_spaces(text, index + bool(groups["closing"]))
        name = _NAME.match(text, index)
        if name is None:
            return None
        groups["name"] = name.group(0)
        found = self._read_whole(name.end()) if whole else self._read_params(name.end())
        if found is None:
            return None
        params_end, end, closing_groups = found
        return Tag(
            text,
            position,
            end,
            {**groups, "params": text[name.end() : params_end], **closing_groups},
        )

    def _read_params(self, index: int) -> tuple[int, int, dict[str, str | None]] | None:
        """Where the parameters read from ``index`` end, and the tag with them, if it closes."""
        visited = []
        while index not in self._params:
            visited.append(index)
            step = self._param_step(index)
            if not isinstance(step, int):
                result = step
                break
            index = step
        else:
            result = self._params[index]
        for place in visited:
            self._params[place] = result
        return result

    def _read_whole(self, index: int) -> tuple[int, int, dict[str, str | None]] | None:
        """As :meth:`_read_params`, for the tag that ends where the text does."""
        while True:
            step = self._param_step(index, len(self.text))
            if not isinstance(step, int):
                return step
            index = step

    def _param_step(
        self, index: int, end: int | None = None
    ) -> int | tuple[int, int, dict[str, str | None]] | None:
        """From a place between parameters: the tag's close, ``None`` (no close), or the next place.

        :param end: where the close must end, if it must end somewhere
        """
        text = self.text
        closing = self._close_at(index)
        if closing is not None and (end is None or closing[0] == end):
            return index, *closing
        if index >= len(text):
            return None
        char = text[index]
        if char == '"':
            quote = self._string_end(index + 1)
            return None if quote is None else quote + 1
        if char == "`":
            quote = text.find("`", index + 1)
            return None if quote < 0 else quote + 1
        if char.isspace():
            # every place in a run of spaces closes (or not) as the run's end does
            return _after_spaces(text, index)
        return self._next_stop(index + 1)

    def _close_at(self, index: int) -> tuple[int, dict[str, str | None]] | None:
        """``>}}``, ``%}}``, ``/>}}``, ``*/>}}`` (spaces before each part) at ``index``."""
        text = self.text
        index = _after_spaces(text, index)
        escape_end = "*/" if text.startswith("*/", index) else None
        if escape_end:
            index = _after_spaces(text, index + 2)
        self_closing = "/" if text.startswith("/", index) else None
        index += bool(self_closing)
        if text[index : index + 1] in {">", "%"} and text.startswith("}}", index + 1):
            groups = {"escape_end": escape_end, "self": self_closing, "end": text[index]}
            return index + 3, groups
        return None

    def _next_stop(self, index: int) -> int:
        """The first place from ``index`` on where the reading of parameters may change."""
        if self._param_stops is None:
            self._param_stops = [match.start() for match in _PARAM_STOP.finditer(self.text)]
        found = bisect.bisect_left(self._param_stops, index)
        return self._param_stops[found] if found < len(self._param_stops) else len(self.text)

    def _string_end(self, index: int) -> int | None:
        """The quote that ends a ``"`` string whose text starts at ``index``, if any."""
        if self._string_stops is None:
            self._string_stops = [match.start() for match in _STRING_STOP.finditer(self.text)]
        stops, visited = self._string_stops, []
        result: int | None = None
        while index not in self._strings:
            visited.append(index)
            found = bisect.bisect_left(stops, index)
            if found == len(stops) or (
                self.text[stops[found]] == "\\" and stops[found] + 1 >= len(self.text)
            ):
                break
            if self.text[stops[found]] == '"':
                result = stops[found]
                break
            index = stops[found] + 2  # a backslash and the character it escapes
        else:
            result = self._strings[index]
        for place in visited:
            self._strings[place] = result
        return result


class LineCounter:
    """The newlines of a text before an offset: ``text.count("\\n", 0, offset)``, by a search."""

    def __init__(self, text: str) -> None:
        self._breaks = [match.start() for match in re.finditer("\n", text)]

    def __call__(self, offset: int) -> int:
        return bisect.bisect_left(self._breaks, offset)


def _after_spaces(text: str, index: int) -> int:
    """The end of the run of spaces (``\\s``) that starts at ``index``, if any."""
    found = _SPACE.match(text, index)
    return found.end() if found else index


def find_tags(text: str, start: int = 0) -> list[Tag]:
    """The tags of ``text`` from ``start`` on, as ``TAG.finditer`` finds them."""
    if "{{" not in text:
        return []
    return list(TagScanner(text).tags(start))


def whole_tag(text: str) -> Tag | None:
    """``text`` as one tag, as ``TAG.fullmatch`` reads it, or ``None``."""
    if not text.startswith("{{"):
        return None
    return TagScanner(text).tag_at(0, whole=True)


class Pairs:
    """For tags in a row (``None`` for a place without one), the closing tag of an opening one.

    Tags of the same name nest; escaped ones and ``None`` are passed over. Each name's
    running depth is kept once, so that each question costs a search, not a walk.
    """

    def __init__(self, tags: Sequence[Tag | None]) -> None:
        #: name -> the places of its tags, and the depth after each (before the first: 0)
        self._places: dict[str, list[int]] = {}
        self._depths: dict[str, list[int]] = {}
        #: name -> for each of its tags, the next one after which the depth is lower
        self._lower: dict[str, list[int | None]] = {}
        for place, tag in enumerate(tags):
            if not tag or tag["escape"]:
                continue
            name = tag["name"] or ""
            depths = self._depths.setdefault(name, [0])
            self._places.setdefault(name, []).append(place)
            depths.append(depths[-1] + (-1 if tag["closing"] else 1))
        for name, depths in self._depths.items():
            self._lower[name] = _next_lower(depths)

    def closing(self, opening: Tag, after: int) -> int | None:
        """Where the tag closing ``opening`` stands, among the tags from ``after`` on."""
        if opening["escape"] or opening["closing"] or opening["self"]:
            return None
        name = opening["name"] or ""
        if name not in self._places:
            return None
        # the depth just before ``after`` is the one to fall below
        before = bisect.bisect_left(self._places[name], after)
        lower = self._lower[name][before]
        return None if lower is None else self._places[name][lower - 1]


def _next_lower(depths: list[int]) -> list[int | None]:
    """For each place of ``depths``, the first later place whose depth is lower, if any."""
    found: list[int | None] = [None] * len(depths)
    waiting: list[int] = []
    for place, depth in enumerate(depths):
        while waiting and depths[waiting[-1]] > depth:
            found[waiting.pop()] = place
        waiting.append(place)
    return found


def closing_tag(text: str, match: Tag) -> Tag | None:
    """The closing tag that pairs with an opening one later in the same text, if any."""
    tags = find_tags(text, match.end())
    found = Pairs(tags).closing(match, 0)
    return None if found is None else tags[found]


def parse_tag(
    match: Tag,
    context: Context,
    line: int,
    *,
    block: bool,
    parent: Shortcode | None = None,
) -> Shortcode:
    """A :class:`Shortcode` from a tag; malformed parameters give a warning."""
    shortcode = Shortcode(
        name=match["name"] or "",
        markdown=match["open"] == "%",
        block=block,
        line=line,
        docname=context.docname,
        parent=parent,
    )
    params = match["params"] or ""
    position = 0
    while not _BLANK_REST.match(params, position):
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


def unescaped_tag(match: Tag) -> str:
    """``{{</* x */>}}`` as Hugo prints it: ``{{< x >}}``."""
    text = match.group(0)
    if text[-5:-3] == "*/":
        text = f"{text[:-5].rstrip()} {text[-3:]}"
    if text[3:5] == "/*":
        text = f"{text[:3]} {text[5:].lstrip()}"
    return text


def unescape(text: str) -> str:
    """``{{</* x */>}}`` -> ``{{< x >}}``, as Hugo prints an escaped shortcode."""
    pieces, position = [], 0
    for match in find_tags(text):
        if match["escape"]:
            pieces += [text[position : match.start()], unescaped_tag(match)]
            position = match.end()
    return "".join([*pieces, text[position:]])
