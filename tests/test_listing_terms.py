"""A listing shows at most ``callposts_listing_terms`` of a post's tags and people:
a post with N tags is listed on N tag pages, so all of them cost N * N (issue 20, item 7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .helpers import build, page, warning_lines, warnings_of

if TYPE_CHECKING:
    from pathlib import Path

CONF = """\
extensions = ["myst_parser", "sphinx_callposts"]
callposts_pattern = ["calls/**"]
show_warning_types = True
html_baseurl = "https://example.org/"
"""
INDEX = "# Home\n\n```{callposts}\n```\n\n```{toctree}\n:glob:\ncalls/*\n```\n"


def make_project(root: Path, posts: dict[str, str], conf: str = "") -> Path:
    """A project of the given posts (``name -> front matter lines``) under ``calls/``."""
    srcdir = root / "src"
    (srcdir / "calls").mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF + conf, encoding="utf8")
    (srcdir / "index.md").write_text(INDEX, encoding="utf8")
    for name, front in posts.items():
        write_post(srcdir, name, front)
    return srcdir


def write_post(srcdir: Path, name: str, front: str) -> None:
    (srcdir / "calls" / f"{name}.md").write_text(f"---\n{front}---\n\nText.\n", encoding="utf8")


def many_terms(root: Path, count: int, key: str = "tags", conf: str = "") -> Path:
    if key == "tags":
        front = "tags: [" + ", ".join(f"t{number}" for number in range(count)) + "]\n"
    else:
        front = "authors: [" + ", ".join(f"P{number}" for number in range(count)) + "]\n"
    return make_project(root, {"a": f"title: A\ndate: 2024-01-01\n{front}"}, conf)


def test_a_listing_shows_ten_tags_and_people_then_how_many_more(tmp_path):
    srcdir = make_project(
        tmp_path,
        {
            "a": "title: A\ndate: 2024-01-01\n"
            + "tags: [" + ", ".join(f"t{number}" for number in range(25)) + "]\n"
            + "authors: [" + ", ".join(f"P{number}" for number in range(12)) + "]\n"
        },
    )  # fmt: skip
    app = build(srcdir, freshenv=True)
    assert [line for line in warning_lines(app) if "callposts" in line] == []
    for path in ("tags/t24", "people/p3", "index"):
        entry = page(app, path).select_one("div.body .callposts-entry")
        assert [tag.get_text() for tag in entry.select(".callpost-tag")] == [
            f"t{number}" for number in range(10)
        ]
        assert [more.get_text() for more in entry.select(".callposts-more")] == [
            "and 2 more", "and 15 more",
        ]  # fmt: skip
        assert len(entry.select(".callpost-person")) == 10
    # the post's own page shows them all
    assert len(page(app, "calls/a").select(".callpost-header .callpost-tag")) == 25


def test_callposts_listing_terms(tmp_path):
    app = build(many_terms(tmp_path / "3", 5, conf="callposts_listing_terms = 3\n"), freshenv=True)
    entry = page(app, "tags/t0").select_one("div.body .callposts-entry")
    assert len(entry.select(".callpost-tag")) == 3
    assert entry.select_one(".callposts-more").get_text() == "and 2 more"
    # below 1: a located warning, and the default
    app = build(many_terms(tmp_path / "0", 12, conf="callposts_listing_terms = 0\n"), freshenv=True)
    assert ("conf.py", 5, "callposts.config") in warnings_of(app)
    entry = page(app, "tags/t0").select_one("div.body .callposts-entry")
    assert len(entry.select(".callpost-tag")) == 10


def links_written(app) -> int:
    """How many links the build wrote into its pages."""
    return sum(
        path.read_text(encoding="utf8").count("<a ")
        for path in app.outdir.rglob("*.html")
        if "_static" not in path.parts
    )


@pytest.mark.parametrize("key", ["tags", "authors"])
def test_doubling_a_posts_tags_or_people_at_most_doubles_the_links_written(tmp_path, key):
    # each of the N pages lists the post: with all its terms, N * N links
    small, large = (
        links_written(build(many_terms(tmp_path / str(count), count, key), freshenv=True))
        for count in (40, 80)
    )
    assert large <= 2 * small


def test_and_n_more_is_translated(tmp_path):
    app = build(many_terms(tmp_path, 12), freshenv=True, confoverrides={"language": "de"})
    entry = page(app, "tags/t0").select_one("div.body .callposts-entry")
    assert entry.select_one(".callposts-more").get_text() == "und 2 weitere"
