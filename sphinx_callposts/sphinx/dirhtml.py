"""In dirhtml, a section page ``blog/2022/_index`` is served at its folder, ``blog/2022/``.

Hugo serves a section page at its folder; Sphinx's dirhtml builder would put it at
``blog/2022/_index/``. The builder's path methods are wrapped for section pages
whose folder holds no ``index`` page of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.builders.dirhtml import DirectoryHTMLBuilder

from ..core.bundles import SECTION
from .store import store_of

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.application import Sphinx

_SECTION_PAGE = "_index"


def serve_sections_at_folders(app: Sphinx) -> None:
    """Make the dirhtml builder write and link section pages at their folder."""
    builder = app.builder
    if not isinstance(builder, DirectoryHTMLBuilder):
        return
    env = app.env
    target_uri = builder.get_target_uri

    def as_index(docname: str) -> str:
        """``a/_index`` -> ``a/index`` for a section page, else the docname itself."""
        if docname != _SECTION_PAGE and not docname.endswith("/" + _SECTION_PAGE):
            return docname
        index = docname.removesuffix(_SECTION_PAGE) + "index"
        if store_of(env).kinds.get(docname) != SECTION or index in env.found_docs:
            return docname
        return index

    def get_target_uri(docname: str, typ: str | None = None) -> str:
        return target_uri(as_index(docname), typ)

    builder.get_target_uri = get_target_uri  # type: ignore[method-assign]
    if hasattr(builder, "get_output_path"):  # Sphinx 8.1+: get_outfilename asks it
        output_path = builder.get_output_path

        def get_output_path(page_name: str, /) -> Path:
            return output_path(as_index(page_name))

        builder.get_output_path = get_output_path  # type: ignore[method-assign]
    else:  # Sphinx 7.4 and 8.0
        outfilename = builder.get_outfilename

        def get_outfilename(pagename: str) -> Any:
            return outfilename(as_index(pagename))

        builder.get_outfilename = get_outfilename  # type: ignore[method-assign]


def setup_dirhtml(app: Sphinx) -> None:
    """Wrap the dirhtml builder once it exists."""
    app.connect("builder-inited", serve_sections_at_folders)
