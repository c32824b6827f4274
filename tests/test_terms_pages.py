"""Tags and people pages under stress: names that clash, reserved or too long, time and
configuration that change between builds, posts with thousands of tags (issue 20)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from .helpers import build, page, warning_lines, warnings_of
from .test_incremental import assert_same_output
from .test_listing_terms import make_project, write_post

INDEX_WITH_TAGS = "# Home\n\n```{toctree}\n:glob:\ncalls/*\ntags/*\ntags/*/*\n```\n"
#: 2027-02-02: the call of 2027-02-01 is past (the builds' default "now" is 2026-01-01)
LATER = "1801526400"


def title_of(app, path: str) -> str:
    return page(app, path).select_one("div.body h1").get_text().rstrip("¶")


def tag_links(app, path: str) -> dict[str, str]:
    header = page(app, path).select_one(".callpost-header")
    return {a.get_text(): a["href"] for a in header.select(".callpost-tags a")}


def target(app, source: str, href: str) -> Path:
    """The file a link of the page ``source`` leads to (dirhtml: the folder's index)."""
    path = (app.outdir / source).parent / unquote(href)
    return path / "index.html" if href.endswith("/") else path


def assert_links_reach_pages(app, source: str) -> None:
    for a in page(app, source).select("a[href]"):
        href = a["href"].partition("#")[0]
        if href and "://" not in href:
            assert target(app, source, href).is_file(), href


# --- names (item 10) ---------------------------------------------------------------

CLASHING = ["C++", "C#", "C", ".NET", "NET", "R&D", "RD"]


@pytest.fixture(scope="module")
def clashing(tmp_path_factory):
    tags = ", ".join(f'"{tag}"' for tag in CLASHING)
    srcdir = make_project(
        tmp_path_factory.mktemp("clashing"),
        {"a": f"title: A\ndate: 2024-01-01\ntags: [{tags}]\n"},
    )
    return build(srcdir, freshenv=True)


def test_distinct_tags_keep_distinct_pages(clashing):
    links = tag_links(clashing, "calls/a.html")
    assert list(links) == CLASHING
    pages = {tag: target(clashing, "calls/a.html", href) for tag, href in links.items()}
    assert len(set(pages.values())) == len(CLASHING)
    for tag, path in pages.items():
        assert path.is_file(), tag
        assert title_of(clashing, path.relative_to(clashing.outdir).as_posix()) == (
            f"Posts tagged “{tag}”"
        )
    # Hugo's names where Hugo keeps the tags apart
    assert {tag: pages[tag].name for tag in ("C++", "C#", "C", "NET", "RD")} == {
        "C++": "c++.html", "C#": "c#.html", "C": "c.html", "NET": "net.html", "RD": "rd.html",
    }  # fmt: skip
    assert re.fullmatch(r"net-[0-9a-f]{6}\.html", pages[".NET"].name)
    assert re.fullmatch(r"rd-[0-9a-f]{6}\.html", pages["R&D"].name)
    assert_links_reach_pages(clashing, "calls/a.html")
    assert_links_reach_pages(clashing, "tags/index.html")


def test_a_tag_that_takes_another_ones_name_warns_naming_both(clashing):
    # the tags line of the post, typed
    assert warnings_of(clashing) == [("a.md", 4, "callposts.taxonomy")] * 2
    lines = warning_lines(clashing)
    assert any("'.NET'" in line and "'NET'" in line and "tags/net" in line for line in lines)
    assert any("'R&D'" in line and "'RD'" in line and "tags/rd" in line for line in lines)


INDEX_TERMS = {
    "a": "title: A\ndate: 2024-01-01\ntags: [index, other]\nauthors: [Index]\n",
    "b": "title: B\ndate: 2024-01-02\ntags: [other]\nauthors: [Ada]\n",
}


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_the_index_names_are_reserved(tmp_path, builder):
    srcdir = make_project(tmp_path, {"b": INDEX_TERMS["b"]})
    builddir = tmp_path / "build"
    build(srcdir, builder, builddir=builddir, freshenv=True)
    # the tag and the person come in an incremental build: the indexes stay
    write_post(srcdir, "a", INDEX_TERMS["a"])
    app = build(srcdir, builder, builddir=builddir)
    source = "calls/a.html" if builder == "html" else "calls/a/index.html"
    assert title_of(app, "tags/index.html") == "Tags"
    assert title_of(app, "people/index.html") == "People"
    tag = target(app, source, tag_links(app, source)["index"])
    assert tag.is_file()
    assert title_of(app, tag.relative_to(app.outdir).as_posix()) == "Posts tagged “index”"
    assert tag.parent.name.startswith("index-") or tag.name.startswith("index-")
    assert_links_reach_pages(app, source)
    assert sorted(warnings_of(app)) == [
        ("a.md", 4, "callposts.taxonomy"),
        ("a.md", 5, "callposts.taxonomy"),
    ]
    assert all("is the index of the" in line for line in warning_lines(app))
    fresh = build(srcdir, builder, builddir=tmp_path / "fresh", freshenv=True)
    assert_same_output(app.outdir, fresh.outdir)


def test_a_name_too_long_for_a_file_gets_a_short_page_that_links_find(tmp_path):
    long_tag, long_name = "t" * 300, "Ann " + "Lee" * 100
    srcdir = make_project(
        tmp_path,
        {"a": f"title: A\ndate: 2024-01-01\ntags: [{long_tag}]\nauthors: ['{long_name}']\n"},
    )
    app = build(srcdir, freshenv=True)
    assert warning_lines(app) == []
    (href,) = tag_links(app, "calls/a.html").values()
    assert target(app, "calls/a.html", href).is_file()
    assert len(Path(href).name.encode()) < 255
    assert_links_reach_pages(app, "calls/a.html")
    assert_links_reach_pages(app, "people/index.html")


# --- incremental = fresh (item 4) ---------------------------------------------------

CALLS = {
    "launch": (
        "title: Launch\ndate: 2027-02-01T15:00:00Z\njoin: https://meet.example/launch\n"
        "tags: [launch]\npresenters: [Ann Lee]\n"
    ),
    "old": (
        "title: Old\ndate: 2024-03-01T09:30:00Z\ntags: [launch, archive]\n"
        "authors:\n  - name: Bo Day\n    email: bo@example.org\n"
    ),
}


class Calls:
    """The two calls, built incrementally and compared with fresh builds."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.srcdir = make_project(root, CALLS)
        self.builddir = root / "incremental"
        self.fresh_count = 0
        self.app = build(self.srcdir, builddir=self.builddir)

    def rebuild(self, epoch: str | None = None, **overrides) -> None:
        kwargs = {"epoch": epoch} if epoch else {}
        self.app = build(self.srcdir, builddir=self.builddir, confoverrides=overrides, **kwargs)
        assert [line for line in warning_lines(self.app) if "callposts" in line] == []
        self.fresh_count += 1
        fresh = build(
            self.srcdir,
            builddir=self.root / f"fresh{self.fresh_count}",
            freshenv=True,
            confoverrides=overrides,
            **kwargs,
        )
        assert_same_output(self.app.outdir, fresh.outdir)

    def text(self, path: str) -> str:
        return page(self.app, path).select_one("div.body").get_text(" ")


@pytest.fixture
def calls(tmp_path):
    return Calls(tmp_path)


def test_a_call_that_passes_leaves_upcoming_on_its_tag_and_person_pages(calls):
    for path in ("tags/launch", "people/ann-lee"):
        body = page(calls.app, path).select_one("div.body")
        assert body.select_one(".callposts-upcoming .callposts-join")
    calls.rebuild(epoch=LATER)
    for path in ("tags/launch", "people/ann-lee"):
        body = page(calls.app, path).select_one("div.body")
        assert not body.select(".callposts-upcoming, .callposts-join"), path
        assert "Launch" in body.get_text()


@pytest.mark.parametrize(
    ("overrides", "shown"),
    [
        ({"callposts_timezone": "Asia/Tokyo"}, "JST"),
        ({"callposts_date_format": "%Y/%m/%d"}, "2024/03/01"),
        ({"callposts_show_emails": True}, "bo@example.org"),
    ],
)
def test_a_setting_that_shapes_the_entries_rewrites_tag_and_person_pages(calls, overrides, shown):
    pages = ("tags/launch", "people/bo-day") if "emails" in str(overrides) else ("tags/launch",)
    assert not any(shown in calls.text(path) for path in pages)
    calls.rebuild(**overrides)
    assert all(shown in calls.text(path) for path in pages)


def test_pages_turned_off_are_removed(calls):
    assert (calls.app.outdir / "tags/launch.html").is_file()
    calls.rebuild(callposts_tags_url="", callposts_people_url="")
    assert not (calls.app.outdir / "tags").exists()
    assert not (calls.app.outdir / "people").exists()
    assert not page(calls.app, "calls/old").select(".callpost-header a[href*='tags/']")


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_a_document_at_a_pages_path_is_kept_with_a_located_warning(tmp_path, builder):
    srcdir = make_project(tmp_path, {"a": "title: A\ndate: 2024-01-01\ntags: [foo]\n"})
    (srcdir / "tags" / "foo").mkdir(parents=True)
    (srcdir / "tags" / "foo" / "index.md").write_text("# Mine\n", encoding="utf8")
    (srcdir / "tags" / "index.md").write_text("# My tags\n", encoding="utf8")
    (srcdir / "index.md").write_text(INDEX_WITH_TAGS, encoding="utf8")
    app = build(srcdir, builder, freshenv=True)
    expected = {("index.md", 1, "callposts.taxonomy")}
    if builder == "dirhtml":  # tags/foo/ is the tag's page and the document's
        assert title_of(app, "tags/foo/index.html") == "Mine"
        expected.add(("a.md", 4, "callposts.taxonomy"))
    else:
        assert title_of(app, "tags/foo.html") == "Posts tagged “foo”"
    assert title_of(app, "tags/index.html") == "My tags"
    assert set(warnings_of(app)) == expected
    assert all("collides with the page" in line for line in warning_lines(app))


def test_a_tag_whose_page_moves_is_relinked_where_it_shows(tmp_path):
    posts = {
        "a": 'title: A\ndate: 2024-01-01\ntags: ["R&D"]\n',
        "c": "title: C\ndate: 2024-06-01\n",
    }
    srcdir = make_project(tmp_path, posts)
    builddir = tmp_path / "build"
    app = build(srcdir, builddir=builddir, freshenv=True)
    assert tag_links(app, "calls/a.html") == {"R&D": "../tags/rd.html"}
    # RD spells the name: it takes tags/rd, and R&D moves, in the page of a, which is not
    # read again (nor a neighbour of z, in its toctree or by date)
    write_post(srcdir, "z", "title: Z\ndate: 2025-01-02\ntags: [RD]\n")
    app = build(srcdir, builddir=builddir)
    (href,) = tag_links(app, "calls/a.html").values()
    assert re.fullmatch(r"\.\./tags/rd-[0-9a-f]{6}\.html", href)
    assert title_of(app, "tags/rd") == "Posts tagged “RD”"
    assert_same_output(app.outdir, build(srcdir, builddir=tmp_path / "fresh", freshenv=True).outdir)
    # and back
    (srcdir / "calls" / "z.md").unlink()
    app = build(srcdir, builddir=builddir)
    assert tag_links(app, "calls/a.html") == {"R&D": "../tags/rd.html"}
    fresh = build(srcdir, builddir=tmp_path / "fresh2", freshenv=True)
    assert_same_output(app.outdir, fresh.outdir, removed=("calls/z",))


def test_a_stale_page_changed_by_hand_is_kept(tmp_path):
    srcdir = make_project(
        tmp_path,
        {"a": "title: A\ndate: 2024-01-01\ntags: [gone, kept]\n"},
        conf='callposts_tags_url = "tags"\n',
    )
    builddir = tmp_path / "build"
    app = build(srcdir, builddir=builddir, freshenv=True)
    gone, kept = app.outdir / "tags/gone.html", app.outdir / "tags/kept.html"
    assert gone.is_file() and kept.is_file()
    gone.write_text("<p>my own notes</p>", encoding="utf8")
    write_post(srcdir, "a", "title: A\ndate: 2024-01-01\ntags: [other]\n")
    app = build(srcdir, builddir=builddir)
    # the page Sphinx wrote goes; the one changed since is kept, with a located warning
    assert not kept.exists()
    assert gone.read_text(encoding="utf8") == "<p>my own notes</p>"
    [line] = [line for line in warning_lines(app) if "callposts.taxonomy" in line]
    assert "tags/gone.html, a page an earlier build made, changed since it was written" in line
    assert "conf.py:" in line
