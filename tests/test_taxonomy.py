"""People and tags pages: a page per tag and per person, an index of each, linked from posts."""

from __future__ import annotations

import pytest

from sphinx_callposts.core.permalinks import MAX_SEGMENT, urlize
from sphinx_callposts.core.taxonomy import Term, name_pages, page_name, term_key

from .helpers import build, copy_root, page, warning_lines

RELEASE = "calls/2024-03-07-release"


@pytest.fixture(scope="module")
def html_app(tmp_path_factory):
    return build(copy_root("listing", tmp_path_factory.mktemp("taxonomy")), freshenv=True)


def links(tree) -> dict[str, str]:
    return {a.get_text(): a["href"] for a in tree.select("a[href]")}


def test_no_warning(html_app):
    assert warning_lines(html_app) == []


def test_a_page_per_tag_with_its_posts_in_the_theme(html_app):
    tag = page(html_app, "tags/security")
    assert tag.title.get_text().startswith("Posts tagged “Security”")  # the first post's spelling
    body = tag.select_one("div.body")  # the theme's page, as for any document
    titles = [a.get_text() for a in body.select(".callposts-entry .callposts-title")]
    assert titles == ["A leaf bundle", "Release 2.0"]
    assert links(body)["Release 2.0"] == "../calls/2024-03-07-release.html"
    # the other tags of an entry link to their pages
    assert links(body)["release"] == "release.html"
    # the theme's sidebar is there, as on every page
    assert tag.select_one("div.sphinxsidebar")


def test_an_index_of_tags_with_counts(html_app):
    index = page(html_app, "tags/index").select_one("div.body")
    assert index.select_one("h1").get_text().rstrip("¶") == "Tags"
    entries = [li.get_text() for li in index.select("li")]
    assert entries == ["community (1)", "release (1)", "Security (2)"]
    assert links(index)["Security"] == "security.html"


def test_a_page_per_person_author_or_presenter(html_app):
    people = page(html_app, "people/index").select_one("div.body")
    assert [li.get_text() for li in people.select("li")] == [
        "Ada Lovelace (1)",
        "Alan Turing (1)",
        "Grace Hopper (1)",
        "Linus (1)",
        "octocat (1)",
    ]
    grace = page(html_app, "people/grace-hopper").select_one("div.body")
    assert grace.select_one("h1").get_text().rstrip("¶") == "Grace Hopper"
    assert links(grace)["https://example.org/grace"] == "https://example.org/grace"
    assert [a.get_text() for a in grace.select(".callposts-title")] == ["Release 2.0"]


def test_names_and_tags_in_headers_and_listings_link_to_their_pages(html_app):
    header = page(html_app, RELEASE).select_one(".callpost-header")
    assert links(header.select_one(".callpost-presenters")) == {
        "Grace Hopper": "../people/grace-hopper.html",
        "Alan Turing": "../people/alan-turing.html",
    }
    assert links(header.select_one(".callpost-tags")) == {
        "release": "../tags/release.html",
        "security": "../tags/security.html",
    }
    listing = page(html_app, "calls/_index").select_one(".callposts-list")
    assert links(listing)["Grace Hopper"] == "../people/grace-hopper.html"
    assert links(listing)["community"] == "../tags/community.html"


def test_dirhtml_pages_are_folders(tmp_path):
    app = build(copy_root("listing", tmp_path), builder="dirhtml", freshenv=True)
    assert (app.outdir / "tags" / "release" / "index.html").is_file()
    header = page(app, "calls/2024-03-07-release/index").select_one(".callpost-header")
    assert links(header)["release"] == "../../tags/release/"
    assert links(page(app, "tags/index").select_one("div.body"))["release"] == "release/"


def test_an_empty_setting_turns_pages_off(tmp_path):
    app = build(
        copy_root("listing", tmp_path), confoverrides={"callposts_tags_url": ""}, freshenv=True
    )
    assert not (app.outdir / "tags").exists()
    assert (app.outdir / "people" / "index.html").is_file()
    header = page(app, RELEASE).select_one(".callpost-header")
    assert not header.select(".callpost-tags a")
    assert header.select_one(".callpost-tags .callpost-tag").get_text() == "release"


def test_other_builders_have_no_such_pages(tmp_path):
    app = build(copy_root("listing", tmp_path), builder="text", freshenv=True)
    assert warning_lines(app) == []
    assert not (app.outdir / "tags").exists()


def test_a_retag_rewrites_the_two_tag_pages_and_the_post_not_the_site(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    builddir = tmp_path / "build"
    app = build(srcdir, builddir=builddir, freshenv=True)
    generated = sorted([*app.outdir.glob("tags/*.html"), *app.outdir.glob("people/*.html")])
    before = {path: path.stat().st_mtime_ns for path in generated}

    kickoff = srcdir / "calls" / "2024-01-10-kickoff.md"
    kickoff.write_text(
        kickoff.read_text(encoding="utf8").replace("tags: [community]", "tags: [release]"),
        encoding="utf8",
    )
    app = build(srcdir, builddir=builddir)
    rewritten = {
        path.relative_to(app.outdir).as_posix()
        for path in generated
        if not path.exists() or path.stat().st_mtime_ns != before[path]
    }
    # community lost its only post: its page goes; release and the index change, and the
    # page of the post's author, whose entry shows the post's tags; no other page
    assert rewritten == {
        "tags/community.html",
        "tags/index.html",
        "tags/release.html",
        "people/octocat.html",
    }
    assert not (app.outdir / "tags" / "community.html").exists()
    titles = page(app, "tags/release").select(".callposts-title")
    assert [a.get_text() for a in titles] == ["Release 2.0", "Kickoff of the year"]
    # nothing changes: nothing is written
    again = {path: path.stat().st_mtime_ns for path in generated if path.exists()}
    build(srcdir, builddir=builddir)
    assert {path: path.stat().st_mtime_ns for path in again} == again


def test_terms_of_hidden_drafts_alone_have_no_page(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    draft = srcdir / "calls" / "draft.md"
    draft.write_text(
        draft.read_text(encoding="utf8").replace(
            "draft: true", "draft: true\nauthor: '[Dee Raft](https://dee.example)'\ntags: [wip]"
        ),
        encoding="utf8",
    )
    app = build(srcdir, freshenv=True)
    assert not (app.outdir / "people" / "dee-raft.html").exists()
    assert not (app.outdir / "tags" / "wip.html").exists()
    header = page(app, "calls/draft").select_one(".callpost-header")
    # no link to a page that is not there: the name keeps its own link, the tag none
    assert links(header) == {"Dee Raft": "https://dee.example"}


def test_a_page_name_taken_by_a_document_is_not_overwritten(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    (srcdir / "tags").mkdir()
    (srcdir / "tags" / "release.md").write_text("---\norphan: true\n---\n# Mine\n", encoding="utf8")
    app = build(srcdir, freshenv=True)
    assert page(app, "tags/release").select_one("h1").get_text().rstrip("¶") == "Mine"
    assert any(
        "tags/release" in line and "[callposts.taxonomy]" in line for line in warning_lines(app)
    )


#: Hugo's MakePathSanitized (helpers/path.go, common/paths/path.go Sanitize), as Hugo gives them
HUGO_PATHS = [
    ("Raymond de Jong", "raymond-de-jong"),
    ("Vim (text editor)", "vim-text-editor"),
    ("a - b", "a-b"),
    ("a--b", "a--b"),
    ("  Spaced  out  ", "spaced-out"),
    ("C++", "c++"),
    ("C#", "c#"),
    (".NET", ".net"),
    ("R&D", "rd"),
    ("x@y.org", "x@y.org"),
    ("TCP/IP", "tcp/ip"),
    ("100%", "100"),
    ("%41b", "%41b"),
    ("日本", "日本"),
    ("Crème brûlée", "crème-brûlée"),
    # from Hugo's own tests (common/paths TestSanitize, helpers TestMakePath,
    # TestMakePathSanitized, TestURLize before escaping), lowercased as urlize does
    ("  Foo bar  ", "foo-bar"),
    ("Foo.Bar/foo_Bar-Foo", "foo.bar/foo_bar-foo"),
    ("fOO,bar:foobAR", "foobarfoobar"),
    ("FOo/BaR.html", "foo/bar.html"),
    ("FOo/Ba---R.html", "foo/ba---r.html"),
    ("FOo/Ba       R.html", "foo/ba-r.html"),
    ("трям/трям", "трям/трям"),
    ("은행", "은행"),
    ("Банковский кассир", "банковский-кассир"),
    ("संस्कृत", "संस्कृत"),
    ("a%C3%B1ame", "a%c3%b1ame"),
    ("this+is+a+test", "this+is+a+test"),
    ("~foo", "~foo"),
    (
        "dot.slash/backslash\\underscore_pound#plus+hyphen-",
        "dot.slash/backslash\\underscore_pound#plus+hyphen-",
    ),
    ("abcXYZ0123456789", "abcxyz0123456789"),
    ("%20 %2", "%20-2"),
    ("foo- bar", "foo-bar"),
    ("foo--bar", "foo--bar"),
    ("foo@bar", "foo@bar"),
    ("  FOO bar  ", "foo-bar"),
    ("FOO,bar:FooBar", "foobarfoobar"),
    ("foo/BAR.HTML", "foo/bar.html"),
    ("100%-google", "100-google"),
    # a title's " - " gives one hyphen (issue 22: 95 of 101 posts of one blog)
    (
        "1.11.0 - Kubernetes 1.17 and REST API for Allocation",
        "1.11.0-kubernetes-1.17-and-rest-api-for-allocation",
    ),
]


@pytest.mark.parametrize(("text", "path"), HUGO_PATHS)
def test_urlize_follows_hugos_paths(text, path):
    assert urlize(text) == path


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Raymond de Jong", "raymond-de-jong"),
        ("C++", "c++"),
        ("C#", "c#"),
        ("C++ / eBPF", "c++-ebpf"),  # Hugo makes a folder of "/": joined here
        ("TCP/IP", "tcp-ip"),
        (".NET", "net"),  # no hidden file
        ("../x", "x"),
        ("%41b", "41b"),
        ("日本", "日本"),
    ],
)
def test_page_names(text, slug):
    assert page_name(term_key(text)) == slug
    assert page_name(term_key("!!!")).startswith("term-")


def test_one_term_for_case_spaces_and_hyphens_two_for_other_marks():
    assert (
        term_key("Machine Learning")
        == term_key("machine-learning")
        == term_key("MACHINE  learning")
    )
    assert term_key("R&D") != term_key("RD")
    assert term_key("C++") != term_key("c")


def named(*names: str) -> dict[str, str]:
    terms = [Term(term_key(name), name) for name in names]
    clashes = name_pages(terms)
    assert {clash.term.name for clash in clashes} <= set(names)
    return {term.name: term.slug for term in terms}


def test_distinct_terms_keep_distinct_pages():
    slugs = named("C++", "C#", "C", ".NET", "NET", "R&D", "RD", "index", "Index2")
    assert len(set(slugs.values())) == len(slugs)
    # as Hugo names them where Hugo keeps them apart; the one that spells a name keeps it
    assert slugs["C++"] == "c++"
    assert slugs["C#"] == "c#"
    assert slugs["C"] == "c"
    assert slugs["NET"] == "net"
    assert slugs["RD"] == "rd"
    assert slugs["Index2"] == "index2"
    # the others get a stable suffix, the same whatever other terms come and go
    assert slugs[".NET"].startswith("net-")
    assert slugs["R&D"].startswith("rd-")
    assert slugs["index"].startswith("index-")  # the index of the folder is reserved
    assert named("R&D", "RD", "R/D")["R&D"] == slugs["R&D"]
    assert named("R&D")["R&D"] == "rd"


def test_a_long_name_is_shortened_stably():
    long = "x" * 300
    slug = page_name(term_key(long))
    assert len(slug.encode()) <= MAX_SEGMENT
    assert slug == page_name(term_key(long))
    assert slug != page_name(term_key(long + "y"))
