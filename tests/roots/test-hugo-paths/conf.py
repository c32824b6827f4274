from __future__ import annotations

extensions = ["sphinx_callposts"]
project = "Hugo paths"
copyright = "2026, The testers"
version = release = "1.0"
callposts_pattern = ["community/calls/**"]
# the posts were Hugo's content/blog: their old URLs start with /blog/
callposts_hugo_paths = {"community/calls": "blog"}
callposts_permalinks = {"blog": "/:section/:year/:month/:day/:slug/"}
callposts_site_url = "https://old.example/"
html_baseurl = "https://new.example/docs/"
show_warning_types = True  # the default from Sphinx 8
