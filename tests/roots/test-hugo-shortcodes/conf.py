from __future__ import annotations

extensions = ["myst_parser", "sphinx_callposts"]
project = "hugo-shortcodes"
copyright = "2026, tests"
exclude_patterns = ["_build"]
callposts_pattern = ["blog/**"]
html_baseurl = "https://example.org/"
show_warning_types = True
