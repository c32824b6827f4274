"""Bare URLs in posts and section pages become links, as Hugo's Markdown makes them.

Only the text of posts and section pages: code, literal blocks, math, links (Markdown's
and raw HTML's ``<a>``) and raw HTML keep their text; so does a title from front matter,
which Hugo never reads as Markdown. ``callposts_linkify = False`` turns it off, as
Hugo's ``markup.goldmark.extensions.linkify = false`` does.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from ..core.linkify import bare_links
from .pages import front_matter_titles
from .rawhtml import is_html
from .store import store_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: nodes whose text is never linked
_KEEP = (
    nodes.FixedTextElement,
    nodes.literal,
    nodes.reference,
    nodes.target,
    nodes.raw,
    nodes.math,
    nodes.comment,
    nodes.substitution_definition,
    addnodes.pending_xref,
    nodes.docinfo,
)
_OPENING_A = re.compile(r"\s*<a[\s>]", re.IGNORECASE)
_CLOSING_A = re.compile(r"\s*</a\s*>", re.IGNORECASE)


class LinkifyBareURLs(SphinxTransform):
    """Make each bare URL and e-mail address in a post or section page a link."""

    # before SphinxSmartQuotes (750) curls quotes in them, and before the header (850)
    default_priority = 480

    def apply(self, **kwargs: object) -> None:
        if not self.config.callposts_linkify:
            return
        if self.env.docname not in store_of(self.env).kinds:
            return
        self._linkify(self.document, front_matter_titles(self.document, self.env))

    def _linkify(self, element: nodes.Element, titles: list[nodes.title]) -> None:
        in_link = False  # between raw HTML's <a ...> and </a>
        for child in list(element.children):
            if isinstance(child, nodes.Text):
                if not in_link:
                    _link_text(child)
            elif is_html(child):
                text = child.astext()
                in_link = bool(_OPENING_A.match(text)) or (in_link and not _CLOSING_A.match(text))
            elif (
                isinstance(child, nodes.Element)
                and not isinstance(child, _KEEP)
                and child not in titles
            ):
                self._linkify(child, titles)


def _link_text(text: nodes.Text) -> None:
    """Replace a text node holding bare URLs by its text and links."""
    parts: list[nodes.Node] = []
    position = 0
    content = str(text)
    for link in bare_links(content):
        if link.start > position:
            parts.append(nodes.Text(content[position : link.start]))
        label = content[link.start : link.end]
        parts.append(nodes.reference(label, label, refuri=link.url))
        position = link.end
    if parts:
        if position < len(content):
            parts.append(nodes.Text(content[position:]))
        text.parent.replace(text, parts)


def setup_linkify(app: Sphinx) -> None:
    """Link the bare URLs of posts and section pages."""
    app.add_transform(LinkifyBareURLs)
