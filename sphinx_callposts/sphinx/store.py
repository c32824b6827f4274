"""Posts and listings in the build environment, and what a change to them makes outdated.

Posts are keyed by docname. When a document is re-read or removed, its post of the
previous build is kept aside for the rest of the build, so that the listing and the
navigation can compare a post's fields before and after and rewrite only the pages
that show what changed.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, fields
from datetime import datetime
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.environment.collectors import EnvironmentCollector

from ..core.post import Post, now
from .config import warn
from .pages import TEMP_POST
from .recordings import recordings_in

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: the attribute of a listing placeholder node that holds its :class:`ListingSpec`
SPEC = "callposts_spec"
#: the fields of a post that no listing, feed entry or previous/next link shows
_NOT_LISTED = frozenset({"aliases", "extra", "subtitle", "publish_date"})


@dataclass(frozen=True)
class ListingSpec:
    """What a listing shows: the options of a ``callposts`` directive, or a section's own.

    :param section: the folder whose posts are listed (``""``: the whole site), or None: all
    :param tags: only posts with one of these tags or categories (lowercase)
    :param limit: at most this many posts (0: all)
    :param group_by: ``"year"``, ``"month"`` or ``"none"``
    :param reverse: oldest first
    :param style: ``"list"`` or ``"table"``
    :param auto: the listing a section page gets without a directive
    :param line: the line of the directive, for located warnings
    """

    section: str | None = None
    tags: tuple[str, ...] = ()
    limit: int = 0
    group_by: str = "year"
    reverse: bool = False
    style: str = "list"
    auto: bool = False
    line: int = 0

    def matches(self, post: Post) -> bool:
        """Whether the post passes the section and tag filters (not the limit)."""
        if self.section and not post.docname.startswith(self.section + "/"):
            return False
        if self.tags:
            taxonomy = {term.lower() for term in (*post.tags, *post.categories)}
            return not taxonomy.isdisjoint(self.tags)
        return True


def posts_of(env: BuildEnvironment) -> dict[str, Post]:
    """The posts of the build, by docname."""
    if not hasattr(env, "callposts_posts"):
        env.callposts_posts = {}
    return env.callposts_posts


def listings_of(env: BuildEnvironment) -> dict[str, tuple[ListingSpec, ...]]:
    """The listings of the build, by the docname of the page that holds them."""
    if not hasattr(env, "callposts_listings"):
        env.callposts_listings = {}
    return env.callposts_listings


def build_now(env: BuildEnvironment) -> datetime:
    """The "now" of this build: taken once, so every page and process agrees on it."""
    return getattr(env, "callposts_now", None) or now()


def visible(post: Post, config: Config, when: datetime) -> bool:
    """Whether a post is published at ``when``: not a hidden draft, not expired."""
    if post.draft and not config.callposts_drafts:
        return False
    return not (post.expiry and post.expiry <= when)


def is_future(post: Post, when: datetime) -> bool:
    """Whether the post is dated after ``when``."""
    return bool(post.date and post.date > when)


def newest_first(post: Post) -> tuple[object, ...]:
    """Sort key of listings and neighbours: dated posts newest first, then by title; undated last."""
    stamp = -post.date.timestamp() if post.date else 0.0
    return (post.date is None, stamp, post.link_title.casefold(), post.docname)


def listed_fields(post: Post | None) -> tuple[object, ...] | None:
    """The fields of a post that listings and neighbours show, to compare two versions."""
    if post is None:
        return None
    return tuple(getattr(post, f.name) for f in fields(post) if f.name not in _NOT_LISTED)


def changed_posts(
    env: BuildEnvironment, config: Config
) -> dict[str, tuple[Post | None, Post | None]]:
    """``docname -> (before, after)`` of the posts whose listed fields changed in this build.

    A post also counts as changed when the passing of time made it leave the
    "Upcoming" group or expire since the previous build.
    """
    posts = posts_of(env)
    result = {
        docname: (old, posts.get(docname))
        for docname, old in getattr(env, "callposts_before", {}).items()
        if listed_fields(old) != listed_fields(posts.get(docname))
    }
    previous, current = getattr(env, "callposts_previous_now", None), build_now(env)
    if previous is not None and previous != current:
        for docname, post in posts.items():
            before = (is_future(post, previous), visible(post, config, previous))
            if before != (is_future(post, current), visible(post, config, current)):
                result.setdefault(docname, (post, post))
    return result


def pages_showing(
    env: BuildEnvironment, changed: dict[str, tuple[Post | None, Post | None]]
) -> set[str]:
    """The pages whose listings may show one of the changed posts, before or after."""
    versions = [post for pair in changed.values() for post in pair if post is not None]
    return {
        docname
        for docname, specs in listings_of(env).items()
        if any(spec.matches(post) for spec in specs for post in versions)
    }


def section_folder(docname: str) -> str:
    """The folder a section page heads: ``blog/2024/_index`` -> ``blog/2024``."""
    return posixpath.dirname(docname)


class PostCollector(EnvironmentCollector):
    """Store each post and listing read, forget them when their document goes, merge parallel reads."""

    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        old = posts_of(env).pop(docname, None)
        # keep the first version of the build: the one the old output shows
        before_of(env).setdefault(docname, old)
        listings_of(env).pop(docname, None)

    def merge_other(
        self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
    ) -> None:
        for mine, theirs in (
            (posts_of(env), posts_of(other)),
            (listings_of(env), listings_of(other)),
        ):
            mine.update((name, theirs[name]) for name in docnames if name in theirs)

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        env = app.env
        post = env.temp_data.get(TEMP_POST)
        if post is not None and post.docname == env.docname:
            posts_of(env)[post.docname] = post.with_page_data(recordings=recordings_in(doctree))
            scanned = getattr(env, "callposts_scan", {}).get(post.docname)
            # only when the front matter gives no date at all: a bad one has its own warning
            if post.date is None and getattr(scanned, "undated", False):
                warn(
                    "the post has no 'date' (nor 'publishDate'); listings show it last",
                    (post.docname, 1),
                    "date",
                )
        specs = tuple(node[SPEC] for node in doctree.findall(nodes.Element) if SPEC in node)
        if specs:
            listings_of(env)[env.docname] = specs


def before_of(env: BuildEnvironment) -> dict[str, Post | None]:
    """The posts of the previous build that this build re-reads or removes."""
    if not hasattr(env, "callposts_before"):
        env.callposts_before = {}
    return env.callposts_before


def start_build(app: Sphinx, env: BuildEnvironment, *args: Iterable[str]) -> list[str]:
    """Forget the previous build's changes and fix this build's "now"."""
    env.callposts_before = {}
    env.callposts_previous_now = getattr(env, "callposts_now", None)
    env.callposts_now = now()
    return []


def setup_collector(app: Sphinx) -> None:
    """Register the post collector."""
    app.add_env_collector(PostCollector)
    # before the handlers of the features, which read what this one resets
    app.connect("env-get-outdated", start_build, priority=100)
