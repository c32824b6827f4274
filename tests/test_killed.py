"""A build killed at any point, then run again, gives what a fresh build gives."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import EPOCH, copy_root

#: a conf.py hook that SIGKILLs the build at the Nth emission of an event
KILL_HOOK = """

def setup(app):
    import os, signal
    at = os.environ.get("CALLPOSTS_KILL_AT")
    if not at:
        return
    event, _sep, count = at.partition(":")
    seen = []

    def kill(*args):
        seen.append(1)
        if len(seen) >= int(count or 1):
            os.kill(os.getpid(), signal.SIGKILL)

    app.connect(event, kill, priority=1)
"""
#: Sphinx's own, rebuilt from what it read, not from what it wrote
SPHINX_OWN = {"searchindex.js"}


def sphinx_build(srcdir: Path, outdir: Path, kill_at: str = "") -> int:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "CALLPOSTS_KILL_AT": kill_at}
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parents[1]), env.get("PYTHONPATH", "")])
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(srcdir), str(outdir)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode


def change_posts(srcdir: Path) -> None:
    """Retitle three posts, delete one, add one."""
    for name in ("2024-01-10-kickoff.md", "2024-03-07-release.md", "2023/2023-06-01-summer.md"):
        path = srcdir / "calls" / name
        text = path.read_text(encoding="utf8")
        path.write_text(
            re.sub(
                r"^title: .*$", f"title: Retitled {path.stem}", text, count=1, flags=re.MULTILINE
            ),
            encoding="utf8",
        )
    (srcdir / "calls/2023/2023-11-02-autumn.md").unlink()
    (srcdir / "calls/2024-04-01-added.md").write_text(
        "---\ntitle: Added call\ndate: 2024-04-01\ntags: [release]\n---\n\nA new call.\n",
        encoding="utf8",
    )


def outputs(outdir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.suffix in {".html", ".xml", ".ics"} and path.name not in SPHINX_OWN
    }


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("fresh")
    srcdir = copy_root("listing", root)
    change_posts(srcdir)
    assert sphinx_build(srcdir, root / "out") == 0
    return outputs(root / "out")


@pytest.mark.parametrize(
    "kill_at",
    [
        "source-read:3",  # while reading
        "html-page-context:4",  # while writing the pages
        "build-finished",  # the pages written, not yet the feeds and redirects
    ],
)
def test_a_killed_build_run_again_equals_a_fresh_one(tmp_path, fresh, kill_at):
    srcdir = copy_root("listing", tmp_path)
    with (srcdir / "conf.py").open("a", encoding="utf8") as conf:
        conf.write(KILL_HOOK)
    outdir = tmp_path / "out"
    assert sphinx_build(srcdir, outdir) == 0
    change_posts(srcdir)
    assert sphinx_build(srcdir, outdir, kill_at) == -signal.SIGKILL
    assert sphinx_build(srcdir, outdir) == 0
    again = outputs(outdir)
    # Sphinx leaves the page of a deleted source, in any incremental build
    assert set(again) - set(fresh) == {"calls/2023/2023-11-02-autumn.html"}
    assert [name for name in fresh if again[name] != fresh[name]] == []


def test_an_incremental_build_equals_a_fresh_one(tmp_path, fresh):
    srcdir = copy_root("listing", tmp_path)
    outdir = tmp_path / "out"
    assert sphinx_build(srcdir, outdir) == 0
    change_posts(srcdir)
    assert sphinx_build(srcdir, outdir) == 0
    again = outputs(outdir)
    assert set(again) - set(fresh) == {"calls/2023/2023-11-02-autumn.html"}
    assert [name for name in fresh if again[name] != fresh[name]] == []
