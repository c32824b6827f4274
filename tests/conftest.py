from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from .helpers import ROOTS

if TYPE_CHECKING:
    from collections.abc import Generator

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "gardener-blog"

#: ``CALLPOSTS_REQUIRE_ALL=1`` (set by ``.ci/run``): a test skipped for a missing tool or
#: corpus fails instead, so that a run with everything installed can show it checked all
REQUIRE_ALL = os.environ.get("CALLPOSTS_REQUIRE_ALL") == "1"

# Tests read Sphinx's log as text, in this process and in the builds they start: a CI
# that forces colour (FORCE_COLOR) must not put escape codes in it. NO_COLOR wins.
os.environ["NO_COLOR"] = "1"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator:
    report = yield
    if REQUIRE_ALL and report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped, but CALLPOSTS_REQUIRE_ALL=1 requires it: {reason}"
    return report


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """The testroots of ``@pytest.mark.sphinx(testroot=...)``: tests/roots/test-*."""
    return ROOTS


@pytest.fixture
def corpus_project(tmp_path: Path) -> Path:
    """A Sphinx project holding a copy of the Gardener blog under ``blog/``."""
    if not CORPUS.is_dir():
        pytest.skip("the Gardener corpus (../shared/corpus) is not here")
    srcdir = tmp_path / "src"
    shutil.copytree(CORPUS, srcdir / "blog")
    return srcdir
