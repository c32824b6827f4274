"""What is read off a post's parsed body: its presenters and its summary."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from docutils import nodes

from ..core.post import SUMMARY_WORDS, Person, Post, safe_url
from ..core.presenters import Piece, presenters_from
from ..core.text import ends_in_cjk, has_html, html_text, is_cjk_language, word_ends
from ..core.values import parse_bool

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


def summary_of(doctree: nodes.Node, cjk: bool = False) -> str:
    """The text before ``<!--more-->``, else the first words (Hugo's summaryLength).

    Plain text of what the reader sees: paragraphs and HTML blocks of the body, raw
    HTML reduced to its text, without the header, asides, the build's own messages,
    and shortcodes that stayed text.

    :param cjk: count each CJK character as a word (Hugo's ``hasCJKLanguage``)
    """
    marked = any(MORE_MARK in node.astext() for node in doctree.findall(nodes.raw))
    texts: list[str] = []
    count = 0
    for node in doctree.findall(lambda n: isinstance(n, (nodes.paragraph, nodes.raw))):
        if isinstance(node, nodes.raw) and MORE_MARK in node.astext():
            break
        if _is_aside(node) or isinstance(node.parent, nodes.TextElement):
            continue  # a raw node inside a paragraph is read with its paragraph
        text = " ".join(SHORTCODE_TEXT.sub(" ", reader_text(node)).split())
        ends = word_ends(text, cjk) if not marked else []
        if count + len(ends) > SUMMARY_WORDS:
            kept = SUMMARY_WORDS - count
            texts.append(text[: ends[kept - 1]] if kept else "")
            cut = " ".join(filter(None, texts))
            return cut + ("…" if ends_in_cjk(cut) else " …")
        count += len(ends)
        texts.append(text)
    return " ".join(filter(None, texts))


def reader_text(node: nodes.Node) -> str:
    """The text a reader sees of a node: its raw HTML reduced to text, other raw output left out."""
    if not any(_is_html(raw) for raw in node.findall(nodes.raw)):
        return "" if isinstance(node, nodes.raw) else node.astext()
    # one piece of HTML, so that a tag and its content in different nodes are read together
    return html_text("".join(_as_html(text) for text in node.findall(_is_shown_text)))


def _is_html(node: nodes.Node) -> bool:
    return isinstance(node, nodes.raw) and "html" in node.get("format", "").split()


def _is_shown_text(node: nodes.Node) -> bool:
    """Whether a node is text, or raw HTML, that an HTML page shows (not LaTeX, say)."""
    parent = node.parent
    if isinstance(node, nodes.Text):
        return not isinstance(parent, nodes.raw)
    return _is_html(node)


def _as_html(node: nodes.Node) -> str:
    return node.astext() if isinstance(node, nodes.raw) else html.escape(node.astext())


def text_of_value(value: str) -> str:
    """A front-matter summary or description as a reader sees it.

    A value that holds HTML tags (``<a href="...">...</a>``) is read as HTML and shows
    its text, as the page's own HTML does; any other value is text as written, where
    ``<changes>`` is what the author meant to show.
    """
    return " ".join(html_text(value).split()) if has_html(value) else value


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
        summary=text_of_value(post.summary)
        if post.summary
        else summary_of(doctree, counts_cjk(post, config)),
        description=text_of_value(post.description),
    )


def counts_cjk(post: Post, config: Config) -> bool:
    """Whether a post's summary counts each CJK character as a word, as Hugo's ``hasCJKLanguage``.

    Front matter's ``isCJKLanguage`` decides; else ``callposts_cjk``, or the post's
    ``language`` (``lang``), else the project's, being Chinese, Japanese or Korean.
    """
    try:
        said = parse_bool(post.extra.get("iscjklanguage"))
    except ValueError:
        said = None
    if said is not None:
        return said
    language = post.extra.get("language") or post.extra.get("lang")
    if not isinstance(language, str):
        language = config.language or ""
    return bool(config.callposts_cjk) or is_cjk_language(language)
