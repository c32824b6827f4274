"""When a call is held (``callDate``) and when it is not held as planned (``status``)."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

import icalendar
import pytest

from .helpers import CALLS_CONF, body, build, page, run_check, warning_lines, warnings_of

CONF = CALLS_CONF
INDEX = """\
# Home

```{callposts}
:section: blog
:style: table
:columns: date, topic, join
:group-by: none
```

```{toctree}
:glob:
blog/*
```
"""
JOIN = "join: https://meet.example/call"
POSTS = {
    "blog/_index.md": "---\ntitle: Blog\n---\n",
    # held before it was published, as most call notes are (2026-01-01 is "now")
    "blog/2022-03-23-march.md": "title: Community Call - March\ndate: 2022-03-23\n"
    "callDate: 2022-03-17",
    "blog/2022-06-17-june.md": "title: Community Call - June\ndate: 2022-06-17\n"
    "params:\n  callDate: 2022-06-09T15:00:00Z",
    # announced now, held later
    "blog/2025-12-01-next.md": "title: Community Call - Next\ndate: 2025-12-01\n"
    f"callDate: 2027-03-04T16:00:00Z\n{JOIN}",
    "blog/2027-04-01-april.md": "title: Community Call - April\ndate: 2027-04-01T16:00:00Z\n"
    f"status: cancelled\n{JOIN}",
    "blog/2027-05-06-may.md": "title: Community Call - May\ndate: 2027-05-06T16:00:00Z\n"
    f"status: Postponed\n{JOIN}",
    "blog/2027-06-03-moved.md": "title: Community Call - Moved\ndate: 2026-12-01\n"
    f"callDate: 2027-06-10T16:00:00Z\nstatus: rescheduled\n{JOIN}",
    "blog/2025-01-09-odd.md": "title: Odd call\ndate: 2025-01-09\nstatus: maybe",
    "blog/2024-01-01-notes.md": "title: Release notes\ndate: 2024-01-01",
}


def write_project(root: Path) -> Path:
    srcdir = root / "src"
    for name, text in {"conf.py": CONF, "index.md": INDEX, **POSTS}.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.startswith("blog/2"):
            text = f"---\n{text}\n---\n\nWhat was said.\n"
        path.write_text(text, encoding="utf8")
    return srcdir


@pytest.fixture(scope="module", params=["html", "dirhtml"])
def app(request, tmp_path_factory):
    return build(write_project(tmp_path_factory.mktemp("status")), request.param, freshenv=True)


def path_of(app, docname: str, suffix: str = ".html") -> str:
    if app.builder.name != "dirhtml":
        return docname + suffix
    folder = docname.removesuffix("index").removesuffix("_").rstrip("/")
    return f"{folder}/index{suffix}".lstrip("/")


def text(element) -> str:
    return " ".join(element.get_text().split())


def events(app) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical((app.outdir / "blog/calendar.ics").read_bytes())
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def event_ld(app, docname: str) -> dict:
    script = page(app, path_of(app, docname)).select_one('script[type="application/ld+json"]')
    graph = json.loads(script.string)["@graph"]
    return next(item for item in graph if item["@type"] == "Event")


def test_an_unknown_status_is_a_located_warning(app):
    assert warnings_of(app) == [("2025-01-09-odd.md", 4, "callposts.frontmatter")]
    [line] = warning_lines(app)
    assert "'maybe'" in line and "cancelled, postponed, rescheduled" in line


def test_check_reports_the_unknown_status_as_the_build_does(tmp_path):
    blog = write_project(tmp_path) / "blog"
    result = run_check(blog)
    assert "Traceback" not in result.stderr
    reported = [line for line in result.stdout.splitlines() if "[callposts." in line]
    assert len(reported) == 1, result.stdout
    assert reported[0].startswith(f"{blog / '2025-01-09-odd.md'}:4: ")
    assert reported[0].endswith("[callposts.frontmatter]") and "'maybe'" in reported[0]


# --- callDate ----------------------------------------------------------------------


def test_the_header_says_when_the_call_was_held(app):
    dates = body(app, path_of(app, "blog/2022-03-23-march")).select_one(".callpost-dates")
    assert text(dates) == "Held on March 17, 2022 · Published March 23, 2022"
    assert dates.select_one("time.callpost-date")["datetime"] == "2022-03-17"
    assert dates.select_one("time.callpost-date-published")["datetime"] == "2022-03-23"


def test_the_calendar_holds_the_call_at_its_call_date(app):
    found = events(app)
    assert found["Community Call - March"].decoded("dtstart") == date(2022, 3, 17)
    june = found["Community Call - June"]
    assert june.decoded("dtstart") == datetime(2022, 6, 9, 15, tzinfo=timezone.utc)


def test_the_tables_date_column_shows_call_dates_and_says_so(app):
    upcoming, others = body(app, path_of(app, "index")).select("table.callposts-table")
    assert [text(th) for th in upcoming.select("thead th")] == ["Call", "Topic", "Join"]
    # a blog post among them: each row shows its own date, under the plain heading
    assert [text(th) for th in others.select("thead th")] == ["Date", "Topic", "Join"]
    rows = {
        text(row.select_one(".callposts-column-topic a")): row for row in others.select("tbody tr")
    }
    march = rows["Community Call - March"].select_one("time")
    assert (text(march), march["datetime"]) == ("March 17, 2022", "2022-03-17")
    # newest first by the dates shown; a call cancelled or postponed is no upcoming one
    assert list(rows) == [
        "Community Call - May",
        "Community Call - April",
        "Odd call",
        "Release notes",
        "Community Call - June",
        "Community Call - March",
    ]


def test_a_future_call_date_makes_the_call_upcoming(app):
    header = body(app, path_of(app, "blog/2025-12-01-next")).select_one(".callpost-header")
    assert header.select_one(".callpost-upcoming")
    assert not header.select(".callpost-held")  # "Held on" is for the past
    time = header.select_one("time.callpost-date")
    assert time["datetime"] == "2027-03-04T16:00:00+00:00"
    assert header.select_one("a.callpost-join")["href"] == "https://meet.example/call"
    ld = event_ld(app, "blog/2025-12-01-next")
    assert ld["startDate"] == "2027-03-04T16:00:00+00:00"
    assert ld["eventStatus"] == "https://schema.org/EventScheduled"
    [event] = icalendar.Calendar.from_ical(
        (app.outdir / path_of(app, "blog/2025-12-01-next", ".ics")).read_bytes()
    ).walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2027, 3, 4, 16, tzinfo=timezone.utc)


# --- status ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("docname", "word", "ics_status", "schema"),
    [
        ("blog/2027-04-01-april", "Cancelled", "CANCELLED", "EventCancelled"),
        ("blog/2027-05-06-may", "Postponed", "CANCELLED", "EventPostponed"),
        ("blog/2027-06-03-moved", "Rescheduled", "CONFIRMED", "EventRescheduled"),
    ],
)
def test_a_call_not_held_as_planned(app, docname, word, ics_status, schema):
    page_body = body(app, path_of(app, docname))
    banner = page_body.select_one(".callpost-status")
    assert text(banner.select_one(".admonition-title")) == word
    assert "This call is" in text(banner)
    assert not page_body.select("a.callpost-join")
    # a badge in the listing, and no join link there either
    listing = body(app, path_of(app, "blog/_index"))
    name = docname.rpartition("/")[2]
    title = next(a for a in listing.select("a.callposts-title") if name in a["href"])
    entry = title.find_parent(class_="callposts-entry")
    assert text(entry.select_one(".callposts-badge")) == word
    assert not entry.select(".callposts-join")
    table = body(app, path_of(app, "index"))
    row = next(a for a in table.select("a.callposts-title") if name in a["href"])
    row = row.find_parent("tr")
    assert text(row.select_one(".callposts-badge")) == word
    assert not row.select(".callposts-join")
    # the calendar keeps the UID, raises SEQUENCE and says the status
    event = events(app)[text(title)]
    assert str(event["uid"]) == f"{docname}@example.org"
    assert (str(event["status"]), int(event["sequence"])) == (ics_status, 1)
    assert "location" not in event and "conference" not in event
    ld = event_ld(app, docname)
    assert ld["eventStatus"] == f"https://schema.org/{schema}"
    assert ld["location"]["url"] != "https://meet.example/call"


def test_a_call_cancelled_or_postponed_is_not_upcoming(app):
    for docname in ("blog/2027-04-01-april", "blog/2027-05-06-may"):
        header = body(app, path_of(app, docname)).select_one(".callpost-header")
        assert not header.select(".callpost-upcoming, .callpost-event, .callpost-ics")
        # its own calendar file stays, for the calendar apps that hold the event
        assert (app.outdir / path_of(app, docname, ".ics")).is_file()
    listing = body(app, path_of(app, "blog/_index"))
    groups = {
        text(group.select_one(".callposts-group-title")): [
            text(a) for a in group.select("a.callposts-title")
        ]
        for group in listing.select(".callposts-group")
    }
    # the next call is the next one held; the others are in their year, with their badge
    assert groups["Upcoming"] == ["Community Call - Next", "Community Call - Moved"]
    assert groups["2027"] == ["Community Call - May", "Community Call - April"]
    header = body(app, path_of(app, "blog/2027-06-03-moved")).select_one(".callpost-header")
    assert text(header.select_one(".callpost-upcoming")) == "Upcoming"


def test_a_cancelled_call_is_not_held_on_its_call_date(tmp_path):
    srcdir = write_project(tmp_path)
    post = srcdir / "blog/2022-03-23-march.md"
    cancelled = post.read_text(encoding="utf8").replace("\n---\n", "\nstatus: cancelled\n---\n")
    post.write_text(cancelled, encoding="utf8")
    dates = body(build(srcdir), "blog/2022-03-23-march").select_one(".callpost-dates")
    assert text(dates) == "March 17, 2022 · Published March 23, 2022"


def test_a_rescheduled_call_is_at_its_new_date(app):
    event = events(app)["Community Call - Moved"]
    assert event.decoded("dtstart") == datetime(2027, 6, 10, 16, tzinfo=timezone.utc)
    assert event_ld(app, "blog/2027-06-03-moved")["startDate"] == "2027-06-10T16:00:00+00:00"
    header = body(app, path_of(app, "blog/2027-06-03-moved")).select_one(".callpost-header")
    assert header.select_one("time.callpost-date")["datetime"] == "2027-06-10T16:00:00+00:00"


def test_cards_show_the_status_badge(tmp_path):
    srcdir = write_project(tmp_path)
    (srcdir / "index.md").write_text(
        INDEX.replace(":style: table", ":style: cards"), encoding="utf8"
    )
    app = build(srcdir)
    cards = body(app, "index").select(".callposts-call-card")
    badges = {
        text(card.select_one(".callposts-card-title")): text(card.select_one(".callposts-badge"))
        for card in cards
        if card.select_one(".callposts-badge")
    }
    assert badges == {
        "Community Call - Next": "Upcoming",
        "Community Call - April": "Cancelled",
        "Community Call - May": "Postponed",
        "Community Call - Moved": "Rescheduled",
    }
