from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

extensions = ["myst_parser", "sphinx_callposts"]
project = "shortcodes"
version = "1.0"
copyright = "2026, tests"
exclude_patterns = ["_build"]
callposts_pattern = ["calls/**"]
callposts_shortcode_handlers = {
    "youtube-80": "site_shortcodes:youtube_80",
    "mark": "site_shortcodes:mark",
}
latex_documents = [("index", "shortcodes.tex", "shortcodes", "tests", "howto")]
myst_heading_anchors = 2
show_warning_types = True  # the default from Sphinx 8
