"""The tags and people indexes within reach: linked under every listing, and in the search.

Each listing ends with "All tags · All people", links to the two index pages. Sphinx
indexes the documents it writes; these pages are no documents
(:mod:`.taxonomy`), so each build feeds the search index every one of them: its title
and the names it lists (its posts' titles, or the index's tags and people). Sphinx
keeps only documents when it saves the index, so the builder's index is told to keep
these too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import new_document

from .taxonomy import TaxonomyPages
from .terms import index_links

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx


def add_listing_footers(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Put the links to the tags and people indexes under each listing of a page."""
    for listing in list(doctree.findall(nodes.container)):
        if "callposts-list" in listing["classes"]:
            footer = index_links(app.builder, fromdocname)
            listing.parent.insert(listing.parent.index(listing) + 1, footer)


def index_taxonomy_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: feed each tags and people page to the search index."""
    indexer = getattr(app.builder, "indexer", None)
    if indexer is None:
        return []
    pages = TaxonomyPages(app)
    fed = set()
    for page in pages.pages():
        if page.term is not None:
            words = [post.link_title for post in page.term.posts]
        else:
            words = [term.name for term in pages.terms.get(page.kind, {}).values()]
        indexer.feed(page.pagename, page.pagename, page.title, _document(page.title, words))
        fed.add(page.pagename)
    _keep_when_pruned(indexer, fed)
    return []


def _document(title: str, words: Iterable[str]) -> nodes.document:
    document = new_document("")
    section = nodes.section("", nodes.title("", title), ids=["callposts-term"])
    section += nodes.paragraph("", " · ".join(words))
    document += section
    return document


def _keep_when_pruned(indexer: Any, pagenames: set[str]) -> None:
    # Sphinx prunes the index to its documents before saving it (dump_search_index)
    prune = indexer.prune

    def prune_keeping_ours(docnames: Iterable[str]) -> None:
        prune({*docnames, *pagenames})

    indexer.prune = prune_keeping_ours


def setup_term_index(app: Sphinx) -> None:
    """Link the tags and people indexes from listings; feed their pages to the search index."""
    # after the listings are made (500), before their names and tags are linked (600)
    app.connect("doctree-resolved", add_listing_footers, priority=550)
    app.connect("html-collect-pages", index_taxonomy_pages)
