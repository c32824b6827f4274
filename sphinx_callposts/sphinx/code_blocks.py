"""Code blocks in posts and section pages as Hugo shows them, without a warning.

Hugo's highlighter shows a block in a language it does not know (```` ```plain ````,
```` ```shell+ ````) as plain text, and never fails on code its lexer finds odd (a
tab-indented YAML block): a post moved from Hugo must not warn about either. The
rest of the project keeps Sphinx's checks.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from docutils import nodes
from pygments.lexers import find_lexer_class_by_name
from pygments.util import ClassNotFound
from sphinx.highlighting import lexer_classes, lexers
from sphinx.transforms import SphinxTransform

from .store import store_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: the names Sphinx takes before asking Pygments (sphinx.highlighting.PygmentsBridge)
_SPHINX_NAMES = frozenset({"default", "guess", "none", "py", "py3", "python3", "pycon3"})


@cache
def _pygments_knows(language: str) -> bool:
    try:
        find_lexer_class_by_name(language)
    except ClassNotFound:
        return False
    return True


def is_known(language: str) -> bool:
    """Whether Sphinx highlights ``language`` (its own names, added lexers, Pygments')."""
    return (
        language in _SPHINX_NAMES
        or language in lexers
        or language in lexer_classes
        or _pygments_knows(language)
    )


class HugoCodeBlocks(SphinxTransform):
    """Show a post's code block in an unknown language as text, and highlight leniently."""

    # after Sphinx's HighlightLanguageTransform (400) gives every block its language
    default_priority = 410

    def apply(self, **kwargs: object) -> None:
        if self.env.docname not in store_of(self.env).kinds:
            return
        for block in self.document.findall(nodes.literal_block):
            language = block.get("language")
            if language and not is_known(language):
                block["language"] = "text"
            block["force"] = True


def setup_code_blocks(app: Sphinx) -> None:
    """Highlight posts' code blocks as Hugo does."""
    app.add_post_transform(HugoCodeBlocks)
