"""Calendars derive from the posts alone: a build that changes none rewrites no ``.ics``."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import icalendar

from .helpers import EPOCH, build, warning_lines

CONF = """\
extensions = ["myst_parser", "sphinx_callposts"]
project = "Stable"
html_baseurl = "https://example.org/"
callposts_pattern = ["calls/**"]
exclude_patterns = ["_build"]
show_warning_types = True
"""
INDEX = "# Home\n\n```{toctree}\n:glob:\ncalls/*\n```\n"
POSTS = {
    "calls/_index.md": "---\ntitle: Calls\n---\n",
    "calls/2025-03-06-march.md": "title: March\ndate: 2025-03-06T16:00:00Z\n"
    "lastmod: 2025-03-10T09:00:00Z",
    "calls/2025-04-03-april.md": "title: April\ndate: 2025-04-03T16:00:00Z",
    "calls/2027-01-14-next.md": "title: Next\ndate: 2027-01-14T16:00:00Z\n"
    "join: https://meet.example/next",
}
BODY = "What was said.\n\nA second paragraph.\n"
#: an hour and two hours after the builds' usual "now": no call starts in between
LATER, LATEST = str(int(EPOCH) + 3600), str(int(EPOCH) + 7200)
#: a time no build writes a file at
LONG_AGO = 1_000_000_000


def write_project(root: Path) -> Path:
    srcdir = root / "src"
    for name, text in {"conf.py": CONF, "index.md": INDEX, **POSTS}.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.startswith("calls/2"):
            text = f"---\n{text}\nsummary: The call.\n---\n\n{BODY}"
        path.write_text(text, encoding="utf8")
    return srcdir


def calendars(app) -> dict[str, Path]:
    return {path.relative_to(app.outdir).as_posix(): path for path in app.outdir.rglob("*.ics")}


def age_all(paths) -> None:
    """Date the files long ago: a file written again gets the time of its writing."""
    for path in paths:
        os.utime(path, ns=(LONG_AGO * 10**9, LONG_AGO * 10**9))


def rewritten(paths) -> set[str]:
    return {name for name, path in paths.items() if path.stat().st_mtime_ns != LONG_AGO * 10**9}


def test_builds_that_change_no_call_rewrite_no_calendar(tmp_path):
    srcdir = write_project(tmp_path)
    first = build(srcdir)
    assert warning_lines(first) == []
    files = calendars(first)
    assert set(files) == {"calls/calendar.ics", "calls/2027-01-14-next.ics"}
    age_all(files.values())
    page = first.outdir / "calls/2025-04-03-april.html"
    age_all([page])

    # a later "now", nothing changed: no calendar is written again
    build(srcdir, epoch=LATER)
    assert rewritten(files) == set()

    # one paragraph of one post edited: its page is, its calendars (unchanged) are not
    post = srcdir / "calls/2025-04-03-april.md"
    post.write_text(post.read_text("utf8").replace("A second", "Another"), encoding="utf8")
    build(srcdir, epoch=LATEST)
    assert page.stat().st_mtime_ns != LONG_AGO * 10**9
    assert rewritten(files) == set()


def test_dtstamp_is_when_the_post_was_last_revised(tmp_path):
    app = build(write_project(tmp_path))
    calendar = icalendar.Calendar.from_ical((app.outdir / "calls/calendar.ics").read_bytes())
    stamps = {str(event["summary"]): event.decoded("dtstamp") for event in calendar.walk("VEVENT")}
    assert stamps == {
        "March": datetime(2025, 3, 10, 9, tzinfo=timezone.utc),  # its lastmod
        "April": datetime(2025, 4, 3, 16, tzinfo=timezone.utc),
        "Next": datetime(2027, 1, 14, 16, tzinfo=timezone.utc),
    }


def test_a_calendar_is_the_same_bytes_whenever_it_is_built(tmp_path):
    one = build(write_project(tmp_path / "one"))
    two = build(write_project(tmp_path / "two"), epoch=LATER)
    for name in ("calls/calendar.ics", "calls/2027-01-14-next.ics"):
        assert (one.outdir / name).read_bytes() == (two.outdir / name).read_bytes()
