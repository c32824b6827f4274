"""Where the extension's nodes go in a page's doctree."""

from __future__ import annotations

from docutils import nodes


def append_to_body(doctree: nodes.document, node: nodes.Node) -> None:
    """Append at the end of the page's last section, where body elements may stand."""
    parent: nodes.Element = doctree
    while parent.children and isinstance(parent[-1], nodes.section):
        parent = parent[-1]
    parent += node
