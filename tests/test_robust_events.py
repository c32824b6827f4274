"""Calls as events against hostile input: dates at the calendar's edges, durations, zones,
calendar names and text, midnight calls, local mean time, and which calendars are linked.

Each case builds a small project and reads what was written and what was warned.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import icalendar
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from sphinx_callposts.core.events import (
    LONGEST_CALL,
    CallEvent,
    calendar_bytes,
    in_zone,
    iso_datetime,
    load_zone,
)
from sphinx_callposts.core.post import build_post, read_post

from .helpers import body, build, page, run_check, warning_lines, warnings_of

CONF = """\
extensions = ["myst_parser", "sphinx_callposts"]
project = "Edges"
callposts_pattern = ["calls/**"]
callposts_calls = ["calls/**"]
callposts_timezone = {zone!r}
html_baseurl = "https://example.org/"
show_warning_types = True
exclude_patterns = ["_build"]
"""
INDEX = "# Home\n\n```{toctree}\n:glob:\ncalls/*\n```\n"
SECTION = "---\ntitle: Calls\n---\n\nEvery call.\n"
#: an upcoming call that nothing is wrong with, to show the rest is written
FINE = "---\ntitle: Fine\ndate: 2027-03-04T15:00:00Z\n---\n\nAll well.\n"


def project(root: Path, posts: dict[str, str], zone: str = "UTC", **files: str) -> Path:
    """A project with ``calls/_index.md`` (a listing), the ``posts`` in ``calls/``, and ``files``."""
    srcdir = root / "src"
    (srcdir / "calls").mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF.format(zone=zone), encoding="utf-8")
    (srcdir / "index.md").write_text(INDEX, encoding="utf-8")
    (srcdir / "calls" / "_index.md").write_text(SECTION, encoding="utf-8")
    for name, text in {**posts, **files}.items():
        path = srcdir / ("calls" if name in posts else "") / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return srcdir


def post(title: str, **front: str) -> str:
    lines = "".join(f"{key}: {value}\n" for key, value in front.items())
    return f"---\ntitle: {title}\n{lines}---\n\nText.\n"


def calendar_of(app, path: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((app.outdir / path).read_bytes())


def summaries(calendar: icalendar.Calendar) -> list[str]:
    return [str(event["summary"]) for event in calendar.walk("VEVENT")]


def json_ld_graph(app, path: str) -> list[dict]:
    script = page(app, path).select_one('script[type="application/ld+json"]')
    return json.loads(script.string)["@graph"]


def event_of(app, path: str) -> dict:
    return next(item for item in json_ld_graph(app, path) if item["@type"] == "Event")


def page_path(builder: str, docname: str) -> str:
    return f"{docname}/index.html" if builder == "dirhtml" else f"{docname}.html"


def ics_path(builder: str, docname: str) -> str:
    return f"{docname}/index.ics" if builder == "dirhtml" else f"{docname}.ics"


# --- dates at the edges of the calendar ----------------------------------------------------

EDGES = {
    "all-day.md": post("All day at the end", date="9999-12-31"),
    "late.md": post("Late at the end", date="9999-12-31T23:30Z"),
    "first.md": post("First morning", date="0001-01-01T05:00"),
    "lastmod.md": post("Only modified", lastmod="9999-12-31"),
    "fine.md": FINE,
}


@pytest.fixture(scope="module", params=["html", "dirhtml"])
def edges_app(request, tmp_path_factory):
    # read in Tokyo: 05:00 on 1 January of year 1 is in year 0 in UTC
    srcdir = project(tmp_path_factory.mktemp("edges"), EDGES, zone="Asia/Tokyo")
    return build(srcdir, request.param, freshenv=True)


def test_dates_at_the_edges_warn_with_their_line(edges_app):
    assert sorted(warnings_of(edges_app)) == [
        ("all-day.md", 3, "callposts.date"),
        ("first.md", 3, "callposts.date"),
        ("lastmod.md", 3, "callposts.date"),
        ("late.md", 3, "callposts.date"),
    ]
    [line] = [line for line in warning_lines(edges_app) if "late.md" in line]
    assert "'date' 9999-12-31T23:30Z is too close to year 1 or 9999" in line
    assert "without a calendar entry" in line


def test_dates_at_the_edges_keep_their_page_without_a_calendar_entry(edges_app):
    builder = edges_app.builder.name
    for name in ("all-day", "late", "first", "lastmod"):
        docname = f"calls/{name}"
        header = body(edges_app, page_path(builder, docname)).select_one("div.callpost-header")
        assert header.select_one("time.callpost-date"), name
        assert not header.select("a.callpost-ics"), name
        assert not (edges_app.outdir / ics_path(builder, docname)).exists(), name
    # the listing's calendar holds the call that fits, and is still written
    assert summaries(calendar_of(edges_app, "calls/calendar.ics")) == ["Fine"]
    assert (edges_app.outdir / ics_path(builder, "calls/fine")).is_file()


def test_check_reports_dates_at_the_edges(tmp_path):
    calls = project(tmp_path, EDGES, zone="Asia/Tokyo") / "calls"
    result = run_check(calls)
    assert "Traceback" not in result.stderr
    reported = sorted(line for line in result.stdout.splitlines() if "[callposts.date]" in line)
    assert [line.split(": ", 1)[0] for line in reported] == [
        f"{calls / name}:3" for name in ("all-day.md", "first.md", "lastmod.md", "late.md")
    ]


def test_a_call_at_the_edge_shows_its_time_and_has_no_end_date(edges_app):
    builder = edges_app.builder.name
    time_ = body(edges_app, page_path(builder, "calls/late")).select_one("time.callpost-date")
    # Tokyo is past year 9999 at that time: the time is shown as given, in UTC
    assert time_["datetime"] == "9999-12-31T23:30:00+00:00"
    assert " ".join(time_.get_text().split()) == "December 31, 9999, 11:30 PM UTC"
    event = event_of(edges_app, page_path(builder, "calls/late"))
    assert event["startDate"] == "9999-12-31T23:30:00+00:00"
    assert "endDate" not in event
    # an all-day call is its day, from start to end, as its calendar entry would be
    event = event_of(edges_app, page_path(builder, "calls/all-day"))
    assert (event["startDate"], event["endDate"]) == ("9999-12-31", "9999-12-31")


ZONES = ["UTC", "Asia/Tokyo", "Europe/Berlin", "Pacific/Kiritimati", "Pacific/Pago_Pago"]
MINUTE_OFFSET = re.compile(r"(?:[+-]\d\d:\d\d)$")


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    moment=st.one_of(
        *(
            st.datetimes(low, high, timezones=st.none() | st.timezones())
            for low, high in [
                (datetime.min, datetime.max),
                (datetime.min, datetime(1, 1, 3)),  # a day from the edges, and more
                (datetime(9999, 12, 20), datetime.max),
            ]
        )
    ),
    dated=st.booleans(),
    zone=st.sampled_from(ZONES),
    duration=st.none() | st.integers() | st.floats() | st.sampled_from(["1h30m", "9" * 30]),
)
def test_any_date_zone_and_duration_is_written_or_warned(moment, dated, zone, duration):
    value = moment.date().isoformat() if dated else moment.isoformat()
    data = {"title": "T", "date": value, **({"duration": duration} if duration is not None else {})}
    post, problems = build_post("calls/x", data, zone=load_zone(zone))
    assert post.date is not None and post.timed is not dated
    if not post.in_calendar:
        assert [problem.subtype for problem in problems].count("date") == 1
        return
    # what the calendars, the pages and the metadata do with a call that fits
    event = CallEvent("u", "T", post.date, post.duration or LONGEST_CALL, all_day=not post.timed)
    assert icalendar.Calendar.from_ical(calendar_bytes([event]))
    for shown in ZONES:
        assert MINUTE_OFFSET.search(iso_datetime(in_zone(post.date, load_zone(shown))))
    assert MINUTE_OFFSET.search(iso_datetime(event.end))


# --- durations -------------------------------------------------------------------------------

DURATIONS = {
    "inf.md": (".inf", "a duration of inf is not between a minute and a week"),
    "minus-inf.md": ("-.inf", "a duration of -inf is not between a minute and a week"),
    "huge.md": ("99999999999999999999", "a duration of 99999999999999999999 is not between"),
    "huge-text.md": ("'" + "9" * 5000 + "'", "is not between a minute and a week"),
    "nan.md": (".nan", "nan is not a number: a duration is minutes (90) or 1h30m"),
}


@pytest.fixture(scope="module")
def durations_project(tmp_path_factory) -> Path:
    posts = {
        name: post(name[:-3], date="2027-01-01T10:00Z", duration=value)
        for name, (value, _why) in DURATIONS.items()
    }
    return project(tmp_path_factory.mktemp("durations"), {**posts, "fine.md": FINE})


def test_bad_durations_warn_what_is_wrong_and_take_the_default(durations_project):
    app = build(durations_project, freshenv=True)
    assert sorted(warnings_of(app)) == sorted(
        (name, 4, "callposts.frontmatter") for name in DURATIONS
    )
    lines = warning_lines(app)
    for name, (_value, why) in DURATIONS.items():
        [line] = [line for line in lines if f"/{name}:" in line]
        assert why in line, line
        assert "control characters" not in line
        assert len(line) < 400  # a value of 5,000 digits is cut short
    [event] = calendar_of(app, "calls/inf.ics").walk("VEVENT")
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=60)


def test_check_reports_bad_durations(durations_project):
    calls = durations_project / "calls"
    result = run_check(calls)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for name, (_value, why) in DURATIONS.items():
        [line] = [line for line in result.stdout.splitlines() if f"/{name}:" in line]
        assert line.startswith(f"{calls / name}:4: invalid 'duration': "), line
        assert why in line and line.endswith("[callposts.frontmatter]"), line


# --- calendar names and text ---------------------------------------------------------------


def test_a_two_line_title_names_the_listing_calendar_on_one_line(tmp_path):
    srcdir = project(tmp_path, {"fine.md": FINE})
    (srcdir / "calls" / "_index.md").write_text(
        "Community calls;\nthe next, the past\n=========\n\nEvery call.\n", encoding="utf-8"
    )
    app = build(srcdir, freshenv=True)
    assert warning_lines(app) == []
    data = (app.outdir / "calls/calendar.ics").read_bytes()
    assert strict_ical_problems(data) == []
    # written as TEXT, its ; and , escaped
    assert b"\r\nX-WR-CALNAME:Edges: Community calls\\; the next\\, the past\r\n" in data
    assert b"\r\nNAME:Edges: Community calls\\; the next\\, the past\r\n" in data
    link = page(app, "calls/_index").select_one('link[type="text/calendar"]')
    assert link["title"] == "Edges: Community calls; the next, the past"


def test_control_characters_never_reach_a_calendar(tmp_path):
    posts = {
        # front matter keeps DEL (XML allows it), the body keeps what Markdown passes on
        "title.md": '---\ntitle: "Del\\x7fete"\ndate: 2027-01-05T10:00Z\n---\n\nText.\n',
        "body.md": "---\ntitle: Body\ndate: 2027-01-06T10:00Z\n---\n\nOne\x01two\x7f\x1bthree.\n",
    }
    app = build(project(tmp_path, posts), freshenv=True)
    for name in ("title", "body"):
        data = (app.outdir / f"calls/{name}.ics").read_bytes()
        assert strict_ical_problems(data) == [], name
    [event] = calendar_of(app, "calls/title.ics").walk("VEVENT")
    assert str(event["summary"]) == "Delete"
    [event] = calendar_of(app, "calls/body.ics").walk("VEVENT")
    assert str(event["description"]).startswith("Onetwothree.")
    assert strict_ical_problems((app.outdir / "calls/calendar.ics").read_bytes()) == []


# --- a midnight call with a time, local mean time ------------------------------------------


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_a_call_at_midnight_with_a_time_is_timed(tmp_path, builder):
    posts = {
        "midnight.md": post(
            "Midnight", date="2027-01-01T00:00Z", join="https://meet.example.org/m", duration="30"
        ),
        "day.md": post("A day", date="2027-01-02"),
    }
    app = build(project(tmp_path, posts), builder, freshenv=True)
    assert warning_lines(app) == []
    [event] = calendar_of(app, ics_path(builder, "calls/midnight")).walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2027, 1, 1, tzinfo=timezone.utc)
    assert event.decoded("dtend") == datetime(2027, 1, 1, 0, 30, tzinfo=timezone.utc)
    header = body(app, page_path(builder, "calls/midnight")).select_one("div.callpost-header")
    time_ = header.select_one("time.callpost-date")
    assert time_["datetime"] == "2027-01-01T00:00:00+00:00"
    assert " ".join(time_.get_text().split()) == "January 1, 2027, 12:00 AM UTC"
    ld = event_of(app, page_path(builder, "calls/midnight"))
    assert (ld["startDate"], ld["endDate"]) == (
        "2027-01-01T00:00:00+00:00",
        "2027-01-01T00:30:00+00:00",
    )
    # the listing's Upcoming group shows its time too
    section = "calls/index.html" if builder == "dirhtml" else "calls/_index.html"
    listing = body(app, section).select_one(".callposts-upcoming")
    times = {" ".join(t.get_text().split()): t["datetime"] for t in listing.select("time")}
    assert times["January 1, 2027, 12:00 AM UTC"] == "2027-01-01T00:00:00+00:00"
    assert times["January 2, 2027"] == "2027-01-02"
    # a date alone stays an all-day event, everywhere
    [event] = calendar_of(app, ics_path(builder, "calls/day")).walk("VEVENT")
    assert event.decoded("dtstart") == date(2027, 1, 2)
    time_ = body(app, page_path(builder, "calls/day")).select_one("time.callpost-date")
    assert (time_["datetime"], time_.get_text()) == ("2027-01-02", "January 2, 2027")
    ld = event_of(app, page_path(builder, "calls/day"))
    assert (ld["startDate"], ld["endDate"]) == ("2027-01-02", "2027-01-02")


@pytest.mark.parametrize("value", ["2027-01-01T00:00Z", "2027-01-01 00:00", "2027-01-01T00:00:00"])
def test_any_time_given_makes_a_timed_post(value):
    _front, timed, _problems = read_post("c", f"---\ntitle: T\ndate: {value}\n---\n")
    _front, day, _problems = read_post("c", "---\ntitle: T\ndate: 2027-01-01\n---\n")
    _front, json_day, _problems = read_post("c", '{"title": "T", "date": "2027-01-01"}\n')
    assert (timed.timed, day.timed, json_day.timed) == (True, False, False)
    assert timed.date == day.date  # the same instant: only the time's presence differs


OFFSET = re.compile(r"[+-]\d\d:\d\d(?::\d\d)?(?=[\"<]|$)")


def test_local_mean_time_is_written_to_the_minute(tmp_path):
    # before 1893, Berlin kept local mean time: UTC+00:53:28
    posts = {"old.md": post("Old", date="1890-01-01 10:00")}
    app = build(project(tmp_path, posts, zone="Europe/Berlin"), freshenv=True)
    assert warning_lines(app) == []
    # the same instant at the nearest whole minute of offset, as RFC 3339 does for such zones
    written = "1890-01-01T09:59:32+00:53"
    header = body(app, "calls/old").select_one("div.callpost-header")
    assert header.select_one("time.callpost-date")["datetime"] == written
    assert json_ld_graph(app, "calls/old.html")[0]["datePublished"] == written
    atom = (app.outdir / "calls/atom.xml").read_text(encoding="utf-8")
    assert f"<published>{written}</published>" in atom
    offsets = OFFSET.findall(atom + (app.outdir / "calls/old.html").read_text(encoding="utf-8"))
    assert offsets and all(len(offset) == 6 for offset in offsets)
    [event] = calendar_of(app, "calls/calendar.ics").walk("VEVENT")
    assert event["dtstart"].to_ical() == b"18900101T090632Z"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (datetime(2027, 1, 1, 10, tzinfo=timezone(timedelta(hours=5, minutes=30))), "+05:30"),
        (datetime(2027, 1, 1, 10, tzinfo=timezone(timedelta(seconds=-1))), "+00:00"),
        (datetime(2027, 1, 1, 10, tzinfo=timezone(timedelta(minutes=19, seconds=32))), "+00:20"),
        (datetime(1, 1, 1, tzinfo=timezone(timedelta(seconds=29))), "+00:00"),
        (datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(seconds=-31))), "-00:01"),
    ],
)
def test_offsets_are_to_the_minute(value, written):
    assert iso_datetime(value).endswith(written)


# --- which calendars are linked -----------------------------------------------------------


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_a_post_named_calendar_leaves_the_listing_its_calendar(tmp_path, builder):
    posts = {"calendar.md": post("Named calendar", date="2027-02-01T10:00Z"), "fine.md": FINE}
    app = build(project(tmp_path, posts), builder, freshenv=True)
    listing = body(app, page_path(builder, "calls") if builder == "dirhtml" else "calls/_index")
    subscribe = listing.select_one("p.callposts-subscribe a")
    calendar = calendar_of(app, "calls/calendar.ics")
    # the listing's calendar, with every call, whatever the builder
    assert str(calendar["x-wr-calname"]) == "Edges: Calls"
    assert summaries(calendar) == ["Named calendar", "Fine"]
    header = body(app, page_path(builder, "calls/calendar")).select_one("div.callpost-header")
    ics = header.select_one("a.callpost-ics")
    if builder == "html":
        assert subscribe["href"] == "calendar.ics"
        # the call's own file would be the listing's: neither written nor linked
        assert warnings_of(app) == [("calendar.md", 3, "callposts.calendar")]
        assert ics is None
    else:
        # dirhtml puts the call's file in its own folder: both are written and linked
        assert subscribe["href"] == "calendar.ics"
        assert warning_lines(app) == []
        assert ics["href"] == "index.ics"
        assert summaries(calendar_of(app, "calls/calendar/index.ics")) == ["Named calendar"]


def test_an_extra_file_at_a_calls_calendar_is_not_linked(tmp_path):
    srcdir = project(tmp_path, {"fine.md": FINE}, **{"extra/calls/fine.ics": "not ours\n"})
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('html_extra_path = ["extra"]\n')
    app = build(srcdir, freshenv=True)
    assert warnings_of(app) == [("fine.md", 3, "callposts.calendar")]
    assert (app.outdir / "calls/fine.ics").read_text(encoding="utf-8") == "not ours\n"
    header = body(app, "calls/fine").select_one("div.callpost-header")
    assert header.select_one(".callpost-upcoming")  # still upcoming, without the link
    assert not header.select("a.callpost-ics")
    assert summaries(calendar_of(app, "calls/calendar.ics")) == ["Fine"]


# --- linear front matter ----------------------------------------------------------------------


def cpu_time(function, *args) -> float:
    """The least CPU time of a few runs: what the work costs, whatever else the machine does."""
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        function(*args)
        best = min(best, time.process_time() - started)
    return best


HOSTILE_FRONT_MATTER = {
    "authors of brackets": lambda n: '---\ntitle: T\nauthors: "' + "[" * n + '"\n---\n',
    "authors of blanks": lambda n: '---\ntitle: T\nauthors: "a' + " " * n + 'b"\n---\n',
    "unclosed JSON string": lambda n: '{"title": "' + '\\"' * (n // 2) + "\n",
    "unclosed TOML string": lambda n: '+++\ntitle = "' + '\\"' * (n // 2) + "\n+++\n",
}


@pytest.mark.parametrize("make", HOSTILE_FRONT_MATTER.values(), ids=HOSTILE_FRONT_MATTER)
def test_hostile_front_matter_costs_time_linear_in_its_size(make):
    # 40 KB took 13 to 15 s, quadratic; linear, twice the size costs twice the time. A
    # generous bound of 3: the quadratic cost was 4
    small, large = (cpu_time(read_post, "calls/x", make(size)) for size in (40_000, 80_000))
    assert large < 3 * max(small, 0.002), (small, large)


def test_hostile_front_matter_builds_with_a_located_warning(tmp_path):
    posts = {
        "brackets.md": post("Brackets", date="2024-01-01", authors='"' + "[" * 40_000 + '"'),
        "json.md": '{"title": "' + '\\"' * 20_000 + "\nText.\n",
    }
    app = build(project(tmp_path, posts), freshenv=True)
    assert ("json.md", 1, "callposts.frontmatter") in warnings_of(app)
    assert (app.outdir / "calls/brackets.html").is_file()
    assert (app.outdir / "calls/json.html").is_file()


# --- any title, body and link: every calendar is well-formed ----------------------------------

#: what breaks iCalendar more often than chance would give it
ICAL_PIECES = st.sampled_from(
    [
        "\x00", "\x01", "\x08", "\t", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f",
        "\x85", "\u2028", "\u2029", "\ufeff", ";", ",", ":", "\\", "\\n", '"', "<", "&", " ",
        "é", "\U0001f600", "x" * 74, "é" * 40, "END:VEVENT", "BEGIN:VCALENDAR", "=",
    ]
)  # fmt: skip
ICAL_TEXT = st.lists(st.one_of(ICAL_PIECES, st.text(max_size=6)), max_size=25).map("".join)
#: text a file can hold: UTF-8 has no lone surrogates
FILE_TEXT = ICAL_TEXT.map(lambda text: re.sub("[\ud800-\udfff]", "", text))
LINK = FILE_TEXT.map(lambda text: "https://meet.example.org/" + text)
_CONTENT_LINE = re.compile(rb"[A-Za-z0-9-]+(?:;[A-Za-z0-9-]+=(?:\"[^\"]*\"|[^\";:,]*)"
                           rb"(?:,(?:\"[^\"]*\"|[^\";:,]*))*)*:")  # fmt: skip
_CONTROL = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")
#: a TEXT value: backslashes, commas and semicolons escaped, newlines as \\n
_TEXT_VALUE = re.compile(rb"(?:[^\\,;]|\\[\\,;nN])*")
_TEXT_PROPERTIES = {b"SUMMARY", b"DESCRIPTION", b"LOCATION", b"NAME", b"X-WR-CALNAME", b"UID"}


def strict_ical_problems(data: bytes) -> list[str]:
    """What is wrong in an iCalendar file, read as RFC 5545 says, independently of icalendar.

    Lines end in CRLF and are at most 75 octets, each valid UTF-8; a folded line goes on
    after one blank; no CONTROL character but HTAB; every content line is a name,
    parameters and a value; TEXT values escape their backslashes, commas and semicolons;
    BEGIN and END nest, in a VCALENDAR.
    """
    problems = []
    if not data.endswith(b"\r\n"):
        problems.append("the file does not end with CRLF")
    lines = data.split(b"\r\n")[:-1]
    unfolded: list[bytes] = []
    for number, line in enumerate(lines, start=1):
        if len(line) > 75:
            problems.append(f"line {number} is {len(line)} octets long")
        if _CONTROL.search(line):
            problems.append(f"line {number} holds a CONTROL character: {line!r}")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {number} is not UTF-8 on its own: a character split")
        if line[:1] in (b" ", b"\t") and unfolded:
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    stack: list[bytes] = []
    for line in unfolded:
        match = _CONTENT_LINE.match(line)
        if not match:
            problems.append(f"not a content line: {line!r}")
            continue
        name = line.split(b";", 1)[0].split(b":", 1)[0].upper()
        value = line[match.end() :]
        if name == b"BEGIN":
            stack.append(value)
        elif name == b"END":
            if not stack or stack.pop() != value:
                problems.append(f"END:{value!r} closes nothing it opened")
        elif not stack:
            problems.append(f"{name!r} stands outside any component")
        if name in _TEXT_PROPERTIES and not _TEXT_VALUE.fullmatch(value):
            problems.append(f"{name!r} has an unescaped character: {value!r}")
    if stack or unfolded[:1] != [b"BEGIN:VCALENDAR"]:
        problems.append("the file is not one VCALENDAR")
    return problems


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    # a build an example: shrinking would take minutes
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    titles=st.lists(ICAL_TEXT, min_size=2, max_size=2),
    bodies=st.lists(FILE_TEXT, min_size=2, max_size=2),
    links=st.lists(LINK, min_size=2, max_size=2),
    heading=FILE_TEXT,
)
def test_any_title_body_and_link_makes_well_formed_calendars(titles, bodies, links, heading):
    posts = {
        # JSON front matter holds any string, escaped
        f"call-{number}.md": json.dumps(
            {"title": title, "date": f"2027-0{number + 1}-01T10:00:00Z", "join": link}
        )
        + f"\n\n{text}\n\n[a link]({link})\n"
        for number, (title, text, link) in enumerate(zip(titles, bodies, links, strict=True))
    }
    posts["day.md"] = json.dumps({"title": titles[0], "date": "2027-05-01"}) + "\n\n" + bodies[1]
    with tempfile.TemporaryDirectory() as root:
        srcdir = project(Path(root), posts)
        (srcdir / "calls" / "_index.md").write_text(
            json.dumps({"title": heading}) + "\n\nEvery call.\n", encoding="utf-8"
        )
        app = build(srcdir, freshenv=True)
        written = sorted(app.outdir.rglob("*.ics"))
        assert app.outdir / "calls" / "calendar.ics" in written
        for path in written:
            data = path.read_bytes()
            calendar = icalendar.Calendar.from_ical(data)
            assert calendar.walk("VEVENT"), path
            assert strict_ical_problems(data) == [], (path, data)
