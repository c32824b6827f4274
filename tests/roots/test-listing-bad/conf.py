from __future__ import annotations

extensions = ["myst_parser", "sphinx_callposts"]
project = "Bad listing input"
callposts_pattern = ["calls/**"]
html_baseurl = "https://example.org/"
exclude_patterns = ["_build"]
html_extra_path = ["extra"]
show_warning_types = True  # the default from Sphinx 8
