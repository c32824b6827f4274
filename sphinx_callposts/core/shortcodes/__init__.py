"""Hugo shortcodes: the grammar, the line-keeping rewriter to MyST, the built-in handlers.

A project adds its own shortcodes with ``callposts_shortcode_handlers``::

    callposts_shortcode_handlers = {"youtube-80": "mysite.shortcodes:youtube_80"}

where the function takes a :class:`Shortcode` and returns MyST Markdown, or raises
:class:`ShortcodeError` for a located warning.
"""

from __future__ import annotations

import importlib
from typing import Any

from .builtin import page_params
from .model import Context, Handler, Shortcode, ShortcodeError
from .scanner import rewrite, shortcode_problems

__all__ = [
    "Context",
    "Handler",
    "Shortcode",
    "ShortcodeError",
    "import_handler",
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
