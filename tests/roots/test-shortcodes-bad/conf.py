from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

extensions = ["myst_parser", "sphinx_callposts"]
project = "shortcodes-bad"
exclude_patterns = ["_build"]
callposts_shortcode_handlers = {
    "broken": "bad_handlers:broken",
    "not-text": "bad_handlers:not_text",
    "refuses": "bad_handlers:refuses",
    "missing": "no_such_module:handler",
}
show_warning_types = True  # the default from Sphinx 8
