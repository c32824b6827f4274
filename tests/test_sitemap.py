"""Beside sphinx-sitemap: posts carry their lastmod, redirect pages stay out."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from .helpers import build, copy_root, warning_lines

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "https://example.org/"


def sitemap(app) -> dict[str, str]:
    """``URL -> lastmod ("" for none)`` of every entry of ``sitemap.xml``."""
    root = ElementTree.parse(app.outdir / "sitemap.xml").getroot()
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", "", namespaces=NS)
        for url in root.findall("s:url", NS)
    }


def redirect_pages(app) -> set[str]:
    """The URL of every redirect page of the output."""
    found = set()
    for path in app.outdir.rglob("*.html"):
        if 'http-equiv="refresh"' in path.read_text("utf8"):
            relpath = path.relative_to(app.outdir).as_posix()
            found |= {SITE + relpath, SITE + relpath.removesuffix("index.html")}
    return found


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_posts_carry_their_lastmod_and_redirect_pages_stay_out(tmp_path, builder):
    srcdir = copy_root("hugo-urls", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text("utf8").replace(
            'extensions = ["sphinx_callposts"]',
            'extensions = ["sphinx_callposts", "sphinx_sitemap"]',
        )
        + 'sitemap_url_scheme = "{link}"\n',
        encoding="utf8",
    )
    moved = srcdir / "blog/2022/moved.md"
    moved.write_text(
        moved.read_text("utf8").replace(
            "date: 2022-09-01\n", "date: 2022-09-01\nlastmod: 2023-01-02T03:04:05+01:00\n"
        ),
        encoding="utf8",
    )
    app = build(srcdir, builder, freshenv=True)
    assert not [line for line in warning_lines(app) if "sitemap" in line]
    entries = sitemap(app)
    page = "{}/" if builder == "dirhtml" else "{}.html"
    # lastmod from front matter (in UTC), else the post's date, as Hugo's sitemap
    assert entries[SITE + page.format("blog/2022/moved")] == "2023-01-02T02:04:05Z"
    assert entries[SITE + page.format("blog/2022/release")] == "2022-10-06T00:00:00Z"
    # a section page at the URL it is served at
    section = SITE + ("blog/2022/" if builder == "dirhtml" else "blog/2022/_index.html")
    assert section in entries
    assert not [url for url in entries if "_index/" in url]
    # no redirect page: not the old URLs of posts, nor their aliases
    redirects = redirect_pages(app)
    assert SITE + "legacy/moved/" in redirects
    assert not redirects & set(entries)
