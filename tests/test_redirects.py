"""Redirect pages from the aliases of posts, as Hugo writes them."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from sphinx_callposts.sphinx.redirects import alias_path
from sphinx_callposts.sphinx.writer import write_output

from .helpers import build, copy_root, page, warning_lines
from .test_hugo_urls import refresh_target


@pytest.fixture(scope="module")
def html_app(tmp_path_factory):
    return build(copy_root("listing", tmp_path_factory.mktemp("redirects")), freshenv=True)


def redirect_of(app, path: str) -> tuple[str, str, str]:
    """``(canonical, refresh target, visible link)`` of an alias page."""
    soup = page(app, path)
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    assert refresh.startswith("0; url=")
    return (
        soup.find("link", rel="canonical")["href"],
        refresh[len("0; url=") :],
        soup.body.a["href"],
    )


@pytest.mark.parametrize(
    ("alias_file", "target"),
    [
        # aliases: "/old/2024/03/release": from the site root
        ("old/2024/03/release/index.html", "../../../../calls/2024-03-07-release.html"),
        # aliases: "release-2": from the post's folder
        ("calls/release-2/index.html", "../2024-03-07-release.html"),
        # url: /legacy/bundle.html: the file itself
        ("legacy/bundle.html", "../calls/2024-05-bundle/index.html"),
    ],
)
def test_alias_pages_point_at_the_post_relatively(html_app, alias_file, target):
    canonical, refresh, link = redirect_of(html_app, alias_file)
    assert refresh == link == target
    assert (html_app.outdir / alias_file).parent.joinpath(target).resolve().is_file()
    assert canonical == urljoin("https://example.org/docs/", urljoin(alias_file, target))
    # the same file works under a prefix such as Read the Docs' /en/latest/
    served = urljoin("https://project.readthedocs.io/en/latest/", alias_file)
    assert urljoin(served, target).startswith("https://project.readthedocs.io/en/latest/calls/")


def test_alias_page_escapes_the_title(html_app):
    raw = (html_app.outdir / "old/2024/03/release/index.html").read_text(encoding="utf8")
    assert "Release 2.0 &lt;walkthrough&gt;" in raw
    assert "<walkthrough>" not in raw


def test_dirhtml_alias_pages(tmp_path):
    app = build(copy_root("listing", tmp_path), "dirhtml")
    _canonical, refresh, _link = redirect_of(app, "old/2024/03/release/index.html")
    assert refresh == "../../../../calls/2024-03-07-release/"
    assert (app.outdir / "old/2024/03/release" / refresh / "index.html").resolve().is_file()
    assert (app.outdir / "legacy/bundle.html").is_file()


def test_no_alias_pages_when_turned_off_or_for_one_page_builders(tmp_path):
    app = build(
        copy_root("listing", tmp_path / "off"), confoverrides={"callposts_redirects": False}
    )
    assert not (app.outdir / "old").exists()
    assert not (app.outdir / "legacy").exists()
    app = build(copy_root("listing", tmp_path / "single"), "singlehtml")
    assert not (app.outdir / "old").exists()


@pytest.fixture(scope="module")
def bad_app(tmp_path_factory):
    return build(copy_root("listing-bad", tmp_path_factory.mktemp("bad-redirects")), freshenv=True)


def test_bad_aliases_warn_where_they_are_written_and_write_nothing(bad_app):
    alias_warnings = [line for line in warning_lines(bad_app) if "[callposts.alias]" in line]
    found = {
        re.search(r"alias '([^']*)' (.*); (?:no redirect|not) written", line).groups()
        for line in alias_warnings
    }
    assert found == {
        ("../../../escape", "escapes the output folder"),
        ("https://old.example/a", "is not a path but a URL"),
        ("/index.html", "collides with the page index.md:1"),
        ("/shared", "is already the alias of the post 'Call A' (shared/index.html)"),
        ("/javascript:alert(1)", "is not a path: no portable file name holds ':'"),
        ("/kept.html", "collides with the file extra/kept.html (html_extra_path)"),
    }
    # two posts claim /shared: the older one (A, February) keeps it, the other is told once
    shared = [line for line in alias_warnings if "'/shared'" in line]
    assert [line.split(": WARNING")[0] for line in shared] == [f"{bad_app.srcdir / 'calls/b.md'}:4"]
    out = bad_app.outdir
    assert refresh_target(bad_app, "shared/index.html") == "calls/a.html"
    assert not (out.parent / "escape").exists()
    assert "<h1" in (out / "index.html").read_text(encoding="utf8")  # the page, untouched
    assert not (out / "draft-alias").exists()  # drafts get no redirects
    assert (out / "b-old/index.html").is_file()
    assert "not a redirect" in (out / "kept.html").read_text(encoding="utf8")  # html_extra_path


@pytest.mark.parametrize(
    ("alias", "docname", "expected"),
    [
        ("/a/b/", "calls/x", "a/b/index.html"),
        ("old.html", "calls/x", "calls/old.html"),
        ("../up", "calls/x", "up/index.html"),
        ("/", "calls/x", "index.html"),
        ("../../up", "calls/x", ""),
        ("//host/path", "calls/x", ""),
        ("/a?b=c", "calls/x", ""),
        ("/a%20b/", "calls/x", "a b/index.html"),
        ("/%E4%B8%AD.html", "calls/x", "中.html"),
    ],
)
def test_alias_path(alias, docname, expected):
    assert alias_path(alias, docname)[0] == expected


@pytest.mark.parametrize(
    ("alias", "problem"),
    [
        # decoded before they are checked, as a web server decodes them
        ("/a%0Ab/", "holds the control character U+000A"),
        ("/a\nb/", "holds the control character U+000A"),
        ("/c%E2%80%A8d/", "holds the line separator U+2028"),
        ("/c%C2%85d/", "holds the line separator U+0085"),
        ("/%00", "holds the control character U+0000"),
        ("/%7F", "holds the control character U+007F"),
        ("/%ED%A0%80", "is not a path: its percent-escapes are not UTF-8"),
        ("/%FF/", "is not a path: its percent-escapes are not UTF-8"),
        ("/%2E%2E/%2E%2E/%2E%2E/x", "escapes the output folder"),
        ("..%2F..%2F..%2Fx", "escapes the output folder"),
        ("/a%5Cb", "is not a path: no portable file name holds '\\\\'"),
        ("/a%3Fb", "is not a path: no portable file name holds '?'"),
    ],
)
def test_alias_path_says_what_is_wrong_once_decoded(alias, problem):
    assert alias_path(alias, "calls/x") == ("", problem)


def test_write_output_refuses_paths_outside_the_output_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (out / "link").symlink_to(tmp_path / "elsewhere")
    for bad in ("../x.html", "/etc/x.html", "", "a/../../x.html", "link/x.html", "."):
        assert not write_output(out, bad, "text")
    assert not list((tmp_path / "elsewhere").iterdir())
    assert write_output(out, "a/b/index.html", "text")
    assert (out / "a/b/index.html").read_text(encoding="utf8") == "text"


@pytest.mark.parametrize(
    ("folder_page", "front_matter"),
    [
        ("calls/2022/10/_index", ""),  # a section page: in dirhtml, at its folder
        ("calls/2022/10/index", "date: 2022-10-01\n"),  # a leaf bundle: in every builder
    ],
)
@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_an_alias_at_the_folder_of_another_page_warns_in_every_builder(
    tmp_path, builder, folder_page, front_matter
):
    """Where the page itself is written at its old URL's folder, or its redirect page
    is, another post's alias there is told, at its line: the page's own URL wins."""
    srcdir = tmp_path / "src"
    (srcdir / "calls/2022/10").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_callposts"]\ncallposts_pattern = ["calls/**"]\n'
        'html_baseurl = "https://example.org/"\n'
        "show_warning_types = True\n",  # the default from Sphinx 8
        encoding="utf8",
    )
    (srcdir / "index.md").write_text(
        f"# Home\n\n```{{toctree}}\n{folder_page}\ncalls/post\n```\n", encoding="utf8"
    )
    (srcdir / f"{folder_page}.md").write_text(
        f"---\ntitle: October\n{front_matter}---\n\nText.\n", encoding="utf8"
    )
    (srcdir / "calls/post.md").write_text(
        "---\ntitle: Post\ndate: 2022-10-06\naliases:\n  - /calls/2022/10/\n---\n\nText.\n",
        encoding="utf8",
    )
    app = build(srcdir, builder, freshenv=True)
    collision = (
        f"{srcdir / 'calls/post.md'}:4: WARNING: alias '/calls/2022/10/' collides "
        "with the old URL of another page (calls/2022/10/index.html); no redirect written "
        "[callposts.alias]"
    )
    assert [line for line in warning_lines(app) if "callposts" in line] == [collision]
    # the folder is the other page's, not the post's: its redirect page, or itself
    folder = page(app, "calls/2022/10/index.html")
    refresh = folder.find("meta", attrs={"http-equiv": "refresh"})
    if builder == "html" and folder_page.endswith("_index"):
        assert refresh["content"] == "0; url=_index.html"
    else:
        assert refresh is None
        assert folder.title.text.startswith("October")
