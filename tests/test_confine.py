"""A post publishes no file from outside the project: embeds, avatars, pictures, images."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .helpers import build, run_check, warning_lines, warnings_of

CONF = """\
extensions = ["sphinx_callposts"]
callposts_pattern = ["calls/**"]
show_warning_types = True
html_baseurl = "https://example.org/"
"""
INDEX = "# Home\n\n```{toctree}\n:glob:\ncalls/*\ncalls/*/index\n```\n"
SECRET = "callposts-secret-token-6f1d"
UP = "../" * 12

#: post file -> (text, the warnings it must give as (line, type))
POSTS: dict[str, tuple[str, set[tuple[int, str]]]] = {
    "environ.md": (
        f"---\ntitle: Environ\ndate: 2024-01-01\n---\n\n```{{callpost}} {UP}proc/self/environ\n```\n",
        {(6, "callposts.directive")},
    ),
    "zero.md": (
        f"---\ntitle: Zero\ndate: 2024-01-02\n---\n\n```{{callpost}} {UP}dev/zero\n```\n",
        {(6, "callposts.directive")},
    ),
    # a page of nothing but the directive is scanned for the navigation before it is read
    "stub.md": (f"```{{callpost}} {UP}dev/zero\n```\n", {(1, "callposts.directive")}),
    "linked.md": (
        "---\ntitle: Linked\ndate: 2024-01-03\n---\n\n```{callpost} device.txt\n```\n",
        {(6, "callposts.directive")},
    ),
    "fifo.md": (
        "---\ntitle: Fifo\ndate: 2024-01-04\n---\n\n```{callpost} pipe.txt\n```\n",
        {(6, "callposts.directive")},
    ),
    "big.md": (
        "---\ntitle: Big\ndate: 2024-01-05\n---\n\n```{callpost} big.txt\n```\n",
        {(6, "callposts.directive")},
    ),
    "avatar.md": (
        (
            "---\ntitle: Avatar\ndate: 2024-01-06\n"
            f'authors:\n- name: Eve\n  avatar: "{UP}etc/passwd"\n---\nText.\n'
        ),
        {(4, "callposts.image")},
    ),
    "picture.md": (
        "---\ntitle: Picture\ndate: 2024-01-07\nimages: [outside.png]\n---\nText.\n",
        {(4, "callposts.image")},
    ),
    "body.md": (
        (
            "---\ntitle: Body\ndate: 2024-01-08\n---\n\n"
            f"![secret]({UP}etc/passwd)\n\n{{download}}`passwd <{UP}etc/passwd>`\n"
        ),
        {(6, "callposts.image"), (8, "callposts.image")},
    ),
    "bundle/index.md": (
        "---\ntitle: Bundle\ndate: 2024-01-09\n---\nText.\n",
        {(1, "callposts.image")},
    ),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("confine")
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n" + SECRET.encode())
    srcdir = root / "src"
    (srcdir / "calls" / "bundle").mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf8")
    (srcdir / "index.md").write_text(INDEX, encoding="utf8")
    (srcdir / "calls" / "fine.md").write_text(
        "---\ntitle: Fine\ndate: 2024-01-10\n---\nAll well.\n", encoding="utf8"
    )
    for name, (text, _warnings) in POSTS.items():
        (srcdir / "calls" / name).write_text(text, encoding="utf8")
    (srcdir / "calls" / "device.txt").symlink_to("/dev/zero")
    os.mkfifo(srcdir / "calls" / "pipe.txt")
    (srcdir / "calls" / "big.txt").write_text("x" * (2 * 1024 * 1024), encoding="utf8")
    (srcdir / "calls" / "outside.png").symlink_to(outside / "secret.png")
    (srcdir / "calls" / "bundle" / "feature.png").symlink_to(outside / "secret.png")
    return srcdir


@pytest.fixture(scope="module")
def built(project, tmp_path_factory):
    os.environ["CALLPOSTS_TEST_SECRET"] = SECRET
    try:
        return build(project, "html", builddir=tmp_path_factory.mktemp("confine-build"))
    finally:
        del os.environ["CALLPOSTS_TEST_SECRET"]


def test_each_file_from_outside_is_refused_with_a_located_warning(built):
    assert len(warnings_of(built)) == len(warning_lines(built)), warning_lines(built)
    found = set(warnings_of(built))
    for name, (_text, expected) in POSTS.items():
        for line, kind in expected:
            assert (Path(name).name, line, kind) in found, (name, line, kind, warning_lines(built))
    messages = "\n".join(warning_lines(built))
    assert "it lies outside the source folder" in messages
    assert "it is not a regular file" in messages
    assert "it is larger than 1024 KiB" in messages


def test_nothing_from_outside_reaches_the_output(built):
    passwd = Path("/etc/passwd").read_bytes()[:20]
    for path in built.outdir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SECRET.encode() not in data, path
            assert passwd not in data, path
    assert not list((built.outdir / "_images").glob("*passwd*"))
    assert not (built.outdir / "_downloads").exists() or not any(
        (built.outdir / "_downloads").rglob("passwd")
    )
    # the pages still build, with their titles
    for name in POSTS:
        page = (built.outdir / "calls" / name).with_suffix(".html")
        assert page.is_file(), page


def test_a_folder_named_in_callposts_embed_paths_may_be_embedded(tmp_path):
    hugo = tmp_path / "hugo"
    hugo.mkdir()
    (hugo / "post.md").write_text("---\ntitle: From Hugo\ndate: 2024-02-01\n---\nHello.\n")
    srcdir = tmp_path / "src"
    (srcdir / "calls").mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF + 'callposts_embed_paths = ["../hugo"]\n')
    (srcdir / "index.md").write_text("# Home\n\n```{toctree}\ncalls/stub\n```\n")
    (srcdir / "calls" / "stub.md").write_text("```{callpost} ../../hugo/post.md\n```\n")
    app = build(srcdir, "html")
    assert warning_lines(app) == []
    assert "Hello." in (app.outdir / "calls" / "stub.html").read_text("utf8")


def test_check_refuses_the_same_embeds(project):
    result = run_check(project / "calls")
    assert "Traceback" not in result.stderr
    reported = {
        (Path(line.split(":")[0]).name, int(line.split(":")[1]), line.rsplit("[", 1)[1][:-1])
        for line in result.stdout.splitlines()
        if line.endswith("]")
    }
    for name in ("environ.md", "zero.md", "linked.md", "fifo.md", "big.md"):
        assert (name, 6, "callposts.directive") in reported, (name, result.stdout)
    assert SECRET not in result.stdout
