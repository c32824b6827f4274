from __future__ import annotations

extensions = ["myst_parser", "sphinx_callposts"]
project = "youtube"
exclude_patterns = ["_build"]
callposts_pattern = ["calls/**"]
latex_documents = [("index", "youtube.tex", "youtube", "tests", "howto")]
man_pages = [("index", "youtube", "youtube", ["tests"], 1)]
texinfo_documents = [("index", "youtube", "youtube", "tests", "youtube", "tests", "Misc")]
version = "1.0"
copyright = "2026, tests"
show_warning_types = True  # the default from Sphinx 8
