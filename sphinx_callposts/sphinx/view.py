"""The build view: what the writing of a build reads of its posts, made once they are read.

Listings, neighbours, tags and people pages, feeds, calendars, redirects and links all
read the same few things worked out from every post. They are made here once, when
the documents are read and merged (``env-updated``, in the main process, before a
parallel write forks), into one frozen :class:`BuildView` on the store. The collector
bumps the store's version whenever a post changes; a view of another version is out
of date, and reading it is an error rather than a stale answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.selection import PostsByFolder
from .calendar import find_calendar_posts, find_listing_calendar_paths
from .feed import find_feed_paths
from .links import find_site_paths
from .listing_pages import find_listing_prefixes
from .nav import neighbours
from .oldurls import find_old_urls, find_own_old_urls
from .store import store_of
from .term_feeds import find_term_feeds
from .terms import find_terms
from .writer import OutputState

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.oldurls import OldURL
    from ..core.post import Post
    from ..core.taxonomy import Clash, Term, TermKey


@dataclass(frozen=True)
class BuildView:
    """What every page of one build of one builder reads of the posts.

    :param version: the store's version it was made from
    :param by_folder: the posts below each folder, for listings
    :param neighbours: ``docname -> (newer, older)`` of each post
    :param terms: ``kind -> key -> Term`` of the tags and people that have a page
    :param clashes: ``kind -> the terms that did not get the page name they wanted``
    :param feed_paths: ``docname -> feed file`` of every page with a listing
    :param calendar_posts: ``docname -> the dated calls its listings show``, oldest first
    :param calendar_paths: ``docname -> calendar file`` of every listing page with calls
    :param old_urls: the old site's URLs of every published post and section page
    :param own_old_urls: ``docname -> the URL the old site served the page at``
    :param site_paths: ``site key -> docname`` of every page's path and old URL
    :param term_feeds: ``page name -> (feed path, kind, term)`` of each tags and people
        page with a feed
    :param output: what the writing settles as it goes: the one part that changes
    """

    version: int
    by_folder: PostsByFolder
    neighbours: dict[str, tuple[Post | None, Post | None]]
    terms: dict[str, dict[TermKey, Term]]
    clashes: dict[str, list[Clash]]
    feed_paths: Mapping[str, str]
    calendar_posts: Mapping[str, list[Post]]
    calendar_paths: Mapping[str, str]
    old_urls: tuple[OldURL, ...]
    own_old_urls: Mapping[str, str]
    site_paths: Mapping[str, str]
    term_feeds: Mapping[str, tuple[str, str, Term]]
    output: OutputState = field(default_factory=OutputState, compare=False)


def make_view(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: the view of the posts as read, for the rest of the build."""
    builder, config, store = app.builder, app.config, store_of(env)
    posts = store.posts.values()
    by_folder = PostsByFolder(posts)
    terms, clashes = find_terms(builder)
    prefixes = find_listing_prefixes(builder)
    feed_paths = find_feed_paths(prefixes)
    calendar_posts = find_calendar_posts(builder, prefixes, by_folder)
    old_urls = find_old_urls(env, config)
    store.view = BuildView(
        version=store.version,
        by_folder=by_folder,
        neighbours=neighbours(posts, store.kinds, config, store.build_now),
        terms=terms,
        clashes=clashes,
        feed_paths=feed_paths,
        calendar_posts=calendar_posts,
        calendar_paths=find_listing_calendar_paths(prefixes, calendar_posts),
        old_urls=old_urls,
        own_old_urls=find_own_old_urls(old_urls),
        site_paths=find_site_paths(env, old_urls),
        term_feeds=find_term_feeds(builder, terms),
    )


def setup_view(app: Sphinx) -> None:
    """Make the view once the documents are read, before the features ask for the pages
    to rewrite (``env-get-updated``)."""
    app.connect("env-updated", make_view, priority=100)
