"""Every recording of a call, by its title, and its slides, notes and agenda, everywhere.

A reader (the page, the listings), a feed reader, a calendar app (the ``.ics``, read
with icalendar) and a search engine (the JSON-LD) each see all of a post's recordings.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import icalendar
import pytest

from .browser import CHROMIUM, Browser
from .helpers import (
    CALLS_CONF,
    body,
    build,
    page,
    run_check,
    serial_and_parallel,
    warning_lines,
    warnings_of,
)
from .test_incremental import assert_same_output

ATOM = "{http://www.w3.org/2005/Atom}"
WATCH = "https://www.youtube.com/watch?v="
CONF = CALLS_CONF
LISTINGS = """\
# {title}

```{{callposts}}
:section: blog
:style: {style}
:columns: topic, recording, slides, notes, agenda
:group-by: none
```
"""
INDEX = """\
# Home

```{toctree}
blog/_index
table
cards
```
"""
# the front matter's recording, then three in the body: titled, untitled, an iframe
MARCH = """\
---
title: Community Call - March
date: 2024-03-07
recording: https://youtu.be/46nCdVA-rsc
slides: https://example.org/march/slides.pdf
params:
  minutes: https://example.org/march/notes
agenda: https://example.org/march/agenda
---

The demo:

{{< youtube id="5a_A3furzlg" title="Demo: the scheduler" >}}

{{< youtube id="nG2FRYL05mc" title="Gardener Extension Development - From scratch to the gardener-extension-shoot-flux" >}}

The questions:

{{< youtube dQw4w9WgXcQ >}}

<iframe src="https://www.youtube.com/embed/aqz-KE-bpKQ" title="YouTube video player"></iframe>
"""
# one recording, which the body embeds too: once, titled by the body
APRIL = """\
---
title: Community Call - April
date: 2024-04-04
youtube: 46nCdVA-rsc
slides: javascript:alert(1)
agenda: agenda.md
---

{{< youtube id="46nCdVA-rsc" title="The April call" >}}
"""
MAY = """\
---
title: Community Call - May
date: 2024-05-02
recording: 5a_A3furzlg
---

No more than the recording.
"""
LONG = "Gardener Extension Development - From scratch to the gardener-extension-shoot-flux"
MARCH_LABELS = ["Recording", "Demo: the scheduler", LONG, "Recording 4", "Recording 5"]
MARCH_URLS = [
    WATCH + video
    for video in ("46nCdVA-rsc", "5a_A3furzlg", "nG2FRYL05mc", "dQw4w9WgXcQ", "aqz-KE-bpKQ")
]


def write_project(root: Path) -> Path:
    srcdir = root / "src"
    files = {
        "conf.py": CONF,
        "index.md": INDEX,
        "table.md": LISTINGS.format(title="Table", style="table"),
        "cards.md": LISTINGS.format(title="Cards", style="cards"),
        "blog/_index.md": "---\ntitle: Blog\n---\n",
        "blog/march.md": MARCH,
        "blog/april.md": APRIL,
        "blog/may.md": MAY,
    }
    for name, text in files.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf8")
    return srcdir


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return build(write_project(tmp_path_factory.mktemp("recordings")), freshenv=True)


def links(element, selector: str = "a") -> list[tuple[str, str]]:
    return [(" ".join(a.get_text().split()), a["href"]) for a in element.select(selector)]


def rows(app, path: str) -> dict[str, dict[str, object]]:
    """``topic -> column -> links`` of a table listing."""
    table = body(app, path).select_one("table.callposts-table")
    found = {}
    for row in table.select("tbody tr"):
        cells = {
            cell["class"][0].removeprefix("callposts-column-"): links(cell) for cell in row("td")
        }
        found[cells["topic"][0][0]] = cells
    return found


def calendar_events(app) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical((app.outdir / "blog/calendar.ics").read_bytes())
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def graph(app, docname: str) -> list[dict]:
    script = page(app, docname).select_one('script[type="application/ld+json"]')
    return json.loads(script.string)["@graph"]


def test_only_the_bad_links_warn_at_their_lines(app):
    assert sorted(warnings_of(app)) == [
        ("april.md", 5, "callposts.url"),
        ("april.md", 6, "callposts.url"),
    ]
    assert any("'slides' should be an http(s) URL" in line for line in warning_lines(app))


def test_check_reports_what_the_build_does(tmp_path):
    blog = write_project(tmp_path) / "blog"
    result = run_check(blog)
    reported = sorted(line for line in result.stdout.splitlines() if "[callposts." in line)
    assert [line.split(": ", 1)[0] for line in reported] == [
        f"{blog / 'april.md'}:5",
        f"{blog / 'april.md'}:6",
    ], result.stdout
    assert all(line.endswith("[callposts.url]") for line in reported)


def test_the_page_plays_every_recording_the_front_matter_s_last(app):
    players = body(app, "blog/march").select("div.callposts-youtube")
    ids = [player["data-youtube-id"] for player in players]
    assert ids == ["5a_A3furzlg", "nG2FRYL05mc", "dQw4w9WgXcQ", "aqz-KE-bpKQ", "46nCdVA-rsc"]
    # the front matter's recording the body embeds too is played once
    april = body(app, "blog/april").select("div.callposts-youtube")
    assert [player["data-youtube-id"] for player in april] == ["46nCdVA-rsc"]


def test_the_header_links_slides_notes_and_agenda(app):
    line = body(app, "blog/march").select_one(".callpost-header .callpost-links")
    assert " ".join(line.get_text().split()) == "Slides · Notes · Agenda"
    assert links(line) == [
        ("Slides", "https://example.org/march/slides.pdf"),
        ("Notes", "https://example.org/march/notes"),
        ("Agenda", "https://example.org/march/agenda"),
    ]
    # a link that is no http(s) URL is left out
    assert body(app, "blog/april").select_one(".callpost-links") is None


def test_a_table_row_lists_every_recording_by_its_title(app):
    table = rows(app, "table")
    march = table["Community Call - March"]
    assert march["recording"] == [
        (f"▶ {label}", url) for label, url in zip(MARCH_LABELS, MARCH_URLS, strict=True)
    ]
    # one recording: "Recording", whatever its title, as the row names the talk already
    assert table["Community Call - April"]["recording"] == [("▶ Recording", WATCH + "46nCdVA-rsc")]
    assert table["Community Call - May"]["recording"] == [("▶ Recording", WATCH + "5a_A3furzlg")]
    # a titled one of several may wrap; "Recording 4" does not
    cell = body(app, "table").select("td.callposts-column-recording")
    titled = [a.get_text() for td in cell for a in td.select("a.callposts-recording-titled")]
    assert titled == ["▶ Demo: the scheduler", f"▶ {LONG}"]


def test_slides_notes_and_agenda_are_columns(app):
    table = body(app, "table").select_one("table.callposts-table")
    assert [th.get_text() for th in table.select("thead th")] == [
        "Topic", "Recording", "Slides", "Notes", "Agenda",
    ]  # fmt: skip
    march = rows(app, "table")["Community Call - March"]
    assert march["slides"] == [("Slides", "https://example.org/march/slides.pdf")]
    assert march["notes"] == [("Notes", "https://example.org/march/notes")]
    assert march["agenda"] == [("Agenda", "https://example.org/march/agenda")]
    assert rows(app, "table")["Community Call - April"]["slides"] == []


def test_a_card_lists_every_recording(app):
    cards = body(app, "cards").select(".callposts-call-card")
    march = next(card for card in cards if "March" in card.get_text())
    recordings = march.select_one(".callposts-card-recordings")
    assert [text for text, _href in links(recordings)] == [f"▶ {label}" for label in MARCH_LABELS]


def test_a_list_entry_lists_every_recording(app):
    entries = body(app, "blog/_index").select("li.callposts-entry")
    march = next(entry for entry in entries if "March" in entry.get_text())
    assert links(march, "a.callposts-recording") == [
        (f"▶ {label}", url) for label, url in zip(MARCH_LABELS, MARCH_URLS, strict=True)
    ]


def test_the_feed_entry_links_every_recording(app):
    feed = ET.parse(app.outdir / "blog/atom.xml").getroot()
    entry = next(
        entry for entry in feed.iter(f"{ATOM}entry") if "March" in entry.find(f"{ATOM}title").text
    )
    related = [
        (link.get("title"), link.get("href"))
        for link in entry.iter(f"{ATOM}link")
        if link.get("rel") == "related"
    ]
    assert related == list(zip(MARCH_LABELS, MARCH_URLS, strict=True))


def test_the_calendar_attaches_every_recording_and_describes_the_links(app):
    event = calendar_events(app)["Community Call - March"]
    attached = event["attach"]
    assert [str(url) for url in attached] == MARCH_URLS
    description = str(event["description"])
    for label, url in zip(MARCH_LABELS, MARCH_URLS, strict=True):
        assert f"{label}: {url}" in description.splitlines()
    assert "Slides: https://example.org/march/slides.pdf" in description.splitlines()
    assert "Notes: https://example.org/march/notes" in description.splitlines()
    assert "Agenda: https://example.org/march/agenda" in description.splitlines()
    # one recording: one ATTACH, no list
    may = calendar_events(app)["Community Call - May"]
    assert str(may["attach"]) == WATCH + "5a_A3furzlg"


def test_json_ld_names_each_video_by_its_title(app):
    videos = [item for item in graph(app, "blog/march") if item["@type"] == "VideoObject"]
    assert [video["name"] for video in videos] == [
        "Community Call - March",
        "Demo: the scheduler",
        LONG,
        "Community Call - March: Recording 4",
        "Community Call - March: Recording 5",
    ]
    assert [video["embedUrl"].rsplit("/", 1)[1] for video in videos] == [
        url.removeprefix(WATCH) for url in MARCH_URLS
    ]
    [april] = [item for item in graph(app, "blog/april") if item["@type"] == "VideoObject"]
    assert april["name"] == "The April call"


def test_a_new_recording_title_rewrites_the_listings(tmp_path):
    srcdir = write_project(tmp_path)
    outdir = tmp_path / "out"
    build(srcdir, builddir=outdir)
    march = srcdir / "blog/march.md"
    march.write_text(
        march.read_text(encoding="utf8").replace("Demo: the scheduler", "The new scheduler"),
        encoding="utf8",
    )
    app = build(srcdir, builddir=outdir)
    labels = [text for text, _href in rows(app, "table")["Community Call - March"]["recording"]]
    assert labels[1] == "▶ The new scheduler"
    event = calendar_events(app)["Community Call - March"]
    assert f"The new scheduler: {MARCH_URLS[1]}" in str(event["description"]).splitlines()


def test_a_parallel_build_gives_the_same_files(tmp_path):
    srcdir = write_project(tmp_path)
    serial, parallel = serial_and_parallel(srcdir, tmp_path)
    assert_same_output(parallel.outdir, serial.outdir)
    assert parallel.env.callposts.posts["blog/march"].recording_titles == (
        "", "Demo: the scheduler", LONG, "", "",
    )  # fmt: skip


#: the parts of each card that stand out of it
OUT_OF_CARDS = """JSON.stringify([...document.querySelectorAll('.callposts-call-card')].flatMap(card => {
  const box = card.getBoundingClientRect();
  return [...card.querySelectorAll('*')].filter(part => {
    const r = part.getBoundingClientRect();
    return r.width && (r.right > box.right + 0.5 || r.left < box.left - 0.5);
  }).map(part => part.textContent.slice(0, 40));
}))"""


@pytest.mark.skipif(not CHROMIUM, reason="chromium is not installed")
def test_a_card_holds_its_long_recording_titles_at_320_px(app, tmp_path):
    browser = Browser(tmp_path / "profile")
    try:
        with browser.open("about:blank", width=320) as tab:
            tab.send("Page.navigate", url=(app.outdir / "cards.html").as_uri())
            browser.wait_for("Page.loadEventFired", tab.session)
            tab.screenshot(tmp_path / "cards-320.png", full_page=True)
            out = json.loads(tab.evaluate(OUT_OF_CARDS))
    finally:
        browser.close()
    assert out == []
