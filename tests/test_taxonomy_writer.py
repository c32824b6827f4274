"""The tags and people pages go through the writer: recorded with their hashes, an
unchanged one left alone, a stale one removed only while it holds what was written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .helpers import EPOCH, build
from .test_killed import KILL_HOOK
from .test_listing_terms import make_project, write_post

TAGS = 'callposts_tags_url = "tags"\n'
#: a time long before any build, to see whether a build touched a file
PAST = 1_000_000_000


def sphinx_build(srcdir: Path, outdir: Path, kill_at: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "CALLPOSTS_KILL_AT": kill_at}
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parents[1]), env.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(srcdir), str(outdir)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_an_unchanged_page_is_not_written_again(tmp_path):
    srcdir = make_project(
        tmp_path,
        {
            "a": "title: A\ndate: 2024-01-01\ntags: [same]\n",
            "b": "title: B\ndate: 2024-02-01\ntags: [moved]\n",
        },
        conf=TAGS,
    )
    builddir = tmp_path / "build"
    app = build(srcdir, builddir=builddir, freshenv=True)
    same, moved = app.outdir / "tags/same.html", app.outdir / "tags/moved.html"
    for path in (same, moved):
        os.utime(path, (PAST, PAST))
    # a new summary: the entry of b changes, not the site's titles in every sidebar
    (srcdir / "calls/b.md").write_text(
        "---\ntitle: B\ndate: 2024-02-01\ntags: [moved]\n---\n\nNew words.\n", encoding="utf8"
    )
    build(srcdir, builddir=builddir)
    assert same.stat().st_mtime == PAST
    assert moved.stat().st_mtime != PAST
    assert "New words." in moved.read_text(encoding="utf8")


def test_a_stale_page_is_removed_only_while_it_holds_what_was_written(tmp_path):
    """Also after a build killed once Sphinx wrote the pages, before their hashes were kept."""
    srcdir = make_project(
        tmp_path,
        {
            "a": "title: A\ndate: 2024-01-01\ntags: [edited]\n",
            "b": "title: B\ndate: 2024-02-01\ntags: [untouched]\n",
        },
        conf=TAGS + KILL_HOOK,
    )
    outdir = tmp_path / "out"
    assert sphinx_build(srcdir, outdir).returncode == 0
    edited, untouched = outdir / "tags/edited.html", outdir / "tags/untouched.html"
    # the page of "edited" is written again, and the build killed before it is recorded
    (srcdir / "calls/a.md").write_text(
        "---\ntitle: A\ndate: 2024-01-01\ntags: [edited]\n---\n\nNew words.\n", encoding="utf8"
    )
    assert sphinx_build(srcdir, outdir, "build-finished").returncode != 0
    assert "New words." in edited.read_text(encoding="utf8")
    edited.write_text("<p>my own notes</p>", encoding="utf8")
    # both tags go
    write_post(srcdir, "a", "title: A\ndate: 2024-01-01\n")
    write_post(srcdir, "b", "title: B\ndate: 2024-02-01\n")
    result = sphinx_build(srcdir, outdir)
    assert result.returncode == 0, result.stderr
    assert not untouched.exists()
    assert edited.read_text(encoding="utf8") == "<p>my own notes</p>"
    [line] = [line for line in result.stderr.splitlines() if "callposts.taxonomy" in line]
    assert "tags/edited.html, a page an earlier build made, changed since it was written" in line
