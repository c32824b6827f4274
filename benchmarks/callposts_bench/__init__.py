"""The benchmark of sphinx-callposts against plain MyST and ABlog (``python -m callposts_bench``).

- :mod:`.variants`: the ways to build the same posts (``conf.py``, root ``index.md``);
- :mod:`.replica`: projects copied from the Gardener corpus, and the incremental edits;
- :mod:`.synthetic`: projects of thousands of small posts shaped like the corpus's;
- :mod:`.runs`: each build in a fresh process, its time, memory and pages written;
- :mod:`.report`: the Markdown tables and the JSON of every build.
"""
