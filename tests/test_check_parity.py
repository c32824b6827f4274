"""``check`` reports what the build warns about, at the same file, line and type."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .helpers import ROOTS, build, run_check, warnings_of

_REPORTED = re.compile(r"([^/\s]+):(\d+): .*\[(callposts\.[\w-]+)\]$")

#: every test root: check and the build report the same on each
ROOTS_ALIKE = sorted(path.name.removeprefix("test-") for path in ROOTS.glob("test-*"))


def reported_by_check(srcdir) -> set[tuple[str, int, str]]:
    result = run_check(srcdir)
    assert "Traceback" not in result.stderr, result.stderr
    return {
        (match[1], int(match[2]), match[3])
        for line in result.stdout.splitlines()
        if (match := _REPORTED.search(line))
    }


def warned_by_build(srcdir, tmp_path) -> set[tuple[str, int, str]]:
    app = build(srcdir, "html", builddir=tmp_path / "build")
    return {found for found in warnings_of(app) if found[2].startswith("callposts.")}


def project(tmp_path, folder: str, conf: str, pages: dict[str, str], index: str = "") -> Path:
    """A project of posts in ``folder``, listed by the root's glob toctree; its source folder."""
    srcdir = tmp_path / "src"
    (srcdir / folder).mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        f'extensions = ["sphinx_callposts"]\ncallposts_pattern = ["{folder}/**"]\n'
        f"show_warning_types = True\n{conf}"
    )
    (srcdir / "index.md").write_text(f"# Home\n\n{index}```{{toctree}}\n:glob:\n{folder}/*\n```\n")
    for name, text in pages.items():
        (srcdir / folder / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / folder / name).write_text(text)
    return srcdir


@pytest.mark.parametrize("root", ROOTS_ALIKE)
def test_check_and_the_build_report_the_same(root, tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / f"test-{root}", srcdir)
    assert reported_by_check(srcdir) == warned_by_build(srcdir, tmp_path)


def test_hidden_posts_no_date_bad_recordings_and_config_alike(tmp_path):
    pages = {
        # Sphinx reads hidden files as documents
        ".hidden.md": "---\ntitle: Hidden\ndate: 2024-13-01\n---\nText.\n",
        "undated.md": "---\ntitle: Undated\n---\nText.\n",
        "bare.md": "No front matter at all.\n",
        # checked even though the body embeds a recording of its own
        "recorded.md": (
            "---\ntitle: Recorded\ndate: 2024-01-02\nvideo: javascript:alert(1)\n---\n\n"
            '{{< youtube id="46nCdVA-rsc" >}}\n'
        ),
        "gone.md": "---\ntitle: Gone\ndate: 2024-01-03\n---\n\n```{callpost} missing.md\n```\n",
        # a leaf bundle's other Markdown file is a resource: neither reads or reports it
        "bundle/index.md": "---\ntitle: Bundle\ndate: 2024-01-04\n---\nText.\n",
        "bundle/index1.md": "No front matter, {{< nosuchshortcode >}}.\n",
    }
    srcdir = project(tmp_path, "calls", "callposts_timezone = 5\n", pages)
    (srcdir / "other.md").write_text("# Other\n\n{{< nosuchshortcode >}}\n")
    warned = warned_by_build(srcdir, tmp_path)
    assert {
        (".hidden.md", 3, "callposts.date"),
        ("undated.md", 1, "callposts.date"),
        ("bare.md", 1, "callposts.title"),
        ("recorded.md", 4, "callposts.youtube"),
        ("gone.md", 6, "callposts.directive"),
        ("other.md", 3, "callposts.shortcode"),
        ("conf.py", 4, "callposts.config"),
    } <= warned
    assert not [found for found in warned if found[0] == "index1.md"]
    assert reported_by_check(srcdir) == warned


def test_old_urls_that_are_refused_shortened_or_collide_alike(tmp_path):
    pages = {
        # one alias, two posts: the older keeps it, the newer is told
        "a.md": "---\ntitle: A\ndate: 2024-01-01\naliases: [/shared/]\n---\nText.\n",
        "b.md": "---\ntitle: B\ndate: 2024-01-02\naliases: [/shared/]\n---\nText.\n",
        # one slug, two posts, under a permalink pattern: both refused
        "c.md": "---\ntitle: C\ndate: 2024-01-03\nslug: same\n---\nText.\n",
        "d.md": "---\ntitle: D\ndate: 2024-01-04\nslug: same\n---\nText.\n",
        # a percent-escaped line break, and a name too long for a file
        "e.md": "---\ntitle: E\ndate: 2024-01-05\naliases: [/a%0Ab/]\n---\nText.\n",
        "f.md": f"---\ntitle: F\ndate: 2024-01-06\naliases: [/{'x' * 300}/]\n---\nText.\n",
        # a draft's old URLs are not published: no collision with it
        "g.md": "---\ntitle: G\ndate: 2024-01-07\ndraft: true\nslug: same\n---\nText.\n",
    }
    srcdir = project(
        tmp_path, "blog", 'callposts_permalinks = {"blog": "/:section/:slug/"}\n', pages
    )
    warned = warned_by_build(srcdir, tmp_path)
    assert {
        ("b.md", 4, "callposts.alias"),
        ("c.md", 4, "callposts.permalink"),
        ("d.md", 4, "callposts.permalink"),
        ("e.md", 4, "callposts.alias"),
        ("f.md", 4, "callposts.alias"),
    } == warned
    assert reported_by_check(srcdir) == warned


def test_site_absolute_links_that_no_page_answers_alike(tmp_path):
    """Without ``callposts_site_url``, a link from the site's root that no page answers
    (by its path here, its path in Hugo or an old URL) warns in both, where it stands."""
    post = (
        "---\ntitle: A\ndate: 2024-01-01\naliases: [/old/a/]\n---\n\n"
        "Answered: [here](/calls/2024/a/), [in Hugo](/blog/2024/a/#top), [old](/old/a/),\n"
        "[the year](/blog/2024/), [another host](//example.org/x/), <https://example.org/>.\n\n"
        "Not: [docs](/docs/concepts/), [anchor](/missing/#part).\n\n"
        "    [in code](/in/code/)\n\n"
        "A [reference][ref].\n\n"
        "[ref]: /by/reference/\n"
    )
    srcdir = project(
        tmp_path,
        "calls",
        'callposts_hugo_paths = {"calls": "blog"}\nhtml_baseurl = "https://new.example/"\n',
        {"2024/a.md": post, "2024/_index.md": "---\ntitle: '2024'\n---\n"},
        index="See [the faq](/faq/) and [the call](/calls/2024/a/).\n\n",
    )
    warned = warned_by_build(srcdir, tmp_path)
    assert warned == {
        ("index.md", 3, "callposts.link"),
        ("a.md", 10, "callposts.link"),
        ("a.md", 14, "callposts.link"),
    }
    assert reported_by_check(srcdir) == warned


def test_tags_and_people_that_want_one_page_alike(tmp_path):
    """Two tags whose pages would take one name, a tag named as the index, and two people
    alike: the HTML build and check warn at the newest post's front-matter line."""
    pages = {
        "a.md": "---\ntitle: A\ndate: 2024-01-01\ntags: [R&D, Index]\nauthors: [Ann B]\n---\nText.\n",
        "b.md": "---\ntitle: B\ndate: 2024-02-01\nauthor: Ann-B.\ntags:\n- RD\n---\nText.\n",
        "c.md": "---\ntitle: C\ndate: 2024-03-01\ndraft: true\ntags: [R.D]\n---\nText.\n",
    }
    srcdir = project(tmp_path, "calls", 'html_baseurl = "https://new.example/"\n', pages)
    warned = warned_by_build(srcdir, tmp_path)
    # R&D's page is not rd (RD spells it), Index's not the index; Ann-B. is not Ann B's
    assert warned == {("a.md", 4, "callposts.taxonomy"), ("b.md", 4, "callposts.taxonomy")}
    assert reported_by_check(srcdir) == warned
    said = run_check(srcdir).stdout
    assert "the tag 'R&D' has its page at tags/rd-" in said
    assert "tags/rd is the index" not in said and "tags/index is the index of the tags" in said
    assert "the person 'Ann-B.' has its page at people/ann-b-" in said


def test_listings_whose_tags_leave_no_post_alike(tmp_path):
    """A listing's ``:tags:`` that no post has warns with or without ``:section:``; a
    project without posts lists none yet, and that is no mistake."""
    pages = {"a.md": "---\ntitle: A\ndate: 2024-01-01\ntags: [release]\n---\nText.\n"}
    listings = (
        "```{callposts}\n:tags: relase\n```\n\n"
        "```{callposts}\n:section: /\n:tags: relase\n```\n\n"
        "```{callposts}\n:tags: Release\n```\n\n"
    )
    srcdir = project(tmp_path, "calls", 'html_baseurl = "https://new.example/"\n', pages, listings)
    warned = warned_by_build(srcdir, tmp_path)
    assert warned == {("index.md", 3, "callposts.listing"), ("index.md", 7, "callposts.listing")}
    assert reported_by_check(srcdir) == warned
    said = run_check(srcdir).stdout
    assert "index.md:3: no post has the tag 'relase' (:tags:)" in said

    empty = tmp_path / "empty"
    empty.mkdir()
    srcdir = project(empty, "calls", 'html_baseurl = "https://new.example/"\n', {}, listings)
    assert warned_by_build(srcdir, empty) == set()
    assert reported_by_check(srcdir) == set()
