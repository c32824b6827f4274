"""Calls as events: the upcoming call's page and listing, and the iCalendar files."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import icalendar
import pytest

from sphinx_callposts.core.events import load_zone, parse_duration
from sphinx_callposts.core.post import build_post

from .browser import CHROMIUM, Browser
from .helpers import body, build, copy_root, page, warning_lines, warnings_of

BASE = "https://example.org/docs/calls/"


@pytest.fixture(scope="module")
def html_app(tmp_path_factory):
    return build(copy_root("events", tmp_path_factory.mktemp("events")), freshenv=True)


def read_calendar(app, path: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((app.outdir / path).read_bytes())


def text(element) -> str:
    """An element's text, with CLDR's narrow no-break spaces ("5:00\u202fPM") as spaces."""
    return " ".join(element.get_text().split())


def events_of(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_builds_without_warnings(html_app):
    assert warning_lines(html_app) == []


def test_upcoming_call_page_shows_time_zone_join_and_calendar(html_app):
    header = body(html_app, "calls/2027-01-21-planning").select_one("div.callpost-header")
    time = header.select_one("time.callpost-date")
    # no offset in the front matter: read in callposts_timezone, and shown in it
    assert time["datetime"] == "2027-01-21T17:00:00+01:00"
    assert text(time) == "January 21, 2027, 5:00 PM CET"
    assert "callpost-time" in time["class"]  # the script shows it in the reader's zone
    event = header.select_one("p.callpost-event")
    assert event.select_one(".callpost-upcoming").get_text() == "Upcoming"
    join = event.select_one("a.callpost-join")
    assert (join.get_text(), join["href"]) == (
        "Join the call",
        "https://meet.example.org/planning?pwd=a&b=1",
    )
    ics = event.select_one("a.callpost-ics")
    assert (ics.get_text(), ics["href"]) == ("Add to calendar", "2027-01-21-planning.ics")
    assert page(html_app, "calls/2027-01-21-planning").select_one('script[src*="callposts.js"]')


def test_past_call_page_is_no_event(html_app):
    header = body(html_app, "calls/2025-11-20-past").select_one("div.callpost-header")
    assert header.select_one("time.callpost-date").get_text() == "November 20, 2025"
    assert not header.select(".callpost-event, .callpost-join, .callpost-ics, .callpost-time")
    assert not (html_app.outdir / "calls/2025-11-20-past.ics").exists()


def test_call_ics_is_what_a_calendar_app_reads(html_app):
    calendar = read_calendar(html_app, "calls/2027-01-21-planning.ics")
    assert str(calendar["version"]) == "2.0" and calendar["prodid"]
    [event] = calendar.walk("VEVENT")
    assert str(event["uid"]) == "calls/2027-01-21-planning@example.org"
    assert str(event["summary"]) == "Planning 2027"
    # 17:00 in Berlin, and 1h30m from the front matter's duration
    assert event.decoded("dtstart") == datetime(2027, 1, 21, 16, 0, tzinfo=timezone.utc)
    assert event.decoded("dtend") == datetime(2027, 1, 21, 17, 30, tzinfo=timezone.utc)
    assert str(event["url"]) == BASE + "2027-01-21-planning.html"
    assert str(event["location"]) == "https://meet.example.org/planning?pwd=a&b=1"
    assert str(event["conference"]) == "https://meet.example.org/planning?pwd=a&b=1"
    assert "What the project should do in 2027." in str(event["description"])


def test_join_from_params_and_meeting_and_default_duration(html_app):
    [release] = read_calendar(html_app, "calls/2027-03-04-params.ics").walk("VEVENT")
    assert str(release["location"]) == "https://meet.example.org/release"  # params.join
    start = release.decoded("dtstart")
    assert release.decoded("dtend") - start == timedelta(minutes=60)  # callposts_call_duration
    [hack] = read_calendar(html_app, "calls/2027-06-10-all-day.ics").walk("VEVENT")
    assert str(hack["location"]) == "https://meet.example.org/hack"  # meeting
    # a date without a time: an all-day event
    assert hack.decoded("dtstart") == date(2027, 6, 10)
    assert hack.decoded("dtend") == date(2027, 6, 11)


def test_listing_calendar_holds_past_and_upcoming_calls(html_app):
    calendar = read_calendar(html_app, "calls/calendar.ics")
    assert str(calendar["x-wr-calname"]) == "Events test: Community calls"
    events = events_of(calendar)
    # oldest first; drafts never appear, redirect pages neither
    assert list(events) == [
        "</script><script>alert(1)</script>",
        "Incremental builds",
        "Planning 2027",
        "Release party",
        "Hack day",
    ]
    past = events["Incremental builds"]
    assert str(past["uid"]) == "calls/2025-11-20-past@example.org"
    assert past.decoded("dtstart") == datetime(2025, 11, 20, 15, 0, tzinfo=timezone.utc)
    assert str(past["url"]) == BASE + "2025-11-20-past.html"
    # the recording, now that there is one
    assert str(past["attach"]) == "https://www.youtube.com/watch?v=46nCdVA-rsc"
    assert "Recording: https://www.youtube.com/watch?v=46nCdVA-rsc" in str(past["description"])
    # the same UIDs as the calls' own files, so an app that has both keeps one event
    [own] = read_calendar(html_app, "calls/2027-01-21-planning.ics").walk("VEVENT")
    assert events["Planning 2027"]["uid"] == own["uid"]
    assert (html_app.outdir / "calendar.ics").is_file() is False  # index.md has no listing


def test_drafts_get_no_calendar(html_app):
    assert not (html_app.outdir / "calls/2027-02-02-draft.ics").exists()
    header = body(html_app, "calls/2027-02-02-draft").select_one("div.callpost-header")
    assert not header.select("a.callpost-ics")


def test_listing_shows_time_and_join_of_upcoming_calls(html_app):
    listing = body(html_app, "calls/_index")
    upcoming = listing.select_one("div.callposts-upcoming")
    entries = upcoming.select("li.callposts-entry")
    first = entries[0]
    assert text(first.select_one("time")) == "January 21, 2027, 5:00 PM CET"
    join = first.select_one("a.callposts-join")
    assert join["href"] == "https://meet.example.org/planning?pwd=a&b=1"
    # past calls keep their date alone, and no join link
    past = listing.select("div.callposts-group")[1]
    assert past.select_one("time").get_text() == "November 20, 2025"
    assert not past.select("a.callposts-join")
    subscribe = listing.select_one("p.callposts-subscribe a")
    assert (subscribe.get_text(), subscribe["href"]) == ("Subscribe", "calendar.ics")
    [head_link] = page(html_app, "calls/_index").select('link[type="text/calendar"]')
    assert (head_link["href"], head_link["title"]) == (
        "calendar.ics",
        "Events test: Community calls",
    )


def test_table_listing_shows_time_and_join(tmp_path):
    srcdir = copy_root("events", tmp_path)
    (srcdir / "calls/_index.md").write_text(
        "---\ntitle: Community calls\n---\n\n```{callposts}\n:style: table\n```\n", "utf8"
    )
    app = build(srcdir, freshenv=True)
    rows = body(app, "calls/_index").select("div.callposts-upcoming tr.callposts-entry")
    assert text(rows[0].select_one("time")) == "January 21, 2027, 5:00 PM CET"
    assert rows[0].select_one("a.callposts-join")["href"].startswith("https://meet.example.org/")


def test_dirhtml_puts_the_ics_beside_the_page(tmp_path):
    app = build(copy_root("events", tmp_path), "dirhtml", freshenv=True)
    assert (app.outdir / "calls/2027-01-21-planning/index.ics").is_file()
    event = page(app, "calls/2027-01-21-planning/index.html").select_one("a.callpost-ics")
    assert event["href"] == "index.ics"
    [vevent] = read_calendar(app, "calls/2027-01-21-planning/index.ics").walk("VEVENT")
    assert str(vevent["url"]) == BASE + "2027-01-21-planning/"
    # beside the listing page's feed, the section page being served at its folder
    assert (app.outdir / "calls/atom.xml").is_file()
    assert (app.outdir / "calls/calendar.ics").is_file()


def test_passed_call_is_rewritten_and_leaves_the_ics(tmp_path):
    srcdir = copy_root("events", tmp_path)
    builddir = tmp_path / "build"
    first = build(srcdir, builddir=builddir, freshenv=True)
    assert (first.outdir / "calls/2027-01-21-planning.ics").is_file()
    # a year later, nothing edited: the call has passed
    later = build(srcdir, builddir=builddir, epoch=str(1767225600 + 400 * 86400))
    header = body(later, "calls/2027-01-21-planning").select_one("div.callpost-header")
    assert not header.select(".callpost-event")
    assert header.select_one("time.callpost-date").get_text() == "January 21, 2027"
    assert not (later.outdir / "calls/2027-01-21-planning.ics").exists()
    # it stays in the listing's calendar, as history
    assert "Planning 2027" in events_of(read_calendar(later, "calls/calendar.ics"))


def test_bad_join_and_duration_warn_with_their_line(tmp_path):
    srcdir = copy_root("events", tmp_path)
    (srcdir / "calls/2027-09-01-bad.md").write_text(
        "---\ntitle: Bad\ndate: 2027-09-01T10:00:00Z\n"
        "join: javascript:alert(1)\nduration: forever\n---\n\nText.\n",
        "utf8",
    )
    app = build(srcdir, freshenv=True)
    assert sorted(warnings_of(app)) == [
        ("2027-09-01-bad.md", 4, "callposts.url"),
        ("2027-09-01-bad.md", 5, "callposts.frontmatter"),
    ]
    header = body(app, "calls/2027-09-01-bad").select_one("div.callpost-header")
    assert not header.select("a.callpost-join")
    [event] = read_calendar(app, "calls/2027-09-01-bad.ics").walk("VEVENT")
    assert "location" not in event
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=60)


def test_bad_timezone_falls_back_to_utc(tmp_path):
    app = build(
        copy_root("events", tmp_path),
        freshenv=True,
        confoverrides={"callposts_timezone": "Mars/Olympus"},
    )
    assert any(
        "callposts_timezone" in line and "Mars/Olympus" in line for line in warning_lines(app)
    )
    time = body(app, "calls/2027-01-21-planning").select_one("time.callpost-date")
    assert text(time) == "January 21, 2027, 5:00 PM UTC"


@pytest.mark.parametrize(
    ("value", "minutes"),
    [(90, 90), ("45", 45), ("1h30m", 90), ("2h", 120), ("45m", 45), ("1h 5min", 65)],
)
def test_durations(value, minutes):
    assert parse_duration(value) == timedelta(minutes=minutes)


@pytest.mark.parametrize("value", ["", "soon", "0", -5, True, "8d", 100000, "h"])
def test_bad_durations(value):
    with pytest.raises(ValueError, match="duration"):
        parse_duration(value)


def test_times_without_offset_read_in_the_zone():
    berlin = load_zone("Europe/Berlin")
    post, problems = build_post("p", {"title": "T", "date": "2027-07-01T18:00:00"}, zone=berlin)
    assert problems == []
    assert post.date.isoformat() == "2027-07-01T18:00:00+02:00"  # summer time
    post, _ = build_post("p", {"title": "T", "date": "2027-07-01T18:00:00Z"}, zone=berlin)
    assert post.date.utcoffset() == timedelta(0)  # an offset wins
    with pytest.raises(ValueError, match="IANA"):
        load_zone("Not/AZone")


def test_in_german(tmp_path):
    app = build(copy_root("events", tmp_path), freshenv=True, confoverrides={"language": "de"})
    header = body(app, "calls/2027-01-21-planning").select_one("div.callpost-header")
    assert text(header.select_one("time.callpost-date")) == "21. Januar 2027, 17:00 CET"
    event = header.select_one("p.callpost-event")
    assert [text(link) for link in event.select("a")] == [
        "Am Call teilnehmen",
        "Zum Kalender hinzufügen",
    ]
    [vevent] = read_calendar(app, "calls/2027-01-21-planning.ics").walk("VEVENT")
    assert "Teilnehmen: https://meet.example.org/planning" in str(vevent["description"])
    subscribe = body(app, "calls/_index").select_one("p.callposts-subscribe a")
    assert text(subscribe) == "Abonnieren"


def test_navigation_reads_times_in_the_zone_as_the_listing_does(tmp_path):
    srcdir = copy_root("events", tmp_path)
    # 10:00 in Berlin is 08:00 UTC: before the 09:00 UTC call, though later on the clock
    (srcdir / "calls/2027-05-01-berlin.md").write_text(
        "---\ntitle: Berlin morning\ndate: 2027-05-01T10:00:00\n---\n\nText.\n", "utf8"
    )
    (srcdir / "calls/2027-05-01-utc.md").write_text(
        "---\ntitle: UTC morning\ndate: 2027-05-01T09:00:00Z\n---\n\nText.\n", "utf8"
    )
    app = build(srcdir, freshenv=True)
    listed = [
        link["href"].removesuffix(".html")
        for link in body(app, "calls/_index").select("div.callposts-upcoming a.callposts-title")
    ]
    navigation = [
        name.removeprefix("calls/")
        for name in app.env.toctree_includes["calls/_index"]
        if name.removeprefix("calls/") in listed
    ]
    assert listed.index("2027-05-01-berlin") < listed.index("2027-05-01-utc")
    # the navigation is newest first, the upcoming listing soonest first
    assert navigation == listed[::-1]


@pytest.mark.skipif(not CHROMIUM, reason="chromium is not installed")
def test_a_reader_elsewhere_sees_the_time_in_their_own_zone(html_app, tmp_path):
    browser = Browser(tmp_path / "profile")
    try:
        with browser.open("about:blank") as tab:
            tab.send("Emulation.setTimezoneOverride", timezoneId="America/New_York")
            tab.send(
                "Page.navigate", url=(html_app.outdir / "calls/2027-01-21-planning.html").as_uri()
            )
            browser.wait_for("Page.loadEventFired", tab.session)
            shown = tab.evaluate(
                "const t = document.querySelector('time.callpost-date');"
                "[t.textContent, t.title, t.className].join('|')"
            )
    finally:
        browser.close()
    local, site, classes = shown.split("|")
    # 17:00 in Berlin is 11:00 in New York; the site's own time stays in the tooltip
    assert "January 21, 2027" in local and "11:00" in local and "EST" in local, local
    assert " ".join(site.split()) == "January 21, 2027, 5:00 PM CET"
    assert "callpost-time-local" in classes.split()
