"""Handlers that misbehave."""

from __future__ import annotations

from sphinx_callposts.core.shortcodes import ShortcodeError


def broken(shortcode):
    raise RuntimeError("boom")


def not_text(shortcode):
    return 42


def refuses(shortcode):
    raise ShortcodeError(f"refuses: cannot do {shortcode.args!r}")
