"""Command line: ``sphinx-callposts`` (or ``python -m sphinx_callposts``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .check import EXIT_CODES, add_check_arguments, run_check
from .importer import add_import_arguments, run_import
from .new import add_new_arguments, run_new

if TYPE_CHECKING:
    from collections.abc import Sequence


def program_name() -> str:
    """How the program was called: the console script or ``python -m``."""
    name = Path(sys.argv[0]).name
    return "python -m sphinx_callposts" if name == "__main__.py" else "sphinx-callposts"


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command of the command line; return its exit code."""
    parser = argparse.ArgumentParser(
        prog=program_name(),
        description="Tools for the community-call posts that sphinx-callposts publishes.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    check = commands.add_parser(
        "check",
        help="check posts before a build, with the rules of the project's conf.py",
        description=(
            "Check the front matter and Hugo shortcodes of community-call posts with the "
            "code and the settings of the build: print 'file:line: message' for each "
            "problem, then one summary line."
        ),
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_check_arguments(check)
    new = commands.add_parser(
        "new",
        help="start the next call's post where the project keeps its posts",
        description=(
            "Write a new post beside the project's newest one (callposts_pattern says where), "
            "with the front matter of the Hugo archetype (archetypes/<folder>.md or "
            "default.md, at or above the docs) or else the keys its posts use, and print its "
            "path. The project's conf.py is found here or above, else in ./docs or ./doc. "
            "An existing file is never overwritten (exit code 1)."
        ),
    )
    add_new_arguments(new)
    hugo = commands.add_parser(
        "import",
        help="move a Hugo site's section into the docs, with conf.py and a report",
        description=(
            "Copy a Hugo section into the docs unchanged, with the static files its posts "
            "name; write or extend conf.py from the Hugo configuration; name the section "
            "page in the root toctree; report what the build will say. Nothing is "
            "overwritten without --force (exit code 1)."
        ),
    )
    add_import_arguments(hugo)
    args = parser.parse_args(argv)
    if args.command == "new":
        return run_new(args, new)
    if args.command == "import":
        return run_import(args, hugo)
    return run_check(args, check)


if __name__ == "__main__":
    sys.exit(main())
