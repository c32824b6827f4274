"""A listing's posts as nodes: list, table and cards, for one page of one builder.

Standard docutils nodes, so every builder renders and escapes them with no visitor of
ours. HTML makes the nodes of a list's items only as it writes them
(:class:`callposts_entry`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.errors import NoUri
from sphinx.locale import get_translation

from ..core.listing_options import cut_words, strip_title
from ..core.pictures import is_remote
from ..core.selection import (
    ListingSpec,
    cut_terms,
    group_posts,
    listed_people,
    post_recordings,
    select_posts,
)
from .render import (
    LINK_WORDS,
    clock_time,
    date_node,
    join_node,
    link_node,
    people_nodes,
    separated,
    status_badge,
    tag_nodes,
    time_node,
)
from .terms import link_terms

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import datetime

    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator

    from ..core.post import Post

_ = get_translation("sphinx_callposts")


#: each column's share of the table's width
_COLUMN_WIDTHS = {
    "date": 15, "time": 10, "topic": 30, "speakers": 20,
    "recording": 10, "summary": 25, "tags": 15, "join": 10,
    "slides": 10, "notes": 10, "agenda": 10,
}  # fmt: skip
#: each column's heading, translated when the table is made
_COLUMN_HEADINGS = {
    "date": lambda: _("Date"), "time": lambda: _("Time"), "topic": lambda: _("Topic"),
    "speakers": lambda: _("Speakers"), "recording": lambda: _("Recording"),
    "summary": lambda: _("Summary"), "tags": lambda: _("Tags"), "join": lambda: _("Join"),
    **LINK_WORDS,
}  # fmt: skip


def more_nodes(count: int) -> list[nodes.Node]:
    """The "and N more" after the tags or people a listing shows, if it leaves some out."""
    if not count:
        return []
    more = nodes.inline("", _("and {count} more").format(count=count), classes=["callposts-more"])
    return [nodes.Text(" "), more]


class ListingRenderer:
    """Turn a listing's posts into standard docutils nodes for one page of one builder."""

    def __init__(self, builder: Builder, fromdocname: str) -> None:
        self.builder = builder
        self.config = builder.config
        self.fromdocname = fromdocname
        self.upcoming = False
        #: the start of titles the listing leaves out (``:title-strip:``)
        self.title_strip = ""
        #: how many of a post's tags, and of its people, an entry shows
        self.term_limit: int = self.config.callposts_listing_terms
        # pdflatex has no glyph for it
        self.play_mark = "▶ " if builder.format == "html" else ""

    def render(self, spec: ListingSpec, posts: Iterable[Post], when: datetime) -> nodes.Element:
        """The listing: its groups, each a title and the entries."""
        config = self.config
        upcoming, others = select_posts(
            posts, spec, when, drafts=config.callposts_drafts, future=config.callposts_future
        )
        result = nodes.container(classes=["callposts-list", f"callposts-style-{spec.style}"])
        result["callposts_subscribe"] = spec.subscribe  # read by calendar.subscribe_link
        self.title_strip = spec.title_strip
        if upcoming:
            result += self.group(
                _("Upcoming"), upcoming, spec, ["callposts-upcoming"], upcoming=True
            )
        groups = group_posts(others, spec.group_by, self.config.language)
        for title, group in groups:
            said = not upcoming and len(groups) == 1 and self.page_says(title)
            result += self.group("" if said else title, group, spec)
        if not upcoming and not others:
            result += nodes.paragraph("", _("No posts yet."), classes=["callposts-empty"])
        return result

    def page_says(self, title: str) -> bool:
        """Whether the page's title holds a group's title (a year page's year, say)."""
        page = self.builder.env.titles.get(self.fromdocname)
        words = rf"(?<!\w){re.escape(title)}(?!\w)"
        return bool(title and page and re.search(words, page.astext()))

    def group(
        self,
        title: str,
        posts: list[Post],
        spec: ListingSpec,
        classes: Iterable[str] = (),
        upcoming: bool = False,
    ) -> nodes.Element:
        """One group of entries under its title.

        :param upcoming: the group of upcoming calls, which show their time and join link
        """
        self.upcoming = upcoming
        group = nodes.container(classes=["callposts-group", *classes])
        if title:
            group += nodes.rubric("", title, classes=["callposts-group-title"])
        if spec.style == "table":
            group += self.table(posts, spec)
        elif spec.style == "cards":
            group += self.cards(posts)
        else:
            group += self.bullets(posts, spec)
        return group

    def cards(self, posts: list[Post]) -> nodes.container:
        """Cards style: a grid of cards, each with the post's picture, date, title, speakers."""
        grid = nodes.container(classes=["callposts-cards"])
        for post in posts:
            card = nodes.container(classes=["callposts-entry", "callposts-call-card"])
            if post.picture and not is_remote(post.picture) and self.builder.format == "html":
                # a path from the source folder, which Sphinx copies as it does the post's images
                card += nodes.image(
                    "", uri=post.picture, candidates={"*": post.picture},
                    alt=post.link_title or post.title, loading="lazy",
                    classes=["callposts-card-picture"],
                )  # fmt: skip
            line = nodes.paragraph(classes=["callposts-card-date"])
            line += self.date(post)
            badges = status_badge(post.status) if post.is_call else []
            if self.upcoming and not badges:
                badges = [nodes.inline("", _("Upcoming"), classes=["callposts-badge"])]
            if badges:
                line += [nodes.Text(" "), *badges]
            if line.children:
                card += line
            card += nodes.paragraph("", "", self.title_link(post), classes=["callposts-card-title"])
            if people := self.people(post):
                card += nodes.paragraph("", "", *people, classes=["callposts-people"])
            if recordings := self.recordings(post):
                card += nodes.paragraph("", "", *recordings, classes=["callposts-card-recordings"])
            grid += card
        return grid

    def date(self, post: Post) -> list[nodes.Node]:
        """The post's date (a call's start); for an upcoming call, its time and zone too."""
        day = post.listed_date
        if not day:
            return []
        if self.upcoming:
            return [time_node(day, self.config, ["callposts-date"], timed=post.listed_timed)]
        return [date_node(day, self.config, ["callposts-date"])]

    def bullets(self, posts: list[Post], spec: ListingSpec) -> nodes.bullet_list:
        """List style: one item per post."""
        items = nodes.bullet_list(classes=["callposts-entries"])
        # an upcoming call's time is looked for in the page, for its script (upcoming.py)
        later = self.builder.format == "html" and not self.upcoming
        for post in posts:
            summary = cut_words(post.summary, spec.summary_words)
            if later and self.says_more_than_its_title(post, summary):
                entry = entry_node(post, summary, self.fromdocname, self.words(post))
                entry["strip"] = self.title_strip  # for the renderer that writes it
                items += entry
            else:
                items += self.entry(post, summary)
        return items

    def entry(self, post: Post, summary: str) -> nodes.list_item:
        """A post's item in a list: date and title, people, summary, recording and tags."""
        item = nodes.list_item(classes=["callposts-entry"])
        heading = nodes.paragraph(classes=["callposts-entry-title"])
        if date := self.date(post):
            heading += [*date, nodes.Text(" — ")]
        heading += self.title_link(post)
        if post.is_call and (badge := status_badge(post.status)):
            heading += [nodes.Text(" "), *badge]
        item += heading
        if people := self.people(post):
            item += nodes.paragraph("", "", *people, classes=["callposts-people"])
        if summary:
            item += nodes.paragraph("", summary, classes=["callposts-summary"])
        meta = nodes.paragraph(classes=["callposts-meta"])
        meta += self.recordings(post)
        if post.tags:
            if meta.children:
                meta += nodes.Text(" · ")
            meta += self.tags(post)
        if meta.children:
            item += meta
        return item

    def says_more_than_its_title(self, post: Post, summary: str) -> bool:
        """Whether a (past) post's item has more than its title line.

        Only those are made late: HTML makes a list of title lines alone compact
        (``<ul class="simple">``), as the translator finds from the items themselves.
        """
        return bool(
            listed_people(post) or summary or post.tags or post_recordings(post) or post.status
        )

    def words(self, post: Post) -> str:
        """The words of a post's item, for the search index: its title, people and tags.

        Not its summary: the post's own page holds it, and the summaries of every listing
        a post stands on (its month, year and blog) were most of what the index stemmed.
        """
        people = (person.name for person in cut_terms(listed_people(post), self.term_limit)[0])
        tags = cut_terms(post.tags, self.term_limit)[0]
        return " ".join(part for part in (post.link_title or post.title, *people, *tags) if part)

    def table(self, posts: list[Post], spec: ListingSpec) -> nodes.table:
        """Table style: the listing's columns, one row per post."""
        columns = [
            column for column in spec.columns if spec.summary_words != 0 or column != "summary"
        ]
        table = nodes.table(classes=["callposts-table"])
        tgroup = nodes.tgroup(cols=len(columns))
        table += tgroup
        for column in columns:
            tgroup += nodes.colspec(colwidth=_COLUMN_WIDTHS[column])
        renamed = dict(spec.headers)
        headings = [
            [nodes.Text(renamed.get(column) or self.heading(column, posts))] for column in columns
        ]
        tgroup += nodes.thead("", self.row(headings, (), columns))
        body = nodes.tbody()
        for post in posts:
            body += self.row(
                [self.cell(post, column, spec) for column in columns], ["callposts-entry"], columns
            )
        tgroup += body
        return table

    def heading(self, column: str, posts: Sequence[Post]) -> str:
        """A column's heading; the date's says "Call" when it shows when calls were held."""
        calls = all(post.is_call for post in posts)
        if column == "date" and calls and any(post.call_date for post in posts):
            return _("Call")
        return _COLUMN_HEADINGS[column]()

    def cell(self, post: Post, column: str, spec: ListingSpec) -> list[nodes.Node]:
        """What one column of the table shows of a post."""
        if column == "topic":
            badge = status_badge(post.status) if post.is_call else []
            return [self.title_link(post), *([nodes.Text(" "), *badge] if badge else [])]
        if column == "speakers":
            return self.people(post)
        if column == "date":
            return self.date(post)
        if column == "time":
            day = post.listed_date
            shown = clock_time(day, self.config) if day and post.listed_timed else ""
            return [nodes.inline("", shown, classes=["callposts-time"])] if shown else []
        if column == "recording":
            return self.recordings(post)
        if column in LINK_WORDS:
            url = getattr(post, column)
            return [link_node(column, url, ["callposts-link"])] if url else []
        if column == "summary":
            return [nodes.Text(cut_words(post.summary, spec.summary_words))]
        if column == "tags":
            return self.tags(post)
        # "join": only where a call is still to be joined
        if post.join and post.is_call and not post.status:
            return [join_node(post.join, ["callposts-join"])]
        return []

    def row(
        self, cells: Sequence[Sequence[nodes.Node]], classes: Iterable[str], columns: Iterable[str]
    ) -> nodes.row:
        """A table row of one paragraph per cell, each cell classed by its column."""
        row = nodes.row(classes=list(classes))
        for content, column in zip(cells, columns, strict=True):
            row += nodes.entry(
                "", nodes.paragraph("", "", *content), classes=[f"callposts-column-{column}"]
            )
        return row

    def title_link(self, post: Post) -> nodes.Node:
        """The post's short title, linked to its page where the builder has pages."""
        text = strip_title(post.link_title or post.title, self.title_strip)
        try:
            uri = self.builder.get_relative_uri(self.fromdocname, post.docname)
        except NoUri:
            return nodes.inline("", text, classes=["callposts-title"])
        return nodes.reference("", text, internal=True, refuri=uri, classes=["callposts-title"])

    def people(self, post: Post) -> list[nodes.Node]:
        """The people a listing names (:func:`listed_people`), without avatars, "and N more"."""
        people, more = cut_terms(listed_people(post), self.term_limit)
        return [*people_nodes(people, self.config, avatar=False), *more_nodes(more)]

    def tags(self, post: Post) -> list[nodes.Node]:
        """The tags a listing shows of a post, "and N more"."""
        tags, more = cut_terms(post.tags, self.term_limit)
        return [*tag_nodes(tags), *more_nodes(more)]

    def recordings(self, post: Post) -> list[nodes.Node]:
        """A link to each recording; for an upcoming call, the join link.

        One recording is "Recording": the entry's title names the talk already, and the
        link stays short. Several are each named by their title, which may wrap.
        """
        if self.upcoming and post.join and not post.status:
            return [join_node(post.join, ["callposts-join"])]
        recordings = post_recordings(post)
        several = len(recordings) > 1
        return separated(
            nodes.reference(
                "",
                self.play_mark + (recording.label if several else _("Recording")),
                refuri=recording.video.watch_url,
                classes=["callposts-recording"]
                + (["callposts-recording-titled"] if several and recording.title else []),
            )
            for recording in recordings
        )


class callposts_entry(nodes.General, nodes.Element):  # noqa: N801
    """A post's item in an HTML list, made into nodes only while it is written.

    A listing of thousands of posts made of docutils nodes holds a dozen per post for as
    long as its page is written: long enough for Python's garbage collector to keep
    them in its oldest generation, whose collections walk the whole heap. Made one at a
    time and unlinked once written, they are freed at once. Its one text is the item's
    words, for the search index.
    """


def entry_node(post: Post, summary: str, fromdocname: str, words: str) -> callposts_entry:
    """The item of ``post`` in a list on ``fromdocname``, to make when written."""
    return callposts_entry("", nodes.Text(words), post=post, summary=summary, page=fromdocname)


def visit_callposts_entry_html(self: HTML5Translator, node: callposts_entry) -> None:
    renderer = ListingRenderer(self.builder, node["page"])
    renderer.title_strip = node.get("strip", "")
    item = renderer.entry(node["post"], node["summary"])
    link_terms(self.builder, item, node["page"])
    item.parent = node.parent  # where it would be, for the translator's look around
    item.walkabout(self)
    # no node points back up: the item is freed here, not left to the garbage collector
    for part in item.findall():
        part.parent = None
    raise nodes.SkipNode
