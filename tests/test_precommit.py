"""The pre-commit hook, as migrating.md tells a project to use it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import make_site

CHECKOUT = Path(__file__).parents[1]


@pytest.fixture(autouse=True)
def _pre_commit() -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed here")


def git_repository(root: Path) -> Path:
    """A repository with community calls in its docs, the files staged as for a commit."""
    docs = make_site(root)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (docs / "community/calls/2024/april.md").write_text(
        "---\ntitle: April call\ndate: 2024-04-31\n---\n\n{{< slides >}}\n", encoding="utf-8"
    )
    return docs


def pre_commit(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home"),
        # the environment that builds the docs: the one running these tests
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def problem_lines(output: str) -> list[str]:
    """The problems and the summary line, without the count of pages checked: pre-commit
    splits the files between processes as the machine's cores allow."""
    problems = [line for line in output.splitlines() if "[callposts." in line]
    return problems + [
        line.split(" (")[0] for line in output.splitlines() if re.match(r"\d+ problems? in ", line)
    ]


EXPECTED = [
    (
        "docs/community/calls/2024/april.md:3: invalid 'date': '2024-04-31' is not a date "
        "Hugo understands (use YYYY-MM-DD) [callposts.date]"
    ),
    "1 problem in 1 post",
]


def test_the_snippet_in_migrating_md(tmp_path):
    if not Path(sys.executable).with_name("sphinx-callposts").exists():
        pytest.skip("sphinx-callposts is not installed as a package here")
    migrating = (CHECKOUT / "docs" / "migrating.md").read_text(encoding="utf-8")
    [config] = re.findall(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", migrating, re.DOTALL)
    root = tmp_path / "repo"
    git_repository(root)
    (root / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    result = pre_commit(root, "run", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert problem_lines(result.stdout) == EXPECTED


@pytest.mark.skipif(not (CHECKOUT / ".git").exists(), reason="not a git checkout")
def test_the_repositorys_own_hook_with_try_repo(tmp_path):
    root = tmp_path / "repo"
    git_repository(root)
    result = pre_commit(root, "try-repo", str(CHECKOUT), "callposts-check", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert problem_lines(result.stdout) == EXPECTED
