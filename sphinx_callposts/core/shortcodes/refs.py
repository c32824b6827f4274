"""Where a Hugo ``ref`` or ``relref`` path leads: a document of the project, or the old site."""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING

from ..permalinks import content_path, docs_path

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

_SUFFIX = re.compile(r"\.(md|markdown|rst|html)$")


def ref_document(
    docname: str, path: str, docnames: Collection[str], hugo_paths: Mapping[str, str] | None = None
) -> str | None:
    """The document a ``ref`` path names, from the page ``docname``, or ``None``.

    As Hugo does, a path is tried relative to the page, then from the root of the
    content folder: where ``callposts_hugo_paths`` moved a folder, from where Hugo had
    it (``/blog/2022/x`` finds ``community/calls/2022/x``). Since the Hugo content folder
    may sit anywhere in the Sphinx project, a path that matches the end of exactly one
    document is found too.
    """
    hugo_paths = hugo_paths or {}
    stem = ref_stem(path)
    folder = posixpath.dirname(content_path(docname, hugo_paths))
    bases = [stem.lstrip("/")] if stem.startswith("/") else [posixpath.join(folder, stem), stem]
    candidates = [
        moved
        for base in bases
        for name in (
            posixpath.normpath(base),
            posixpath.normpath(base) + "/index",
            posixpath.normpath(base) + "/_index",
        )
        for moved in dict.fromkeys([docs_path(name, hugo_paths), name])
    ]
    found = next((name for name in candidates if name in docnames), None)
    if found is None and stem.strip("/"):
        tail = "/" + stem.strip("/")
        # one pass over the documents for each ref: sorting them all for each was D log D
        matches = [
            name
            for name in docnames
            if f"/{name}".endswith(tail) or f"/{name}".endswith(tail + "/index")
        ]
        found = matches[0] if len(matches) == 1 else None
    return found


def ref_stem(path: str) -> str:
    """The path of a ``ref`` without its anchor, trailing ``/`` and file suffix."""
    clean = path.partition("#")[0].strip().removesuffix("/")
    return _SUFFIX.sub("", clean)


def old_site_path(path: str) -> str:
    """The old site's page that a ``ref`` no document answers names (``/blog/x/``),
    ``""`` for a relative one, which only the old page's folder could resolve."""
    stem, anchor = ref_stem(path), path.partition("#")[2]
    if not stem.strip("/") or stem.startswith("."):
        return ""
    return "/" + stem.strip("/") + "/" + (f"#{anchor}" if anchor else "")
