"""The old site's URLs of posts and section pages, and the files their redirects take.

Each post had, on the Hugo site, the URL that its ``url``, its section's ``permalinks``
pattern, its ``slug`` or its content path gave it, plus its ``aliases``; each section
page answered at its folder. The content path is the docname, or what
``callposts_hugo_paths`` says it was. Pure Python, no Sphinx: the build and ``check`` find the same
old URLs, refuse the same ones and settle the same collisions. What only a builder knows
(the file of a page, whether a page of the build answers at a path) comes in as
functions.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from .bundles import POST, SECTION
from .i18n import _
from .permalinks import Page, content_path, hugo_url, section_of, short_path

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from datetime import datetime

#: the key of :attr:`OldURL.key` for an alias
ALIAS = "aliases"
#: characters that no portable file name holds
_NOT_IN_NAMES = frozenset('\\:*?"<>|')
#: characters that end a line, besides the control characters
_LINE_SEPARATORS = frozenset("\x85\u2028\u2029")


@dataclass(frozen=True)
class OldURL:
    """One URL at which the old site served a page.

    :param path: as written (an alias may be relative to the page's folder) or as made
    :param key: the front-matter key or setting that gives it: ``aliases``, ``url``,
        ``slug``, ``permalinks``, or ``""`` for Hugo's default path
    :param base: a path from the old site's root whose folder a relative ``path``
        starts from; the docname's folder when ``""``
    :param date: the post's date: of two posts that give one alias, the older keeps it
    """

    docname: str
    title: str
    path: str
    key: str
    base: str = ""
    date: datetime | None = None

    @property
    def start(self) -> str:
        """What :func:`alias_path` resolves a relative path from."""
        return self.base or self.docname

    @property
    def is_alias(self) -> bool:
        """Whether the old site redirected from it, rather than served the page there."""
        return self.key == ALIAS

    @property
    def subtype(self) -> str:
        """The warning type of what is wrong with it."""
        return "alias" if self.is_alias else "permalink"

    @property
    def line_keys(self) -> tuple[str, ...]:
        """The front-matter keys whose line locates it, in order of precedence."""
        return {"permalinks": ("slug", "title"), "": ()}.get(self.key, (self.key,))


@dataclass(frozen=True)
class OldPage:
    """What the old URLs of a post or section page depend on, read off its front matter.

    :param kind: ``POST`` or ``SECTION``
    :param title: a post's title; a section page's, as its page shows it
    :param path: the page's path in Hugo's content when it is not its docname: a
        translation's file (``blog/x.de`` was Hugo's ``blog/x`` in German)
    """

    docname: str
    kind: str
    title: str = ""
    slug: str = ""
    url: str = ""
    date: datetime | None = None
    aliases: tuple[str, ...] = ()
    draft: bool = False
    path: str = ""


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


@dataclass(frozen=True)
class OldURLProblem:
    """Why an old URL gets no redirect page, or gets it elsewhere than asked."""

    old: OldURL
    message: str

    @property
    def subtype(self) -> str:
        return self.old.subtype


def old_urls(
    pages: Iterable[OldPage],
    permalinks: Mapping[str, object],
    *,
    drafts: bool = False,
    hugo_paths: Mapping[str, str] | None = None,
    lower: bool = True,
    language: str = "",
) -> tuple[OldURL, ...]:
    """The old URLs of every published post and every section page, by docname.

    :param drafts: drafts are published (``callposts_drafts``)
    :param hugo_paths: docs folder -> the content path it had in Hugo
        (``callposts_hugo_paths``)
    :param lower: paths are lowercased (not ``callposts_disable_path_to_lower``)
    :param language: the folder Hugo served the pages' language under (``de``: every
        path, an alias from the site's root too, starts with ``/de/``); ``""``: none
    """
    ordered = sorted(pages, key=lambda page: page.docname)
    paths = {
        page.docname: content_path(page.path or page.docname, hugo_paths or {}) for page in ordered
    }
    folder = f"/{language}" if language else ""
    sections = {posixpath.dirname(paths[page.docname]) for page in ordered if page.kind == SECTION}
    found: list[OldURL] = []
    for page in ordered:
        path = paths[page.docname]
        if page.kind == SECTION:
            hugo = Page(
                path, page.title, section=posixpath.dirname(path), is_section=True, lower=lower
            )
            url, key = hugo_url(hugo, permalinks)
            found.append(OldURL(page.docname, page.title, folder + url, key))
        elif page.kind == POST and (drafts or not page.draft):
            hugo = Page(
                path, page.title, page.slug, page.url, page.date,
                section=section_of(path, sections.__contains__), lower=lower,
            )  # fmt: skip
            url, key = hugo_url(hugo, permalinks)
            own = OldURL(page.docname, page.title, folder + url, key, date=page.date)
            # Hugo resolves a relative alias from the folder above the page's own URL, and
            # puts one from the site's root under the language's folder
            base = own.path.strip("/") or "index"
            found.append(own)
            for alias in page.aliases:
                written = _in_folder(alias, folder)
                found.append(
                    OldURL(page.docname, page.title, written, ALIAS, _base(alias, base), page.date)
                )
    return tuple(found)


def _in_folder(alias: str, folder: str) -> str:
    """An alias from the site's root, under a language's folder."""
    return folder + alias.strip() if folder and alias.strip().startswith("/") else alias


def _base(alias: str, base: str) -> str:
    """What a relative alias starts from; nothing for one from the site's root."""
    return "" if alias.strip().startswith("/") else base


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


def site_key(path: str, docname: str = "") -> str:
    """The key of a site path: ``/a/b/``, ``/a/b``, ``/a/b/index.html`` -> ``a/b``."""
    relpath, problem = alias_path(path, docname)
    if problem:
        return ""
    key = relpath.removesuffix("index.html").rstrip("/")
    return key.casefold()


def site_paths_of(
    docnames: Iterable[str], urls: Iterable[OldURL], hugo_paths: Mapping[str, str]
) -> dict[str, str]:
    """``site key -> docname`` of every page's path, here and in Hugo's content folder
    (``callposts_hugo_paths``), and of every old URL: where a site-absolute link lands."""
    found: dict[str, str] = {}
    for docname in sorted(docnames):
        for path in dict.fromkeys([docname, content_path(docname, hugo_paths)]):
            found.setdefault(site_key("/" + path), docname)
            for suffix in ("/index", "/_index"):
                if path.endswith(suffix) or path == suffix[1:]:
                    found.setdefault(site_key("/" + path.removesuffix(suffix[1:])), docname)
    for old in urls:
        found.setdefault(site_key(old.path, old.start), old.docname)
    found.pop("", None)
    return found


def answering_page(target: str, paths: Mapping[str, str]) -> str | None:
    """The page a site-absolute link (``/blog/x/#a``) lands on, of :func:`site_paths_of`."""
    path = target.partition("#")[0]
    return paths.get(site_key(path)) if path else None


def unanswered_link(target: str) -> str:
    """The warning for a site-absolute link that no page answers, with no old site to
    send it to (``callposts.link``)."""
    return (
        f"no page of the project answers the link {target!r}; set callposts_site_url to "
        'the old site\'s address (such as "https://example.org/") to link there'
    )


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


def served_path(wanted: str) -> str:
    """The URL path of an output file: ``a/b/index.html`` -> ``/a/b/``."""
    if wanted == "index.html" or wanted.endswith("/index.html"):
        return "/" + wanted.removesuffix("index.html")
    return "/" + wanted


def unwritten(old: OldURL, problem: str) -> OldURLProblem:
    """That no redirect is written for an old URL, and why."""
    if old.is_alias:
        return OldURLProblem(old, f"alias {old.path!r} {problem}; no redirect written")
    origin = f"from {old.key!r}" if old.key else "Hugo's path of the page"
    return OldURLProblem(old, f"old URL {old.path!r} ({origin}) {problem}; no redirect written")


def shortened(old: OldURL, relpath: str) -> OldURLProblem:
    """That an old URL is too long for a file, and where its redirect is written."""
    what = _("alias {path}") if old.is_alias else _("old URL {path}")
    message = _(
        "{what} is longer than a file name may be: its redirect is written at {relpath} "
        "(a web server must send the old URL there)"
    ).format(what=what.format(path=repr(old.path)), relpath=relpath)
    return OldURLProblem(old, message)


@dataclass(frozen=True)
class _Claim:
    """An old URL that wants a redirect file: its served path, whether it is the page's own."""

    old: OldURL
    served: str
    is_own: bool


def resolve(
    urls: Iterable[OldURL],
    own_file: Callable[[str], str],
    is_free: Callable[[str], bool],
) -> tuple[list[Redirect], list[OldURLProblem]]:
    """One :class:`Redirect` per old URL that leads to one page, and why the others do not.

    :param own_file: the file a page is written at, by docname
    :param is_free: whether no page of the build answers at a file
    :returns: the redirects by file, and the problems: those of each old URL in turn,
        then the collisions by file
    """
    problems: list[OldURLProblem] = []
    planned: dict[str, list[_Claim]] = {}
    for old in urls:
        wanted, problem = alias_path(old.path, old.start)
        if problem:
            problems.append(unwritten(old, problem))
            continue
        relpath = short_path(wanted)
        if relpath != wanted:
            problems.append(shortened(old, relpath))
        claims = planned.setdefault(relpath, [])
        if all(claim.old.docname != old.docname for claim in claims):
            claims.append(_Claim(old, served_path(wanted), relpath == own_file(old.docname)))
    found = []
    for relpath, claims in sorted(planned.items()):
        others = [claim for claim in claims if not claim.is_own]
        if others and not is_free(relpath):
            # a page answers there: Hugo's default path of a page says nothing about it
            others = [claim for claim in others if claim.old.key]
        own = next((claim for claim in claims if claim.is_own), None)
        if own and others:
            # in dirhtml a section page is at its old folder: what else claims it is told,
            # as in html, where the section page's old URL wins it
            problem = _collision(relpath)
            problems += [unwritten(claim.old, problem) for claim in others]
            others = []
        page = _redirect_page(relpath, others, problems) if others else None
        if own:
            # the page itself is there: no redirect page, but the old host needs a redirect
            found.append(Redirect(own.old, own.served, ""))
        elif page:
            found.append(page)
    return found, problems


def _redirect_page(
    relpath: str, claims: list[_Claim], problems: list[OldURLProblem]
) -> Redirect | None:
    """The redirect page at ``relpath``: the claim that wins it, the others told why not."""
    winner, refused = choose_winner(relpath, [claim.old for claim in claims])
    problems += [unwritten(old, problem) for old, problem in refused]
    served = next((claim.served for claim in claims if claim.old is winner), "")
    return Redirect(winner, served, relpath) if winner is not None else None


def choose_winner(
    relpath: str, claims: list[OldURL]
) -> tuple[OldURL | None, list[tuple[OldURL, str]]]:
    """The old URL an output file redirects from, and why each other one is refused.

    As on the Hugo site, a page's own URL beats another page's alias; two pages
    served at the same URL (a repeated slug) are both reported. Of the posts that give
    one alias, the oldest keeps it (most often, a newer post copied its front matter);
    each other one is told.
    """
    served = [old for old in claims if not old.is_alias]
    if served:
        problem = _collision(relpath)
        if len(served) > 1:
            return None, [(old, problem) for old in claims]
        return served[0], [(old, problem) for old in claims if old.is_alias]
    winner, *others = sorted(claims, key=_oldest_first)
    problem = _("is already the alias of the post {title!r} ({path})").format(
        title=winner.title, path=relpath
    )
    return winner, [(old, problem) for old in others]


def _collision(relpath: str) -> str:
    """Why an old URL is refused where another page's old URL wins its file."""
    return _("collides with the old URL of another page ({path})").format(path=relpath)


def _oldest_first(old: OldURL) -> tuple[bool, datetime | None, str]:
    return old.date is None, old.date, old.docname
