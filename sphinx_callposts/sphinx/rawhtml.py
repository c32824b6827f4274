"""``callposts_raw_html = "escape"``: raw HTML in posts and section pages shows as text.

By default (``"keep"``) raw HTML in a page's Markdown passes as MyST passes it. A site
that takes posts from anyone can show it as text instead; HTML comments, which show
nothing, are dropped.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .store import store_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_COMMENT = re.compile(r"\s*<!--(?:(?!-->).)*-->\s*", re.DOTALL)


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
            if "html" not in raw.get("format", "").split():
                continue
            text = raw.astext()
            if _COMMENT.fullmatch(text):
                raw.parent.remove(raw)
            elif isinstance(raw.parent, nodes.TextElement):
                raw.replace_self(nodes.Text(text))
            else:
                raw.replace_self(nodes.literal_block(text, text, classes=["callposts-raw-html"]))


def setup_raw_html(app: Sphinx) -> None:
    """Register the transform that escapes raw HTML when asked to."""
    app.add_transform(EscapeRawHTML)
