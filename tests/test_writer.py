"""The files the extension writes beside the pages: never another's file, never a stale one."""

from __future__ import annotations

from html.parser import HTMLParser
from xml.etree import ElementTree as ET

from .helpers import build, copy_root, warning_lines

RELEASE = "calls/2024-03-07-release.md"


def _alias_lines(srcdir, old: str, new: str) -> None:
    path = srcdir / RELEASE
    path.write_text(path.read_text(encoding="utf8").replace(old, new), encoding="utf8")


def test_record_is_kept_per_builder_so_no_alias_page_outlives_its_alias(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    builddir = tmp_path / "build"  # as sphinx-build -M: one doctree folder for both builders
    html = build(srcdir, "html", builddir=builddir)
    assert (html.outdir / "old/2024/03/release/index.html").is_file()
    assert (html.outdir / ".callposts-files").is_file()
    _alias_lines(srcdir, '"/old/2024/03/release", ', "")
    dirhtml = build(srcdir, "dirhtml", builddir=builddir)
    assert not (dirhtml.outdir / "old").exists()
    html = build(srcdir, "html", builddir=builddir)
    assert not (html.outdir / "old").exists()
    assert (html.outdir / "calls/release-2/index.html").is_file()
    assert warning_lines(html) == []


def test_an_extra_file_at_the_feed_path_is_kept_and_named(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    (srcdir / "extra/calls").mkdir(parents=True)
    mine = b"\xff\xfe not UTF-8, not a feed \x80"
    (srcdir / "extra/calls/atom.xml").write_bytes(mine)
    with (srcdir / "conf.py").open("a", encoding="utf8") as conf:
        conf.write('html_extra_path = ["extra"]\n')
    for _round in range(2):  # and again, on top of the first build's output
        app = build(srcdir, "html", builddir=tmp_path / "build")
        assert (app.outdir / "calls/atom.xml").read_bytes() == mine
        [line] = [line for line in warning_lines(app) if "callposts.feed" in line]
        assert line.startswith(f"{srcdir / 'calls/_index.md'}:1: WARNING: the feed calls/atom.xml")
        assert "collides with the file extra/calls/atom.xml (html_extra_path)" in line
        head = (app.outdir / "calls/_index.html").read_text(encoding="utf8")
        assert 'type="application/atom+xml"' not in head  # no link to what is not a feed
    # the other feeds are written
    assert ET.parse(app.outdir / "calls/2023/atom.xml").getroot().tag.endswith("feed")


def test_a_page_at_the_feed_path_in_dirhtml_keeps_it_and_is_named(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    # pages.md holds a listing: its feed is pages/atom.xml in dirhtml, beside pages/index.html
    (srcdir / "pages").mkdir()
    (srcdir / "pages/atom.xml.md").write_text("# Takes the feed's path\n", encoding="utf8")
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf8") + "\n```{toctree}\npages/atom.xml\n```\n")
    app = build(srcdir, "dirhtml")
    assert "Takes the feed" in (app.outdir / "pages/atom.xml/index.html").read_text("utf8")
    [line] = [line for line in warning_lines(app) if "callposts.feed" in line]
    assert "the feed pages/atom.xml collides with the page pages/atom.xml.md:1" in line
    assert line.startswith(f"{srcdir / 'pages.md'}:")
    assert ET.parse(app.outdir / "calls/atom.xml").getroot().tag.endswith("feed")


def test_an_alias_written_before_the_section_existed_gives_way_to_its_feed(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    _alias_lines(srcdir, '"release-2"', '"release-2", "/calls/atom.xml/"')
    section = (srcdir / "calls/_index.md").read_text(encoding="utf8")
    (srcdir / "calls/_index.md").unlink()
    first = build(srcdir, "html", builddir=tmp_path / "build")
    assert (first.outdir / "calls/atom.xml/index.html").is_file()
    (srcdir / "calls/_index.md").write_text(section, encoding="utf8")
    again = build(srcdir, "html", builddir=tmp_path / "build")
    fresh = build(srcdir, "html", builddir=tmp_path / "fresh")
    for app in (again, fresh):
        assert ET.parse(app.outdir / "calls/atom.xml").getroot().tag.endswith("feed")
        [line] = [line for line in warning_lines(app) if "callposts.alias" in line]
        assert "alias '/calls/atom.xml/' collides with the feed calls/atom.xml" in line
    assert (again.outdir / "calls/atom.xml").read_bytes() == (
        fresh.outdir / "calls/atom.xml"
    ).read_bytes()


def test_a_file_it_wrote_and_someone_changed_is_neither_replaced_nor_removed(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    app = build(srcdir, "html", builddir=tmp_path / "build")
    alias = app.outdir / "old/2024/03/release/index.html"
    alias.write_text("hand-made", encoding="utf8")
    app = build(srcdir, "html", builddir=tmp_path / "build")
    assert alias.read_text(encoding="utf8") == "hand-made"
    assert any(
        "collides with the file old/2024/03/release/index.html" in line
        for line in warning_lines(app)
    )
    _alias_lines(srcdir, '"/old/2024/03/release", ', "")
    build(srcdir, "html", builddir=tmp_path / "build")
    assert alias.read_text(encoding="utf8") == "hand-made"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        if tag not in {"meta", "link"}:
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open.pop() == tag

    def handle_data(self, data):
        self.text += data


def test_every_file_written_parses_whatever_the_title_holds(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    path = srcdir / RELEASE
    text = path.read_text(encoding="utf8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    hostile = 'title: "</title><script>alert(1)</script> & \\x01 \\x1b ]]>"'
    path.write_text(text.replace(title, hostile), encoding="utf8")
    app = build(srcdir, "html")
    for feed in app.outdir.rglob("*.xml"):
        ET.parse(feed)
    for alias in ("old/2024/03/release/index.html", "calls/release-2/index.html"):
        parser = _Tags()
        parser.feed((app.outdir / alias).read_text(encoding="utf8"))
        parser.close()
        assert parser.open == []
        assert "<script>alert(1)</script> & \ufffd \ufffd ]]>" in parser.text
