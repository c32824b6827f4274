"""Every type of warning the extension gives is listed, in the code and in the user guide."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx_callposts.core.warning_types import WARNING_TYPES

QUICKSTART = Path(__file__).parents[1] / "docs" / "quickstart.md"


def test_the_quickstart_table_lists_every_type():
    rows = re.findall(
        r"^\| `callposts\.([\w-]+)` \| (.+) \|$", QUICKSTART.read_text("utf8"), re.MULTILINE
    )
    assert dict(rows) == WARNING_TYPES
