"""The Gardener blog, a real Hugo site copied unchanged, builds as Sphinx pages."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from io import StringIO
from pathlib import Path

import myst_parser
import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from .conftest import CORPUS
from .helpers import run_check, warnings_of

# what the posts themselves get wrong: an image that is not in the corpus and one
# post's own jump from H2 to H4; links to the rest of the old site go there
#: the corpus's own problems: three of its subtitles give another day than the post
CONTENT_WARNINGS = {"image.not_readable", "myst.header", "callposts.subtitle"}
if int(myst_parser.__version__.split(".")[0]) < 5:
    # MyST-Parser 4 does not resolve a link to a heading of the page ("#control-plane")
    CONTENT_WARNINGS.add("myst.xref_missing")


@pytest.fixture(scope="module")
def corpus_app(tmp_path_factory):
    """One build of the corpus, shared by the tests of this module."""
    if not CORPUS.is_dir():
        pytest.skip("the Gardener corpus (../shared/corpus) is not here")
    srcdir = tmp_path_factory.mktemp("corpus") / "src"
    shutil.copytree(CORPUS, srcdir / "blog")
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_callposts"]\n'
        'callposts_pattern = ["blog/**"]\n'
        'html_baseurl = "https://gardener.example/"\n'
        'callposts_site_url = "https://gardener.cloud/"\n'
        "show_warning_types = True\n",
        encoding="utf8",
    )
    # the root names the blog's section page alone: the extension makes the tree below it
    (srcdir / "index.md").write_text(
        "# Gardener\n\n```{toctree}\nblog/index\n```\n", encoding="utf8"
    )
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, status=StringIO(), warning=StringIO())
    app.build()
    yield app
    app.cleanup()


def test_corpus_builds_with_only_content_warnings(corpus_app):
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", corpus_app.warning.getvalue()).splitlines()
    kinds = {match.group(1) for line in warnings if (match := re.search(r"\[([\w.]+)\]$", line))}
    assert len(kinds) >= 2, warnings  # the corpus's own problems are seen, with their types
    assert kinds <= CONTENT_WARNINGS, warnings
    others = [line for line in warnings if "callposts" in line or "[toc." in line]
    assert [line for line in others if "[callposts.subtitle]" not in line] == []
    assert len(others) == 3
    assert len(corpus_app.env.callposts.posts) == 80


def test_the_count_of_warnings_migrating_md_gives(corpus_app):
    """docs/migrating.md says how many warnings the Gardener blog gives, and of which kinds."""
    text = (Path(__file__).parents[1] / "docs" / "migrating.md").read_text(encoding="utf8")
    claim = re.search(
        r"its (\d+)\s+warnings \((\d+) headings that skip a level, (\d+) image the corpus lacks,"
        r"\s+(\d+) subtitles",
        text,
    )
    assert claim, "migrating.md no longer says how many warnings the Gardener blog gives"
    total, headings, images, subtitles = map(int, claim.groups())
    lines = re.sub(r"\x1b\[[0-9;]*m", "", corpus_app.warning.getvalue()).splitlines()
    kinds = [match[1] for line in lines if (match := re.search(r"\[([\w.]+)\]$", line))]
    kinds = [kind for kind in kinds if kind != "myst.xref_missing"]  # MyST-Parser 4 only
    counts = [kinds.count(kind) for kind in ("myst.header", "image.not_readable")]
    assert (len(kinds), *counts, kinds.count("callposts.subtitle")) == (
        total,
        headings,
        images,
        subtitles,
    )


def test_corpus_sections_make_a_navigation_tree(corpus_app):
    """The ``_index.md`` pages nest: every post in one section's toctree, newest first."""
    includes = corpus_app.env.toctree_includes
    # the blog's root: years, newest first (2026 has no _index.md: its months come up)
    assert includes["blog/index"][:3] == [
        "blog/2026/02/_index",
        "blog/2026/01/_index",
        "blog/2025/_index",
    ]
    assert includes["blog/2025/_index"][0] == "blog/2025/11/_index"
    assert all(name.endswith("_index") for name in includes["blog/index"])
    posts = corpus_app.env.callposts.posts
    listed = [name for children in includes.values() for name in children if name in posts]
    assert sorted(listed) == sorted(posts)
    # the blog's page lists every post
    html = (corpus_app.outdir / "blog/index.html").read_text(encoding="utf8")
    listing = BeautifulSoup(html, "html.parser").select_one(".callposts-list")
    assert len(listing.select(".callposts-entry")) == len(posts)


def test_corpus_community_call_page(corpus_app):
    html = corpus_app.outdir / "blog/2022/10/10.06-gardener-community-meeting-october.html"
    main = BeautifulSoup(html.read_text(encoding="utf8"), "html.parser").select_one("div.body")
    assert main.select_one("h1").get_text() == "Community Call - Cilium / Isovalent Presentation¶"
    assert main.select_one("time.callpost-date")["datetime"] == "2022-10-06"
    assert main.select_one(".callpost-authors img.callpost-avatar")["alt"] == ""
    presenter = main.select_one(".callpost-presenters a")
    assert (presenter.get_text(), presenter["href"]) == (
        "Raymond de Jong",
        "../../../people/raymond-de-jong.html",
    )
    person = corpus_app.outdir / "people/raymond-de-jong.html"
    soup = BeautifulSoup(person.read_text(encoding="utf8"), "html.parser")
    assert soup.select_one(".callposts-person-link a")["href"] == "https://github.com/raymonddejong"
    assert "nikolay.boshnakov@sap.com" not in str(main)


def test_corpus_unlinked_presenter_and_one_date_line(corpus_app):
    """ "led by [Jens Schneider](...) and Lothar Gesslein" gives both, in header and listing."""
    html = corpus_app.outdir / "blog/2022/06/06.17-gardener-community-meeting-june.html"
    main = BeautifulSoup(html.read_text(encoding="utf8"), "html.parser").select_one("div.body")
    header = main.select_one(".callpost-header")
    names = [p.get_text() for p in header.select(".callpost-presenters .callpost-person")]
    assert names == ["Jens Schneider", "Lothar Gesslein"]
    # newsSubtitle: June 17, 2022 restates the date: one date line
    assert header.get_text().count("June 17, 2022") == 1
    assert not header.select(".callpost-subtitle")
    listing = BeautifulSoup(
        (corpus_app.outdir / "blog/2022/_index.html").read_text(encoding="utf8"), "html.parser"
    )
    [entry] = [
        entry
        for entry in listing.select(".callposts-entry")
        if "Extension Development" in entry.get_text()
    ]
    assert "Jens Schneider, Lothar Gesslein" in entry.select_one(".callposts-people").get_text()
    # and in the feed: the author wrote the post up, the presenters are its contributors
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(corpus_app.outdir / "blog/2022/atom.xml").getroot()
    [item] = [
        e
        for e in feed.iter(f"{atom}entry")
        if "Extension Development" in e.findtext(f"{atom}title")
    ]
    assert [a.findtext(f"{atom}name") for a in item.iter(f"{atom}author")] == ["Nikolay Boshnakov"]
    assert [c.findtext(f"{atom}name") for c in item.iter(f"{atom}contributor")] == [
        "Jens Schneider",
        "Lothar Gesslein",
    ]


def test_file_links_in_headings_do_not_crash_and_still_work(corpus_app):
    # plain Sphinx 9 + MyST crash here (sphinx-doc/sphinx#14514)
    html = (
        corpus_app.outdir
        / "blog/2025/06/06-30-getting-started-with-opentelemetry-on-gardener-shoot-cluster.html"
    )
    soup = BeautifulSoup(html.read_text(encoding="utf8"), "html.parser")
    link = soup.select_one("div.body h4 a.download")
    assert link.get_text() == "k8s-events"
    assert (html.parent / link["href"]).resolve().name == "k8s-events-otel.yaml"
    assert (html.parent / link["href"]).resolve().is_file()


def test_corpus_links_to_the_rest_of_the_old_site_go_there(corpus_app):
    """Its links to the site's other content (``../../adopter/_index.md``) go to gardener.cloud."""
    html = corpus_app.outdir / "blog/2021/02/02.01-happy-anniversary-gardener.html"
    soup = BeautifulSoup(html.read_text(encoding="utf8"), "html.parser")
    # the file path from the post: blog/adopter/_index.md, served at /blog/adopter/
    assert "https://gardener.cloud/blog/adopter/" in [a["href"] for a in soup.select("div.body a")]


def test_corpus_posts_answer_at_their_hugo_urls(corpus_app):
    """Each post's old path (``/blog/2022/10/NAME/``) redirects to its page."""
    old = corpus_app.outdir / "blog/2022/10/10.06-gardener-community-meeting-october/index.html"
    assert 'url=../10.06-gardener-community-meeting-october.html"' in old.read_text(encoding="utf8")


def test_the_build_and_check_give_the_same_subtitle_warnings(corpus_app):
    """Issue 21: a subtitle whose date is not the post's is the build's warning too."""
    built = {
        (name, line) for name, line, kind in warnings_of(corpus_app) if kind == "callposts.subtitle"
    }
    checked = {
        (match[1], int(match[2]))
        for line in run_check(CORPUS).stdout.splitlines()
        if (match := re.search(r"([^/\s]+\.md):(\d+): .*\[callposts\.subtitle\]$", line))
    }
    assert built == checked
    assert ("03.23-gardener-community-meeting-march.md", 4) in built
