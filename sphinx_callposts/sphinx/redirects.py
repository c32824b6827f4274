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
import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urljoin, urlsplit

from sphinx.locale import get_translation

from ..core.permalinks import short_path
from .config import warn
from .oldurls import OldURL, line_of, old_urls
from .writer import EVENT, HTML_BUILDERS, OutputFile, is_free, output_path

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

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


#: the builder's attribute that holds the build's redirects
_REDIRECTS = "_callposts_redirects"
#: characters that no portable file name holds
_NOT_IN_NAMES = frozenset('\\:*?"<>|')
#: characters that end a line, besides the control characters
_LINE_SEPARATORS = frozenset("\x85\u2028\u2029")


def alias_path(alias: str, docname: str) -> tuple[str, str]:
    """``(file under the output folder, "")`` for an alias, or ``("", why not)``.

    Percent-escapes are decoded before the path is checked: ``/a%0Ab/`` holds a line
    break, ``/%2E%2E/x`` climbs a folder, as a web server reads them.
    """
    text = alias.strip()
    problem = _character_problem(text)
    if problem:
        return "", problem
    try:
        parts = urlsplit(text)
    except ValueError:
        return "", _("is not a path")
    if parts.scheme or parts.netloc or parts.query or parts.fragment or text.startswith("//"):
        return "", _("is not a path but a URL")
    try:
        path = unquote(parts.path, errors="strict")
    except UnicodeDecodeError:
        return "", _("is not a path: its percent-escapes are not UTF-8")
    problem = _character_problem(path) or _name_problem(path)
    if problem:
        return "", problem
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


def _character_problem(text: str) -> str:
    """What is wrong with a character of an alias, ``""`` when none is."""
    for char in text:
        code = ord(char)
        if char in _LINE_SEPARATORS:
            return _("holds the line separator U+{code:04X}").format(code=code)
        if code < 32 or 0x7F <= code <= 0x9F:
            return _("holds the control character U+{code:04X}").format(code=code)
        if 0xD800 <= code <= 0xDFFF:
            return _("holds the lone surrogate U+{code:04X}").format(code=code)
    return ""


def _name_problem(path: str) -> str:
    """Why no portable file name holds a decoded path, ``""`` when they do."""
    char = next((char for char in path if char in _NOT_IN_NAMES), "")
    if not char:
        return ""
    if "://" in path:
        return _("is not a path but a URL")
    return _("is not a path: no portable file name holds {char!r}").format(char=char)


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
    base = builder.config.html_baseurl
    canonical = (
        urljoin(base.rstrip("/") + "/", builder.get_target_uri(old.docname)) if base else target
    )
    return ALIAS_PAGE.format(
        lang=html.escape(builder.config.language or "en"),
        title=html.escape(old.title or old.docname),
        canonical=html.escape(canonical),
        target=html.escape(target),
        moved=html.escape(_("This page has moved to")),
    )


def warn_unwritten(env: BuildEnvironment, old: OldURL, problem: str) -> None:
    """Say, where the old URL is written, why no redirect is written for it."""
    if old.is_alias:
        message, subtype = f"alias {old.path!r} {problem}; no redirect written", "alias"
    else:
        origin = f"from {old.key!r}" if old.key else "Hugo's path of the page"
        message = f"old URL {old.path!r} ({origin}) {problem}; no redirect written"
        subtype = "permalink"
    warn(message, (old.docname, line_of(env, old)), subtype)


def warn_shortened(env: BuildEnvironment, old: OldURL, relpath: str) -> None:
    """Say that an old URL is too long for a file, and where its redirect is written."""
    what = _("alias {path}") if old.is_alias else _("old URL {path}")
    warn(
        _(
            "{what} is longer than a file name may be: its redirect is written at {relpath} "
            "(a web server must send the old URL there)"
        ).format(what=what.format(path=repr(old.path)), relpath=relpath),
        (old.docname, line_of(env, old)),
        "alias" if old.is_alias else "permalink",
    )


@dataclass(frozen=True)
class Redirect:
    """An old URL and the page it leads to: a line of each redirect file, and a redirect
    page unless the page itself is written there.

    :param served: the old URL's path, decoded as a web server reads it: ``/blog/x/``
        (a folder, served at ``/blog/x`` and ``/blog/x/index.html`` too) or ``/a.html``
    :param file: the redirect page under the output folder, ``""`` for none
    """

    old: OldURL
    served: str
    file: str


def old_url_redirects(app: Sphinx) -> tuple[Redirect, ...]:
    """Every old URL that leads to a page: what the redirect pages and files are made of.

    Worked out once per build, with its warnings, however many features ask.
    """
    builder = app.builder
    found_docs, urls = app.env.found_docs, old_urls(app.env, app.config)
    cached = getattr(builder, _REDIRECTS, None)
    if cached is None or cached[0] is not found_docs or cached[1] is not urls:
        cached = (found_docs, urls, tuple(_resolve(app)))
        setattr(builder, _REDIRECTS, cached)
    redirects: tuple[Redirect, ...] = cached[2]
    return redirects


def served_path(wanted: str) -> str:
    """The URL path of an output file: ``a/b/index.html`` -> ``/a/b/``."""
    if wanted == "index.html" or wanted.endswith("/index.html"):
        return "/" + wanted.removesuffix("index.html")
    return "/" + wanted


def _resolve(app: Sphinx) -> list[Redirect]:
    """One :class:`Redirect` per old URL that leads to one page, warning about the others."""
    env, builder = app.env, app.builder
    #: redirect page -> (old URL, its served path, whether the page itself is there)
    planned: dict[str, list[tuple[OldURL, str, bool]]] = {}
    for old in old_urls(env, app.config):
        wanted, problem = alias_path(old.path, old.docname)
        if problem:
            warn_unwritten(env, old, problem)
            continue
        relpath = short_path(wanted)
        if relpath != wanted:
            warn_shortened(env, old, relpath)
        claims = planned.setdefault(relpath, [])
        if all(other.docname != old.docname for other, _served, _own in claims):
            is_own = relpath == output_path(builder, old.docname)
            claims.append((old, served_path(wanted), is_own))
    found = []
    for relpath, claims in sorted(planned.items()):
        page = _redirect_page(app, relpath, [claim[:2] for claim in claims if not claim[2]])
        own = next((claim for claim in claims if claim[2]), None)
        if own:
            # the page itself is there: no redirect page, but the old host needs a redirect
            found.append(Redirect(own[0], own[1], ""))
        elif page:
            found.append(page)
    return found


def _redirect_page(app: Sphinx, relpath: str, claims: list[tuple[OldURL, str]]) -> Redirect | None:
    """The redirect page at ``relpath``: the claim that wins it, the others told why not."""
    if not is_free(app, relpath):
        # a page answers there: Hugo's default path of a page says nothing about it
        claims = [(old, served) for old, served in claims if old.key]
    if not claims:
        return None
    winner, refused = _winner(relpath, [old for old, _served in claims])
    for old, _served in claims:
        if old.path in refused:
            warn_unwritten(app.env, old, refused[old.path])
    served = next((served for old, served in claims if old is winner), "")
    return Redirect(winner, served, relpath) if winner is not None else None


def _winner(relpath: str, claims: list[OldURL]) -> tuple[OldURL | None, dict[str, str]]:
    """The page an output file redirects to, and why each other claim is refused.

    As on the Hugo site, a page's own URL beats another page's alias; two pages
    served at the same URL (a repeated slug) are both reported.
    """
    served = [old for old in claims if not old.is_alias]
    if served:
        problem = _("collides with the old URL of another page ({path})").format(path=relpath)
        if len(served) > 1:
            return None, {old.path: problem for old in claims}
        return served[0], {old.path: problem for old in claims if old.is_alias}
    if len(claims) > 1:
        problem = _("collides with an alias of another post ({path})").format(path=relpath)
        return None, {old.path: problem for old in claims}
    return claims[0], {}


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
                subtype="alias" if winner.is_alias else "permalink",
                rank=1,
            )
        )
    return files


def setup_redirects(app: Sphinx) -> None:
    """Have the alias pages written when an HTML build finishes."""
    app.connect(EVENT, alias_files)
