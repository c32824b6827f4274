"""People and tags pages: a page per tag and per person, an index of each, in the site's theme.

As Hugo's taxonomy pages and ABlog's archives. The pages are not documents: they are
made at ``html-collect-pages`` (as Sphinx makes ``genindex``) with the theme's
``page.html``, and only those whose content changed are written again: what each page
showed (its posts' entries as the listing cuts them, whether each is upcoming, the
configuration that shapes them) is recorded by the writer, with the hash of each page
as written, so that a page no longer made is removed while it holds what was written
(``writer.py``). Tags and names in headers and
listings carry their term, and become links to these pages when an HTML page is
resolved.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation

from ..core.selection import ListingSpec, cut_terms, is_future, listed_people
from ..core.taxonomy import Term, clash_message, term_key, term_keys
from .config import CONFIG_VALUES, config_location, warn
from .listing_render import ListingRenderer
from .pending import PAGES_TO_REWRITE
from .render import PEOPLE, TAGS
from .store import listed_fields, store_of
from .terms import (
    clashes_of,
    folder_of,
    index_links,
    link_terms,
    outdated_term_links,
    page_uri,
    term_pages,
)
from .writer import (
    HTML_BUILDERS,
    claim_page,
    forget_stale_pages,
    made_page,
    output_path,
    remove_output,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.application import Sphinx

    from ..core.post import Post

_ = get_translation("sphinx_callposts")

#: where releases before the writer recorded these pages kept what each page showed
LEGACY_RECORD = ".callposts-taxonomy.json"


def resolve_terms(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Link the tags and names of a page (its header and its listings)."""
    link_terms(app.builder, doctree, fromdocname)


@dataclass(frozen=True)
class TaxonomyPage:
    """A tags or people page, or the index of either.

    :param shown: what the page shows, as text to compare with the last build's
    :param make_body: its body nodes, made only when it is written
    :param kind: :data:`.render.TAGS` or :data:`.render.PEOPLE`
    :param term: the tag or person of the page; None for an index
    """

    pagename: str
    title: str
    shown: str
    make_body: Callable[[], list[nodes.Node]]
    kind: str
    term: Term | None = None


class TaxonomyPages:
    """The tags and people pages of one build of one HTML builder."""

    def __init__(self, app: Sphinx) -> None:
        self.builder = app.builder
        self.config = app.config
        self.when = store_of(app.env).build_now
        self.terms = term_pages(app.builder)
        self.entries: dict[str, tuple[object, ...]] = {}

    def pages(self) -> Iterator[TaxonomyPage]:
        """Every page, each index after its terms' pages."""
        for kind, index_title in ((TAGS, _("Tags")), (PEOPLE, _("People"))):
            terms = self.terms.get(kind)
            if terms is None:
                continue
            folder = folder_of(self.builder, kind)
            for term in terms.values():
                pagename, title = f"{folder}/{term.slug}", term_title(kind, term.name)
                body = partial(self.term_body, pagename, title, term)
                yield TaxonomyPage(pagename, title, self.term_shown(term), body, kind, term)
            counts = sorted((term.slug, term.name, len(term.posts)) for term in terms.values())
            pagename = f"{folder}/index"
            body = partial(self.index_body, pagename, index_title, list(terms.values()))
            yield TaxonomyPage(pagename, index_title, json.dumps(counts), body, kind)

    def term_shown(self, term: Term) -> str:
        """What a term's page shows, as text to compare with the last build's."""
        return repr((term.name, term.person, [self.entry_shown(post) for post in term.posts]))

    def entry_shown(self, post: Post) -> tuple[object, ...]:
        """What a post's entry shows, on whatever page: the same for each of its terms.

        Its tags and people only as far as the listing shows them (with the pages they
        link to): all of them made every page of a post with N tags cost N.
        """
        shown = self.entries.get(post.docname)
        if shown is None:
            limit = self.config.callposts_listing_terms
            tags, more_tags = cut_terms(post.tags, limit)
            people, more_people = cut_terms(listed_people(post), limit)
            shown = self.entries[post.docname] = (
                listed_fields(replace(post, tags=(), authors=(), presenters=())),
                is_future(post, self.when),
                [(tag, self.slug(TAGS, tag)) for tag in tags], more_tags,
                [(person, self.slug(PEOPLE, person.name)) for person in people], more_people,
            )  # fmt: skip
        return shown

    def slug(self, kind: str, name: str) -> str | None:
        """The page name of a tag or person, or None when they have no page."""
        term = self.terms.get(kind, {}).get(term_key(name))
        return term.slug if term else None

    def term_body(self, pagename: str, title: str, term: Term) -> list[nodes.Node]:
        """The page of one tag or person: their link, then their posts as a listing."""
        section = nodes.section(ids=["callposts-term"], classes=["callposts-term"])
        section += nodes.title("", title)
        person = term.person
        if person is not None and person.url:
            section += nodes.paragraph(
                "", "", nodes.reference("", person.url, refuri=person.url),
                classes=["callposts-person-link"],
            )  # fmt: skip
        renderer = ListingRenderer(self.builder, pagename)
        section += renderer.render(ListingSpec(), term.posts, self.when)
        section += index_links(self.builder, pagename)
        return [section]

    def index_body(self, pagename: str, title: str, terms: list[Term]) -> list[nodes.Node]:
        """The index of the tags or people, each with the number of its posts."""
        section = nodes.section(ids=["callposts-terms"], classes=["callposts-terms"])
        section += nodes.title("", title)
        kind = TAGS if posixpath.dirname(pagename) == folder_of(self.builder, TAGS) else PEOPLE
        items = nodes.bullet_list(classes=[f"callposts-{kind}-index"])
        folder = posixpath.dirname(pagename)
        for term in sorted(terms, key=lambda term: (term.name.casefold(), term.slug)):
            uri = page_uri(self.builder, pagename, f"{folder}/{term.slug}")
            items += nodes.list_item(
                "",
                nodes.paragraph(
                    "", "", nodes.reference("", term.name, internal=True, refuri=uri),
                    nodes.inline("", f" ({len(term.posts)})", classes=["callposts-count"]),
                ),
            )  # fmt: skip
        if not terms:
            section += nodes.paragraph("", _("No posts yet."), classes=["callposts-empty"])
        else:
            section += items
        section += index_links(self.builder, pagename)
        return [section]


def term_title(kind: str, name: str) -> str:
    """The title of a tag's or person's page."""
    return _("Posts tagged “%s”") % name if kind == TAGS else name


def config_stamp(app: Sphinx) -> str:
    """What of the configuration shapes the pages, as text: changed, every page is rewritten.

    The HTML builder's own hash holds only its ``html`` values: the zone, the date
    format or the emails shown are ``env`` values, which shape the entries too.
    """
    build = getattr(app.builder, "build_info", None)
    values = [(name, getattr(app.config, name, None)) for name in sorted(CONFIG_VALUES)]
    values.append(("language", app.config.language))
    ours = hashlib.sha256(repr(values).encode("utf8", "surrogatepass")).hexdigest()
    return f"{getattr(build, 'config_hash', '')}/{getattr(build, 'tags_hash', '')}/{ours}"


def navigation_stamp(app: Sphinx) -> str:
    """What the theme's navigation around a page shows: every page's title and place.

    A tags page is no document, so Sphinx never marks it for rewriting when a title in
    its sidebar changes; this stamp in its digest does, once per build for all of them.
    """
    env = app.env
    titles = sorted((name, title.astext()) for name, title in env.titles.items())
    tree = sorted((name, tuple(children)) for name, children in env.toctree_includes.items())
    text = repr((titles, tree))
    return hashlib.sha256(text.encode("utf8", "surrogatepass")).hexdigest()


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, object], str]]:
    """The tags and people pages whose content changed, for Sphinx to write in the theme.

    The writer records them (:func:`.writer.made_page`) and removes the pages of the
    last build that this one no longer makes (a tag gone, or the pages turned off),
    unless a page of the project now holds their file or the file no longer holds what
    Sphinx wrote there (changed since by hand: kept, with a warning).
    """
    builder = app.builder
    if builder.name not in HTML_BUILDERS:
        return
    warn_clashes(app)
    stamp = f"{config_stamp(app)}/{navigation_stamp(app)}"
    changed = []
    for page in TaxonomyPages(app).pages():
        relpath = output_path(builder, page.pagename)
        location = page_location(app, page)
        holder = claim_page(app, relpath, f"{describe(page)} ({place(app, location)})")
        if holder:
            warn(f"{describe(page)} collides with {holder}; not written", location, "taxonomy")
            continue
        shown = hashlib.sha256(f"{stamp}\n{page.shown}".encode("utf8", "surrogatepass"))
        if made_page(app, relpath, shown.hexdigest()):
            changed.append(page)
    # the record names every page before Sphinx writes the first
    for relpath in forget_stale_pages(app):
        warn_kept_page(app, relpath)
    remove_output(builder.outdir, LEGACY_RECORD)
    for page in changed:
        yield page.pagename, render_page(app, page), "page.html"


def warn_kept_page(app: Sphinx, relpath: str) -> None:
    """Warn that a page the build no longer makes is kept: it changed since it was written."""
    people = folder_of(app.builder, PEOPLE)
    setting = (
        "callposts_people_url"
        if people and relpath.startswith(f"{people}/")
        else "callposts_tags_url"
    )
    warn(
        f"{relpath}, a page an earlier build made, changed since it was written: "
        "left as it is (remove it to have it go)",
        config_location(app, setting) or str(Path(app.builder.outdir, relpath)), "taxonomy",
    )  # fmt: skip


def render_page(app: Sphinx, page: TaxonomyPage) -> dict[str, object]:
    """The context of a page for the theme's ``page.html``."""
    body = page.make_body()
    for node in body:
        if isinstance(node, nodes.Element):
            link_terms(app.builder, node, page.pagename)
    container = nodes.container("", *body)
    # a page of no document has none of a document's figure numbers; and in a build
    # that wrote no document (its pages all written by a killed one), none is set
    app.builder.fignumbers = {}  # type: ignore[attr-defined]
    fragment = app.builder.render_partial(container)["fragment"]  # type: ignore[attr-defined]
    # themes print a page's title as HTML, as Sphinx renders a document's
    return {"title": html.escape(page.title), "body": fragment}


def describe(page: TaxonomyPage) -> str:
    """How a warning names a page: ``the page tags/foo of the tag 'Foo'``."""
    if page.term is None:
        return f"the index page {page.pagename}"
    what = "person" if page.term.person is not None else "tag"
    return f"the page {page.pagename} of the {what} {page.term.name!r}"


def place(app: Sphinx, location: tuple[str, int] | str | None) -> str:
    """``file:line`` of a warning's location."""
    if not isinstance(location, tuple):
        return location or "conf.py"
    docname, line = location
    return f"{app.env.doc2path(docname, False)}:{line}"


def page_location(app: Sphinx, page: TaxonomyPage) -> tuple[str, int] | str | None:
    """Where a warning about a page points: its term's post; for an index, the setting of
    its folder, else the document that holds its name."""
    if page.term is not None:
        return term_location(app, page.term)
    setting = "callposts_tags_url" if page.kind == TAGS else "callposts_people_url"
    if location := config_location(app, setting):
        return location
    return (page.pagename, 1) if page.pagename in app.env.found_docs else None


def warn_clashes(app: Sphinx) -> None:
    """Warn about each tag or person that did not get the page name they wanted."""
    for kind, clashes in clashes_of(app.builder).items():
        folder = folder_of(app.builder, kind)
        for clash in clashes:
            warn(clash_message(clash, folder), term_location(app, clash.term), "taxonomy")


def term_location(app: Sphinx, term: Term) -> tuple[str, int]:
    """Where a warning about a term points: the front-matter line of its newest post."""
    docname = term.posts[0].docname
    return docname, store_of(app.env).line_of(docname, *term_keys(term))


def setup_taxonomy(app: Sphinx) -> None:
    """Link tags and names to their pages, and make those pages."""
    # after the listings (500) have put their tags and names in the page
    app.connect("doctree-resolved", resolve_terms, priority=600)
    app.connect("html-collect-pages", collect_pages)
    app.connect(PAGES_TO_REWRITE, outdated_term_links)
