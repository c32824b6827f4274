"""iCalendar files: one per upcoming call beside its page, and ``calendar.ics`` per listing.

A listing's calendar sits beside its ``atom.xml`` and holds its dated calls, past and
upcoming, so that a subscriber's calendar keeps the history. Every event's UID is the
post's docname at the site's host: the same call keeps its UID from build to build,
and a calendar app updates it instead of adding it twice. Drafts never appear, nor
calls too close to year 1 or 9999 to be written (the post warned when read).

Only calls are events (:attr:`Post.is_call`): a listing without calls has no calendar,
and ``callposts_calendar = False`` writes none at all.

A calendar is linked only where it is written: when a listing's calendar and a call's
``.ics`` want the same path (a post named ``calendar.md``), the listing's takes it.
"""

from __future__ import annotations

import html
import posixpath
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.locale import get_translation

from ..core.events import CallEvent, calendar_bytes
from ..core.selection import NOT_HELD, is_upcoming, post_recordings, visible
from .listing_pages import listing_line, listing_title
from .render import post_links
from .store import store_of, view_of
from .urls import page_url
from .writer import HTML_BUILDERS, OUTPUT_FILES, OutputFile, is_free, output_path

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from ..core.post import Post
    from ..core.selection import PostsByFolder

_ = get_translation("sphinx_callposts")

CALENDAR_NAME = "calendar.ics"


def writes_calendars(builder: Builder) -> bool:
    """Whether this build writes calendars: an HTML or dirhtml one, ``callposts_calendar`` on."""
    return builder.name in HTML_BUILDERS and bool(builder.config.callposts_calendar)


def call_calendar_path(builder: Builder, docname: str) -> str:
    """The ``.ics`` of a call: its page's file with ``.ics`` for ``.html``."""
    return posixpath.splitext(output_path(builder, docname))[0] + ".ics"


def listing_calendar_paths(builder: Builder) -> Mapping[str, str]:
    """``docname -> calendar file`` for every listing page that lists calls."""
    return view_of(builder.env).calendar_paths


def find_listing_calendar_paths(
    prefixes: Mapping[str, str], calendar_posts: Mapping[str, list[Post]]
) -> dict[str, str]:
    """:func:`listing_calendar_paths`, worked out: ``calendar.ics`` beside the page, as
    its feed is (:func:`.listing_pages.find_listing_prefixes`)."""
    return {
        docname: prefix + CALENDAR_NAME
        for docname, prefix in prefixes.items()
        if calendar_posts.get(docname)
    }


def has_calendar(env: BuildEnvironment, config: Config, post: Post) -> bool:
    """Whether a post is an upcoming call with its own ``.ics``."""
    when = store_of(env).build_now
    return (
        post.docname in env.found_docs
        and not post.draft
        and visible(post, False, when)
        and is_upcoming(post, when)
        and post.in_calendar
    )


def call_calendar_href(app: Sphinx, post: Post) -> str:
    """The URL of a call's ``.ics``, relative to its page, or ``""`` when none is written."""
    builder = app.builder
    if not writes_calendars(builder) or not has_calendar(app.env, app.config, post):
        return ""
    path = call_calendar_path(builder, post.docname)
    taken = set(listing_calendar_paths(builder).values()) if store_of(app.env).listings else ()
    if path in taken or not is_free(app, path):
        return ""
    page = output_path(builder, post.docname)
    return posixpath.relpath(path, posixpath.dirname(page) or ".")


def add_to_calendar_link(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """ "Add to calendar" on the line an upcoming call's page shows (:mod:`.upcoming`)."""
    post = store_of(app.env).posts.get(docname)
    # a cancelled or postponed call keeps its .ics, for those who added it, but no link
    if post is None or post.status in NOT_HELD:
        return  # most pages: their doctree is not walked
    event = next(
        (node for node in doctree.findall(nodes.paragraph) if "callpost-event" in node["classes"]),
        None,
    )
    if event is None:
        return
    if href := call_calendar_href(app, post):
        event += [
            nodes.Text(" · "),
            nodes.reference("", _("Add to calendar"), refuri=href, classes=["callpost-ics"]),
        ]


def call_event(builder: Builder, post: Post) -> CallEvent:
    """A post as a calendar event."""
    config = builder.config
    base = config.html_baseurl
    host = urlsplit(base).hostname if base else ""
    assert post.start is not None
    return CallEvent(
        uid=f"{post.docname}@{host or 'sphinx-callposts'}",
        title=post.title or post.link_title,
        start=post.start,
        length=post.duration or timedelta(minutes=config.callposts_call_duration),
        all_day=not post.start_timed,
        url=page_url(builder, post.docname),
        join="" if post.status else post.join,
        recordings=tuple((one.label, one.video.watch_url) for one in post_recordings(post)),
        links=tuple(post_links(post)),
        summary=post.summary,
        status=post.status,
        # when the post was last revised, not when it was built: builds repeat the file
        stamp=post.updated or post.date,
    )


def find_calendar_posts(
    builder: Builder, listing_pages: Iterable[str], by_folder: PostsByFolder
) -> dict[str, list[Post]]:
    """``docname -> the dated calls that its listings show``, past and upcoming, oldest
    first, for every page with a listing, where this build writes calendars.

    Unlike the page, the calendar ignores a listing's limit: past calls stay in it.
    """
    found: dict[str, list[Post]] = {}
    if not writes_calendars(builder):
        return found
    store, config = store_of(builder.env), builder.config
    for docname in listing_pages:
        shown = store.shown_on(docname, config, by_folder, whole=True)
        calls = [post for post in shown if post.is_call and not post.draft and post.in_calendar]
        found[docname] = sorted(calls, key=lambda post: (post.start, post.docname))
    return found


def calendar_files(app: Sphinx) -> list[OutputFile]:
    """The ``.ics`` of every upcoming call and the calendar of every listing page."""
    builder = app.builder
    if not writes_calendars(builder):
        return []
    env, config, store = app.env, app.config, store_of(app.env)
    files = []
    for docname, post in sorted(store.posts.items()):
        if has_calendar(env, config, post):
            path = call_calendar_path(builder, docname)
            ics = calendar_bytes([call_event(builder, post)]).decode()
            location = (docname, store.line_of(docname, "date"))
            # a listing's calendar, holding many calls, takes a path both want
            files.append(_calendar_file(path, ics, location, rank=1))
    paths = listing_calendar_paths(builder) if store.listings else {}
    for docname, path in paths.items():
        events = [call_event(builder, post) for post in view_of(env).calendar_posts[docname]]
        ics = calendar_bytes(events, name=listing_title(builder, docname)).decode()
        files.append(_calendar_file(path, ics, (docname, listing_line(app, docname))))
    return files


def _calendar_file(path: str, ics: str, location: tuple[str, int], rank: int = 0) -> OutputFile:
    name = _("the calendar {path}").format(path=path)
    return OutputFile(
        path=path, text=ics, name=name, location=location, subtype="calendar", rank=rank
    )


def listing_calendar_href(app: Sphinx, docname: str) -> str:
    """The URL of a listing page's calendar, relative to the page, or ``""`` when it has none."""
    builder = app.builder
    if not writes_calendars(builder) or docname not in store_of(app.env).listings:
        return ""
    path = listing_calendar_paths(builder).get(docname, "")
    if not path or not is_free(app, path):
        return ""  # a page or an extra file holds the calendar's path: none is written
    page = output_path(builder, docname)
    return posixpath.relpath(path, posixpath.dirname(page) or ".")


def subscribe_link(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put a "Subscribe" link to the page's calendar under its first listing that has
    no ``:subscribe: no``."""
    href = listing_calendar_href(app, docname)
    if not href:
        return
    listing = next(
        (
            node
            for node in doctree.findall(nodes.container)
            if "callposts-list" in node["classes"] and node.get("callposts_subscribe", True)
        ),
        None,
    )
    if listing is None:
        return
    link = nodes.reference("", _("Subscribe"), refuri=href, classes=["callposts-subscribe-link"])
    label = nodes.inline("", " " + _("(iCalendar: the calls in your calendar app)"))
    paragraph = nodes.paragraph("", "", link, label, classes=["callposts-subscribe"])
    listing.parent.insert(listing.parent.index(listing) + 1, paragraph)


def add_calendar_link(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """Link a listing page's calendar from its ``<head>``, as its feed is."""
    if href := listing_calendar_href(app, pagename):
        title = html.escape(listing_title(app.builder, pagename))
        context["metatags"] = context.get("metatags", "") + (
            f'<link rel="alternate" type="text/calendar" title="{title}" '
            f'href="{html.escape(href)}" />\n'
        )


def setup_calendar(app: Sphinx) -> None:
    """Write the calendars at the end of HTML builds; link them from listing pages."""
    app.connect("doctree-resolved", subscribe_link, priority=600)
    # after the upcoming call's line is made (500)
    app.connect("doctree-resolved", add_to_calendar_link, priority=550)
    app.connect("html-page-context", add_calendar_link)
    app.connect(OUTPUT_FILES, calendar_files)
