"""The build view: made once after reading, of the posts as read, never stale."""

from __future__ import annotations

import pytest

from sphinx_callposts.sphinx.store import PostCollector, view_of

from .helpers import build, copy_root, page


def test_a_post_swapped_for_another_shows_in_listing_feed_and_neighbours(tmp_path):
    """As many posts as before, other ones: what the view holds is the new ones'."""
    srcdir = copy_root("listing", tmp_path)
    builddir = tmp_path / "build"
    build(srcdir, builddir=builddir, freshenv=True)
    (srcdir / "calls/2024-03-07-release.md").unlink()
    (srcdir / "calls/2024-03-08-swapped.md").write_text(
        "---\ntitle: Swapped call\ndate: 2024-03-08\n---\n\nIn its place.\n", encoding="utf8"
    )
    app = build(srcdir, builddir=builddir)
    store = app.env.callposts
    assert "calls/2024-03-07-release" not in store.posts
    titles = [a.get_text() for a in page(app, "calls/_index").select(".callposts-title")]
    assert "Swapped call" in titles
    assert not any("Release" in title for title in titles)
    feed = (app.outdir / "calls/atom.xml").read_text(encoding="utf8")
    assert "Swapped call" in feed
    assert "2024-03-07-release" not in feed
    newer, older = view_of(app.env).neighbours["calls/2024-03-08-swapped"]
    assert (newer, older) != (None, None)


def test_a_view_of_other_posts_is_not_read(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    app = build(srcdir, freshenv=True)
    store = app.env.callposts
    assert store.view is not None
    assert view_of(app.env) is store.view
    # a post changes after the view was made: reading it is an error, not a stale answer
    PostCollector().clear_doc(app, app.env, "calls/2024-01-10-kickoff")
    with pytest.raises(RuntimeError, match="build view"):
        view_of(app.env)


def test_the_view_is_not_pickled(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    app = build(srcdir, freshenv=True)
    store = app.env.callposts
    assert store.__getstate__()["view"] is None
    assert "cache" not in store.__getstate__()
