"""Which posts a listing shows, and in which order: rules on the post model alone."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from .bundles import glob_matcher
from .dates import local_date
from .i18n import _
from .listing_options import DEFAULT_COLUMNS, titles_of
from .video import Video, parse_video

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from datetime import date, datetime

    from .post import Person, Post

_Item = TypeVar("_Item")


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
    :param headers: ``(column, heading)`` pairs that rename a table's headings
    :param title_strip: the start of titles the listing leaves out (a text or a glob)
    :param subscribe: whether the page's calendar link may stand under the listing
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
    headers: tuple[tuple[str, str], ...] = ()
    title_strip: str = ""
    subscribe: bool = True

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
            where = f" in the folder {folder!r}" if spec.section else ""
            return f"no post{where} has the tag {tags} (:tags:)"
        return ""

    def why_filtered_out(self, spec: ListingSpec) -> str:
        """:meth:`why_empty`, for a listing's own ``:section:`` and ``:tags:``: a project
        without posts yet lists none, and that is no mistake of the listing's."""
        return self.why_empty(spec) if spec.section or "" in self.below else ""


def visible(post: Post, drafts: bool, when: datetime) -> bool:
    """Whether a post is published at ``when``: not a hidden draft, not expired.

    :param drafts: drafts are shown (``callposts_drafts``)
    """
    if post.draft and not drafts:
        return False
    return not (post.expiry and post.expiry <= when)


def is_future(post: Post, when: datetime) -> bool:
    """Whether the post is dated after ``when``: a call still to come, a post yet to publish.

    A build that passes that date shows the post otherwise (its page and listings).
    """
    return is_upcoming(post, when) or bool(post.date and post.date > when)


def is_upcoming(post: Post, when: datetime) -> bool:
    """Whether the post is a call that starts after ``when``, held or not: its calendar
    entry and its Event say whether it is cancelled."""
    return post.is_call and bool(post.start and post.start > when)


#: the statuses of a call that is not held when its date says
NOT_HELD = frozenset({"cancelled", "postponed"})


def is_awaited(post: Post, when: datetime) -> bool:
    """Whether the post is a call still to come that is held: "Upcoming", in the
    listings' "Upcoming" group, neither cancelled nor postponed (a rescheduled call is)."""
    return is_upcoming(post, when) and post.status not in NOT_HELD


def waits(post: Post, when: datetime) -> bool:
    """Whether listings leave the post out until a later build: an awaited call (shown in
    the "Upcoming" group instead), a post published later.

    A call's date without a ``callDate`` is when it is held, not published: a cancelled
    call is listed in its place at once, with its badge.
    """
    published = None if post.is_call and post.call_date is None else post.date
    return is_awaited(post, when) or bool(published and published > when)


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


def select_posts(
    posts: Iterable[Post], spec: ListingSpec, when: datetime, *, drafts: bool, future: str
) -> tuple[list[Post], list[Post]]:
    """The posts a listing shows: ``(upcoming, the others)``, each in listing order.

    The limit counts the published posts; upcoming ones are shown on top of it.

    :param drafts: drafts are shown (``callposts_drafts``)
    :param future: ``callposts_future``: ``"upcoming"``, ``"hide"`` or ``"show"``
    """
    chosen = [post for post in posts if spec.matches(post) and visible(post, drafts, when)]
    upcoming: list[Post] = []
    if future != "show":
        if future == "upcoming":
            upcoming = [post for post in chosen if is_awaited(post, when)]
            upcoming.sort(key=soonest_first)
        # a blog post dated later is published then, as Hugo does: only calls are upcoming
        chosen = [post for post in chosen if not waits(post, when)]
    chosen.sort(key=newest_first)
    if spec.reverse:
        dated = [post for post in chosen if post.listed_date]
        chosen = dated[::-1] + chosen[len(dated) :]
    return upcoming, chosen[: spec.limit] if spec.limit else chosen


def shown_posts(
    specs: Iterable[ListingSpec],
    by_folder: PostsByFolder,
    when: datetime,
    *,
    drafts: bool,
    future: str,
    whole: bool = False,
) -> list[Post]:
    """The posts that some listings (those of one page) show, each once, in no set order.

    :param whole: the upcoming posts too, and no listing's limit (a calendar keeps the past)
    """
    shown: dict[str, Post] = {}
    for spec in specs:
        if whole:
            spec = replace(spec, limit=0)
        upcoming, others = select_posts(
            by_folder.candidates(spec), spec, when, drafts=drafts, future=future
        )
        chosen = (*upcoming, *others) if whole else others
        shown.update((post.docname, post) for post in chosen)
    return list(shown.values())


def group_posts(
    posts: list[Post], group_by: str, language: str | None
) -> list[tuple[str, list[Post]]]:
    """Consecutive posts of the same year or month, with the group's title."""
    groups: list[tuple[str, list[Post]]] = []
    for post in posts:
        title = group_title(post, group_by, language)
        if groups and groups[-1][0] == title:
            groups[-1][1].append(post)
        else:
            groups.append((title, [post]))
    return groups


def group_title(post: Post, group_by: str, language: str | None) -> str:
    """``2024``, ``October 2024`` or ``""``; undated posts get their own group."""
    if group_by == "none":
        return ""
    day = post.listed_date
    if day is None:
        return _("Undated")
    if group_by == "month":
        return local_date(day, "LLLL y", language)
    return str(day.year)


def listed_people(post: Post) -> tuple[Person, ...]:
    """The people a listing names for a post: its presenters, else its authors."""
    return post.presenters or post.authors


def cut_terms(items: Sequence[_Item], limit: int) -> tuple[Sequence[_Item], int]:
    """The tags or people of a post that a listing shows, and how many more it leaves out.

    A post's page shows them all; a listing shows ``limit`` (``callposts_listing_terms``):
    each tag page lists the post, and with them all, a post of N tags cost N * N links.
    """
    return items[:limit], max(0, len(items) - limit)


@dataclass(frozen=True)
class Recording:
    """One recording of a post.

    :param title: the title the post gives it (a shortcode's ``title``), or ``""``
    :param label: what listings, feeds and calendars call it: its title, else
        "Recording" for the first, "Recording 2" for the second...
    """

    video: Video
    title: str
    label: str


def post_recordings(post: Post) -> tuple[Recording, ...]:
    """Every recording of the post: its front matter's, then its body's, in order.

    Before its page is read, only the front matter's.
    """
    found: list[tuple[Video, str]] = []
    if post.recordings:
        titles = (*post.recording_titles, *[""] * len(post.recordings))
        found = [
            (Video(video), title) for video, title in zip(post.recordings, titles, strict=False)
        ]
    elif post.recording:
        with suppress(ValueError):  # the post's page has warned about it
            found = [(parse_video(post.recording), "")]
    return tuple(
        Recording(video, title, title or recording_word(number))
        for number, (video, title) in enumerate(found, start=1)
    )


def recording_word(number: int) -> str:
    """ "Recording", "Recording 2"...: the name of a recording that the post gives none."""
    return _("Recording") if number == 1 else _("Recording {number}").format(number=number)
