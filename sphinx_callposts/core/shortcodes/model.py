"""What a shortcode handler receives and raises, and what the rewriters know of the page.

Pure Python, no Sphinx: the extension and the ``check`` command share it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..values import parse_bool

#: A shortcode handler: a :class:`Shortcode` in, MyST Markdown out.
Handler = Callable[["Shortcode"], str]


class ShortcodeError(ValueError):
    """Raised by a handler for a shortcode it cannot rewrite; becomes a located warning."""


@dataclass
class Shortcode:
    """One Hugo shortcode, as a handler receives it.

    :param name: the shortcode's name, e.g. ``youtube``
    :param args: the positional parameters, unquoted
    :param kwargs: the named parameters, unquoted, keys as written
    :param inner: for a paired shortcode, the text between its tags (its own shortcodes
        already rewritten); ``None`` for a single tag
    :param markdown: written ``{{% %}}`` rather than ``{{< >}}``
    :param block: it stands alone on its lines, so it may become a block (a directive);
        otherwise it sits in running text and must become inline Markdown on one line
    :param alone: a block with blank lines (or the text's edges) around it: one line of
        output is a paragraph of its own
    :param line: the line of its opening tag in the file
    :param docname: the page it ends up in
    :param raw: for a paired shortcode, its inner text as written (for code)
    :param parent: the paired shortcode it stands in, e.g. a Docsy ``tab``'s ``tabpane``
    """

    name: str
    args: list[str] = field(default_factory=list)
    kwargs: dict[str, str] = field(default_factory=dict)
    inner: str | None = None
    markdown: bool = False
    block: bool = False
    alone: bool = False
    line: int = 0
    docname: str = ""
    raw: str | None = None
    parent: Shortcode | None = None

    def get(self, key: str, position: int | None = None, default: str = "") -> str:
        """A named parameter (case-insensitive), else the positional one at ``position``."""
        for name, value in self.kwargs.items():
            if name.lower() == key.lower():
                return value
        if position is not None and not self.kwargs and position < len(self.args):
            return self.args[position]
        return default

    def flag(self, key: str) -> bool | None:
        """A Hugo boolean (``true``, ``"false"``, ``1`` and the like), or ``None`` when not given.

        :raises ShortcodeError: for any other value
        """
        try:
            return parse_bool(self.get(key))
        except ValueError as exc:
            raise ShortcodeError(f"{self.name}: {key}: {exc}") from None


@dataclass
class Context:
    """What the rewriters need to know about the page.

    :param docname: the page the text ends up in
    :param warn: ``(message, line in the file) -> None``, called for each problem
    :param handlers: the project's handlers, by shortcode name
    :param params: the page's front matter, for ``param``
    :param find_doc: ``path -> MyST link target`` (``project:/...``) or ``None``
    :param find_resource: ``name -> path`` of a file of the page's bundle whose path
        holds ``name`` (Hugo's ``Resources.GetMatch "**NAME*"``), relative to the page,
        or ``None``
    :param features: what the project can render beyond Sphinx itself: ``"mermaid"``
        (sphinxcontrib-mermaid is loaded), ``"tabs"`` (sphinx-design is loaded)
    """

    docname: str
    warn: Callable[[str, int], None]
    handlers: Mapping[str, Handler] = field(default_factory=dict)
    params: Mapping[str, Any] = field(default_factory=dict)
    find_doc: Callable[[str], str | None] = lambda path: None
    find_resource: Callable[[str], str | None] = lambda name: None
    features: frozenset[str] = frozenset()
