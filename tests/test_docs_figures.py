"""The figures the home page quotes are the ones the performance page measured."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"


def measured(variant: str) -> str:
    """The ratio docs/performance.md gives a variant in its side-by-side table."""
    text = (DOCS / "performance.md").read_text("utf8")
    row = re.search(rf"^\| {re.escape(variant)} \| \**(x[\d.]+)", text, re.MULTILINE)
    assert row, variant
    return row[1]


def test_the_home_page_quotes_the_measured_ratios():
    index = (DOCS / "index.md").read_text("utf8")
    [row] = [line for line in index.splitlines() if line.startswith("| a full build at 960")]
    ablog, ours = row.split("|")[3:5]
    assert ablog.strip() == measured("ABlog")
    assert f"{measured('sphinx-callposts, flat toctree')} flat" in ours
    assert f"{measured('sphinx-callposts, section pages')} with section pages" in ours
