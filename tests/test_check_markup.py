"""``check`` reads the directives and roles of a page as the build does: same file, line, type."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_callposts import page_directives
from sphinx_callposts.core.listing_options import listing_problems
from sphinx_callposts.core.post import read_post
from sphinx_callposts.core.video import video_problems
from sphinx_callposts.page_directives import markup_problems
from sphinx_callposts.page_markup import page_markup_problems

from .helpers import build, run_check, warning_lines

#: a warning about the extension's directives and roles, by the build or by check
_FOUND = re.compile(
    r"([^/\s]+):(\d+): (?:(?:WARNING|ERROR): )?(.*\[(?:callposts\.[\w-]+|myst\.[\w-]+|docutils)\])$"
)

PAGES = {
    "index.md": """\
# Home

```{toctree}
:glob:
*
calls/*
```
""",
    "listings.md": """\
# Listings

```{callposts}
:section: ../outside
:from: 2024-05-01
:until: 2024-01-01
```

```{callposts}
:from: 2024-05-01
:until: 2024-01-01
:limit: many
:style: grid
```

```{callposts}
:columns: topic, nothing
```
""",
    "nested.md": """\
# Nested

- an item

  ```{youtube} not-an-id
  ```

> ```{callposts-youtube}   46nCdVA-rsc
> :end: 10
> :start: 1:00
> ```

A paragraph of two lines, the role
on the second {youtube-embed}`Title <https://vimeo.com/1>` and {youtube}`46nCdVA-rsc`.

````md
```{youtube} in-a-code-block
```
````

    ```{youtube} indented-code
    ```

```{youtube}
```

```{youtube} 46nCdVA-rsc
:class:
:controls: sometimes
```
""",
    "shortcodes.md": """\
# Shortcodes

{{< highlight md >}}
```{youtube} hidden-in-a-code-block
```
{{< /highlight >}}

{{< youtube id="46nCdVA-rsc" loading="never" >}}

```{youtube} after-the-shortcodes
```
""",
    "calls/a.md": """\
---
title: A call
date: 2024-01-02
---

{youtube}`no-id`

```{callposts}
:section: ../../outside
```

```{callposts}
:section: ..
```
""",
}


def write_project(srcdir: Path) -> None:
    (srcdir / "calls").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_callposts"]\n'
        'callposts_pattern = ["calls/**"]\nshow_warning_types = True\n'
        'html_baseurl = "https://example.org/"\n'
    )
    for name, text in PAGES.items():
        (srcdir / name).write_text(text)


def markup_warnings(lines: list[str]) -> set[tuple[str, int, str]]:
    return {
        (match[1], int(match[2]), match[3])
        for line in lines
        if (match := _FOUND.search(line)) and not match[3].endswith("[myst.toc]")
    }


def test_check_reads_directives_and_roles_as_the_build(tmp_path):
    srcdir = tmp_path / "src"
    write_project(srcdir)
    app = build(srcdir, "html", builddir=tmp_path / "build")
    warned = markup_warnings(warning_lines(app))
    result = run_check(srcdir)
    assert "Traceback" not in result.stderr, result.stderr
    reported = markup_warnings(result.stdout.splitlines())
    # MyST-Parser 5 puts an option's own problems at its line, MyST-Parser 4 at the
    # directive's: those lines are left out here, and compared below, whichever it is
    assert {(name, line) for name, line, _message in warned} >= {
        ("listings.md", 3), ("listings.md", 9), ("nested.md", 5), ("nested.md", 8),
        ("nested.md", 13), ("nested.md", 24), ("nested.md", 27), ("shortcodes.md", 10),
        ("a.md", 6), ("a.md", 8),
    }  # fmt: skip
    assert reported == warned


def test_directive_problems_are_the_builds_messages():
    assert video_problems("not-an-id") == ["'not-an-id' is not a YouTube video id or URL"]
    assert video_problems("Title <46nCdVA-rsc>", {"end": "5", "start": "10"}) == [
        "youtube option 'end' is not after the start; ignored"
    ]
    # the URL's start counts when the option does not give one
    assert video_problems("https://youtu.be/46nCdVA-rsc?t=60", {"end": "30"})
    assert video_problems("46nCdVA-rsc", {"autoplay": "", "loading": "eager"}) == []
    assert listing_problems({"section": "../x"}, "index") == [
        ":section: '../x' is outside the documentation"
    ]
    assert listing_problems({"section": "../x"}, "calls/a") == []
    assert listing_problems({"section": "../x"}, None) == []


def test_front_matter_and_shortcodes_keep_the_lines():
    text = PAGES["calls/a.md"]
    front, post, _problems = read_post("calls/a", text)
    assert [line for line, _message in page_markup_problems(text, front, post)] == [6]
    found = page_markup_problems(text, front, post, docname="calls/a")
    assert [line for line, _message in found] == [6, 8]
    text = PAGES["shortcodes.md"]
    front, post, _problems = read_post("shortcodes", text)
    assert [line for line, _message in page_markup_problems(text, front, post)] == [10]
    unrewritten = page_markup_problems(text, front, post, shortcodes=False)
    assert [line for line, _message in unrewritten] == [4, 10]


def test_a_page_without_the_markup_is_not_parsed(monkeypatch):
    def no_parser() -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(page_directives, "markdown_parser", no_parser)
    body = "# Title\n\n" + "Some {note}`text` and ```{code}```.\n" * 100
    assert list(markup_problems(body)) == []


@pytest.mark.parametrize("module", ["sphinx_callposts.page_directives", "sphinx_callposts.check"])
def test_check_reads_pages_without_sphinx(module):
    code = f"import sys, {module}; print(any(m.split('.')[0] == 'sphinx' for m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
