"""Posts as Hugo showed them (issue 22): titles, summaries, players, CJK, leaf bundles."""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import pytest

from sphinx_callposts.core.text import has_html, html_text

from .helpers import body, build, page, warnings_of

if TYPE_CHECKING:
    from pathlib import Path

ATOM = "{http://www.w3.org/2005/Atom}"
CONF = """\
extensions = ["sphinx_callposts"]
callposts_pattern = ["blog/**"]
show_warning_types = True
html_baseurl = "https://example.org/"
"""
INDEX = "# Home\n\n```{callposts}\n```\n\n```{toctree}\n:glob:\nblog/*\n```\n"


def site(tmp_path: Path, files: dict[str, str], conf: str = "") -> Path:
    """A project of ``files`` (path -> text) with a listing of ``blog/`` on its index."""
    srcdir = tmp_path / "src"
    for path, text in {"conf.py": CONF + conf, "index.md": INDEX, **files}.items():
        (srcdir / path).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / path).write_text(text, encoding="utf-8")
    return srcdir


def atom_entries(app) -> dict[str, dict[str, str]]:
    """``title -> {tag: text}`` of each entry of the site's Atom feed."""
    feed = ET.parse(app.outdir / "atom.xml").getroot()
    return {
        entry.findtext(f"{ATOM}title", ""): {
            child.tag.removeprefix(ATOM): child.text or "" for child in entry
        }
        for entry in feed.iter(f"{ATOM}entry")
    }


def listing_entries(app, path: str = "index") -> list[tuple[str, str]]:
    """``(title, summary)`` of each entry of the listing on a page."""
    return [
        (
            entry.select_one("a.callposts-title").get_text(),
            summary.get_text() if (summary := entry.select_one(".callposts-summary")) else "",
        )
        for entry in body(app, path).select("li.callposts-entry")
    ]


# Item 11: titles as written

TITLE = 'What\'s New -- in "2024"...'
#: ``It's "quoted" -- text.`` with Sphinx's smart quotes
CURLED = "It\u2019s \u201cquoted\u201d \u2013 text."


def test_front_matter_titles_are_shown_as_written(tmp_path):
    files = {
        "blog/_index.md": "---\ntitle: Editor's picks\n---\n\nIt's \"ours\".\n",
        "blog/new.md": (
            "---\ntitle: 'What''s New -- in \"2024\"...'\ndate: 2024-03-01\n---\n\n"
            'It\'s "quoted" -- text.\n'
        ),
    }
    files["index.md"] = INDEX.replace("blog/*", "blog/_index\nblog/new")
    app = build(site(tmp_path, files), freshenv=True)
    assert warnings_of(app) == []
    post = page(app, "blog/new")
    assert post.select_one("div.body h1").get_text().rstrip("¶") == TITLE
    assert post.title.get_text().startswith(f"{TITLE} —")
    # the body keeps the project's smart quotes
    assert CURLED in body(app, "blog/new").get_text()
    home = body(app, "index")
    assert [a.get_text() for a in home.select("div.toctree-wrapper a")] == [
        "Editor's picks",
        TITLE,
    ]
    assert listing_entries(app)[0][0] == TITLE
    assert TITLE in atom_entries(app)
    section = page(app, "blog/_index")
    assert section.select_one("div.sphinxsidebar a[title='next chapter']").get_text() == TITLE
    assert section.select_one("div.body h1").get_text().rstrip("¶") == "Editor's picks"
    assert "It\u2019s \u201cours\u201d." in section.select_one("div.body").get_text()


# Item 4: summaries are the text a reader sees

LINKED = (
    "Read the "
    '<a href="https://kubernetes.io/docs/tasks/configure-pod-container/security-context/">'
    "Kubernetes Security Contexts</a> page &amp; apply it.<br>Then <em>test</em> it."
)
SEEN = "Read the Kubernetes Security Contexts page & apply it. Then test it."
SUMMARIES = {
    "blog/body.md": f"---\ntitle: Body\ndate: 2024-03-03\n---\n\n{LINKED}\n",
    "blog/block.md": (
        "---\ntitle: Block\ndate: 2024-03-02\n---\n\n"
        '<div class="intro">\n<p>An <b>HTML</b> block.</p>\n<script>var x = 1;</script>\n</div>\n\n'
        "Then Markdown.\n"
    ),
    "blog/front.md": (
        f"---\ntitle: Front\ndate: 2024-03-01\nsummary: '{LINKED}'\n"
        "description: 'For <i>search</i> engines.'\n---\n\nBody.\n"
    ),
    "blog/written.md": (
        "---\ntitle: Written\ndate: 2024-02-01\nsummary: 'The new release & what <changes>.'\n"
        "---\n\nBody.\n"
    ),
}
EXPECTED_SUMMARIES = [
    ("Body", SEEN),
    ("Block", "An HTML block. Then Markdown."),
    ("Front", SEEN),
    ("Written", "The new release & what <changes>."),
]


def linked_data(soup) -> dict[str, dict]:
    """The JSON-LD of a page, by schema.org type."""
    [script] = soup.select('script[type="application/ld+json"]')
    return {item["@type"]: item for item in json.loads(script.string)["@graph"]}


@pytest.mark.parametrize("mode", ["keep", "escape"])
def test_summaries_are_the_text_a_reader_sees(tmp_path, mode):
    app = build(site(tmp_path, SUMMARIES, f"callposts_raw_html = {mode!r}\n"), freshenv=True)
    assert warnings_of(app) == []
    assert listing_entries(app) == EXPECTED_SUMMARIES
    entries = atom_entries(app)
    assert [(title, entries[title]["summary"]) for title, _ in EXPECTED_SUMMARIES] == (
        EXPECTED_SUMMARIES
    )
    for docname, description in [
        ("blog/body", SEEN),
        ("blog/front", "For search engines."),
        ("blog/written", "The new release & what <changes>."),
    ]:
        soup = page(app, docname)
        assert soup.select_one('meta[name="description"]')["content"] == description
        assert linked_data(soup)["BlogPosting"]["description"] == description
    # the page itself shows the HTML as its mode says
    shown = body(app, "blog/body")
    assert bool(shown.select("a[href^='https://kubernetes.io']")) == (mode == "keep")


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        (LINKED, SEEN),
        ('<a title="a > b" href="x">link</a>', "link"),
        ("a < b and <3", "a < b and <3"),
        ("<style>p { color: red }</style>shown<script>x()</SCRIPT >", "shown"),
        ("before<!-- a comment -->after", "beforeafter"),
        ("open <!-- never closed", "open "),
        ("<p>one</p><p>two</p>", " one  two "),
        ("<iframe src='x'>fallback</iframe>", ""),
    ],
)
def test_html_text(markup, text):
    assert html_text(markup) == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [("x <em>y</em>", True), ("what <changes>", False), ("with </script>", False), ("", False)],
)
def test_a_value_holds_html_when_it_opens_an_element(value, expected):
    assert has_html(value) is expected


@pytest.mark.parametrize("piece", ["<a ", '<a b="', "<!--", "<script>", "<a b='<", "<![CDATA["])
def test_html_text_is_linear(piece):
    # Python's HTMLParser takes 19 s over 20,000 "<a ": the reader of summaries must not
    started = time.perf_counter()
    html_text(piece * 50_000)
    has_html(piece * 50_000)
    assert time.perf_counter() - started < 2
