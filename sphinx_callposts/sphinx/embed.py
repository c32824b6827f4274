"""The ``callpost`` directive: a Hugo post file embedded in a page, or the header placed.

With a path, the file goes through the same steps as a post page (front matter,
shortcodes, headings, the recording, the header) inside the page that embeds it,
and becomes one of its dependencies.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from ..core.confine import RefusedFileError, read_confined
from ..core.markdown import drop_repeated_title, escape_markdown, lift_headings
from ..core.people import AUTHOR_KEYS, PRESENTER_KEYS, email_line, nameless_message
from ..core.post import RECORDING_KEYS, read_post
from .body import complete_post
from .config import call_zone, warn
from .confine import allowed_folders, is_local, leave_out_foreign_files, without_foreign_avatars
from .header import build_header, callpost_header_here
from .pages import is_markdown
from .recordings import embed_or_fallback, embeds_recording
from .shortcodes import rewrite_shortcodes
from .store import is_post, store_of

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.util.typing import OptionSpec

    from ..core.frontmatter import FrontMatter
    from ..core.post import Person, Post


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
            text = read_confined(Path(abspath), allowed_folders(self.env))
        except (RefusedFileError, OSError, UnicodeDecodeError) as exc:
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
            leave_out_foreign_files(container, self.env, self.env.docname)
            return container.children
        section = marker.parent
        relocate_files(section, Path(abspath).parent, self.env.srcdir)
        leave_out_foreign_files(container, self.env, self.env.docname)
        if post.recording and not embeds_recording(section, post.recording):
            location = f"{abspath}:{front.line_of(*RECORDING_KEYS)}"
            section.append(embed_or_fallback(post.recording, title, location))
        post = complete_post(post.with_page_data(title=title), section, self.config)
        post = without_foreign_avatars(post, self.env, front.key_lines, abspath)
        post = _named_people_only(post, front, text, abspath)
        marker.replace_self(build_header(post, self.config))
        store = store_of(self.env)
        if is_post(self.env, self.env.docname):
            store.posts[post.docname] = post
            store.lines[post.docname] = front.key_lines
        return container.children


def _named_people_only(post: Post, front: FrontMatter, text: str, abspath: str) -> Post:
    """The post without the people it gives by an email alone, each warned about.

    An embedded post's header is made as it is read, before another post or the people
    file (:mod:`.people`) can name such a person, and an email is never shown.
    """
    lines = text.split("\n")[: front.lines]

    def named(people: tuple[Person, ...], keys: tuple[str, ...]) -> tuple[Person, ...]:
        for person in people:
            if not person.name:
                line = email_line(lines, front.line_of(*keys), person.email)
                warn(nameless_message(keys[0]), f"{abspath}:{line}", "people")
        return tuple(person for person in people if person.name)

    return replace(
        post,
        authors=named(post.authors, AUTHOR_KEYS),
        presenters=named(post.presenters, PRESENTER_KEYS),
    )


def _section_ancestors(node: nodes.Node | None) -> Iterator[nodes.section]:
    while node is not None:
        if isinstance(node, nodes.section):
            yield node
        node = node.parent


def relocate_files(tree: nodes.Element, folder: Path, srcdir: Path) -> None:
    """Point the relative images and file links of an embedded file at its own folder.

    A leading ``/`` makes Sphinx read the path from the source folder.
    """
    links: list[nodes.Element] = [*tree.findall(nodes.image)]
    links += tree.findall(addnodes.download_reference)
    for node in links:
        key = "uri" if isinstance(node, nodes.image) else "reftarget"
        target = node.get(key, "")
        if is_local(target) and not target.startswith("/"):
            node[key] = "/" + os.path.relpath(folder / target, srcdir).replace(os.sep, "/")


def setup_embed(app: Sphinx) -> None:
    """Register the ``callpost`` directive."""
    app.add_directive("callpost", CallPostDirective)
