"""The new site's absolute URLs, from ``html_baseurl``: feeds, calendars, metadata, redirects."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urljoin

if TYPE_CHECKING:
    from sphinx.builders import Builder


def site_url(base: str, path: str) -> str:
    """The absolute URL of a path of the site (``_images/a.png``, ``/b.png``) under ``base``.

    ``""`` without ``base``: no absolute URL is known.
    """
    if not base:
        return ""
    return urljoin(base.rstrip("/") + "/", path.lstrip("/"))


def page_url(builder: Builder, docname: str) -> str:
    """The absolute URL of a page, ``""`` while ``html_baseurl`` is not set."""
    return site_url(builder.config.html_baseurl, builder.get_target_uri(docname))
