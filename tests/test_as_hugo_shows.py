"""Posts as Hugo showed them (issue 22): titles, summaries, players, CJK, leaf bundles."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

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
