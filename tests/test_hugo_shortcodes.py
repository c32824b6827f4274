"""What real Hugo blogs hold: shortcodes in HTML blocks, Docsy's shortcodes, GitHub alerts."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from sphinx_callposts.core.shortcodes import Context, rewrite
from sphinx_callposts.sphinx.shortcodes import rewrite_shortcodes

from .helpers import body, warnings_of

EXTENSIONS = ["myst_parser", "sphinx_callposts"]


def _embeds(element) -> list[tuple[str, str]]:
    """``(id, start)`` of each YouTube embed inside ``element``, as its player gets them."""
    found = []
    for wrapper in element.select("div.callposts-youtube"):
        url = urlsplit(wrapper.select_one("a[data-embed]")["data-embed"])
        assert url.netloc == "www.youtube-nocookie.com"
        start = parse_qs(url.query).get("start", [""])[0]
        found.append((url.path.removeprefix("/embed/"), start))
        assert found[-1][0] == wrapper["data-youtube-id"]
    return found


def _admonitions(element) -> list[tuple[list[str], str, str]]:
    """``(classes, title, text)`` of each admonition inside ``element``."""
    return [
        (
            sorted(div["class"]),
            div.select_one(".admonition-title").get_text(),
            " ".join(p.get_text(" ", strip=True) for p in div.find_all("p", recursive=False)[1:]),
        )
        for div in element.select("div.admonition")
    ]


@pytest.mark.sphinx("html", testroot="hugo-shortcodes")
def test_shortcodes_inside_html_blocks_render(app):
    app.build()
    # the rewriting took more lines than the HTML blocks had: the lines are given back
    # before the broken reference, so its warning names its real line
    assert sorted(warnings_of(app)) == [
        ("alerts.md", 24, "myst.xref_missing"),
        ("html-blocks.md", 35, "myst.xref_missing"),
    ]
    main = body(app, "blog/2024/html-blocks")
    assert _embeds(main.select_one("div.video-wrapper")) == [("46nCdVA-rsc", "")]
    figure = main.select_one("center > figure")
    assert figure.img["src"].endswith("diagram.png")
    assert figure.figcaption.get_text(strip=True).startswith("The architecture")
    talk = main.select_one("div.talk")
    assert _embeds(talk) == [("5a_A3furzlg", "953")]
    assert talk.find_all("p", recursive=False)[-1].get_text() == "Starts at the question."
    # in running text, the player, as Hugo shows it there
    assert _embeds(main)[-2:] == [("nV_JI8YWwY4", "3723"), ("U1VvyQiE3Jg", "90")]
    assert not main.select("a.callposts-youtube-link")
    text = main.get_text()
    assert "{{" not in text and "youtube-embed" not in text and "](" not in text


@pytest.mark.sphinx("html", testroot="hugo-shortcodes")
def test_docsy_shortcodes(app):
    app.build()
    main = body(app, "blog/2024/docsy-bundle/index")
    assert "{{" not in main.get_text()
    pageinfo = main.select_one("div.callposts-pageinfo")
    assert pageinfo.get_text(" ", strip=True) == "This post is a placeholder ."
    assert _admonitions(main) == [
        (["admonition", "warning"], "Heads up", "Upgrade before March."),
        (["admonition", "danger"], "Danger", "No title, danger."),
        (["admonition", "note"], "Note", "One line, primary."),
        (["admonition", "note"], "Note", "A Kubernetes-style note."),
        (["admonition", "warning"], "Warning", "A warning."),
        (["admonition", "caution"], "Caution", "A caution."),
    ]
    # imgproc: the bundle's image whose name holds "sunset", its processing left out
    image = main.select_one("figure img.callposts-imgproc")
    assert image["src"].endswith("sunset-featured.png")
    assert (app.outdir / image["src"].replace("../", "")).is_file()
    assert image["alt"] == "The sunset, processed."
    assert main.select_one("figure figcaption em").get_text() == "processed"
    code, text = main.select("div.callposts-tabs")
    assert [tab.get_text() for tab in code.select(".rubric.callposts-tab")] == ["Go", "Python"]
    assert [div["class"][0] for div in code.select("div[class^=highlight-]")] == [
        "highlight-go",
        "highlight-python",
    ]
    assert 'fmt.Println("Hello")' in code.get_text()
    assert [tab.get_text() for tab in text.select(".rubric")] == ["English", "Deutsch"]
    assert text.select_one("p strong").get_text() == "reader"
    card = main.select_one("div.callposts-cardpane div.callposts-card")
    assert [p.get_text() for p in card.find_all("p")] == [
        "Header",
        "Card title",
        "A subtitle",
        "The card\u2019s text.",  # smartquotes
        "The footer",
    ]


@pytest.mark.sphinx(
    "html",
    testroot="hugo-shortcodes",
    confoverrides={"extensions": [*EXTENSIONS, "sphinx_design"]},
)
def test_tabs_with_sphinx_design(app):
    app.build()
    main = body(app, "blog/2024/docsy-bundle/index")
    code, text = main.select("div.sd-tab-set")
    assert [label.get_text(strip=True) for label in code.select("label")] == ["Go", "Python"]
    assert code.select_one("div.highlight-go") is not None
    assert [label.get_text(strip=True) for label in text.select("label")] == ["English", "Deutsch"]
    assert not main.select(".callposts-tabs")


@pytest.mark.sphinx("html", testroot="hugo-shortcodes")
def test_github_alerts_are_admonitions(app):
    app.build()
    main = body(app, "blog/2024/alerts")
    assert _admonitions(main) == [
        (["admonition", "note"], "Note", "Useful information that users should know."),
        (["admonition", "tip"], "Tip", "Helpful advice."),
        (
            ["admonition", "important"],
            "Important",
            "Key information, with inside.",
        ),
        (["admonition", "warning"], "Warning", "Urgent info.\nOn two lines."),
        (["admonition", "caution"], "Mind the gap", "Negative potential consequences."),
    ]
    assert _embeds(main.select_one("div.important")) == [("46nCdVA-rsc", "")]
    assert "[!" not in main.get_text().replace("A plain quote, [!NOTE]", "")
    assert main.select_one("blockquote").get_text(strip=True) == (
        "A plain quote, [!NOTE] not at its start."
    )


@pytest.mark.sphinx("html", testroot="hugo-shortcodes")
def test_mermaid_without_sphinxcontrib_mermaid_is_code(app):
    app.build()
    assert "mermaid" not in app.warning.getvalue()
    main = body(app, "blog/2024/mermaid")
    blocks = [block.get_text() for block in main.select("div.highlight-text pre")]
    assert blocks == ["graph TD;\n  A-->B;\n", "sequenceDiagram\n  Alice->>Bob: Hello\n"]


@pytest.mark.sphinx(
    "html",
    testroot="hugo-shortcodes",
    confoverrides={"extensions": [*EXTENSIONS, "sphinxcontrib.mermaid"]},
)
def test_mermaid_with_sphinxcontrib_mermaid_is_a_diagram(app):
    pytest.importorskip("sphinxcontrib.mermaid")
    app.build()
    assert "mermaid" not in app.warning.getvalue()
    main = body(app, "blog/2024/mermaid")
    diagrams = [diagram.get_text().strip() for diagram in main.select(".mermaid")]
    assert diagrams == ["graph TD;\n  A-->B;", "sequenceDiagram\n  Alice->>Bob: Hello"]
    assert not main.select("div.highlight-text")


def test_the_fast_path_leaves_text_without_shortcodes_alone():
    class Config:
        callposts_shortcode_handlers: dict[str, str] = {}  # noqa: RUF012

    text = "# T\n\n> A quote with [a link](x) and {braces}.\n\n```python\nx = {1: 2}\n```\n"
    assert rewrite_shortcodes(text, "page", Config()) == text


# -- the rewriting, as text ------------------------------------------------------------


def _rewrite(text: str, features: frozenset[str] = frozenset()) -> str:
    problems: list[tuple[int, str]] = []
    result = rewrite(
        text,
        Context("page", lambda message, line: problems.append((line, message)), features=features),
    )
    assert problems == []
    return result


def test_an_html_block_is_split_around_its_shortcodes_only():
    assert _rewrite('<div class="v">\n{{< youtube 46nCdVA-rsc >}}\n</div>\n') == (
        '<div class="v">\n\n{youtube-embed}`46nCdVA-rsc`\n</div>\n'
    )
    # escaped shortcodes stay in the HTML, as Hugo prints them
    assert _rewrite("<p>Write {{</* youtube ID */>}}</p>\n") == (
        "<p>Write \\{\\{\\< youtube ID \\>\\}\\}</p>\n"
    )
    # outside HTML nothing changes: a role in the paragraph, no blank line
    inline = _rewrite("Text {{< youtube 46nCdVA-rsc >}}\n")
    assert inline.startswith("Text {") and inline.endswith("}`46nCdVA-rsc`\n")


def test_a_github_alert_keeps_the_lines_below_it():
    text = "Intro.\n\n> [!WARNING]\n> Two\n> lines.\n\n## Next\n\nEnd.\n"
    result = _rewrite(text)
    assert result == "Intro.\n```{warning}\nTwo\nlines.\n```\n\n## Next\n\nEnd.\n"
    assert result.split("\n").index("End.") == text.split("\n").index("End.")


def test_tabs_with_and_without_sphinx_design():
    text = '{{< tabpane langEqualsHeader=true >}}\n{{< tab "Go" >}}\nx := 1\n{{< /tab >}}\n{{< /tabpane >}}\n'
    assert _rewrite(text, frozenset({"tabs"})) == (
        # each fence longer than the ones inside it
        "`````{tab-set}\n````{tab-item} Go\n```{code-block} go\nx := 1\n```\n````\n`````\n"
    )
