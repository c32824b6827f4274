"""The Atom feed beside each listing page."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import icalendar
import pytest

from .helpers import build, copy_root, page, warning_lines

NS = {"atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture(scope="module")
def html_app(tmp_path_factory):
    return build(copy_root("listing", tmp_path_factory.mktemp("feed")), freshenv=True)


def read_feed(app, path: str) -> ET.Element:
    return ET.fromstring((app.outdir / path).read_bytes())


def test_feed_beside_each_listing_page(html_app):
    assert (html_app.outdir / "calls/atom.xml").is_file()
    assert (html_app.outdir / "calls/2023/atom.xml").is_file()
    assert (html_app.outdir / "atom.xml").is_file()  # beside pages.html
    assert warning_lines(html_app) == []


def test_feed_is_atom_with_absolute_links(html_app):
    feed = read_feed(html_app, "calls/atom.xml")
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    assert feed.findtext("atom:id", namespaces=NS) == "https://example.org/docs/calls/_index.html"
    assert feed.findtext("atom:title", namespaces=NS) == "Listing test: Community calls"
    assert feed.findtext("atom:updated", namespaces=NS) == "2024-05-02T00:00:00+00:00"
    links = {link.get("rel"): link.get("href") for link in feed.findall("atom:link", NS)}
    assert links == {
        "self": "https://example.org/docs/calls/atom.xml",
        "alternate": "https://example.org/docs/calls/_index.html",
    }
    entries = feed.findall("atom:entry", NS)
    # published posts only, newest first: no upcoming call, no draft, no expired post
    assert [entry.findtext("atom:title", namespaces=NS) for entry in entries] == [
        "A leaf bundle",
        "Release 2.0 <walkthrough>",
        "Kickoff of the year",
        "Autumn call",
        "Summer call",
    ]
    for entry in entries:  # what RFC 4287 requires of an entry
        assert entry.findtext("atom:id", namespaces=NS).startswith(
            "https://example.org/docs/calls/"
        )
        assert entry.findtext("atom:updated", namespaces=NS)
        assert entry.find("atom:link[@rel='alternate']", NS).get("href").startswith("https://")
    # a feed-level author, since some entries have none
    assert feed.findtext("atom:author/atom:name", namespaces=NS) == "The testers"


def test_feed_entry_fields_are_escaped(html_app):
    raw = (html_app.outdir / "calls/atom.xml").read_text(encoding="utf8")
    assert "<walkthrough>" not in raw
    assert "Release 2.0 &lt;walkthrough&gt;" in raw
    entry = read_feed(html_app, "calls/atom.xml").findall("atom:entry", NS)[1]
    assert entry.findtext("atom:summary", namespaces=NS) == "The new release & what <changes>."
    assert entry.findtext("atom:published", namespaces=NS) == "2024-03-07T00:00:00+00:00"
    assert entry.findtext("atom:author/atom:name", namespaces=NS) == "Ada Lovelace"
    assert [c.get("term") for c in entry.findall("atom:category", NS)] == ["release", "security"]
    related = entry.find("atom:link[@rel='related']", NS)
    assert related.get("href") == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def test_tag_listing_feed_follows_its_filter(html_app):
    feed = read_feed(html_app, "atom.xml")
    titles = [
        entry.findtext("atom:title", namespaces=NS) for entry in feed.findall("atom:entry", NS)
    ]
    # pages.html: the whole table and the security listing, joined
    assert titles[:2] == ["A leaf bundle", "Release 2.0 <walkthrough>"]
    assert len(titles) == 5


def test_listing_pages_link_their_feed_in_the_head(html_app):
    link = page(html_app, "calls/_index.html").head.find("link", type="application/atom+xml")
    assert (link["rel"], link["href"]) == (["alternate"], "atom.xml")
    assert link["title"] == "Listing test: Community calls"
    # a title that needs escaping is escaped once
    release = page(html_app, "pages.html").head.find("link", type="application/atom+xml")
    assert release["title"] == "Listing test: Pages with listings & <feeds>"
    post = page(html_app, "calls/2024-03-07-release.html")
    assert post.head.find("link", type="application/atom+xml") is None


def test_dirhtml_feed(tmp_path):
    app = build(copy_root("listing", tmp_path), "dirhtml")
    # the section page is served at its folder, as in Hugo, and its feed beside it
    feed = read_feed(app, "calls/atom.xml")
    assert feed.findtext("atom:id", namespaces=NS) == "https://example.org/docs/calls/"
    ids = [entry.findtext("atom:id", namespaces=NS) for entry in feed.findall("atom:entry", NS)]
    assert ids[0] == "https://example.org/docs/calls/2024-05-bundle/"
    link = page(app, "calls/index.html").head.find("link", type="application/atom+xml")
    assert link["href"] == "atom.xml"


def test_without_baseurl_one_warning_and_no_feed(tmp_path):
    app = build(copy_root("listing", tmp_path), confoverrides={"html_baseurl": ""})
    warnings = [line for line in warning_lines(app) if "callposts" in line]
    assert len(warnings) == 1
    assert "[callposts.feed]" in warnings[0]
    assert "html_baseurl" in warnings[0]
    # located at the first listing: the directive of calls/2023/_index.md
    assert warnings[0].startswith(str(app.srcdir / "calls/2023/_index.md") + ":7: WARNING")
    assert not list(app.outdir.rglob("*atom.xml"))
    assert page(app, "calls/_index.html").head.find("link", type="application/atom+xml") is None


def test_calendar_beside_a_section_listing_holds_that_section_only(html_app):
    calendar = icalendar.Calendar.from_ical(
        (html_app.outdir / "calls/2023/calendar.ics").read_bytes()
    )
    assert [str(event["summary"]) for event in calendar.walk("VEVENT")] == [
        "Summer call",
        "Autumn call",
    ]
