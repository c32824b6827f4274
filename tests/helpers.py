"""What the tests read off a build: pages, warnings, fresh copies of the test roots."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path, PurePosixPath

from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

ROOTS = Path(__file__).parent / "roots"

_COLOURS = re.compile(r"\x1b\[[0-9;]*m")
_LOCATED = re.compile(r"([^/\s]+):(\d+): WARNING: .*\[([\w.]+)\]$")


def page(app, path: str) -> BeautifulSoup:
    """A page of the output, parsed; ``.html`` is added to a path without a suffix."""
    if not PurePosixPath(path).suffix:
        path += ".html"
    return BeautifulSoup((app.outdir / path).read_text(encoding="utf8"), "html.parser")


def body(app, path: str):
    """The main content of a page (the ``div.body`` of Sphinx's basic theme)."""
    return page(app, path).select_one("div.body")


def warning_lines(app) -> list[str]:
    """The warning lines of a build, without colours.

    MyST-Parser 4 on Sphinx 7.4 names the file of its own warnings ``page.md.rst``:
    read as ``page.md``, as later releases print it.
    """
    text = _COLOURS.sub("", app.warning.getvalue())
    return text.replace(".md.rst:", ".md:").splitlines()


def warnings_of(app) -> list[tuple[str, int, str]]:
    """``(file name, line, type)`` of each located, typed warning of a build."""
    return [
        (match[1], int(match[2]), match[3])
        for line in warning_lines(app)
        if (match := _LOCATED.search(line))
    ]


def extension_warnings(app) -> list[str]:
    """The extension's warning lines, but the Gardener corpus's own three subtitles whose
    date is not their post's (``callposts.subtitle``), which every build of it gives."""
    return [
        line
        for line in warning_lines(app)
        if "callposts" in line and "[callposts.subtitle]" not in line
    ]


def copy_root(name: str, destination: Path) -> Path:
    """A fresh copy of ``tests/roots/test-NAME`` in ``destination/src``."""
    srcdir = destination / "src"
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    return srcdir


#: the conf.py of a project of calls among blog posts, in blog/
CALLS_CONF = """\
extensions = ["myst_parser", "sphinx_callposts"]
project = "Calls"
html_baseurl = "https://example.org/"
callposts_pattern = ["blog/**"]
callposts_calls = [{"title": "Community Call*"}]
exclude_patterns = ["_build"]
show_warning_types = True
"""


#: 2026-01-01: "now" of every build here, so the 2027 call is upcoming
EPOCH = "1767225600"


def build(
    srcdir: Path,
    builder: str = "html",
    builddir: Path | None = None,
    events: dict | None = None,
    epoch: str = EPOCH,
    **kwargs,
) -> SphinxTestApp:
    """Build a project at the fixed "now".

    The app is cleaned up at once (its output and environment stay readable), so
    that the builds of a module do not see each other's registrations.

    :param events: ``event -> handler`` to connect before the build
    :param epoch: ``SOURCE_DATE_EPOCH``, the build's "now"
    """
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        app = SphinxTestApp(
            builder,
            srcdir=srcdir,
            builddir=builddir,
            status=StringIO(),
            warning=StringIO(),
            **kwargs,
        )
        for event, handler in (events or {}).items():
            app.connect(event, handler)
        try:
            app.build()
        finally:
            app.cleanup()
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
    return app


def serial_and_parallel(srcdir: Path, tmp_path: Path) -> tuple[SphinxTestApp, SphinxTestApp]:
    """The project built from scratch with ``-j 1`` and with ``-j 2``."""
    serial = build(srcdir, builddir=tmp_path / "serial", freshenv=True)
    parallel = build(srcdir, builddir=tmp_path / "parallel", freshenv=True, parallel=2)
    assert parallel.parallel == 2
    return serial, parallel


def stable_pformat(pformat: str) -> str:
    """A doctree's text form that reads the same across docutils releases.

    docutils 0.22 prints boolean attributes as 0 and 1, earlier releases as False and True.
    """
    return re.sub(r'="(True|False)"', lambda m: '="1"' if m[1] == "True" else '="0"', pformat)


def make_site(root: Path) -> Path:
    """A repository whose docs hold community calls where its conf.py says they are."""
    docs = root / "docs"
    calls = docs / "community" / "calls"
    (calls / "2024").mkdir(parents=True)
    (docs / "conf.py").write_text(
        "import sys\nfrom pathlib import Path\n\n"
        "sys.path.insert(0, str(Path(__file__).parent))\n\n"
        'extensions = ["sphinx_callposts"]\n'
        'callposts_pattern = ["community/calls/**"]\n'
        'callposts_shortcode_handlers = {"slides": "site_shortcodes:slides"}\n'
        'exclude_patterns = ["_build", "drafts", "README.md"]\n'
        'if tags.has("never"):\n    raise SystemExit("tags are Sphinx\'s, none set")\n',
        encoding="utf-8",
    )
    (docs / "site_shortcodes.py").write_text(
        "def slides(shortcode):\n    return '[the slides](https://example.org/slides)'\n",
        encoding="utf-8",
    )
    (calls / "_index.md").write_text("---\ntitle: Calls\n---\n", encoding="utf-8")
    (calls / "2024" / "_index.md").write_text("---\ntitle: '2024'\n---\n", encoding="utf-8")
    (calls / "2024" / "march.md").write_text(
        "---\ntitle: March call\ndate: 2024-03-07\n---\n\n{{< slides >}}\n", encoding="utf-8"
    )
    (calls / "2024" / "april.md").write_text(
        "---\ntitle: April call\ndate: 2024-04-04\n---\n\nNotes.\n", encoding="utf-8"
    )
    # stray shortcodes in files the build never reads
    (root / "README.md").write_text("The site, with a stray {{< foo >}}.\n", encoding="utf-8")
    stray = "---\ntitle: Not a post\n---\n\n{{< foo >}}\n"
    for path in (docs / "README.md", docs / "drafts" / "x.md"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(stray, encoding="utf-8")
    return docs


def run_program(*args: Path | str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m sphinx_callposts ARGS``, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "sphinx_callposts", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def run_check(*args: Path | str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_program("check", *args, cwd=cwd)
