"""Hugo shortcodes: the grammar, the line-keeping rewriter to MyST, the built-in handlers.

A project adds its own shortcodes with ``callposts_shortcode_handlers``::

    callposts_shortcode_handlers = {"youtube-80": "mysite.shortcodes:youtube_80"}

where the function takes a :class:`Shortcode` and returns MyST Markdown, or raises
:class:`ShortcodeError` for a located warning.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .builtin import page_params
from .model import Context, Handler, Shortcode, ShortcodeError
from .scanner import rewrite, shortcode_problems

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "Context",
    "Handler",
    "Shortcode",
    "ShortcodeError",
    "import_handler",
    "import_handlers",
    "page_params",
    "rewrite",
    "shortcode_problems",
]


def import_handler(target: str) -> Any:
    """What ``"module:function"`` names; the caller checks that it is callable.

    :raises ImportError, AttributeError, ValueError: when it cannot be imported
    """
    module, _sep, attribute = target.partition(":")
    return getattr(importlib.import_module(module), attribute)


def import_handlers(spec: Mapping[str, str]) -> tuple[dict[str, Handler], list[str]]:
    """The project's handlers (``callposts_shortcode_handlers``), and why each one that
    cannot serve is left out: the build warns each reason, ``check`` prints it."""
    handlers: dict[str, Handler] = {}
    problems: list[str] = []
    for name, target in sorted((str(k), str(v)) for k, v in spec.items()):
        try:
            handler = import_handler(target)
        except (ImportError, AttributeError, ValueError) as exc:
            problems.append(
                f"callposts_shortcode_handlers: cannot import {target!r} for {name!r}: {exc}"
            )
            continue
        if callable(handler):
            handlers[name] = handler
        else:
            problems.append(f"callposts_shortcode_handlers: {target!r} is not a function")
    return handlers, problems
