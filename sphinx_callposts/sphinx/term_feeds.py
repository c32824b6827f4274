"""An Atom feed beside each tags and people page, on request: ``callposts_feeds``.

As ABlog's per-tag and per-author feeds: a reader follows one speaker or one topic.
The feed holds the page's published posts, newest first, as a listing page's feed
does (:mod:`.feed`), and is linked from the page's ``<head>``.
"""

from __future__ import annotations

import html
import posixpath
from typing import TYPE_CHECKING, Any

from sphinx.locale import get_translation

from ..core.selection import ListingSpec, select_posts
from .config import config_location, warn
from .feed import FEED_NAME, atom_feed, feed_paths
from .listing_pages import listing_title
from .store import store_of, view_of
from .taxonomy import term_location, term_title
from .terms import folder_of
from .writer import HTML_BUILDERS, OUTPUT_FILES, OutputFile, is_free, output_path

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from ..core.post import Post
    from ..core.taxonomy import Term, TermKey

_ = get_translation("sphinx_callposts")


def term_feed_path(builder: Builder, pagename: str) -> str:
    """A term page's feed: ``tags/foo.atom.xml`` beside ``tags/foo.html``, and
    ``tags/foo/atom.xml`` in dirhtml, beside the folder's ``index.html``."""
    folder, name = posixpath.split(output_path(builder, pagename))
    if name == "index.html":
        return posixpath.join(folder, FEED_NAME)
    return posixpath.join(folder, f"{posixpath.splitext(name)[0]}.{FEED_NAME}")


def term_feeds(builder: Builder) -> Mapping[str, tuple[str, str, Term]]:
    """``page name -> (feed path, kind, term)`` of every tags and people page with a feed
    (:class:`.view.BuildView`)."""
    return view_of(builder.env).term_feeds


def find_term_feeds(
    builder: Builder, terms: Mapping[str, Mapping[TermKey, Term]]
) -> dict[str, tuple[str, str, Term]]:
    """:func:`term_feeds`, worked out from the terms that have pages."""
    config = builder.config
    if builder.name not in HTML_BUILDERS or not config.html_baseurl:
        return {}
    found = {}
    for kind in config.callposts_feeds:
        folder = folder_of(builder, kind)
        for term in terms.get(kind, {}).values():
            pagename = f"{folder}/{term.slug}"
            found[pagename] = (term_feed_path(builder, pagename), kind, term)
    return found


def term_feed_posts(builder: Builder, term: Term) -> list[Post]:
    """A term's published posts, newest first, the first ``callposts_feed_length``."""
    config = builder.config
    _upcoming, published = select_posts(
        term.posts, ListingSpec(group_by="none"), store_of(builder.env).build_now,
        drafts=config.callposts_drafts, future=config.callposts_future,
    )  # fmt: skip
    return published[: config.callposts_feed_length]


def term_feed_files(app: Sphinx) -> list[OutputFile]:
    """The feeds of the tags and people pages that ``callposts_feeds`` names."""
    builder = app.builder
    config = app.config
    if not config.callposts_feeds or builder.name not in HTML_BUILDERS:
        return []
    if not config.html_baseurl:
        if not feed_paths(builder):  # else the listing pages' feeds said it
            warn(
                "html_baseurl is not set: feeds need absolute URLs, so none is written",
                config_location(app, "callposts_feeds") or "conf.py", "feed",
            )  # fmt: skip
        return []
    when = store_of(app.env).build_now
    return [
        OutputFile(
            path=path,
            text=atom_feed(
                builder,
                pagename,
                path,
                term_feed_posts(builder, term),
                when,
                page_title=term_title(kind, term.name),
            ),
            name=_("the feed {path}").format(path=path),
            location=term_location(app, term),
            subtype="feed",
        )
        for pagename, (path, kind, term) in term_feeds(builder).items()
    ]


def add_term_feed_link(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """Link a tags or people page's feed from its ``<head>``."""
    if not app.config.callposts_feeds or doctree is not None:
        return  # a document is no tags or people page
    found = term_feeds(app.builder).get(pagename)
    if found is None or not is_free(app, found[0]):
        return
    path, kind, term = found
    page = output_path(app.builder, pagename)
    href = html.escape(posixpath.relpath(path, posixpath.dirname(page) or "."))
    title = html.escape(listing_title(app.builder, pagename, term_title(kind, term.name)))
    context["metatags"] = context.get("metatags", "") + (
        f'<link rel="alternate" type="application/atom+xml" title="{title}" href="{href}" />\n'
    )


def setup_term_feeds(app: Sphinx) -> None:
    """Write the tags and people pages' feeds, and link them from the pages."""
    app.connect("html-page-context", add_term_feed_link)
    app.connect(OUTPUT_FILES, term_feed_files)
