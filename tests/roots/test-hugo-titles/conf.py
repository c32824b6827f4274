from __future__ import annotations

extensions = ["sphinx_callposts"]
project = "Hugo titles"
copyright = "2026, The testers"
version = release = "1.0"
callposts_pattern = ["blog/**"]
html_baseurl = "https://example.org/"
html_sidebars = {"**": ["globaltoc.html", "relations.html"]}
show_warning_types = True  # the default from Sphinx 8
