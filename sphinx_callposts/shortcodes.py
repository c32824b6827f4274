"""Hugo shortcodes rewritten to MyST before parsing, line numbers kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_shortcodes(app: Sphinx) -> None:
    """Register the ``source-read`` rewriter (work in progress: issue 3)."""
