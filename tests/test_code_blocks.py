"""Code blocks in posts show as Hugo shows them: no warning about their language."""

from __future__ import annotations

from .helpers import body, build, warning_lines

CONF = """\
extensions = ["myst_parser", "sphinx_callposts"]
callposts_pattern = ["blog/**"]
show_warning_types = True
"""
BLOCKS = """
```plain
plain text, as Hugo's highlighter names it
```

```shell+
$ make
```

```yaml
key:
\tindented: with a tab
```
"""


def make_project(path):
    (path / "blog").mkdir(parents=True)
    (path / "conf.py").write_text(CONF, encoding="utf-8")
    (path / "index.md").write_text(
        "# Home\n\n```{toctree}\nblog/post\npage\n```\n", encoding="utf-8"
    )
    (path / "blog" / "post.md").write_text(
        "---\ntitle: A post\ndate: 2024-03-14\n---\n" + BLOCKS, encoding="utf-8"
    )
    (path / "page.md").write_text("# A page\n" + BLOCKS, encoding="utf-8")
    return path


def test_a_posts_code_blocks_never_warn_and_show_their_text(tmp_path):
    app = build(make_project(tmp_path / "src"), builddir=tmp_path / "out")
    warned = [line for line in warning_lines(app) if "highlighting_failure" in line]
    # the page that is no post keeps Sphinx's checks: its three blocks warn
    assert warned and all("page.md" in line for line in warned), warned
    post = body(app, "blog/post")
    blocks = [block.get_text() for block in post.select("div.highlight pre")]
    assert blocks == [
        "plain text, as Hugo's highlighter names it\n",
        "$ make\n",
        "key:\n\tindented: with a tab\n",
    ]
    # a known language is still highlighted
    assert post.select("div.highlight-yaml pre span")
