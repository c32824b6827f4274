"""The pure-Python core: front matter, the post model, shortcodes, recordings, dates.

Nothing here imports Sphinx: the ``check`` command runs on it alone, and the Sphinx
side (:mod:`sphinx_callposts.sphinx`) builds on it.
"""
