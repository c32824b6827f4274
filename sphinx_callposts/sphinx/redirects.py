"""Redirect pages from the old site's URLs of a page (``aliases``, Hugo's ``url``, ``slug``,
``permalinks`` and paths), as Hugo writes them.

Hugo resolves an alias with a leading ``/`` from the site root and any other one from
the page's folder, and writes ``ALIAS/index.html`` (or ``ALIAS`` when it ends in
``.html``) holding a canonical link and a meta refresh. Here the target is a relative
URL, so the redirect still works when the site is served under a prefix such as
Read the Docs' ``/en/latest/``.
"""

from __future__ import annotations

import html
import json
import posixpath
from functools import partial
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from sphinx.locale import get_translation

from ..core.oldurls import Redirect, alias_path, resolve
from .config import warn
from .oldurls import line_of, old_urls
from .store import view_of
from .urls import page_url
from .writer import HTML_BUILDERS, OUTPUT_FILES, OutputFile, is_free, output_path

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from ..core.oldurls import OldURL

__all__ = [
    "Redirect", "alias_files", "alias_page", "alias_path", "old_url_redirects",
    "relative_url", "setup_redirects",
]  # fmt: skip

_ = get_translation("sphinx_callposts")


ALIAS_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="canonical" href="{canonical}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">
<script>location.replace({script_target} + location.hash)</script>
</head>
<body>
<p>{moved} <a href="{target}">{title}</a></p>
</body>
</html>
"""


def relative_url(builder: Builder, from_file: str, docname: str) -> str:
    """The URL of a page, relative to the folder of ``from_file``."""
    target = unquote(builder.get_target_uri(docname))
    relative = posixpath.relpath(target or ".", posixpath.dirname(from_file) or ".")
    if not target or target.endswith("/"):
        relative = relative.rstrip("/") + "/"
    return quote(relative, safe="/#")


def alias_page(builder: Builder, old: OldURL, relpath: str) -> str:
    """Hugo's alias page, at ``relpath``, for an old URL of a page."""
    target = relative_url(builder, relpath, old.docname)
    canonical = page_url(builder, old.docname) or target
    return ALIAS_PAGE.format(
        lang=html.escape(builder.config.language or "en"),
        title=html.escape(old.title or old.docname),
        canonical=html.escape(canonical),
        target=html.escape(target),
        # the old URL's #fragment, which a refresh drops, lands on the heading of that id
        script_target=json.dumps(target).replace("<", "\\u003c"),
        moved=html.escape(_("This page has moved to")),
    )


def old_url_redirects(app: Sphinx) -> tuple[Redirect, ...]:
    """Every old URL that leads to a page: what the redirect pages and files are made of.

    Worked out once per build, with its warnings, however many features ask.
    """
    output = view_of(app.env).output
    if output.redirects is None:
        output.redirects = tuple(_resolve(app))
    return output.redirects


def _resolve(app: Sphinx) -> list[Redirect]:
    """One :class:`Redirect` per old URL that leads to one page, warning about the others."""
    redirects, problems = resolve(
        old_urls(app.env),
        own_file=partial(output_path, app.builder),
        is_free=partial(is_free, app),
    )
    for problem in problems:
        warn(problem.message, (problem.old.docname, line_of(app.env, problem.old)), problem.subtype)
    return redirects


def alias_files(app: Sphinx) -> list[OutputFile]:
    """The redirect pages of every old URL, for an HTML or dirhtml build."""
    builder = app.builder
    if builder.name not in HTML_BUILDERS or not app.config.callposts_redirects:
        return []
    env = app.env
    files = []
    for redirect in old_url_redirects(app):
        winner, relpath = redirect.old, redirect.file
        if not relpath:
            continue
        name = (_("alias {alias}") if winner.is_alias else _("old URL {alias}")).format(
            alias=repr(winner.path)
        )
        files.append(
            OutputFile(
                path=relpath,
                text=alias_page(builder, winner, relpath),
                name=name,
                location=(winner.docname, line_of(env, winner)),
                subtype=winner.subtype,
                rank=1,
            )
        )
    return files


def setup_redirects(app: Sphinx) -> None:
    """Have the alias pages written when an HTML build finishes."""
    app.connect(OUTPUT_FILES, alias_files)
