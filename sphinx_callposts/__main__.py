"""Command line: ``python -m sphinx_callposts check PATH...``."""

from __future__ import annotations

import sys

from .check import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or args[0] != "check":
        print("usage: python -m sphinx_callposts check PATH...", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(args[1:]))
