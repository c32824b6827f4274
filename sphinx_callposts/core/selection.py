"""Which posts a listing shows, and in which order: rules on the post model alone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    from .post import Post


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


def visible(post: Post, drafts: bool, when: datetime) -> bool:
    """Whether a post is published at ``when``: not a hidden draft, not expired.

    :param drafts: drafts are shown (``callposts_drafts``)
    """
    if post.draft and not drafts:
        return False
    return not (post.expiry and post.expiry <= when)


def is_future(post: Post, when: datetime) -> bool:
    """Whether the post is dated after ``when``."""
    return bool(post.date and post.date > when)


def newest_first(post: Post) -> tuple[object, ...]:
    """Sort key of listings and neighbours: dated posts newest first, then by title; undated last."""
    stamp = -post.date.timestamp() if post.date else 0.0
    return (post.date is None, stamp, post.link_title.casefold(), post.docname)


def soonest_first(post: Post) -> tuple[object, ...]:
    """Sort key of upcoming posts: the next one first."""
    return (post.date, post.link_title.casefold(), post.docname)
