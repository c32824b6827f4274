"""The words the core writes into pages, translated by whoever runs it.

The core does not import Sphinx: the Sphinx side installs its message catalog's
translator at setup, and the ``check`` command keeps the English words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

_translate: Callable[[str], str] = str


def _(message: str) -> str:
    """``message`` in the project's language."""
    return _translate(message)


def use_translator(translate: Callable[[str], str]) -> None:
    """Translate the core's words with ``translate`` from now on."""
    global _translate
    _translate = translate
