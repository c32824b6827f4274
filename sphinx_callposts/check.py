"""``python -m sphinx_callposts check PATH...``: check posts before a build.

The same code as the extension reads the front matter, so what passes here builds
without a warning from the extension.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .frontmatter import read_front_matter
from .post import build_post

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

SECTION_NAMES = {"_index.md"}


def problems_in(path: Path) -> Iterator[tuple[int, str]]:
    """``(line, message)`` for each problem of one Markdown file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        yield 1, f"cannot read: {exc}"
        return
    front = read_front_matter(text)
    for line, message in front.errors:
        yield line, f"{message} [callposts.frontmatter]"
    if not front.format:
        return
    _post, problems = build_post(path.stem, front.data, front.line_of)
    for problem in problems:
        # a section page may go untitled, as in Hugo; a broken block has already said so
        if problem.subtype != "title" or (path.name not in SECTION_NAMES and not front.errors):
            yield problem.line, f"{problem.message} [callposts.{problem.subtype}]"


def markdown_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The Markdown files named, and those below the folders named, in order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(path.rglob("*.md"))
        else:
            yield path


def main(argv: Sequence[str] | None = None) -> int:
    """Print ``file:line: message`` for each problem; exit 1 when there is any."""
    parser = argparse.ArgumentParser(
        prog="python -m sphinx_callposts check",
        description="Check the front matter of community-call posts (Hugo Markdown).",
    )
    parser.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="a post or a folder of posts"
    )
    args = parser.parse_args(argv)
    count = 0
    for path in markdown_files(args.paths):
        for line, message in problems_in(path):
            print(f"{path}:{line}: {message}")
            count += 1
    if count:
        print(f"{count} problem{'s' if count > 1 else ''} found", file=sys.stderr)
    return 1 if count else 0
