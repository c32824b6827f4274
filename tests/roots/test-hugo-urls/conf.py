from __future__ import annotations

extensions = ["sphinx_callposts"]
project = "Hugo URLs"
copyright = "2026, The testers"
version = release = "1.0"
callposts_pattern = ["blog/**"]
html_baseurl = "https://example.org/"
# Hugo's permalinks setting of the old site, and the old site itself
callposts_permalinks = {"blog": "/:section/:year/:month/:day/:slug/"}
callposts_site_url = "https://old.example/"
show_warning_types = True  # the default from Sphinx 8
