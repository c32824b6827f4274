"""Listing (work in progress: issue 4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_listing(app: Sphinx) -> None:
    """Register the listing feature."""
