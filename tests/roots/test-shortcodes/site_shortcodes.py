"""A site's own shortcodes, as a project would write them."""

from __future__ import annotations

from sphinx_callposts.core.shortcodes import Shortcode, ShortcodeError


def youtube_80(shortcode: Shortcode) -> str:
    """``{{< youtube-80 ID >}}``: a recording at 80% of the page width."""
    video = shortcode.get("id", 0)
    if not video:
        raise ShortcodeError("youtube-80: no video id")
    return f"```{{youtube}} {video}\n:class: youtube-80\n```"


def mark(shortcode: Shortcode) -> str:
    """``{{< mark >}}text{{< /mark >}}``: highlighted text (a paired, inline shortcode)."""
    return f"**{shortcode.inner}**"
