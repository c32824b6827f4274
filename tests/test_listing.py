"""The listing: the ``callposts`` directive, section pages, navigation, other builders."""

from __future__ import annotations

import gc
import json

import pytest
from docutils import nodes

from sphinx_callposts.sphinx.listing_render import ListingRenderer

from .helpers import build, copy_root, page, warning_lines, warnings_of


def entry_titles(listing) -> list[str]:
    """The titles of a listing's entries, in order."""
    return [
        entry.select_one(".callposts-title").get_text()
        for entry in listing.select(".callposts-entry")
    ]


@pytest.fixture(scope="module")
def html_app(tmp_path_factory):
    """One HTML build of the listing project, shared by the tests of this module."""
    return build(copy_root("listing", tmp_path_factory.mktemp("listing")), freshenv=True)


def test_build_has_no_warning(html_app):
    # no "document isn't included in any toctree" either: the sections hold every post
    assert warning_lines(html_app) == []


def test_section_page_lists_posts_below_it_grouped_newest_first(html_app):
    listing = page(html_app, "calls/_index.html").select_one("div.body .callposts-list")
    groups = listing.select(".callposts-group")
    assert [group.select_one(".callposts-group-title").get_text() for group in groups] == [
        "Upcoming",
        "2024",
        "2023",
    ]
    assert entry_titles(groups[0]) == ["The next call"]
    assert entry_titles(listing)[1:] == [
        "A leaf bundle",
        "Release 2.0",  # linkTitle, not the title
        "Kickoff of the year",
        "Autumn call",
        "Summer call",
    ]
    # the draft and the expired post stay out
    assert "Not yet" not in listing.get_text()
    assert "Expired call" not in listing.get_text()


def test_entry_shows_date_people_summary_recording_tags(html_app):
    listing = page(html_app, "calls/_index.html").select_one("div.body .callposts-list")
    entry = listing.select(".callposts-entry")[2]
    assert entry.select_one("time")["datetime"] == "2024-03-07"
    assert entry.select_one("time").get_text() == "March 7, 2024"
    assert entry.select_one("a.callposts-title")["href"] == "2024-03-07-release.html"
    # presenters before authors
    assert entry.select_one(".callposts-people").get_text() == "Grace Hopper, Alan Turing"
    summary = entry.select_one(".callposts-summary")
    assert summary.get_text() == "The new release & what <changes>."
    assert not summary.find("changes")
    recording = entry.select_one("a.callposts-recording")
    assert recording["href"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert [tag.get_text() for tag in entry.select(".callpost-tag")] == ["release", "security"]
    # authors, when there are no presenters; the automatic summary
    kickoff = listing.select(".callposts-entry")[3]
    assert kickoff.select_one(".callposts-people a")["href"] == "../people/octocat.html"
    assert kickoff.select_one(".callposts-summary").get_text().startswith("We met and planned")


def test_sub_section_lists_its_own_posts_only(html_app):
    body = page(html_app, "calls/2023/_index.html").select_one("div.body")
    assert len(body.select(".callposts-list")) == 1  # its directive replaces the automatic one
    listing = body.select_one(".callposts-list")
    assert [g.get_text() for g in listing.select(".callposts-group-title")] == [
        "June 2023",
        "November 2023",
    ]
    assert entry_titles(listing) == ["Summer call", "Autumn call"]  # :reverse:


def test_table_style(html_app):
    table = page(html_app, "pages.html").select("div.body .callposts-list")[0]
    assert [th.get_text() for th in table.select("table")[1].select("th")] == [
        "Topic",
        "Speakers",
        "Date",
        "Recording",
        "Summary",
    ]
    rows = table.select("tr.callposts-entry")
    assert len(rows) == 6  # the upcoming call in its own table, then five
    cells = [td.get_text(" ", strip=True) for td in rows[2].select("td")]
    assert cells == [
        "Release 2.0",
        "Grace Hopper , Alan Turing",
        "March 7, 2024",
        "▶ Recording",
        "The new release & what <changes>.",
    ]


def test_tags_filter_is_case_insensitive_and_limit_applies(html_app):
    listing = page(html_app, "pages.html").select("div.body .callposts-list")[1]
    assert entry_titles(listing) == ["A leaf bundle", "Release 2.0"]


def test_section_pages_hold_a_tree_of_their_children(html_app):
    env = html_app.env
    # newest first, as the listing: the 2023 section by its newest call (November 2023)
    assert env.toctree_includes["calls/_index"] == [
        "calls/2027-02-01-next",
        "calls/2024-05-bundle/index",
        "calls/2024-03-07-release",
        "calls/2024-01-10-kickoff",
        "calls/2023/_index",
        "calls/expired",
    ]
    assert env.toctree_includes["calls/2023/_index"] == [
        "calls/2023/2023-11-02-autumn",
        "calls/2023/2023-06-01-summer",
    ]
    # what a reader sees: the sidebar of a post in a sub-section is nested
    sidebar = page(html_app, "calls/2023/2023-06-01-summer.html").select_one(".sphinxsidebar")
    section = sidebar.find("a", string="2023").find_parent("li")
    assert [a.get_text() for a in section.find("ul").find_all("a")] == [
        "Autumn call",
        "Summer call",
    ]


def test_posts_link_to_their_neighbours_in_date_order(html_app):
    def nav(path: str) -> dict[str, str]:
        found = page(html_app, path).select_one(".callpost-nav")
        return {p["class"][0]: p.get_text() for p in found.select("p")} if found else {}

    # newest first, as the listing and the toctree (and so Sphinx's own relations)
    assert nav("calls/2024-03-07-release.html") == {
        "callpost-nav-prev": "Newer: A leaf bundle",
        "callpost-nav-next": "Older: Kickoff of the year",
    }
    # across sub-sections, within the top section
    assert nav("calls/2024-01-10-kickoff.html")["callpost-nav-next"] == "Older: Autumn call"
    assert nav("calls/2023/2023-06-01-summer.html") == {"callpost-nav-prev": "Newer: Autumn call"}
    assert nav("calls/draft.html") == {}
    link = page(html_app, "calls/2024-01-10-kickoff.html").select_one(".callpost-nav-next a")
    assert link["href"] == "2023/2023-11-02-autumn.html"
    # the theme's links agree
    relations = page(html_app, "calls/2024-03-07-release.html").head
    assert relations.find("link", rel="next")["href"] == "2024-01-10-kickoff.html"


@pytest.mark.parametrize(
    ("future", "titles"),
    [
        ("hide", ["A leaf bundle"]),
        ("show", ["The next call", "A leaf bundle"]),
    ],
)
def test_future_posts_hidden_or_shown_in_their_year(tmp_path, future, titles):
    app = build(copy_root("listing", tmp_path), confoverrides={"callposts_future": future})
    listing = page(app, "calls/_index.html").select_one("div.body .callposts-list")
    assert "Upcoming" not in listing.get_text()
    assert entry_titles(listing)[: len(titles)] == titles


def test_drafts_listed_when_asked(tmp_path):
    app = build(copy_root("listing", tmp_path), confoverrides={"callposts_drafts": True})
    listing = page(app, "calls/_index.html").select_one("div.body .callposts-list")
    assert "Not yet" in entry_titles(listing)
    assert "calls/draft" in app.env.toctree_includes["calls/_index"]


@pytest.fixture(scope="module")
def bad_app(tmp_path_factory):
    """The project with bad input, built once."""
    return build(copy_root("listing-bad", tmp_path_factory.mktemp("bad")), freshenv=True)


def test_undated_post_listed_last_with_a_located_warning(bad_app):
    listing = page(bad_app, "calls/_index.html").select_one("div.body .callposts-list")
    assert entry_titles(listing) == ["Call B", "Call A", "A call without a date"]
    assert listing.select(".callposts-group-title")[-1].get_text() == "Undated"
    expected = (
        f"{bad_app.srcdir / 'calls/undated.md'}:1: WARNING: the post has no 'date' "
        "(nor 'publishDate'); listings show it last [callposts.date]"
    )
    assert [line for line in warning_lines(bad_app) if "[callposts.date]" in line] == [expected]


def test_bad_section_options_warn(bad_app):
    warnings = [line for line in warning_lines(bad_app) if "[callposts.listing]" in line]
    assert any("index.md:7:" in line and "'nowhere'" in line for line in warnings)
    assert any("index.md:11:" in line and "outside the documentation" in line for line in warnings)
    # the folder has posts: the tags filter is what leaves none, and the warning says so
    assert any(
        "index.md:15:" in line
        and "no post in the folder 'calls' has the tag 'no-such-tag' (:tags:)" in line
        for line in warnings
    ), warnings
    assert len(warnings) == 3


@pytest.mark.parametrize(
    "builder", ["dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo"]
)
def test_other_builders(tmp_path, builder):
    app = build(copy_root("listing", tmp_path), builder)
    assert warning_lines(app) == []
    if builder == "dirhtml":
        listing = page(app, "calls/index.html").select_one(".callposts-list")
        assert listing.select_one("a.callposts-title")["href"] == "2027-02-01-next/"
        assert page(app, "calls/2024-03-07-release/index.html").select_one(".callpost-nav")
    elif builder == "singlehtml":
        soup = page(app, "index.html")
        hrefs = {a["href"] for a in soup.select(".callposts-list a.callposts-title")}
        assert "#document-calls/2027-02-01-next" in hrefs
        assert not soup.select(".callpost-nav")  # one page: no previous/next
    elif builder == "epub":
        listing = page(app, "calls/_index.xhtml").select_one(".callposts-list")
        assert entry_titles(listing)[0] == "The next call"
        assert not (app.outdir / "calls/atom.xml").exists()
    elif builder == "latex":
        tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf8")
        assert r"\hyperref[\detokenize{calls/2024-03-07-release::doc}]" in tex
        assert "Kickoff of the year" in tex
        assert "▶" not in tex
    elif builder == "text":
        text = (app.outdir / "calls/_index.txt").read_text(encoding="utf8")
        assert "Upcoming" in text
        assert "Recording" in text
        assert (
            "Older: Kickoff of the year"
            in (app.outdir / "calls/2024-03-07-release.txt").read_text()
        )
    else:
        output = next(path for path in app.outdir.iterdir() if path.suffix in {".1", ".texi"})
        assert "Kickoff of the year" in output.read_text(encoding="utf8")


def html_files(app) -> dict[str, bytes]:
    """Every HTML page of a build (tags and people pages too), by path."""
    return {
        path.relative_to(app.outdir).as_posix(): path.read_bytes()
        for path in app.outdir.rglob("*.html")
    }


@pytest.mark.parametrize("root", ["listing", "badinput"])
def test_pages_are_the_same_whether_items_are_made_early_or_late(tmp_path, monkeypatch, root):
    """HTML makes a list's items as it writes them (``callposts_entry``); nothing else differs.

    The second build makes every item early, as the other builders do.
    """
    late = build(copy_root(root, tmp_path / "late"), freshenv=True)
    monkeypatch.setattr(ListingRenderer, "says_more_than_its_title", lambda *args: False)
    early = build(copy_root(root, tmp_path / "early"), freshenv=True)
    pages, early_pages = html_files(late), html_files(early)
    assert sorted(pages) == sorted(early_pages)
    listed = [name for name, html in pages.items() if b"callposts-entry" in html]
    assert len(listed) >= 5  # listings, tags and people pages
    assert [name for name in pages if pages[name] != early_pages[name]] == []
    assert warnings_of(late) == warnings_of(early)


def test_items_made_late_are_freed_once_written(tmp_path):
    """None is left to Python's garbage collector (benchmarks/NOTES.md).

    With the collector off, what the build left unreachable is all in ``gc.garbage``:
    the items made early, in their pages' trees, and none of those made while written.
    """
    gc.collect()
    gc.disable()
    try:
        build(copy_root("listing", tmp_path), freshenv=True)
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        items = [
            node
            for node in gc.garbage
            if isinstance(node, nodes.list_item) and "callposts-entry" in node["classes"]
        ]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    in_a_tree = [
        item
        for item in items
        if item.parent and any(child is item for child in item.parent.children)
    ]
    assert in_a_tree  # the upcoming call's, made early
    assert len(items) == len(in_a_tree)


def test_a_listing_page_is_found_by_the_words_of_its_items(html_app):
    text = (html_app.outdir / "searchindex.js").read_text(encoding="utf8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    section_page = index["docnames"].index("calls/_index")

    def pages_with(word: str) -> set[int]:
        found = index["terms"][word]
        return {found} if isinstance(found, int) else set(found)

    # a presenter, a word of a title and a tag of the items below the section
    for word in ("hopper", "kickoff", "releas"):
        assert section_page in pages_with(word), word
    # a word of a summary finds the page whose table shows it, not every list the post
    # stands on (their items give the index their titles, people and tags)
    assert section_page not in pages_with("chang")
    assert index["docnames"].index("pages") in pages_with("chang")


def test_a_section_page_toctree_of_its_own_is_kept_and_not_repeated(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    with (srcdir / "calls/_index.md").open("a", encoding="utf8") as file:
        file.write("\n```{toctree}\n:caption: Highlights\n\n2024-03-07-release\n```\n")
    app = build(srcdir)
    assert warning_lines(app) == []
    includes = app.env.toctree_includes["calls/_index"]
    assert includes[0] == "calls/2024-03-07-release"
    assert includes.count("calls/2024-03-07-release") == 1
    assert len(includes) == 6


def test_month_groups_in_the_project_language(tmp_path):
    app = build(copy_root("listing", tmp_path), confoverrides={"language": "de"})
    listing = page(app, "calls/2023/_index.html").select_one("div.body .callposts-list")
    assert [g.get_text() for g in listing.select(".callposts-group-title")] == [
        "Juni 2023",
        "November 2023",
    ]
    assert listing.select_one("time").get_text() == "1. Juni 2023"


def test_listing_html_snapshot(html_app, file_regression):
    """The HTML of a list and of a table, for review: tests/test_listing/*.html."""
    soup = page(html_app, "pages.html")
    found = [
        page(html_app, "calls/_index.html").select_one(".callposts-list"),
        *soup.select(".callposts-list"),
    ]
    file_regression.check("\n".join(listing.prettify() for listing in found), extension=".html")
