"""Navigation: the section pages' hidden toctrees, and previous/next links between posts.

A section page's toctree holds its direct children, newest first, in the listings'
order (a sub-section counts as its newest post): the navigation is a tree, so
Sphinx's per-page navigation stays small. It is built while the page is read, from a
cheap scan of the front matter of every post (kept in the environment, redone only
for changed files).
"""

from __future__ import annotations

import html
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import _ as sphinx_words
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform

from ..core.bundles import POST, SECTION
from ..core.scan import Scanned, scan_page
from ..core.selection import newest_first, visible
from .config import call_zone
from .confine import allowed_folders
from .doctree import append_to_body
from .pending import PAGES_TO_REWRITE
from .store import store_of, view_of
from .writer import HTML_BUILDERS

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from ..core.post import Post

_ = get_translation("sphinx_callposts")

#: builders that join every page into one output, where previous/next links make no sense
_ONE_OUTPUT = frozenset({"singlehtml", "latex", "texinfo", "man", "rinoh"})
#: themes that end a page with links to the previous and next pages by their titles
#: (Sphinx's ``prev``/``next``); the relation bars of Sphinx's own themes ("next |
#: previous") and alabaster's "Related Topics" name no page, and leave ours on
THEMES_WITH_NEIGHBOURS = frozenset(
    {"furo", "sphinx_rtd_theme", "pydata_sphinx_theme", "sphinx_book_theme"}
)


def scan_pages(env: BuildEnvironment, kinds: dict[str, str]) -> dict[str, Scanned]:
    """The scan of every post and section page, reusing the previous one for unchanged files."""
    store = store_of(env)
    old = store.scanned
    store.parsed = {}
    zone = call_zone(env.config)
    folders = allowed_folders(env)
    scanned = {}
    for docname in kinds:
        path = Path(env.doc2path(docname))  # a str before Sphinx 8
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            continue
        entry = old.get(docname)
        scanned[docname] = (
            entry
            if entry and entry.mtime == mtime
            else scan_page(docname, path, mtime, zone, Path(env.srcdir), folders, store.parsed)
        )
    return scanned


def parent_section(docname: str, kinds: dict[str, str]) -> str | None:
    """The nearest section page above a page (for a section page: above its folder)."""
    folder = posixpath.dirname(docname)
    if kinds.get(docname) == SECTION:
        if not folder:
            return None
        folder = posixpath.dirname(folder)
    while True:
        for name in ("_index", "index"):
            candidate = posixpath.join(folder, name)
            if candidate != docname and kinds.get(candidate) == SECTION:
                return candidate
        if not folder:
            return None
        folder = posixpath.dirname(folder)


def section_tree(
    kinds: dict[str, str], scanned: dict[str, Scanned], drafts: bool
) -> dict[str, tuple[str, ...]]:
    """``section -> its direct children``, newest first (a sub-section as its newest post).

    Sub-sections and posts are ordered together, as the listings order posts, so that
    the previous/next links a theme draws from the toctree follow the listings.
    """
    newest: dict[str, datetime] = {}
    children: dict[str, list[str]] = {name: [] for name, kind in kinds.items() if kind == SECTION}
    for docname, kind in sorted(kinds.items()):
        entry = scanned.get(docname, Scanned(0))
        if kind == POST and entry.draft and not drafts:
            continue
        parent = parent_section(docname, kinds)
        if parent is not None:
            children[parent].append(docname)
        ancestor = parent if kind == POST else docname
        while entry.date and ancestor is not None:
            if ancestor not in newest or newest[ancestor] < entry.date:
                newest[ancestor] = entry.date
            ancestor = parent_section(ancestor, kinds)

    def order(docname: str) -> tuple[object, ...]:
        date = newest.get(docname) if kinds[docname] == SECTION else scanned[docname].date
        title = scanned[docname].title.casefold() if docname in scanned else ""
        return (
            date is None,
            -date.timestamp() if date else 0.0,
            title,
            docname,
        )

    return {name: tuple(sorted(found, key=order)) for name, found in children.items()}


def descendants(sections: Iterable[str], tree: dict[str, tuple[str, ...]]) -> set[str]:
    """The sections and every page below them in the tree."""
    found: set[str] = set()
    todo = list(sections)
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo.extend(tree.get(name, ()))
    return found


def hidden_toctree(docname: str, children: Iterable[str]) -> nodes.compound:
    """A hidden toctree of ``children``, as the ``toctree`` directive makes it."""
    children = list(children)
    toctree = addnodes.toctree()
    toctree["parent"] = docname
    toctree["entries"] = [(None, child) for child in children]
    toctree["includefiles"] = children
    toctree["maxdepth"] = -1
    toctree["caption"] = None
    toctree["glob"] = False
    toctree["hidden"] = True
    toctree["includehidden"] = False
    toctree["numbered"] = 0
    toctree["titlesonly"] = False
    toctree["rawentries"] = []
    return nodes.compound("", toctree, classes=["toctree-wrapper"])


class SectionNavigation(SphinxTransform):
    """Give section pages their hidden toctree; leave hidden drafts out of the navigation."""

    default_priority = 860  # after the post header (850), before doctree-read (880)

    def apply(self, **kwargs: object) -> None:
        env, docname = self.env, self.env.docname
        store = store_of(env)
        kind = store.kinds.get(docname)
        if kind == SECTION:
            # a page may list some children in a toctree of its own: not twice
            own = {
                name
                for node in self.document.findall(addnodes.toctree)
                for name in node["includefiles"]
            }
            children = [name for name in store.tree.get(docname, ()) if name not in own]
            if children:
                append_to_body(self.document, hidden_toctree(docname, children))
        elif kind == POST:
            scanned = store.scanned.get(docname)
            if scanned and scanned.draft and not self.config.callposts_drafts:
                # left out of the navigation like it is left out of listings
                env.metadata[docname]["orphan"] = True


def navigation_title(app: Sphinx, doctree: nodes.document) -> None:
    """Show a page's ``linkTitle`` in the navigation, as Hugo's menus do.

    Toctrees and the sidebar show the top entry of the page's stored table of
    contents, previous/next links ``env.titles``; the page's own heading and
    ``<title>`` (``env.longtitles``) keep the full title.
    """
    env = app.env
    store = store_of(env)
    scanned = store.scanned.get(env.docname)
    title = env.titles.get(env.docname)
    if not scanned or not scanned.title or title is None:
        return
    shown = month_with_year(env.docname, scanned.title, store.kinds)
    if title.astext() == shown:
        return
    env.titles[env.docname] = nodes.title(shown, shown)
    toc = env.tocs.get(env.docname)
    top = next(iter(toc.findall(nodes.reference)), None) if toc is not None else None
    if top is not None and not top.get("anchorname"):
        top.children[:] = [nodes.Text(shown)]


def month_with_year(docname: str, title: str, kinds: dict[str, str]) -> str:
    """A month's section page (``2026/02/_index``, "February") in a year folder without a
    section page of its own, titled with the year ("February 2026"): it stands in the
    navigation beside the other years' pages, not below its own year."""
    folder = posixpath.dirname(docname)
    month, year_folder = posixpath.basename(folder), posixpath.dirname(folder)
    year = posixpath.basename(year_folder)
    if kinds.get(docname) != SECTION or not (month.isdigit() and 1 <= int(month) <= 12):
        return title
    if len(year) != 4 or not year.isdigit() or year in title.split():
        return title
    pages = (posixpath.join(year_folder, name) for name in ("_index", "index"))
    return title if any(kinds.get(page) == SECTION for page in pages) else f"{title} {year}"


def outermost_section(docname: str, kinds: dict[str, str]) -> str:
    """The top section page above a post, ``""`` when there is none."""
    top, parent = "", parent_section(docname, kinds)
    while parent is not None:
        top, parent = parent, parent_section(parent, kinds)
    return top


def neighbours(
    posts: Iterable[Post], kinds: dict[str, str], config: Config, when: datetime
) -> dict[str, tuple[Post | None, Post | None]]:
    """``docname -> (previous, next)`` under the same top section, in the listings' order.

    Newest first, as in the listings and the section toctrees, so that these links
    agree with the previous/next links that Sphinx themes draw from the toctree.
    """
    shown = [post for post in posts if visible(post, config.callposts_drafts, when)]
    if config.callposts_future == "hide":
        shown = [post for post in shown if not (post.date and post.date > when)]
    by_top: dict[str, list[Post]] = {}
    for post in sorted(shown, key=newest_first):
        by_top.setdefault(outermost_section(post.docname, kinds), []).append(post)
    result: dict[str, tuple[Post | None, Post | None]] = {}
    for row in by_top.values():
        for index, post in enumerate(row):
            older = row[index + 1] if index + 1 < len(row) else None
            newer = row[index - 1] if index else None
            result[post.docname] = (newer, older)
    return result


def nav_links(
    app: Sphinx, fromdocname: str, pair: tuple[Post | None, Post | None]
) -> list[nodes.Node]:
    """The previous/next paragraph of a post."""
    container = nodes.container(classes=["callpost-nav"])
    for post, label, cls in (
        (pair[0], _("Newer"), "callpost-nav-prev"),
        (pair[1], _("Older"), "callpost-nav-next"),
    ):
        if post is None:
            continue
        uri = app.builder.get_relative_uri(fromdocname, post.docname)
        container += nodes.paragraph(
            "", "", nodes.inline("", label + ": ", classes=["callpost-label"]),
            nodes.reference("", post.link_title or post.title, internal=True, refuri=uri),
            classes=[cls],
        )  # fmt: skip
    return [container] if container.children else []


def resolve_nav(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """End a post's page with its previous/next links, where each page is its own file."""
    env = app.env
    if app.builder.name in _ONE_OUTPUT or store_of(env).kinds.get(fromdocname) != POST:
        return
    if not shows_own_links(app.builder):
        return
    pair = build_neighbours(env, app.config).get(fromdocname, (None, None))
    for node in nav_links(app, fromdocname, pair):
        append_to_body(doctree, node)


def shows_own_links(builder: Builder) -> bool:
    """Whether posts end with the extension's Newer/Older links (``callposts_neighbours``).

    "auto": not where the theme ends a page with previous/next links of its own, which
    :func:`theme_neighbours` makes point to the same posts.
    """
    setting = builder.config.callposts_neighbours
    if setting != "auto":
        return bool(setting)
    return builder.name not in HTML_BUILDERS or builder.config.html_theme not in (
        THEMES_WITH_NEIGHBOURS
    )


def theme_neighbours(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """Make the theme's previous/next of a post the extension's neighbours.

    Sphinx takes them from the toctree, where the first and last post of a section lead
    to section pages; the extension walks all the posts of the top section. Themes draw
    ``prev``/``next`` (and the relation bar ``rellinks``): set to the same posts, the
    two never disagree.
    """
    if doctree is None or store_of(app.env).kinds.get(pagename) != POST:
        return
    pair = build_neighbours(app.env, app.config).get(pagename, (None, None))
    relations = [_relation(app.builder, pagename, post) for post in pair]
    context["prev"], context["next"] = relations
    rellinks = context.get("rellinks")
    if isinstance(rellinks, list):
        labels = {key: label for _name, _title, key, label in rellinks if key in ("N", "P")}
        kept = [link for link in rellinks if link[2] not in ("N", "P")]
        for key, post, word in (("N", pair[1], "next"), ("P", pair[0], "previous")):
            if post is not None:
                title = html.escape(post.link_title or post.title)
                kept.append((post.docname, title, key, labels.get(key) or sphinx_words(word)))
        context["rellinks"] = kept


def _relation(builder: Builder, pagename: str, post: Post | None) -> dict[str, str] | None:
    """A previous/next of Sphinx's page context: the link and the title, as HTML."""
    if post is None:
        return None
    link = builder.get_relative_uri(pagename, post.docname)
    return {"link": link, "title": html.escape(post.link_title or post.title)}


def build_neighbours(
    env: BuildEnvironment, config: Config
) -> dict[str, tuple[Post | None, Post | None]]:
    """:func:`neighbours` of this build's posts (:class:`.view.BuildView`)."""
    return view_of(env).neighbours


def outdated_sections(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Rescan the front matter; return the section pages whose children changed, to re-read them."""
    store = store_of(env)
    store.scanned = scan_pages(env, store.kinds)
    old_tree = store.tree
    store.tree = tree = section_tree(store.kinds, store.scanned, app.config.callposts_drafts)
    moved = {name for name in tree.keys() | old_tree.keys() if tree.get(name) != old_tree.get(name)}
    # every page below them shows the changed navigation in its sidebar
    store.refresh = descendants(moved, tree) | descendants(moved, old_tree)
    store.relations = _relations(env)
    return sorted((moved | retitled_months(env)) & env.found_docs)


def retitled_months(env: BuildEnvironment) -> set[str]:
    """The month pages whose year folder got or lost its section page since they were
    read: their navigation title gains or loses the year (:func:`month_with_year`)."""
    store = store_of(env)
    return {
        name
        for name, kind in store.kinds.items()
        if kind == SECTION
        and name in env.titles
        and (entry := store.scanned.get(name)) is not None
        and entry.title
        and env.titles[name].astext() != month_with_year(name, entry.title, store.kinds)
    }


def _relations(env: BuildEnvironment) -> dict[str, list[str | None]]:
    """Sphinx's parent/previous/next of every page, or nothing while the toctrees are broken."""
    try:
        return env.collect_relations()
    except (KeyError, StopIteration, RecursionError):
        return {}


def outdated_neighbours(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages whose previous/next links, Sphinx relations or sidebar changed."""
    store = store_of(env)
    changed = store.changed_posts(app.config)
    pages, store.refresh = store.refresh, set()
    if not changed:
        return sorted(pages & env.found_docs)
    kinds, posts = store.kinds, store.posts
    before = dict(posts)
    for docname, (old, _new) in changed.items():
        before.pop(docname, None)
        if old is not None:
            before[docname] = old
    when = store.build_now
    old_links = neighbours(before.values(), kinds, app.config, when)
    new_links = neighbours(posts.values(), kinds, app.config, when)
    pages.update(
        docname
        for docname in old_links.keys() | new_links.keys()
        if _link_view(old_links.get(docname)) != _link_view(new_links.get(docname))
    )
    relations = _relations(env)
    pages.update(name for name in relations if relations[name] != store.relations.get(name))
    retitled = [docname for docname, (old, new) in changed.items() if _titles(old) != _titles(new)]
    # the title shows in the sidebar of its siblings and in its neighbours' relations;
    # each section is walked once, however many of its posts changed (all, on a full build)
    parents = {parent for name in retitled if (parent := parent_section(name, kinds))}
    pages.update(descendants(parents, store.tree))
    for docname in retitled:
        pages.update(filter(None, relations.get(docname, ())))
    return sorted(pages & env.found_docs)


def _titles(post: Post | None) -> tuple[str, str] | None:
    return (post.title, post.link_title) if post else None


def _link_view(pair: tuple[Post | None, Post | None] | None) -> tuple[object, ...]:
    """What a post's previous/next links show: the neighbours' docnames and titles."""
    if pair is None:
        return ()
    return tuple((post.docname, post.link_title or post.title) if post else None for post in pair)


def setup_nav(app: Sphinx) -> None:
    """Register the section toctrees and the previous/next links."""
    app.add_transform(SectionNavigation)
    # after Sphinx's title and table of contents collectors
    app.connect("doctree-read", navigation_title, priority=600)
    app.connect("env-get-outdated", outdated_sections)
    app.connect("doctree-resolved", resolve_nav)
    app.connect("html-page-context", theme_neighbours)
    app.connect(PAGES_TO_REWRITE, outdated_neighbours)
