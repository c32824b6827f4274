"""``python -m sphinx_callposts check``: the extension's own checks, before a build."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_callposts.check import problems_in
from sphinx_callposts.core.shortcodes import import_handler

from .conftest import CORPUS, ROOTS
from .helpers import warning_lines


def run_check(*args: Path | str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx_callposts", "check", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def test_problems_are_printed_with_file_and_line():
    calls = ROOTS / "test-badinput" / "calls"
    result = run_check(calls)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    # the parser's own words differ between libyaml and pure-Python PyYAML
    [broken] = [line for line in lines if "broken-yaml.md" in line]
    assert broken.startswith(f"{calls / 'broken-yaml.md'}:3: invalid YAML front matter: ")
    assert broken.endswith("expected ',' or ']' [callposts.frontmatter]")
    assert (
        f"{calls / 'wrong-types.md'}:4: 'tags' should be a list of strings, not int [callposts.frontmatter]"
        in lines
    )
    assert (
        f"{calls / 'no-title.md'}:1: the post has no 'title' in its front matter [callposts.title]"
        in lines
    )
    assert {line.split(":")[0] for line in lines} == {
        str(calls / name)
        for name in (
            "bomb.md",
            "broken-yaml.md",
            "hostile.md",
            "no-title.md",
            "python-tag.md",
            "toml-broken.md",
            "wrong-types.md",
        )
    }
    assert result.stderr.strip() == f"{len(lines)} problems found"


def test_good_posts_pass():
    result = run_check(ROOTS / "test-posts" / "blog")
    assert (result.returncode, result.stdout) == (0, "")


def test_a_subtitle_date_that_disagrees_with_the_post_date(tmp_path):
    post = tmp_path / "call.md"
    post.write_text(
        "---\ntitle: Call\nnewsSubtitle: March 25, 2022\npublishdate: 2022-03-23\n---\n\nText.\n",
        encoding="utf8",
    )
    same = tmp_path / "same.md"
    same.write_text(
        "---\ntitle: Call\nnewsSubtitle: March 23, 2022\ndate: 2022-03-23\n---\n\nText.\n",
        encoding="utf8",
    )
    result = run_check(post, same)
    assert result.stdout.splitlines() == [
        (
            f"{post}:3: the subtitle says 'March 25, 2022' but the post is dated 2022-03-23; "
            "the page shows the post's date [callposts.subtitle]"
        )
    ]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the Gardener corpus is not here")
def test_the_corpus_has_only_subtitle_dates_to_report():
    result = run_check(CORPUS)
    lines = result.stdout.splitlines()
    assert lines, "three posts of the corpus have a subtitle date that is not their date"
    assert all(line.endswith("[callposts.subtitle]") for line in lines), lines
    assert any(
        "03.23-gardener-community-meeting-march.md:4: the subtitle says 'March 25, 2022'" in line
        for line in lines
    )


def test_usage():
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_callposts"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "usage" in result.stderr


def test_shortcode_problems_are_printed_where_they_are(tmp_path):
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: A call\n---\n\nThe slides:\n\n{{< gallery dir=slides >}}\n\n"
        "The recording: {{< youtube 46nCdVA-rsc\n\nThe end.\n",
        encoding="utf-8",
    )
    result = run_check(post)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{post}:7: unknown Hugo shortcode 'gallery' left as text [callposts.shortcode]",
        f"{post}:9: a shortcode opened here is never closed with '>}}}}' or '%}}}}' [callposts.shortcode]",
    ]
    assert result.stderr.strip() == "2 problems found"


def test_a_sites_own_shortcodes_need_a_handler():
    root = ROOTS / "test-shortcodes"
    post = root / "calls" / "2022" / "youtube-forms.md"
    unknown = run_check(post)
    assert unknown.returncode == 1
    assert f"{post}:45: unknown Hugo shortcode 'mark' left as text [callposts.shortcode]" in (
        unknown.stdout.splitlines()
    )
    handlers = ["youtube-80=site_shortcodes:youtube_80", "mark=site_shortcodes:mark"]
    known = run_check(post, *[f"--handler={spec}" for spec in handlers], cwd=root)
    assert (known.returncode, known.stdout) == (0, "")


@pytest.mark.parametrize(
    ("spec", "error"),
    [
        ("mark=no_such_module:mark", "cannot import 'no_such_module:mark'"),
        ("mark=site_shortcodes:nothing", "has no attribute 'nothing'"),
        ("=site_shortcodes:mark", "names no function"),
    ],
)
def test_a_bad_handler_option_is_a_usage_error(spec, error):
    root = ROOTS / "test-shortcodes"
    result = run_check(root, f"--handler={spec}", cwd=root)
    assert (result.returncode, result.stdout) == (2, "")
    assert error in result.stderr


@pytest.mark.sphinx("html", testroot="shortcodes-bad", srcdir="check-shortcodes-bad")
def test_check_and_build_give_the_same_shortcode_warnings(app, monkeypatch):
    app.build()
    built = {
        (int(match[1]), match[2])
        for line in warning_lines(app)
        if (match := re.search(r"index\.md:(\d+): WARNING: (.*) \[callposts\.shortcode\]$", line))
    }
    monkeypatch.syspath_prepend(str(app.srcdir))
    handlers = {
        name: import_handler(target)
        for name, target in app.config.callposts_shortcode_handlers.items()
        if name != "missing"  # its module does not exist
    }
    checked = {
        (line, message.removesuffix(" [callposts.shortcode]"))
        for line, message in problems_in(app.srcdir / "index.md", handlers)
    }
    # without a Sphinx project, the check cannot look up ``ref`` targets
    assert built - checked == {(25, "ref: no document found for 'no/such/page.md'")}
    assert checked <= built
