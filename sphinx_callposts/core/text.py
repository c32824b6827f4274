"""Text that every output format can hold.

XML 1.0 forbids most control characters, and no encoder writes a lone surrogate (which
only a JSON or YAML escape such as ``"\\ud800"`` can produce), so such characters are
replaced before any value reaches a page, a feed or a redirect.
"""

from __future__ import annotations

import re

#: what takes the place of a character no page can show
REPLACEMENT = "\ufffd"
#: the characters XML 1.0 forbids (tab, newline and carriage return are allowed), and surrogates
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """``text`` with each character that XML 1.0 or UTF-8 cannot hold replaced by U+FFFD."""
    return _UNPRINTABLE.sub(REPLACEMENT, text)


def is_printable(text: str) -> bool:
    """Whether ``text`` holds only characters that XML 1.0 and UTF-8 can hold."""
    return _UNPRINTABLE.search(text) is None
