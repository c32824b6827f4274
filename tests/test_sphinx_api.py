"""Sphinx used as it asks: no configuration churn, room for other extensions, any builder."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from .helpers import build, page, warning_lines

POST = """\
---
title: A call
date: 2024-05-02
---

{{< youtube 46nCdVA-rsc >}}
"""


@pytest.fixture
def project(tmp_path):
    """A small project: an index, a post with a shortcode, a page with a ``youtube`` directive."""
    srcdir = tmp_path / "src"
    (srcdir / "calls").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_callposts"]\ncallposts_pattern = ["calls/**"]\nhtml_baseurl = "https://example.org/"\n'
        'html_theme = "basic"  # what sphinx.testing sets: no change between builds\n'
    )
    (srcdir / "index.md").write_text("# Home\n\n```{toctree}\ncalls/_index\nvideo\n```\n")
    (srcdir / "calls" / "_index.md").write_text("---\ntitle: Calls\n---\n")
    (srcdir / "calls" / "a-call.md").write_text(POST)
    (srcdir / "video.md").write_text("# Video\n\n```{youtube} nV_JI8YWwY4\n```\n")
    return srcdir


def test_a_second_build_sees_no_configuration_change(project, tmp_path):
    build(project, builddir=tmp_path / "out")
    second = build(project, builddir=tmp_path / "out")
    status = second._status.getvalue()
    assert "html_static_path" not in status
    assert "config changed" not in status and "configuration has changed" not in status
    assert (second.outdir / "_static" / "callposts.css").is_file()
    assert (second.outdir / "_static" / "callposts.js").is_file()


@pytest.mark.parametrize("before", [True, False], ids=["loaded-before", "loaded-after"])
def test_sphinxcontrib_youtube_keeps_its_name(project, before):
    pytest.importorskip("sphinxcontrib.youtube")
    ours = ["myst_parser", "sphinx_callposts"]
    extensions = ["sphinxcontrib.youtube", *ours] if before else [*ours, "sphinxcontrib.youtube"]
    app = build(project, confoverrides={"extensions": extensions})
    assert warning_lines(app) == []
    # the shortcode is rewritten to the extension's own player
    embed = page(app, "calls/a-call").select_one("div.callposts-youtube")
    assert embed["data-youtube-id"] == "46nCdVA-rsc"
    # the youtube directive is sphinxcontrib-youtube's
    video = page(app, "video")
    assert video.select_one("div.callposts-youtube") is None
    assert "nV_JI8YWwY4" in video.select_one("iframe")["src"]


def test_without_another_extension_youtube_is_ours(project):
    app = build(project)
    assert warning_lines(app) == []
    embed = page(app, "video").select_one("div.callposts-youtube")
    assert embed["data-youtube-id"] == "nV_JI8YWwY4"


def test_a_builder_the_extension_does_not_know_gets_plain_nodes(project):
    app = build(project, "xml")
    assert warning_lines(app) == []
    xml = (app.outdir / "calls" / "a-call.xml").read_text(encoding="utf8")
    assert "youtube_embed" not in xml
    assert 'refuri="https://www.youtube.com/watch?v=46nCdVA-rsc"' in xml


def test_check_runs_without_sphinx(tmp_path):
    post = tmp_path / "post.md"
    post.write_text(POST)
    script = textwrap.dedent(f"""
        import runpy, sys
        sys.argv = ["sphinx_callposts", "check", {str(post)!r}]
        try:
            runpy.run_module("sphinx_callposts", run_name="__main__")
        except SystemExit:
            pass
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("sphinx", "docutils", "myst_parser"))
        print("LOADED", loaded)
    """)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert "LOADED []" in result.stdout, result.stdout + result.stderr


def test_a_build_without_calendars_does_not_load_icalendar(tmp_path):
    """``icalendar`` and its zone tables (5 MiB) are loaded for the first calendar only."""
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_callposts"]\ncallposts_pattern = ["calls/**"]\n'
    )
    (tmp_path / "index.md").write_text("# Home\n\n```{toctree}\n:glob:\ncalls/*\n```\n")
    (tmp_path / "calls").mkdir()
    (tmp_path / "calls" / "post.md").write_text(POST)
    script = textwrap.dedent(f"""
        import sys
        from sphinx.cmd.build import build_main
        code = build_main(["-q", "-b", "html", {str(tmp_path)!r}, {str(tmp_path / "_build")!r}])
        print("CODE", code, "ICALENDAR", "icalendar" in sys.modules)
    """)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert "CODE 0 ICALENDAR False" in result.stdout, result.stdout + result.stderr
    assert (tmp_path / "_build" / "calls" / "post.html").is_file()
