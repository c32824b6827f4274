from __future__ import annotations

extensions = ["myst_parser", "sphinx_callposts"]
project = "youtube-bad"
exclude_patterns = ["_build"]
callposts_pattern = ["calls/**"]
show_warning_types = True  # the default from Sphinx 8
