"""What the files written beside each listing page share: their place, title and line.

A page with a listing gets an Atom feed (:mod:`.feed`) and, when it lists calls, a
calendar (:mod:`.calendar`), side by side: ``atom.xml`` and ``calendar.ics`` beside the
page, or ``news.atom.xml`` and ``news.calendar.ics`` for a second listing page in the
same folder.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from ..core.bundles import SECTION
from .store import store_of
from .writer import HTML_BUILDERS, output_path

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder


def find_listing_prefixes(builder: Builder) -> dict[str, str]:
    """``docname -> the start of the name of each file beside it``, for every page with a
    listing, in an HTML or dirhtml build.

    When two listing pages share a folder, the section page keeps the folder's names
    (``blog/``) and the other's are named after its page (``blog/news.``).
    """
    env = builder.env
    store = store_of(env)
    result: dict[str, str] = {}
    if builder.name not in HTML_BUILDERS:
        return result
    listing_pages = frozenset(store.listings) & env.found_docs
    taken: set[str] = set()
    pages = sorted(listing_pages, key=lambda name: (store.kinds.get(name) != SECTION, name))
    for docname in pages:
        page = output_path(builder, docname)
        folder = posixpath.dirname(page)
        prefix = f"{folder}/" if folder else ""
        if prefix in taken:
            prefix += posixpath.splitext(posixpath.basename(page))[0] + "."
        taken.add(prefix)
        result[docname] = prefix
    return result


def listing_title(builder: Builder, docname: str, page_title: str = "") -> str:
    """``Project: Page title``, as plain text on one line (a setext heading may span two).

    :param page_title: the title of a page that is no document (a tag's); else its own
    """
    titles = builder.env.titles
    title = page_title or (titles[docname].astext() if docname in titles else docname)
    title = " ".join(title.split())
    return f"{builder.config.project}: {title}" if builder.config.project else title


def listing_line(app: Sphinx, docname: str) -> int:
    """The line of the page's first listing directive (1 for a section's own listing)."""
    return min((spec.line for spec in store_of(app.env).listings[docname]), default=1) or 1
