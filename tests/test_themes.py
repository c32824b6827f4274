"""The header, the listing and the embed in the themes users pick, in a real browser.

Layout facts, not pixels: the recording keeps 16:9 on a phone and on a desktop, none of
the extension's elements is wider than the page, and the poster has a name for screen
readers. Skipped where Chromium or a theme is not installed.
"""

from __future__ import annotations

import importlib.util

import pytest

from .browser import CHROMIUM, Browser
from .helpers import build, copy_root, warning_lines

THEMES = ["alabaster", "furo", "pydata_sphinx_theme", "sphinx_book_theme", "sphinx_rtd_theme"]
VIEWPORTS = {"phone": (360, 740), "desktop": (1280, 900)}

# every element of ours: how far it reaches, and whether its content spills out of it
MEASURE = """
(() => {
  const page = document.documentElement.clientWidth;
  const ours = [...document.querySelectorAll(
    '.callpost-header, .callposts-youtube, .callpost-nav, .callposts-list, .callposts-entry')];
  const poster = document.querySelector('.callposts-youtube-poster');
  const box = poster ? poster.getBoundingClientRect() : null;
  return {
    count: ours.length,
    overflowing: ours.filter(e => e.getBoundingClientRect().right > page + 1
                                  || e.scrollWidth > e.clientWidth + 1).map(e => e.className),
    ratio: box ? box.width / box.height : null,
  };
})()
"""
CLICK = """
(() => {
  document.querySelector('a.callposts-youtube-poster').click();
  const box = document.querySelector('.callposts-youtube iframe').getBoundingClientRect();
  return box.width / box.height;
})()
"""

pytestmark = pytest.mark.skipif(not CHROMIUM, reason="chromium is not installed")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    browser = Browser(tmp_path_factory.mktemp("profile"))
    yield browser
    browser.close()


@pytest.mark.parametrize("theme", THEMES)
def test_layout_in_theme(theme, browser, tmp_path):
    if importlib.util.find_spec(theme) is None:
        pytest.skip(f"{theme} is not installed")
    srcdir = copy_root("listing", tmp_path)
    # the previous/next links too, which "auto" leaves to the themes that draw their own
    overrides = {"html_theme": theme, "html_sidebars": {}, "callposts_neighbours": True}
    app = build(srcdir, confoverrides=overrides)
    assert warning_lines(app) == []
    post = (app.outdir / "calls/2024-03-07-release.html").as_uri()
    listing = (app.outdir / "calls/_index.html").as_uri()

    for name, (width, height) in VIEWPORTS.items():
        with browser.open(post, width=width, height=height) as tab:
            facts = tab.evaluate(MEASURE)
            assert facts["overflowing"] == [], (theme, name)
            assert facts["count"] >= 3, (theme, name)  # header, embed, previous/next
            assert facts["ratio"] == pytest.approx(16 / 9, rel=0.02), (theme, name)
            assert "Play video: Release 2.0 <walkthrough>" in tab.accessible_names("link")
            assert tab.evaluate(CLICK) == pytest.approx(16 / 9, rel=0.02), (theme, name)

        with browser.open(listing, width=width, height=height, dark=True) as tab:
            facts = tab.evaluate(MEASURE)
            assert facts["overflowing"] == [], (theme, name, "listing")
            assert facts["count"] >= 5, (theme, name, "listing")
