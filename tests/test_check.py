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
from .helpers import make_site, run_check, run_program, warning_lines


def test_problems_are_printed_with_file_and_line():
    calls = ROOTS / "test-badinput" / "calls"
    result = run_check(calls)
    assert result.returncode == 1
    *lines, last = result.stdout.splitlines()
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
    assert last == f"{len(lines)} problems in 7 posts (7 posts, 0 section pages checked)"


def test_good_posts_pass():
    result = run_check(ROOTS / "test-posts" / "blog")
    assert (result.returncode, result.stdout) == (
        0,
        "4 posts, 1 section page checked: no problem\n",
    )


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
        ),
        "1 problem in 1 post (2 posts, 0 section pages checked)",
    ]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the Gardener corpus is not here")
def test_the_corpus_has_only_subtitle_dates_to_report():
    result = run_check(CORPUS)
    *lines, last = result.stdout.splitlines()
    assert lines, "three posts of the corpus have a subtitle date that is not their date"
    assert all(line.endswith("[callposts.subtitle]") for line in lines), lines
    assert any(
        "03.23-gardener-community-meeting-march.md:4: the subtitle says 'March 25, 2022'" in line
        for line in lines
    )
    assert (
        last == f"{len(lines)} problems in {len(lines)} posts (80 posts, 44 section pages checked)"
    )


def test_usage():
    result = run_program()
    assert result.returncode == 2
    assert "usage" in result.stderr


def test_shortcode_problems_are_printed_where_they_are(tmp_path):
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: A call\ndate: 2024-01-01\n---\nThe slides:\n\n{{< gallery dir=slides >}}\n\n"
        "The recording: {{< youtube 46nCdVA-rsc\n\nThe end.\n",
        encoding="utf-8",
    )
    result = run_check(post)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{post}:7: unknown Hugo shortcode 'gallery' left as text [callposts.shortcode]",
        f"{post}:9: a shortcode opened here is never closed with '>}}}}' or '%}}}}' [callposts.shortcode]",
        "2 problems in 1 post (1 post, 0 section pages checked)",
    ]


def test_a_sites_own_shortcodes_come_from_its_conf_py(tmp_path):
    root = ROOTS / "test-shortcodes"
    post = root / "calls" / "2022" / "youtube-forms.md"
    # the project's conf.py names its shortcode handlers
    assert run_check(post).stdout == "1 post, 0 section pages checked: no problem\n"
    # the same post, away from the project: unknown until named on the command line
    alone = tmp_path / "youtube-forms.md"
    alone.write_text(post.read_text(encoding="utf-8"), encoding="utf-8")
    unknown = run_check(alone)
    assert unknown.returncode == 1
    assert f"{alone}:45: unknown Hugo shortcode 'mark' left as text [callposts.shortcode]" in (
        unknown.stdout.splitlines()
    )
    handlers = ["youtube-80=site_shortcodes:youtube_80", "mark=site_shortcodes:mark"]
    known = run_check(alone, *[f"--handler={spec}" for spec in handlers], cwd=root)
    assert (known.returncode, known.stdout) == (0, "1 post, 0 section pages checked: no problem\n")


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
        for line, message in problems_in(app.srcdir / "index.md", handlers, page=False)
    }
    # without a Sphinx project, the check cannot look up ``ref`` targets
    assert built - checked == {(25, "ref: no document found for 'no/such/page.md'")}
    assert checked <= built


def test_check_reads_the_projects_conf_py(tmp_path):
    docs = make_site(tmp_path)
    clean = "2 posts, 2 section pages checked: no problem\n"
    assert run_check("docs", cwd=tmp_path).stdout == clean
    assert run_check("-c", "docs", ".", cwd=tmp_path).stdout == clean
    # as pre-commit calls it: the files changed, wherever they sit
    files = [path.relative_to(tmp_path) for path in sorted(tmp_path.rglob("*.md"))]
    assert len(files) == 7
    assert run_check(*files, cwd=tmp_path).stdout == clean

    (docs / "community/calls/2024/march.md").write_text(
        "---\ntitle: March call\ndate: 2024-03-32\n---\n\n{{< slides >}} {{< gallery >}}\n",
        encoding="utf-8",
    )
    (docs / "community/calls/2024/_index.md").write_text("---\ntitle: [\n---\n", "utf-8")
    result = run_check(*files, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == (
        "3 problems in 1 post and 1 section page (2 posts, 2 section pages checked)"
    )


@pytest.mark.parametrize(
    ("suppressed", "reported"),
    [
        ([], ["callposts.subtitle", "callposts.url"]),
        (["callposts.url"], ["callposts.subtitle"]),
        (["callposts.*"], []),
        (["callposts"], []),
    ],
)
def test_check_honours_suppress_warnings_as_the_build(tmp_path, suppressed, reported):
    (tmp_path / "blog").mkdir()
    (tmp_path / "conf.py").write_text(
        f'callposts_pattern = ["blog/**"]\nsuppress_warnings = {suppressed!r}\n'
    )
    (tmp_path / "blog/call.md").write_text(
        "---\ntitle: Call\ndate: 2022-03-23\nsubtitle: March 25, 2022\njoin: ftp://x\n---\n"
    )
    result = run_check(".", cwd=tmp_path)
    *lines, last = result.stdout.splitlines()
    assert sorted(line.rpartition("[")[2].rstrip("]") for line in lines) == reported
    assert result.returncode == (1 if reported else 0)
    assert last.endswith("(1 post, 0 section pages checked)" if reported else "no problem")


def test_without_a_conf_py_front_matter_makes_a_post(tmp_path):
    (tmp_path / "README.md").write_text("A readme with a stray {{< foo >}}.\n", "utf-8")
    (tmp_path / "call.md").write_text(
        "---\ntitle: A call\ndate: 2024-01-01\n---\n{{< foo >}}\n", "utf-8"
    )
    result = run_check(tmp_path)
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'call.md'}:5: unknown Hugo shortcode 'foo' left as text [callposts.shortcode]",
        "1 problem in 1 post (1 post, 0 section pages checked)",
    ]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["no-such-folder"], "no such file or folder: no-such-folder"),
        (["-c", "elsewhere", "."], "no conf.py in elsewhere"),
        (["--frobnicate", "."], "unrecognized arguments: --frobnicate"),
        (["docs"], "ZeroDivisionError"),
    ],
)
def test_usage_errors_exit_with_2(tmp_path, args, error):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "conf.py").write_text("1 / 0\n", encoding="utf-8")
    result = run_check(*args, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert error in result.stderr


def test_help_explains_the_options_and_exit_codes():
    program = run_program("--help")
    assert program.returncode == 0
    assert program.stdout.startswith("usage: python -m sphinx_callposts")
    assert "check" in program.stdout
    check = run_check("--help")
    assert check.returncode == 0
    for text in ("--conf-dir", "--handler", "callposts_pattern", "exit codes:", "2  usage"):
        assert text in check.stdout


def test_version():
    from sphinx_callposts import __version__

    result = run_program("--version")
    assert (result.returncode, result.stdout) == (0, f"python -m sphinx_callposts {__version__}\n")


def test_the_console_script():
    script = Path(sys.executable).with_name("sphinx-callposts")
    if not script.exists():
        pytest.skip("sphinx-callposts is not installed as a package here")
    result = subprocess.run([script, "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("sphinx-callposts ")


def test_check_runs_without_sphinx():
    posts = [str(ROOTS / "test-posts" / "blog"), str(ROOTS / "test-shortcodes")]
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "sphinx_callposts", "check", *posts],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()}
    assert "sphinx_callposts.check" in imported
    assert "sphinx_callposts.core.shortcodes" in imported
    outside_core = sorted(
        name
        for name in imported
        if name.split(".")[0] in {"sphinx", "docutils", "myst_parser"}
        or name.startswith("sphinx_callposts.sphinx")
    )
    assert outside_core == []
