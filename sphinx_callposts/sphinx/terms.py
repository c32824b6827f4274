"""Tags and names as links: each marked tag or name becomes a link to its page, where it has one.

The pages themselves are made in ``taxonomy.py``; headers and listings mark their tags
and names (:data:`.render.TERM`), and the HTML builders link them here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from ..core.selection import newest_first, visible
from ..core.taxonomy import people_of, tags_of
from .render import PEOPLE, TAGS, TERM
from .store import store_of
from .writer import HTML_BUILDERS

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from ..core.post import Post


def folder_of(builder: Builder, kind: str) -> str:
    """The folder of the tags or people pages (``""``: none for this builder)."""
    if builder.name not in HTML_BUILDERS:
        return ""
    value = (
        builder.config.callposts_tags_url if kind == TAGS else builder.config.callposts_people_url
    )
    return value.strip().strip("/")


def link_terms(builder: Builder, tree: nodes.Element, fromdocname: str) -> None:
    """Make every marked tag and name in ``tree`` a link to its page, where it has one.

    A term of hidden drafts alone has no page: it stays as it is.
    """
    pages = term_pages(builder)
    for node in [element for element in tree.findall(nodes.Element) if TERM in element]:
        kind, slug = node[TERM]
        folder = folder_of(builder, kind)
        if not folder or slug not in pages[kind]:
            continue
        target = f"{folder}/{slug}"
        if target == fromdocname:
            continue  # the page itself
        uri = builder.get_relative_uri(fromdocname, target)
        link = nodes.reference(
            "", "", *node.children, internal=True, refuri=uri, classes=node["classes"]
        )
        node.replace_self(link)


def term_pages(builder: Builder) -> dict[str, set[str]]:
    """``kind -> the slugs that have a page``, computed once per build and process."""
    store = store_of(builder.env)
    key = ("taxonomy", store.build_now, len(store.posts))
    cached = store.cache.get("taxonomy")
    if cached is None or cached[0] != key:
        posts = visible_posts(builder)
        cached = (key, {TAGS: set(tags_of(posts)), PEOPLE: set(people_of(posts))})
        store.cache["taxonomy"] = cached
    return cached[1]


def visible_posts(builder: Builder) -> list[Post]:
    """The posts that people and tags pages list, newest first.

    Newest first, so a term's name is the one its latest post gives, whatever the read order.
    """
    store = store_of(builder.env)
    drafts = builder.config.callposts_drafts
    return sorted(
        (post for post in store.posts.values() if visible(post, drafts, store.build_now)),
        key=newest_first,
    )
