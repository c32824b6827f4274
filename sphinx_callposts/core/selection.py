"""Which posts a listing shows, and in which order: rules on the post model alone."""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING

from .listing_options import DEFAULT_COLUMNS, titles_of

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date, datetime

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
    :param columns: the table's columns, in order
    :param summary_words: summaries cut to this many words (0: none; None: whole)
    :param title: only posts whose title or short title matches this glob, any case
    :param since: only posts dated on or after this day
    :param until: only posts dated on or before this day
    :param recorded: only posts with a recording
    """

    section: str | None = None
    tags: tuple[str, ...] = ()
    limit: int = 0
    group_by: str = "year"
    reverse: bool = False
    style: str = "list"
    auto: bool = False
    line: int = 0
    columns: tuple[str, ...] = DEFAULT_COLUMNS
    summary_words: int | None = None
    title: str = ""
    since: date | None = None
    until: date | None = None
    recorded: bool = False

    def matches(self, post: Post) -> bool:
        """Whether the post passes the section and tag filters (not the limit)."""
        if self.section and not post.docname.startswith(self.section + "/"):
            return False
        if self.tags and taxonomy(post).isdisjoint(self.tags):
            return False
        if self.title:
            pattern = self.title.casefold()
            if not any(fnmatchcase(text.casefold(), pattern) for text in titles_of(post)):
                return False
        if self.since or self.until:
            day = post.date.date() if post.date else None
            if (
                day is None
                or (self.since and day < self.since)
                or (self.until and day > self.until)
            ):
                return False
        return not self.recorded or bool(post.recordings or post.recording)


def taxonomy(post: Post) -> set[str]:
    """The post's tags and categories, lowercase, as listings filter them."""
    return {term.lower() for term in (*post.tags, *post.categories)}


class PostsByFolder:
    """The posts below each folder, so that a listing looks only at the posts it may show.

    Testing every post against every listing is quadratic once each section page has
    a listing; here each post is filed under each of its folders once.
    """

    def __init__(self, posts: Iterable[Post]) -> None:
        self.below: dict[str, list[Post]] = {}
        self.terms: dict[str, set[str]] = {}
        for post in posts:
            terms = taxonomy(post)
            folder = post.docname
            while folder:
                folder = folder.rpartition("/")[0]
                self.below.setdefault(folder, []).append(post)
                self.terms.setdefault(folder, set()).update(terms)

    def candidates(self, spec: ListingSpec) -> list[Post]:
        """The posts in the listing's section (``""`` and None: all); the tags are not tested."""
        return self.below.get(spec.section or "", [])

    def shows_any(self, spec: ListingSpec) -> bool:
        """Whether one of the posts passes the listing's section and tag filters."""
        return not self.why_empty(spec)

    def why_empty(self, spec: ListingSpec) -> str:
        """Which of the listing's section and tag filters leaves it no post, ``""`` if none."""
        folder = spec.section or ""
        if folder not in self.below:
            return f"no post lies in the folder {folder!r} (:section:)"
        if spec.tags and self.terms[folder].isdisjoint(spec.tags):
            tags = ", ".join(map(repr, spec.tags))
            return f"no post in the folder {folder!r} has the tag {tags} (:tags:)"
        return ""


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
