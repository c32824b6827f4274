"""EPUB packs its output folder, and with it the doctrees when they lie inside.

``sphinx-build -b epub SRC OUT`` keeps them in ``OUT/.doctrees``; Sphinx then warns
about each of them (``epub.unknown_project_files``), which fails a ``-W`` build. They
are no part of the book: they are left out as ``epub_exclude_files`` are.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def exclude_doctrees(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: once every doctree is written, before EPUB packs the folder."""
    outdir, doctrees = Path(app.outdir).resolve(), Path(app.doctreedir).resolve()
    if not app.builder.name.startswith("epub") or not doctrees.is_relative_to(outdir):
        return []
    # the environment is saved already: the setting changes for this packing alone
    app.config.epub_exclude_files = [
        *app.config.epub_exclude_files,
        *(
            os.path.relpath(Path(root, name), outdir)
            for root, _folders, names in os.walk(doctrees)
            for name in names
        ),
    ]
    return []


def setup_epub(app: Sphinx) -> None:
    """Leave the doctrees out of an EPUB that would pack them."""
    app.connect("html-collect-pages", exclude_doctrees)
