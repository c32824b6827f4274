"""A post's picture (``images``) that is not there: a located warning, and no page or
search engine is pointed at it (issue 22, item 9).

A build and ``sphinx-callposts check`` report the same file, line and type; the missing
picture is left out of the JSON-LD, ``og:image``, the card and the recording's poster.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import pytest

from .helpers import body, build, page, run_check, warning_lines, warnings_of

if TYPE_CHECKING:
    from pathlib import Path

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f80f00000101000518d84e0000000049454e44ae426082"
)
CONF = """\
extensions = ["sphinx_callposts", "sphinxext.opengraph"]
callposts_pattern = ["blog/**"]
html_baseurl = "https://example.org/docs/"
ogp_site_url = "https://example.org/docs/"
show_warning_types = True
"""
CARDS = "# Cards\n\n```{callposts}\n:section: blog\n:style: cards\n:group-by: none\n```\n"
INDEX = "# Home\n\n```{toctree}\n:glob:\ncards\nblog/*\nblog/bundle/index\n```\n"
POSTS = {
    # from the site's root, in no folder
    "blog/root.md": (
        "---\ntitle: Root\ndate: 2024-05-01\nrecording: dQw4w9WgXcQ\n"
        "images: [/img/nothere.png]\n---\n\nText.\n"
    ),
    # beside the post, but not there
    "blog/beside.md": (
        "---\ntitle: Beside\ndate: 2024-05-02\n\nimages:\n  - card.png\n---\n\nText.\n"
    ),
    # there: in callposts_static, and on another host
    "blog/static.md": (
        "---\ntitle: Static\ndate: 2024-05-03\nimages: [/img/card.png]\n---\n\nText.\n"
    ),
    "blog/remote.md": (
        "---\ntitle: Remote\ndate: 2024-05-04\n"
        "images: ['https://cdn.example/r.png']\n---\n\nText.\n"
    ),
    # a leaf bundle whose images names a missing file: its feature image instead
    "blog/bundle/index.md": (
        "---\ntitle: Bundle\ndate: 2024-05-05\nimages: [gone.png]\n---\n\nText.\n"
    ),
}
#: what the build and check report, whether or not callposts_static is set
MISSING = [
    ("beside.md", 5, "callposts.image"),
    ("index.md", 4, "callposts.image"),
    ("root.md", 5, "callposts.image"),
]


def project(root: Path, static: bool) -> Path:
    srcdir = root / "src"
    conf = CONF + ('callposts_static = ["../static"]\n' if static else "")
    files = {"conf.py": conf, "index.md": INDEX, "cards.md": CARDS, **POSTS}
    for name, text in files.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf8")
    (srcdir / "blog/bundle/feature.png").write_bytes(PNG)
    (root / "static/img").mkdir(parents=True)
    (root / "static/img/card.png").write_bytes(PNG)
    return srcdir


@pytest.fixture(scope="module", params=[True, False], ids=["static", "no-static"])
def built(request, tmp_path_factory):
    srcdir = project(tmp_path_factory.mktemp("pictures"), request.param)
    return srcdir, build(srcdir, freshenv=True), request.param


def images_named(app, docname: str) -> list[str]:
    """Every image URL a page gives search engines and social cards."""
    soup = page(app, docname)
    graph = json.loads(soup.select_one('script[type="application/ld+json"]').string)["@graph"]
    return [
        *(item["image"] for item in graph if "image" in item),
        *(item["thumbnailUrl"] for item in graph if "thumbnailUrl" in item),
        *(tag["content"] for tag in soup.select('meta[property="og:image"]')),
    ]


def test_a_missing_picture_warns_at_its_images_line(built):
    _srcdir, app, static = built
    expected = MISSING if static else [*MISSING, ("static.md", 4, "callposts.image")]
    assert sorted(warnings_of(app)) == sorted(expected)
    lines = warning_lines(app)
    assert any("'/img/nothere.png' is in neither" in line for line in lines)
    assert any("'card.png' is missing" in line for line in lines)


def test_check_reports_the_same_file_line_and_type(built):
    srcdir, app, _static = built
    result = run_check(srcdir)
    assert "Traceback" not in result.stderr, result.stderr
    reported = re.findall(r"([^/\s]+):(\d+): .*\[(callposts\.\w+)\]$", result.stdout, re.MULTILINE)
    assert sorted((name, int(line), kind) for name, line, kind in reported) == sorted(
        warnings_of(app)
    )


def test_a_missing_picture_is_named_nowhere(built):
    _srcdir, app, _static = built
    for path in app.outdir.rglob("*.html"):
        text = path.read_text(encoding="utf8")
        assert "nothere.png" not in text, path
        assert "card.png" not in text.replace("_images/card.png", ""), path
    # the recording's poster is YouTube's thumbnail, as for a post without a picture
    poster = body(app, "blog/root").select_one("a.callposts-youtube-poster img")
    assert poster is None or "nothere" not in poster["src"]
    assert images_named(app, "blog/root") == [
        "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg",
        "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg",
        "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg",
    ]
    assert images_named(app, "blog/beside") == []
    cards = {
        card.select_one(".callposts-card-title").get_text(): card
        for card in body(app, "cards").select(".callposts-call-card")
    }
    assert not cards["Root"].select("img")
    assert not cards["Beside"].select("img")


def test_the_pictures_that_are_there_stay(built):
    _srcdir, app, static = built
    # the leaf bundle's feature image takes the place of the missing one
    assert set(images_named(app, "blog/bundle/index")) == {
        "https://example.org/docs/_images/feature.png"
    }
    # another host's picture is named in metadata only, as written
    assert set(images_named(app, "blog/remote")) == {"https://cdn.example/r.png"}
    assert "cdn.example" not in str(body(app, "blog/remote"))
    found = images_named(app, "blog/static")
    assert set(found) == ({"https://example.org/docs/_images/card.png"} if static else set())


def test_a_picture_added_later_is_found_by_the_next_build(tmp_path):
    srcdir = project(tmp_path, static=True)
    outdir = tmp_path / "out"
    assert ("root.md", 5, "callposts.image") in warnings_of(build(srcdir, builddir=outdir))
    (tmp_path / "static/img/nothere.png").write_bytes(PNG)
    app = build(srcdir, builddir=outdir)
    assert ("root.md", 5, "callposts.image") not in warnings_of(app)
    assert "https://example.org/docs/_images/nothere.png" in images_named(app, "blog/root")


def test_a_picture_out_of_the_project_is_no_missing_one(tmp_path):
    """As ``front_picture`` ignores it, so do the build and check: neither warns."""
    srcdir = project(tmp_path, static=True)
    (srcdir / "blog/far.md").write_text(
        "---\ntitle: Far\ndate: 2024-05-06\nimages: [../../../../far.png]\n---\n\nText.\n",
        encoding="utf8",
    )
    app = build(srcdir, freshenv=True)
    assert sorted(warnings_of(app)) == MISSING
    assert "far.md" not in run_check(srcdir).stdout
