"""Posts bring no file from outside the project: their images, downloads and avatars.

Sphinx copies any image or download a page names, wherever it lies. A post's files are
kept to the source folder and ``callposts_embed_paths`` (see :mod:`..core.confine`):
one that lies elsewhere, symlinks followed, is a located ``callposts.image`` warning and
is left out of the page.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from ..core.confine import lies_within, real_folders
from ..core.frontmatter import first_key_line
from ..core.pictures import is_remote
from .config import warn
from .store import store_of

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from ..core.post import Person, Post


def allowed_folders(env: BuildEnvironment) -> tuple[str, ...]:
    """Where a post's files may lie: the source folder, ``callposts_embed_paths`` and
    ``callposts_static``."""
    embed_paths = (*env.config.callposts_embed_paths, *env.config.callposts_static)
    return _real_folders_of(str(env.srcdir), str(env.app.confdir), embed_paths)


@cache
def _real_folders_of(srcdir: str, confdir: str, embed_paths: tuple[str, ...]) -> tuple[str, ...]:
    # asked for by every post: the folders' real paths are looked up once per process
    return real_folders([srcdir, *(Path(confdir) / path for path in embed_paths)])


def is_local(uri: str) -> bool:
    """Whether a page's image or download names a file of the build (not a URL)."""
    return bool(uri) and not is_remote(uri) and "://" not in uri and not uri.startswith("data:")


def leave_out_foreign_files(tree: nodes.Element, env: BuildEnvironment, docname: str) -> None:
    """Warn about and remove each image and download of ``tree`` that lies outside the project."""
    folders = allowed_folders(env)
    found: list[nodes.Element] = [*tree.findall(nodes.image)]
    found += tree.findall(addnodes.download_reference)
    for node in found:
        target = node.get("uri" if isinstance(node, nodes.image) else "reftarget", "")
        if not is_local(target) or lies_within(env.relfn2path(target, docname)[1], folders):
            continue
        warn(f"the file {target!r} lies outside the source folder; left out", node, "image")
        if isinstance(node, nodes.image):
            node.replace_self(nodes.inline("", node.get("alt", "")))
        else:
            node.replace_self(nodes.inline("", "", *node.children))


def without_foreign_avatars(
    post: Post, env: BuildEnvironment, lines: Mapping[str, int], source: str
) -> Post:
    """The post without the local avatars that lie outside the project, each warned about.

    :param lines: the line of each front matter key
    :param source: the docname, or the path of an embedded file, for the warnings
    """
    folders = allowed_folders(env)

    def confined(people: tuple[Person, ...], keys: tuple[str, ...]) -> tuple[Person, ...]:
        kept = []
        for person in people:
            avatar = person.avatar
            if is_local(avatar) and not lies_within(
                env.relfn2path(avatar, post.docname)[1], folders
            ):
                line = first_key_line(lines, keys)
                location = (source, line) if source == post.docname else f"{source}:{line}"
                warn(
                    f"the avatar {avatar!r} lies outside the source folder; left out",
                    location,
                    "image",
                )
                person = dataclasses.replace(person, avatar="")
            kept.append(person)
        return tuple(kept)

    authors = confined(post.authors, ("authors", "author", "params"))
    presenters = confined(post.presenters, ("presenters", "speakers", "params"))
    if authors == post.authors and presenters == post.presenters:
        return post
    return dataclasses.replace(post, authors=authors, presenters=presenters)


class ConfinePostFiles(SphinxTransform):
    """A post's images and downloads: none from outside the project."""

    default_priority = 860  # after the header's avatars are placed (850), before doctree-read

    def apply(self, **kwargs: object) -> None:
        if self.env.docname in store_of(self.env).posts:
            leave_out_foreign_files(self.document, self.env, self.env.docname)


def without_foreign_avatars_of_page(post: Post, env: BuildEnvironment) -> Post:
    """:func:`without_foreign_avatars` for the post of a page, with its stored key lines."""
    return without_foreign_avatars(
        post, env, store_of(env).lines.get(post.docname, {}), post.docname
    )


def setup_confine(app: Sphinx) -> None:
    """Keep the posts' files inside the project."""
    app.add_transform(ConfinePostFiles)
