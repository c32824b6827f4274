"""EPUB packs its output folder: with the doctrees inside it, it builds under ``-W``."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from .helpers import copy_root


def test_epub_with_the_doctrees_in_the_output_folder(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    outdir = tmp_path / "out"
    # as `sphinx-build -W -b epub SRC OUT` lays it out: the doctrees in OUT/.doctrees
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-b", "epub", "-q", str(srcdir), str(outdir)],
        capture_output=True, text=True, check=False,
        env={"NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1767225600", "PATH": ""},
    )  # fmt: skip
    # Sphinx alone warns about each doctree there (epub.unknown_project_files)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert list((outdir / ".doctrees").glob("*.doctree"))
    assert not list((outdir / ".doctrees").glob("callposts-*"))
    [epub] = outdir.glob("*.epub")
    packed = zipfile.ZipFile(epub).namelist()
    assert not [name for name in packed if ".doctrees" in name or "callposts-pending" in name]
    assert [name for name in packed if name.endswith("calls/_index.xhtml")]


def test_the_projects_own_exclusions_stay(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    (srcdir / "conf.py").write_text(
        (srcdir / "conf.py").read_text("utf8") + 'epub_exclude_files = ["_static/plus.png"]\n',
        "utf8",
    )
    outdir = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-b", "epub", "-q", "-d", str(tmp_path / "dt"),
         str(srcdir), str(outdir)],
        capture_output=True, text=True, check=False,
        env={"NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1767225600", "PATH": ""},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    [epub] = outdir.glob("*.epub")
    packed = zipfile.ZipFile(epub).namelist()
    assert "_static/minus.png" in packed and "_static/plus.png" not in packed
