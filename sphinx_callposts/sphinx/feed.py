"""An Atom feed (RFC 4287) beside each page that holds a listing, linked from its head.

Feeds need absolute URLs: they are built from ``html_baseurl``. Without it, the
build warns once and writes no feed.
"""

from __future__ import annotations

import html
import posixpath
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from sphinx.locale import get_translation

from .. import __version__
from ..core.events import iso_datetime
from ..core.selection import newest_first, post_recordings
from ..core.text import printable
from .config import warn
from .listing_pages import listing_line, listing_title
from .store import store_of, view_of
from .urls import page_url
from .writer import HTML_BUILDERS, OUTPUT_FILES, OutputFile, is_free, output_path

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

    from ..core.post import Person, Post
    from .store import PostStore

_ = get_translation("sphinx_callposts")

ATOM = "http://www.w3.org/2005/Atom"
FEED_NAME = "atom.xml"


def feed_paths(builder: Builder) -> Mapping[str, str]:
    """``docname -> feed file`` for every page with a listing, in an HTML or dirhtml build."""
    return view_of(builder.env).feed_paths


def find_feed_paths(prefixes: Mapping[str, str]) -> dict[str, str]:
    """:func:`feed_paths`, worked out: ``atom.xml`` beside each page with a listing.

    :param prefixes: :func:`.listing_pages.find_listing_prefixes`
    """
    return {docname: prefix + FEED_NAME for docname, prefix in prefixes.items()}


def rfc3339(value: datetime) -> str:
    """An Atom date, its offset to the minute."""
    return iso_datetime(value, timespec="seconds")


def atom_feed(
    builder: Builder,
    docname: str,
    feed_path: str,
    posts: list[Post],
    when: datetime,
    page_title: str = "",
) -> str:
    """The Atom document of a listing page (or of a tags or people page, ``page_title``)."""
    config = builder.config
    ET.register_namespace("", ATOM)
    feed = ET.Element(
        f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": config.language or "en"}
    )
    url = page_url(builder, docname)
    _sub(feed, "id", url)
    _sub(feed, "title", listing_title(builder, docname, page_title))
    dates = [post.updated or post.date for post in posts if post.date]
    _sub(feed, "updated", rfc3339(max(dates, default=when)))
    _sub(
        feed,
        "link",
        rel="self",
        type="application/atom+xml",
        href=urljoin(url, posixpath.basename(feed_path)),
    )
    _sub(feed, "link", rel="alternate", type="text/html", href=url)
    if not all(post.authors or post.presenters for post in posts):
        author = ET.SubElement(feed, f"{{{ATOM}}}author")
        _sub(author, "name", config.author or config.project or "unknown")
    _sub(feed, "generator", "sphinx-callposts", version=__version__)
    for post in posts:
        if post.date:
            feed.append(atom_entry(builder, post, post.date))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def atom_entry(builder: Builder, post: Post, date: datetime) -> ET.Element:
    """One post as an Atom entry."""
    entry = ET.Element(f"{{{ATOM}}}entry")
    url = page_url(builder, post.docname)
    _sub(entry, "id", url)
    _sub(entry, "title", post.title or post.link_title)
    _sub(entry, "link", rel="alternate", type="text/html", href=url)
    _sub(entry, "published", rfc3339(date))
    _sub(entry, "updated", rfc3339(post.updated or date))
    for person in post.authors or post.presenters:
        entry.append(atom_person(person))
    if post.authors:  # the presenters of a call that others wrote up
        names = {person.name for person in post.authors}
        for person in post.presenters:
            if person.name not in names:
                entry.append(atom_person(person, "contributor"))
    if post.summary:
        _sub(entry, "summary", post.summary, type="text")
    for term in (*post.tags, *post.categories):
        _sub(entry, "category", term=term)
    for recording in post_recordings(post):
        url, title = recording.video.watch_url, recording.label
        _sub(entry, "link", rel="related", type="text/html", href=url, title=title)
    return entry


def atom_person(person: Person, role: str = "author") -> ET.Element:
    """An ``atom:author`` (or ``atom:contributor``); the email only goes where the site shows it."""
    author = ET.Element(f"{{{ATOM}}}{role}")
    _sub(author, "name", person.name)
    if person.url.startswith(("https://", "http://")):
        _sub(author, "uri", person.url)
    return author


def _sub(parent: ET.Element, tag: str, text: str = "", **attributes: str) -> ET.Element:
    # a summary read off the body may still hold what XML 1.0 forbids
    element = ET.SubElement(
        parent, f"{{{ATOM}}}{tag}", {key: printable(value) for key, value in attributes.items()}
    )
    if text:
        element.text = printable(text)
    return element


def feeds_wanted(app: Sphinx) -> bool:
    """Whether this build writes feeds: an HTML or dirhtml build with listings."""
    return app.builder.name in HTML_BUILDERS and bool(store_of(app.env).listings)


def add_feed_link(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """Link a listing page's feed from its ``<head>``."""
    listings = store_of(app.env).listings
    if not feeds_wanted(app) or not app.config.html_baseurl or pagename not in listings:
        return
    feed = feed_paths(app.builder)[pagename]
    if not is_free(app, feed):
        return  # a page or an extra file holds the feed's path: no feed is written
    page = output_path(app.builder, pagename)
    href = posixpath.relpath(feed, posixpath.dirname(page) or ".")
    title = html.escape(listing_title(app.builder, pagename))
    link = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{html.escape(href)}" />\n'
    context["metatags"] = context.get("metatags", "") + link


def feed_files(app: Sphinx) -> list[OutputFile]:
    """The feed of every listing page, for an HTML or dirhtml build."""
    builder = app.builder
    config, store = app.config, store_of(app.env)
    if builder.name not in HTML_BUILDERS or not store.listings:
        return []
    paths = feed_paths(builder)
    if paths and not config.html_baseurl:
        first = min(paths)
        warn(
            "html_baseurl is not set: feeds need absolute URLs, so none is written",
            (first, listing_line(app, first)),
            "feed",
        )
        return []
    return [
        OutputFile(
            path=path,
            text=atom_feed(
                builder, docname, path, feed_posts(store, docname, config), store.build_now
            ),
            name=_("the feed {path}").format(path=path),
            location=(docname, listing_line(app, docname)),
            subtype="feed",
        )
        for docname, path in paths.items()
    ]


def feed_posts(store: PostStore, docname: str, config: Config) -> list[Post]:
    """The posts the listings of a page show, newest first, upcoming ones left out, the
    first ``callposts_feed_length``."""
    by_folder = store.current_view().by_folder
    shown = sorted(store.shown_on(docname, config, by_folder), key=newest_first)
    return shown[: config.callposts_feed_length]


def setup_feed(app: Sphinx) -> None:
    """Write the feeds and link them from their pages."""
    app.connect("html-page-context", add_feed_link)
    app.connect(OUTPUT_FILES, feed_files)
