"""A post's picture on the Sphinx side: found at reading, copied with the images, the poster.

The picture (see :mod:`..core.pictures`) is stored on the post. A picture in the
project is registered as an image of the post, so Sphinx copies it like any other;
it then serves as the poster of the post's recordings and the image of its card.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from ..core.confine import lies_within
from ..core.pictures import (
    bundle_picture,
    first_image,
    front_picture,
    is_remote,
    missing_picture,
    site_image_places,
    site_path,
)
from ..core.post import normalise_keys
from .config import warn
from .confine import allowed_folders
from .recordings import youtube_embed
from .static import raw_image_file
from .store import store_of

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ..core.post import Post

#: what a poster's ``src`` holds until the picture's URL is known
POSTER_MARK = "callposts-picture:"


def find_picture(
    env: BuildEnvironment, docname: str, front: Mapping[str, Any], location: tuple[str, int]
) -> str:
    """The post's picture: ``images`` front matter, else a leaf bundle's feature image.

    A site-absolute path (``/img/card.png``) is also looked up in ``callposts_static``.
    A file that is in neither, or that resolves outside them (a symlink, say), is
    warned about at ``location`` and left out.
    """
    images = normalise_keys(front).get("images")
    picture = front_picture(images, docname)
    if picture and not is_remote(picture) and _is_missing(env, docname, images, location):
        picture = ""
    if not picture and docname.rpartition("/")[2] == "index":
        folder = docname.rpartition("/")[0]
        try:
            names = [path.name for path in Path(env.srcdir, folder).iterdir()]
        except OSError:
            names = []
        picture = bundle_picture(names, folder)
    if picture and not is_remote(picture) and not Path(env.srcdir, picture).is_file():
        # the file as a server finds it: in callposts_static, or its name percent-decoded
        picture = raw_image_file(env, docname, first_image(images)) or ""
    if picture and not is_remote(picture):
        if not lies_within(Path(env.srcdir, picture), allowed_folders(env)):
            warn(
                f"the picture {picture!r} lies outside the source folder; left out",
                location,
                "image",
            )
            return ""
        # copied with the images of the post, and a change to it re-reads the post
        env.images.add_file(docname, picture)
        env.note_dependency(picture)
    return picture


def _is_missing(
    env: BuildEnvironment, docname: str, images: Any, location: tuple[str, int]
) -> bool:
    """Whether the picture that ``images`` names is in no place of the project; it then
    warns, and the post is read again until the file is there, as for a missing image."""
    url, srcdir, confdir = first_image(images), Path(env.srcdir), Path(env.app.confdir)
    folder = Path(env.doc2path(docname)).parent
    static = env.config.callposts_static
    message = missing_picture(url, folder, srcdir, confdir, static)
    if not message:
        return False
    path = site_path(url)
    places = site_image_places(path, srcdir, confdir, static) if path else [folder / url]
    for place in places:
        env.note_dependency(os.path.relpath(place, srcdir))
    warn(message, location, "image")
    return True


def picture_path(builder: Builder, post: Post) -> str:
    """Where the post's picture is copied in the output (``_images/x.png``), else ``""``.

    Only a picture in the project, and only for builders that copy images by name.
    """
    picture = post.picture
    env = builder.env
    images = getattr(builder, "images", None)
    if not picture or is_remote(picture) or picture not in env.images or images is None:
        return ""
    name = env.images[picture][1]
    images[picture] = name  # copied at the end of the build, like the page's own images
    return f"{builder.imagedir}/{name}"


def picture_url(builder: Builder, fromdocname: str, post: Post) -> str:
    """The URL of a post's picture from a page of ``builder``, ``""`` when it has none here.

    Only a picture in the project: one on another host is never loaded by a page.
    """
    path = picture_path(builder, post)
    return relative_uri(builder.get_target_uri(fromdocname), path) if path else ""


class RecordingPosters(SphinxPostTransform):
    """HTML: the post's picture is the poster of its recordings.

    Transforms know no builder, so the poster names the picture by a mark that
    :func:`resolve_posters` turns into its URL, once the players are made.
    """

    default_priority = 140  # before the players are made (150)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        post = store_of(self.env).posts.get(self.env.docname)
        if post is None or not post.picture or is_remote(post.picture):
            return
        for node in self.document.findall(youtube_embed):
            node["poster"] = POSTER_MARK + post.picture


def resolve_posters(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give the posters of a post's recordings the URL of its picture.

    The picture is also noted for copying here, in the main process even of a parallel
    build, since the page's metadata names it too.
    """
    post = store_of(app.env).posts.get(docname)
    if post is None or not picture_path(app.builder, post):
        return
    mark = html.escape(POSTER_MARK + post.picture)
    for raw in list(doctree.findall(nodes.raw)):
        text = raw.astext()
        if mark in text:
            url = picture_url(app.builder, docname, post)
            raw.replace_self(nodes.raw("", text.replace(mark, html.escape(url)), format="html"))


def setup_pictures(app: Sphinx) -> None:
    """Use the posts' pictures as posters."""
    app.add_post_transform(RecordingPosters)
    app.connect("doctree-resolved", resolve_posters)
