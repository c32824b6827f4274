"""Raw HTML in posts and section pages: YouTube iframes, and ``callposts_raw_html``.

A YouTube iframe in a page's raw HTML becomes the extension's player, so that the page
loads nothing from Google and the video counts as the post's recording.

By default (``"keep"``) the rest of a page's raw HTML passes as MyST passes it. A site
that takes posts from anyone can show it as text instead (``"escape"``); HTML
comments, which show nothing, are dropped.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TypeGuard

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..core.iframes import YouTubeIframe, is_closing_iframe, youtube_iframes
from .recordings import make_embed, split_around, video_link, youtube_embed
from .store import store_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_COMMENT = re.compile(r"\s*<!--(?:(?!-->).)*-->\s*", re.DOTALL)


def is_html(node: nodes.Node) -> TypeGuard[nodes.raw]:
    """Whether a node is raw HTML."""
    return isinstance(node, nodes.raw) and "html" in node.get("format", "").split()


class YouTubeIframes(SphinxTransform):
    """Make each YouTube iframe in the raw HTML of a post or section page a player."""

    # before YouTubeTransform (500), which names the players and counts the recordings
    default_priority = 490

    def apply(self, **kwargs: object) -> None:
        if self.env.docname not in store_of(self.env).kinds:
            return
        for raw in list(self.document.findall(nodes.raw)):
            if not is_html(raw) or raw.parent is None:  # None: a closing tag now removed
                continue
            if isinstance(raw.parent, nodes.TextElement):
                self._replace_inline(raw)
            else:
                self._replace_block(raw)

    def _replace_block(self, raw: nodes.raw) -> None:
        """Cut an HTML block around its YouTube iframes, each one now a player."""
        text, position = raw.astext(), 0
        parts: list[nodes.Element] = []
        for iframe in youtube_iframes(text):
            parts += _raw_part(raw, text[position : iframe.start])
            parts.append(self._player(raw, iframe, text.count("\n", 0, iframe.start)))
            position = iframe.end
        if parts:
            raw.replace_self([*parts, *_raw_part(raw, text[position:])])

    def _replace_inline(self, raw: nodes.raw) -> None:
        """An iframe's tag inside a paragraph: the paragraph is cut around the player."""
        iframe = next(youtube_iframes(raw.astext()), None)
        if iframe is None or raw.astext()[: iframe.start].strip():
            return
        paragraph = raw.parent
        following = paragraph.children[paragraph.index(raw) + 1 :][:1]
        if following and is_html(following[0]) and is_closing_iframe(following[0].astext()):
            paragraph.remove(following[0])
        if isinstance(paragraph, nodes.paragraph):
            paragraph.replace_self(split_around(paragraph, raw, self._player(raw, iframe)))
        else:  # in a link or emphasis: a link to the video, as the role gives there
            raw.replace_self(video_link(iframe.video, iframe.title))

    def _player(self, raw: nodes.raw, iframe: YouTubeIframe, lines: int = 0) -> youtube_embed:
        player = make_embed(iframe.video, iframe.title)
        player.source, player.line = raw.source, (raw.line or 0) + lines or None
        return player


def _raw_part(raw: nodes.raw, text: str) -> list[nodes.raw]:
    """A piece of an HTML block as raw HTML of its own; none when it is only white space."""
    if not text.strip():
        return []
    part = nodes.raw("", text, format="html")
    part.source, part.line = raw.source, raw.line
    return [part]


class EscapeRawHTML(SphinxTransform):
    """Replace the raw HTML of a post or section page by its text."""

    # after PostHeader (850), which reads the <!--more--> mark off the raw nodes
    default_priority = 860

    def apply(self, **kwargs: object) -> None:
        if self.config.callposts_raw_html != "escape":
            return
        if self.env.docname not in store_of(self.env).kinds:
            return
        for raw in list(self.document.findall(nodes.raw)):
            if not is_html(raw):
                continue
            text = raw.astext()
            if _COMMENT.fullmatch(text):
                raw.parent.remove(raw)
            elif isinstance(raw.parent, nodes.TextElement):
                raw.replace_self(nodes.Text(text))
            else:
                raw.replace_self(nodes.literal_block(text, text, classes=["callposts-raw-html"]))


def setup_raw_html(app: Sphinx) -> None:
    """Register the transforms that read YouTube iframes and escape raw HTML when asked to."""
    app.add_transform(YouTubeIframes)
    app.add_transform(EscapeRawHTML)
