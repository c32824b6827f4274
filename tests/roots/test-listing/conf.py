from __future__ import annotations

extensions = ["myst_parser", "sphinx_callposts"]
project = "Listing test"
author = "The testers"
callposts_pattern = ["calls/**"]
# every post here is a call, the next one dated without a time
callposts_calls = ["calls/**"]
html_baseurl = "https://example.org/docs/"
exclude_patterns = ["_build"]
html_sidebars = {"**": ["globaltoc.html", "relations.html"]}
copyright = "2026, The testers"
version = "1.0"
show_warning_types = True  # the default from Sphinx 8
