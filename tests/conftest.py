from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .helpers import ROOTS

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "gardener-blog"


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
