"""``callposts_hugo_paths``: posts kept in another folder than Hugo's keep Hugo's URLs."""

from __future__ import annotations

import pytest

from .helpers import body, build, copy_root, run_check, warning_lines
from .test_hugo_urls import refresh_target

BASE = "https://new.example/docs/"


@pytest.fixture(scope="module", params=["html", "dirhtml"])
def app(request, tmp_path_factory):
    srcdir = copy_root("hugo-paths", tmp_path_factory.mktemp(f"paths-{request.param}"))
    return build(
        srcdir,
        request.param,
        freshenv=True,
        confoverrides={"callposts_redirect_files": ["netlify"]},
    )


def page_file(app, docname: str) -> str:
    return f"{docname}/index.html" if app.builder.name == "dirhtml" else f"{docname}.html"


@pytest.mark.parametrize(
    ("old", "docname"),
    [
        # the permalink, from Hugo's section 'blog', not the folder here
        ("blog/2022/10/06/release/", "community/calls/2022/release"),
        # a relative alias, from the folder above the post's old URL
        ("blog/2022/10/06/release-old/", "community/calls/2022/release"),
        ("legacy/moved/", "community/calls/2022/moved"),
        ("blog/2022/08/01/links/", "community/calls/2022/links"),
    ],
)
def test_redirect_pages_answer_at_hugos_urls(app, old, docname):
    assert refresh_target(app, old + "index.html") == page_file(app, docname)


def test_section_pages_answer_at_hugos_folders(app):
    section = "community/calls/2022/_index"
    expected = (
        "community/calls/2022/index.html" if app.builder.name == "dirhtml" else (section + ".html")
    )
    assert refresh_target(app, "blog/2022/index.html") == expected
    assert refresh_target(app, "blog/index.html").startswith("community/calls/")


def test_no_redirect_from_the_docs_folder(app):
    """The docs folder had no URL on the old site: nothing is written under its paths."""
    calls = app.outdir / "community/calls/2022"
    assert not (calls / "10").exists()
    assert not (app.outdir / "community/calls/blog").exists()
    assert warning_lines(app) == []


def test_the_redirect_file_maps_hugos_urls(app):
    text = (app.outdir / "callposts-redirects/_redirects").read_text("utf8")
    lines = {line.split()[0]: line.split()[1] for line in text.splitlines()[1:]}
    suffix = "/" if app.builder.name == "dirhtml" else ".html"
    release = f"{BASE}community/calls/2022/release{suffix}"
    assert lines["/blog/2022/10/06/release/"] == release
    assert lines["/blog/2022/10/06/release-old/"] == release
    assert lines["/legacy/moved/"] == f"{BASE}community/calls/2022/moved{suffix}"
    assert "/blog/2022/" in lines
    assert not [path for path in lines if path.startswith("/community/")]


def test_links_resolve_as_on_the_old_site(app):
    links = {
        a.get_text(): a["href"]
        for a in body(app, page_file(app, "community/calls/2022/links")).select("li a")
    }
    # the old site's other sections, by file, by URL and from the root: there
    for text in (
        "the adopters",
        "the adopters, by URL",
        "the adopters, from the root",
        "the adopters, with the domain",
    ):
        assert links[text] == "https://old.example/community/adopter/", text
    # the old URLs of pages here: here
    dirhtml = app.builder.name == "dirhtml"
    release = "../release/" if dirhtml else "release.html"
    assert links["the release, by URL"] == release
    assert links["the release, from the root"] == release
    assert links["the release, with the domain"] == release
    assert links["the moved post"] == ("../moved/" if dirhtml else "moved.html")
    assert links["the year"] == ("../" if dirhtml else "_index.html")
    # ref and relref paths from the content root: from Hugo's folder, not the docs'
    assert links["the release, by ref"] == release
    assert links["the year, by relref"] == links["the year"]
    assert links["the moved post, by relref"] == links["the moved post"]


def test_refs_from_the_content_root_find_the_moved_posts_without_the_old_site(tmp_path):
    """With no old site to send them to, ``ref`` paths of Hugo's folders must find the
    documents themselves, in the build and in ``check``."""
    srcdir = copy_root("hugo-paths", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf8").replace("callposts_site_url", "# "), encoding="utf8")
    app = build(srcdir, freshenv=True)
    links = {
        a.get_text(): a["href"] for a in body(app, "community/calls/2022/links").select("li a")
    }
    assert links["the release, by ref"] == "release.html"
    assert links["the year, by relref"] == "_index.html"
    # the links to the old site's other sections warn (no site to send them to); the refs not
    refs = {f"links.md:{line}:" for line in (16, 17, 18)}
    assert [line for line in warning_lines(app) if "links.md:9:" in line]
    assert not [line for line in warning_lines(app) if any(ref in line for ref in refs)]
    result = run_check(srcdir)
    assert not [line for line in result.stdout.splitlines() if any(ref in line for ref in refs)]
