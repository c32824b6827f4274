"""What keeps a build linear in the number of posts gives the answers of the plain rules."""

from __future__ import annotations

import itertools

import pytest

from sphinx_callposts.core.post import Post
from sphinx_callposts.core.selection import ListingSpec, PostsByFolder

from .helpers import build, warning_lines

POSTS = [
    Post("blog/2024/a", "A", tags=("Release",)),
    Post("blog/2024/b", "B", categories=("Security",)),
    Post("blog/2024/bundle/index", "C", tags=("demo", "release")),
    Post("blog/2023/d", "D"),
    Post("blog2/e", "E", tags=("demo",)),
    Post("news/f", "F", categories=("release",)),
    Post("top", "G", tags=("security",)),
]
SECTIONS = [None, "", "blog", "blog/2024", "blog/2024/bundle", "blog/20", "blog2", "news/f", "none"]
TAGS = [(), ("release",), ("security",), ("demo", "security"), ("unknown",)]


@pytest.mark.parametrize(("section", "tags"), list(itertools.product(SECTIONS, TAGS)))
def test_posts_by_folder_selects_what_matches_selects(section, tags):
    spec = ListingSpec(section=section, tags=tags)
    index = PostsByFolder(POSTS)
    expected = [post for post in POSTS if spec.matches(post)]
    assert [post for post in index.candidates(spec) if spec.matches(post)] == expected
    assert index.shows_any(spec) == bool(expected)


def test_the_posts_are_read_before_the_pages_that_list_them(tmp_path):
    """Sphinx's purge of each page read walks the toctree entries read before it."""
    srcdir = tmp_path / "src"
    (srcdir / "posts").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_callposts"]\ncallposts_pattern = ["posts/**"]\n', encoding="utf8"
    )
    (srcdir / "index.md").write_text(
        "# Calls\n\n```{toctree}\n:glob:\n\nabout\nposts/*\n```\n", encoding="utf8"
    )
    (srcdir / "about.md").write_text("# About\n", encoding="utf8")
    for day in (3, 1, 2):
        (srcdir / "posts" / f"call-{day}.md").write_text(
            f"---\ntitle: Call {day}\ndate: 2024-03-0{day}\n---\n\nNotes.\n", encoding="utf8"
        )
    # each page read, with the number of toctree entries Sphinx's purge walks before it
    read: list[tuple[str, int]] = []
    app = build(
        srcdir,
        events={
            "source-read": lambda app, docname, source: read.append(
                (docname, len(app.env.files_to_rebuild))
            )
        },
    )
    assert read == [
        ("posts/call-1", 0),
        ("posts/call-2", 0),
        ("posts/call-3", 0),
        ("about", 0),
        ("index", 0),
    ]
    assert warning_lines(app) == []


def test_each_front_matter_is_parsed_once_a_build(tmp_path, monkeypatch):
    """The navigation's scan reads every changed page's front matter before reading
    starts; the reading of the page takes that parse rather than making its own."""
    from sphinx_callposts.core import post as post_module

    parsed: list[str] = []
    real = post_module.read_front_matter

    def counted(text):
        parsed.append(text.split("\n", 2)[1])
        return real(text)

    monkeypatch.setattr(post_module, "read_front_matter", counted)
    srcdir = tmp_path / "src"
    (srcdir / "calls").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_callposts"]\ncallposts_pattern = ["calls/**"]\n'
        'html_baseurl = "https://example.org/"\n',
        encoding="utf-8",
    )
    (srcdir / "index.md").write_text("# Home\n\n```{toctree}\ncalls/_index\n```\n")
    (srcdir / "calls" / "_index.md").write_text("---\ntitle: Calls\n---\n")
    for number in range(3):
        (srcdir / "calls" / f"call{number}.md").write_text(
            f"---\ntitle: Call {number}\ndate: 2024-03-0{number + 1}\n---\n\nText.\n"
        )
    app = build(srcdir, builddir=tmp_path / "out")
    assert warning_lines(app) == []
    assert sorted(parsed) == ["title: Call 0", "title: Call 1", "title: Call 2", "title: Calls"]
    # the posts still have what their front matter says
    assert "Call 2" in (app.outdir / "calls" / "_index.html").read_text(encoding="utf-8")
    parsed.clear()
    edited = srcdir / "calls" / "call1.md"
    edited.write_text(edited.read_text().replace("Text.", "Edited."))
    build(srcdir, builddir=tmp_path / "out")
    assert parsed == ["title: Call 1"]
