"""EPUB packs its output folder: with the doctrees inside it, nothing of the extension's."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

from .helpers import copy_root


def test_epub_with_the_doctrees_in_the_output_folder(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    outdir = tmp_path / "out"
    # as `sphinx-build -b epub SRC OUT` lays it out: the doctrees in OUT/.doctrees
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "epub", "-q", str(srcdir), str(outdir)],
        capture_output=True, text=True, check=False,
        env={"NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1767225600", "PATH": ""},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    # Sphinx warns about its own doctrees there (environment.pickle, *.doctree), never
    # about a file of the extension's
    assert not [line for line in warnings if "callposts" in line], warnings
    assert all(re.search(r"unknown mimetype for \.doctrees/", line) for line in warnings), warnings
    assert not list((outdir / ".doctrees").glob("callposts-*"))
    [epub] = outdir.glob("*.epub")
    assert not [name for name in zipfile.ZipFile(epub).namelist() if "callposts-pending" in name]
