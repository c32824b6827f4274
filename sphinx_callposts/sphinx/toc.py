"""Keep local file links in headings from breaking the table of contents.

Hugo posts link files from headings (``#### [collector](./otel.yaml)``). MyST makes
those download references, which Sphinx copies into the page's table of contents,
where they have no anchor and crash the HTML build (sphinx-doc/sphinx#14514). The
link stays in the heading; its table of contents entry keeps the text alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx import addnodes

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def unwrap_toc_downloads(app: Sphinx, doctree: nodes.document) -> None:
    """Replace download references in the stored table of contents by their text."""
    toc = app.env.tocs.get(app.env.docname)
    if toc is None:
        return
    for reference in list(toc.findall(addnodes.download_reference)):
        reference.replace_self(reference.children)


def setup_toc(app: Sphinx) -> None:
    """Run after Sphinx's own table-of-contents collector."""
    app.connect("doctree-read", unwrap_toc_downloads, priority=600)
