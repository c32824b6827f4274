"""The old Hugo site's URLs: permalinks, url and slug, section folders, site-absolute links."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from sphinx_callposts.core.permalinks import Page, expand, hugo_url, urlize

from .helpers import body, build, copy_root, page, warning_lines, warnings_of

PERMALINKS = {"blog": "/:section/:year/:month/:day/:slug/"}


@pytest.fixture(scope="module")
def html_app(tmp_path_factory):
    return build(copy_root("hugo-urls", tmp_path_factory.mktemp("urls-html")), freshenv=True)


@pytest.fixture(scope="module")
def dirhtml_app(tmp_path_factory):
    return build(
        copy_root("hugo-urls", tmp_path_factory.mktemp("urls-dirhtml")), "dirhtml", freshenv=True
    )


def refresh_target(app, path: str) -> str:
    """Where the redirect page at ``path`` sends the reader, as a file of the output."""
    soup = page(app, path)
    url = soup.find("meta", attrs={"http-equiv": "refresh"})["content"].split("url=", 1)[1]
    target = (app.outdir / path).parent / url
    target = target / "index.html" if url.endswith("/") else target
    return target.resolve().relative_to(app.outdir.resolve()).as_posix()


@pytest.mark.parametrize(
    ("old", "html", "dirhtml"),
    [
        # :slug from the slug
        ("blog/2022/10/06/release/", "blog/2022/release.html", "blog/2022/release/index.html"),
        # :slug from the title, as Hugo fills it
        (
            "blog/2022/11/01/a-post-without-a-slug/",
            "blog/2022/no-slug.html",
            "blog/2022/no-slug/index.html",
        ),
        # url: from the site's root, with or without a leading slash
        ("legacy/moved/", "blog/2022/moved.html", "blog/2022/moved/index.html"),
        ("older/moved/", "blog/2022/moved.html", "blog/2022/moved/index.html"),
    ],
)
def test_redirects_at_the_old_sites_urls(html_app, dirhtml_app, old, html, dirhtml):
    assert refresh_target(html_app, old + "index.html") == html
    assert refresh_target(dirhtml_app, old + "index.html") == dirhtml


def test_slug_no_longer_makes_a_folder_beside_the_post(html_app):
    assert not (html_app.outdir / "blog/2022/release/index.html").exists()
    assert not (html_app.outdir / "blog/2022/same").exists()


def test_repeated_slugs_warn_and_write_nothing(html_app):
    assert not (html_app.outdir / "blog/2022/12/01/same").exists()
    collisions = [
        (name, line) for name, line, kind in warnings_of(html_app) if kind == "callposts.permalink"
    ]
    # each post is told, at its slug
    assert sorted(collisions) == [("index.md", 4), ("other.md", 4)]


def test_a_section_page_answers_at_its_folder(html_app, dirhtml_app):
    assert refresh_target(html_app, "blog/2022/index.html") == "blog/2022/_index.html"
    # in dirhtml the folder is the section page's own URL
    assert page(dirhtml_app, "blog/2022/index.html").select_one("div.body h1").get_text() == (
        "2022¶"
    )
    assert not (dirhtml_app.outdir / "blog/2022/_index").exists()
    links = [a["href"] for a in page(dirhtml_app, "index.html").select("div.body a")]
    assert "blog/" in links
    assert not [link for link in links if "_index" in link]


def link_targets(app, path: str) -> dict[str, str]:
    return {a.get_text(): a["href"] for a in body(app, path).select("li a")}


def test_links_to_old_urls_go_to_the_pages_here(html_app, dirhtml_app):
    html = link_targets(html_app, "blog/2022/links")
    dirhtml = link_targets(dirhtml_app, "blog/2022/links/index.html")
    for text, html_href, dirhtml_href in [
        ("the release", "release.html", "../release/"),
        ("by its alias", "moved.html", "../moved/"),
        ("by its url", "moved.html", "../moved/"),
        ("the year", "_index.html", "../"),
        ("a page here", "no-slug.html", "../no-slug/"),
        # with the old site's domain (http or https, any case), as Goldmark posts write them
        ("the release, with the domain", "release.html", "../release/"),
        ("its alias, over http", "moved.html", "../moved/"),
    ]:
        assert (html[text], dirhtml[text]) == (html_href, dirhtml_href)
    # the old site's other pages, and other sites, keep their links
    assert html["the old site elsewhere"] == "https://old.example/docs/concepts/"
    assert html["another site"] == "https://example.com/blog/2022/10/06/release/"


def test_other_site_absolute_links_go_to_the_old_site(html_app):
    html = link_targets(html_app, "blog/2022/links")
    assert html["the concepts"] == "https://old.example/docs/concepts/"
    assert html["the calendar"] == "https://old.example/#calendar"
    assert html["the community"] == "https://old.example/community/"
    # a Markdown file of the old site's content that is not here: its Hugo URL there
    assert html["the adopters"] == "https://old.example/adopter/"
    # a ref to a page of the old site's that is not here
    assert html["the code of conduct"] == "https://old.example/community/code-of-conduct/"
    kinds = {kind for _name, _line, kind in warnings_of(html_app)}
    assert kinds == {"callposts.permalink"}  # the repeated slug, and nothing about links


def test_without_the_site_url_the_warning_says_what_to_set(tmp_path):
    app = build(copy_root("hugo-urls", tmp_path), confoverrides={"callposts_site_url": ""})
    links = [line for line in warning_lines(app) if "[callposts.link]" in line]
    assert len(links) == 3
    assert all("set callposts_site_url" in line for line in links)
    # a relative link to a file that is not here is only the old site's when there is one
    [missing] = [line for line in warning_lines(app) if "myst.xref_missing" in line]
    assert "adopter/_index.md" in missing
    html = link_targets(app, "blog/2022/links")
    assert html["the release"] == "release.html"  # old URLs still resolve
    assert "the concepts" not in html  # the text stays, without a link that leads nowhere
    assert "the concepts" in body(app, "blog/2022/links").get_text()


def test_links_to_old_urls_in_a_single_page_build(tmp_path):
    app = build(copy_root("hugo-urls", tmp_path), "singlehtml")
    html = {a.get_text(): a["href"] for a in page(app, "index.html").select("li a")}
    assert html["the release"] == "#document-blog/2022/release"
    assert html["the release, with the domain"] == "#document-blog/2022/release"
    assert html["the concepts"] == "https://old.example/docs/concepts/"


WHEN = datetime(2022, 10, 6, 9, 30, tzinfo=timezone.utc)  # a Thursday


@pytest.mark.parametrize(
    ("pattern", "page", "expected"),
    [
        (":year/:monthname/:day/:weekday/", Page("blog/x", date=WHEN), "/2022/october/06/4/"),
        ("/:section/:weekdayname/:yearday/", Page("blog/x", date=WHEN), "/blog/thursday/279/"),
        ("/:sections/:filename/", Page("blog/a/b/x", section="blog/a"), "/blog/a/x/"),
        ("/:sections[1:]/:filename/", Page("blog/a/b/x", section="blog/a"), "/a/x/"),
        ("/:sections[last]/:contentbasename/", Page("blog/a/y/index", section="blog/a"), "/a/y/"),
        ("/:slugorfilename/", Page("blog/x", slug="Nice Slug"), "/nice-slug/"),
        ("/:slugorfilename/", Page("blog/Big File"), "/big-file/"),
        ("/:title/", Page("blog/x", title="Community Call - Cilium"), "/community-call-cilium/"),
        ("/:year/:slug/", Page("blog/x"), ""),  # no date: no URL
    ],
)
def test_permalink_tokens(pattern, page, expected):
    assert expand(pattern, page) == expected


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (Page("blog/2022/x", title="T", date=WHEN), ("/blog/2022/10/06/t/", "permalinks")),
        (Page("blog/2022/x", slug="s", url="/u/v/", date=WHEN), ("/u/v/", "url")),
        (Page("notes/Some Post", slug=""), ("/notes/some-post/", "")),
        (Page("notes/x/index", slug="Short"), ("/notes/short/", "slug")),
        (Page("notes/x/index"), ("/notes/x/", "")),
        (Page("notes/2022/_index", is_section=True), ("/notes/2022/", "")),
        (Page("_index", is_section=True), ("/", "")),
    ],
)
def test_hugo_url(page, expected):
    assert hugo_url(page, PERMALINKS) == expected


def test_hugo_reads_the_newer_permalinks_form():
    nested = {"page": {"blog": "/:year/:slug/"}, "section": {"blog": "/sections/:sections/"}}
    assert hugo_url(Page("blog/x", title="T", date=WHEN), nested) == ("/2022/t/", "permalinks")
    section = Page("blog/a/_index", section="blog/a", is_section=True)
    assert hugo_url(section, nested) == ("/sections/blog/a/", "permalinks")


def test_urlize_as_hugo():
    assert urlize("Gardener v1.8.0 Released!") == "gardener-v1.8.0-released"
    assert urlize("Über  café") == "über-café"


@pytest.mark.parametrize(
    ("text", "path"),
    # Hugo's TestMakePathSanitizedDisablePathToLower (helpers/path_test.go)
    [
        ("  FOO bar  ", "FOO-bar"),
        ("Foo.Bar/fOO_bAr-Foo", "Foo.Bar/fOO_bAr-Foo"),
        ("FOO,bar:FooBar", "FOObarFooBar"),
        ("foo/BAR.HTML", "foo/BAR.HTML"),
        ("трям/трям", "трям/трям"),
        ("은행", "은행"),
    ],
)
def test_urlize_keeps_the_case_as_hugo_with_disable_path_to_lower(text, path):
    assert urlize(text, lower=False) == path


@pytest.mark.parametrize("disabled", [False, True])
def test_disable_path_to_lower_keeps_the_old_urls_case(tmp_path, disabled):
    srcdir = copy_root("hugo-urls", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text() + f"callposts_disable_path_to_lower = {disabled}\n", encoding="utf-8"
    )
    post = srcdir / "blog" / "2022" / "Mixed-Case.md"
    post.write_text("---\ntitle: Big News\ndate: 2022-10-07\n---\n\nText.\n", encoding="utf-8")
    app = build(srcdir)
    assert not [line for line in warning_lines(app) if "Mixed-Case" in line]
    # the permalink's :slug is the title, urlized as Hugo did
    old = (
        "blog/2022/10/07/Big-News/index.html" if disabled else "blog/2022/10/07/big-news/index.html"
    )
    assert refresh_target(app, old) == "blog/2022/Mixed-Case.html"
