"""Redirect pages from a post's ``aliases`` (and Hugo ``url``/``slug``), as Hugo writes them.

Hugo resolves an alias with a leading ``/`` from the site root and any other one from
the page's folder, and writes ``ALIAS/index.html`` (or ``ALIAS`` when it ends in
``.html``) holding a canonical link and a meta refresh. Here the target is a relative
URL, so the redirect still works when the site is served under a prefix such as
Read the Docs' ``/en/latest/``.
"""

from __future__ import annotations

import html
import os
import posixpath
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urljoin, urlsplit

from sphinx.locale import get_translation

from .config import warn
from .store import store_of

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ..core.post import Post

_ = get_translation("sphinx_callposts")

#: the builders whose output is a tree of HTML files that a web server serves
HTML_BUILDERS = frozenset({"html", "dirhtml"})
#: marks the files this module writes, so that a later build may replace them
MARKER = '<meta name="generator" content="sphinx-callposts alias">'

ALIAS_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link rel="canonical" href="{canonical}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">
{marker}
</head>
<body>
<p>{moved} <a href="{target}">{title}</a></p>
</body>
</html>
"""


def write_output(outdir: str | Path, relpath: str, text: str) -> bool:
    """Write ``text`` to ``relpath`` under ``outdir``; refuse any path that leaves it.

    An unchanged file is left alone, so that its date stays that of the change.

    :returns: whether the file now holds ``text``
    """
    root = Path(outdir).resolve()
    if not relpath or "\0" in relpath or PurePosixPath(relpath).is_absolute():
        return False
    target = (root / relpath).resolve()
    if target == root or not target.is_relative_to(root):
        return False
    try:
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            return True
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError:
        return False
    return True


def keep_only(builder: Builder, kind: str, written: Iterable[str], mark: str) -> None:
    """Remove the files of ``kind`` that an earlier build wrote and this one did not.

    What each build wrote is listed beside the doctrees, the build's cache; a file
    is only removed while it still holds ``mark``, the sign that this extension wrote it.
    """
    record = Path(builder.doctreedir) / f"callposts-{kind}.txt"
    try:
        before = set(record.read_text(encoding="utf-8").splitlines())
    except OSError:
        before = set()
    root = Path(builder.outdir).resolve()
    for relpath in sorted(before - set(written)):
        target = (root / relpath).resolve()
        if target.is_relative_to(root) and target.is_file() and not _foreign_file(target, mark):
            target.unlink()
            # and the folders that only held it
            for folder in target.parents:
                if folder == root or not folder.is_relative_to(root) or any(folder.iterdir()):
                    break
                folder.rmdir()
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text("".join(f"{path}\n" for path in sorted(written)), encoding="utf-8")


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


def output_path(builder: Builder, docname: str) -> str:
    """The page's file under the output folder, ``/``-separated."""
    # string slicing, not Path.relative_to: this runs for every page of a build
    outfile, outdir = str(builder.get_outfilename(docname)), str(builder.outdir)
    return outfile[len(outdir) :].lstrip(os.sep).replace(os.sep, "/")


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
        marker=MARKER,
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


def write_redirects(app: Sphinx, exception: Exception | None) -> None:
    """Write the alias pages of every post, at the end of an HTML or dirhtml build."""
    builder = app.builder
    if exception or builder.name not in HTML_BUILDERS:
        return
    env = app.env
    pages = {output_path(builder, docname) for docname in env.found_docs}
    planned = planned_aliases(app) if app.config.callposts_redirects else {}
    written = set()
    for relpath, claims in sorted(planned.items()):
        problem = ""
        if relpath in pages:
            problem = _("collides with the page {path}").format(path=relpath)
        elif len(claims) > 1:
            problem = _("collides with an alias of another post ({path})").format(path=relpath)
        elif _foreign_file(Path(builder.outdir) / relpath):
            problem = _("collides with the file {path}").format(path=relpath)
        elif not write_output(builder.outdir, relpath, alias_page(builder, claims[0][0], relpath)):
            problem = _("cannot be written to {path}").format(path=relpath)
        else:
            written.add(relpath)
        for post, alias in claims if problem else ():
            location = (post.docname, alias_line(env, post, alias))
            warn(f"alias {alias!r} {problem}; no redirect written", location, "alias")
    keep_only(builder, "aliases", written, MARKER)


def _foreign_file(path: Path, mark: str = MARKER) -> bool:
    """Whether a file is there that this extension did not write (a static or extra file)."""
    try:
        return path.exists() and mark not in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True


def setup_redirects(app: Sphinx) -> None:
    """Write the alias pages when an HTML build finishes."""
    app.connect("build-finished", write_redirects)
