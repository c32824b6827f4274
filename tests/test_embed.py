"""The {callpost} directive embeds a Hugo post file that lives outside the docs."""

from __future__ import annotations

import os
import textwrap

import pytest

from .helpers import page, warnings_of

POST = """\
---
title: External call
date: 2023-10-15
authors: "@octocat"
tags: [external]
---

Intro text.

## Presenters

Led by [Jane Doe](https://github.com/janedoe).

## Notes

![diagram](images/pic.png)

## Recording

{{< youtube id="46nCdVA-rsc" title="Cilium / Isovalent Presentation" >}}
"""
RECORDED = """\
---
title: Recorded call
date: 2023-11-02
recording: https://youtu.be/nV_JI8YWwY4?t=90
---

The recording is named in the front matter only.
"""
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8ffff3f0005fe02fea73581840000000049454e44ae426082"
)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "hugo/images").mkdir(parents=True)
    (tmp_path / "hugo/post.md").write_text(POST, encoding="utf8")
    (tmp_path / "hugo/images/pic.png").write_bytes(PNG)
    (tmp_path / "hugo/recorded.md").write_text(RECORDED, encoding="utf8")
    src = tmp_path / "src"
    (src / "calls").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["sphinx_callposts"]\n'
        'callposts_pattern = ["calls/**"]\n'
        "show_warning_types = True\n"
        'callposts_embed_paths = ["../hugo"]\n'
    )
    (src / "index.md").write_text(
        "# Home\n\n```{toctree}\ncalls/external\ncalls/recorded\nother\n```\n"
    )
    (src / "calls/recorded.md").write_text("```{callpost} ../../hugo/recorded.md\n```\n")
    (src / "calls/external.md").write_text("```{callpost} ../../hugo/post.md\n```\n")
    (src / "other.md").write_text(
        textwrap.dedent("""\
            # Other page

            Text before.

            ```{callpost} ../hugo/post.md
            ```
        """)
    )
    return src


def test_a_stub_page_becomes_the_post(make_app, project):
    app = make_app("html", srcdir=project)
    app.build()
    assert app.warning.getvalue() == ""
    main = page(app, "calls/external").select_one("div.body")
    assert main.select_one("h1").get_text() == "External call¶"
    assert len(main.select(".callpost-header")) == 1
    assert main.select_one(".callpost-presenters a")["href"] == "../people/jane-doe.html"
    profile = page(app, "people/jane-doe").select_one(".callposts-person-link a")
    assert profile["href"] == "https://github.com/janedoe"
    assert main.select_one("section#notes h2")
    # the post file's own image, found beside it and copied
    assert main.select_one("section#notes img")["src"] == "../_images/pic.png"
    assert (app.outdir / "_images/pic.png").read_bytes() == PNG
    post = app.env.callposts.posts["calls/external"]
    assert (post.title, post.tags) == ("External call", ("external",))


def test_embedded_under_a_heading_it_nests(make_app, project):
    app = make_app("html", srcdir=project)
    app.build()
    main = page(app, "other").select_one("div.body")
    assert (
        main.select_one("section#other-page > section#external-call > h2").get_text()
        == "External call¶"
    )
    assert main.select_one("section#external-call > section#notes > h3")
    assert main.select_one("section#external-call > div.callpost-header")
    assert "other" not in app.env.callposts.posts  # not a post page: embedded, not listed


def test_editing_the_file_rebuilds_the_page(make_app, project):
    make_app("html", srcdir=project).build()
    post = project.parent / "hugo/post.md"
    post.write_text(POST.replace("External call", "Renamed call"), encoding="utf8")
    later = post.stat().st_mtime + 10
    os.utime(post, (later, later))
    app = make_app("html", srcdir=project)
    app.build()
    assert page(app, "calls/external").select_one("h1").get_text() == "Renamed call¶"
    assert app.env.callposts.posts["calls/external"].title == "Renamed call"


def test_a_missing_file_warns(make_app, project):
    (project / "calls/external.md").write_text(
        "# Stub\n\n```{callpost} ../../hugo/missing.md\n```\n"
    )
    app = make_app("html", srcdir=project)
    app.build()
    assert (
        "external.md:3: WARNING: cannot read the post '../../hugo/missing.md'"
        in app.warning.getvalue()
    )
    assert "[callposts.directive]" in app.warning.getvalue()


def test_shortcodes_and_recordings_of_the_file(make_app, project):
    app = make_app("html", srcdir=project)
    app.build()
    assert app.warning.getvalue() == ""
    embed = page(app, "calls/external").select_one("section#recording div.callposts-youtube")
    assert embed["data-youtube-id"] == "46nCdVA-rsc"
    assert "{{<" not in page(app, "calls/external").get_text()
    recorded = page(app, "calls/recorded").select_one("div.callposts-youtube")
    assert recorded["data-youtube-id"] == "nV_JI8YWwY4"
    assert app.env.callposts.posts["calls/external"].recordings == ("46nCdVA-rsc",)
    assert app.env.callposts.posts["calls/recorded"].recordings == ("nV_JI8YWwY4",)


NAMELESS = """\
---
title: Call with a nameless author
date: 2023-12-01
authors:
  - email: secret.person@example.com
  - name: Ann Example
---

Text.
"""


@pytest.mark.parametrize("docname", ["other", "calls/external"])
def test_an_author_given_by_an_email_alone_is_left_out_with_a_warning(make_app, project, docname):
    # the header of an embedded post is made as it is read: no other post can name the email
    (project.parent / "hugo/post.md").write_text(NAMELESS, encoding="utf8")
    app = make_app("html", srcdir=project)
    app.build()
    header = page(app, docname).select_one(".callpost-header")
    names = [person.get_text() for person in header.select(".callpost-person")]
    assert names == ["Ann Example"]
    assert "secret.person" not in page(app, docname).get_text()
    assert ("post.md", 5, "callposts.people") in warnings_of(app)


def test_an_embedded_posts_people_are_shown_by_their_shared_name(make_app, project):
    """The header of an embedded post is made as it is read; its people still get the
    name another post gives them (one person, one name)."""
    (project.parent / "hugo/post.md").write_text(
        "---\ntitle: Embedded\ndate: 2024-01-01\nauthors:\n  - name: rhubenov\n"
        "    github: rhubenov\n---\n\nText.\n",
        encoding="utf8",
    )
    (project / "calls/named.md").write_text(
        "---\ntitle: Named\ndate: 2024-02-01\nauthors:\n  - name: Rado Hubenov\n"
        "    github: rhubenov\n---\n\nText.\n",
        encoding="utf8",
    )
    app = make_app("html", srcdir=project)
    app.build()
    header = page(app, "calls/external").select_one(".callpost-header")
    assert [person.get_text() for person in header.select(".callpost-person")] == ["Rado Hubenov"]
