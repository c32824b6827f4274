"""The names of the files the extension writes: checked against every page and file of
the build, short enough for any file system, recorded whatever characters they hold."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from sphinx_callposts.core.permalinks import MAX_SEGMENT, short_path, short_segment
from sphinx_callposts.sphinx.writer import RECORD, Record, read_record, save_record

from .helpers import build, warning_lines, warnings_of

CONF = """\
extensions = ["sphinx_callposts"]
callposts_pattern = ["calls/**", "zh/**"]
callposts_permalinks = {"zh": "/:section/:title/"}
show_warning_types = True
html_baseurl = "https://example.org/"
"""
INDEX = "# Home\n\n```{toctree}\n:glob:\ncalls/*\nzh/*\n```\n"
BUILDERS = ["html", "dirhtml"]
LONG_SLUG = "s" * 300
LONG_ALIAS = "a" * 300
CHINESE = "中" * 90


def project(root: Path, files: dict[str, str], conf: str = CONF) -> Path:
    """A small project: ``conf.py``, an index, and ``files`` (path -> text)."""
    srcdir = root / "src"
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(conf, encoding="utf8")
    (srcdir / "index.md").write_text(INDEX, encoding="utf8")
    for name, text in files.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf8")
    return srcdir


def post(title: str, *lines: str) -> str:
    return "\n".join(["---", f"title: {title}", "date: 2024-01-02", *lines, "---", "Body.", ""])


def callposts_warnings(app) -> list[tuple[str, int, str]]:
    return [found for found in warnings_of(app) if found[2].startswith("callposts.")]


def redirect_target(app, relpath: str) -> Path:
    """The file the redirect page at ``relpath`` sends its readers to."""
    text = (app.outdir / relpath).read_text(encoding="utf8")
    target = text.split('http-equiv="refresh" content="0; url=', 1)[1].split('"', 1)[0]
    resolved = (app.outdir / relpath).parent / target
    return resolved / "index.html" if target.endswith("/") else resolved


def test_short_segment_is_stable_short_and_keeps_the_suffix():
    assert short_segment("plain") == "plain"
    long = short_segment(LONG_SLUG)
    assert long == short_segment(LONG_SLUG)  # the same in every build
    assert long.startswith("s" * 100) and len(long.encode()) <= MAX_SEGMENT
    assert short_segment(LONG_SLUG + "x") != long
    assert short_segment(LONG_ALIAS + ".html").endswith(".html")
    chinese = short_segment(CHINESE)
    assert len(chinese.encode()) <= MAX_SEGMENT
    assert chinese.startswith("中" * 60)  # cut between characters, never inside one
    assert short_path(f"calls/{LONG_SLUG}/index.html") == f"calls/{long}/index.html"


@pytest.mark.parametrize("builder", BUILDERS)
def test_over_long_old_urls_are_written_at_a_short_name(tmp_path, builder):
    srcdir = project(
        tmp_path,
        {
            "calls/slug.md": post("Slug", f"slug: {LONG_SLUG}", f"aliases: ['/{LONG_ALIAS}/']"),
            "zh/title.md": post(CHINESE),
        },
    )
    app = build(srcdir, builder)
    assert sorted(callposts_warnings(app)) == [
        ("slug.md", 4, "callposts.permalink"),
        ("slug.md", 5, "callposts.alias"),
        ("title.md", 2, "callposts.permalink"),
    ]
    page = "calls/slug.html" if builder == "html" else "calls/slug/index.html"
    for old in (f"calls/{LONG_SLUG}/index.html", f"{LONG_ALIAS}/index.html"):
        short = short_path(old)
        assert short != old
        assert redirect_target(app, short).resolve() == (app.outdir / page).resolve()
        assert any(f"its redirect is written at {short}" in line for line in warning_lines(app))
    zh = "zh/title.html" if builder == "html" else "zh/title/index.html"
    short = short_path(f"zh/{CHINESE}/index.html")
    assert redirect_target(app, short).resolve() == (app.outdir / zh).resolve()
    # and an incremental build keeps them, with the same names
    again = build(srcdir, builder, builddir=app.outdir.parent.parent)
    assert (again.outdir / short).is_file()


@pytest.mark.parametrize("builder", BUILDERS)
def test_escaped_aliases_are_decoded_before_they_are_checked(tmp_path, builder):
    aliases = ["/a%0Ab/", "/c%E2%80%A8d/", "/e%C2%85f/", "/%00", "/%2E%2E/%2E%2E/up/", "/kept/"]
    srcdir = project(tmp_path, {"calls/a.md": post("A", f"aliases: {json.dumps(aliases)}")})
    builddir = tmp_path / "build"
    for _round in range(2):  # the second on top of the first, which once broke the record
        app = build(srcdir, builder, builddir=builddir)
        problems = {
            line.split("alias ", 1)[1].split("; ")[0]
            for line in warning_lines(app)
            if "[callposts.alias]" in line
        }
        assert problems == {
            "'/a%0Ab/' holds the control character U+000A",
            "'/c%E2%80%A8d/' holds the line separator U+2028",
            "'/e%C2%85f/' holds the line separator U+0085",
            "'/%00' holds the control character U+0000",
            "'/%2E%2E/%2E%2E/up/' escapes the output folder",
        }
        assert callposts_warnings(app) == [("a.md", 4, "callposts.alias")] * 5
        written = [path.relative_to(app.outdir).as_posix() for path in app.outdir.rglob("*")]
        assert not [name for name in written if not name.isprintable()]
        assert (app.outdir / "kept/index.html").is_file()
        assert not (tmp_path / "up").exists()
    record = json.loads((app.outdir / RECORD).read_text(encoding="utf8"))
    assert "kept/index.html" in record["files"]
    # a removed alias is removed from the output
    (srcdir / "calls/a.md").write_text(post("A", "aliases: ['/other/']"), encoding="utf8")
    app = build(srcdir, builder, builddir=builddir)
    assert not (app.outdir / "kept").exists()
    assert (app.outdir / "other/index.html").is_file()
    assert callposts_warnings(app) == []


def test_the_record_holds_any_file_name(tmp_path):
    names = {"a\nb/index.html", "c\u2028d/index.html", "e\x85f.html", "g h.html", "i\rj"}
    saved = Record({name: {"0" * 64} for name in names}, {"p\nq.html"}, {"r\u2028s": "1" * 64})
    save_record(tmp_path, saved)
    assert read_record(tmp_path) == saved


def test_the_record_of_an_earlier_release_is_still_read(tmp_path):
    (tmp_path / RECORD).write_text(f"{'1' * 64} old/index.html\n", encoding="utf8")
    assert read_record(tmp_path).files == {"old/index.html": {"1" * 64}}
    (tmp_path / RECORD).write_text("{broken", encoding="utf8")
    assert read_record(tmp_path) == Record()


def test_an_alias_page_of_an_earlier_release_is_still_its_own(tmp_path):
    srcdir = project(tmp_path, {"calls/a.md": post("A", "aliases: ['/old/']")})
    app = build(srcdir, builddir=tmp_path / "build")
    alias = app.outdir / "old/index.html"
    record = read_record(app.outdir)
    # as releases before this one wrote it: one "hash path" a line
    lines = [f"{hashed} {path}\n" for path, hashes in record.files.items() for hashed in hashes]
    (app.outdir / RECORD).write_text("".join(lines), encoding="utf8")
    (srcdir / "calls/a.md").write_text(post("A", "aliases: ['/new/']"), encoding="utf8")
    app = build(srcdir, builddir=tmp_path / "build")
    assert not alias.exists()
    assert callposts_warnings(app) == []


def test_two_documents_at_one_page_in_dirhtml_are_both_named(tmp_path):
    srcdir = project(
        tmp_path,
        {
            "calls/2027.md": post("A post named like its year"),
            "calls/2027/_index.md": "---\ntitle: '2027'\n---\n",
        },
    )
    app = build(srcdir, "dirhtml")
    [line] = [line for line in warning_lines(app) if "callposts.collision" in line]
    assert line.startswith(f"{srcdir / 'calls/2027/_index.md'}:1: WARNING: this page and ")
    assert "the page calls/2027.md:1 are both written to calls/2027/index.html" in line
    html = build(srcdir, "html")  # where each has its own file
    assert not [line for line in warning_lines(html) if "callposts.collision" in line]
    assert (html.outdir / "calls/2027.html").is_file()
    assert (html.outdir / "calls/2027/_index.html").is_file()


@pytest.mark.parametrize("builder", BUILDERS)
def test_the_old_page_of_a_post_that_moved_gives_way_to_its_redirect(tmp_path, builder):
    bundle = tmp_path / "src/calls/moved/index.md"
    srcdir = project(tmp_path, {"calls/moved/index.md": post("Moved")})
    builddir = tmp_path / "build"
    app = build(srcdir, builder, builddir=builddir)
    old = app.outdir / "calls/moved/index.html"
    assert "Body." in old.read_text(encoding="utf8")
    # the leaf bundle becomes a single file: Hugo's URL of the post stays calls/moved/
    bundle.rename(srcdir / "calls/moved.md")
    bundle.parent.rmdir()
    for _round in range(2):
        app = build(srcdir, builder, builddir=builddir)
        assert callposts_warnings(app) == []
        if builder == "html":
            target = redirect_target(app, "calls/moved/index.html")
            assert target.resolve() == (app.outdir / "calls/moved.html").resolve()
        else:  # the post's own page is there
            assert "Body." in old.read_text(encoding="utf8")


def test_the_old_page_of_a_post_is_kept_once_someone_changed_it(tmp_path):
    srcdir = project(tmp_path, {"calls/moved/index.md": post("Moved")})
    builddir = tmp_path / "build"
    app = build(srcdir, builddir=builddir)
    (srcdir / "calls/moved/index.md").unlink()
    build(srcdir, builddir=builddir)  # the page stays, as Sphinx leaves it
    old = app.outdir / "calls/moved/index.html"
    old.write_text("changed by hand", encoding="utf8")
    (srcdir / "calls/moved.md").write_text(post("Moved"), encoding="utf8")
    app = build(srcdir, builddir=builddir)
    assert old.read_text(encoding="utf8") == "changed by hand"
    [line] = [line for line in warning_lines(app) if "callposts.permalink" in line]
    assert "collides with the file calls/moved/index.html, which the extension did not" in line


def test_a_file_no_build_wrote_is_kept_and_the_warning_says_how_to_clear_it(tmp_path):
    srcdir = project(tmp_path, {"calls/a.md": post("A", "aliases: ['/old/']")})
    outdir = tmp_path / "build/html"
    (outdir / "old").mkdir(parents=True)
    (outdir / "old/index.html").write_text("someone's", encoding="utf8")
    app = build(srcdir, builddir=tmp_path / "build")
    assert (outdir / "old/index.html").read_text(encoding="utf8") == "someone's"
    [line] = [line for line in warning_lines(app) if "callposts.alias" in line]
    assert "collides with the file old/index.html, which the extension did not write" in line
    assert "remove it, or build into an empty output folder" in line


TAG_CONF = CONF + "extensions.append('tag_page')\n"
#: a page claimed at html-collect-pages, as the tags and people pages are to claim theirs
TAG_PAGE = """\
from sphinx_callposts.sphinx.writer import claim_page, output_path


def pages(app):
    if app.builder.name not in {"html", "dirhtml"}:
        return
    path = output_path(app.builder, "topics/foo")
    taken = claim_page(app, path, "the page of topic 'foo' (calls/a.md:4)")
    if taken:
        app.builder.topic_page_refused = taken
        return
    yield "topics/foo", {"title": "foo", "body": "<p>the topic page</p>"}, "page.html"


def setup(app):
    app.connect("html-collect-pages", pages)
"""


@pytest.mark.parametrize("builder", BUILDERS)
def test_a_claimed_page_gives_way_to_a_document_and_takes_its_path_from_aliases(tmp_path, builder):
    srcdir = project(
        tmp_path,
        {
            "calls/a.md": post("A", "aliases: ['/topics/foo/', '/topics/foo.html']"),
            "tag_page.py": TAG_PAGE,
        },
        conf="import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n" + TAG_CONF,
    )
    app = build(srcdir, builder)
    [alias] = [line for line in warning_lines(app) if "callposts.alias" in line]
    assert "collides with the page of topic 'foo' (calls/a.md:4)" in alias
    path = "topics/foo.html" if builder == "html" else "topics/foo/index.html"
    assert "the topic page" in (app.outdir / path).read_text(encoding="utf8")
    # a document there keeps its page; the claim is refused, naming it
    (srcdir / "topics/foo").mkdir(parents=True)
    document = "topics/foo.md" if builder == "html" else "topics/foo/index.md"
    (srcdir / document).write_text("# A document\n", encoding="utf8")
    (srcdir / "index.md").write_text(INDEX + "\n```{toctree}\n" + document + "\n```\n")
    app = build(srcdir, builder)
    assert app.builder.topic_page_refused == f"the page {document}:1"
    assert "A document" in (app.outdir / path).read_text(encoding="utf8")


@pytest.mark.parametrize("builder", BUILDERS)
def test_ten_thousand_aliases_are_refused_for_what_they_are(tmp_path, builder):
    aliases = [f"/old/{index}/" for index in range(10_000)]
    srcdir = project(tmp_path, {"calls/many.md": post("Many", f"aliases: {json.dumps(aliases)}")})
    app = build(srcdir, builder)
    [line] = [line for line in warning_lines(app) if "callposts.frontmatter" in line]
    assert "front matter YAML holds too many values (more than 10,000); refused" in line
    assert "(aliases)" not in line
    assert not (app.outdir / "old").exists()


def test_a_killed_build_keeps_a_page_whose_name_holds_a_space(tmp_path):
    from .test_killed import KILL_HOOK, outputs, sphinx_build

    listing = "# All calls\n\n```{callposts}\n```\n"
    files = {"calls/a.md": post("Before"), "all calls.md": listing}
    index = INDEX.replace("calls/*\n", "calls/*\nall calls\n")
    srcdir = project(tmp_path, files, conf=CONF + KILL_HOOK)
    (srcdir / "index.md").write_text(index, encoding="utf8")
    outdir = tmp_path / "out"
    assert sphinx_build(srcdir, outdir) == 0
    (srcdir / "calls/a.md").write_text(post("After"), encoding="utf8")
    # killed before the first page is written: only the note says that the listing,
    # which was not read again, must be written again
    assert sphinx_build(srcdir, outdir, "html-page-context:1") == -signal.SIGKILL
    assert sphinx_build(srcdir, outdir) == 0
    assert "After" in (outdir / "all calls.html").read_text(encoding="utf8")
    fresh = project(tmp_path / "fresh", {**files, "calls/a.md": post("After")})
    (fresh / "index.md").write_text(index, encoding="utf8")
    assert sphinx_build(fresh, tmp_path / "fresh/out") == 0
    again, expected = outputs(outdir), outputs(tmp_path / "fresh/out")
    # the tags and people pages too: their navigation holds the post's new title
    assert [name for name in expected if again.get(name) != expected[name]] == []


@pytest.mark.parametrize(
    ("builder", "calendar", "free"),
    [("html", "calls/a.ics", "calls/a/index.ics"), ("dirhtml", "calls/a/index.ics", "calls/a.ics")],
)
def test_an_alias_at_a_calendar_names_it_with_its_file_and_line(tmp_path, builder, calendar, free):
    aliases = "aliases: [/calls/a.ics/, /calls/a/index.ics/]"
    srcdir = project(
        tmp_path,
        {
            "calls/a.md": post("A", "join: https://meet.example/a").replace(
                "2024-01-02", "2027-01-02T10:00:00Z"
            ),
            "calls/b.md": post("B", aliases),
        },
    )
    app = build(srcdir, builder)
    [line] = [line for line in warning_lines(app) if "callposts.alias" in line]
    assert line.startswith(f"{srcdir / 'calls/b.md'}:4: WARNING: alias '/{calendar}/' ")
    assert f"collides with the calendar {calendar} (calls/a.md:3); not written" in line
    assert (app.outdir / calendar).is_file()
    assert (app.outdir / free / "index.html").is_file()


@pytest.mark.parametrize("builder", BUILDERS)
def test_a_document_keeps_its_page_from_a_tag_of_that_name(tmp_path, builder):
    srcdir = project(
        tmp_path, {"calls/a.md": post("A", "tags: [foo]"), "tags/foo/index.md": "# Mine\n"}
    )
    (srcdir / "index.md").write_text(INDEX + "\n```{toctree}\ntags/foo/index\n```\n")
    app = build(srcdir, builder)
    assert "Mine" in (app.outdir / "tags/foo/index.html").read_text(encoding="utf8")
    found = [line for line in warning_lines(app) if "callposts.taxonomy" in line]
    if builder == "html":  # the tag's page is tags/foo.html
        assert found == []
        assert (app.outdir / "tags/foo.html").is_file()
    else:
        [line] = found
        assert line.startswith(f"{srcdir / 'calls/a.md'}:4: WARNING: ")
        assert "collides with the page tags/foo/index.md:1" in line


@pytest.mark.parametrize("builder", BUILDERS)
def test_a_long_tag_has_a_page_where_its_links_point(tmp_path, builder):
    tag = "t" * 300
    srcdir = project(tmp_path, {"calls/a.md": post("A", f"tags: [{tag}]")})
    app = build(srcdir, builder)
    assert callposts_warnings(app) == []
    page = "calls/a.html" if builder == "html" else "calls/a/index.html"
    html = (app.outdir / page).read_text(encoding="utf8")
    [href] = [part.split('"', 1)[0] for part in html.split('href="')[1:] if "ttt" in part]
    target = (app.outdir / page).parent / href
    target = target / "index.html" if href.endswith("/") else target
    assert target.is_file()
    assert all(len(part.encode()) <= MAX_SEGMENT for part in href.split("/"))


@pytest.mark.parametrize(
    ("builder", "search", "genindex"),
    [
        ("html", "search.html", "genindex.html"),
        ("dirhtml", "search/index.html", "genindex/index.html"),
    ],
)
def test_sphinx_own_pages_keep_their_paths(tmp_path, builder, search, genindex):
    aliases = "aliases: [/search.html, /search/, /genindex.html, /genindex/]"
    srcdir = project(tmp_path, {"calls/a.md": post("A", aliases)})
    app = build(srcdir, builder)
    found = {
        line.split("collides with ")[1] for line in warning_lines(app) if "callposts.alias" in line
    }
    assert found == {
        f"Sphinx's page {search}; not written [callposts.alias]",
        f"Sphinx's page {genindex}; not written [callposts.alias]",
    }
    assert "refresh" not in (app.outdir / search).read_text(encoding="utf8")
