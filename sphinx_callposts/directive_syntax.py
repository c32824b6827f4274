"""What the extension's directives accept: their arguments and options, without Sphinx.

The Sphinx directives take their syntax from here, and ``check`` parses a page's
directives with the same classes, so that both read an option block alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils.parsers.rst import Directive, directives

from .core.listing_options import parse_columns, parse_day

if TYPE_CHECKING:
    from collections.abc import Callable

    OptionSpec = dict[str, Callable[[str], Any]]


class YouTubeSyntax(Directive):
    """``{youtube} ID-or-URL``, or ``{youtube} Title <ID-or-URL>``, with Hugo's options."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[OptionSpec] = {
        "title": directives.unchanged,
        "start": directives.unchanged,
        "end": directives.unchanged,
        "autoplay": directives.unchanged,
        "mute": directives.unchanged,
        "loop": directives.unchanged,
        "controls": directives.unchanged,
        "class": directives.class_option,
        "aspect": directives.unchanged,
        "loading": directives.unchanged,
    }


class ListingSyntax(Directive):
    """``{callposts}``: no argument, the options of a listing."""

    option_spec: ClassVar[OptionSpec] = {
        "limit": directives.nonnegative_int,
        "tags": directives.unchanged,
        "section": directives.unchanged,
        "group-by": lambda arg: directives.choice(arg, ("year", "month", "none")),
        "reverse": directives.flag,
        "style": lambda arg: directives.choice(arg, ("list", "table", "cards")),
        "columns": parse_columns,
        "summary-words": directives.nonnegative_int,
        "title": directives.unchanged_required,
        "from": parse_day,
        "until": parse_day,
        "recorded": directives.flag,
        # checked by listing_problems, which warns and lets the rest build
        "headers": directives.unchanged,
        "title-strip": directives.unchanged,
        "subscribe": directives.unchanged,
    }
