"""The resolved doctree of a post: what every builder renders (reviewed snapshot)."""

from __future__ import annotations

from .helpers import stable_pformat

POST = """\
---
title: Community Call - October
date: 2022-10-06
authors:
- name: Ann Example
  avatar: ann.png
  url: https://ann.example
presenters: "@octocat"
tags: [networking]
---

### Topics

What the call was about.
"""


def test_post_doctree(sphinx_doctree, file_regression):
    sphinx_doctree.set_conf({"extensions": ["sphinx_callposts"], "callposts_pattern": ["calls/**"]})
    (sphinx_doctree.srcdir / "calls").mkdir(parents=True, exist_ok=True)
    (sphinx_doctree.srcdir / "index.md").write_text("# Home\n", encoding="utf8")
    (sphinx_doctree.srcdir / "calls" / "ann.png").write_bytes(b"")
    result = sphinx_doctree(POST, filename="calls/october.md")
    assert [w for w in result.warnings.splitlines() if "callposts" in w] == []
    # a local avatar is found while reading, as the page's own images are; a builder
    # without remote images (this one) leaves the remote avatar out
    assert "calls/ann.png" in result.env.images
    file_regression.check(
        stable_pformat(result.get_resolved_pformat("calls/october")), extension=".xml"
    )
    # Sphinx keeps each doctree from reading to writing: the header waits as a marker
    read = result.pformat("calls/october")
    assert '<callpost_header_here docname="calls/october">' in read
    # holding only what reading needs: the local avatar, whose file Sphinx copies
    assert 'uri="calls/ann.png"' in read and "octocat" not in read
    assert "callpost-header" not in read and "Ann Example" not in read
