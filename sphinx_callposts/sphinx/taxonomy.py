"""People and tags pages: a page per tag and per person, an index of each, in the site's theme.

As Hugo's taxonomy pages and ABlog's archives. The pages are not documents: they are
made at ``html-collect-pages`` (as Sphinx makes ``genindex``) with the theme's
``page.html``, and only those whose posts changed are written again; what each page
showed is recorded in the output folder. Tags and names in headers and listings carry
their term, and become links to these pages when an HTML page is resolved.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import get_translation

from ..core.selection import ListingSpec
from ..core.taxonomy import Term, people_of, tags_of
from .config import warn
from .listing import ListingRenderer
from .render import PEOPLE, TAGS
from .store import listed_fields, store_of
from .terms import folder_of, link_terms, visible_posts

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.application import Sphinx

_ = get_translation("sphinx_callposts")

#: what each taxonomy page showed when it was last written, in the output folder
RECORD = ".callposts-taxonomy.json"


def resolve_terms(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Link the tags and names of a page (its header and its listings)."""
    link_terms(app.builder, doctree, fromdocname)


class TaxonomyPages:
    """The tags and people pages of one build of one HTML builder."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.builder = app.builder
        self.when = store_of(app.env).build_now
        self.posts = visible_posts(app.builder)

    def pages(self) -> Iterator[tuple[str, str, str, Callable[[], list[nodes.Node]]]]:
        """``(pagename, title, what the page shows, its body nodes when asked)`` of every page."""
        for kind, terms, index_title in (
            (TAGS, tags_of(self.posts), _("Tags")),
            (PEOPLE, people_of(self.posts), _("People")),
        ):
            folder = folder_of(self.builder, kind)
            if not folder:
                continue
            for slug, term in terms.items():
                pagename, title = f"{folder}/{slug}", term_title(kind, term.name)
                yield pagename, title, shown(term), partial(self.term_body, pagename, title, term)
            counts = sorted((slug, term.name, len(term.posts)) for slug, term in terms.items())
            pagename = f"{folder}/index"
            yield (
                pagename,
                index_title,
                json.dumps(counts),
                partial(self.index_body, pagename, index_title, kind, terms),
            )

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
        return [section]

    def index_body(
        self, pagename: str, title: str, kind: str, terms: dict[str, Term]
    ) -> list[nodes.Node]:
        """The index of the tags or people, each with the number of its posts."""
        section = nodes.section(ids=["callposts-terms"], classes=["callposts-terms"])
        section += nodes.title("", title)
        items = nodes.bullet_list(classes=[f"callposts-{kind}-index"])
        folder = posixpath.dirname(pagename)
        for slug, term in sorted(terms.items(), key=lambda item: item[1].name.casefold()):
            uri = self.builder.get_relative_uri(pagename, f"{folder}/{slug}")
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
        return [section]


def term_title(kind: str, name: str) -> str:
    """The title of a tag's or person's page."""
    return _("Posts tagged “%s”") % name if kind == TAGS else name


def shown(term: Term) -> str:
    """What a term's page shows, as text to compare with the last build's."""
    return repr((term.name, term.person, [listed_fields(post) for post in term.posts]))


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, object], str]]:
    """The tags and people pages whose content changed, for Sphinx to write in the theme."""
    builder = app.builder
    if not any(folder_of(builder, kind) for kind in (TAGS, PEOPLE)):
        return
    record_path = Path(builder.outdir) / RECORD
    try:
        before = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = {}
    build = getattr(builder, "build_info", None)
    # a change of configuration or tags rewrites every page, as Sphinx does for documents
    stamp = f"{getattr(build, 'config_hash', '')}/{getattr(build, 'tags_hash', '')}"
    record: dict[str, str] = {}
    found = app.env.found_docs
    for pagename, title, content, make_body in TaxonomyPages(app).pages():
        if pagename in found:
            warn(
                f"the page {pagename!r} of callposts_tags_url / callposts_people_url is a "
                "document of the project: not written",
                None, "taxonomy",
            )  # fmt: skip
            continue
        digest = hashlib.sha256(f"{stamp}\n{content}".encode("utf8", "surrogatepass")).hexdigest()
        record[pagename] = digest
        outfile = builder.get_outfilename(pagename)  # type: ignore[attr-defined]  # html family
        if before.get(pagename) == digest and Path(outfile).is_file():
            continue
        body = make_body()
        for node in body:
            if isinstance(node, nodes.Element):
                link_terms(builder, node, pagename)
        container = nodes.container("", *body)
        fragment = builder.render_partial(container)["fragment"]  # type: ignore[attr-defined]
        # themes print a page's title as HTML, as Sphinx renders a document's
        yield pagename, {"title": html.escape(title), "body": fragment}, "page.html"
    for pagename in sorted(set(before) - set(record) - found):
        Path(builder.get_outfilename(pagename)).unlink(missing_ok=True)  # type: ignore[attr-defined]
    record_path.write_text(json.dumps(record, sort_keys=True, indent=0), encoding="utf-8")


def setup_taxonomy(app: Sphinx) -> None:
    """Link tags and names to their pages, and make those pages."""
    # after the listings (500) have put their tags and names in the page
    app.connect("doctree-resolved", resolve_terms, priority=600)
    app.connect("html-collect-pages", collect_pages)
