"""A post's picture, as Hugo themes find it: ``images`` front matter, else a bundle image.

The picture is the recording's poster, the image of the post's card and its ``og:image``.
A picture on another host is only ever named in metadata: no page loads it.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from .post import safe_url
from .text import TAG_ATTRIBUTES, tag_attributes

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

_IMG = re.compile(rf"<img(?=[\s/>])(?P<attributes>{TAG_ATTRIBUTES})>", re.IGNORECASE)
#: the words in the name of a bundle image that make it the post's picture, in Hugo's order
PICTURE_WORDS = ("feature", "cover", "thumbnail")
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"})


def is_remote(picture: str) -> bool:
    """Whether the picture is on another host (an http(s) URL)."""
    return picture.startswith(("https://", "http://"))


def first_image(images: Any) -> str:
    """The first entry of ``images`` (a list or one value) when it is a safe URL, else ``""``."""
    first = images[0] if isinstance(images, list) and images else images
    return safe_url(first) if isinstance(first, str) else ""


def front_picture(images: Any, docname: str) -> str:
    """The first entry of ``images``: an http(s) URL, or a path from the source folder.

    A path is relative to the post's folder, or, with a leading ``/``, to the site's
    root; one that leaves the source folder, or is no URL at all, gives ``""``.
    """
    url = first_image(images)
    if not url or is_remote(url):
        return url
    path = url.split("#", 1)[0].split("?", 1)[0]
    if path.startswith("/"):
        path = posixpath.normpath(path.lstrip("/"))
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(docname), path))
    return "" if path in {".", ""} or path.startswith("../") or path == ".." else path


def bundle_picture(names: Iterable[str], folder: str) -> str:
    """The bundle image named like ``*feature*``, ``*cover*`` or ``*thumbnail*``, else ``""``.

    :param names: the file names in the post's folder
    :param folder: that folder, from the source folder
    """
    images = sorted(name for name in names if posixpath.splitext(name)[1].lower() in IMAGE_SUFFIXES)
    for word in PICTURE_WORDS:
        for name in images:
            if word in name.lower():
                return posixpath.join(folder, name) if folder else name
    return ""


def site_path(uri: str) -> str:
    """The file a site-absolute URL names (``/img/x.png`` -> ``img/x.png``), else ``""``.

    Query and fragment are dropped and ``%20`` decoded, as a web server finds the file;
    a path that climbs out of the site (``/../x``) gives ``""``.
    """
    if not uri.startswith("/") or uri.startswith("//"):
        return ""
    path = posixpath.normpath(unquote(uri.split("#", 1)[0].split("?", 1)[0]).lstrip("/"))
    return "" if path in {".", ""} or path == ".." or path.startswith("../") else path


def image_sources(markup: str) -> list[tuple[int, int, str]]:
    """``(start, end, src)`` of the ``src`` of each ``<img>`` in ``markup``, entities decoded."""
    found = []
    for tag in _IMG.finditer(markup):
        attributes = tag_attributes(tag.group("attributes"), tag.start("attributes"))
        src = next((attribute for attribute in attributes if attribute.name == "src"), None)
        if src is not None and src.end > src.start:
            found.append((src.start, src.end, src.value))
    return found


def site_image_places(path: str, srcdir: Path, confdir: Path, folders: Iterable[str]) -> list[Path]:
    """Where the file of a site-absolute image may be: the source folder, then each
    static folder (``callposts_static``, relative to the folder of ``conf.py``)."""
    return [srcdir / path, *(confdir / folder / path for folder in folders)]


def missing_site_image(uri: str, srcdir: Path, confdir: Path, folders: Sequence[str]) -> str:
    """The warning for a site-absolute image that no place holds; ``""`` for any other URI."""
    path = site_path(uri)
    if not path or any(
        place.is_file() for place in site_image_places(path, srcdir, confdir, folders)
    ):
        return ""
    where = ", ".join(map(repr, folders)) or "not set"
    return (
        f"the image {uri!r} is in neither the source folder nor callposts_static ({where}): "
        f"{path!r} is missing"
    )


def missing_picture(
    url: str, folder: Path, srcdir: Path, confdir: Path, folders: Sequence[str]
) -> str:
    """The warning for a picture (the first entry of ``images``) of the project that is
    not there; ``""`` for one that is, one on another host, or no URL.

    :param folder: the post's folder, from which a relative path starts
    :param folders: ``callposts_static``, where a site-absolute path is looked up too
    """
    if not url or is_remote(url):
        return ""
    if url.startswith("/"):
        return missing_site_image(url, srcdir, confdir, folders)
    written = url.split("#", 1)[0].split("?", 1)[0]
    if not written or any((folder / path).is_file() for path in (written, unquote(written))):
        return ""
    place = os.path.relpath(folder / written, srcdir)  # both made absolute, no link followed
    if Path(place).parts[:1] == ("..",):
        return ""  # out of the source folder: never the post's picture (front_picture)
    return f"the picture {url!r} is missing: no such file beside the post"
