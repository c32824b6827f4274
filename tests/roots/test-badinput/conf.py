extensions = ["sphinx_callposts"]
callposts_pattern = ["calls/**"]
