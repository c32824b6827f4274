"""Hugo's heading ids in posts and section pages, so that old ``#fragment`` links land.

Each heading's ``{#id .class}`` (Goldmark's attributes) leaves its text, the sidebar and
the table of contents, and gives the heading that id and those classes; every other
heading gets the id Hugo made of its text (``callposts_heading_ids``, Hugo's
``autoHeadingIDType``). The id becomes the heading's first one, the anchor of its
permalink and of the table of contents, and MyST resolves ``[skip ahead](#solution)``
to it, in the page and from other pages (``post.md#solution``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..core.anchors import HeadingIds, heading_attributes, typographer_text
from ..core.text import html_text
from .pages import front_matter_titles
from .rawhtml import is_html
from .store import store_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: where Goldmark's typographer cuts a run of text (quotes and dashes become nodes)
_TYPOGRAPHER_MARKS = ("'", '"', "--", "...", "<<", ">>")


class HugoHeadingIds(SphinxTransform):
    """Give each heading of a post or section page the id and classes Hugo gave it."""

    # before the bare URLs are linked (480), as Goldmark reads attributes off the line
    # first, and before MyST resolves in-page links (879)
    default_priority = 470

    def apply(self, **kwargs: object) -> None:
        if self.env.docname not in store_of(self.env).kinds:
            return
        sections = [
            section
            for section in self.document.findall(nodes.section)
            if len(section) and isinstance(section[0], nodes.title)
        ]
        style = self.config.callposts_heading_ids
        # a title from front matter is Hugo's template's heading, not the content's
        titles = front_matter_titles(self.document, self.env)
        body_sections = [section for section in sections if section[0] not in titles]
        wanted: dict[nodes.section, str | None] = {}
        for section in body_sections:
            title = section[0]
            assert isinstance(title, nodes.title)
            anchor, classes = _take_attributes(title)
            title["classes"].extend(classes)
            if anchor or style:
                wanted[section] = anchor
        if wanted:
            self._set_ids(sections, wanted, style or "github")

    def _set_ids(
        self, sections: list[nodes.section], wanted: dict[nodes.section, str | None], style: str
    ) -> None:
        """Make each wanted id its section's first, in the page's order, as Hugo does."""
        document = self.document
        # the ids docutils made of the headings' text give way, each page's own labels not
        old = {section: _own_ids(document, section) for section in sections}
        for section, ids in old.items():
            for anchor in ids:
                section["ids"].remove(anchor)
                if document.ids.get(anchor) is section:
                    del document.ids[anchor]
        given = HeadingIds(style, taken=set(document.ids))
        slugs = _heading_slugs(self.env, document)
        renamed: dict[str, str] = {}
        for section, explicit in wanted.items():
            title = section[0]
            assert isinstance(title, nodes.title)
            anchor = given.unique(explicit) if explicit else given.generate(_plain_text(title))
            section["ids"].insert(0, anchor)
            document.ids[anchor] = section
            slugs[anchor] = (section.line, anchor, title.astext())
            renamed.update(dict.fromkeys(old[section], anchor))
        for section, ids in old.items():
            if section in wanted:
                continue
            kept = [anchor for anchor in ids if anchor not in document.ids]
            for anchor in kept:
                document.ids[anchor] = section
            section["ids"][:0] = kept
            if not section["ids"]:
                document.set_id(section)
            renamed.update(dict.fromkeys(set(ids) - set(kept), section["ids"][0]))
        for name, anchor in document.nameids.items():
            if anchor in renamed:
                document.nameids[name] = renamed[anchor]
        for slug, (line, anchor, text) in list(slugs.items()):
            if anchor in renamed:
                slugs[slug] = (line, renamed[anchor], text)


def _take_attributes(title: nodes.title) -> tuple[str | None, tuple[str, ...]]:
    """Remove ``{#id .class}`` from the end of a heading: its id (None if none), classes."""
    last = title[-1] if len(title) else None
    if not isinstance(last, nodes.Text):
        return None, ()
    attributes = heading_attributes(str(last))
    if attributes is None:
        return None, ()
    if attributes.text:
        title.replace(last, nodes.Text(attributes.text))
    else:
        title.remove(last)
    return attributes.id or None, attributes.classes


def _own_ids(document: nodes.document, section: nodes.section) -> list[str]:
    """The ids of a section that no explicit label (``(name)=``) holds."""
    labelled = {
        document.nameids.get(name) for name in section["names"] if document.nametypes.get(name)
    }
    return [anchor for anchor in section["ids"] if anchor not in labelled]


def _heading_slugs(env: Any, document: nodes.document) -> dict[str, tuple[Any, str, str]]:
    """MyST's heading anchors of the page, which its in-page and cross-page links read."""
    slugs: dict[str, tuple[Any, str, str]] = getattr(document, "myst_slugs", None) or {}
    document.myst_slugs = slugs  # type: ignore[attr-defined]
    env.metadata[env.docname]["myst_slugs"] = slugs
    return slugs


def _plain_text(title: nodes.Element) -> str:
    """The text Hugo makes a heading's id of (its ``TextPlain``): the last line of the
    heading's text; of emphasis, a link or code inside it, only the first piece."""
    text = "".join(_plain_piece(child) for child in title.children)
    return text.rsplit("\n", 1)[-1]


def _plain_piece(node: nodes.Node, nested: bool = False) -> str:
    if isinstance(node, nodes.Text):
        text = str(node)
        if nested:  # a quote or dash ends the piece: Goldmark made it a node of its own
            cuts = [text.find(mark) for mark in _TYPOGRAPHER_MARKS if mark in text]
            return text[: min(cuts)] if cuts else text
        return typographer_text(text)
    if is_html(node):
        return html_text(node.astext()).strip()
    if isinstance(node, nodes.image):
        return str(node.get("alt", ""))
    if isinstance(node, nodes.literal):
        return node.astext()
    if isinstance(node, nodes.footnote_reference) or not isinstance(node, nodes.Element):
        return ""
    return _plain_piece(node[0], nested=True) if len(node) else ""


def setup_heading_ids(app: Sphinx) -> None:
    """Give the headings of posts and section pages Hugo's ids."""
    app.add_transform(HugoHeadingIds)
