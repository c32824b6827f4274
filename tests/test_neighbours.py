"""One previous/next: the theme's links and the extension's point to the same posts, and
the extension's are left out where the theme draws its own (issue 21, item 7)."""

from __future__ import annotations

import importlib.util

import pytest

from .helpers import build, copy_root, page, warning_lines

KICKOFF = "calls/2024-01-10-kickoff.html"
SUMMER = "calls/2023/2023-06-01-summer.html"


def ours(app, path: str) -> dict[str, str]:
    """The extension's links of a page: ``Newer``/``Older`` -> href."""
    nav = page(app, path).select_one(".callpost-nav")
    if nav is None:
        return {}
    return {p.get_text().partition(":")[0]: p.a["href"] for p in nav.select("p")}


def build_listing(tmp_path, **overrides):
    app = build(copy_root("listing", tmp_path), freshenv=True, confoverrides=overrides)
    assert [line for line in warning_lines(app) if "WARNING" in line] == []
    return app


@pytest.fixture(scope="module")
def furo(tmp_path_factory):
    if importlib.util.find_spec("furo") is None:
        pytest.skip("furo is not installed")
    return build_listing(tmp_path_factory.mktemp("furo"), html_theme="furo", html_sidebars={})


def furo_links(app, path: str) -> dict[str, str]:
    """Furo's "Next"/"Previous" at the foot of a page: ``next``/``prev`` -> href."""
    soup = page(app, path)
    return {
        kind: link["href"]
        for kind in ("next", "prev")
        if (link := soup.select_one(f".related-pages a.{kind}-page"))
    }


def test_furo_points_to_the_extensions_neighbours_and_ours_are_left_out(furo):
    # Sphinx's toctree would lead from the kickoff to the 2023 section page
    assert furo_links(furo, KICKOFF) == {
        "next": "2023/2023-11-02-autumn.html",
        "prev": "2024-03-07-release.html",
    }
    # the oldest post: nothing older, where Sphinx would go on to another page
    assert furo_links(furo, SUMMER) == {"prev": "2023-11-02-autumn.html"}
    assert ours(furo, KICKOFF) == {}
    head = page(furo, KICKOFF).head
    assert head.find("link", rel="next")["href"] == "2023/2023-11-02-autumn.html"


def test_furo_with_ours_on_shows_both_alike(tmp_path):
    if importlib.util.find_spec("furo") is None:
        pytest.skip("furo is not installed")
    app = build_listing(tmp_path, html_theme="furo", html_sidebars={}, callposts_neighbours=True)
    theirs = furo_links(app, KICKOFF)
    assert ours(app, KICKOFF) == {"Newer": theirs["prev"], "Older": theirs["next"]}


@pytest.mark.parametrize("theme", ["alabaster", "basic"])
def test_themes_that_name_no_neighbour_keep_ours_and_agree(theme, tmp_path):
    app = build_listing(tmp_path, html_theme=theme)
    assert ours(app, KICKOFF) == {
        "Newer": "2024-03-07-release.html",
        "Older": "2023/2023-11-02-autumn.html",
    }
    soup = page(app, KICKOFF)
    if theme == "alabaster":  # its "Related Topics" in the sidebar
        hrefs = [a["href"] for a in soup.select(".sphinxsidebar .relations a")]
        assert hrefs[-2:] == ["2024-03-07-release.html", "2023/2023-11-02-autumn.html"]
    else:  # the relation bar: "next | previous"
        keys = {"".join(a["accesskey"]): a["href"] for a in soup.select("div.related a[accesskey]")}
        assert (keys["N"], keys["P"]) == ("2023/2023-11-02-autumn.html", "2024-03-07-release.html")


def test_false_leaves_ours_out(tmp_path):
    app = build_listing(tmp_path, callposts_neighbours=False)
    assert ours(app, KICKOFF) == {}
    assert page(app, KICKOFF).head.find("link", rel="next")["href"] == (
        "2023/2023-11-02-autumn.html"
    )
