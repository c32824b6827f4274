"""Which posts a listing shows, and in which order: rules on the post model alone."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .bundles import glob_matcher
from .listing_options import DEFAULT_COLUMNS, titles_of

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
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
            day = post.listed_date.date() if post.listed_date else None
            if (
                day is None
                or (self.since and day < self.since)
                or (self.until and day > self.until)
            ):
                return False
        return not self.recorded or bool(post.recordings or post.recording)


@dataclass(frozen=True)
class CallRule:
    """One entry of ``callposts_calls``: a docname glob, or title and tags a call has.

    :param docnames: a docname glob (``community/calls/**``)
    :param title: a glob the title or short title matches, any case
    :param tags: tags or categories (lowercase), one of which the post has
    """

    docnames: str = ""
    title: str = ""
    tags: tuple[str, ...] = ()

    def matches(self, post: Post) -> bool:
        """Whether the post passes every condition the rule gives."""
        if self.docnames and not _docname_matcher(self.docnames)(post.docname):
            return False
        if self.title:
            pattern = self.title.casefold()
            if not any(fnmatchcase(text.casefold(), pattern) for text in titles_of(post)):
                return False
        return not self.tags or not taxonomy(post).isdisjoint(self.tags)


@lru_cache(maxsize=64)
def _docname_matcher(pattern: str) -> Callable[[str], bool]:
    return glob_matcher([pattern])


def parse_call_rules(value: Any) -> tuple[CallRule, ...]:
    """``callposts_calls``: a docname glob or a ``{"title": ..., "tags": [...]}`` rule, or a list.

    :raises ValueError: for anything else, saying what is expected
    """
    items = [value] if isinstance(value, (str, Mapping)) else list(value)
    return tuple(map(_call_rule, items))


def _call_rule(item: Any) -> CallRule:
    if isinstance(item, str) and item.strip():
        return CallRule(docnames=item.strip())
    if not isinstance(item, Mapping) or not item or set(item) - {"title", "tags"}:
        raise ValueError(
            'expected docname globs or rules such as {"title": "Community Call*", "tags": ["call"]}'
        )
    title, tags = item.get("title", ""), item.get("tags", [])
    tags = [tags] if isinstance(tags, str) else tags
    shaped = isinstance(title, str) and isinstance(tags, (list, tuple))
    if not shaped or not all(isinstance(tag, str) for tag in tags):
        raise ValueError("a rule's 'title' is a glob and its 'tags' a list of strings")
    return CallRule(title=title.strip(), tags=tuple(tag.strip().lower() for tag in tags))


def with_call_rules(post: Post, rules: Iterable[CallRule]) -> Post:
    """The post, a call when its front matter says so or, where it is silent, a rule matches."""
    is_call = post.call if post.call is not None else any(rule.matches(post) for rule in rules)
    return post if is_call == post.is_call else replace(post, is_call=is_call)


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
    """Whether the post is dated after ``when``: a call still to come, a post yet to publish."""
    return is_upcoming(post, when) or bool(post.date and post.date > when)


def is_upcoming(post: Post, when: datetime) -> bool:
    """Whether the post is a call that starts after ``when``."""
    return post.is_call and bool(post.start and post.start > when)


def newest_first(post: Post) -> tuple[object, ...]:
    """Sort key of listings and neighbours: dated posts newest first, then by title; undated last.

    A call is dated by its start, as listings show it.
    """
    day = post.listed_date
    stamp = -day.timestamp() if day else 0.0
    return (day is None, stamp, post.link_title.casefold(), post.docname)


def soonest_first(post: Post) -> tuple[object, ...]:
    """Sort key of upcoming calls: the next one first."""
    return (post.start, post.link_title.casefold(), post.docname)
