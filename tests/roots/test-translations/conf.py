from __future__ import annotations

extensions = ["myst_parser", "sphinx_callposts"]
project = "Translations test"
callposts_pattern = ["blog/**"]
# this build is the English one; the German one lives at /de/
callposts_translations = {"de": "https://example.org/de/"}
html_baseurl = "https://example.org/"
exclude_patterns = ["_build"]
show_warning_types = True
