from __future__ import annotations

extensions = ["myst_parser", "sphinx_callposts"]
project = "Events test"
author = "The testers"
callposts_pattern = ["calls/**"]
callposts_timezone = "Europe/Berlin"
html_baseurl = "https://example.org/docs/"
exclude_patterns = ["_build"]
show_warning_types = True
