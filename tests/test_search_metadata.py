"""What a search engine and a social card read: listing descriptions, articles, organizers.

Listing pages are described by their section, else by what they list, never by their
table's text; posts are Open Graph articles with their dates and tags; the JSON-LD has
the post's image and modification date, and an event its organizer and image.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .helpers import ROOTS, build, page, serial_and_parallel, warning_lines
from .test_incremental import assert_same_output

PNG = ROOTS / "test-posts" / "blog" / "2022" / "call-october" / "diagram.png"
BASE = "https://example.org/"
CONF = """\
extensions = ["myst_parser", "sphinx_callposts", "sphinxext.opengraph"]
project = "Calls"
html_baseurl = "https://example.org/"
ogp_site_url = "https://example.org/"
callposts_pattern = ["blog/**", "news/**"]
callposts_calls = [{"title": "Community Call*"}]
exclude_patterns = ["_build"]
show_warning_types = True
"""
INDEX = """\
# Home

```{toctree}
:glob:
blog/_index
news/_index
table
all
```
"""
TABLE = """\
---
description: Every call in one table.
---
# Table

```{callposts}
:section: blog
:style: table
```
"""
PAGES = {
    "blog/_index.md": "---\ntitle: Blog\ndescription: The project's calls, <em>every</em> month.\n---\n",
    "blog/2024/_index.md": "---\ntitle: '2024'\n---\n",
    "news/_index.md": "---\ntitle: News\n---\n",
    "blog/2024/march.md": """\
---
title: Community Call - March
date: 2024-03-07
lastmod: 2024-03-20T10:00:00Z
tags: [scheduler, release]
---

The diagram:

![the scheduler](diagram.png)
""",
    "blog/2024/april.md": """\
---
title: Community Call - April
date: 2024-04-04
recording: 46nCdVA-rsc
---

Only the recording.
""",
    "blog/2027-next.md": """\
---
title: Community Call - Next
date: 2027-01-21T16:00:00Z
join: https://meet.example/next
---

![a map](https://cdn.example/map.png)
""",
    "news/one.md": "---\ntitle: Release 1.0\ndate: 2024-02-01\n---\n\nReleased.\n",
    "news/two.md": "---\ntitle: Release 1.1\ndate: 2024-05-01\n---\n\nReleased.\n",
}


def write_project(root: Path) -> Path:
    srcdir = root / "src"
    everything = "# All\n\n```{callposts}\n```\n"
    files = {"conf.py": CONF, "index.md": INDEX, "table.md": TABLE, "all.md": everything}
    for name, text in {**files, **PAGES}.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf8")
    shutil.copy(PNG, srcdir / "blog" / "2024" / "diagram.png")
    return srcdir


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return build(write_project(tmp_path_factory.mktemp("search")), freshenv=True)


def meta(app, path: str, name: str) -> list[str]:
    """The contents of a page's ``<meta name=...>`` or ``<meta property=...>`` tags."""
    soup = page(app, path)
    tags = soup.select(f'meta[name="{name}"]') or soup.select(f'meta[property="{name}"]')
    return [tag["content"] for tag in tags]


def linked_data(app, path: str) -> dict[str, dict]:
    [script] = page(app, path).select('script[type="application/ld+json"]')
    return {item["@type"]: item for item in json.loads(script.string)["@graph"]}


def test_it_builds_without_warnings(app):
    assert warning_lines(app) == []


def test_a_section_page_is_described_by_its_section(app):
    # as text: the HTML of the front matter's description is read as a reader sees it
    assert meta(app, "blog/_index", "description") == ["The project's calls, every month."]
    assert meta(app, "blog/_index", "og:description") == ["The project's calls, every month."]


def test_a_section_without_a_description_says_what_it_lists(app):
    # never the table's text ("Topic, Speakers, Date...")
    assert meta(app, "blog/2024/_index", "description") == ["2 calls of Calls"]
    assert meta(app, "blog/2024/_index", "og:description") == ["2 calls of Calls"]
    # a page's own front matter describes it too
    assert meta(app, "table", "description") == ["Every call in one table."]
    assert meta(app, "news/_index", "description") == ["2 posts of Calls"]
    # the upcoming call counts too
    assert meta(app, "all", "description") == ["5 posts of Calls, 3 of them calls"]


def test_a_post_is_an_article_with_its_dates_and_tags(app):
    path = "blog/2024/march"
    assert meta(app, path, "og:type") == ["article"]
    assert meta(app, path, "article:published_time") == ["2024-03-07T00:00:00+00:00"]
    assert meta(app, path, "article:modified_time") == ["2024-03-20T10:00:00+00:00"]
    assert meta(app, path, "article:tag") == ["scheduler", "release"]
    # without a lastmod, modified when published
    assert meta(app, "blog/2024/april", "article:modified_time") == ["2024-04-04T00:00:00+00:00"]
    # a listing page stays a website
    assert meta(app, "blog/_index", "og:type") == ["website"]


def test_blog_posting_has_its_image_and_modification_date(app):
    article = linked_data(app, "blog/2024/march")["BlogPosting"]
    assert article["dateModified"] == "2024-03-20T10:00:00+00:00"
    # the post's first image, where the build copied it, as an absolute URL
    assert article["image"] == BASE + "_images/diagram.png"
    assert (app.outdir / "_images/diagram.png").is_file()
    assert meta(app, "blog/2024/march", "og:image") == [article["image"]]
    # no image of its own: its recording's poster
    april = linked_data(app, "blog/2024/april")
    assert april["BlogPosting"]["image"] == "https://i.ytimg.com/vi/46nCdVA-rsc/hqdefault.jpg"
    assert april["BlogPosting"]["dateModified"] == "2024-04-04T00:00:00+00:00"


def test_the_event_has_the_project_as_organizer_and_an_image(app):
    event = linked_data(app, "blog/2027-next")["Event"]
    assert event["organizer"] == {"@type": "Organization", "name": "Calls", "url": BASE}
    assert event["image"] == "https://cdn.example/map.png"


@pytest.mark.parametrize(
    ("organizer", "expected"),
    [
        ("The Gardener project", {"@type": "Organization", "name": "The Gardener project"}),
        (
            {"name": "Gardener", "url": "https://gardener.cloud/"},
            {"@type": "Organization", "name": "Gardener", "url": "https://gardener.cloud/"},
        ),
    ],
)
def test_callposts_organizer_names_the_organizer(tmp_path, organizer, expected):
    app = build(
        write_project(tmp_path), freshenv=True, confoverrides={"callposts_organizer": organizer}
    )
    assert linked_data(app, "blog/2027-next")["Event"]["organizer"] == expected


def test_a_parallel_build_gives_the_same_files(tmp_path):
    srcdir = write_project(tmp_path)
    serial, parallel = serial_and_parallel(srcdir, tmp_path)
    assert_same_output(parallel.outdir, serial.outdir)
    # the section's description, read in another process
    assert meta(parallel, "blog/_index", "description") == ["The project's calls, every month."]
