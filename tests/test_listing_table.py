"""The table as people keep it: renamed headings, trimmed titles, no Subscribe line, a year
page's year once, month pages' titles with their year, and the layout at every width."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from .browser import CHROMIUM, Browser
from .helpers import body, build, copy_root, page, warnings_of

TABLE_PAGE = """\
---
orphan: true
---
# Table

## Renamed

```{callposts}
:style: table
:columns: topic, date, recording
:headers: Meeting, Held on
:title-strip: Release
:group-by: none
:subscribe: no
```

## Glob

```{callposts}
:title-strip: *e
:group-by: none
```

## Cards

```{callposts}
:style: cards
:group-by: none
```
"""

BAD_PAGE = """\
---
orphan: true
---
# Bad

```{callposts}
:style: table
:headers: title=Topic, tags=Labels, speakers, topic=Talk
:subscribe: maybe
```

```{callposts}
:headers: topic=Talk
:title-strip:
```

```{callposts}
:style: table
:columns: topic, date
:group-by: none
:headers: Talk, , Held on
```
"""


@pytest.fixture(scope="module")
def table_app(tmp_path_factory):
    srcdir = copy_root("listing", tmp_path_factory.mktemp("table"))
    (srcdir / "table.md").write_text(TABLE_PAGE, encoding="utf8")
    (srcdir / "bad.md").write_text(BAD_PAGE, encoding="utf8")
    # a year folder without a section page, as the Gardener blog's 2026/: its month's page
    month = srcdir / "calls" / "2022" / "02"
    month.mkdir(parents=True)
    (month / "_index.md").write_text("---\ntitle: February\n---\n", encoding="utf8")
    (month / "call.md").write_text(
        "---\ntitle: A February call\ndate: 2022-02-17\n---\n\nText.\n", encoding="utf8"
    )
    # a year page over its posts, whose year the listing need not say again
    year = srcdir / "calls" / "2025"
    year.mkdir()
    (year / "_index.md").write_text("---\ntitle: '2025'\n---\n", encoding="utf8")
    (year / "call.md").write_text(
        "---\ntitle: A 2025 call\ndate: 2025-05-05\n---\n\nText.\n", encoding="utf8"
    )
    # an upcoming call at a time of day: its card shows it in the reader's zone
    (srcdir / "calls" / "2027-03-04-timed.md").write_text(
        "---\ntitle: A timed call in March\ndate: 2027-03-04T17:00:00+01:00\n---\n\nJoin.\n",
        encoding="utf8",
    )
    return build(srcdir, freshenv=True)


def sections(app, name: str) -> dict[str, object]:
    return {
        section.select_one("h2").get_text().rstrip("¶"): section
        for section in body(app, name).select("section section")
    }


def test_headers_rename_and_the_rest_keep_theirs(table_app):
    table = sections(table_app, "table")["Renamed"].select_one("table.callposts-table")
    headings = [th.get_text(strip=True) for th in table.select("thead th")]
    assert headings == ["Meeting", "Held on", "Recording"]


def test_title_strip_trims_the_link_text_only(table_app):
    renamed = sections(table_app, "table")["Renamed"]
    titles = [a.get_text() for a in renamed.select("a.callposts-title")]
    # "Release 2.0" loses its start; a title that would be left empty stays whole
    assert "2.0" in titles and "Release 2.0" not in titles
    assert "Kickoff of the year" in titles
    release = table_app.outdir / "calls" / "2024-03-07-release.html"
    assert "Release 2.0" in page(table_app, str(release.relative_to(table_app.outdir))).title.text


def test_title_strip_glob_takes_the_shortest_start(table_app):
    titles = [
        a.get_text() for a in sections(table_app, "table")["Glob"].select("a.callposts-title")
    ]
    # "*e" ends at the first "e": "The next call" -> "next call", "Release 2.0" -> "lease 2.0"
    assert "next call" in titles and "lease 2.0" in titles


def test_subscribe_no_hides_the_line_under_its_listing(table_app):
    found = sections(table_app, "table")
    assert not found["Renamed"].select(".callposts-subscribe")
    # the page's next listing takes the line; the calendar itself is still linked
    assert found["Glob"].select(".callposts-subscribe a")
    head = page(table_app, "table").select('link[type="text/calendar"]')
    assert head


def test_bad_options_warn_located_and_typed(table_app):
    found = [warning for warning in warnings_of(table_app) if warning[0] == "bad.md"]
    assert found == (
        [("bad.md", 6, "callposts.listing")] * 4
        + [("bad.md", 12, "callposts.listing")] * 2
        + [("bad.md", 17, "callposts.listing")]
    )
    text = table_app.warning.getvalue()
    assert "unknown column 'title'; choose from date, time, topic" in text
    assert "the table does not show the column 'tags'" in text
    assert "'speakers' is not column=Heading" in text
    assert ":subscribe: 'maybe' is neither yes nor no" in text
    assert ":headers: names a table's headings: it needs :style: table" in text
    assert ":headers: gives 3 headings for the 2 columns (topic, date)" in text
    # the rest builds: the good renames stand
    tables = body(table_app, "bad").select("table.callposts-table")
    headings = [[th.get_text(strip=True) for th in table.select("thead th")] for table in tables]
    assert headings[0][:1] == ["Talk"]
    assert headings[-1] == ["Talk", "Date"]  # an empty heading keeps its column's


def test_a_year_page_shows_its_year_once(table_app):
    year = body(table_app, "calls/2025/_index")
    assert year.select_one("h1").get_text().rstrip("¶") == "2025"
    assert year.select(".callposts-entry")
    assert not year.select(".callposts-group-title")
    # where the page does not say the year, the group does
    assert [r.get_text() for r in body(table_app, "calls/_index").select(".callposts-group-title")]


def test_a_month_page_under_a_year_without_page_says_its_year(table_app):
    sidebar = page(table_app, "calls/_index").select_one("div.sphinxsidebar")
    assert "February 2022" in [a.get_text() for a in sidebar.select("a")]
    # its own heading stays as written
    assert body(table_app, "calls/2022/02/_index").select_one("h1").get_text().rstrip("¶") == (
        "February"
    )


def test_no_bad_warnings_outside_the_bad_page(table_app):
    assert [w for w in warnings_of(table_app) if w[0] != "bad.md"] == []


LAYOUT = """(() => {
  const out = [];
  for (const card of document.querySelectorAll('.callposts-call-card')) {
    const box = card.getBoundingClientRect();
    for (const part of card.querySelectorAll('*')) {
      const r = part.getBoundingClientRect();
      if (r.width && (r.right > box.right + 0.5 || r.left < box.left - 0.5))
        out.push(part.className + ' ' + part.textContent.slice(0, 40));
    }
  }
  const wrapped = [...document.querySelectorAll('a.callposts-recording')]
    .filter(a => a.getClientRects().length > 1 || a.getBoundingClientRect().height > 30)
    .map(a => a.textContent);
  const cards = document.querySelectorAll('.callposts-call-card').length;
  const local = document.querySelectorAll('.callposts-call-card .callpost-time-local').length;
  return JSON.stringify({out, wrapped, cards, local});
})()"""


@pytest.mark.skipif(not CHROMIUM, reason="chromium is not installed")
@pytest.mark.parametrize("width", [320, 768, 1280])
def test_cards_and_table_hold_their_text(table_app, tmp_path, width):
    browser = Browser(tmp_path / "profile")
    try:
        with browser.open("about:blank", width=width) as tab:
            # a long zone name: the reader's local time is as long as it gets
            tab.send("Emulation.setTimezoneOverride", timezoneId="America/Argentina/Buenos_Aires")
            tab.send("Emulation.setLocaleOverride", locale="en-US")
            tab.send("Page.navigate", url=(table_app.outdir / "table.html").as_uri())
            browser.wait_for("Page.loadEventFired", tab.session)
            tab.screenshot(tmp_path / f"table-{width}.png", full_page=True)
            found = json.loads(tab.evaluate(LAYOUT))
    finally:
        browser.close()
    assert (tmp_path / f"table-{width}.png").stat().st_size > 1000
    assert found["cards"] >= 5 and found["local"] == 1, found
    assert found["out"] == [], found
    assert found["wrapped"] == [], found


def test_title_strip_and_headers_in_the_option_syntax():
    from sphinx_callposts.core.listing_options import parse_headers, strip_title

    columns = ("topic", "date", "speakers")
    assert parse_headers("topic=Topic, date = Date and Time,bogus=x, speakers", columns) == (
        ("topic", "Topic"),
        ("date", "Date and Time"),
    )
    assert parse_headers("Talk, Held on", columns) == (("topic", "Talk"), ("date", "Held on"))
    assert parse_headers(" , Held on, People, extra", columns) == (
        ("date", "Held on"),
        ("speakers", "People"),
    )
    assert strip_title("Community Call - Cilium", "Community Call - ") == "Cilium"
    assert strip_title("community call - Cilium", "Community Call -") == "Cilium"
    assert strip_title("Community Call", "Community Call") == "Community Call"
    assert strip_title("Gardener Days", "Community Call - ") == "Gardener Days"
    assert strip_title("Call 12: Cilium: demo", "Call *: ") == "Cilium: demo"
    assert strip_title("A - B - C", "* - ") == "B - C"


EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "_examples" / "gardener-2022-calls.md"

#: the table of its 2022 community calls that the Gardener site kept by hand
#: (gardener/documentation, website/community/review-meetings/2022-community.md, at the
#: corpus's commit): heading, then per row topic, speakers, date and recording's video
HAND_HEADINGS = ["Topic", "Speaker", "Date and Time", "Link"]
HAND_ROWS = [
    [("Get more computing power in Gardener by overcoming Kubelet limitations with "
      "CRI-resource-manager"), "Pawel Palucki, Alexander D. Kanevskiy", "October 20, 2022",
     "5a_A3furzlg"],
    ["Cilium / Isovalent Presentation", "Raymond de Jong", "October 6, 2022", "46nCdVA-rsc"],
    ["Gardener Extension Development - From scratch to the gardener-extension-shoot-flux",
     "Jens Schneider, Lothar Gesslein", "June 9, 2022", "nG2FRYL05mc"],
    ["Deploying and Developing Gardener Locally (Without Any External Infrastructure!)",
     "Tim Ebert, Rafael Franzke", "March 17, 2022", "nV_JI8YWwY4"],
    ["Gardenctl-v2", "Holger Koser, Lukas Gross, Peter Sutter", "February 17, 2022",
     "U1VvyQiE3Jg"],
]  # fmt: skip


def built_table(corpus_project: Path) -> tuple[list[str], list[list[str]]]:
    (corpus_project / "conf.py").write_text(
        'extensions = ["sphinx_callposts"]\ncallposts_pattern = ["blog/**"]\n'
        'callposts_calls = {"title": "Community Call*"}\n',
        encoding="utf8",
    )
    (corpus_project / "index.md").write_text(
        "# Gardener\n\n```{toctree}\nblog/index\ncalls\n```\n", encoding="utf8"
    )
    (corpus_project / "calls.md").write_text(
        "# Community calls 2022\n\n" + EXAMPLE.read_text(encoding="utf8"), encoding="utf8"
    )
    app = build(corpus_project, freshenv=True)
    table = page(app, "calls").select_one("div.body table.callposts-table")
    headings = [th.get_text(strip=True) for th in table.select("thead th")]
    rows = []
    for tr in table.select("tbody tr"):
        *texts, link = tr.select("td")
        video = parse_qs(urlsplit(link.a["href"]).query)["v"][0]
        rows.append([*(td.get_text().strip() for td in texts), video])
    return headings, rows


def test_the_gardener_2022_hand_table_column_for_column(corpus_project):
    """The hand-kept table, from the posts as they are: the same columns, headings and
    rows, newest first; what differs is what the posts say otherwise."""
    headings, rows = built_table(corpus_project)
    assert headings == HAND_HEADINGS
    differences = {
        (row, HAND_HEADINGS[column]): (ours, hand)
        for row, (built, kept) in enumerate(zip(rows, HAND_ROWS, strict=True))
        for column, (ours, hand) in enumerate(zip(built, kept, strict=True))
        if ours != hand
    }
    assert differences == {
        # the two calls whose posts came out days later, and hold no callDate
        (2, "Date and Time"): ("June 17, 2022", "June 9, 2022"),
        (3, "Date and Time"): ("March 23, 2022", "March 17, 2022"),
        # the posts' titles are shorter than the table's topics
        (2, "Topic"): ("Gardener Extension Development", HAND_ROWS[2][0]),
        (3, "Topic"): ("Deploying and Developing Gardener Locally", HAND_ROWS[3][0]),
        # the post spells the name otherwise
        (4, "Speaker"): ("Holger Kosser, Lukas Gross, Peter Sutter", HAND_ROWS[4][1]),
    }


def test_the_gardener_2022_table_with_call_dates(corpus_project):
    """Given the days the calls were held (``callDate``), the dates are the hand table's."""
    for post, day in (("03/03.23", "2022-03-17"), ("06/06.17", "2022-06-09")):
        [path] = (corpus_project / "blog" / "2022").glob(f"{post}-*.md")
        text = path.read_text(encoding="utf8")
        path.write_text(text.replace("---\n", f"---\ncallDate: {day}\n", 1), encoding="utf8")
    _headings, rows = built_table(corpus_project)
    assert [row[2] for row in rows] == [row[2] for row in HAND_ROWS]


def test_a_year_page_added_later_takes_the_year_off_its_months(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    month = srcdir / "calls" / "2022" / "02"
    month.mkdir(parents=True)
    (month / "_index.md").write_text("---\ntitle: February\n---\n", encoding="utf8")
    (month / "call.md").write_text(
        "---\ntitle: A February call\ndate: 2022-02-17\n---\n\nText.\n", encoding="utf8"
    )

    def sidebar(app, name: str) -> list[str]:
        return [a.get_text() for a in page(app, name).select("div.sphinxsidebar a")]

    assert "February 2022" in sidebar(build(srcdir, freshenv=True), "calls/_index")
    (srcdir / "calls" / "2022" / "_index.md").write_text("---\ntitle: '2022'\n---\n", "utf8")
    # the month page, read again, is "February" below its year's page
    titles = sidebar(build(srcdir), "calls/2022/_index")
    assert "February" in titles and "February 2022" not in titles
