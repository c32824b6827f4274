"""What no file can do: stop the build, leave a page or a feed ill-formed, or escape ``check``."""

from __future__ import annotations

import json
import random
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from .helpers import build, run_check, warning_lines, warnings_of

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
    result = run_check(hostile_project / "calls")
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


#: what the generated posts try to put into the page
INJECTED = "<script>alert('callposts')</script>"
ALIAS_TRICKS = [
    "../../../../outside",
    "/index.html",
    "//evil.example/x",
    "/a/../../../b",
    "/calls/atom.xml/",
    "javascript:alert(1)",
    "/%2e%2e/%2e%2e/encoded",
    "/\u202eevil",
    "/nul\x00byte",
    "C:\\\\windows",
    "/_static/callposts.css",
]


def _hostile_posts(seed: int, count: int) -> dict[str, bytes]:
    """Posts mangled as real files and hostile contributors mangle them."""
    rng = random.Random(seed)
    posts = {}
    for number in range(count):
        aliases = json.dumps(rng.sample(ALIAS_TRICKS, 3))
        text = (
            f'---\ntitle: "Call {number} {INJECTED}"\ndate: 2024-01-{number % 28 + 1:02d}\n'
            f'tags: ["{INJECTED}", "\\u202eright-to-left"]\n'
            f'summary: "{INJECTED}"\naliases: {aliases}\n---\n\n'
            f'# Body {number}\n\nText with {{{{< figure src="a.png" caption="{INJECTED}" >}}}}.\n'
            f'{{{{< youtube id="46nCdVA-rsc" title="{INJECTED}" >}}}}\n'
        ).encode()
        mangle = rng.choice(
            ["truncate", "flip", "bom", "crlf", "nul", "rtl", "huge", "deep", "none"]
        )
        if mangle == "truncate":
            text = text[: rng.randrange(1, len(text))]
        elif mangle == "flip":
            data = bytearray(text)
            for _ in range(4):
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
            text = bytes(data)
        elif mangle == "bom":
            text = b"\xef\xbb\xbf" + text
        elif mangle == "crlf":
            text = text.replace(b"\n", b"\r\n")
        elif mangle == "nul":
            text = text.replace(b"Text", b"Te\x00xt").replace(b"Call", b"Ca\x00ll")
        elif mangle == "rtl":
            text = text.replace(b"Call", "\u202e\u2066Call".encode())
        elif mangle == "huge":
            text += b"x" * 200_000 + b"\n"
        elif mangle == "deep":
            text = text.replace(b"summary:", b"x: " + b"[" * 300 + b"]" * 300 + b"\nsummary:")
        posts[f"p{number}-{mangle}.md"] = text
    return posts


def test_generated_hostile_posts_build_without_harm(tmp_path):
    srcdir = tmp_path / "src"
    (srcdir / "calls").mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf8")
    (srcdir / "index.md").write_text(INDEX, encoding="utf8")
    for name, data in _hostile_posts(20261201, 14).items():
        (srcdir / "calls" / name).write_bytes(data)
    before = set(tmp_path.parent.iterdir())
    app = build(srcdir, "html", builddir=tmp_path / "build")  # raises on a crash
    assert set(tmp_path.parent.iterdir()) == before, "a file outside the output folder"
    assert {path.name for path in tmp_path.iterdir()} == {"src", "build"}
    # a folder may be named so too: an alias /calls/atom.xml/ has its redirect page in it
    output = [p for p in (*app.outdir.rglob("*.html"), *app.outdir.rglob("*.xml")) if p.is_file()]
    assert all(path.resolve().is_relative_to(app.outdir.resolve()) for path in output)
    for path in output:
        text = path.read_text(encoding="utf8")
        assert "<script>alert('callposts')" not in text, path
        if path.suffix == ".xml":
            ET.parse(path)
    messages = warning_lines(app)
    assert not [line for line in messages if "Traceback" in line or "Exception" in line]
    ours = [line for line in messages if "[callposts." in line]
    assert ours, "the hostile posts gave no warning"
    assert all(re.search(r":\d+: WARNING: ", line) for line in ours), ours
    # and check reports them, without a traceback
    checked = run_check(srcdir / "calls")
    assert checked.returncode == 1
    assert "Traceback" not in checked.stderr + checked.stdout
