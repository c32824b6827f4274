from __future__ import annotations

extensions = ["sphinx_callposts"]
callposts_pattern = ["blog/**"]
project = "Calls"
copyright = "2026, The Calls"
version = release = "1.0"
html_baseurl = "https://calls.example.org/"
show_warning_types = True  # the default from Sphinx 8
