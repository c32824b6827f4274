"""The options that choose what a listing shows: columns, summary words, title, days, recordings."""

from __future__ import annotations

import re

import pytest

from .helpers import build, copy_root, page, warning_lines

OPTIONS_PAGE = """\
---
orphan: true
---
# Options

## Compact

```{callposts}
:style: table
:columns: topic, speakers, date, recording
:group-by: none
```

## Title

```{callposts}
:title: *CALL*
:group-by: none
```

## Days

```{callposts}
:from: 2024-01-01
:until: 2024-03-31
:group-by: none
```

## Recorded

```{callposts}
:recorded:
:group-by: none
```

## Every column

```{callposts}
:style: table
:columns: date, time, topic, tags, join, summary
:summary-words: 3
:title: Kickoff*
:group-by: none
```

## No summary

```{callposts}
:summary-words: 0
:title: Kickoff*
```
"""


def headings(table) -> list[str]:
    return [th.get_text(strip=True) for th in table.select("thead th")]


def titles(listing) -> list[str]:
    return [title.get_text() for title in listing.select(".callposts-entry .callposts-title")]


@pytest.fixture(scope="module")
def options_app(tmp_path_factory):
    srcdir = copy_root("listing", tmp_path_factory.mktemp("options"))
    (srcdir / "options.md").write_text(OPTIONS_PAGE, encoding="utf8")
    kickoff = srcdir / "calls" / "2024-01-10-kickoff.md"
    kickoff.write_text(
        kickoff.read_text(encoding="utf8").replace(
            "tags: [community]", "tags: [community]\njoin: https://meet.example/kickoff"
        ),
        encoding="utf8",
    )
    return build(srcdir, freshenv=True)


def listings(app) -> dict[str, object]:
    body = page(app, "options").select_one("div.body")
    return {
        section.select_one("h2").get_text().rstrip("¶"): section.select_one(".callposts-list")
        for section in body.select("section section")
    }


def test_options_build_without_warnings(options_app):
    assert warning_lines(options_app) == []


def test_columns_chosen_in_their_order(options_app):
    listing = listings(options_app)["Compact"]
    # the upcoming call has its table, the past ones theirs
    tables = listing.select("table.callposts-table")
    assert [headings(table) for table in tables] == [["Topic", "Speakers", "Date", "Recording"]] * 2
    release = next(row for row in listing.select("tbody tr") if "Release 2.0" in row.get_text())
    cells = [td.get_text().strip() for td in release.select("td")]
    assert cells == ["Release 2.0", "Grace Hopper, Alan Turing", "March 7, 2024", "▶ Recording"]
    assert "Summary" not in listing.get_text()


def test_every_column_and_summary_words(options_app):
    table = listings(options_app)["Every column"].select_one("table.callposts-table")
    assert headings(table) == ["Date", "Time", "Topic", "Tags", "Join", "Summary"]
    [row] = table.select("tbody tr")
    cells = {td["class"][0].removeprefix("callposts-column-"): td for td in row.select("td")}
    # 16:00+01:00 in callposts_timezone (UTC)
    assert cells["time"].get_text(strip=True).replace("\u202f", " ") == "3:00 PM UTC"
    assert cells["tags"].get_text(strip=True) == "community"
    assert cells["join"].a["href"] == "https://meet.example/kickoff"
    assert cells["summary"].get_text(strip=True) == "We met and …"


def test_summary_words_zero_leaves_summaries_out(options_app):
    listing = listings(options_app)["No summary"]
    assert titles(listing) == ["Kickoff of the year"]
    assert not listing.select(".callposts-summary")


def test_title_glob_any_case(options_app):
    assert titles(listings(options_app)["Title"]) == ["The next call", "Autumn call", "Summer call"]


def test_from_until_and_recorded(options_app):
    assert titles(listings(options_app)["Days"]) == ["Release 2.0", "Kickoff of the year"]
    assert titles(listings(options_app)["Recorded"]) == ["Release 2.0"]


@pytest.mark.parametrize(
    ("option", "error"),
    [
        (":columns: topic, speaker", "unknown column(s) 'speaker'"),
        (":from: 2024-13-01", "YYYY-MM-DD"),
    ],
)
def test_bad_options_are_located_errors(tmp_path, option, error):
    srcdir = copy_root("listing", tmp_path)
    (srcdir / "bad.md").write_text(
        f"---\norphan: true\n---\n# Bad\n\n```{{callposts}}\n{option}\n```\n", encoding="utf8"
    )
    lines = warning_lines(build(srcdir, freshenv=True))
    assert any(re.search(r"bad\.md:[67]: ", line) and error in line for line in lines), lines
