"""The README's quick start, followed to the letter in an empty Sphinx project."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("index", ["index.rst", "index.md"])
def test_the_readme_example_builds_without_a_warning(tmp_path, index):
    blocks = readme_blocks()
    assert set(blocks) == {
        "conf.py",
        "toctree",
        "community/calls/_index.md",
        "community/calls/2022-10-06-cilium.md",
    }
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
