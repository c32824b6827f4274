"""Feeds per tag and per person (``callposts_feeds``), and ``callposts_feed_length``."""

from __future__ import annotations

import os
from xml.etree import ElementTree as ET

import pytest

from .helpers import build, copy_root, page, warning_lines, warnings_of

NS = {"atom": "http://www.w3.org/2005/Atom"}
BASE = "https://example.org/docs/"


def add_posts(srcdir) -> None:
    """Four more posts tagged "security" with Grace Hopper, and one upcoming call."""
    for day in range(1, 5):
        (srcdir / "calls" / f"2025-0{day}-10-sec.md").write_text(
            f"---\ntitle: Security {day}\ndate: 2025-0{day}-10\ntags: [security]\n"
            "presenters: [Grace Hopper]\n---\n\nText.\n",
            encoding="utf8",
        )
    (srcdir / "calls" / "2027-03-01-soon.md").write_text(
        "---\ntitle: Soon\ndate: 2027-03-01\ntags: [security]\npresenters: [Grace Hopper]\n"
        "---\n\nText.\n",
        encoding="utf8",
    )


def feed(app, path: str) -> ET.Element:
    return ET.fromstring((app.outdir / path).read_bytes())


def titles(root: ET.Element) -> list[str]:
    return [entry.findtext("atom:title", namespaces=NS) for entry in root.findall("atom:entry", NS)]


@pytest.fixture(scope="module")
def feeds_app(tmp_path_factory):
    srcdir = copy_root("listing", tmp_path_factory.mktemp("termfeeds"))
    add_posts(srcdir)
    overrides = {"callposts_feeds": ["tags", "people"], "callposts_feed_length": 3}
    return build(srcdir, freshenv=True, confoverrides=overrides)


def test_builds_without_warnings(feeds_app):
    assert warning_lines(feeds_app) == []


def test_a_tag_feed_holds_its_published_posts_newest_first_capped(feeds_app):
    root = feed(feeds_app, "tags/security.atom.xml")
    # five published posts, the three newest; the upcoming call is no entry yet
    assert titles(root) == ["Security 4", "Security 3", "Security 2"]
    assert root.findtext("atom:title", namespaces=NS) == "Listing test: Posts tagged “security”"
    links = {link.get("rel"): link.get("href") for link in root.findall("atom:link", NS)}
    assert links == {
        "self": f"{BASE}tags/security.atom.xml",
        "alternate": f"{BASE}tags/security.html",
    }
    assert root.findtext("atom:id", namespaces=NS) == f"{BASE}tags/security.html"
    entry = root.find("atom:entry", NS)
    assert entry.find("atom:link[@rel='alternate']", NS).get("href") == (
        f"{BASE}calls/2025-04-10-sec.html"
    )


def test_a_person_feed(feeds_app):
    root = feed(feeds_app, "people/grace-hopper.atom.xml")
    assert titles(root) == ["Security 4", "Security 3", "Security 2"]
    assert root.findtext("atom:title", namespaces=NS) == "Listing test: Grace Hopper"
    turing = feed(feeds_app, "people/alan-turing.atom.xml")
    assert titles(turing) == ["Release 2.0 <walkthrough>"]


def test_each_page_links_its_feed_and_the_indexes_have_none(feeds_app):
    head = page(feeds_app, "tags/security").select('link[type="application/atom+xml"]')
    assert [(link["href"], link["rel"]) for link in head] == [("security.atom.xml", ["alternate"])]
    assert page(feeds_app, "people/grace-hopper").select_one(
        'link[rel="alternate"][href="grace-hopper.atom.xml"]'
    )
    assert not page(feeds_app, "tags/index").select('link[type="application/atom+xml"]')
    assert not (feeds_app.outdir / "tags/index.atom.xml").exists()


def test_feed_length_caps_the_listing_feeds_too(feeds_app):
    assert len(titles(feed(feeds_app, "calls/atom.xml"))) == 3


def test_default_length_is_twenty_and_no_term_feeds(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    for day in range(1, 26):
        (srcdir / "calls" / f"2025-01-{day:02}-many.md").write_text(
            f"---\ntitle: Many {day}\ndate: 2025-01-{day:02}\ntags: [many]\n---\n\nText.\n",
            encoding="utf8",
        )
    app = build(srcdir, freshenv=True)
    entries = titles(feed(app, "calls/atom.xml"))
    assert len(entries) == 20 and entries[0] == "Many 25"
    assert not list(app.outdir.glob("tags/*.xml"))
    assert not page(app, "tags/many").select('link[type="application/atom+xml"]')


def test_dirhtml_puts_the_feed_in_the_page_folder(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    app = build(srcdir, "dirhtml", freshenv=True, confoverrides={"callposts_feeds": ["tags"]})
    root = feed(app, "tags/security/atom.xml")
    links = {link.get("rel"): link.get("href") for link in root.findall("atom:link", NS)}
    assert links["self"] == f"{BASE}tags/security/atom.xml"
    assert links["alternate"] == f"{BASE}tags/security/"
    head = page(app, "tags/security/index.html").select_one('link[type="application/atom+xml"]')
    assert head["href"] == "atom.xml"
    assert not (app.outdir / "people").exists() or not list(app.outdir.glob("people/**/*.xml"))


def test_a_second_build_without_change_writes_no_feed(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    add_posts(srcdir)
    overrides = {"callposts_feeds": ["tags", "people"]}
    first = build(srcdir, freshenv=True, confoverrides=overrides)
    feeds = sorted(first.outdir.glob("**/*atom.xml"))
    assert len(feeds) > 8
    long_ago = 1_000_000_000
    for path in feeds:
        os.utime(path, ns=(long_ago, long_ago))
    build(srcdir, confoverrides=overrides)
    assert [path for path in feeds if path.stat().st_mtime_ns != long_ago] == []
    # a change to one post writes the feeds that show it, and no other
    post = srcdir / "calls" / "2025-04-10-sec.md"
    post.write_text(post.read_text(encoding="utf8").replace("Security 4", "Security four"))
    build(srcdir, confoverrides=overrides)
    written = {
        str(path.relative_to(first.outdir)) for path in feeds if path.stat().st_mtime_ns != long_ago
    }
    assert written == {
        "atom.xml",
        "calls/atom.xml",
        "tags/security.atom.xml",
        "people/grace-hopper.atom.xml",
    }


def test_without_base_url_warns_once_at_the_setting(tmp_path):
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_callposts"]\ncallposts_pattern = ["calls/**"]\n'
        'callposts_feeds = ["tags"]\nshow_warning_types = True\n',
        encoding="utf8",
    )
    (srcdir / "index.md").write_text("# Home\n\n```{toctree}\ncalls/a\n```\n", encoding="utf8")
    (srcdir / "calls").mkdir()
    (srcdir / "calls" / "a.md").write_text(
        "---\ntitle: A\ndate: 2024-01-01\ntags: [x]\n---\n\nText.\n", encoding="utf8"
    )
    app = build(srcdir, freshenv=True)
    assert warnings_of(app) == [("conf.py", 3, "callposts.feed")]
    assert not list(app.outdir.glob("**/*.xml"))
