"""Docname globs: the core matches them as Sphinx does, without Sphinx."""

from __future__ import annotations

import pytest
from sphinx.util.matching import Matcher

from sphinx_callposts.core.bundles import glob_matcher

PATTERNS = [
    "community/calls/**",
    "**/calls/*",
    "blog/20?[0-9]/*",
    "blog/[!_]*",
    "blog/[^x]*",
    "blog/[]x]",
    "blog/[unclosed",
    "*.md",
    "**",
    "**/index",
]
NAMES = [
    "community/calls/2024/march",
    "community/calls",
    "community/calls/x",
    "a/calls/b",
    "calls/b",
    "blog/2024/x",
    "blog/2024/x/y",
    "blog/_index",
    "blog/index",
    "blog/^x",
    "blog/]",
    "blog/x",
    "blog/[unclosed",
    "README.md",
    "docs/README.md",
    "index",
    "a/b/index",
    "",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_same_docnames_match_as_in_sphinx(pattern):
    ours, sphinx = glob_matcher([pattern]), Matcher([pattern])
    assert [name for name in NAMES if ours(name)] == [name for name in NAMES if sphinx(name)]
