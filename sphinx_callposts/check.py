"""``python -m sphinx_callposts check PATH...``: check posts before a build.

The same code as the extension reads the front matter and rewrites the Hugo shortcodes,
so what passes here builds without a warning from the extension. A site's own shortcodes
are unknown here unless named with ``--handler name=module:function``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .core.post import read_post, subtitle_problem
from .core.shortcodes import import_handler, page_params, shortcode_problems

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    from .core.shortcodes import Handler

SECTION_NAMES = {"_index.md"}


def problems_in(
    path: Path, handlers: Mapping[str, Handler] | None = None
) -> Iterator[tuple[int, str]]:
    """``(line, message)`` for each problem of one Markdown file.

    :param handlers: the site's own shortcode handlers, by name
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        yield 1, f"cannot read: {exc}"
        return
    front, post, problems = read_post(path.stem, text, section=path.name in SECTION_NAMES)
    if front.format:  # a page without front matter is no post to check
        subtitle_line = front.line_of(
            "newssubtitle" if "newssubtitle" in front.key_lines else "subtitle"
        )
        if problem := subtitle_problem(post, subtitle_line):
            problems.append(problem)
        for problem in problems:
            yield problem.line, f"{problem.message} [callposts.{problem.subtype}]"
    if "{{" in text:
        body = "\n".join(text.split("\n")[front.lines :])
        params = page_params(front.data, post if front.format else None)
        for line, message in shortcode_problems(
            body, handlers=handlers, params=params, first_line=front.lines + 1
        ):
            yield line, f"{message} [callposts.shortcode]"


def markdown_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The Markdown files named, and those below the folders named, in order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(path.rglob("*.md"))
        else:
            yield path


def handler_option(spec: str) -> tuple[str, Handler]:
    """``--handler name=module:function``: the shortcode's name and its function."""
    name, _sep, target = (part.strip() for part in spec.partition("="))
    try:
        handler = import_handler(target)
    except (ImportError, AttributeError, ValueError) as exc:
        raise argparse.ArgumentTypeError(f"cannot import {target!r}: {exc}") from None
    if not name or not callable(handler):
        raise argparse.ArgumentTypeError(f"{spec!r} names no function as name=module:function")
    return name, handler


def main(argv: Sequence[str] | None = None) -> int:
    """Print ``file:line: message`` for each problem; exit 1 when there is any."""
    parser = argparse.ArgumentParser(
        prog="python -m sphinx_callposts check",
        description="Check the front matter and shortcodes of community-call posts (Hugo Markdown).",
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="a post or a folder of posts"
    )
    parser.add_argument(
        "--handler",
        action="append",
        default=[],
        type=handler_option,
        metavar="NAME=MODULE:FUNCTION",
        help="a site's own shortcode, as in callposts_shortcode_handlers (repeatable)",
    )
    args = parser.parse_args(argv)
    handlers = dict(args.handler)
    count = 0
    for path in markdown_files(args.paths):
        for line, message in problems_in(path, handlers):
            print(f"{path}:{line}: {message}")
            count += 1
    if count:
        print(f"{count} problem{'s' if count > 1 else ''} found", file=sys.stderr)
    return 1 if count else 0
