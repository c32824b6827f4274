"""What the build knows about posts: one store on the environment, owned by the collector.

Every feature reads the store; only the reading of a page writes its entries. Posts
are keyed by docname. When a document is re-read or removed, its post of the
previous build is kept aside for the rest of the build, so that the listings and the
navigation can compare a post's fields before and after and rewrite only the pages
that show what changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.environment.collectors import EnvironmentCollector

from ..core.bundles import POST, classify
from ..core.frontmatter import first_key_line
from ..core.post import Post, now
from ..core.scan import no_date_message
from ..core.selection import (
    PostsByFolder,
    is_future,
    parse_call_rules,
    shown_posts,
    visible,
    with_call_rules,
)
from .config import warn

if TYPE_CHECKING:
    from collections.abc import Iterable
    from collections.abc import Set as AbstractSet
    from datetime import datetime

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from ..core.post import Parsed
    from ..core.scan import Scanned
    from ..core.selection import ListingSpec
    from .view import BuildView

#: the attribute of a listing placeholder node that holds its :class:`ListingSpec`
SPEC = "callposts_spec"
#: the fields of a post that no listing, feed entry or previous/next link shows
_NOT_LISTED = frozenset(
    {"aliases", "url", "slug", "extra", "subtitle", "publish_date", "description"}
)


@dataclass
class PostStore:
    """The posts, pages and listings of the build, kept in the environment's pickle.

    :param kinds: ``docname -> POST or SECTION`` for every page under ``callposts_pattern``
    :param posts: the post of each page read, completed as its reading goes on
    :param lines: ``docname -> front-matter key (lowercase) -> line``, for located warnings
    :param listings: the listings of each page that holds some
    :param scanned: the navigation's front-matter scan of every post and section page
    :param tree: ``section page -> its children`` in navigation order
    :param now: the "now" of the last build: taken once, so every page and process agrees
    :param term_pages: ``builder -> kind -> term key -> page name`` of the last build's
        tags and people pages, to rewrite the pages that link one that moved
    :param version: bumped whenever a post, a page's kind or the build's "now" changes:
        the :class:`.view.BuildView` made from another version is out of date
    :param reading: the documents this build reads (``env-before-read-docs``)
    :param view: what the writing of this build reads, made once the documents are read
    """

    kinds: dict[str, str] = field(default_factory=dict)
    posts: dict[str, Post] = field(default_factory=dict)
    lines: dict[str, dict[str, int]] = field(default_factory=dict)
    listings: dict[str, tuple[ListingSpec, ...]] = field(default_factory=dict)
    scanned: dict[str, Scanned] = field(default_factory=dict)
    tree: dict[str, tuple[str, ...]] = field(default_factory=dict)
    now: datetime | None = None
    term_pages: dict[str, dict[str, dict[tuple[str, str], str]]] = field(default_factory=dict)
    # what this build changed, reset when it starts
    previous_now: datetime | None = None
    before: dict[str, Post | None] = field(default_factory=dict)
    refresh: set[str] = field(default_factory=set)
    relations: dict[str, list[str | None]] = field(default_factory=dict)
    reading: set[str] = field(default_factory=set)
    #: the posts whose people show otherwise since this build read them (sphinx/people.py)
    shown_otherwise: list[str] = field(default_factory=list)
    version: int = 0
    #: made from the rest after reading: never pickled
    view: BuildView | None = None
    #: ``docname -> (text, parse)`` of the pages the navigation's scan read in this
    #: process, until their reading takes it: each front matter is parsed once
    parsed: dict[str, tuple[str, Parsed]] = field(default_factory=dict)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "view": None, "parsed": {}}

    def __setstate__(self, state: dict[str, Any]) -> None:
        # environments pickled before the build view have a cache instead
        state.pop("cache", None)
        state.setdefault("reading", set())
        state.setdefault("version", 0)
        state.setdefault("shown_otherwise", [])
        self.__dict__.update(state, view=None, parsed={})

    def line_of(self, docname: str, *keys: str) -> int:
        """The line of the first of ``keys`` that a page's front matter gives, else 1.

        ``keys`` in the post model's order of precedence, so the line is the value's
        that the post took.
        """
        return first_key_line(self.lines.get(docname, {}), keys)

    def changed_posts(self, config: Config) -> dict[str, tuple[Post | None, Post | None]]:
        """``docname -> (before, after)`` of the posts whose listed fields changed in this build.

        A post also counts as changed when the passing of time made it leave the
        "Upcoming" group or expire since the previous build.
        """
        result = {
            docname: (old, self.posts.get(docname))
            for docname, old in self.before.items()
            if listed_fields(old) != listed_fields(self.posts.get(docname))
        }
        previous, current, drafts = self.previous_now, self.build_now, config.callposts_drafts
        if previous is not None and previous != current:
            for docname, post in self.posts.items():
                before = (is_future(post, previous), visible(post, drafts, previous))
                if before != (is_future(post, current), visible(post, drafts, current)):
                    result.setdefault(docname, (post, post))
        return result

    def pages_showing(self, changed: dict[str, tuple[Post | None, Post | None]]) -> set[str]:
        """The pages whose listings may show one of the changed posts, before or after."""
        versions = PostsByFolder(p for pair in changed.values() for p in pair if p is not None)
        return {
            docname
            for docname, specs in self.listings.items()
            if any(versions.shows_any(spec) for spec in specs)
        }

    def shown_on(
        self, docname: str, config: Config, by_folder: PostsByFolder, *, whole: bool = False
    ) -> list[Post]:
        """The posts the listings of a page show, each once, in no set order.

        :param whole: the upcoming posts too, and no listing's limit (a calendar keeps the past)
        """
        return shown_posts(
            self.listings.get(docname, ()), by_folder, self.build_now,
            drafts=config.callposts_drafts, future=config.callposts_future, whole=whole,
        )  # fmt: skip

    def current_view(self) -> BuildView:
        """The build view of the posts as they are now.

        :raises RuntimeError: before it is made, once the documents are read
        """
        view = self.view
        if view is None or view.version != self.version:
            raise RuntimeError("sphinx-callposts: the build view is read before it is made")
        return view

    @property
    def build_now(self) -> datetime:
        """The "now" of this build (the clock, before the build has taken it)."""
        return self.now or now()


def view_of(env: BuildEnvironment) -> BuildView:
    """What this build knows of its posts once they are read (:class:`.view.BuildView`)."""
    return store_of(env).current_view()


def store_of(env: BuildEnvironment) -> PostStore:
    """The environment's :class:`PostStore`, made on first use."""
    store = getattr(env, "callposts", None)
    if store is None:
        store = env.callposts = PostStore()  # type: ignore[attr-defined]
    return store


def listed_fields(post: Post | None) -> tuple[object, ...] | None:
    """The fields of a post that listings and neighbours show, to compare two versions."""
    if post is None:
        return None
    return tuple(getattr(post, f.name) for f in fields(post) if f.name not in _NOT_LISTED)


def section_folder(docname: str) -> str:
    """The folder a section page heads: ``blog/2024/_index`` -> ``blog/2024``."""
    return docname.rpartition("/")[0]


class PostCollector(EnvironmentCollector):
    """Own the store: forget a page's entries when it goes, merge parallel reads, note listings."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        store = store_of(env)
        store.version += 1
        old = store.posts.pop(docname, None)
        # keep the first version of the build: the one the old output shows
        store.before.setdefault(docname, old)
        store.listings.pop(docname, None)
        store.lines.pop(docname, None)

    def merge_other(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        docnames: AbstractSet[str],
        other: BuildEnvironment,
    ) -> None:
        store, theirs = store_of(env), store_of(other)
        store.version += 1
        stores: list[tuple[dict[str, Any], dict[str, Any]]] = [
            (store.posts, theirs.posts),
            (store.lines, theirs.lines),
            (store.listings, theirs.listings),
        ]
        for mine, read in stores:
            mine.update((name, read[name]) for name in docnames if name in read)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        store = store_of(env)
        store.version += 1
        post = store.posts.get(env.docname)
        if post is not None:
            # the page is read: its post is whole, and whether it is a call is decided once
            rules = parse_call_rules(app.config.callposts_calls)
            store.posts[env.docname] = post = with_call_rules(post, rules)
            scanned = store.scanned.get(env.docname)
            # only when the front matter gives no date at all: a bad one has its own warning
            if post.date is None and getattr(scanned, "undated", False):
                warn(no_date_message(post), (env.docname, 1), "date")
        specs = tuple(node[SPEC] for node in doctree.findall(nodes.Element) if SPEC in node)
        if specs:
            store.listings[env.docname] = specs


def start_build(app: Sphinx, env: BuildEnvironment, *args: Iterable[str]) -> list[str]:
    """Classify the pages, forget the previous build's changes and fix this build's "now"."""
    store = store_of(env)
    store.kinds = classify(env.found_docs, app.config.callposts_pattern)
    store.before = {}
    store.shown_otherwise = []
    store.version += 1
    store.previous_now, store.now = store.now, now()
    return []


def is_post(env: BuildEnvironment, docname: str) -> bool:
    """Whether the page is a post."""
    return store_of(env).kinds.get(docname) == POST


def setup_collector(app: Sphinx) -> None:
    """Register the post collector."""
    app.add_env_collector(PostCollector)
    # before the handlers of the features, which read what this one sets
    app.connect("env-get-outdated", start_build, priority=100)
