"""The shortcode scanner's work is linear in the text: twice the text, at most twice the work.

Work is counted in operations, not seconds: the lines of Python the package runs (a
``sys.settrace`` hook) and the characters its regular expressions may read (each
compiled pattern of the core wrapped while the text is rewritten), which a machine's
load does not change. The tag finder is also
held to the regular expression that defines a tag (``TAG``), on texts small enough for it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sphinx_callposts
from sphinx_callposts.core.shortcodes.grammar import (
    MAX_DEPTH,
    TAG,
    find_tags,
    too_deep,
    whole_tag,
)
from sphinx_callposts.core.shortcodes.scanner import shortcode_problems

PACKAGE = str(Path(sphinx_callposts.__file__).parent)
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)

#: what shortcodes, Markdown and HTML are made of, more often than chance would
PIECES = st.sampled_from(
    [
        "{{<", "{{%", ">}}", "%}}", "/>}}", "*/", "/*", " ", "   ", "\n", "\n\n", '"', "\\", "`",
        "```\n", "x", "/x", "details", "/details", "youtube abc", "note", "/note", "a=", "<div>",
        "</div>", '<a href="', "](", "[l]: ", "> [!NOTE]\n", "# h\n", "param title", "é", "\t",
        "{{< details >}}\n", "{{< /details >}}\n", "{{< youtube abc >}}", ":::{note}\n", ":::\n",
    ]
)  # fmt: skip
CHUNKS = st.lists(PIECES, min_size=1, max_size=10).map("".join)
SPARE = 0.01
#: copies of a chunk: enough that pairs spanning copies reach the nesting limit
COPIES = 2 * MAX_DEPTH


class _CountingPattern:
    """A compiled pattern that adds to ``reads`` the characters each call may read.

    A match reads what it matched (or one character, failing); a search that fails, and
    ``finditer``, ``sub`` and the like read to the end: a scan from every opener to the
    text's end shows as such, though a pattern's own backtracking does not.
    """

    def __init__(self, pattern: re.Pattern[str], counter: list[int]) -> None:
        self._pattern, self._counter = pattern, counter

    def _read(self, string: str, pos: int, endpos: int | None, found) -> None:
        end = len(string) if endpos is None else min(endpos, len(string))
        self._counter[0] += (found.end() - pos + 1) if found else end - pos

    def match(self, string, pos=0, endpos=sys.maxsize):
        found = self._pattern.match(string, pos, endpos)
        self._counter[0] += (found.end() - pos + 1) if found else 1
        return found

    def fullmatch(self, string, pos=0, endpos=sys.maxsize):
        found = self._pattern.fullmatch(string, pos, endpos)
        self._counter[0] += (found.end() - pos + 1) if found else 1
        return found

    def search(self, string, pos=0, endpos=sys.maxsize):
        found = self._pattern.search(string, pos, endpos)
        self._read(string, pos, endpos, found)
        return found

    def finditer(self, string, pos=0, endpos=sys.maxsize):
        self._read(string, pos, endpos, None)
        return self._pattern.finditer(string, pos, endpos)

    def sub(self, repl, string, count=0):
        self._counter[0] += len(string)
        return self._pattern.sub(repl, string, count)

    def __getattr__(self, name: str):
        return getattr(self._pattern, name)


def _patterns() -> list[tuple[object, str, re.Pattern[str]]]:
    """The compiled patterns of the scanner's modules: (module, name, pattern)."""
    modules = [
        module
        for name, module in sorted(sys.modules.items())
        if name.startswith("sphinx_callposts.core.") and module is not None
    ]
    return [
        (module, name, value)
        for module in modules
        for name, value in vars(module).items()
        if isinstance(value, re.Pattern)
    ]


def operations(text: str) -> int:
    """The lines of the package's Python run to rewrite ``text``'s shortcodes, and the
    characters its patterns may read."""
    lines, reads = 0, [0]

    def count_lines(frame, event, arg):
        nonlocal lines
        if event == "line":
            lines += 1
        return count_lines

    def on_call(frame, event, arg):
        return count_lines if frame.f_code.co_filename.startswith(PACKAGE) else None

    patterns = _patterns()
    for module, name, pattern in patterns:
        setattr(module, name, _CountingPattern(pattern, reads))
    sys.settrace(on_call)
    try:
        shortcode_problems(text, params={"title": "T"})
    finally:
        sys.settrace(None)
        for module, name, pattern in patterns:
            setattr(module, name, pattern)
    return lines + reads[0]


def assert_linear(unit: str, copies: int, before: str = "", after: str = "") -> None:
    """Twice the copies of ``unit`` cost at most twice the work (1 % spare).

    The spare allows for the edges: the first and the last copies, or a window of lines
    joined while a tag is open, may cost a little more or less than the others (a text's
    work is ``a * n + b``, ``b`` of either sign). Work growing as ``n * log(n)`` would
    already take 10 % more at these sizes, and quadratic work twice as much.
    """
    once = operations(before + unit * copies + after)
    twice = operations(before + unit * 2 * copies + after)
    assert twice <= 2 * once * (1 + SPARE), (unit, once, twice)


#: the texts of issue 20 and the like, one unit each: (unit, copies)
PATHOLOGICAL = {
    "unclosed quotes": ('{{< x "', 500),
    "a tag per line": ("{{< x >}}\n", 500),
    "youtube": ("{{< youtube abc >}}\n\n", 200),
    "spaces in a tag": (" ", 2000),
    "openers without spaces": ("{{<x", 500),
    "escaped quotes": ('\\"', 1000),
    "tags on one line": ("a {{< x >}}", 500),
    "pairs on one line": ("a {{% note %}}b{{% /note %}}", 300),
    "in a link destination": ("[a]({{< param title >}}) ", 300),
    "in an HTML block": ("<div>{{< youtube a >}} x", 300),
    "in an HTML attribute": ('<a href="{{< youtube a >}}">', 300),
    "unknown pairs, nested": ("{{< zz >}}\n", 200),
    "nested on one line": ("{{% zz %}}", 200),
    "closings alone": ("{{< /x >}}\n", 500),
    "tags left open": ("{{< x\n", 500),
    "alerts": ("> [!NOTE]\n> a\n\n", 300),
    "escaped in code": ("```\n" + "{{</* x */>}}\n" * 20 + "```\n", 20),
    "parameters": ("a ", 2000),
}
WRAPPED = {"spaces in a tag": ("{{< x", "a >}}\n"), "parameters": ("{{< x ", ">}}\n")}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_doubling_a_hostile_text_at_most_doubles_the_work(name):
    unit, copies = PATHOLOGICAL[name]
    assert_linear(unit, copies, *WRAPPED.get(name, ("", "")))


@SETTINGS
@given(CHUNKS)
def test_doubling_any_text_at_most_doubles_the_work(chunk):
    assert_linear(chunk, COPIES)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(PIECES, max_size=14).map("".join))
def test_the_tags_found_are_those_the_regular_expression_finds(text):
    def groups(match):
        names = ("open", "escape", "closing", "name", "params", "escape_end", "self", "end")
        return (match.start(), match.end(), *(match[name] for name in names))

    assert [groups(tag) for tag in find_tags(text)] == [groups(m) for m in TAG.finditer(text)]
    whole, expected = whole_tag(text), TAG.fullmatch(text)
    assert (whole and groups(whole)) == (expected and groups(expected))


def test_pairs_nested_too_deep_warn_and_stop_nothing():
    depth = MAX_DEPTH + 8
    text = "{{< details >}}\n" * depth + "x\n" + "{{< /details >}}\n" * depth
    problems = shortcode_problems(text)
    assert (MAX_DEPTH + 1, too_deep()) in problems, problems
    inline = "{{% zz %}}" * depth + "x" + "{{% /zz %}}" * depth + "\n"
    assert (1, too_deep()) in shortcode_problems(inline)


def test_an_unknown_pair_warns_once_however_deep():
    text = "{{< zz >}}\n" * 20 + "x\n" + "{{< /zz >}}\n" * 20
    problems = shortcode_problems(text)
    assert sorted(line for line, _message in problems) == list(range(1, 21))
