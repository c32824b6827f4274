"""Which posts are calls: front matter or ``callposts_calls``; only calls are events."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import icalendar
import pytest

from sphinx_callposts.core.post import build_post
from sphinx_callposts.core.selection import parse_call_rules, with_call_rules

from .helpers import CALLS_CONF, body, build, page, warning_lines

CONF = CALLS_CONF
INDEX = "# Home\n\n```{toctree}\n:glob:\nblog/_index\nblog/*\nblog/news/*\n```\n"
POSTS = {
    "blog/_index.md": "---\ntitle: Blog\n---\n",
    "blog/news/_index.md": "---\ntitle: News\n---\n",
    # calls by the rule, past and upcoming (2026-01-01 is the builds' "now")
    "blog/2025-05-01-may.md": "title: Community Call - May\ndate: 2025-05-01",
    "blog/2027-01-14-january.md": "title: Community Call - January\ndate: 2027-01-14",
    # calls by their front matter
    "blog/2025-07-01-office-hours.md": "title: Office hours\ndate: 2025-07-01\ncall: true",
    "blog/2025-09-01-planning.md": "title: Planning\ndate: 2025-09-01T16:00:00Z",
    "blog/2025-10-01-demo.md": "title: Demo\ndate: 2025-10-01\njoin: https://meet.example/d",
    # not calls: the front matter says no, or nothing does
    "blog/2025-08-01-meetup.md": "title: Community Call - a meetup\ndate: 2025-08-01\ncall: false",
    "blog/news/2025-06-01-release.md": "title: Release 1.2\ndate: 2025-06-01\ntype: call",
    "blog/news/2027-02-01-release.md": "title: Release 2.0\ndate: 2027-02-01",
}
CALLS = {
    "Community Call - May",
    "Community Call - January",
    "Office hours",
    "Planning",
    "Demo",
}


def write_project(root: Path, conf: str = CONF) -> Path:
    srcdir = root / "src"
    for name, text in {"conf.py": conf, "index.md": INDEX, **POSTS}.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not text.startswith("---") and name != "conf.py" and name != "index.md":
            text = f"---\n{text}\n---\n\nWhat was said.\n"
        path.write_text(text, encoding="utf8")
    return srcdir


@pytest.fixture(scope="module")
def html_app(tmp_path_factory):
    return build(write_project(tmp_path_factory.mktemp("calls")), freshenv=True)


def summaries(app, path: str) -> set[str]:
    calendar = icalendar.Calendar.from_ical((app.outdir / path).read_bytes())
    return {str(event["summary"]) for event in calendar.walk("VEVENT")}


def json_ld_types(app, path: str) -> list[str]:
    script = page(app, path).select_one('script[type="application/ld+json"]')
    return [item["@type"] for item in json.loads(script.string)["@graph"]]


def test_builds_without_warnings(html_app):
    assert warning_lines(html_app) == []


def test_the_calendar_holds_the_calls_alone(html_app):
    assert summaries(html_app, "blog/calendar.ics") == CALLS


def test_a_listing_without_calls_has_no_calendar_nor_subscribe_link(html_app):
    assert not (html_app.outdir / "blog/news/calendar.ics").exists()
    assert not body(html_app, "blog/news/_index").select(".callposts-subscribe")
    assert not page(html_app, "blog/news/_index").select('link[type="text/calendar"]')
    blog = body(html_app, "blog/_index").select_one(".callposts-subscribe a")
    assert blog["href"] == "calendar.ics"


def test_only_calls_are_upcoming(html_app):
    upcoming = body(html_app, "blog/_index").select(".callposts-upcoming .callposts-title")
    assert [link.get_text() for link in upcoming] == ["Community Call - January"]
    assert (html_app.outdir / "blog/2027-01-14-january.ics").exists()
    call = body(html_app, "blog/2027-01-14-january")
    assert call.select_one(".callpost-upcoming").get_text() == "Upcoming"
    assert call.select_one("a.callpost-ics")["href"] == "2027-01-14-january.ics"
    assert "Event" in json_ld_types(html_app, "blog/2027-01-14-january")


def test_a_future_blog_post_waits_for_its_date(html_app):
    """Hugo publishes a post dated later on its date: no event, not listed until then."""
    release = body(html_app, "blog/news/2027-02-01-release")
    assert not release.select(".callpost-event, .callpost-ics, .callpost-join")
    assert release.select_one("time.callpost-date").get_text() == "February 1, 2027"
    assert not (html_app.outdir / "blog/news/2027-02-01-release.ics").exists()
    assert json_ld_types(html_app, "blog/news/2027-02-01-release") == ["BlogPosting"]
    titles = [a.get_text() for a in body(html_app, "blog/news/_index").select(".callposts-title")]
    assert titles == ["Release 1.2"]


def test_the_calendar_is_turned_off(tmp_path):
    app = build(write_project(tmp_path, CONF + "callposts_calendar = False\n"))
    assert warning_lines(app) == []
    assert not list(app.outdir.rglob("*.ics"))
    assert not body(app, "blog/_index").select(".callposts-subscribe")
    assert not body(app, "blog/2027-01-14-january").select(".callpost-ics")
    # still an upcoming call: only its calendar file is gone
    assert body(app, "blog/2027-01-14-january").select_one(".callpost-upcoming")


def test_dirhtml_writes_the_calls_calendars_only(tmp_path):
    app = build(write_project(tmp_path), "dirhtml")
    assert summaries(app, "blog/calendar.ics") == CALLS
    assert (app.outdir / "blog/2027-01-14-january/index.ics").exists()
    assert not (app.outdir / "blog/news/calendar.ics").exists()
    assert not (app.outdir / "blog/news/2027-02-01-release/index.ics").exists()


@pytest.mark.parametrize(
    ("front", "rules", "is_call"),
    [
        ({"title": "Notes"}, (), False),
        ({"title": "Notes", "date": "2025-01-01T10:00:00"}, (), True),
        ({"title": "Notes", "date": "2025-01-01"}, (), False),
        ({"title": "Notes", "params": {"join": "https://j.example/"}}, (), True),
        ({"title": "Notes", "duration": "1h"}, (), True),
        ({"title": "Notes", "callDate": "2025-01-02"}, (), True),
        ({"title": "Notes", "status": "cancelled"}, (), True),
        ({"title": "Notes", "type": "call"}, (), False),
        ({"title": "Notes", "call": "yes"}, (), True),
        ({"title": "Community Call 5"}, [{"title": "community call*"}], True),
        ({"title": "Community Call 5", "call": False}, [{"title": "Community Call*"}], False),
        ({"title": "Notes", "tags": ["Call"]}, [{"tags": ["call"]}], True),
        ({"title": "Notes", "tags": ["call"]}, [{"tags": ["call"], "title": "C*"}], False),
        ({"title": "Notes"}, ["blog/**"], True),
        ({"title": "Notes"}, ["news/*"], False),
    ],
)
def test_what_makes_a_post_a_call(front, rules, is_call):
    post, problems = build_post("blog/2025/notes", front)
    assert problems == []
    assert with_call_rules(post, parse_call_rules(rules)).is_call is is_call


def test_a_call_word_that_is_no_boolean_warns():
    post, problems = build_post("p", {"title": "T", "call": "maybe"})
    assert [(p.subtype, "'call'" in p.message) for p in problems] == [("frontmatter", True)]
    assert post.call is None


def test_a_date_with_a_time_of_day_makes_a_call():
    post, _problems = build_post(
        "p", {"title": "T", "date": datetime(2025, 1, 1, 10, tzinfo=timezone.utc)}
    )
    assert post.is_call


def test_the_gardener_blogs_calendar_holds_its_community_calls(corpus_project):
    (corpus_project / "conf.py").write_text(
        'extensions = ["sphinx_callposts"]\n'
        'callposts_pattern = ["blog/**"]\n'
        'html_baseurl = "https://gardener.example/"\n'
        'callposts_site_url = "https://gardener.cloud/"\n'
        'callposts_calls = [{"title": "Community Call*"}]\n',
        encoding="utf8",
    )
    (corpus_project / "index.md").write_text(
        "# Gardener\n\n```{toctree}\nblog/index\n```\n", encoding="utf8"
    )
    app = build(corpus_project, freshenv=True)
    titles = summaries(app, "blog/calendar.ics")
    assert len(titles) == 5
    assert all(title.startswith("Community Call - ") for title in titles)
    calendars = {p.relative_to(app.outdir).as_posix() for p in app.outdir.rglob("*.ics")}
    assert calendars == {
        "blog/calendar.ics",
        "blog/2022/calendar.ics",
        *(f"blog/2022/{month}/calendar.ics" for month in ("02", "03", "06", "10")),
    }
    # 44 year and month pages: the others offer no calendar
    subscribe = [p for p in app.outdir.rglob("*.html") if "callposts-subscribe" in p.read_text()]
    assert len(subscribe) == 6


def test_a_parallel_build_knows_the_same_calls(tmp_path, html_app):
    app = build(write_project(tmp_path), parallel=2)
    for name in ("blog/calendar.ics", "blog/2027-01-14-january.ics"):
        assert (app.outdir / name).read_bytes() == (html_app.outdir / name).read_bytes()
    assert not (app.outdir / "blog/news/calendar.ics").exists()
