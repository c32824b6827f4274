"""Posts as Hugo showed them (issue 22): titles, summaries, players, CJK, leaf bundles."""

from __future__ import annotations

import json
import re
import time
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

import icalendar
import myst_parser
import pytest
from docutils import nodes

from sphinx_callposts.core.anchors import HeadingIds, anchorize, heading_attributes
from sphinx_callposts.core.bundles import leaf_bundle_resources
from sphinx_callposts.core.iframes import youtube_iframes
from sphinx_callposts.core.linkify import bare_links
from sphinx_callposts.core.text import has_html, html_text
from sphinx_callposts.hugo import HugoSite
from sphinx_callposts.importer import goldmark_lines

from .browser import CHROMIUM, Browser
from .helpers import body, build, page, run_check, warning_lines, warnings_of

MYST_4 = int(myst_parser.__version__.split(".")[0]) < 5

if TYPE_CHECKING:
    from pathlib import Path

ATOM = "{http://www.w3.org/2005/Atom}"
CONF = """\
extensions = ["sphinx_callposts"]
callposts_pattern = ["blog/**"]
show_warning_types = True
html_baseurl = "https://example.org/"
"""
INDEX = "# Home\n\n```{callposts}\n```\n\n```{toctree}\n:glob:\nblog/*\n```\n"


def site(tmp_path: Path, files: dict[str, str], conf: str = "") -> Path:
    """A project of ``files`` (path -> text) with a listing of ``blog/`` on its index."""
    srcdir = tmp_path / "src"
    for path, text in {"conf.py": CONF + conf, "index.md": INDEX, **files}.items():
        (srcdir / path).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / path).write_text(text, encoding="utf-8")
    return srcdir


def atom_entries(app) -> dict[str, dict[str, str]]:
    """``title -> {tag: text}`` of each entry of the site's Atom feed."""
    feed = ET.parse(app.outdir / "atom.xml").getroot()
    return {
        entry.findtext(f"{ATOM}title", ""): {
            child.tag.removeprefix(ATOM): child.text or "" for child in entry
        }
        for entry in feed.iter(f"{ATOM}entry")
    }


def listing_entries(app, path: str = "index") -> list[tuple[str, str]]:
    """``(title, summary)`` of each entry of the listing on a page."""
    return [
        (
            entry.select_one("a.callposts-title").get_text(),
            summary.get_text() if (summary := entry.select_one(".callposts-summary")) else "",
        )
        for entry in body(app, path).select("li.callposts-entry")
    ]


# Item 11: titles as written

TITLE = 'What\'s New -- in "2024"...'
#: ``It's "quoted" -- text.`` with Sphinx's smart quotes
CURLED = "It\u2019s \u201cquoted\u201d \u2013 text."


def test_front_matter_titles_are_shown_as_written(tmp_path):
    files = {
        "blog/_index.md": "---\ntitle: Editor's picks\n---\n\nIt's \"ours\".\n",
        "blog/new.md": (
            "---\ntitle: 'What''s New -- in \"2024\"...'\ndate: 2024-03-01\n---\n\n"
            'It\'s "quoted" -- text.\n'
        ),
    }
    # a post file that {callpost} embeds in another page
    files["hugo/embedded.md"] = "---\ntitle: It's embedded\ndate: 2024-02-01\n---\n\nIt's here.\n"
    files["other.md"] = "# Other page\n\n```{callpost} hugo/embedded.md\n```\n"
    files["index.md"] = INDEX.replace("blog/*", "blog/_index\nblog/new\nother")
    app = build(site(tmp_path, files, 'exclude_patterns = ["hugo"]\n'), freshenv=True)
    assert warnings_of(app) == []
    post = page(app, "blog/new")
    assert post.select_one("div.body h1").get_text().rstrip("¶") == TITLE
    assert post.title.get_text().startswith(f"{TITLE} —")
    # the body keeps the project's smart quotes
    assert CURLED in body(app, "blog/new").get_text()
    home = body(app, "index")
    assert [a.get_text() for a in home.select("div.toctree-wrapper a")] == [
        "Editor's picks",
        TITLE,
        "Other page",
        "It's embedded",
    ]
    assert listing_entries(app)[0][0] == TITLE
    assert TITLE in atom_entries(app)
    other = body(app, "other")
    assert other.select_one("h2").get_text().rstrip("\u00b6") == "It's embedded"
    assert "It\u2019s here." in other.get_text()
    section = page(app, "blog/_index")
    assert section.select_one("div.sphinxsidebar a[title='next chapter']").get_text() == TITLE
    assert section.select_one("div.body h1").get_text().rstrip("¶") == "Editor's picks"
    assert "It\u2019s \u201cours\u201d." in section.select_one("div.body").get_text()


# Item 4: summaries are the text a reader sees

LINKED = (
    "Read the "
    '<a href="https://kubernetes.io/docs/tasks/configure-pod-container/security-context/">'
    "Kubernetes Security Contexts</a> page &amp; apply it.<br>Then <em>test</em> it."
)
SEEN = "Read the Kubernetes Security Contexts page & apply it. Then test it."
SUMMARIES = {
    "blog/body.md": f"---\ntitle: Body\ndate: 2024-03-03\n---\n\n{LINKED}\n",
    "blog/block.md": (
        "---\ntitle: Block\ndate: 2024-03-02\n---\n\n"
        '<div class="intro">\n<p>An <b>HTML</b> block.</p>\n<script>var x = 1;</script>\n</div>\n\n'
        "Then Markdown.\n"
    ),
    "blog/front.md": (
        f"---\ntitle: Front\ndate: 2024-03-01\nsummary: '{LINKED}'\n"
        "description: 'For <i>search</i> engines.'\n---\n\nBody.\n"
    ),
    "blog/written.md": (
        "---\ntitle: Written\ndate: 2024-02-01\nsummary: 'The new release & what <changes>.'\n"
        "---\n\nBody.\n"
    ),
}
EXPECTED_SUMMARIES = [
    ("Body", SEEN),
    ("Block", "An HTML block. Then Markdown."),
    ("Front", SEEN),
    ("Written", "The new release & what <changes>."),
]


def linked_data(soup) -> dict[str, dict]:
    """The JSON-LD of a page, by schema.org type."""
    [script] = soup.select('script[type="application/ld+json"]')
    return {item["@type"]: item for item in json.loads(script.string)["@graph"]}


@pytest.mark.parametrize("mode", ["keep", "escape"])
def test_summaries_are_the_text_a_reader_sees(tmp_path, mode):
    app = build(site(tmp_path, SUMMARIES, f"callposts_raw_html = {mode!r}\n"), freshenv=True)
    assert warnings_of(app) == []
    assert listing_entries(app) == EXPECTED_SUMMARIES
    entries = atom_entries(app)
    assert [(title, entries[title]["summary"]) for title, _ in EXPECTED_SUMMARIES] == (
        EXPECTED_SUMMARIES
    )
    for docname, description in [
        ("blog/body", SEEN),
        ("blog/front", "For search engines."),
        ("blog/written", "The new release & what <changes>."),
    ]:
        soup = page(app, docname)
        assert soup.select_one('meta[name="description"]')["content"] == description
        assert linked_data(soup)["BlogPosting"]["description"] == description
    # the page itself shows the HTML as its mode says
    shown = body(app, "blog/body")
    assert bool(shown.select("a[href^='https://kubernetes.io']")) == (mode == "keep")


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        (LINKED, SEEN),
        ('<a title="a > b" href="x">link</a>', "link"),
        ("a < b and <3", "a < b and <3"),
        ("<style>p { color: red }</style>shown<script>x()</SCRIPT >", "shown"),
        ("before<!-- a comment -->after", "beforeafter"),
        ("open <!-- never closed", "open "),
        ("<p>one</p><p>two</p>", " one  two "),
        ("<iframe src='x'>fallback</iframe>", ""),
    ],
)
def test_html_text(markup, text):
    assert html_text(markup) == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [("x <em>y</em>", True), ("what <changes>", False), ("with </script>", False), ("", False)],
)
def test_a_value_holds_html_when_it_opens_an_element(value, expected):
    assert has_html(value) is expected


@pytest.mark.parametrize("piece", ["<a ", '<a b="', "<!--", "<script>", "<a b='<", "<![CDATA["])
def test_html_text_is_linear(piece):
    # Python's HTMLParser takes 19 s over 20,000 "<a ": the reader of summaries must not
    started = time.perf_counter()
    html_text(piece * 50_000)
    has_html(piece * 50_000)
    assert time.perf_counter() - started < 2


# Item 6: YouTube iframes in raw HTML

VIMEO = '<iframe src="https://player.vimeo.com/video/76979871" title="Vimeo"></iframe>'
IFRAMES = {
    "blog/block.md": (
        "---\ntitle: Block\ndate: 2024-03-05T16:00:00Z\nduration: 1h\n---\n\n"
        "Before.\n\n"
        '<div class="video-wrapper">\n'
        '<iframe width="560" height="315" src="https://www.youtube.com/embed/46nCdVA-rsc?start=30"'
        ' title="The release talk" frameborder="0" allowfullscreen></iframe>\n'
        "</div>\n\n"
        f"{VIMEO}\n"
    ),
    "blog/inline.md": (
        "---\ntitle: Inline\ndate: 2024-03-04\n---\n\n"
        "Watch it: <iframe src='//www.youtube-nocookie.com/embed/5a_A3furzlg?rel=0&amp;start=953'"
        ' title="YouTube video player"></iframe> and read on.\n'
    ),
}


def embeds(element) -> list[tuple[str, str, str]]:
    """``(id, start, title)`` of each player inside ``element``."""
    found = []
    for wrapper in element.select("div.callposts-youtube"):
        poster = wrapper.select_one("a.callposts-youtube-poster")
        url = urlsplit(poster["data-embed"])
        assert url.netloc == "www.youtube-nocookie.com"
        start = parse_qs(url.query).get("start", [""])[0]
        found.append((wrapper["data-youtube-id"], start, poster["data-title"]))
    return found


@pytest.mark.parametrize("mode", ["keep", "escape"])
def test_youtube_iframes_in_raw_html_become_players(tmp_path, mode):
    app = build(site(tmp_path, IFRAMES, f"callposts_raw_html = {mode!r}\n"), freshenv=True)
    assert warnings_of(app) == []
    block, inline = body(app, "blog/block"), body(app, "blog/inline")
    assert embeds(block) == [("46nCdVA-rsc", "30", "The release talk")]
    assert embeds(inline) == [("5a_A3furzlg", "953", "Inline")]
    # the paragraph is cut around the player, as a lone role is
    assert [p.get_text() for p in inline.select("section > p")] == ["Watch it:", "and read on."]
    for page_body in (block, inline):
        assert not page_body.select("iframe[src*=youtube]"), "a facade: no iframe at load"
    if mode == "keep":
        # the author's wrapper still holds the player; other iframes stay as they are
        assert embeds(block.select_one("div.video-wrapper"))
        assert block.select_one("iframe[src^='https://player.vimeo.com/']")["title"] == "Vimeo"
    else:
        shown = [pre.get_text() for pre in block.select("pre")]
        assert shown == ['<div class="video-wrapper">\n', "\n</div>\n", f"{VIMEO}\n"]
    # the recording of the post: in its listing entry, its feed entry and its calendar
    recordings = {
        entry.select_one("a.callposts-title").get_text(): entry.select_one("a.callposts-recording")
        for entry in body(app, "index").select("li.callposts-entry")
    }
    assert recordings["Block"]["href"] == "https://www.youtube.com/watch?v=46nCdVA-rsc"
    assert recordings["Inline"]["href"] == "https://www.youtube.com/watch?v=5a_A3furzlg"
    feed = ET.parse(app.outdir / "atom.xml").getroot()
    related = [
        link.get("href") for link in feed.iter(f"{ATOM}link") if link.get("rel") == "related"
    ]
    assert related == [
        "https://www.youtube.com/watch?v=46nCdVA-rsc",
        "https://www.youtube.com/watch?v=5a_A3furzlg",
    ]
    calendar = icalendar.Calendar.from_ical((app.outdir / "calendar.ics").read_bytes())
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    assert str(events["Block"]["attach"]) == "https://www.youtube.com/watch?v=46nCdVA-rsc"


@pytest.mark.parametrize(
    ("markup", "found"),
    [
        (
            '<iframe src="https://www.youtube.com/embed/46nCdVA-rsc"></iframe>',
            [("46nCdVA-rsc", 0, "")],
        ),
        (
            "<IFRAME SRC=https://youtube.com/embed/46nCdVA-rsc?start=5&amp;rel=0 TITLE='A talk'>",
            [("46nCdVA-rsc", 5, "A talk")],
        ),
        (
            '<iframe title="YouTube video player" src="//www.youtube.com/embed/46nCdVA-rsc">',
            [("46nCdVA-rsc", 0, "")],
        ),
        ('<iframe src="https://www.youtube.com/embed/videoseries?list=PL0123">', []),
        ('<iframe src="https://example.org/www.youtube.com/embed/46nCdVA-rsc">', []),
        ('<iframe src="https://player.vimeo.com/video/1"></iframe>', []),
        ('<iframes src="https://www.youtube.com/embed/46nCdVA-rsc">', []),
    ],
)
def test_youtube_iframes_are_found_by_their_src(markup, found):
    assert [(f.video.id, f.video.start, f.title) for f in youtube_iframes(markup)] == found


# Item 7: a youtube shortcode inside a paragraph


def test_a_youtube_shortcode_in_a_sentence_shows_the_player(tmp_path):
    files = {
        "blog/talk.md": (
            "---\ntitle: Talk\ndate: 2024-03-01\n---\n\n"
            'The session video: {{< youtube "5a_A3furzlg?start=953" >}} starts at the question.\n\n'
            "A [broken reference](missing.md) on line 8.\n"
        )
    }
    app = build(site(tmp_path, files), freshenv=True)
    # the rewriting keeps the lines: the warning names the real one
    assert warnings_of(app) == [("talk.md", 8, "myst.xref_missing")]
    main = body(app, "blog/talk")
    assert embeds(main) == [("5a_A3furzlg", "953", "Talk")]
    player = main.select_one("div.callposts-youtube")
    assert player.find_previous_sibling("p").get_text() == "The session video:"
    assert player.find_next_sibling("p").get_text() == "starts at the question."
    assert not main.select("a.callposts-youtube-link")


# Item 10: CJK summaries

#: Chinese, without a space: one "word" to a count of the spaces between words
CHINESE = "这是关于社区会议的一篇文章\uff0c我们讨论了新版本的发布计划和测试\u3002" * 5
CJK_POSTS = {
    "blog/zh.md": f"---\ntitle: Zh\ndate: 2024-03-05\nlanguage: zh-cn\n---\n\n{CHINESE}\n",
    "blog/flag.md": f"---\ntitle: Flag\ndate: 2024-03-04\nisCJKLanguage: true\n---\n\n{CHINESE}\n",
    "blog/plain.md": f"---\ntitle: Plain\ndate: 2024-03-03\n---\n\n{CHINESE}\n",
    "blog/mixed.md": (
        f"---\ntitle: Mixed\ndate: 2024-03-02\nlang: ja\n---\n\nHugo と Sphinx の{CHINESE}\n"
    ),
    "blog/en.md": (f"---\ntitle: En\ndate: 2024-03-01\nlanguage: en\n---\n\n{'word ' * 80}\n"),
}
CUT = CHINESE[:70] + "\u2026"


@pytest.mark.parametrize(
    ("conf", "plain", "english"),
    [
        ("", CHINESE, "word " * 70 + "\u2026"),
        ("callposts_cjk = True\n", CUT, "word " * 70 + "\u2026"),
        ('language = "zh_CN"\n', CUT, "word " * 70 + "\u2026"),
    ],
)
def test_cjk_summaries_count_characters_as_words(tmp_path, conf, plain, english):
    app = build(site(tmp_path, CJK_POSTS, conf), freshenv=True)
    assert warnings_of(app) == []
    summaries = dict(listing_entries(app))
    assert summaries["Zh"] == CUT
    assert summaries["Flag"] == CUT
    assert summaries["Plain"] == plain
    # "Hugo", "と", "Sphinx", "の": four words, then 66 characters
    assert summaries["Mixed"] == "Hugo と Sphinx の" + CHINESE[:66] + "\u2026"
    assert summaries["En"] == english
    assert atom_entries(app)["Zh"]["summary"] == CUT


# Item 8: leaf bundles

BUNDLES = {
    "blog/bundle/index.md": (
        "---\ntitle: The bundle\ndate: 2024-03-05\ntags: [hugo]\n---\n\nThe post of the bundle.\n"
    ),
    "blog/bundle/index1.md": "---\ntitle: Not a page\n---\n\nA resource.\n",
    "blog/bundle/notes/more.md": "Notes, without front matter {{< nonsense >}}.\n",
    "blog/calls/index.md": "---\ntitle: Calls\n---\n\nEvery call.\n",
    "blog/calls/march.md": "---\ntitle: March call\ndate: 2024-03-07\n---\n\nNotes.\n",
}


def test_a_leaf_bundle_publishes_its_post_only(tmp_path):
    toctree = INDEX.replace("blog/*", "blog/bundle/index\nblog/calls/index")
    srcdir = site(tmp_path, {**BUNDLES, "index.md": toctree})
    app = build(srcdir, freshenv=True)
    # neither read (the unknown shortcode would warn) nor left out of every toctree
    assert warning_lines(app) == []
    assert not (app.outdir / "blog/bundle/index1.html").exists()
    assert not (app.outdir / "blog/bundle/notes/more.html").exists()
    assert [title for title, _summary in listing_entries(app)] == ["March call", "The bundle"]
    post = body(app, "blog/bundle/index")
    assert post.select_one("time.callpost-date")["datetime"] == "2024-03-05"
    assert [a.get_text() for a in post.select("a.callpost-tag")] == ["hugo"]
    # an index without a date, beside posts, is still their folder's section page
    section = body(app, "blog/calls/index")
    assert section.select_one("time.callpost-date") is None
    assert [title for title, _summary in listing_entries(app, "blog/calls/index")] == ["March call"]
    # the same project again: nothing to read, the excluded files are the same
    again = build(srcdir)
    assert "0 added, 0 changed, 0 removed" in again._status.getvalue()


def test_leaf_bundle_resources():
    names = [
        "index",
        "notes",
        "blog/index",
        "blog/a",
        "blog/b/index",
        "blog/b/index1",
        "blog/b/notes/x",
        "blog/b/c/index",
        "blog/d/index",
        "blog/d/e",
        "other/index",
        "other/f",
    ]
    undated = {"blog/index", "blog/d/index"}
    found = leaf_bundle_resources(names, ["**"], lambda name: name not in undated)
    # the top index is no bundle; a bundle inside one is one of its files
    assert found == {"blog/b/index1", "blog/b/notes/x", "blog/b/c/index", "other/f"}
    # a dated blog/index makes the whole folder its bundle, as Hugo would
    assert leaf_bundle_resources(names, ["blog/**"], lambda name: True) == {
        "blog/a",
        "blog/b/index",
        "blog/b/index1",
        "blog/b/notes/x",
        "blog/b/c/index",
        "blog/d/index",
        "blog/d/e",
    }


# Item 1: bare URLs are links, as Goldmark's linkify makes them

SEARCH = "www.google.com/search?q="
#: Goldmark's own cases (yuin/goldmark extension/_test/linkify.txt): text -> (label, href)
GOLDMARK_LINKIFY = [
    ("www.commonmark.org", [("www.commonmark.org", "https://www.commonmark.org")]),
    (
        "Visit www.commonmark.org/help for more information.",
        [("www.commonmark.org/help", "https://www.commonmark.org/help")],
    ),
    *[
        (text, [(label, "https://" + label)])
        for text, label in [
            (f"{SEARCH}Markup+(business)", f"{SEARCH}Markup+(business)"),
            (f"{SEARCH}Markup+(business)))", f"{SEARCH}Markup+(business)"),
            (f"({SEARCH}Markup+(business))", f"{SEARCH}Markup+(business)"),
            (f"({SEARCH}Markup+(business)", f"{SEARCH}Markup+(business)"),
            (f"{SEARCH}(business))+ok", f"{SEARCH}(business))+ok"),
            (f"{SEARCH}commonmark&hl=en", f"{SEARCH}commonmark&hl=en"),
            (f"{SEARCH}commonmark&hl;", f"{SEARCH}commonmark"),
            ("www.commonmark.org/he<lp", "www.commonmark.org/he"),
        ]
    ],
    ("http://commonmark.org", [("http://commonmark.org", "http://commonmark.org")]),
    (
        "(Visit https://encrypted.google.com/search?q=Markup+(business))",
        [("https://encrypted.google.com/search?q=Markup+(business)",) * 2],
    ),
    ("Anonymous FTP is available at ftp://foo.bar.baz.", [("ftp://foo.bar.baz",) * 2]),
    ("foo@bar.baz", [("foo@bar.baz", "mailto:foo@bar.baz")]),
    (
        "hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.",
        [("hello+xyz@mail.example", "mailto:hello+xyz@mail.example")],
    ),
    ("a.b-c_d@a.b", [("a.b-c_d@a.b", "mailto:a.b-c_d@a.b")]),
    ("a.b-c_d@a.b.", [("a.b-c_d@a.b", "mailto:a.b-c_d@a.b")]),
    ("a.b-c_d@a.b-", []),
    ("a.b-c_d@a.b_", []),
    ("https://github.com#sun,mon", [("https://github.com#sun,mon",) * 2]),
    ("https://github.com/sunday's", [("https://github.com/sunday's",) * 2]),
    ("https://github.com?q=stars:>1", [("https://github.com?q=stars:>1",) * 2]),
    ("https://nic.college", [("https://nic.college",) * 2]),
    ("http://server.intranet.acme.com:1313", [("http://server.intranet.acme.com:1313",) * 2]),
    ("https://g.page/foo", [("https://g.page/foo",) * 2]),
    ("http://test.com/~/a", [("http://test.com/~/a",) * 2]),
    ("http://test.com/~", [("http://test.com/",) * 2]),
    ("http://test.com/a/~", [("http://test.com/a/",) * 2]),
    # and what MyST's linkify (linkify-it) does otherwise: no host without a dot, no
    # bare file names, nothing inside a word
    ("see README.md, setup.py and http://localhost:8000/", []),
    ("word:https://example.org/ and x@y", []),
    ("two: https://a.org/,https://b.org/ and", [("https://a.org/,https://b.org/",) * 2]),
]


@pytest.mark.parametrize(("text", "links"), GOLDMARK_LINKIFY)
def test_bare_links_as_goldmark_finds_them(text, links):
    found = [(text[link.start : link.end], link.url) for link in bare_links(text)]
    assert found == [link if len(link) == 2 else (link[0], link[0]) for link in links]


@pytest.mark.parametrize("piece", ["a@", "@a.", "www.a", "(http://a.b", "x\u00a0https://"])
def test_bare_links_are_linear(piece):
    start = time.perf_counter()
    list(bare_links(piece * 20_000))
    assert time.perf_counter() - start < 1


LINKIFY = {
    "blog/_index.md": "---\ntitle: Blog\n---\n\nAll of https://example.org/blog/ here.\n",
    "blog/release.md": """\
---
title: Release https://example.org/title
date: 2024-03-01
---

- Add AFP features by @someone in https://github.com/OWNER/REPO/pull/4061
- Docs at www.example.org/docs, mail team@example.org.
- **https://example.org/strong** and `https://example.org/code`
- [a link to https://example.org/label](https://example.org/target)
- <a href="https://example.org/raw">https://example.org/in-raw</a> and http://localhost:8000/

```
https://example.org/block
```
""",
}


@pytest.mark.parametrize("linkify", [True, False])
def test_bare_urls_in_posts_are_links(tmp_path, linkify):
    files = {**LINKIFY, "notes.md": "# Notes\n\nhttps://example.org/not-a-post\n"}
    toctree = INDEX.replace("blog/*", "blog/*\nnotes")
    srcdir = site(tmp_path, {**files, "index.md": toctree}, f"callposts_linkify = {linkify}\n")
    app = build(srcdir, freshenv=True)
    assert warning_lines(app) == []
    post = body(app, "blog/release")
    # Sphinx writes an address's @ as %40, which mail programs read as @
    links = {a.get_text(): unquote(a["href"]) for a in post.select("a.reference.external")}
    linked = {
        "https://github.com/OWNER/REPO/pull/4061": "https://github.com/OWNER/REPO/pull/4061",
        "www.example.org/docs": "https://www.example.org/docs",
        "team@example.org": "mailto:team@example.org",
        "https://example.org/strong": "https://example.org/strong",
    }
    written = {"a link to https://example.org/label": "https://example.org/target"}
    assert links == ({**linked, **written} if linkify else written)
    # code, a link's text, raw HTML and the front-matter title keep their text
    raw = [a.get_text() for a in post.select("a:not(.reference, .headerlink)")]
    assert raw == ["https://example.org/in-raw"]
    assert post.select_one("pre").get_text().strip() == "https://example.org/block"
    assert post.select_one("h1").select("a.external") == []
    assert "http://localhost:8000/" in post.get_text()
    # section pages too, other pages not
    section = body(app, "blog/_index").select("p a.external")
    assert [a["href"] for a in section] == (["https://example.org/blog/"] if linkify else [])
    assert body(app, "notes").select("a.external") == []


@pytest.mark.parametrize(
    ("markup", "lines"),
    [
        ("", []),
        ("[markup.goldmark.extensions]\nlinkify = true\n", []),
        ("[markup.goldmark.extensions]\nlinkify = false\n", ["callposts_linkify = False"]),
        ("[markup.goldmark.parser]\nautoHeadingIDType = 'github'\n", []),
        (
            "[markup.goldmark.parser]\nautoIDType = 'github-ascii'\n",
            ["callposts_heading_ids = 'github-ascii'"],
        ),
        (
            "[markup.goldmark.parser]\nautoHeadingIDType = 'blackfriday'\nautoIDType = 'github'\n",
            ["callposts_heading_ids = 'blackfriday'"],
        ),
        ("[markup.goldmark.parser]\nautoHeadingID = false\n", ["callposts_heading_ids = False"]),
    ],
)
def test_import_keeps_hugos_markdown_settings(tmp_path, markup, lines):
    (tmp_path / "hugo.toml").write_text('baseURL = "https://example.org/"\n' + markup)
    written = goldmark_lines(HugoSite.load(tmp_path))
    assert [line for line in written if not line.startswith("#")] == lines


# Item 5: heading ids as Hugo gives them

#: Hugo's own cases (markup/goldmark/autoid_test.go): heading -> id, by style
HUGO_ANCHORS = [
    ("God is good: 神真美好", "github", "god-is-good-神真美好"),
    ("Number 32", "github", "number-32"),
    ("Question?", "github", "question"),
    ("1+2=3", "github", "123"),
    ('Special !"#$%&(parens)=?\u00b4* chars', "github", "special-parens-chars"),
    ("Resumé", "github", "resumé"),
    ("One-Hyphen", "github", "one-hyphen"),
    ("Multiple--Hyphens", "github", "multiple--hyphens"),
    ("Trailing hyphen-", "github", "trailing-hyphen-"),
    ("Many   spaces  here", "github", "many---spaces--here"),
    ("Forward/slash", "github", "forwardslash"),
    ("Backward\\slash", "github", "backwardslash"),
    ("Under_score", "github", "under_score"),
    ("Nonbreaking\u00a0Space", "github", "nonbreakingspace"),
    ("Tab\tSpace", "github", "tabspace"),
    ("Trailing Space ", "github", "trailing-space"),
    ("god is神真美好 good", "github-ascii", "god-is-good"),
    ("Resumé", "github-ascii", "resume"),
    ("God is Good: 神真美好", "github-ascii", "god-is-good-"),
    ("Let's try this, shall we?", "blackfriday", "let-s-try-this-shall-we"),
]


@pytest.mark.parametrize(("text", "style", "anchor"), HUGO_ANCHORS)
def test_anchorize_as_hugo(text, style, anchor):
    assert anchorize(text, style) == anchor


def test_repeated_ids_are_numbered_as_hugo_numbers_them():
    ids = HeadingIds()
    assert [ids.generate(text) for text in ["Intro", "Intro", "Intro-1", "", "!", "Intro"]] == [
        "intro",
        "intro-1",
        "intro-1-1",
        "heading",
        "heading-1",
        "intro-2",
    ]


@pytest.mark.parametrize(
    ("heading", "attributes"),
    [
        (
            "Configuration languages are bad {#config-languages}",
            ("Configuration languages are bad", "config-languages", ()),
        ),
        ("Title {#id .wide .dark}", ("Title", "id", ("wide", "dark"))),
        ('Title {.wide #id data-x="a b" n=3}', ("Title", "id", ("wide",))),
        ("A {set} {#last}", ("A {set}", "last", ())),
        ("Not {#here} at the end", None),
        ("Broken {#a b}", None),
        ("Open {#a", None),
    ],
)
def test_heading_attributes_as_goldmark_reads_them(heading, attributes):
    found = heading_attributes(heading)
    assert (found and (found.text, found.id, found.classes)) == attributes


HEADINGS = {
    "blog/_index.md": """\
---
title: Blog
---

## Read [the solution](config.md#solution) {.note}
""",
    "blog/config.md": """\
---
title: Why configuration
date: 2024-04-01
---

Skip to [the solution](#solution), [the languages](#config-languages) or [](#solution-1).

## Configuration languages are bad {#config-languages .wide}

## Why configuration

## Solution

### What's new -- in `v2.0`?

## Solution
""",
}


@pytest.mark.parametrize(
    ("style", "anchors"),
    [
        (
            "github",
            [
                "config-languages",
                "why-configuration",
                "solution",
                "whats-new--in-v20",
                "solution-1",
            ],
        ),
        (
            "blackfriday",
            [
                "config-languages",
                "why-configuration",
                "solution",
                "what-s-new-in-v2-0",
                "solution-1",
            ],
        ),
    ],
)
def test_headings_have_hugos_ids(tmp_path, style, anchors):
    srcdir = site(tmp_path, HEADINGS, f"callposts_heading_ids = {style!r}\n")
    app = build(srcdir, freshenv=True)
    assert warning_lines(app) == []
    post = body(app, "blog/config")
    headings = post.select("h2, h3")
    assert [heading.parent["id"] for heading in headings] == anchors
    assert headings[0].get_text().rstrip("¶") == "Configuration languages are bad"
    assert headings[0]["class"] == ["wide"]
    # the attributes are gone from the navigation too, whose links are Hugo's anchors
    toc = app.env.tocs["blog/config"]
    assert "{#" not in toc.astext()
    assert "#config-languages" in [ref["anchorname"] for ref in toc.findall(nodes.reference)]
    # in-page links land, and so does one from another page
    links = [a["href"] for a in post.select("p a.reference")]
    assert links == ["#solution", "#config-languages", "#solution-1"]
    assert post.select("p a.reference")[2].get_text() == "Solution"
    section = body(app, "blog/_index")
    assert section.select_one("h2 a.reference")["href"] == "config.html#solution"
    assert section.select_one("h2")["class"] == ["note"]


def test_heading_ids_off_keeps_sphinxs_ids_and_the_attributes(tmp_path):
    files = {
        "blog/config.md": HEADINGS["blog/config.md"].split("Skip to")[0]
        + "## Solution\n\n## Heading {#own}\n"
    }
    app = build(site(tmp_path, files, "callposts_heading_ids = False\n"), freshenv=True)
    assert warning_lines(app) == []
    headings = body(app, "blog/config").select("h2")
    assert [heading.parent["id"] for heading in headings] == ["solution", "own"]
    assert headings[1].get_text().rstrip("¶") == "Heading"


# Item 9: site-absolute images from Hugo's static folder

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
STATIC_POSTS = {
    "blog/a.md": """\
---
title: A
date: 2024-05-01
images: [/img/blog/board.png]
---

![Architecture](/images/arch.png)

<p><img src="/img/blog/board.png" alt="Board"> and <img src='/img/gone.png'></p>

![Missing](/images/missing.png)
""",
    "blog/b.md": "---\ntitle: B\ndate: 2024-05-02\n---\n\n![Again](/images/arch.png)\n",
}


def static_site(tmp_path: Path, conf: str) -> Path:
    srcdir = site(tmp_path, STATIC_POSTS, conf)
    for name in ("images/arch.png", "img/blog/board.png"):
        (tmp_path / "static" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "static" / name).write_bytes(PNG)
    return srcdir


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_site_absolute_images_come_from_the_static_folder(tmp_path, builder):
    srcdir = static_site(tmp_path, 'callposts_static = ["../static"]\n')
    app = build(srcdir, builder, freshenv=True)
    missing = [line for line in warning_lines(app) if "callposts.image" in line]
    assert warnings_of(app) == [("a.md", 9, "callposts.image"), ("a.md", 11, "callposts.image")]
    assert "'img/gone.png' is missing" in missing[0]
    assert "'images/missing.png' is missing" in missing[1]
    # each image copied once, however many pages show it
    assert sorted(path.name for path in (app.outdir / "_images").iterdir()) == [
        "arch.png",
        "board.png",
    ]
    path = "blog/a" if builder == "html" else "blog/a/index.html"
    post = page(app, path)
    folder = (app.outdir / path).parent if builder == "dirhtml" else app.outdir / "blog"
    sources = [img["src"] for img in post.select("div.body img")]
    assert [(folder / src).resolve().name for src in sources] == [
        "arch.png",
        "board.png",
        "gone.png",
    ]
    assert all((folder / src).is_file() for src in sources[:2])
    # the missing Markdown image shows its alt text, the missing HTML one stays as written
    assert sources[2] == "/img/gone.png"
    assert "Missing" in post.select_one("div.body").get_text()
    # the post's picture (its images front matter) is the copy too
    image = linked_data(post)["BlogPosting"]["image"]
    assert image.endswith("/_images/board.png")


def test_site_absolute_images_without_static_warn(tmp_path):
    app = build(static_site(tmp_path, ""), freshenv=True)
    assert warnings_of(app) == [
        ("a.md", 4, "callposts.image"),  # its picture, images: [/img/blog/board.png]
        ("a.md", 7, "callposts.image"),
        ("a.md", 9, "callposts.image"),
        ("a.md", 9, "callposts.image"),
        ("a.md", 11, "callposts.image"),
        ("b.md", 6, "callposts.image"),
    ]
    assert "not set" in warning_lines(app)[0]
    assert not (app.outdir / "_images").exists()


def test_goldmark_pages_are_the_same_in_parallel(tmp_path):
    """Linked URLs, heading ids and static images: -j 2 writes what -j 1 writes."""
    files = {**LINKIFY, **HEADINGS, **STATIC_POSTS}
    files["blog/_index.md"] = (
        HEADINGS["blog/_index.md"] + LINKIFY["blog/_index.md"].split("---\n")[2]
    )
    conf = 'callposts_static = ["../static"]\n'
    pages = []
    for jobs in (1, 2):
        srcdir = static_site(tmp_path / f"j{jobs}", conf)
        for path, text in files.items():
            (srcdir / path).write_text(text, encoding="utf-8")
        app = build(srcdir, parallel=jobs, freshenv=True)
        pages.append(
            {
                name: str(body(app, name))
                for name in ("blog/_index", "blog/a", "blog/config", "blog/release")
            }
        )
        assert sorted(path.name for path in (app.outdir / "_images").iterdir()) == [
            "arch.png",
            "board.png",
        ]
    assert pages[0] == pages[1]


def test_a_static_image_added_later_is_found_by_the_next_build(tmp_path):
    srcdir = static_site(tmp_path, 'callposts_static = ["../static"]\n')
    build(srcdir)
    (tmp_path / "static" / "img" / "gone.png").write_bytes(PNG)
    (tmp_path / "static" / "images" / "missing.png").write_bytes(PNG)
    app = build(srcdir)
    assert warnings_of(app) == []
    names = sorted(path.name for path in (app.outdir / "_images").iterdir())
    assert names == ["arch.png", "board.png", "gone.png", "missing.png"]
    sources = [img["src"] for img in body(app, "blog/a").select("img")]
    assert sources == [
        f"../_images/{name}" for name in ("arch.png", "board.png", "gone.png", "missing.png")
    ]


def test_an_embedded_posts_title_is_no_heading_of_the_page(tmp_path):
    files = {
        "hugo/embedded.md": (
            "---\ntitle: Notes from https://example.org/call\ndate: 2024-02-01\n---\n\n"
            "## Notes\n\nSee https://example.org/notes.\n"
        ),
        "blog/embedding.md": "```{callpost} ../hugo/embedded.md\n```\n",
    }
    app = build(site(tmp_path, files, 'exclude_patterns = ["hugo"]\n'), freshenv=True)
    assert warning_lines(app) == []
    post = body(app, "blog/embedding")
    assert post.select_one("h1").select("a.external") == []
    assert [a["href"] for a in post.select("a.external")] == ["https://example.org/notes"]
    assert post.select_one("h2").parent["id"] == "notes"


@pytest.mark.parametrize(
    "conf", ['callposts_static = ["../static"]\n', "", 'callposts_raw_html = "escape"\n']
)
def test_check_reports_the_images_the_build_misses(tmp_path, conf):
    srcdir = static_site(tmp_path, conf)
    (srcdir / "blog/c.md").write_text(
        "---\ntitle: C\ndate: 2024-05-03\n---\n\n"
        '{{< figure src="/images/lost.png" >}}\n\n'
        "![Referenced][ref] and ![Here](/index.md)\n\n[ref]: /images/arch.png\n"
    )
    result = run_check(srcdir)
    assert "Traceback" not in result.stderr, result.stderr
    reported = re.findall(
        r"([^/\s]+):(\d+): .*\[(callposts\.image)\]$", result.stdout, re.MULTILINE
    )
    checked = {(name, int(line), kind) for name, line, kind in reported}
    built = {
        found
        for found in warnings_of(build(srcdir, freshenv=True))
        if found[2] == "callposts.image"
    }
    if MYST_4:
        # MyST-Parser 4 gives a figure's image no line: the build names the line of the
        # page that holds the shortcode (6), MyST-Parser 5 and check the line before it
        built = {
            (name, 5 if (name, line) == ("c.md", 6) else line, kind) for name, line, kind in built
        }
    assert checked == built
    # the figure shortcode's image, and without the static folder the referenced one
    assert sorted(line for name, line, _kind in built if name == "c.md") == (
        [5] if "static" in conf else [5, 8]
    )


def test_links_to_a_posts_old_url_land_on_its_heading(tmp_path):
    files = {
        "blog/a.md": (
            "---\ntitle: A\ndate: 2024-01-01\n---\n\n"
            "See [the solution](/blog/b/#solution), [the languages](/blog/b/#config-languages)"
            " and [the old site's](https://old.example.org/blog/b/#solution).\n"
        ),
        "blog/b.md": (
            "---\ntitle: B\ndate: 2024-01-02\n---\n\n"
            "## Solution\n\n## Configuration languages are bad {#config-languages}\n"
        ),
    }
    app = build(site(tmp_path, files, 'callposts_site_url = "https://old.example.org/"\n'))
    assert warning_lines(app) == []
    links = [a["href"] for a in body(app, "blog/a").select("p a.reference") if "#" in a["href"]]
    assert links == ["b.html#solution", "b.html#config-languages", "b.html#solution"]
    assert [h.parent["id"] for h in body(app, "blog/b").select("h2")] == [
        "solution",
        "config-languages",
    ]


@pytest.mark.skipif(not CHROMIUM, reason="chromium is not installed")
def test_an_old_urls_fragment_lands_on_the_heading_through_its_redirect(tmp_path):
    """A browser follows ``old/b/#solution`` to the post's heading: a refresh alone drops it."""
    post = "---\ntitle: B\ndate: 2024-01-02\naliases: [/old/b/]\n---\n\n## Solution\n\nText.\n"
    app = build(site(tmp_path, {"blog/b.md": post}), "dirhtml", freshenv=True)
    alias = app.outdir / "old/b/index.html"
    browser = Browser(tmp_path / "profile")
    try:
        # the page's script replaces it before it has loaded: open() returns on the post
        with browser.open(alias.as_uri() + "#solution") as tab:
            assert tab.evaluate("location.href") == (app.outdir / "blog/b").as_uri() + "/#solution"
    finally:
        browser.close()


# Images that raw HTML names in the project, and percent-escaped image names

PROJECT_IMAGES = {
    "blog/bundle/index.md": """\
---
title: Bundle
date: 2024-05-03
---

<img src="images/a.png" alt="A"> <img src="/files/d.png" alt="D">

![Diagram](My%20Diagram.png)
""",
}


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_raw_html_images_of_the_project_and_escaped_names_are_copied(tmp_path, builder):
    srcdir = site(tmp_path, PROJECT_IMAGES, "")
    for name in ("blog/bundle/images/a.png", "files/d.png", "blog/bundle/My Diagram.png"):
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_bytes(PNG)
    app = build(srcdir, builder, freshenv=True)
    assert [line for line in warning_lines(app) if "image]" in line or ".image" in line] == []
    path = "blog/bundle/index.html"
    post = page(app, path)
    folder = (app.outdir / path).parent
    sources = [unquote(img["src"]) for img in post.select("div.body img")]
    assert len(sources) == 3
    # each is the build's copy, which the reader's browser finds beside the page
    assert all((folder / src).resolve().is_file() for src in sources), sources
    assert [(folder / src).resolve().name for src in sources] == [
        "a.png",
        "d.png",
        "My Diagram.png",
    ]
