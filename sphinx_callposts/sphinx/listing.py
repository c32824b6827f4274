"""The listing of the posts: the ``callposts`` directive and the section pages' own listing.

A listing is a placeholder node, like ``todolist`` in ``sphinx.ext.todo``: it is
replaced at ``doctree-resolved``, when every post is known, by the nodes of
:mod:`.listing_render`. Which posts it shows is the core's to say
(:mod:`..core.selection`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from ..core.bundles import SECTION
from ..core.listing_options import (
    DEFAULT_COLUMNS,
    listed_folder,
    listing_problems,
    parse_headers,
    subscribe_option,
)
from ..core.selection import ListingSpec
from ..directive_syntax import ListingSyntax
from .config import warn
from .doctree import append_to_body
from .listing_render import ListingRenderer, callposts_entry, visit_callposts_entry_html
from .pending import PAGES_TO_REWRITE
from .store import SPEC, section_folder, store_of, view_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class callposts_list(nodes.General, nodes.Element):  # noqa: N801
    """Where a listing goes; its ``callposts_spec`` attribute says what it shows."""


def listing_node(spec: ListingSpec) -> callposts_list:
    """A placeholder for a listing."""
    node = callposts_list()
    node[SPEC] = spec
    return node


class CallPostsDirective(ListingSyntax, SphinxDirective):
    """``{callposts}``: the posts, newest first, grouped by year."""

    def run(self) -> list[nodes.Node]:
        # the same checks as check's (core.listing_options.listing_problems)
        for problem in listing_problems(self.options, self.env.docname):
            warn(problem, self.get_location(), "listing")
        section = None
        if "section" in self.options:
            section = listed_folder(self.options["section"], self.env.docname)
            if section is None:
                return []
        tags = self.options.get("tags") or ""
        columns = self.options.get("columns", DEFAULT_COLUMNS)
        spec = ListingSpec(
            columns=columns,
            summary_words=self.options.get("summary-words"),
            title=self.options.get("title", "").strip(),
            since=self.options.get("from"),
            until=self.options.get("until"),
            recorded="recorded" in self.options,
            section=section,
            tags=tuple(tag.strip().lower() for tag in tags.split(",") if tag.strip()),
            limit=self.options.get("limit", 0),
            group_by=self.options.get("group-by", "year"),
            reverse="reverse" in self.options,
            style=self.options.get("style", "list"),
            line=self.lineno,
            headers=parse_headers(self.options.get("headers") or "", columns),
            title_strip=(self.options.get("title-strip") or "").strip(),
            subscribe=subscribe_option(self.options.get("subscribe")) is not False,
        )
        node = listing_node(spec)
        self.set_source_info(node)
        return [node]


class SectionListing(SphinxTransform):
    """Give a section page the listing of the posts below it, unless it has its own."""

    default_priority = 862  # after the post header (850), before doctree-read (880)

    def apply(self, **kwargs: object) -> None:
        docname = self.env.docname
        if store_of(self.env).kinds.get(docname) != SECTION:
            return
        if next(iter(self.document.findall(callposts_list)), None) is not None:
            return
        node = listing_node(ListingSpec(section=section_folder(docname), auto=True))
        node.source, node.line = self.document["source"], 1
        append_to_body(self.document, node)


def resolve_listings(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Replace each listing placeholder by the listing."""
    placeholders = list(doctree.findall(callposts_list))
    if not placeholders:
        return
    store = store_of(app.env)
    renderer = ListingRenderer(app.builder, fromdocname)
    posts = view_of(app.env).by_folder
    for node in placeholders:
        spec = node[SPEC]
        if not spec.auto and (why := posts.why_filtered_out(spec)):
            warn(why, node, "listing")
        node.replace_self(renderer.render(spec, posts.candidates(spec), store.build_now))


def outdated_listing_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages whose listings show a post that was added, removed or changed."""
    store = store_of(env)
    return sorted(store.pages_showing(store.changed_posts(app.config)) & env.found_docs)


def setup_listing(app: Sphinx) -> None:
    """Register the listing directive, the section listing and their resolution."""
    app.add_node(callposts_list)
    app.add_node(callposts_entry, html=(visit_callposts_entry_html, None))
    app.add_directive("callposts", CallPostsDirective)
    app.add_transform(SectionListing)
    app.connect("doctree-resolved", resolve_listings)
    app.connect(PAGES_TO_REWRITE, outdated_listing_pages)
