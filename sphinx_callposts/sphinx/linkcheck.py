"""Links that ``linkcheck`` cannot see on its own: every recording, every join link, and
the slides, notes and agenda of a post.

A recording is a node of ours, not a reference, and the join link and the post's other
links are added when the page is written; the ``linkcheck`` builder collects references before that. So, for
that builder only, a post-transform hands its collector one reference per link.

A YouTube watch page answers "200 OK" even for a deleted video: besides its watch
link, a recording is checked through YouTube's oEmbed endpoint, which answers "404" (deleted) or "401"
(private, or embedding turned off) for a video that readers cannot watch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..core.post import LINK_KEYS
from ..core.video import WATCH_URL
from .recordings import youtube_embed
from .store import store_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

OEMBED_URL = "https://www.youtube.com/oembed"


def recording_check_url(video_id: str) -> str:
    """The URL that tells whether a video can still be watched (and embedded)."""
    return f"{OEMBED_URL}?{urlencode({'format': 'json', 'url': WATCH_URL + video_id})}"


class CheckedLinks(SphinxPostTransform):
    """Give the link collector the recordings, the join link and the other links of a page."""

    builders = ("linkcheck",)
    # before RecordingLinks (151) makes each recording a plain link to its watch page,
    # which the collector (800) then checks as well
    default_priority = 140

    def run(self, **kwargs: Any) -> None:
        links = nodes.container(classes=["callposts-checked-links"])
        for embed in self.document.findall(youtube_embed):
            links += _reference(recording_check_url(embed["id"]), embed.source, embed.line)
        store = store_of(self.env)
        post = store.posts.get(self.env.docname)
        if post is not None and post.join:
            line = store.line_of(post.docname, "join", "meeting", "params")
            links += _reference(post.join, self.document.get("source"), line)
        for kind, keys in LINK_KEYS.items():
            if post is not None and (url := getattr(post, kind)):
                line = store.line_of(post.docname, *keys, "params")
                # the header's link, where it stands, is reported at the front matter's line
                shown = [
                    ref
                    for ref in self.document.findall(nodes.reference)
                    if ref.get("refuri") == url
                ]
                for reference in shown:
                    reference.source, reference.line = self.document.get("source"), line
                if not shown:
                    links += _reference(url, self.document.get("source"), line)
        if links.children:
            self.document += links


def _reference(url: str, source: str | None, line: int | None) -> nodes.reference:
    reference = nodes.reference("", url, refuri=url)
    reference.source, reference.line = source, line
    return reference


def setup_linkcheck(app: Sphinx) -> None:
    """Let ``linkcheck`` check recordings and join links."""
    app.add_post_transform(CheckedLinks)
