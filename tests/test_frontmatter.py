"""Front matter in every form Hugo reads, and the ways it breaks."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest

from sphinx_callposts.core.frontmatter import read_front_matter
from sphinx_callposts.core.post import read_post


def test_yaml_keeps_types_and_counts_lines():
    front = read_front_matter("---\nTitle: Call\ndate: 2022-10-06\ntags: [a, b]\n---\nBody\n")
    assert front.format == "yaml"
    assert front.data == {"Title": "Call", "date": datetime(2022, 10, 6).date(), "tags": ["a", "b"]}
    assert front.lines == 5
    assert front.line_of("title") == 2
    assert front.line_of("TAGS") == 4
    assert not front.errors


def test_toml_front_matter():
    front = read_front_matter('+++\ntitle = "T"\ndate = 2021-11-30T09:30:00Z\n+++\nBody')
    assert front.format == "toml"
    assert front.data["date"] == datetime(2021, 11, 30, 9, 30, tzinfo=timezone.utc)
    assert front.lines == 4


def test_json_front_matter():
    front = read_front_matter('{\n  "title": "J",\n  "tags": ["x"]\n}\n\nBody\n')
    assert front.format == "json"
    assert front.data == {"title": "J", "tags": ["x"]}
    assert front.lines == 4
    assert front.line_of("tags") == 3


def test_no_front_matter():
    front = read_front_matter("# Just a page\n")
    assert (front.format, front.lines, front.data, front.errors) == ("", 0, {}, [])


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("---\ntitle: ok\ntags: [unclosed\n---\n", 3, "invalid YAML"),
        (
            "---\nx: !!python/object/apply:os.system [ls]\n---\n",
            2,
            "could not determine a constructor",
        ),
        ("---\n- a list\n---\n", 2, "must be a mapping"),
        ("---\ntitle: never closed\n", 1, "never closed"),
        ('+++\ntitle = "x\n+++\n', 2, "invalid TOML"),
        ('{\n "title": "x",\n}\n', 3, "invalid JSON"),
    ],
)
def test_broken_front_matter_is_located(text, line, message):
    front = read_front_matter(text)
    assert front.data == {}
    [(error_line, error)] = front.errors
    assert (error_line, message in error) == (line, True)


def test_yaml_alias_bomb_is_refused_fast():
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for index in range(1, 12):
        prev = chr(ord("a") + index - 1)
        name = chr(ord("a") + index)
        levels.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    started = time.process_time()
    front = read_front_matter("---\n" + "\n".join(levels) + "\n---\n")
    assert front.data == {}
    assert "too many values" in front.errors[0][1]
    # 9**12 values if expanded: refusing must not expand them (a generous bound, not a benchmark)
    assert time.process_time() - started < 5


def test_small_yaml_aliases_are_fine():
    front = read_front_matter("---\nbase: &p {name: A}\nauthors: [*p, *p]\n---\n")
    assert front.data["authors"] == [{"name": "A"}, {"name": "A"}]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\ntitle: T\nparams:\n  date: x\ndate: 2024-13-45\n---\n", 5),
        ('+++\ntitle = "T"\ndate = "2024-13-45"\n[params]\ndate = "x"\n+++\n', 3),
        ('{"title": "T",\n "params": {\n   "date": "x"},\n "date": "2024-13-45"}\n', 4),
    ],
)
def test_a_warning_names_the_top_level_key_not_a_nested_one(text, line):
    _front, _post, problems = read_post("p", text)
    assert [(p.line, p.subtype) for p in problems] == [(line, "date")]
