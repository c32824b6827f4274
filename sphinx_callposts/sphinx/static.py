"""Site-absolute images of posts, from Hugo's ``static/`` folders (``callposts_static``).

Hugo serves the files of its ``static/`` folder at the site's root, so posts name them
``![](/images/x.png)`` or ``<img src="/img/x.png">``. Such an image that is not in the
source folder is looked up in the folders of ``callposts_static`` (relative to the
folder of ``conf.py``, as ``["../static"]``); found, it is copied with the page's other
images (once, however many posts show it) and the page names its copy. Not found, it is
a located ``callposts.image`` warning that names the file; a Markdown image then shows
its alt text.

Raw HTML's ``<img src>`` is no image to Sphinx, so an image of the project that it
names (from the source folder, as ``/files/x.png``, or beside the post, as a leaf
bundle's ``images/a.png``) is copied in the same way: Hugo served both. So is a
Markdown image named percent-escaped (``My%20Diagram.png``), as a browser asked for it.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.osutil import relative_uri

from ..core.confine import lies_within
from ..core.pictures import image_sources, missing_site_image, site_image_places, site_path
from .config import warn
from .confine import allowed_folders
from .rawhtml import is_html
from .store import store_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

#: what an ``<img src>`` of raw HTML holds until its copy's URL is known: the mark, its number
_MARK = "callposts-static:"
_MARKS = re.compile(re.escape(_MARK) + r"(\d+):")
#: the raw node's attribute that lists the images its marks stand for
_IMAGES = "callposts_static_images"


def static_image(env: BuildEnvironment, uri: str) -> str | None:
    """Where a site-absolute image is, from the source folder (``../static/x.png``).

    :returns: ``""`` when the URI is no site-absolute path, or the source folder holds the
        file (Sphinx finds it there); the path when a ``callposts_static`` folder holds it;
        None when neither does
    """
    path = site_path(uri)
    if not path:
        return ""
    places = _places(env, path)
    if places[0].is_file():
        return ""
    found = next((place for place in places[1:] if place.is_file()), None)
    return Path(os.path.relpath(found, env.srcdir)).as_posix() if found else None


def raw_image_file(env: BuildEnvironment, docname: str, src: str) -> str | None:
    """The file of the project that a raw ``<img src>`` of a page names, from the source
    folder: site-absolute, then found as :func:`static_image` finds it; or relative to
    the page. ``""`` when it names none (a URL, a file that is not there), None when a
    site-absolute one is missing."""
    if site_path(src):
        found = static_image(env, src)
        return site_path(src) if found == "" else found
    try:
        parts = urlsplit(src)
    except ValueError:
        return ""
    if parts.scheme or parts.netloc or not parts.path:
        return ""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(docname), unquote(parts.path)))
    if path.startswith("../") or not Path(env.srcdir, path).is_file():
        return ""
    return path


def _places(env: BuildEnvironment, path: str) -> list[Path]:
    return site_image_places(
        path, Path(env.srcdir), Path(env.app.confdir), env.config.callposts_static
    )


class StaticImages(SphinxTransform):
    """Find the site-absolute images of a post or section page in the static folders."""

    # before the post's files are confined to the project (860); raw HTML that
    # callposts_raw_html = "escape" shows as text is no image
    default_priority = 855

    def apply(self, **kwargs: object) -> None:
        if self.env.docname not in store_of(self.env).kinds:
            return
        raw_html = self.config.callposts_raw_html != "escape"
        for node in list(self.document.findall(nodes.Element)):
            if isinstance(node, nodes.image) and "callpost-avatar" not in node["classes"]:
                self._markdown_image(node)
            elif raw_html and is_html(node):
                self._raw_images(node)

    def _markdown_image(self, image: nodes.image) -> None:
        uri = image.get("uri", "")
        if "%" in uri and not site_path(uri):
            escaped = raw_image_file(self.env, self.env.docname, uri)
            if (
                escaped
                and not Path(self.env.srcdir, self.env.docname).parent.joinpath(uri).exists()
            ):
                image["uri"] = "/" + escaped
            return
        found = static_image(self.env, uri)
        if found is None:
            self._warn_missing(uri, image)
            image.replace_self(nodes.inline("", image.get("alt", "")))
        elif found:
            image["uri"] = "/" + found  # from the source folder, as Sphinx reads a leading /

    def _raw_images(self, raw: nodes.raw) -> None:
        """Put a mark in place of each ``<img src>`` found in a static folder."""
        text = raw.astext()
        images: list[list[str]] = []  # [path from the source folder, src as written]
        pieces: list[str] = []
        position = 0
        for start, end, src in image_sources(text):
            found = raw_image_file(self.env, self.env.docname, src)
            if found is None:
                self._warn_missing(src, raw)
            elif found and lies_within(Path(self.env.srcdir, found), allowed_folders(self.env)):
                # copied with the images of the page, and a change to it re-reads the page
                self.env.images.add_file(self.env.docname, found)
                self.env.note_dependency(found)
                pieces += [text[position:start], f"{_MARK}{len(images)}:"]
                images.append([found, src])
                position = end
        if images:
            marked = nodes.raw("", "".join([*pieces, text[position:]]), format=raw["format"])
            marked[_IMAGES] = images
            marked.source, marked.line = raw.source, raw.line
            raw.replace_self(marked)

    def _warn_missing(self, uri: str, node: nodes.Node) -> None:
        # as Sphinx does for a missing image: the page is read again until the file is there
        for place in _places(self.env, site_path(uri)):
            self.env.note_dependency(os.path.relpath(place, self.env.srcdir))
        env = self.env
        static = env.config.callposts_static
        message = missing_site_image(uri, Path(env.srcdir), Path(env.app.confdir), static)
        if node.line:
            warn(message, node, "image")
            return
        # a directive's image (a figure shortcode's) has no line with MyST-Parser 4: the
        # first line of the page that names it
        try:
            lines = Path(env.doc2path(env.docname)).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []
        line = next((number for number, text in enumerate(lines, 1) if uri in text), 1)
        warn(message, (env.docname, line), "image")


def resolve_static_images(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give each marked ``<img src>`` the URL of its copy, and have the copy made."""
    for raw in list(doctree.findall(nodes.raw)):
        images = raw.get(_IMAGES)
        if not images:
            continue
        urls = [html.escape(_image_url(app.builder, docname, *image)) for image in images]
        text = _MARKS.sub(partial(_nth, urls), raw.astext())
        raw.replace_self(nodes.raw("", text, format=raw["format"]))


def _nth(urls: list[str], mark: re.Match[str]) -> str:
    return urls[int(mark[1])]


def _image_url(builder: Builder, docname: str, path: str, src: str) -> str:
    """The URL of the copy of an image of the build from a page, noting it for copying;
    ``src`` for builders that copy no images."""
    images = getattr(builder, "images", None)
    if images is None or path not in builder.env.images:
        return src
    name = builder.env.images[path][1]
    images[path] = name  # copied at the end of the build, like the page's own images
    return relative_uri(builder.get_target_uri(docname), f"{builder.imagedir}/{name}")


def setup_static(app: Sphinx) -> None:
    """Look up posts' site-absolute images in the static folders."""
    app.add_transform(StaticImages)
    app.connect("doctree-resolved", resolve_static_images)
