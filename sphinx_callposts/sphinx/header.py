"""The post page header, what is read off a post's body, and the ``callpost`` directive."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..core.markdown import drop_repeated_title, escape_markdown, lift_headings
from ..core.post import RECORDING_KEYS, SUMMARY_WORDS, Person, Post, read_post, safe_url
from ..core.presenters import Piece, presenters_from
from .compat import builder_class
from .config import call_zone, warn
from .pages import is_markdown
from .recordings import embed_or_fallback, youtube_embed
from .render import (
    callpost_date,
    date_node,
    depart_callpost_date_html,
    people_nodes,
    tag_nodes,
    visit_callpost_date_html,
)
from .shortcodes import rewrite_shortcodes
from .store import is_post, store_of

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import OptionSpec

_ = get_translation("sphinx_callposts")

MORE_MARK = "<!--more-->"
#: a Hugo shortcode left as text (an unknown one), which a summary leaves out
SHORTCODE_TEXT = re.compile(r"\{\{[<%].*?[%>]\}\}", re.DOTALL)
#: ``env.temp_data`` key: the files that ``{callpost}`` directives are embedding, outermost first
TEMP_EMBEDDING = "callposts_embedding"


class Embedding:
    """The files that ``{callpost}`` directives are embedding, outermost first.

    :param location: where the page's own ``{callpost}`` directive stands
    """

    def __init__(self, location: str | None, *files: str | os.PathLike[str]) -> None:
        self.location = location
        self.files = tuple(os.path.normpath(path) for path in files)

    def into(self, path: str) -> Embedding:
        """The chain one file deeper."""
        return Embedding(self.location, *self.files, path)


class callpost_header_here(nodes.General, nodes.Element):  # noqa: N801
    """Where a post's ``{callpost}`` directive (no argument) asks for the header."""


def build_header(post: Post, config: Config) -> list[nodes.Node]:
    """The header nodes of a post: subtitle, date, authors, presenters, tags, draft banner."""
    header = nodes.container(classes=["callpost-header"])
    if post.shown_subtitle:
        header += nodes.paragraph("", post.shown_subtitle, classes=["callpost-subtitle"])
    if post.date:
        line = nodes.paragraph("", "", date_node(post.date, config, ["callpost-date"]))
        if post.updated:
            line += nodes.inline("", " · " + _("updated") + " ", classes=["callpost-updated"])
            line += date_node(post.updated, config, ["callpost-date-updated"])
        header += line
    for people, label, cls in (
        (post.authors, _("By"), "callpost-authors"),
        (post.presenters, _("Presenters:"), "callpost-presenters"),
    ):
        if people:
            header += nodes.paragraph(
                "", "", nodes.inline("", label + " ", classes=["callpost-label"]),
                *people_nodes(people, config), classes=[cls],
            )  # fmt: skip
    if post.tags:
        header += nodes.paragraph(
            "", "", nodes.inline("", _("Tags:") + " ", classes=["callpost-label"]),
            *tag_nodes(post.tags), classes=["callpost-tags"],
        )  # fmt: skip
    result: list[nodes.Node] = [header] if header.children else []
    if post.draft:
        banner = nodes.admonition(classes=["callpost-draft", "warning"])
        banner += nodes.title("", _("Draft"))
        banner += nodes.paragraph("", _("This post is a draft: it is not published in listings."))
        result.append(banner)
    return result


def presenters_in(doctree: nodes.Node, heading: str) -> tuple[Person, ...]:
    """Every person named in the section titled ``heading`` ("Presenters"), linked or not."""
    wanted = heading.strip().lower()
    for section in doctree.findall(nodes.section):
        if section[0].astext().strip().lower() != wanted:
            continue
        paragraphs = [
            pieces_of(paragraph)
            for paragraph in section.findall(nodes.paragraph)
            if not _is_aside(paragraph)
        ]
        return presenters_from(paragraphs)
    return ()


def pieces_of(node: nodes.Element) -> list[Piece]:
    """A paragraph as text and ``(text, url)`` links; a link without a safe URL is text."""
    pieces: list[Piece] = []
    for child in node.children:
        if isinstance(child, nodes.reference):
            pieces.append((child.astext(), safe_url(child.get("refuri", ""))))
        elif isinstance(child, nodes.Element):
            pieces += pieces_of(child)
        else:
            pieces.append(child.astext())
    return pieces


def summary_of(doctree: nodes.Node) -> str:
    """The text before ``<!--more-->``, else the first words (Hugo's summaryLength).

    Plain text of what the reader sees: paragraphs of the body, without the header,
    asides, the build's own messages, and shortcodes that stayed text.
    """
    marked = any(MORE_MARK in node.astext() for node in doctree.findall(nodes.raw))
    words: list[str] = []
    for node in doctree.findall(lambda n: isinstance(n, (nodes.paragraph, nodes.raw))):
        if isinstance(node, nodes.raw):
            if MORE_MARK in node.astext():
                break
        elif not _is_aside(node):
            words += SHORTCODE_TEXT.sub(" ", node.astext()).split()
            if not marked and len(words) > SUMMARY_WORDS:
                return " ".join(words[:SUMMARY_WORDS]) + " …"
    return " ".join(words)


#: nodes whose paragraphs are not the post's text: the header, asides, the build's messages,
#: the front-matter fields MyST shows
_NOT_TEXT = (nodes.Admonition, nodes.system_message, nodes.comment, nodes.raw, nodes.docinfo)


def _is_aside(node: nodes.Node) -> bool:
    """Whether a paragraph stands in the header, an aside or a message, not in the text."""
    parent = node.parent
    while parent is not None:
        if "callpost-header" in parent.get("classes", ()) or isinstance(parent, _NOT_TEXT):
            return True
        parent = parent.parent
    return False


def place_header(doctree: nodes.document, header: list[nodes.Node]) -> None:
    """Put the header where the post asked for it, else right under its title."""
    marker = next(
        (node for node in doctree.findall(callpost_header_here) if not node.get("embedded")), None
    )
    if marker is not None:
        marker.replace_self(header)
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and isinstance(section[0], nodes.title):
        section[1:1] = header
    else:
        doctree[0:0] = header


class PostHeader(SphinxTransform):
    """Complete the post being read from its body, and insert its header."""

    default_priority = 850  # after the transforms that shape the tree, before doctree-read (880)

    def apply(self, **kwargs: object) -> None:
        posts = store_of(self.env).posts
        post = posts.get(self.env.docname)
        if post is None or self.has_header():
            return
        posts[post.docname] = post = complete_post(post, self.document, self.config)
        place_header(self.document, build_header(post, self.config))

    def has_header(self) -> bool:
        """Whether a ``{callpost}`` directive has embedded the post, header included."""
        return any(
            "callpost-header" in node["classes"] for node in self.document.findall(nodes.container)
        )


def complete_post(post: Post, doctree: nodes.Node, config: Config) -> Post:
    """Fill in what front matter left out and the body tells: presenters, summary."""
    return post.with_page_data(
        presenters=post.presenters or presenters_in(doctree, config.callposts_presenters_heading),
        summary=post.summary or summary_of(doctree),
    )


class CallPostDirective(SphinxDirective):
    """``{callpost} path/to/post.md`` embeds a Hugo post file; bare, it places the header."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[OptionSpec] = {}

    def run(self) -> list[nodes.Node]:
        if not self.arguments:
            if TEMP_EMBEDDING in self.env.temp_data:
                return [callpost_header_here(embedded=True)]
            if not is_post(self.env, self.env.docname):
                warn(
                    "{callpost} without a file only places the header of a post; "
                    "this page is not a post (see callposts_pattern)",
                    self.get_location(), "directive",
                )  # fmt: skip
                return []
            if not is_markdown(self.env, self.env.docname):
                warn(
                    "callpost without a file only places the header of a Markdown post; "
                    "this page is reStructuredText, which has no front matter",
                    self.get_location(), "directive",
                )  # fmt: skip
                return []
            return [callpost_header_here()]
        return self.embed(self.arguments[0])

    def embed(self, argument: str) -> list[nodes.Node]:
        relpath, abspath = self.env.relfn2path(argument)
        outer = self.env.temp_data.get(TEMP_EMBEDDING)
        embedding = outer or Embedding(self.get_location(), self.env.doc2path(self.env.docname))
        if os.path.normpath(abspath) in embedding.files:
            names = " -> ".join(
                os.path.relpath(path, self.env.srcdir) for path in (*embedding.files, abspath)
            )
            # a directive inside an embedded file has no line of its own in the page
            warn(f"the post embeds itself ({names}); skipped", embedding.location, "directive")
            return []
        try:
            text = Path(abspath).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            warn(f"cannot read the post {argument!r}: {exc}", self.get_location(), "directive")
            return []
        self.env.note_dependency(relpath)
        front, post, problems = read_post(self.env.docname, text, zone=call_zone(self.config))
        for problem in problems:
            warn(problem.message, f"{abspath}:{problem.line}", problem.subtype)
        title = post.title or Path(abspath).stem

        # MyST nests the post's sections under the current one from their levels alone
        depth = sum(1 for _ in _section_ancestors(self.state_machine.node))
        body = text.split("\n")[front.lines :]
        if self.config.callposts_shortcodes:
            body = rewrite_shortcodes(
                "\n".join(body), self.env.docname, self.config, env=self.env,
                params=front.data, source=abspath, first_line=front.lines + 1,
            ).split("\n")  # fmt: skip
        drop_repeated_title(body, title)
        lift_headings(body, to_level=depth + 2)
        head = ["#" * (depth + 1) + " " + escape_markdown(title), "```{callpost}", "```"]
        # the head takes the front matter's lines, so body lines keep their numbers
        padding = [""] * (front.lines - len(head))
        container = nodes.container()
        self.env.temp_data[TEMP_EMBEDDING] = embedding.into(abspath)
        try:
            self.state.nested_parse(
                StringList(head + padding + body, source=abspath),
                min(front.lines - len(head), 0), container, match_titles=True,
            )  # fmt: skip
        finally:
            if outer:
                self.env.temp_data[TEMP_EMBEDDING] = outer
            else:
                del self.env.temp_data[TEMP_EMBEDDING]
        marker = next(
            (
                node
                for node in self.state.document.findall(callpost_header_here)
                if node.get("embedded")
            ),
            None,
        )
        if marker is None:
            return container.children
        section = marker.parent
        relocate_files(section, Path(abspath).parent, self.env.srcdir)
        if post.recording and not any(section.findall(youtube_embed)):
            key = next((k for k in RECORDING_KEYS if k in front.key_lines), "")
            location = f"{abspath}:{front.line_of(key)}"
            section += embed_or_fallback(post.recording, title, location)
        post = complete_post(post.with_page_data(title=title), section, self.config)
        marker.replace_self(build_header(post, self.config))
        store = store_of(self.env)
        if is_post(self.env, self.env.docname):
            store.posts[post.docname] = post
            store.lines[post.docname] = dict(front.key_lines)
        return container.children


def _section_ancestors(node: nodes.Node | None) -> Iterator[nodes.section]:
    while node is not None:
        if isinstance(node, nodes.section):
            yield node
        node = node.parent


def relocate_files(tree: nodes.Element, folder: Path, srcdir: Path) -> None:
    """Point the relative images and file links of an embedded file at its own folder.

    A leading ``/`` makes Sphinx read the path from the source folder.
    """
    for node in tree.findall(lambda n: isinstance(n, (nodes.image, addnodes.download_reference))):
        key = "uri" if isinstance(node, nodes.image) else "reftarget"
        target = node.get(key, "")
        if (
            target
            and not target.startswith("/")
            and "://" not in target
            and not target.startswith("data:")
        ):
            node[key] = "/" + os.path.relpath(folder / target, srcdir).replace(os.sep, "/")


class DropRemoteAvatars(SphinxPostTransform):
    """Remove avatars for builders that would have to download remote images."""

    default_priority = 50  # before sphinx's ImageDownloader (100)

    def run(self, **kwargs: object) -> None:
        if builder_class(self.env).supported_remote_images:
            return
        for image in list(self.document.findall(nodes.image)):
            if "callpost-avatar" in image["classes"]:
                image.parent.remove(image)


def setup_header(app: Sphinx) -> None:
    """Register the header transform, the ``callpost`` directive and the date node."""
    app.add_node(callpost_date, html=(visit_callpost_date_html, depart_callpost_date_html))
    app.add_node(callpost_header_here)
    app.add_directive("callpost", CallPostDirective)
    app.add_transform(PostHeader)
    app.add_post_transform(DropRemoteAvatars)
