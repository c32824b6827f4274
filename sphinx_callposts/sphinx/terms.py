"""Tags and names as links: each marked tag or name becomes a link to its page, where it has one.

The pages themselves are made in ``taxonomy.py``; headers and listings mark their tags
and names (:data:`.render.TERM`, which holds the name as written), and the HTML
builders link them here. Which page a name has depends on every other term of the
build (two that want one page name, :func:`.core.taxonomy.name_pages`): the pages
that show a term whose page moved are rewritten (:func:`outdated_term_links`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation

from ..core.taxonomy import Clash, Term, TermKey, term_key
from ..core.taxonomy import term_pages as core_term_pages
from .render import PEOPLE, TAGS, TERM
from .store import store_of, view_of
from .writer import HTML_BUILDERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ..core.post import Post

_ = get_translation("sphinx_callposts")


def folder_of(builder: Builder, kind: str) -> str:
    """The folder of the tags or people pages (``""``: none for this builder)."""
    if builder.name not in HTML_BUILDERS:
        return ""
    value: str = (
        builder.config.callposts_tags_url if kind == TAGS else builder.config.callposts_people_url
    )
    return value.strip().strip("/")


def link_terms(builder: Builder, tree: nodes.Element, fromdocname: str) -> None:
    """Make every marked tag and name in ``tree`` a link to its page, where it has one.

    A term of hidden drafts alone has no page: it stays as it is.
    """
    pages = term_pages(builder)
    for node in [element for element in tree.findall(nodes.Element) if TERM in element]:
        kind, name = node[TERM]
        term = pages.get(kind, {}).get(term_key(name))
        if term is None:
            continue
        target = f"{folder_of(builder, kind)}/{term.slug}"
        if target == fromdocname:
            continue  # the page itself
        link = nodes.reference(
            "",
            "",
            *node.children,
            internal=True,
            refuri=page_uri(builder, fromdocname, target),
            classes=node["classes"],
        )
        node.replace_self(link)


def index_links(builder: Builder, fromdocname: str) -> list[nodes.Node]:
    """The links to the index of the tags and of the people: "All tags · All people".

    A listing's footer, and the foot of each tags or people page; a page does not link itself.
    """
    links: list[nodes.Node] = []
    for kind, label in ((TAGS, _("All tags")), (PEOPLE, _("All people"))):
        folder = folder_of(builder, kind)
        target = f"{folder}/index"
        if not folder or target == fromdocname:
            continue
        if links:
            links.append(nodes.Text(" · "))
        uri = page_uri(builder, fromdocname, target)
        links.append(
            nodes.reference("", label, internal=True, refuri=uri, classes=[f"callposts-all-{kind}"])
        )
    return [nodes.paragraph("", "", *links, classes=["callposts-index-links"])] if links else []


def page_uri(builder: Builder, fromdocname: str, pagename: str) -> str:
    """The link from a page to a tags or people page.

    Hugo keeps ``#`` in a page name (``c#``): in a link it is escaped, not a fragment.
    """
    return builder.get_relative_uri(fromdocname, pagename).replace("#", "%23")


def term_pages(builder: Builder) -> dict[str, dict[TermKey, Term]]:
    """``kind -> key -> Term`` of the terms that have a page, each with its page name.

    Computed once per build and process.
    """
    return _terms(builder)[0]


def clashes_of(builder: Builder) -> dict[str, list[Clash]]:
    """``kind -> the terms that did not get the page name they wanted``."""
    return _terms(builder)[1]


def _terms(builder: Builder) -> tuple[dict[str, dict[TermKey, Term]], dict[str, list[Clash]]]:
    view = view_of(builder.env)
    return view.terms, view.clashes


def find_terms(
    builder: Builder,
) -> tuple[dict[str, dict[TermKey, Term]], dict[str, list[Clash]]]:
    """:func:`term_pages` and :func:`clashes_of`, worked out (for :class:`.view.BuildView`)."""
    store = store_of(builder.env)
    kinds = [kind for kind in (TAGS, PEOPLE) if folder_of(builder, kind)]
    return core_term_pages(
        store.posts.values(), kinds, builder.config.callposts_drafts, store.build_now
    )


def page_names(builder: Builder) -> dict[str, dict[TermKey, str]]:
    """``kind -> key -> page name`` of the terms with a page."""
    return {
        kind: {key: term.slug for key, term in terms.items()}
        for kind, terms in term_pages(builder).items()
    }


def outdated_term_links(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages that show a term whose page came, went or moved since the last build.

    A term's page moves when another term comes to want its name; it comes and goes
    with its posts, and with time (a post expires). The posts that show the term
    (drafts too) link to it, and so may the listings that show those posts.
    """
    builder = app.builder
    store = store_of(env)
    now = page_names(builder)
    before = store.term_pages.get(builder.name)
    store.term_pages[builder.name] = now
    if before is None:
        return []
    changed = {
        (kind, key)
        for kind in now.keys() | before.keys()
        for key in now.get(kind, {}).keys() | before.get(kind, {}).keys()
        if now.get(kind, {}).get(key) != before.get(kind, {}).get(key)
    }
    if not changed:
        return []
    showing: dict[str, tuple[Post | None, Post | None]] = {
        post.docname: (post, post)
        for post in store.posts.values()
        if any(
            (TAGS, term_key(tag)) in changed for tag in post.tags
        ) or any(
            (PEOPLE, term_key(person.name)) in changed
            for person in (*post.authors, *post.presenters)
        )
    }  # fmt: skip
    return sorted(({*showing} | store.pages_showing(showing)) & env.found_docs)
