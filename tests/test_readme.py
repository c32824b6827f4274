"""The README's quick start, followed to the letter in an empty Sphinx project: the
import of a Hugo site and its build, and the same by hand."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from .test_import import HUGO_TOML, PNG, POSTS

README = Path(__file__).parents[1] / "README.md"

#: a fenced block, with the HTML comment that names it, if any, on the line before
_BLOCK = re.compile(
    r"^(?:<!-- (?P<name>[^>]+) -->\n)?(?P<fence>`{3,})(?P<info>\w*)\n(?P<body>.*?)\n(?P=fence)$",
    re.MULTILINE | re.DOTALL,
)


def readme_blocks() -> dict[str, str]:
    """The README's code blocks: named ones by their comment, the conf.py one as ``conf.py``."""
    blocks = {}
    for match in _BLOCK.finditer(README.read_text(encoding="utf-8")):
        body = match["body"]
        name = match["name"] or ("conf.py" if body.startswith("# conf.py") else None)
        if name:
            blocks[name] = body + "\n"
    return blocks


def sphinx_quickstart(srcdir: Path) -> None:
    """An empty project, as ``sphinx-quickstart`` makes it."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx.cmd.quickstart",
            "-q",
            "-p",
            "Calls",
            "-a",
            "Us",
            str(srcdir),
        ],
        check=True,
        capture_output=True,
    )


#: the README's commands, as this Python runs them
_PROGRAMS = {
    "sphinx-callposts": [sys.executable, "-m", "sphinx_callposts"],
    "sphinx-build": [sys.executable, "-m", "sphinx"],
}


def run_readme_block(block: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the one command of a README block, from ``cwd``."""
    [line] = [line for line in block.splitlines() if line.strip()]
    program, *args = shlex.split(line)
    return subprocess.run(
        [*_PROGRAMS[program], *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def hugo_site_beside_docs(tmp_path: Path) -> Path:
    """A Hugo site (``website``) beside a project whose docs sphinx-quickstart made."""
    site = tmp_path / "website"
    (site / "hugo.toml").parent.mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_TOML, encoding="utf8")
    for name, text in POSTS.items():
        (site / "content/blog" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "content/blog" / name).write_text(text, encoding="utf8")
    (site / "static/img").mkdir(parents=True)
    (site / "static/img/board.png").write_bytes(PNG)
    project = tmp_path / "project"
    sphinx_quickstart(project / "docs")
    return project


def test_the_readme_import_then_build_works_without_a_warning(tmp_path):
    """Install (done), import, build: a Hugo site beside docs that sphinx-quickstart made."""
    blocks = readme_blocks()
    project = hugo_site_beside_docs(tmp_path)

    imported = run_readme_block(blocks["import"], project)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    built = run_readme_block(blocks["build"], project)
    assert built.returncode == 0, built.stderr
    assert "WARNING" not in built.stderr, built.stderr

    out = project / "docs/_build/html"
    # a page at the path Hugo gave it, and the permalink Hugo served another one at
    assert "March call" in (out / "blog/2024/march/index.html").read_text(encoding="utf8")
    refresh = (out / "blog/2024/01/18/jan/index.html").read_text(encoding="utf8")
    assert 'content="0; url=../../../january/"' in refresh  # to blog/2024/january/
    assert 'href="blog/"' in (out / "index.html").read_text(encoding="utf8")


def test_the_readme_new_call_after_the_import_is_upcoming(tmp_path):
    """`new` from the same folder as the import: it finds docs/ and prints the path."""
    blocks = readme_blocks()
    project = hugo_site_beside_docs(tmp_path)
    assert run_readme_block(blocks["import"], project).returncode == 0

    started = run_readme_block(blocks["new"], project)
    assert started.returncode == 0, started.stderr
    path = started.stdout.strip()
    assert path.startswith("docs/blog/2030/"), path
    assert (project / path).is_file()
    built = run_readme_block(blocks["build"], project)
    assert "WARNING" not in built.stderr, built.stderr
    page = project / "docs/_build/html" / path.removeprefix("docs/").removesuffix(".md")
    html = (page.parent if page.name == "index" else page).joinpath("index.html")
    assert "Upcoming" in html.read_text(encoding="utf8")


@pytest.mark.parametrize("index", ["index.rst", "index.md"])
def test_the_readme_example_builds_without_a_warning(tmp_path, index):
    blocks = readme_blocks()
    assert set(blocks) == {
        "conf.py",
        "toctree",
        "community/calls/_index.md",
        "community/calls/2022-10-06-cilium.md",
        "import",
        "build",
        "new",
    }
    del blocks["import"], blocks["build"], blocks["new"]
    srcdir = tmp_path / "docs"
    sphinx_quickstart(srcdir)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(blocks.pop("conf.py"))
    toctree = blocks.pop("toctree")
    if index == "index.md":
        (srcdir / "index.rst").unlink()
        (srcdir / "index.md").write_text(f"# Calls\n\n{toctree}", encoding="utf-8")
    else:  # "the line community/calls/_index under .. toctree::"
        [entry] = re.findall(r"^(community/\S+)$", toctree, re.MULTILINE)
        rst = (srcdir / "index.rst").read_text(encoding="utf-8")
        rst = re.sub(r"(\.\. toctree::\n(?:   :.*\n)*)", rf"\1\n   {entry}\n", rst)
        (srcdir / "index.rst").write_text(rst, encoding="utf-8")
    for name, text in blocks.items():
        (srcdir / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / name).write_text(text, encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-b", "html", str(srcdir), str(srcdir / "_build")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    html = (srcdir / "_build/community/calls/2022-10-06-cilium.html").read_text(encoding="utf-8")
    assert 'datetime="2022-10-06"' in html
    assert "Community Call - Cilium / Isovalent Presentation" in html
    navigation = (srcdir / "_build/index.html").read_text(encoding="utf-8")
    assert 'href="community/calls/_index.html"' in navigation
