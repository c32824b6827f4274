"""Raw HTML read as a browser reads it: a quoted attribute value may hold ``<``, ``>`` and
the other quote, and the tag still ends at its own ``>`` (issue 22, items 4, 6 and 9)."""

from __future__ import annotations

import html
import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_callposts.core.iframes import youtube_iframes
from sphinx_callposts.core.pictures import image_sources
from sphinx_callposts.core.text import has_html, html_text

from .helpers import body, build, page, warning_lines, warnings_of

SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
CONF = """\
extensions = ["sphinx_callposts"]
callposts_pattern = ["blog/**"]
html_baseurl = "https://example.org/"
show_warning_types = True
"""
INDEX = "# Home\n\n```{callposts}\n```\n\n```{toctree}\n:glob:\nblog/*\n```\n"
IFRAME = (
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/U1VvyQiE3Jg?start=30"'
    ' title="Iframe <title> here" frameborder="0" allowfullscreen></iframe>'
)
VIMEO = '<iframe src="https://player.vimeo.com/video/1" title="A <b> c"></iframe>'
POSTS = {
    "blog/youtube.md": f"---\ntitle: Talk\ndate: 2024-07-10\n---\n\n{IFRAME}\n\nSome text.\n",
    "blog/vimeo.md": f"---\ntitle: Elsewhere\ndate: 2024-07-11\n---\n\n{VIMEO}\n\nThe text.\n",
    "blog/image.md": (
        "---\ntitle: Picture\ndate: 2024-07-12\n---\n\n"
        "Before.\n\n"
        '<p><img alt="a <b> \'c\'" src="/img/nothere.png"></p>\n'
    ),
}


@pytest.fixture(scope="module", params=["keep", "escape"])
def app(request, tmp_path_factory):
    srcdir = tmp_path_factory.mktemp("quoted") / "src"
    conf = CONF + f"callposts_raw_html = {request.param!r}\n"
    for path, text in {"conf.py": conf, "index.md": INDEX, **POSTS}.items():
        (srcdir / path).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / path).write_text(text, encoding="utf-8")
    return build(srcdir, freshenv=True)


def descriptions(app, docname: str) -> list[str]:
    """The meta description and each JSON-LD description of a page."""
    soup = page(app, docname)
    graph = json.loads(soup.select_one('script[type="application/ld+json"]').string)["@graph"]
    return [
        soup.select_one('meta[name="description"]')["content"],
        *(item["description"] for item in graph if "description" in item),
    ]


def test_an_iframe_whose_title_holds_a_tag_is_the_player_and_the_recording(app):
    shown = body(app, "blog/youtube")
    assert not shown.select("iframe"), "no iframe: a page load asks YouTube for nothing"
    [player] = shown.select("div.callposts-youtube")
    assert player["data-youtube-id"] == "U1VvyQiE3Jg"
    poster = player.select_one("a.callposts-youtube-poster")
    assert poster["data-title"] == "Iframe <title> here"
    assert "start=30" in poster["data-embed"]
    entry = next(
        entry
        for entry in body(app, "index").select("li.callposts-entry")
        if entry.select_one("a.callposts-title").get_text() == "Talk"
    )
    recording = entry.select_one("a.callposts-recording")
    assert recording["href"] == "https://www.youtube.com/watch?v=U1VvyQiE3Jg"
    videos = [
        item["name"]
        for item in json.loads(
            page(app, "blog/youtube").select_one('script[type="application/ld+json"]').string
        )["@graph"]
        if item["@type"] == "VideoObject"
    ]
    assert videos == ["Iframe <title> here"]


def test_descriptions_are_the_text_around_an_iframe_whose_title_holds_a_tag(app):
    assert set(descriptions(app, "blog/youtube")) == {"Some text."}
    # an iframe that stays (not YouTube's) is left out of the text all the same
    assert set(descriptions(app, "blog/vimeo")) == {"The text."}
    assert "<iframe" not in body(app, "index").get_text()


def test_an_image_whose_alt_holds_a_tag_is_found(app):
    if app.config.callposts_raw_html == "escape":  # shown as text: no image to look for
        assert warnings_of(app) == []
        return
    assert warnings_of(app) == [("image.md", 8, "callposts.image")]
    assert any("'img/nothere.png' is missing" in line for line in warning_lines(app))


# -- properties ----------------------------------------------------------------------

#: attribute values made of what breaks a naive reader of tags
VALUES = st.text(alphabet="ab <>\"'=&/", max_size=20)


def quoted(value: str) -> str:
    """``value`` as an attribute value, written as an HTML writer writes it."""
    if '"' not in value:
        return '"' + value.replace("&", "&amp;") + '"'
    if "'" not in value:
        return "'" + value.replace("&", "&amp;") + "'"
    return '"' + html.escape(value, quote=True) + '"'


@SETTINGS
@given(title=VALUES, other=VALUES, before=st.booleans())
def test_an_iframe_is_found_whatever_its_quoted_values_hold(title, other, before):
    """Any title, and any other attribute before or after the src, give the one player."""
    src = 'src="https://www.youtube.com/embed/U1VvyQiE3Jg?start=30"'
    attributes = [f"data-x={quoted(other)}", src, f"title={quoted(title)}"]
    if not before:
        attributes.reverse()
    markup = f"<iframe {' '.join(attributes)}></iframe>"
    [iframe] = youtube_iframes(f"a {markup} b")
    assert (iframe.start, iframe.end) == (2, 2 + len(markup))
    assert (iframe.video.id, iframe.video.start) == ("U1VvyQiE3Jg", 30)
    expected = " ".join(title.split())
    assert iframe.title == ("" if expected.casefold() == "youtube video player" else expected)
    # the summary reads the text around it, nothing of its tag
    assert html_text(f"a {markup} b") == "a  b"


@SETTINGS
@given(alt=VALUES, title=VALUES)
def test_an_image_is_found_whatever_its_quoted_values_hold(alt, title):
    markup = f'<p>x <img alt={quoted(alt)} src="/img/x.png" title={quoted(title)}> y</p>'
    [(start, end, src)] = image_sources(markup)
    assert src == "/img/x.png" == markup[start:end]
    assert html_text(markup) == " x  y "


@SETTINGS
@given(value=VALUES)
def test_a_name_inside_a_value_is_no_attribute(value):
    """``alt=" src='...'"`` names no src: only the tag's own attributes are read."""
    markup = f"<img alt={quoted(value + ' src=/fake.png ')} src='/img/real.png'>"
    assert [src for _start, _end, src in image_sources(markup)] == ["/img/real.png"]
    iframe = f"<iframe title={quoted(value + ' src=x ')} src=//youtube.com/embed/U1VvyQiE3Jg>"
    assert [found.video.id for found in youtube_iframes(iframe)] == ["U1VvyQiE3Jg"]


@SETTINGS
@given(value=VALUES)
def test_a_tag_in_a_value_opens_no_element(value):
    assert has_html(f"<a href={quoted(value)}>x</a>")
    assert html_text(f"<span title={quoted(value)}>shown</span>") == "shown"


@pytest.mark.parametrize(
    "markup",
    [
        '<a b="<' * 20_000,
        "<a '<a \"" * 20_000,
        "<iframe a=\"<iframe b='" * 20_000,
        "<img a=\"<img b='" * 20_000,
        # a long name, then a quote that never closes: the name is not tried shorter
        "<" + "a" * 25_000 + ' "' + "x" * 25_000,
    ],
)
def test_reading_tags_is_linear(markup):
    started = time.perf_counter()
    html_text(markup)
    has_html(markup)
    list(youtube_iframes(markup))
    image_sources(markup)
    assert time.perf_counter() - started < 2
