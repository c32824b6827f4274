from __future__ import annotations

from sphinx_callposts import __version__

project = "sphinx-callposts"
author = "sphinx-callposts developers"
copyright = "2026, sphinx-callposts developers"
version = release = __version__

extensions = ["myst_parser", "sphinx_callposts"]
myst_enable_extensions = ["colon_fence", "deflist"]

callposts_pattern = ["calls/**"]
callposts_timezone = "Europe/Berlin"
html_baseurl = "https://sphinx-callposts.readthedocs.io/en/latest/"

html_theme = "furo"
html_title = "sphinx-callposts"
exclude_patterns = ["_build", "_examples"]
nitpicky = True
myst_heading_anchors = 3
