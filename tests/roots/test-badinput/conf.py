from __future__ import annotations

extensions = ["sphinx_callposts"]
callposts_pattern = ["calls/**"]
show_warning_types = True  # the default from Sphinx 8
