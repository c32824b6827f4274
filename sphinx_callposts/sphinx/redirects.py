"""Redirect pages from a post's ``aliases`` (and Hugo ``url``/``slug``), as Hugo writes them.

Hugo resolves an alias with a leading ``/`` from the site root and any other one from
the page's folder, and writes ``ALIAS/index.html`` (or ``ALIAS`` when it ends in
``.html``) holding a canonical link and a meta refresh. Here the target is a relative
URL, so the redirect still works when the site is served under a prefix such as
Read the Docs' ``/en/latest/``.
"""

from __future__ import annotations

import html
import posixpath
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urljoin, urlsplit

from sphinx.locale import get_translation

from .config import warn
from .store import store_of
from .writer import EVENT, HTML_BUILDERS, OutputFile, output_path

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ..core.post import Post

_ = get_translation("sphinx_callposts")


ALIAS_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="canonical" href="{canonical}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p>{moved} <a href="{target}">{title}</a></p>
</body>
</html>
"""


def alias_path(alias: str, docname: str) -> tuple[str, str]:
    """``(file under the output folder, "")`` for an alias, or ``("", why not)``."""
    # characters that no portable file name holds
    if any(ord(char) < 32 or char in '\\:*?"<>|' for char in alias.lstrip("/")):
        if "://" in alias:
            return "", _("is not a path but a URL")
        return "", _("is not a path")
    try:
        parts = urlsplit(alias.strip())
    except ValueError:
        return "", _("is not a path")
    if (
        parts.scheme
        or parts.netloc
        or parts.query
        or parts.fragment
        or alias.strip().startswith("//")
    ):
        return "", _("is not a path but a URL")
    path = unquote(parts.path)
    joined = (
        path.lstrip("/")
        if path.startswith("/")
        else posixpath.join(posixpath.dirname(docname), path)
    )
    normal = posixpath.normpath(joined) if joined else "."
    if normal == ".." or normal.startswith("../"):
        return "", _("escapes the output folder")
    if normal == ".":
        return "index.html", ""
    if normal.endswith((".html", ".htm")):
        return normal, ""
    return normal + "/index.html", ""


def relative_url(builder: Builder, from_file: str, docname: str) -> str:
    """The URL of a page, relative to the folder of ``from_file``."""
    target = unquote(builder.get_target_uri(docname))
    relative = posixpath.relpath(target or ".", posixpath.dirname(from_file) or ".")
    if not target or target.endswith("/"):
        relative = relative.rstrip("/") + "/"
    return quote(relative, safe="/#")


def alias_page(builder: Builder, post: Post, relpath: str) -> str:
    """Hugo's alias page for one alias of a post."""
    target = relative_url(builder, relpath, post.docname)
    base = builder.config.html_baseurl
    canonical = (
        urljoin(base.rstrip("/") + "/", builder.get_target_uri(post.docname)) if base else target
    )
    return ALIAS_PAGE.format(
        lang=html.escape(builder.config.language or "en"),
        title=html.escape(post.title or post.docname),
        canonical=html.escape(canonical),
        target=html.escape(target),
        moved=html.escape(_("This page has moved to")),
    )


def alias_line(env: BuildEnvironment, post: Post, alias: str) -> int:
    """The front matter line that gives the alias: ``aliases``, ``url`` or ``slug``."""
    key = next((key for key in ("url", "slug") if getattr(post, key) == alias), "aliases")
    return store_of(env).line_of(post.docname, key)


def planned_aliases(app: Sphinx) -> dict[str, list[tuple[Post, str]]]:
    """``file -> [(post, alias)]`` of every alias that is a path inside the output folder."""
    env, builder = app.env, app.builder
    planned: dict[str, list[tuple[Post, str]]] = {}
    for docname, post in sorted(store_of(env).posts.items()):
        if docname not in env.found_docs or (post.draft and not app.config.callposts_drafts):
            continue
        own = output_path(builder, docname)
        for alias in post.aliases:
            relpath, problem = alias_path(alias, docname)
            if problem:
                warn(
                    f"alias {alias!r} {problem}; no redirect written",
                    (docname, alias_line(env, post, alias)),
                    "alias",
                )
            elif relpath != own and all(
                other is not post for other, _alias in planned.get(relpath, ())
            ):
                planned.setdefault(relpath, []).append((post, alias))
    return planned


def alias_files(app: Sphinx) -> list[OutputFile]:
    """The alias pages of every post, for an HTML or dirhtml build."""
    builder = app.builder
    if builder.name not in HTML_BUILDERS or not app.config.callposts_redirects:
        return []
    env = app.env
    files = []
    for relpath, claims in sorted(planned_aliases(app).items()):
        if len(claims) > 1:
            problem = _("collides with an alias of another post ({path})").format(path=relpath)
            for post, alias in claims:
                location = (post.docname, alias_line(env, post, alias))
                warn(f"alias {alias!r} {problem}; no redirect written", location, "alias")
            continue
        [(post, alias)] = claims
        files.append(
            OutputFile(
                path=relpath,
                text=alias_page(builder, post, relpath),
                name=_("alias {alias}").format(alias=repr(alias)),
                location=(post.docname, alias_line(env, post, alias)),
                subtype="alias",
                rank=1,
            )
        )
    return files


def setup_redirects(app: Sphinx) -> None:
    """Have the alias pages written when an HTML build finishes."""
    app.connect(EVENT, alias_files)
