"""Hugo shortcodes rewritten to MyST at source-read, line numbers kept."""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest

from sphinx_callposts.core.shortcodes import Shortcode, ShortcodeError
from sphinx_callposts.sphinx.recordings import youtube_embed
from sphinx_callposts.sphinx.shortcodes import rewrite_shortcodes

from .helpers import body, stable_pformat, warnings_of

CONFIG = SimpleNamespace(callposts_shortcode_handlers={})


def rewrite(text: str) -> str:
    return rewrite_shortcodes(text, "page", CONFIG)


# -- the rewriting, as text ------------------------------------------------------------


@pytest.mark.parametrize(
    ("shortcode", "myst"),
    [
        ("{{< youtube 46nCdVA-rsc >}}", "{callposts-youtube}`46nCdVA-rsc`"),
        ('{{< youtube "46nCdVA-rsc" >}}', "{callposts-youtube}`46nCdVA-rsc`"),
        ("{{< youtube `46nCdVA-rsc` >}}", "{callposts-youtube}`46nCdVA-rsc`"),
        ("{{<youtube 46nCdVA-rsc>}}", "{callposts-youtube}`46nCdVA-rsc`"),
        ("{{< youtube id=46nCdVA-rsc >}}", "{callposts-youtube}`46nCdVA-rsc`"),
        ('{{< youtube id="46nCdVA-rsc" >}}', "{callposts-youtube}`46nCdVA-rsc`"),
        ("{{% youtube id=46nCdVA-rsc %}}", "{callposts-youtube}`46nCdVA-rsc`"),
        ("{{%youtube -abcdefghij%}}", "{callposts-youtube}`-abcdefghij`"),
        ("{{< youtube _abcdefghij />}}", "{callposts-youtube}`_abcdefghij`"),
        (
            '{{< youtube id="46nCdVA-rsc" title="A talk" >}}',
            "{callposts-youtube}`A talk <46nCdVA-rsc>`",
        ),
        (
            '{{< youtube id="46nCdVA-rsc" start=90 >}}',
            "{callposts-youtube}`https://www.youtube.com/embed/46nCdVA-rsc?start=90`",
        ),
        # string booleans: "false" is false, and a default costs nothing
        (
            '{{< youtube id="46nCdVA-rsc" autoplay="false" controls="true" >}}',
            "{callposts-youtube}`46nCdVA-rsc`",
        ),
        (
            '{{< youtube id="46nCdVA-rsc" autoplay="true" mute=1 loop=true controls=false end="1m" >}}',
            "{callposts-youtube}`https://www.youtube.com/embed/46nCdVA-rsc?end=60&autoplay=1&mute=1&loop=1&controls=0`",
        ),
        (
            "{{< youtube 46nCdVA-rsc wide >}}",
            "```{callposts-youtube} 46nCdVA-rsc\n:class: 'wide'\n```",
        ),
        (
            '{{< youtube id="46nCdVA-rsc" title="Q&A <live>" loading=eager >}}',
            "```{callposts-youtube} 46nCdVA-rsc\n:title: 'Q&A <live>'\n:loading: 'eager'\n```",
        ),
    ],
)
def test_youtube_forms(shortcode, myst):
    # a role alone in its paragraph costs no line; a directive takes the blank lines around it
    around = "\n\n" if myst.startswith("{") else "\n"
    assert (
        rewrite(f"Before.\n\n{shortcode}\n\nAfter.\n") == f"Before.{around}{myst}{around}After.\n"
    )


def test_line_count_is_kept_when_blank_lines_allow():
    text = (
        "# Title\n\nIntro.\n\n"
        '{{< youtube id="46nCdVA-rsc" title="With a class" class="wide" >}}\n\n'
        "## Next\n\n"
        '{{< figure src="a.png" alt="A" >}}\n\n'
        "Paragraph right before\n"
        '{{< youtube id="5a_A3furzlg" title="Right after a paragraph" >}}\n\n'
        "End.\n"
    )
    result = rewrite(text)
    assert result.count("\n") == text.count("\n")
    assert result.split("\n").index("End.") == text.split("\n").index("End.")
    assert (
        "Paragraph right before\n{youtube-embed}`Right after a paragraph <5a_A3furzlg>`\n" in result
    )


def test_html_blocks_keep_the_blank_line_that_ends_them():
    text = '<div>\ntext\n\n{{< youtube id="46nCdVA-rsc" class="a" >}}\n\n# H\n'
    assert (
        rewrite(text)
        == "<div>\ntext\n\n```{callposts-youtube} 46nCdVA-rsc\n:class: 'a'\n```\n# H\n"
    )
    assert rewrite("Text\n\n{{< youtube 46nCdVA-rsc a >}}\n").endswith("```\n")


def test_a_shortcode_inside_a_paragraph_is_still_a_block_on_its_own_line(sphinx_doctree):
    text = "# T\n\nText\n{{< youtube 46nCdVA-rsc >}}\n{{< youtube 5a_A3furzlg >}}\nMore text\n\n{bad}`x`\n"
    result = rewrite(text)
    # one line for one line, even with no blank line around to borrow from
    assert result == text.replace("{{< youtube ", "{youtube-embed}`").replace(" >}}", "`")
    sphinx_doctree.set_conf({"extensions": ["myst_parser", "sphinx_callposts"]})
    built = sphinx_doctree(text, filename="index.md")
    section = built.doctrees["index"][0]
    kinds = [(type(node).__name__, node.astext()) for node in section.children[1:4]]
    assert kinds[0] == ("paragraph", "Text")
    assert [node.get("id") for node in section.children[2:4]] == ["46nCdVA-rsc", "5a_A3furzlg"]
    assert section.children[4].astext() == "More text"
    # so a warning below it still names its real line
    assert ":8: WARNING: Unknown interpreted text role" in built.warnings


def test_player_parameters_survive_the_role(sphinx_doctree):
    sphinx_doctree.set_conf({"extensions": ["myst_parser", "sphinx_callposts"]})
    text = '# T\n\n{{< youtube id="46nCdVA-rsc" start=5 end=60 autoplay=true loop=1 controls=false >}}\n'
    [embed] = sphinx_doctree(text, filename="index.md").doctrees["index"].findall(youtube_embed)
    player = {
        name: embed[name] for name in ("start", "end", "autoplay", "mute", "loop", "controls")
    }
    assert player == {
        "start": 5,
        "end": 60,
        "autoplay": True,
        "mute": False,
        "loop": True,
        "controls": False,
    }


def test_running_text_gets_the_player_role():
    # Hugo shows the player wherever the shortcode stands: the role splits the paragraph
    assert rewrite('See {{< youtube id="46nCdVA-rsc" title="this" >}} now.') == (
        "See {youtube-embed}`this <46nCdVA-rsc>` now."
    )


def test_escaped_shortcodes_print_literally():
    assert rewrite("Write {{</* youtube 46nCdVA-rsc */>}} or {{%/* x */%}}.") == (
        r"Write \{\{\< youtube 46nCdVA\-rsc \>\}\} or \{\{\% x \%\}\}."
    )
    # in code, an escaped shortcode reads as Hugo prints it, unescaped
    assert rewrite("```\n{{</* youtube ID */>}}\n```") == "```\n{{< youtube ID >}}\n```"
    assert rewrite("Use `{{</* youtube ID */>}}`.") == "Use `{{< youtube ID >}}`."


@pytest.mark.parametrize(
    "text",
    [
        "```\n{{< youtube 46nCdVA-rsc >}}\n```",
        "~~~markdown\n{{< youtube 46nCdVA-rsc >}}\n~~~",
        "````\n```\n{{< youtube 46nCdVA-rsc >}}\n```\n````",
        "```{code-block} md\n{{< youtube 46nCdVA-rsc >}}\n```",
        "Inline `{{< youtube 46nCdVA-rsc >}}` code.",
        "Inline ``a ` {{< youtube 46nCdVA-rsc >}}`` code.",
    ],
)
def test_code_is_left_alone(text):
    assert rewrite(text) == text


def test_directive_content_is_markdown():
    assert (
        rewrite("```{note}\n{{< youtube 46nCdVA-rsc >}}\n```")
        == "```{note}\n{callposts-youtube}`46nCdVA-rsc`\n```"
    )


def test_other_shortcodes_as_text():
    assert (
        rewrite("{{< vimeo 146022717 >}}")
        == "Recording\\: [Vimeo video 146022717](<https://vimeo.com/146022717>)"
    )
    assert rewrite('A {{< x user="SanDiegoZoo" id="1453110110599868418" >}}.') == (
        "A [Post by \\@SanDiegoZoo on X](<https://x.com/SanDiegoZoo/status/1453110110599868418>)."
    )
    assert (
        rewrite("{{< instagram BWNjjyYFxVx >}}")
        == "[Instagram post BWNjjyYFxVx](<https://www.instagram.com/p/BWNjjyYFxVx/>)"
    )
    assert (
        rewrite("{{< highlight python >}}\nprint(1)\n{{< /highlight >}}")
        == "```{code-block} python\nprint(1)\n```"
    )
    assert rewrite("x {{< highlight py >}}print(1){{< /highlight >}} y") == "x ` print(1) ` y"
    assert rewrite("{{< comment >}}\nhidden\n{{< /comment >}}\nshown") == "\n\n\nshown"
    assert rewrite(
        '{{< details summary="More" open=true class="a b" >}}\nInner\n{{< /details >}}'
    ) == ("````{callposts-details} More\n:open:\n:class: 'a b'\nInner\n````")


def test_figure():
    result = rewrite(
        '{{< figure src="img/a.png" alt="Alt" caption="The *caption*" title="T" '
        'link="https://example.org/" width=300 height="20em" class="wide" >}}'
    )
    assert result.split("\n") == [
        "```{figure} img/a.png",
        ":alt: 'Alt'",
        ":width: '300px'",
        ":height: '20em'",
        ":class: 'wide'",
        ":target: 'https://example.org/'",
        "**T** The *caption*",
        "```",
    ]
    assert rewrite('Inline {{< figure src="a.png" alt="x" >}}.') == "Inline ![x](<a.png>)."


def test_doctree_of_rewritten_shortcodes(sphinx_doctree, file_regression):
    sphinx_doctree.set_conf({"extensions": ["myst_parser", "sphinx_callposts"]})
    text = (
        "# Shortcodes\n\n"
        "{{< youtube 46nCdVA-rsc >}}\n\n"
        "Right under a paragraph\n"
        '{{< youtube id="5a_A3furzlg" title="A talk" start="1m" class="wide" >}}\n\n'
        '{{< details summary="Notes" >}}\nIn **bold**.\n{{< /details >}}\n\n'
        "{{< highlight python >}}\nprint({{< youtube x >}})\n{{< /highlight >}}\n\n"
        "Text {{< youtube nV_JI8YWwY4 >}} and {{</* youtube ID */>}}.\n"
    )
    result = sphinx_doctree(text, filename="index.md")
    assert result.warnings.strip() == ""
    file_regression.check(stable_pformat(result.pformat()), extension=".xml")


# -- the handler API --------------------------------------------------------------------


def test_shortcode_parameters():
    shortcode = Shortcode("youtube", args=["a", "b"], kwargs={})
    assert (shortcode.get("id", 0), shortcode.get("class", 1), shortcode.get("x", 5, "d")) == (
        "a",
        "b",
        "d",
    )
    named = Shortcode(
        "youtube", kwargs={"ID": "x", "autoplay": "false", "mute": "1", "bad": "maybe"}
    )
    assert (named.get("id", 0), named.flag("autoplay"), named.flag("mute"), named.flag("loop")) == (
        "x",
        False,
        True,
        None,
    )
    with pytest.raises(ShortcodeError):
        named.flag("bad")


# -- builds -------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="shortcodes")
def test_build_every_youtube_form(app):
    app.build()
    # the one warning of the project is on purpose: a bad reference below the rewritten
    # shortcodes, reported on its real line
    assert warnings_of(app) == [("youtube-forms.md", 47, "ref.ref")]
    main = body(app, "calls/2022/youtube-forms")
    ids = [wrapper["data-youtube-id"] for wrapper in main.select("div.callposts-youtube")]
    assert ids == [
        "46nCdVA-rsc",
        "5a_A3furzlg",
        "nV_JI8YWwY4",
        "U1VvyQiE3Jg",
        "nG2FRYL05mc",
        "-abcdefghij",
        "_abcdefghij",
        "5a_A3furzlg",
        "46nCdVA-rsc",
        "46nCdVA-rsc",
    ]
    named = main.select("div.callposts-youtube")[2]
    assert named["class"] == ["callposts-youtube", "wide", "callposts-youtube-facade"]
    poster = named.select_one("a.callposts-youtube-poster")
    assert poster["data-title"] == "Deploying Gardener locally"
    assert poster["data-embed"] == (
        "https://www.youtube-nocookie.com/embed/nV_JI8YWwY4"
        "?autoplay=1&mute=1&controls=0&start=30&end=90&loop=1&playlist=nV_JI8YWwY4"
    )
    after = main.select("div.callposts-youtube")[7].select_one("a.callposts-youtube-poster")
    assert (after["data-title"], after["data-embed"]) == (
        "After a paragraph",
        "https://www.youtube-nocookie.com/embed/5a_A3furzlg?autoplay=1",
    )
    # in running text too, the player, between the two halves of its paragraph
    running = main.select("div.callposts-youtube")[8]
    assert running.select_one("a.callposts-youtube-poster")["data-title"] == "the first one"
    assert running.find_previous_sibling("p").get_text() == "In running text"
    assert running.find_next_sibling("p").get_text() == "is the player too."
    assert not main.select("a.callposts-youtube-link")
    assert main.select("div.callposts-youtube")[9]["class"] == [
        "callposts-youtube",
        "youtube-80",
        "callposts-youtube-facade",
    ]
    text = main.get_text()
    assert "Escaped: {{< youtube 46nCdVA-rsc >}} and {{< youtube 46nCdVA-rsc >}} in code." in text
    assert main.select_one("div.highlight-markdown").get_text().strip() == (
        "{{< youtube 46nCdVA-rsc >}}\n{{< youtube 46nCdVA-rsc >}}"
    )
    assert "Paired and inline: important." in text
    assert main.select_one("strong").get_text() == "important"


@pytest.mark.sphinx("html", testroot="shortcodes")
def test_build_other_shortcodes(app):
    app.build()
    main = body(app, "calls/2022/others")
    vimeo = [(a.get_text(), a["href"]) for a in main.select('a[href^="https://vimeo.com/"]')]
    assert vimeo == [
        ("Vimeo video 146022717", "https://vimeo.com/146022717"),
        ("A Vimeo talk", "https://vimeo.com/146022717"),
    ]
    figure = main.select_one("figure")
    assert figure.a["href"] == "https://gardener.cloud/"
    assert (figure.img["alt"], figure.img["class"], figure.img["style"]) == (
        "A diagram",
        ["wide"],
        "width: 300px;",
    )
    assert figure.figcaption.get_text().strip().startswith("Overview The architecture")
    assert main.select_one("p img[alt=small]") is not None
    refs = [(a.get_text(), a["href"]) for a in main.select("a.reference.internal")]
    assert refs[:4] == [
        ("the other post", "youtube-forms.html"),
        ("about", "../../about.html"),
        ("a section", "../../about.html#section"),
        ("Every youtube shortcode", "youtube-forms.html"),
    ]
    # a ref in a link reference definition is the definition's destination (gRPC's blog)
    assert ("announced", "youtube-forms.html") in refs
    code = main.select_one("div.highlight-go")
    assert [n.get_text() for n in code.select(".linenos")] == ["10", "11", "12"]
    assert len(code.select(".hll")) == 2
    assert '"{{< youtube 46nCdVA-rsc >}}"' in code.get_text()
    opened, closed = main.select("details.callposts-details")
    assert opened.has_attr("open") and not closed.has_attr("open")
    assert opened.summary.get_text() == "Show the notes"
    assert closed.summary.get_text() == "Details"
    player = opened.select_one("div.callposts-youtube a.callposts-youtube-poster")
    assert player["data-title"] == "inside"
    assert opened.select_one("div.highlight-text") is not None
    assert "Team Gardener met in Walldorf; the post is “The other shortcodes”." in main.get_text()
    links = [a["href"] for a in main.select("a.reference.external")]
    assert links[-5:] == [
        "https://x.com/SanDiegoZoo/status/1453110110599868418",
        "https://x.com/gohugoio/status/1315233626070503424",
        "https://gist.github.com/spf13/7896402",
        "https://gist.github.com/spf13/7896402#file-img-html",
        "https://www.instagram.com/p/BWNjjyYFxVx/",
    ]
    assert "Hugo's comment shortcode" not in main.get_text()
    assert "The Gardener team" in body(app, "about").get_text()


@pytest.mark.sphinx("html", testroot="shortcodes", confoverrides={"callposts_shortcodes": False})
def test_switched_off(app):
    app.build()
    main = body(app, "calls/2022/youtube-forms")
    assert not main.select("div.callposts-youtube")
    assert "{{< youtube 46nCdVA-rsc >}}" in main.get_text()


@pytest.mark.parametrize(
    ("builder", "output"),
    [
        ("latex", "shortcodes.tex"),
        ("text", "calls/2022/others.txt"),
        ("epub", "calls/2022/others.xhtml"),
        ("man", "shortcodes.1"),
        ("texinfo", "shortcodes.texi"),
    ],
)
def test_other_builders(make_app, rootdir, tmp_path, builder, output):
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-shortcodes", srcdir)
    app = make_app(builder, srcdir=srcdir)
    app.build()
    assert [kind for _file, _line, kind in warnings_of(app)] == ["ref.ref"]
    text = (app.outdir / output).read_text(encoding="utf8")
    assert "Show the notes" in text and "Closed, default summary." in text
    assert "<iframe" not in text and "youtube-nocookie" not in text
    if builder != "epub":
        assert "Recording: " in text or output.endswith("others.txt")


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="shortcodes-bad")
def test_bad_shortcodes_warn_where_they_are_and_stay_visible(app):
    app.build()
    assert "cannot import 'no_such_module:handler' for 'missing'" in app.warning.getvalue()
    # the handler that cannot be imported, at the line of conf.py that names it
    assert warnings_of(app) == [("conf.py", 11, "callposts.config")] + [
        ("index.md", line, "callposts.shortcode") for line in (
            3, 5, 7, 9, 11, 13, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 40, 42, 44,
        )
    ]  # fmt: skip
    main = body(app, "index")
    text = main.get_text()
    for written in [
        "{{< unknown a b >}}",
        "Text with {{< unknown-inline x >}} inside.",
        "{{< youtube not-an-id >}}",
        '{{< youtube id="46nCdVA-rsc" start="soon" >}}',
        '{{< figure src="javascript:alert(1)" alt="x" >}}',
        "{{< broken >}}",
        '{{< details summary="never closed" >}}',
        "{{< /highlight >}}",
        "{{<youtube 46nCdVA-rsc",
        "End of the page {{< youtube 46nCdVA-rsc",
    ]:
        assert written in text
    assert not main.select("script, img, iframe, a[href^=javascript]")
    # the hostile title reaches the page as text only
    [wrapper] = main.select("div.callposts-youtube")
    assert wrapper.a["data-title"] == '"><script>alert(1)</script>'
    raw = (app.outdir / "index.html").read_text(encoding="utf8")
    assert "<script>alert(1)" not in raw
