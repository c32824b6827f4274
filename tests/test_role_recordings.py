"""A ``youtube`` role in running text is a link, and one of the post's recordings, as
docs/events.md says: in order with the others, by its title, in the listings, the feed,
the calendar and the JSON-LD (issue 21, item 4)."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import icalendar
import pytest

from .helpers import CALLS_CONF, body, build, page, run_check, warnings_of

ATOM = "{http://www.w3.org/2005/Atom}"
WATCH = "https://www.youtube.com/watch?v="
INDEX = "# Home\n\n```{toctree}\nblog/_index\ntable\n```\n"
TABLE = """\
# Table

```{callposts}
:section: blog
:style: table
:columns: topic, recording
:group-by: none
```
"""
# a player, then two roles inside sentences (titled, untitled), then an iframe in emphasis
JUNE = """\
---
title: Community Call - June
date: 2024-06-06
---

The talk:

```{youtube} 5a_A3furzlg
:title: The talk
```

The demo of {youtube}`the flux extension <https://youtu.be/nG2FRYL05mc?t=300>` starts
at minute five; the questions are in {youtube}`dQw4w9WgXcQ`, and *the end: <iframe
src="https://www.youtube.com/embed/aqz-KE-bpKQ" title="The end"></iframe>*.

Once more, {youtube}`the same talk <5a_A3furzlg>`: counted once.
"""
LABELS = ["The talk", "the flux extension", "Recording 3", "The end"]
IDS = ["5a_A3furzlg", "nG2FRYL05mc", "dQw4w9WgXcQ", "aqz-KE-bpKQ"]
URLS = [WATCH + video for video in IDS]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    srcdir = tmp_path_factory.mktemp("roles") / "src"
    files = {
        "conf.py": CALLS_CONF,
        "index.md": INDEX,
        "table.md": TABLE,
        "blog/_index.md": "---\ntitle: Blog\n---\n",
        "blog/june.md": JUNE,
    }
    for name, text in files.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf8")
    return build(srcdir, freshenv=True)


def test_the_roles_stay_links_in_their_sentences(app):
    assert warnings_of(app) == []
    june = body(app, "blog/june")
    assert [player["data-youtube-id"] for player in june.select("div.callposts-youtube")] == [
        "5a_A3furzlg"
    ]
    links = [(a.get_text(), a["href"]) for a in june.select("p a.callposts-youtube-link")]
    assert links == [
        ("the flux extension", WATCH + "nG2FRYL05mc&t=300s"),
        ("YouTube video dQw4w9WgXcQ", WATCH + "dQw4w9WgXcQ"),
        ("The end", WATCH + "aqz-KE-bpKQ"),
        ("the same talk", WATCH + "5a_A3furzlg"),
    ]
    assert not june.select("iframe")


def test_the_listings_link_every_recording_in_order(app):
    cell = body(app, "table").select_one("td.callposts-column-recording")
    assert [(a.get_text(), a["href"]) for a in cell.select("a")] == [
        (f"▶ {label}", url) for label, url in zip(LABELS, URLS, strict=True)
    ]
    entry = body(app, "blog/_index").select_one("li.callposts-entry")
    assert [a["href"] for a in entry.select("a.callposts-recording")] == URLS


def test_the_feed_and_the_calendar_hold_every_recording(app):
    feed = ET.parse(app.outdir / "blog/atom.xml").getroot()
    related = [
        (link.get("title"), link.get("href"))
        for link in feed.iter(f"{ATOM}link")
        if link.get("rel") == "related"
    ]
    assert related == list(zip(LABELS, URLS, strict=True))
    calendar = icalendar.Calendar.from_ical((app.outdir / "blog/calendar.ics").read_bytes())
    [event] = calendar.walk("VEVENT")
    assert [str(url) for url in event["attach"]] == URLS
    assert "the flux extension: " + URLS[1] in str(event["description"]).splitlines()


def test_json_ld_has_a_video_for_each_role(app):
    script = page(app, "blog/june").select_one('script[type="application/ld+json"]')
    videos = [
        item for item in json.loads(script.string)["@graph"] if item["@type"] == "VideoObject"
    ]
    assert [video["name"] for video in videos] == [
        "The talk",
        "the flux extension",
        "Community Call - June: Recording 3",
        "The end",
    ]
    assert [video["embedUrl"].rsplit("/", 1)[1] for video in videos] == IDS


def test_check_finds_no_problem(app):
    result = run_check(app.srcdir)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    "body_text",
    [
        # as docs/events.md shows it: one shortcode a line, one paragraph
        '{{< youtube id="5a_A3furzlg" title="Demo" >}}\n{{< youtube dQw4w9WgXcQ >}}\n',
        "{{< youtube 5a_A3furzlg >}} {{< youtube dQw4w9WgXcQ >}}\n",
        "> {{< youtube 5a_A3furzlg >}}\n> {{< youtube dQw4w9WgXcQ >}}\n",
    ],
)
def test_shortcodes_that_share_a_paragraph_are_players_each(tmp_path, body_text):
    srcdir = tmp_path / "src"
    files = {
        "conf.py": CALLS_CONF,
        "index.md": "# Home\n\n```{toctree}\nblog/_index\nother\n```\n",
        "blog/_index.md": "---\ntitle: Blog\n---\n",
        "blog/two.md": f"---\ntitle: Two\ndate: 2024-03-07\n---\n\n{body_text}",
        "other.md": f"# Other\n\n{body_text}",  # not a post
    }
    for name, text in files.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf8")
    app = build(srcdir, freshenv=True)  # raised ValueError: the second was lost
    assert warnings_of(app) == []
    for name in ("blog/two", "other"):
        players = body(app, name).select(".callposts-youtube")
        assert [player["data-youtube-id"] for player in players] == ["5a_A3furzlg", "dQw4w9WgXcQ"]
