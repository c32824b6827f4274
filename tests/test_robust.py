"""What no file can do: stop the build, leave a page or a feed ill-formed, or escape ``check``."""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from .helpers import build, warning_lines, warnings_of

CONF = """\
extensions = ["sphinx_callposts"]
callposts_pattern = ["calls/**"]
show_warning_types = True
html_baseurl = "https://example.org/"
"""
INDEX = "# Home\n\n```{callposts}\n```\n\n```{toctree}\n:glob:\ncalls/*\n```\n"
DEEP = 450

#: file name -> (text, the warnings it must give as (line, type))
HOSTILE: dict[str, tuple[str, set[tuple[int, str]]]] = {
    "deep-flow.md": (
        f"---\ntitle: Deep\ndate: 2024-01-01\nx: {'[' * DEEP}{']' * DEEP}\n---\nbody\n",
        {(2, "callposts.frontmatter")},
    ),
    "deep-block.md": (
        "---\ntitle: Deep block\ndate: 2024-01-01\n"
        + "".join("  " * i + f"k{i}:\n" for i in range(DEEP))
        + "  " * DEEP
        + "v: 1\n---\nbody\n",
        {(2, "callposts.frontmatter")},
    ),
    "deep-aliases.md": (
        # each anchor nests the one before: shallow text, a deep graph
        "---\ntitle: Deep aliases\ndate: 2024-01-01\n"
        + "a0: &a0 [1]\n"
        + "".join(f"a{i}: &a{i} [[[[[[[[[[*a{i - 1}]]]]]]]]]]\n" for i in range(1, 30))
        + "---\nbody\n",
        {(2, "callposts.frontmatter")},
    ),
    "deep-toml.md": (
        f'+++\ntitle = "Deep TOML"\ndate = 2024-01-01\nx = {"[" * DEEP}{"]" * DEEP}\n+++\nbody\n',
        {(2, "callposts.frontmatter")},
    ),
    "deep-dotted.md": (
        '+++\ntitle = "Dotted"\n' + ".".join(f"k{i}" for i in range(DEEP)) + " = 1\n+++\nbody\n",
        {(2, "callposts.frontmatter")},
    ),
    "deep-json.md": (
        '{"title": "Deep JSON", "date": "2024-01-01", "x": '
        + "[" * DEEP
        + "]" * DEEP
        + "}\nbody\n",
        {(1, "callposts.frontmatter")},
    ),
    "long-int.md": (
        f"---\ntitle: Long\ndate: 2024-01-01\nn: {'9' * 4301}\n---\nbody\n",
        {(2, "callposts.frontmatter")},
    ),
    "long-int-toml.md": (
        f'+++\ntitle = "Long"\ndate = 2024-01-01\nn = {"9" * 4301}\n+++\nbody\n',
        {(2, "callposts.frontmatter")},
    ),
    "long-int-json.md": (
        '{"title": "Long", "date": "2024-01-01", "n": ' + "9" * 4301 + "}\nbody\n",
        {(1, "callposts.frontmatter")},
    ),
    "surrogates.md": (
        (
            '{"title": "A\\ud800", "date": "2024-01-02",\n'
            ' "tags": ["t\\udc00"],\n "summary": "s\\ud800"}\nbody\n'
        ),
        {(1, "callposts.frontmatter"), (2, "callposts.frontmatter"), (3, "callposts.frontmatter")},
    ),
    "controls.md": (
        (
            '---\ntitle: "A\\x01B"\ndate: 2024-01-03\ntags: ["a\\0b"]\nsummary: "x\\ey"\n'
            'authors: ["Bob\\x01"]\n---\nbody\n'
        ),
        {(line, "callposts.frontmatter") for line in (2, 4, 5, 6)},
    ),
    "self.md": (
        "---\ntitle: Self\ndate: 2024-01-04\n---\n\n```{callpost} self.md\n```\n",
        {(6, "callposts.directive")},
    ),
    "ping.md": (
        "---\ntitle: Ping\ndate: 2024-01-05\n---\n\n```{callpost} pong.md\n```\n",
        {(6, "callposts.directive")},
    ),
    "pong.md": (
        "---\ntitle: Pong\ndate: 2024-01-05\n---\n\n```{callpost} ping.md\n```\n",
        {(6, "callposts.directive")},
    ),
    "bare.rst": ("Bare\n====\n\n.. callpost::\n\ntext\n", {(4, "callposts.directive")}),
}


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory) -> Path:
    srcdir = tmp_path_factory.mktemp("hostile") / "src"
    (srcdir / "calls").mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf8")
    (srcdir / "index.md").write_text(INDEX, encoding="utf8")
    (srcdir / "calls" / "fine.md").write_text(
        "---\ntitle: Fine\ndate: 2024-01-06\n---\nAll well.\n", encoding="utf8"
    )
    for name, (text, _warnings) in HOSTILE.items():
        (srcdir / "calls" / name).write_text(text, encoding="utf8")
    return srcdir


class _StrictHTML(HTMLParser):
    def error(self, message: str) -> None:  # pragma: no cover - Python < 3.10 only
        raise AssertionError(message)


@pytest.mark.parametrize("builder", ["html", "dirhtml", "text"])
def test_no_file_stops_the_build(hostile_project, tmp_path, builder):
    app = build(hostile_project, builder, builddir=tmp_path / "build")
    lines = [line for line in warning_lines(app) if "callposts" in line]
    assert len(warnings_of(app)) == len(warning_lines(app)), "a warning without file or line"
    found = {(name, line, kind) for name, line, kind in warnings_of(app)}
    for name, (_text, expected) in HOSTILE.items():
        for line, kind in expected:
            assert (name, line, kind) in found, (name, line, kind, lines)
    if builder == "text":
        for name in (*HOSTILE, "fine.md"):
            assert (app.outdir / "calls" / Path(name).with_suffix(".txt").name).is_file(), name
        return
    pages = sorted(app.outdir.rglob("*.html"))
    assert len(pages) > len(HOSTILE)
    for path in pages:
        _StrictHTML().feed(path.read_text(encoding="utf8"))
    # every XML file parses: the control characters and surrogates were replaced
    ET.parse(app.outdir / "atom.xml")
    entries = ET.parse(app.outdir / "atom.xml").getroot()
    titles = [e.text for e in entries.iter("{http://www.w3.org/2005/Atom}title")]
    assert "A\ufffdB" in titles
    assert "A\ufffd" in titles
    fine = "calls/fine/index.html" if builder == "dirhtml" else "calls/fine.html"
    soup = BeautifulSoup((app.outdir / fine).read_text(encoding="utf8"), "html.parser")
    assert soup.select_one("div.body h1").get_text() == "Fine¶"
    self_page = "calls/self/index.html" if builder == "dirhtml" else "calls/self.html"
    soup = BeautifulSoup((app.outdir / self_page).read_text(encoding="utf8"), "html.parser")
    assert soup.select_one("div.body h1").get_text() == "Self¶"


def test_check_reports_each_hostile_file(hostile_project):
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_callposts", "check", str(hostile_project / "calls")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    reported = {
        (Path(line.split(":")[0]).name, int(line.split(":")[1]), line.rsplit("[", 1)[1][:-1])
        for line in result.stdout.splitlines()
        if line.endswith("]")  # not the summary line
    }
    for name, (_text, expected) in HOSTILE.items():
        for line, kind in expected:
            assert (name, line, kind) in reported, (name, line, kind, result.stdout)
    assert not any(name == "fine.md" for name, _line, _kind in reported)


def _raw_html_project(tmp_path: Path, mode: str) -> Path:
    srcdir = tmp_path / mode
    (srcdir / "calls").mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF + f"callposts_raw_html = {mode!r}\n", encoding="utf8")
    (srcdir / "index.md").write_text(INDEX, encoding="utf8")
    (srcdir / "calls" / "post.md").write_text(
        "---\ntitle: HTML\ndate: 2024-01-01\n---\n"
        '{{< figure src="a.png" caption="Hello <img src=x onerror=alert(1)> *world*" >}}\n\n'
        "Inline <b onclick=alert(2)>bold</b> here.\n\n"
        "<div class=box><script>alert(3)</script></div>\n\n"
        "<!-- a comment -->\n\nThe end.\n",
        encoding="utf8",
    )
    return srcdir


def test_shortcode_parameters_are_text_and_raw_html_kept_by_default(tmp_path):
    app = build(_raw_html_project(tmp_path, "keep"), "html")
    body = BeautifulSoup((app.outdir / "calls/post.html").read_text("utf8"), "html.parser")
    caption = body.select_one("figcaption")
    assert caption.get_text().strip().rstrip("¶") == "Hello <img src=x onerror=alert(1)> world"
    assert caption.select_one("em").get_text() == "world"
    assert not body.select("img[onerror]")
    # raw HTML in the body passes as MyST passes it
    assert body.select_one("b[onclick]").get_text() == "bold"
    assert body.select("div.box script")


def test_raw_html_escape_shows_it_as_text(tmp_path):
    app = build(_raw_html_project(tmp_path, "escape"), "html")
    html = (app.outdir / "calls/post.html").read_text("utf8")
    body = BeautifulSoup(html, "html.parser").select_one("div.body")
    assert not body.select("img[onerror], b, script, div.box")
    text = body.get_text()
    assert "Inline <b onclick=alert(2)>bold</b> here." in text
    assert "<script>alert(3)</script>" in text
    assert "a comment" not in html
    assert not [line for line in warning_lines(app) if "callposts" in line]
