"""Real Hugo posts: front matter after blank lines, titles beside body H1s, clean summaries."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from .helpers import body, build, copy_root, page, warnings_of

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return build(copy_root("hugo-titles", tmp_path_factory.mktemp("titles")), freshenv=True)


def headings(app, path: str) -> list[tuple[str, str]]:
    return [(h.name, h.get_text().rstrip("¶")) for h in body(app, path).select("h1, h2, h3, h4")]


@pytest.mark.parametrize(
    ("path", "title", "date"),
    [
        ("blog/2024/blank-lines", "After blank lines", "2024-03-01"),
        ("blog/2024/bom", "After a byte order mark", "2024-02-01"),
    ],
)
def test_front_matter_after_blank_lines_or_a_bom_is_read(app, path, title, date):
    main = body(app, path)
    assert headings(app, path) == [("h1", title)]
    assert main.select_one("time.callpost-date")["datetime"] == date
    assert "title:" not in main.get_text()


def test_front_matter_after_blank_lines_keeps_its_redirect(app):
    soup = page(app, "old/blank/index.html")
    assert soup.find("meta", attrs={"http-equiv": "refresh"})["content"].endswith(
        "blog/2024/blank-lines.html"
    )


def test_front_matter_title_stays_the_page_title_over_a_later_h1(app):
    path = "blog/2024/intro-then-h1"
    assert page(app, path).title.get_text().startswith("Kubernetes and Gardener —")
    assert headings(app, path) == [
        ("h1", "Kubernetes and Gardener"),
        ("h2", "Why does X need Y?"),
        ("h3", "In detail"),
    ]
    # the introduction stands under the title, before the first section
    assert "A few words of introduction." in body(app, path).select_one("section").get_text()


def test_a_first_h1_repeating_the_title_is_not_shown_twice(app):
    assert headings(app, "blog/2024/repeated-title") == [
        ("h1", "The Same Title"),
        ("h2", "A part"),
    ]


def test_navigation_shows_the_link_title_and_the_page_keeps_its_title(app):
    soup = page(app, "blog/2024/link-title")
    assert soup.title.get_text().startswith("A very long title that the navigation shortens —")
    assert headings(app, "blog/2024/link-title")[0] == (
        "h1",
        "A very long title that the navigation shortens",
    )
    sidebar = [
        a.get_text() for a in soup.select(".sphinxsidebar .toctree-wrapper a, .sphinxsidebar ul a")
    ]
    assert "Shortened" in sidebar
    assert "A very long title that the navigation shortens" not in sidebar
    # the neighbours' "next"/"previous" links use it too
    neighbour = page(app, "blog/2024/repeated-title")
    assert "Shortened" in [a.get_text() for a in neighbour.select(".sphinxsidebar a")]


def summaries(app) -> dict[str, str]:
    listing = body(app, "blog/_index")
    return {
        entry.select_one("a").get_text(): entry.select_one(".callposts-summary").get_text()
        for entry in listing.select(".callposts-entry")
        if entry.select_one(".callposts-summary")
    }


def test_summaries_are_the_text_a_reader_sees(app):
    # the page does show the build's message and the shortcode left as text
    assert warnings_of(app) == [
        ("messages.md", 10, "callposts.shortcode"),
        ("messages.md", 8, "myst.header"),
    ]
    listed = summaries(app)["Messages stay out of summaries"]
    assert listed == "The words a reader reads."
    root = ET.parse(app.outdir / "blog/atom.xml").getroot()
    feed = {
        entry.find(f"{ATOM}title").text: entry.find(f"{ATOM}summary").text
        for entry in root.iter(f"{ATOM}entry")
    }
    assert feed["Messages stay out of summaries"] == "The words a reader reads."
    for text in (listed, *feed.values()):
        assert "Non-consecutive" not in text
        assert "{{" not in text


def test_summary_keeps_the_text_around_a_later_h1(app):
    assert summaries(app)["Kubernetes and Gardener"] == (
        "Author: Jane Doe A few words of introduction. Because it does. Still the same answer."
    )


def test_a_page_without_front_matter_has_hugos_title_over_its_headings(tmp_path):
    """No front matter, so no line for the title's H1: the file's name is the title,
    above the body's own headings, and no toctree warns of a page without a title."""
    srcdir = tmp_path / "src"
    (srcdir / "blog" / "2024").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_callposts"]\ncallposts_pattern = ["blog/**"]\n'
        'show_warning_types = True\nhtml_baseurl = "https://example.org/"\n'
    )
    (srcdir / "index.md").write_text("# Home\n\n```{toctree}\nblog/_index\n```\n")
    (srcdir / "blog" / "_index.md").write_text("---\ntitle: Blog\n---\n")
    (srcdir / "blog" / "2024" / "_index.md").write_text("The year's page, as written.\n")
    (srcdir / "blog" / "2024" / "no-front.md").write_text(
        "Just text.\n\n## A part\n\nMore.\n\n### Deeper\n\nMost.\n"
    )
    app = build(srcdir, freshenv=True)
    assert sorted(warnings_of(app)) == [
        ("no-front.md", 1, "callposts.date"),
        ("no-front.md", 1, "callposts.title"),
    ]
    assert "toc.no_title" not in app.warning.getvalue()
    assert headings(app, "blog/2024/no-front") == [
        ("h1", "No front"),
        ("h2", "A part"),
        ("h3", "Deeper"),
    ]
    assert page(app, "blog/2024/no-front").title.text.startswith("No front")
    assert headings(app, "blog/2024/_index")[0] == ("h1", "2024")
    listed = [a.get_text() for a in body(app, "blog/2024/_index").select("a.callposts-title")]
    assert listed == ["No front"]


def test_a_post_titled_by_its_h1_alone_is_listed_by_it(tmp_path):
    """No title in front matter (or no front matter), an H1 in the body: the page shows
    the H1, and so do the listing, the neighbours and the feed."""
    srcdir = tmp_path / "src"
    (srcdir / "blog").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_callposts"]\ncallposts_pattern = ["blog/**"]\n'
        'show_warning_types = True\nhtml_baseurl = "https://example.org/"\n'
    )
    (srcdir / "index.md").write_text("# Home\n\n```{toctree}\nblog/_index\n```\n")
    (srcdir / "blog" / "_index.md").write_text("---\ntitle: Blog\n---\n")
    (srcdir / "blog" / "bare.md").write_text("# The **bare** heading\n\nText.\n")
    (srcdir / "blog" / "dated.md").write_text(
        "---\ndate: 2021-02-01\n---\n# A [linked](https://example.org/) heading\n\nText.\n"
    )
    app = build(srcdir, freshenv=True)
    listed = [a.get_text() for a in body(app, "blog/_index").select("a.callposts-title")]
    assert sorted(listed) == ["A linked heading", "The bare heading"]
    feed = ET.parse(app.outdir / "blog" / "atom.xml")
    # the undated post has no entry
    assert [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")] == ["A linked heading"]
    neighbours = [a.get_text() for a in body(app, "blog/dated").select("a[href='bare.html']")]
    assert neighbours and all(text.strip() for text in neighbours)
