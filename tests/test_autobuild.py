"""sphinx-autobuild's path: each change reruns ``python -m sphinx build SRC OUT`` on the
same output and doctrees, and the listing shows the change."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from bs4 import BeautifulSoup

from .helpers import EPOCH, copy_root


def autobuild_once(srcdir: Path, outdir: Path) -> str:
    """One rebuild, as sphinx-autobuild runs it; its log."""
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "build", str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )
    assert result.returncode == 0, result.stderr
    assert "callposts" not in result.stderr, result.stderr
    return result.stdout


def written(log: str) -> set[str]:
    """The pages a build's log says it wrote."""
    return set(re.findall(r"^writing output\.\.\. \[ *\d+%\] (\S+)$", log, re.MULTILINE))


def edit(path: Path, old: str, new: str) -> None:
    """Save a post as an editor does: a new text, a later time."""
    text = path.read_text("utf8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf8")
    later = time.time() + 5
    os.utime(path, (later, later))


def listing_entry(outdir: Path, title: str):
    soup = BeautifulSoup((outdir / "calls/_index.html").read_text("utf8"), "html.parser")
    [entry] = [entry for entry in soup.select(".callposts-entry") if title in entry.get_text()]
    return entry


def test_an_edit_under_autobuild_rebuilds_the_listing(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    outdir = tmp_path / "_build"
    autobuild_once(srcdir, outdir)
    assert "Nov" in listing_entry(outdir, "Autumn call").select_one("time").get_text()

    # a post's body: its summary in the listing
    edit(srcdir / "calls/2024-01-10-kickoff.md", "We met and planned", "We met online and planned")
    log = autobuild_once(srcdir, outdir)
    assert "0 added, 1 changed, 0 removed" in log  # read again: only the edited post
    assert "calls/_index" in written(log)
    assert "We met online and planned" in listing_entry(outdir, "Kickoff").get_text()

    # a post's date: the listing moves it and shows the new date
    edit(srcdir / "calls/2023/2023-11-02-autumn.md", "date: 2023-11-02", "date: 2024-04-15")
    assert "calls/_index" in written(autobuild_once(srcdir, outdir))
    entry = listing_entry(outdir, "Autumn call")
    assert entry.select_one("time")["datetime"] == "2024-04-15"
    soup = BeautifulSoup((outdir / "calls/_index.html").read_text("utf8"), "html.parser")
    titles = [item.get_text(" ", strip=True) for item in soup.select(".callposts-entry")]
    autumn = next(i for i, text in enumerate(titles) if "Autumn call" in text)
    release = next(i for i, text in enumerate(titles) if "Release 2.0" in text)
    assert autumn < release  # newest first: April 2024 before March 2024
