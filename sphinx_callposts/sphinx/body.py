"""What is read off a post's parsed body: its presenters and its summary."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes

from ..core.post import SUMMARY_WORDS, Person, Post, safe_url
from ..core.presenters import Piece, presenters_from

if TYPE_CHECKING:
    from sphinx.config import Config


MORE_MARK = "<!--more-->"
#: a Hugo shortcode left as text (an unknown one), which a summary leaves out
SHORTCODE_TEXT = re.compile(r"\{\{[<%].*?[%>]\}\}", re.DOTALL)


def presenters_in(doctree: nodes.Node, heading: str) -> tuple[Person, ...]:
    """Every person named in the section titled ``heading`` ("Presenters"), linked or not."""
    wanted = heading.strip().lower()
    for section in doctree.findall(nodes.section):
        if section[0].astext().strip().lower() != wanted:
            continue
        paragraphs = [
            pieces_of(paragraph)
            for paragraph in section.findall(nodes.paragraph)
            if not _is_aside(paragraph)
        ]
        return presenters_from(paragraphs)
    return ()


def pieces_of(node: nodes.Element) -> list[Piece]:
    """A paragraph as text and ``(text, url)`` links; a link without a safe URL is text."""
    pieces: list[Piece] = []
    for child in node.children:
        if isinstance(child, nodes.reference):
            pieces.append((child.astext(), safe_url(child.get("refuri", ""))))
        elif isinstance(child, nodes.Element):
            pieces += pieces_of(child)
        else:
            pieces.append(child.astext())
    return pieces


def summary_of(doctree: nodes.Node) -> str:
    """The text before ``<!--more-->``, else the first words (Hugo's summaryLength).

    Plain text of what the reader sees: paragraphs of the body, without the header,
    asides, the build's own messages, and shortcodes that stayed text.
    """
    marked = any(MORE_MARK in node.astext() for node in doctree.findall(nodes.raw))
    words: list[str] = []
    for node in doctree.findall(lambda n: isinstance(n, (nodes.paragraph, nodes.raw))):
        if isinstance(node, nodes.raw):
            if MORE_MARK in node.astext():
                break
        elif not _is_aside(node):
            words += SHORTCODE_TEXT.sub(" ", node.astext()).split()
            if not marked and len(words) > SUMMARY_WORDS:
                return " ".join(words[:SUMMARY_WORDS]) + " …"
    return " ".join(words)


_NOT_TEXT = (nodes.Admonition, nodes.system_message, nodes.comment, nodes.raw, nodes.docinfo)


def _is_aside(node: nodes.Node) -> bool:
    """Whether a paragraph stands in the header, an aside or a message, not in the text."""
    parent = node.parent
    while parent is not None:
        if "callpost-header" in parent.get("classes", ()) or isinstance(parent, _NOT_TEXT):
            return True
        parent = parent.parent
    return False


def complete_post(post: Post, doctree: nodes.Node, config: Config) -> Post:
    """Fill in what front matter left out and the body tells: presenters, summary."""
    return post.with_page_data(
        presenters=post.presenters or presenters_in(doctree, config.callposts_presenters_heading),
        summary=post.summary or summary_of(doctree),
    )
