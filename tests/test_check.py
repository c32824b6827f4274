"""``python -m sphinx_callposts check``: the extension's own checks, before a build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import CORPUS, ROOTS


def run_check(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx_callposts", "check", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_problems_are_printed_with_file_and_line():
    calls = ROOTS / "test-badinput" / "calls"
    result = run_check(calls)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        f"{calls / 'broken-yaml.md'}:3: invalid YAML front matter: expected ',' or ']', but got '<stream end>' [callposts.frontmatter]"
        in lines
    )
    assert (
        f"{calls / 'wrong-types.md'}:4: 'tags' should be a list of strings, not int [callposts.frontmatter]"
        in lines
    )
    assert (
        f"{calls / 'no-title.md'}:1: the post has no 'title' in its front matter [callposts.title]"
        in lines
    )
    assert {line.split(":")[0] for line in lines} == {
        str(calls / name)
        for name in (
            "bomb.md",
            "broken-yaml.md",
            "hostile.md",
            "no-title.md",
            "python-tag.md",
            "toml-broken.md",
            "wrong-types.md",
        )
    }
    assert result.stderr.strip() == f"{len(lines)} problems found"


def test_good_posts_pass():
    result = run_check(ROOTS / "test-posts" / "blog", *[CORPUS] * CORPUS.is_dir())
    assert (result.returncode, result.stdout) == (0, "")


def test_usage():
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_callposts"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "usage" in result.stderr
