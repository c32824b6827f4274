"""Every ``callposts_*`` value of a wrong type or out of range: a ``callposts.config``
warning at its ``conf.py`` line, and the build goes on with the default."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_callposts.core.conf import Project, value_to_use
from sphinx_callposts.sphinx.config import CONFIG_VALUES

from .helpers import build, page, warning_lines, warnings_of

CONF = """\
extensions = ["myst_parser", "sphinx_callposts"]
project = "Config test"
show_warning_types = True
html_baseurl = "https://example.org/"
exclude_patterns = ["_build"]
"""
PATTERN = 'callposts_pattern = ["calls/**"]\n'
INDEX = "# Home\n\n```{callposts}\n```\n\n```{toctree}\n:glob:\ncalls/*\n```\n"
POST = """\
---
title: The call
date: 2024-03-07T15:00:00
tags: [release]
authors: [{name: Ada, email: ada@example.org}]
aliases: [/old/call/]
youtube: dQw4w9WgXcQ
---

Notes of the call, {{< param title >}}.

{{< youtube dQw4w9WgXcQ >}}
"""

#: name -> values each of which must be refused
BAD: dict[str, list[object]] = {
    "callposts_pattern": [5, ["calls/**", 5], None],
    "callposts_drafts": ["yes", None],
    "callposts_show_emails": [1],
    "callposts_avatars": ["some", 5],
    "callposts_date_format": [5, None],
    "callposts_presenters_heading": [None, ["Presenters"]],
    "callposts_shortcodes": ["no"],
    "callposts_shortcode_handlers": [["x"], {"x": 5}, {5: "m:f"}],
    "callposts_youtube": ["embed", None],
    "callposts_youtube_thumbnails": ["true"],
    "callposts_future": [None, "later"],
    "callposts_redirects": [0],
    "callposts_redirect_files": ["netlify", ["netlify", "iis"], [5]],
    "callposts_tags_url": [None, "../../x", "/abs", "a/../../b", "a\\b", "a\x01b", "a//b", 5],
    "callposts_people_url": [5, "../x", "C:/x", "x/."],
    "callposts_people": [
        ["Rado"],
        {"rado": 5},
        {"rado": {"nmae": "Rado"}},
        {"rado": {"aliases": [5]}},
        {"rado": {"url": "javascript:alert(1)"}},
    ],
    "callposts_neighbours": ["yes", 1, None, "off"],
    "callposts_timezone": [5, "Mars/Olympus", "../../etc/passwd"],
    "callposts_call_duration": ["90", 0, -5, True, 10**9, 1.5],
    "callposts_raw_html": ["strip"],
    "callposts_linkify": ["yes", 1, None],
    "callposts_heading_ids": ["GitHub", "", True, None, 5],
    "callposts_permalinks": [
        "/:slug/",
        {"calls": 5},
        {"calls": "/../../x/:slug/"},
        {"page": {"calls": ["/:slug/"]}},
    ],
    "callposts_site_url": [
        "javascript:alert(1)//",
        "ftp://example.org/",
        "example.org",
        "//example.org/",
        "https://exa mple.org/",
        5,
    ],
    "callposts_hugo_paths": ["blog", {"calls": 5}, {"calls": "../blog"}, {"a\\b": "blog"}],
    "callposts_embed_paths": ["../hugo", [5], ["a\x00b"]],
    "callposts_static": ["../static", [5], ["a\x00b"]],
    "callposts_listing_terms": ["10", 0, -1, True, 2.5],
    "callposts_calls": [5, [5], [""], {"name": "x"}, {}, {"tags": [5]}, {"title": 5}, None],
    "callposts_calendar": ["no", 0, None],
    "callposts_organizer": [
        5,
        ["The project"],
        {"url": "https://example.org/"},
        {"name": " "},
        {"name": "P", "url": "javascript:alert(1)"},
        {"name": "P", "logo": "x.png"},
        {"name": "P", "url": 5},
    ],
    "callposts_feeds": ["tags", ["tags", "authors"], [5], None],
    "callposts_feed_length": ["20", 0, -1, True, 2.5],
    "callposts_cjk": ["yes", 1, None],
    "callposts_translations": [
        "de",
        {"de": 5},
        {"de": ""},
        {"de": "javascript:alert(1)"},
        {"../x": "https://example.org/de/"},
    ],
    "callposts_content_language": ["", 5, "english language", "../en"],
    "callposts_content_language_in_subdir": ["yes", 1, None],
    "callposts_disable_path_to_lower": ["yes", 1, None],
}
CASES = [
    pytest.param(name, value, id=f"{name.removeprefix('callposts_')}={value!r}")
    for name, values in BAD.items()
    for value in values
]

#: values that are fine, though unusual: (value, the value used)
GOOD: dict[str, list[tuple[object, object]]] = {
    "callposts_pattern": [("calls/**", ["calls/**"]), (("calls/**",), ["calls/**"])],
    "callposts_tags_url": [("", ""), ("community/tags", "community/tags"), ("tags/", "tags/")],
    "callposts_people_url": [(" people ", " people "), ("team.people", "team.people")],
    "callposts_heading_ids": [(False, False), ("github-ascii", "github-ascii")],
    "callposts_people": [
        ({"rado": "Rado Hubenov"}, {"rado": "Rado Hubenov"}),
        ({"rado": ("Rado Hubenov", "https://rado.example/")},) * 2,
    ],
    "callposts_neighbours": [(True, True), (False, False), ("auto", "auto")],
    "callposts_permalinks": [
        ({"calls": "/:section/:slug/"}, {"calls": "/:section/:slug/"}),
        ({"page": {"calls": "/:slug/"}}, {"page": {"calls": "/:slug/"}}),
    ],
    "callposts_site_url": [
        ("", ""),
        ("https://example.org/", "https://example.org/"),
        (" http://example.org/old/ ", "http://example.org/old/"),
    ],
    "callposts_hugo_paths": [({"/community/calls/": "/blog/"}, {"community/calls": "blog"})],
    "callposts_timezone": [("Europe/Berlin", "Europe/Berlin"), ("utc", "utc")],
    "callposts_call_duration": [(1, 1), (7 * 24 * 60, 7 * 24 * 60)],
    "callposts_embed_paths": [([], []), (("../hugo",), ["../hugo"])],
    "callposts_listing_terms": [(1, 1), (1000, 1000)],
    "callposts_feeds": [(["people", "tags", "people"], ["people", "tags"]), ((), [])],
    "callposts_feed_length": [(1, 1), (None, None)],
    "callposts_organizer": [
        (" The  project ", "The project"),
        ({"name": "P"}, {"name": "P", "url": ""}),
        ({"name": "P", "url": " https://p.example/ "}, {"name": "P", "url": "https://p.example/"}),
    ],
    "callposts_calls": [
        ("calls/**", ["calls/**"]),
        ({"title": "Community Call*"}, [{"title": "Community Call*"}]),
        (("a/*", {"tags": "call"}), ["a/*", {"tags": "call"}]),
    ],
}


def make_project(root: Path, setting: str) -> Path:
    srcdir = root / "src"
    (srcdir / "calls").mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF + PATTERN + setting, encoding="utf8")
    (srcdir / "index.md").write_text(INDEX, encoding="utf8")
    (srcdir / "calls" / "2024-03-07-call.md").write_text(POST, encoding="utf8")
    return srcdir


def output(app) -> tuple[set[str], str, str, list[tuple[str, int, str]]]:
    """What a build wrote: its files, the post's and the home page's bodies, its warnings."""
    files = {
        path.relative_to(app.outdir).as_posix()
        for path in app.outdir.rglob("*")
        if path.is_file() and path.name != ".buildinfo"
    }
    post = app.outdir / "calls" / "2024-03-07-call.html"
    return (
        files,
        str(page(app, "calls/2024-03-07-call").select_one("div.body")) if post.exists() else "",
        str(page(app, "index").select_one("div.body")),
        [found for found in warnings_of(app) if found[2] != "callposts.config"],
    )


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The output of the project with each value left at its default, by name."""
    built: dict[str, tuple] = {}

    def output_with_default(name: str) -> tuple:
        # the project sets callposts_pattern: its default is the unset value
        key = "pattern" if name == "callposts_pattern" else ""
        if key not in built:
            setting = "callposts_pattern = []\n" if key else ""
            app = build(make_project(tmp_path_factory.mktemp("reference"), setting))
            assert key or not warning_lines(app), warning_lines(app)
            built[key] = output(app)
        return built[key]

    return output_with_default


@pytest.mark.parametrize(("name", "value"), CASES)
def test_a_bad_value_warns_and_the_default_is_used(tmp_path, reference, name, value):
    setting = f"\n{name} = {value!r}\n"
    app = build(make_project(tmp_path, setting))
    line = len((CONF + PATTERN).splitlines()) + 2
    found = [found for found in warnings_of(app) if found[2] == "callposts.config"]
    assert found == [("conf.py", line, "callposts.config")], warning_lines(app)
    (warning,) = [line for line in warning_lines(app) if "callposts.config" in line]
    assert name in warning
    assert "using" in warning
    assert getattr(app.config, name) == CONFIG_VALUES[name][0]
    assert output(app) == reference(name)


def test_every_value_has_a_bad_case():
    assert set(BAD) == set(CONFIG_VALUES)


@pytest.mark.parametrize(
    ("name", "value", "used"),
    [
        pytest.param(name, value, used, id=f"{name}={value!r}")
        for name, values in GOOD.items()
        for value, used in values
    ],
)
def test_a_good_value_is_used_in_its_normal_form(name, value, used):
    assert value_to_use(name, value) == (used, None)


def test_a_value_set_on_the_command_line_warns_without_a_line(tmp_path):
    overrides = {"callposts_call_duration": "0", "callposts_tags_url": "../x"}
    app = build(make_project(tmp_path, ""), confoverrides=overrides)
    lines = warning_lines(app)
    assert len(lines) == 2, lines
    assert all(line.startswith("WARNING: callposts_") for line in lines), lines
    assert all(line.endswith("[callposts.config]") for line in lines), lines
    assert (app.config.callposts_call_duration, app.config.callposts_tags_url) == (60, "tags")


def test_check_reads_conf_py_as_the_build_does(tmp_path):
    srcdir = make_project(tmp_path, '\ncallposts_pattern = 5\ncallposts_tags_url = "../x"\n')
    project = Project.load(srcdir)
    assert project.patterns == []
    assert project.get("callposts_tags_url", "tags") == "tags"
    assert project.get("callposts_drafts", False) is False
    lines = len((CONF + PATTERN).splitlines())
    assert [line for line, _message in project.config_problems()] == [lines + 2, lines + 3]
    assert all("using" in message for _line, message in project.config_problems())
