"""A post's picture: the recording's poster and its card's image, never loaded from elsewhere."""

from __future__ import annotations

import json
import shutil

import pytest

from sphinx_callposts.core.pictures import bundle_picture, front_picture

from .helpers import ROOTS, build, copy_root, page, warning_lines

PNG = ROOTS / "test-posts" / "blog" / "2022" / "call-october" / "diagram.png"

CARDS = """\
---
orphan: true
---
# Cards

```{callposts}
:section: calls
:style: cards
:group-by: none
```
"""


def add_front_matter(path, lines: str) -> None:
    text = path.read_text(encoding="utf8")
    path.write_text(text.replace("---\n", "---\n" + lines, 1), encoding="utf8")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    srcdir = copy_root("listing", tmp_path_factory.mktemp("pictures"))
    calls = srcdir / "calls"
    # a leaf bundle's image named like Hugo themes look for it, and a recording
    shutil.copy(PNG, calls / "2024-05-bundle" / "cover-photo.png")
    shutil.copy(PNG, calls / "2024-05-bundle" / "other.png")
    add_front_matter(calls / "2024-05-bundle" / "index.md", "recording: dQw4w9WgXcQ\n")
    # a site-absolute picture, and one on another host
    (srcdir / "img").mkdir()
    shutil.copy(PNG, srcdir / "img" / "kickoff.png")
    add_front_matter(calls / "2024-01-10-kickoff.md", "images: [/img/kickoff.png]\n")
    add_front_matter(calls / "2024-03-07-release.md", "images: ['https://cdn.example/r.png']\n")
    (srcdir / "cards.md").write_text(CARDS, encoding="utf8")
    return build(srcdir, freshenv=True)


def test_no_warning(app):
    assert warning_lines(app) == []


def test_the_pictures_are_on_the_posts(app):
    posts = app.env.callposts.posts
    assert posts["calls/2024-05-bundle/index"].picture == "calls/2024-05-bundle/cover-photo.png"
    assert posts["calls/2024-01-10-kickoff"].picture == "img/kickoff.png"
    assert posts["calls/2024-03-07-release"].picture == "https://cdn.example/r.png"
    assert posts["calls/2023/2023-06-01-summer"].picture == ""


def test_the_picture_is_the_recordings_poster(app):
    poster = page(app, "calls/2024-05-bundle/index").select_one("a.callposts-youtube-poster")
    img = poster.select_one("img")
    assert (img["alt"], img["loading"]) == ("", "lazy")
    assert (app.outdir / "calls" / "2024-05-bundle" / img["src"]).resolve() == (
        app.outdir / "_images" / "cover-photo.png"
    )
    assert (app.outdir / "_images" / "cover-photo.png").is_file()


def test_cards_show_picture_date_speakers_and_the_upcoming_badge(app):
    listing = page(app, "cards").select_one("div.body .callposts-list")
    cards = {
        card.select_one(".callposts-card-title").get_text(): card
        for card in listing.select(".callposts-cards .callposts-call-card")
    }
    assert list(cards) == [
        "The next call",
        "A leaf bundle",
        "Release 2.0",
        "Kickoff of the year",
        "Autumn call",
        "Summer call",
    ]
    bundle = cards["A leaf bundle"].select_one("img.callposts-card-picture")
    assert bundle["alt"] == "A leaf bundle"
    assert bundle["src"] == "_images/cover-photo.png"
    assert cards["Kickoff of the year"].select_one("img")["src"] == "_images/kickoff.png"
    assert (app.outdir / "_images" / "kickoff.png").is_file()
    assert cards["Release 2.0"].select_one(".callposts-people").get_text() == (
        "Grace Hopper, Alan Turing"
    )
    assert cards["Release 2.0"].select_one("time")["datetime"] == "2024-03-07"
    assert cards["The next call"].select_one(".callposts-badge").get_text() == "Upcoming"
    assert not cards["Release 2.0"].select(".callposts-badge")


def test_a_picture_on_another_host_is_never_loaded(app):
    for path in app.outdir.rglob("*.html"):
        soup = page(app, path.relative_to(app.outdir).as_posix())
        loaded = [tag.get("src", "") for tag in soup.select("img, iframe, script, source")]
        assert not [src for src in loaded if "cdn.example" in src], path


@pytest.mark.parametrize(
    ("images", "picture"),
    [
        ("feature.jpg", "blog/post/feature.jpg"),
        (["../shared/a.png", "b.png"], "blog/shared/a.png"),
        ("/img/a.png", "img/a.png"),
        ("https://cdn.example/a.png", "https://cdn.example/a.png"),
        ("../../../outside.png", ""),
        ("javascript:alert(1)", ""),
        ([], ""),
        (3, ""),
    ],
)
def test_front_matter_images(images, picture):
    assert front_picture(images, "blog/post/index") == picture


def test_bundle_images_as_hugo_themes_find_them():
    names = ["notes.txt", "thumbnail.png", "my-cover.JPG", "diagram.png"]
    assert bundle_picture(names, "blog/post") == "blog/post/my-cover.JPG"
    assert bundle_picture(["feature.txt", "a.png"], "blog/post") == ""


def test_the_picture_is_the_posts_image_for_search_engines(app):
    [script] = page(app, "calls/2024-05-bundle/index").select('script[type="application/ld+json"]')
    graph = json.loads(script.string)["@graph"]
    posting = next(item for item in graph if item["@type"] == "BlogPosting")
    # an absolute URL of the copied file; another host's picture is named as it is
    assert posting["image"] == "https://example.org/docs/_images/cover-photo.png"
    release = page(app, "calls/2024-03-07-release").select('script[type="application/ld+json"]')
    assert "https://cdn.example/r.png" in release[0].string


def test_a_parallel_build_copies_the_picture(tmp_path):
    srcdir = copy_root("listing", tmp_path)
    bundle = srcdir / "calls" / "2024-05-bundle"
    shutil.copy(PNG, bundle / "feature.png")
    app = build(srcdir, freshenv=True, parallel=2)
    assert warning_lines(app) == []
    assert (app.outdir / "_images" / "feature.png").is_file()
    graph = page(app, "calls/2024-05-bundle/index").select_one('script[type="application/ld+json"]')
    assert "https://example.org/docs/_images/feature.png" in graph.string
