"""Posts in the environment: purged with their document, checked configuration."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture
def srcdir(rootdir, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-posts", src)
    return src


def test_a_deleted_post_leaves_the_environment(make_app, srcdir):
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "blog/2023/json-call" in app.env.callposts.posts
    (srcdir / "blog/2023/json-call.md").unlink()
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "blog/2023/json-call" not in app.env.callposts.posts
    assert "blog/2022/toml-call" in app.env.callposts.posts


def test_a_changed_pattern_rereads_the_pages(make_app, srcdir):
    make_app("html", srcdir=srcdir).build()
    app = make_app("html", srcdir=srcdir, confoverrides={"callposts_pattern": "blog/2023/*"})
    app.build()
    assert set(app.env.callposts.posts) == {"blog/2023/json-call", "blog/2023/header-here"}
    html = (app.outdir / "blog/2022/toml-call.html").read_text(encoding="utf8")
    assert "callpost-header" not in html


@pytest.mark.sphinx(
    "html", testroot="posts", confoverrides={"callposts_youtube": "autoplay-everything"}
)
def test_a_value_out_of_range_warns_and_falls_back(app):
    assert app.config.callposts_youtube == "facade"
    assert "callposts_youtube = 'autoplay-everything': not one of 'facade', 'iframe', 'link'" in (
        app.warning.getvalue()
    )
