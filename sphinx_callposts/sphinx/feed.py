"""An Atom feed (RFC 4287) beside each page that holds a listing, linked from its head.

Feeds need absolute URLs: they are built from ``html_baseurl``. Without it, the
build warns once and writes no feed.
"""

from __future__ import annotations

import html
import posixpath
from typing import TYPE_CHECKING
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from sphinx.locale import get_translation

from .. import __version__
from ..core.bundles import SECTION
from ..core.text import printable
from .config import warn
from .listing import listing_posts, recording_url
from .redirects import HTML_BUILDERS, keep_only, output_path, write_output
from .store import store_of

if TYPE_CHECKING:
    from datetime import datetime

    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from ..core.post import Person, Post

_ = get_translation("sphinx_callposts")

ATOM = "http://www.w3.org/2005/Atom"
FEED_NAME = "atom.xml"
#: what every feed written here holds, so that a later build may remove it
GENERATOR_MARK = ">sphinx-callposts</generator>"


def feed_paths(builder: Builder) -> dict[str, str]:
    """``docname -> feed file`` for every page with a listing: ``atom.xml`` beside it.

    When two listing pages share a folder, the section page keeps ``atom.xml`` and
    the other is named after its page (``news.atom.xml``).
    """
    env = builder.env
    store = store_of(env)
    listing_pages = frozenset(store.listings) & env.found_docs
    # every page of a build asks: work the paths out once per set of listing pages
    cached = store.cache.get("feed_paths")
    if cached and cached[0] == (builder.name, listing_pages):
        return cached[1]
    result: dict[str, str] = {}
    taken: set[str] = set()
    pages = sorted(listing_pages, key=lambda name: (store.kinds.get(name) != SECTION, name))
    for docname in pages:
        page = output_path(builder, docname)
        path = posixpath.join(posixpath.dirname(page), FEED_NAME)
        if path in taken:
            stem = posixpath.splitext(posixpath.basename(page))[0]
            path = posixpath.join(posixpath.dirname(page), f"{stem}.{FEED_NAME}")
        taken.add(path)
        result[docname] = path
    store.cache["feed_paths"] = ((builder.name, listing_pages), result)
    return result


def absolute_url(builder: Builder, docname: str) -> str:
    """The absolute URL of a page, from ``html_baseurl``."""
    return urljoin(builder.config.html_baseurl.rstrip("/") + "/", builder.get_target_uri(docname))


def feed_title(builder: Builder, docname: str) -> str:
    """``Project: Page title``, as plain text."""
    title = builder.env.titles[docname].astext() if docname in builder.env.titles else docname
    return f"{builder.config.project}: {title}" if builder.config.project else title


def rfc3339(value: datetime) -> str:
    """An Atom date."""
    return value.isoformat(timespec="seconds")


def atom_feed(
    builder: Builder, docname: str, feed_path: str, posts: list[Post], when: datetime
) -> str:
    """The Atom document of a listing page."""
    config = builder.config
    ET.register_namespace("", ATOM)
    feed = ET.Element(
        f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": config.language or "en"}
    )
    page_url = absolute_url(builder, docname)
    _sub(feed, "id", page_url)
    _sub(feed, "title", feed_title(builder, docname))
    dates = [post.updated or post.date for post in posts if post.date]
    _sub(feed, "updated", rfc3339(max(dates, default=when)))
    _sub(
        feed,
        "link",
        rel="self",
        type="application/atom+xml",
        href=urljoin(page_url, posixpath.basename(feed_path)),
    )
    _sub(feed, "link", rel="alternate", type="text/html", href=page_url)
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
    url = absolute_url(builder, post.docname)
    _sub(entry, "id", url)
    _sub(entry, "title", post.title or post.link_title)
    _sub(entry, "link", rel="alternate", type="text/html", href=url)
    _sub(entry, "published", rfc3339(date))
    _sub(entry, "updated", rfc3339(post.updated or date))
    for person in post.authors or post.presenters:
        entry.append(atom_person(person))
    if post.summary:
        _sub(entry, "summary", post.summary, type="text")
    for term in (*post.tags, *post.categories):
        _sub(entry, "category", term=term)
    if recording := recording_url(post):
        _sub(entry, "link", rel="related", type="text/html", href=recording, title=_("Recording"))
    return entry


def atom_person(person: Person) -> ET.Element:
    """An ``atom:author``; the email only goes where the site shows it."""
    author = ET.Element(f"{{{ATOM}}}author")
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
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object
) -> None:
    """Link a listing page's feed from its ``<head>``."""
    listings = store_of(app.env).listings
    if not feeds_wanted(app) or not app.config.html_baseurl or pagename not in listings:
        return
    feed = feed_paths(app.builder)[pagename]
    page = output_path(app.builder, pagename)
    href = posixpath.relpath(feed, posixpath.dirname(page) or ".")
    title = html.escape(feed_title(app.builder, pagename))
    link = f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{html.escape(href)}" />\n'
    context["metatags"] = context.get("metatags", "") + link


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """Write the feed of every listing page, at the end of an HTML or dirhtml build."""
    builder = app.builder
    if exception or builder.name not in HTML_BUILDERS:
        return
    env, store = app.env, store_of(app.env)
    paths = feed_paths(builder) if store.listings else {}
    if paths and not app.config.html_baseurl:
        first = min(paths)
        line = min((spec.line for spec in store.listings[first]), default=1) or 1
        warn(
            "html_baseurl is not set: feeds need absolute URLs, so none is written",
            (first, line),
            "feed",
        )
        paths = {}
    for docname, path in paths.items():
        posts = listing_posts(env, docname, app.config)
        feed = atom_feed(builder, docname, path, posts, store.build_now)
        write_output(builder.outdir, path, feed)
    keep_only(builder, "feeds", paths.values(), GENERATOR_MARK)


def setup_feed(app: Sphinx) -> None:
    """Write the feeds and link them from their pages."""
    app.connect("html-page-context", add_feed_link)
    app.connect("build-finished", write_feeds)
