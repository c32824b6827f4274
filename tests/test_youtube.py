"""Recordings: the youtube role and directive, the privacy-first embed, every builder."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docutils import nodes

from sphinx_callposts.core.video import IFRAME_ALLOW, Video, parse_aspect, parse_time, parse_video
from sphinx_callposts.sphinx.recordings import parse_directive_flag, recordings_in, youtube_embed

from .browser import CHROMIUM, Browser
from .helpers import build, page, stable_pformat, warnings_of

GOOGLE_HOSTS = re.compile(
    r"(^|\.)(youtube|youtube-nocookie|ytimg|google|googleapis|gstatic|googlevideo|doubleclick)\.com$|^youtu\.be$"
)


# -- ids, URLs and option values -------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("46nCdVA-rsc", Video("46nCdVA-rsc")),
        ("-abcdefghij", Video("-abcdefghij")),
        ("_abcdefghij", Video("_abcdefghij")),
        ("  46nCdVA-rsc ", Video("46nCdVA-rsc")),
        ("https://www.youtube.com/watch?v=46nCdVA-rsc", Video("46nCdVA-rsc")),
        ("https://youtube.com/watch?feature=share&v=46nCdVA-rsc&t=90", Video("46nCdVA-rsc", 90)),
        ("http://m.youtube.com/watch?v=46nCdVA-rsc&t=1h2m3s", Video("46nCdVA-rsc", 3723)),
        ("www.youtube.com/watch?v=46nCdVA-rsc&start=30", Video("46nCdVA-rsc", 30)),
        ("https://youtu.be/46nCdVA-rsc", Video("46nCdVA-rsc")),
        ("youtu.be/46nCdVA-rsc?t=42s", Video("46nCdVA-rsc", 42)),
        ("https://youtu.be/46nCdVA-rsc?si=abc&t=2m", Video("46nCdVA-rsc", 120)),
        ("https://www.youtube.com/embed/46nCdVA-rsc?start=10", Video("46nCdVA-rsc", 10)),
        ("https://www.youtube-nocookie.com/embed/46nCdVA-rsc", Video("46nCdVA-rsc")),
        ("https://www.youtube.com/shorts/46nCdVA-rsc", Video("46nCdVA-rsc")),
        ("https://www.youtube.com/live/46nCdVA-rsc?feature=shared", Video("46nCdVA-rsc")),
        ("https://www.youtube.com/watch?v=46nCdVA-rsc#t=1m5s", Video("46nCdVA-rsc", 65)),
        # an id with a query, as Hugo's youtube shortcode passes it on
        ("46nCdVA-rsc?start=953", Video("46nCdVA-rsc", 953)),
        ("46nCdVA-rsc&t=1h2m3s", Video("46nCdVA-rsc", 3723)),
        ("46nCdVA-rsc?t=90s&end=120", Video("46nCdVA-rsc", 90, 120)),
        ("46nCdVA-rsc#t=30", Video("46nCdVA-rsc", 30)),
    ],
)
def test_every_id_and_url_form(value, expected):
    assert parse_video(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "46nCdVA-rs",  # 10 characters
        "46nCdVA-rscX",  # 12
        "46nCdVA rsc",
        "46nCdVA+rsc",
        "javascript:alert(1)",
        "javascript://youtu.be/46nCdVA-rsc",
        "ftp://youtu.be/46nCdVA-rsc",
        "https://vimeo.com/146022717",
        "https://evil.example/watch?v=46nCdVA-rsc",
        "https://youtube.com.evil.example/watch?v=46nCdVA-rsc",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/watch?v=46nCdVA-rsc%22%3E",
        "https://www.youtube.com/playlist?list=PL1234567890",
        "https://www.youtube.com/embed/46nCdVA-rsc/extra",
        "https://youtu.be/46nCdVA-rsc?t=soon",
        "46nCdVA-rsc?start=soon",
        '46nCdVA-rsc?start=1"><script>',
        'https://www.youtube.com/watch?v=46nCdVA-rsc"><script>',
    ],
)
def test_anything_else_is_refused(value):
    with pytest.raises(ValueError, match=r"YouTube|time"):
        parse_video(value)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("0", 0),
        ("90", 90),
        ("90s", 90),
        ("2m", 120),
        ("1h", 3600),
        ("1h2m3s", 3723),
        ("1:02:03", 3723),
        ("4:05", 245),
    ],
)
def test_times(value, seconds):
    assert parse_time(value) == seconds


@pytest.mark.parametrize("value", ["", "soon", "1h2x", "-5", "1.5", "h"])
def test_bad_times(value):
    with pytest.raises(ValueError):
        parse_time(value)


def test_flags_and_aspects():
    assert [parse_directive_flag(v) for v in (None, "", "true", "Yes", "1", "false", "0", "off")] == [
        True, True, True, True, True, False, False, False,
    ]  # fmt: skip
    with pytest.raises(ValueError):
        parse_directive_flag("maybe")
    assert [parse_aspect(v) for v in ("16:9", "4/3", "21x9", " 1:1 ")] == [
        "16:9",
        "4:3",
        "21:9",
        "1:1",
    ]
    for bad in ("wide", "0:9", "16:", "16:9:1"):
        with pytest.raises(ValueError):
            parse_aspect(bad)


# -- doctrees ---------------------------------------------------------------------------

FORMS = """\
# Forms

```{youtube} 46nCdVA-rsc
```

```{youtube} https://youtu.be/5a_A3furzlg?t=1m
:title: With options
:end: 1h
:autoplay:
:mute: false
:loop: true
:controls: no
:class: wide
:aspect: 4/3
:loading: eager
```

```{youtube} Title in the argument <https://www.youtube.com/shorts/nV_JI8YWwY4>
```

{youtube}`U1VvyQiE3Jg`

{youtube}`Alone in its paragraph <https://www.youtube.com/live/nG2FRYL05mc>`

In running text {youtube}`a link <46nCdVA-rsc>` and {youtube}`U1VvyQiE3Jg`, no embed.
"""


def test_doctree_of_every_form(sphinx_doctree, file_regression):
    sphinx_doctree.set_conf({"extensions": ["myst_parser", "sphinx_callposts"]})
    result = sphinx_doctree(FORMS, filename="index.md")
    assert result.warnings.strip() == ""
    file_regression.check(stable_pformat(result.pformat()), extension=".xml")
    assert recordings_in(result.doctrees["index"]) == (
        "46nCdVA-rsc",
        "5a_A3furzlg",
        "nV_JI8YWwY4",
        "U1VvyQiE3Jg",
        "nG2FRYL05mc",
    )


def test_lone_role_becomes_the_block_and_text_role_a_link(sphinx_doctree):
    sphinx_doctree.set_conf({"extensions": ["myst_parser", "sphinx_callposts"]})
    doctree = sphinx_doctree(FORMS, filename="index.md").doctrees["index"]
    embeds = list(doctree.findall(youtube_embed))
    assert len(embeds) == 5
    assert all(embed.parent.tagname == "section" for embed in embeds)
    links = [
        node
        for node in doctree.findall(nodes.reference)
        if "callposts-youtube-link" in node["classes"]
    ]
    assert [(link.astext(), link["refuri"]) for link in links] == [
        ("a link", "https://www.youtube.com/watch?v=46nCdVA-rsc"),
        ("YouTube video U1VvyQiE3Jg", "https://www.youtube.com/watch?v=U1VvyQiE3Jg"),
    ]
    assert links[0].parent.tagname == "paragraph"


def test_embeds_get_unique_titles(sphinx_doctree):
    sphinx_doctree.set_conf({"extensions": ["myst_parser", "sphinx_callposts"]})
    text = "# Page\n\n{youtube}`46nCdVA-rsc`\n\n{youtube}`5a_A3furzlg`\n\n{youtube}`Same <nV_JI8YWwY4>`\n\n{youtube}`Same <nV_JI8YWwY4>`\n"
    doctree = sphinx_doctree(text, filename="index.md").doctrees["index"]
    titles = [node["title"] for node in doctree.findall(youtube_embed)]
    assert titles == ["Page", "Page (2)", "Same", "Same (2)"]


# -- HTML --------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="youtube")
def test_good_pages_build_without_warnings(app):
    app.build()
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="youtube")
def test_facade_makes_no_google_request(app):
    app.build()
    html = page(app, "forms")
    wrappers = html.select("div.callposts-youtube")
    assert len(wrappers) == 8
    assert not html.select("iframe")
    # nothing that loads by itself (img, iframe, script, link, source) points at Google
    for element in html.select("[src], link[href]"):
        url = element.get("src") or element.get("href")
        assert not re.match(r"https?://[^/]*(youtube|ytimg|google)", url), url
    first = wrappers[0]
    assert first["class"] == ["callposts-youtube", "callposts-youtube-facade"]
    assert first["data-youtube-id"] == "46nCdVA-rsc"
    poster = first.select_one("a.callposts-youtube-poster")
    assert poster["href"] == "https://www.youtube.com/watch?v=46nCdVA-rsc"
    assert poster["aria-label"] == "Play video: Every form"
    assert poster["data-embed"] == "https://www.youtube-nocookie.com/embed/46nCdVA-rsc?autoplay=1"
    assert poster.select_one(".callposts-youtube-title").get_text() == "Every form"
    watch = first.select_one("p.callposts-youtube-watch a")
    assert (watch.get_text(), watch["href"]) == (
        "Every form",
        "https://www.youtube.com/watch?v=46nCdVA-rsc",
    )
    assert html.select_one('script[src^="_static/callposts.js"]') is not None
    assert html.select_one('link[href^="_static/callposts.css"]') is not None
    assert (app.outdir / "_static" / "callposts.js").is_file()


@pytest.mark.sphinx("html", testroot="youtube")
def test_directive_options_reach_the_player(app):
    app.build()
    wrapper = page(app, "forms").select("div.callposts-youtube")[1]
    assert wrapper["class"] == ["callposts-youtube", "wide", "callposts-youtube-facade"]
    assert wrapper["style"] == "--callposts-aspect: 4 / 3"
    poster = wrapper.select_one("a.callposts-youtube-poster")
    assert poster["href"] == "https://www.youtube.com/watch?v=5a_A3furzlg&t=90s"
    assert poster["data-embed"] == (
        "https://www.youtube-nocookie.com/embed/5a_A3furzlg"
        "?autoplay=1&controls=0&start=90&end=3723&loop=1&playlist=5a_A3furzlg"
    )
    assert poster["data-title"] == 'Cilium / Isovalent "Presentation" <b>&amp;'


@pytest.mark.sphinx("html", testroot="youtube", confoverrides={"callposts_youtube": "iframe"})
def test_iframe_mode(app):
    app.build()
    html = page(app, "forms")
    iframes = html.select("div.callposts-youtube-iframe > iframe")
    assert len(iframes) == 8
    first = iframes[0]
    assert first.attrs == {
        "src": "https://www.youtube-nocookie.com/embed/46nCdVA-rsc",
        "title": "Every form",
        "loading": "lazy",
        "referrerpolicy": "strict-origin-when-cross-origin",
        "allow": IFRAME_ALLOW,
        "allowfullscreen": "",
    }
    assert "fullscreen" in first["allow"] and "autoplay" in first["allow"]
    assert iframes[1]["loading"] == "eager"
    titles = [iframe["title"] for iframe in iframes]
    assert len(set(titles)) == len(titles)
    assert html.select_one('script[src^="_static/callposts.js"]') is None


@pytest.mark.sphinx("html", testroot="youtube", confoverrides={"callposts_youtube": "link"})
def test_link_mode(app):
    app.build()
    html = page(app, "forms")
    assert not html.select("iframe, a.callposts-youtube-poster")
    wrapper = html.select_one("div.callposts-youtube")
    assert wrapper["class"] == ["callposts-youtube", "callposts-youtube-link"]
    assert wrapper.get_text() == "Recording: Every form"
    assert wrapper.a["href"] == "https://www.youtube.com/watch?v=46nCdVA-rsc"


@pytest.mark.sphinx(
    "html", testroot="youtube", confoverrides={"callposts_youtube_thumbnails": True}
)
def test_thumbnails_only_when_allowed(app):
    app.build()
    img = page(app, "forms").select_one("a.callposts-youtube-poster img.callposts-youtube-thumb")
    assert img.attrs == {
        "src": "https://i.ytimg.com/vi/46nCdVA-rsc/hqdefault.jpg",
        "alt": "",
        "loading": "lazy",
        "class": ["callposts-youtube-thumb"],
    }


@pytest.mark.sphinx("html", testroot="youtube")
def test_front_matter_recording(app):
    app.build()
    added = page(app, "calls/with-recording").select("div.callposts-youtube")
    assert [
        (w["data-youtube-id"], w.select_one(".callposts-youtube-title").get_text()) for w in added
    ] == [("46nCdVA-rsc", "A call with its recording in front matter")]
    # the body embeds another video: the front matter's is added after it, not left out
    embedded = page(app, "calls/embedded").select("div.callposts-youtube")
    assert [w["data-youtube-id"] for w in embedded] == ["5a_A3furzlg", "46nCdVA-rsc"]


@pytest.mark.sphinx("html", testroot="youtube")
def test_front_matter_recording_is_stored_on_the_post(app):
    app.build()
    doctree = app.env.get_doctree("calls/with-recording")
    assert recordings_in(doctree) == ("46nCdVA-rsc",)
    assert recordings_in(app.env.get_doctree("calls/embedded")) == ("5a_A3furzlg", "46nCdVA-rsc")


# -- bad input -----------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="youtube-bad")
def test_bad_values_warn_with_location_and_fall_back_to_text(app):
    app.build()
    assert sorted(warnings_of(app)) == [
        ("bad-recording.md", 4, "callposts.youtube"),
        ("hostile.md", 10, "callposts.youtube"),
        ("index.md", 8, "callposts.youtube"),
        ("index.md", 11, "callposts.youtube"),
        ("index.md", 14, "callposts.youtube"),
        ("index.md", 17, "callposts.youtube"),
        ("index.md", 20, "callposts.youtube"),
        ("index.md", 20, "callposts.youtube"),
        ("index.md", 20, "callposts.youtube"),
        ("index.md", 20, "callposts.youtube"),
        ("index.md", 27, "callposts.youtube"),
    ]
    html = page(app, "index").select_one("div.body")
    invalid = [p.get_text() for p in html.select("p.callposts-youtube-invalid")]
    assert invalid == [
        "Recording: not-an-id",
        "Recording: https://vimeo.com/146022717",
        "Recording: javascript:alert(1)//youtu.be/46nCdVA-rsc",
        "Recording: https://www.youtube.com/watch?v=tooshort",
    ]
    assert not html.select('a[href^="javascript"], script:not([src])')
    # the good id with bad options still embeds, with the defaults
    [wrapper] = html.select("div.callposts-youtube")
    assert "style" not in wrapper.attrs
    assert (
        wrapper.a["data-embed"] == "https://www.youtube-nocookie.com/embed/46nCdVA-rsc?autoplay=1"
    )
    assert "><script>alert(1)</script> in text." in html.get_text()
    assert not page(app, "calls/bad-recording").select("div.callposts-youtube, iframe")


@pytest.mark.sphinx("html", testroot="youtube-bad", confoverrides={"callposts_youtube": "iframe"})
def test_hostile_titles_are_escaped(app):
    app.build()
    html = page(app, "hostile").select_one("div.body")
    assert not html.select("script:not([src]), img[onerror], iframe[src^='https://evil']")
    iframes = html.select("iframe")
    assert [iframe["title"] for iframe in iframes] == [
        'Talk "><script>alert(1)</script><iframe src="https://evil.example">',
        '"><img src=x onerror=alert(1)>',
    ]
    assert all(
        iframe["src"].startswith("https://www.youtube-nocookie.com/embed/") for iframe in iframes
    )
    # class_option turns the hostile class into identifiers
    assert html.select("div.callposts-youtube")[0]["class"] == [
        "callposts-youtube", "x", "onclick-alert-1", "callposts-youtube-iframe",
    ]  # fmt: skip
    raw = (app.outdir / "hostile.html").read_text(encoding="utf8")
    assert "<script>alert(1)" not in raw and "onerror=alert(1)>" not in raw
    assert (
        "Title <https://www.youtube.com/watch?v=nV_JI8YWwY4&t=javascript:alert(1)>"
        in html.get_text()
    )


# -- other builders -----------------------------------------------------------------------

WATCH = "https://www.youtube.com/watch?v=46nCdVA-rsc"


@pytest.mark.parametrize(
    ("builder", "output", "expected"),
    [
        ("dirhtml", "forms/index.html", 'data-youtube-id="46nCdVA-rsc"'),
        ("singlehtml", "index.html", 'data-youtube-id="46nCdVA-rsc"'),
        ("epub", "forms.xhtml", f'Recording: <a href="{WATCH}">Every form</a>'),
        ("latex", "youtube.tex", f"Recording: \\sphinxhref{{{WATCH}}}{{Every form}}"),
        ("text", "forms.txt", f"Recording: Every form <{WATCH}>"),
        (
            "man",
            "youtube.1",
            f"Recording: Every form <{WATCH}>",
        ),
        ("texinfo", "youtube.texi", f"Recording: Every form@footnote{{{WATCH}}}"),
    ],
)
def test_every_builder(make_app, rootdir, tmp_path, builder, output, expected):
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-youtube", srcdir)
    app = make_app(builder, srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    text = (app.outdir / output).read_text(encoding="utf8")
    if builder == "man":  # roff's links differ between docutils releases: title and URL
        line = next(line for line in text.splitlines() if line.startswith("Recording:"))
        assert "Every form" in line and WATCH in re.sub(r"\\[:%]", "", line)
    else:
        assert expected in text
    if builder not in {"dirhtml", "singlehtml"}:
        assert "<iframe" not in text and "youtube-nocookie" not in text
    if builder == "epub":
        assert "callposts.js" not in text


@pytest.mark.skipif(not shutil.which("latexmk"), reason="latexmk is not installed")
def test_pdf(make_app, rootdir, tmp_path):
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-youtube", srcdir)
    app = make_app("latex", srcdir=srcdir)
    app.build()
    subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "youtube.tex"],
        cwd=app.outdir,
        check=True,
        capture_output=True,
    )
    assert (app.outdir / "youtube.pdf").stat().st_size > 0


# -- a real browser -----------------------------------------------------------------------


def browse(page_path: Path, profile: Path) -> tuple[set[str], list[str], str]:
    """Load a page in Chromium: the URLs it requested, the names of its poster links, and
    the iframe (src, title, referrerpolicy, allow) that a click on the first poster makes."""
    browser = Browser(profile)
    try:
        tab = browser.open(page_path.as_uri())
        tab.settle_images()  # every lazy image loads (or fails: no internet) before we look
        loaded = tab.requested()
        # as a screen reader gets it: each poster is a named link
        posters = [name for name in tab.accessible_names("link") if name.startswith("Play video: ")]
        # one click swaps in the youtube-nocookie iframe, playing with sound
        swapped = tab.evaluate(
            "document.querySelector('a.callposts-youtube-poster').click();"
            "const f = document.querySelector('div.callposts-youtube > iframe');"
            "f ? [f.src, f.title, f.getAttribute('referrerpolicy'), f.allow].join('|') : ''"
        )
    finally:
        browser.close()
    return loaded, posters, swapped


@pytest.mark.skipif(not CHROMIUM, reason="chromium is not installed")
@pytest.mark.sphinx("html", testroot="youtube")
def test_facade_in_a_real_browser(app, tmp_path):
    app.build()
    loaded, posters, swapped = browse(app.outdir / "forms.html", tmp_path / "profile")
    assert any(url.endswith("/forms.html") for url in loaded)
    assert any(url.split("?")[0].endswith("/_static/callposts.js") for url in loaded)
    hosts = {re.sub(r"^[a-z]+://([^/:]*).*", r"\1", url) for url in loaded}
    assert not {host for host in hosts if GOOGLE_HOSTS.search(host)}, loaded
    assert hosts == {""}, loaded  # only file: URLs
    assert posters[:2] == [
        "Play video: Every form",
        'Play video: Cilium / Isovalent "Presentation" <b>&amp;',
    ]
    assert len(posters) == 8
    assert swapped == (
        "https://www.youtube-nocookie.com/embed/46nCdVA-rsc?autoplay=1|Every form|"
        f"strict-origin-when-cross-origin|{IFRAME_ALLOW}"
    )


@pytest.mark.skipif(not CHROMIUM, reason="chromium is not installed")
@pytest.mark.sphinx(
    "html", testroot="youtube", confoverrides={"callposts_youtube_thumbnails": True}
)
def test_the_browser_check_sees_google_requests(app, tmp_path):
    """The check above can fail: with thumbnails allowed, the page asks i.ytimg.com."""
    app.build()
    loaded, _posters, _swapped = browse(app.outdir / "forms.html", tmp_path / "profile")
    assert "https://i.ytimg.com/vi/46nCdVA-rsc/hqdefault.jpg" in loaded


def test_a_bad_recording_is_located_at_the_key_the_post_took(tmp_path):
    """``recording`` wins over ``video``: the warning names its line, not the earlier one."""
    srcdir = tmp_path / "src"
    (srcdir / "calls").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_callposts"]\ncallposts_pattern = ["calls/**"]\n'
        "show_warning_types = True\n"  # the default from Sphinx 8
    )
    (srcdir / "index.md").write_text("# Home\n\n```{toctree}\ncalls/call\n```\n")
    (srcdir / "calls" / "call.md").write_text(
        "---\ntitle: Two recordings\nvideo: 46nCdVA-rsc\nrecording: javascript:alert(1)\ndate: 2024-05-02\n---\n\nText.\n"
    )
    app = build(srcdir)
    assert warnings_of(app) == [("call.md", 4, "callposts.youtube")]
