"""Property tests: whatever text comes in, only the documented errors come out."""

from __future__ import annotations

import contextlib
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from sphinx_callposts.core.frontmatter import MAX_DEPTH, read_front_matter
from sphinx_callposts.core.post import parse_date, read_post
from sphinx_callposts.core.shortcodes import Context
from sphinx_callposts.core.shortcodes.scanner import rewrite
from sphinx_callposts.core.text import is_printable
from sphinx_callposts.core.video import parse_aspect, parse_time, parse_video

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)

#: text with what front matter and Markdown are made of, more often than chance would
PIECES = st.sampled_from(
    [
        "---", "+++", "{", "}", "[", "]", ":", "=", '"', "'", "\n", " ", "  ", "\t", "#",
        "title", "date", "tags", "aliases", "- ", "&a", "*a", "!!python/name:os.system",
        "\\ud800", "\\x01", "\x00", "\x1b", "\ufeff", "\u202e", "\r\n", "2024-01-01", "9" * 50,
        "{{<", ">}}", "{{%", "%}}", "/", "figure", "youtube", "details", "caption=", "<img>",
        "```", "~~~", ":::", "{callpost}",
    ]
)  # fmt: skip
HOSTILE_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)


def _nested(depth: int, kind: str) -> str:
    if kind == "yaml":
        return "---\ntitle: T\nx: " + "[" * depth + "]" * depth + "\n---\n"
    if kind == "toml":
        return '+++\ntitle = "T"\nx = ' + "[" * depth + "]" * depth + "\n+++\n"
    return '{"title": "T", "x": ' + "[" * depth + "]" * depth + "}\n"


@SETTINGS
@given(HOSTILE_TEXT)
def test_reading_front_matter_never_raises(text):
    front = read_front_matter(text)
    assert isinstance(front.data, dict)
    assert all(line >= 1 for line, _message in (*front.errors, *front.notes))
    _front, post, problems = read_post("calls/x", text)
    assert all(problem.line >= 1 for problem in problems)
    # nothing unprintable is left in what the pages and feeds show
    for value in (post.title, post.summary, *post.tags, *(p.name for p in post.authors)):
        assert is_printable(value)


@SETTINGS
@given(st.integers(min_value=1, max_value=3000), st.sampled_from(["yaml", "toml", "json"]))
def test_any_nesting_is_read_or_refused(depth, kind):
    front = read_front_matter(_nested(depth, kind))
    if depth + 1 > MAX_DEPTH:  # the list sits in the top mapping
        # refused here, or by libyaml's own limit (1000) before
        assert front.errors and "nest" in front.errors[0][1]
        assert not front.data
    else:
        assert not front.errors and front.data["title"] == "T"


@SETTINGS
@given(st.recursive(st.text() | st.integers() | st.booleans() | st.none(), st.lists, max_leaves=20))
def test_json_values_come_back_printable(value):
    front = read_front_matter(json.dumps({"title": "T", "x": value}) + "\nbody")
    assert not front.errors
    stack = [front.data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            assert is_printable(item)
        elif isinstance(item, dict):
            stack.extend([*item.keys(), *item.values()])
        elif isinstance(item, list):
            stack.extend(item)


@SETTINGS
@given(st.one_of(st.text(), st.integers(), st.floats(), st.dates(), st.datetimes(), st.none()))
def test_dates_parse_or_raise_value_error(value):
    try:
        result = parse_date(value)
    except ValueError:
        return
    assert result.tzinfo is not None


@SETTINGS
@given(st.one_of(HOSTILE_TEXT, st.text()))
def test_youtube_ids_and_urls_parse_or_raise_value_error(text):
    for parse in (parse_video, parse_time, parse_aspect):
        with contextlib.suppress(ValueError):
            parse(text)


#: a parameter value meant to smuggle markup into the page
EVIL = "<x-evil onclick=alert(1)>"
SHORTCODES = st.sampled_from(
    [
        '{{< figure src="a.png" caption="C ' + EVIL + '" title="T ' + EVIL + '" width=300 >}}',
        '{{< figure src="a.png" alt="' + EVIL + '" >}}',
        '{{< youtube id="46nCdVA-rsc" title="' + EVIL + '" >}}',
        '{{< youtube id="46nCdVA-rsc" title="' + EVIL + '" class="wide" >}}',
        '{{< vimeo 146022717 "' + EVIL + '" >}}',
        '{{< details summary="' + EVIL + '" >}}',
        "{{< /details >}}",
        '{{< param "title" >}}',
        "{{< highlight go >}}",
        "{{< /highlight >}}",
        '{{< card title="<' + EVIL + '" header="' + EVIL + '" >}}',
        "{{< /card >}}",
        '{{< alert title="' + EVIL + '" >}}',
        "{{< /alert >}}",
        "{{< unknown >}}",
        "{{< youtube",
    ]
)
LINES = st.lists(
    st.one_of(
        SHORTCODES,
        st.sampled_from(["", "", "Some text.", "# Heading", "## Sub", "```", "- item", "> quote"]),
        st.text(alphabet="ab {}<>%`#\n", max_size=12),
    ),
    max_size=25,
)


def _context(warnings: list) -> Context:
    return Context(
        docname="calls/x",
        warn=lambda message, line: warnings.append(line),
        params={"title": EVIL},
        find_doc=lambda path: None,
    )


def _html_from_markdown(text: str) -> list[str]:
    """The raw HTML that a Markdown text holds, in directive bodies too."""
    found = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type in {"html_block", "html_inline"}:
            found.append(token.content)
        if token.type == "fence" and token.info.startswith("{") and "code" not in token.info:
            body = "\n".join(line for line in token.content.split("\n") if not line.startswith(":"))
            found += _html_from_markdown(body)
        for child in token.children or ():
            if child.type == "html_inline":
                found.append(child.content)
    return found


@SETTINGS
@given(LINES)
def test_the_rewriter_keeps_lines_and_lets_no_parameter_become_html(lines):
    text = "\n".join(lines)
    warnings: list[int] = []
    result = rewrite(text, _context(warnings))
    assert all(1 <= line <= text.count("\n") + 1 for line in warnings)
    # the lines it adds are paid back, so the text keeps its length...
    assert result.count("\n") >= text.count("\n")
    # ...and no parameter reaches the page as HTML
    assert not [html for html in _html_from_markdown(result) if "x-evil" in html]


def test_lines_a_figure_adds_move_what_follows_until_spare_blank_lines_pay_them_back():
    """The limit docs/shortcodes.md states: past headings, until blank lines MyST does not need."""
    text = '{{< figure src="a.png" width=300 >}}\nParagraph\n# Heading\nL4\n\nL6\n\n\nL9\nL10'
    lines = rewrite(text, _context([])).split("\n")
    assert lines[:3] == ["```{figure} a.png", ":width: '300px'", "```"]
    assert lines.index("# Heading") == 2 + 2  # moved by the two lines the option and fence take
    assert lines.index("L6") == 5 + 2  # a blank line between paragraphs cannot pay
    assert lines.index("L9") == 8 + 1  # the second of two blank lines paid one back
    assert lines.index("L10") == 9 + 1
    assert len(lines) == len(text.split("\n")) + 1
