"""Bad front matter: a located, typed warning, and the rest of the site builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .helpers import build, page, warning_lines, warnings_of


@pytest.fixture
def built(app):
    app.build()
    return app


@pytest.mark.sphinx("html", testroot="badinput")
def test_every_problem_is_a_located_typed_warning(built):
    found = set(warnings_of(built))
    assert len(warnings_of(built)) == len(warning_lines(built)), (
        "a warning without file, line or type"
    )
    assert found == {
        ("broken-yaml.md", 3, "callposts.frontmatter"),
        ("python-tag.md", 2, "callposts.frontmatter"),
        ("bomb.md", 2, "callposts.frontmatter"),
        ("no-title.md", 1, "callposts.title"),
        ("wrong-types.md", 3, "callposts.date"),
        ("wrong-types.md", 4, "callposts.frontmatter"),
        ("wrong-types.md", 5, "callposts.people"),
        ("wrong-types.md", 6, "callposts.frontmatter"),
        ("hostile.md", 5, "callposts.url"),
        ("toml-broken.md", 2, "callposts.frontmatter"),
    }
    assert not Path("/tmp/callposts-pwned").exists()


@pytest.mark.sphinx("html", testroot="badinput")
def test_every_page_still_builds(built):
    for name in (
        "broken-yaml",
        "python-tag",
        "bomb",
        "no-title",
        "wrong-types",
        "hostile",
        "toml-broken",
    ):
        html = (built.outdir / "calls" / f"{name}.html").read_text(encoding="utf8")
        soup = BeautifulSoup(html, "html.parser")
        assert soup.select_one("div.body h1"), name
        assert soup.select_one("div.body p"), name
    bomb = BeautifulSoup(
        (built.outdir / "calls/bomb.html").read_text(encoding="utf8"), "html.parser"
    )
    assert bomb.select_one("div.body h1").get_text() == "Bomb¶"  # broken front matter: file name
    no_title = (built.outdir / "calls/no-title.html").read_text(encoding="utf8")
    assert "<h1>No title" in no_title


@pytest.mark.sphinx("html", testroot="badinput")
def test_hostile_values_are_escaped(built):
    html = (built.outdir / "calls/hostile.html").read_text(encoding="utf8")
    main = BeautifulSoup(html, "html.parser").select_one("div.body")
    assert main.select("script") == []
    assert main.select("b") == [] and main.select("i") == []
    for tag in main.find_all(True):
        assert not any(attr.startswith("on") for attr in tag.attrs), tag
        for attr in ("href", "src"):
            assert not tag.get(attr, "").lower().startswith("javascript:"), tag
    # shown as text, exactly as written (no smart quotes in a title), never as markup
    assert (
        '<script>alert("title")</script><img src=x onerror=alert(1)>'
        in main.select_one("h1").get_text()
    )
    assert main.select_one(".callpost-subtitle").get_text() == "<b onmouseover=alert(2)>sub</b>"
    people = [p.get_text() for p in main.select(".callpost-authors .callpost-person")]
    assert people == ["<script>alert('name')</script>", "Click", 'Quote" onload="alert(4)']
    # the avatar with a quote in its URL is refused, not half-quoted into the tag
    assert main.select(".callpost-authors img") == []
    assert [t.get_text() for t in main.select(".callpost-tag")] == ["<i>tag</i>", "*not emphasis*"]


@pytest.mark.sphinx("html", testroot="badinput", confoverrides={"suppress_warnings": ["callposts"]})
def test_suppress_warnings_silences_them(app):
    app.build(force_all=True)
    assert app.warning.getvalue() == ""


def test_unclosed_front_matter_is_one_located_warning(tmp_path):
    srcdir = tmp_path / "src"
    (srcdir / "calls" / "2024").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_callposts"]\ncallposts_pattern = ["calls/**"]\n'
        'html_baseurl = "https://example.org/"\nshow_warning_types = True\n',
        encoding="utf8",
    )
    (srcdir / "index.md").write_text("# Home\n\n```{toctree}\ncalls/_index\n```\n", "utf8")
    (srcdir / "calls" / "_index.md").write_text("---\ntitle: Calls\n---\n", "utf8")
    # a section page and a post whose closing '---' was forgotten
    (srcdir / "calls" / "2024" / "_index.md").write_text("---\ntitle: 2024\n\n", "utf8")
    (srcdir / "calls" / "2024" / "forgot-the-fence.md").write_text(
        "---\ntitle: A call\ndate: 2024-03-01\n\nWhat we talked about.\n\n# Presenters\n\nBob\n",
        "utf8",
    )
    for number in range(1, 4):
        (srcdir / "calls" / "2024" / f"call-{number}.md").write_text(
            f"---\ntitle: Call {number}\ndate: 2024-0{number}-02\n---\n\nText.\n", "utf8"
        )
    app = build(srcdir)
    unclosed = "WARNING: front matter opened with '---' is never closed [callposts.frontmatter]"
    assert warning_lines(app) == [  # in reading order: the posts first
        f"{srcdir / 'calls/2024/forgot-the-fence.md'}:1: {unclosed}",
        f"{srcdir / 'calls/2024/_index.md'}:1: {unclosed}",
    ]
    titles = {
        name: page(app, f"calls/2024/{name}").select_one("div.body h1").get_text()
        for name in ("_index", "forgot-the-fence")
    }
    assert titles == {"_index": "2024¶", "forgot-the-fence": "Forgot the fence¶"}
    assert "What we talked about" not in (
        app.outdir / "calls/2024/forgot-the-fence.html"
    ).read_text(encoding="utf8")
