"""``sphinx-callposts new``: the next call's post, where the project keeps them, then built."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from .helpers import body, build, run_program, warning_lines

CONF = (
    'extensions = ["sphinx_callposts"]\ncallposts_pattern = ["blog/**"]\n'
    'html_baseurl = "https://example.org/"\n'
)
INDEX = "# Home\n\n```{toctree}\nblog/_index\n```\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    srcdir = tmp_path / "site" / "docs"
    (srcdir / "blog" / "2024" / "05").mkdir(parents=True)
    (srcdir / "conf.py").write_text(CONF, encoding="utf8")
    (srcdir / "index.md").write_text(INDEX, encoding="utf8")
    (srcdir / "blog" / "_index.md").write_text("---\ntitle: Calls\n---\n", encoding="utf8")
    (srcdir / "blog" / "2024" / "05" / "may.md").write_text(
        "---\ntitle: May call\npublishdate: 2024-05-02\nspeakers: [A]\ntags: [x]\n---\nHi.\n",
        encoding="utf8",
    )
    (srcdir / "blog" / "2023.md").write_text(
        "---\ntitle: Older call\ndate: 2023-01-05\n---\nOld.\n", encoding="utf8"
    )
    return srcdir


def new(srcdir: Path, *args: str):
    return run_program("new", *args, cwd=srcdir)


def test_the_new_call_is_upcoming_with_its_time_and_join_link(project):
    result = new(
        project, "Planning 2027", "--date", "2027-01-21", "--time", "16:00",
        "--join", "https://meet.example.org/planning", "--presenter", "Jane Doe",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    path = project / result.stdout.strip()
    # beside the newest post, in the folders of its year and month moved to the call's
    assert path == project / "blog" / "2027" / "01" / "2027-01-21-planning-2027.md"
    front = yaml.safe_load(path.read_text(encoding="utf8").split("---")[1])
    # the keys the newest post uses: publishdate and speakers
    assert front == {
        "title": "Planning 2027",
        "publishdate": yaml.safe_load("2027-01-21 16:00:00"),
        "speakers": ["Jane Doe"],
        "join": "https://meet.example.org/planning",
    }
    app = build(project, "html")
    assert warning_lines(app) == []
    header = body(app, "blog/2027/01/2027-01-21-planning-2027").select_one("div.callpost-header")
    assert header.select_one("time.callpost-date")["datetime"] == "2027-01-21T16:00:00+00:00"
    assert header.select_one(".callpost-upcoming").get_text() == "Upcoming"
    assert header.select_one("a.callpost-join")["href"] == "https://meet.example.org/planning"
    assert "Jane Doe" in header.select_one(".callpost-presenters").get_text()


def test_an_existing_post_is_never_overwritten(project):
    args = ("Planning 2027", "--date", "2027-01-21")
    assert new(project, *args).returncode == 0
    path = project / "blog" / "2027" / "01" / "2027-01-21-planning-2027.md"
    path.write_text("---\ntitle: Mine\n---\n", encoding="utf8")
    result = new(project, *args)
    assert result.returncode == 1
    assert "exists already" in result.stdout
    assert path.read_text(encoding="utf8") == "---\ntitle: Mine\n---\n"


def test_a_leaf_bundle_makes_a_bundle_and_an_archetype_gives_the_keys(project):
    bundle = project / "blog" / "2025" / "spring"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text("---\ntitle: Spring\ndate: 2025-04-01\n---\nHi.\n")
    archetypes = project.parent / "archetypes"
    archetypes.mkdir()
    (archetypes / "blog.md").write_text(
        '---\ntitle: "{{ replace .Name "-" " " | title }}"\ndate: {{ .Date }}\n'
        "tags: []\npresenters: []\ndraft: true\n---\n"
    )
    result = new(project, "Autumn call", "--date", "2026-10-01", "--presenter", "B", "--tag", "t")
    assert result.returncode == 0, result.stderr
    path = project / "blog" / "2026" / "autumn-call" / "index.md"
    assert result.stdout.strip() == str(path.relative_to(project))
    front = yaml.safe_load(path.read_text(encoding="utf8").split("---")[1])
    # in the archetype's order and names, its draft kept as hugo new keeps it
    assert list(front) == ["title", "date", "tags", "presenters", "draft"]
    assert front["draft"] is True
    assert "draft: true" in result.stderr


def test_without_a_conf_py_it_says_so(tmp_path):
    result = run_program("new", "A call", cwd=tmp_path)
    assert result.returncode == 2
    assert "no conf.py" in result.stderr


def test_run_from_the_projects_root_it_finds_docs_and_prints_the_path_from_there(project):
    root = project.parent  # the folder that holds docs/, where README runs it after import
    result = run_program(
        "new", "March call", "--date", "2030-03-14", "--time", "17:00",
        "--join", "https://x.org/j", cwd=root,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "docs/blog/2030/03/2030-03-14-march-call.md"
    assert (root / result.stdout.strip()).is_file()


def test_a_doc_folder_is_found_too_and_c_still_names_one(tmp_path, project):
    doc = project.rename(tmp_path / "site" / "doc")
    assert run_program("new", "A call", "--date", "2030-01-02", cwd=doc.parent).returncode == 0
    assert (doc / "blog/2030/01/2030-01-02-a-call.md").is_file()
    result = run_program("new", "B call", "--date", "2030-01-03", "-c", doc, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "site/doc/blog/2030/01/2030-01-03-b-call.md"


GARDENER_ARCHETYPE = """\
---
title: "{{ replace .File.ContentBaseName "-" " " | title }}"
linkTitle: "{{ replace .File.ContentBaseName "-" " " | title }}"
newsSubtitle: "{{ .Date | time.Format "January 2, 2006" }}"
publishdate: {{ .Date }}
draft: true
authors:
- name: Your Name
  avatar: https://avatars.githubusercontent.com/u/1
tags: []
weight: {{ .Site.Params.weight }}
---

## Presenters

## Topics
"""


def test_the_archetypes_keys_are_filled_or_kept_as_it_gives_them(project):
    archetypes = project.parent / "archetypes"
    archetypes.mkdir()
    (archetypes / "default.md").write_text(GARDENER_ARCHETYPE, encoding="utf8")
    result = new(
        project, "March call", "--date", "2030-03-14", "--time", "17:00",
        "--join", "https://x.org/j", "--presenter", "Jane Doe",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = (project / result.stdout.strip()).read_text(encoding="utf8")
    front = yaml.safe_load(text.split("---")[1])
    assert front == {
        "title": "March call",
        "linkTitle": "March call",
        "newsSubtitle": "March 14, 2030",
        "publishdate": yaml.safe_load("2030-03-14 17:00:00"),
        "draft": True,
        "authors": [{"name": "Your Name", "avatar": "https://avatars.githubusercontent.com/u/1"}],
        "tags": [],
        "join": "https://x.org/j",
        "presenters": ["Jane Doe"],
    }
    # a template it cannot fill is left out, and said so; the archetype's body is kept
    assert "weight" in result.stderr
    assert text.endswith("## Presenters\n\n## Topics\n")

    # built with drafts on, the archetype's subtitle agrees with the post's date
    with (project / "conf.py").open("a", encoding="utf8") as conf:
        conf.write("callposts_drafts = True\n")
    app = build(project, "html")
    assert warning_lines(app) == []
    header = body(app, "blog/2030/03/2030-03-14-march-call").select_one("div.callpost-header")
    assert header.select_one(".callpost-upcoming").get_text() == "Upcoming"


def test_a_toml_archetype_is_read_as_hugo_reads_it(project):
    archetypes = project.parent / "archetypes"
    archetypes.mkdir()
    (archetypes / "blog.md").write_text(
        '+++\ntitle = "{{ replace .Name "-" " " | title }}"\ndate = {{ .Date }}\n'
        'summary = "Call of {{ .Date | time.Format ":date_medium" }}"\n+++\n',
        encoding="utf8",
    )
    result = new(project, "Summer call", "--date", "2030-07-02")
    assert result.returncode == 0, result.stderr
    front = yaml.safe_load(
        (project / result.stdout.strip()).read_text(encoding="utf8").split("---")[1]
    )
    assert front == {
        "title": "Summer call",
        "date": yaml.safe_load("2030-07-02"),
        "summary": "Call of Jul 2, 2030",
    }


@pytest.mark.parametrize(
    ("title", "name"),
    [
        (
            "Community Call - Cilium / Isovalent Presentation",
            "2030-02-05-community-call-cilium-isovalent-presentation.md",
        ),
        ("Z/../../../etc", "2030-02-05-z-etc.md"),
        ("..\\..\\evil", "2030-02-05-evil.md"),
        ("../..", "2030-02-05-call.md"),
        ("Q&A #3: 100% done?", "2030-02-05-qa-3-100-done.md"),
    ],
)
def test_a_title_with_slashes_or_dots_names_one_file_in_the_posts_folder(project, title, name):
    result = new(project, title, "--date", "2030-02-05")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"blog/2030/02/{name}"
    written = [path for path in project.parent.rglob("*.md") if "2030" in path.name]
    assert written == [project / "blog" / "2030" / "02" / name]
    app = build(project, "html")
    assert body(app, f"blog/2030/02/{name[:-3]}").select_one("h1").get_text() == title + "¶"


def test_a_long_title_names_a_file_any_file_system_holds(project):
    result = new(project, "Very long " * 60, "--date", "2030-02-05")
    assert result.returncode == 0, result.stderr
    path = project / result.stdout.strip()
    assert path.parent == project / "blog" / "2030" / "02"
    assert len(path.name.encode()) <= 255 and path.suffix == ".md"


def test_a_post_that_would_land_outside_the_posts_folder_is_refused(project, tmp_path):
    # the year folder is a link out of the project: the post would be written there
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (project / "blog" / "2030").symlink_to(outside, target_is_directory=True)
    result = new(project, "Planning", "--date", "2030-02-05")
    assert result.returncode == 2
    assert "not inside the posts' folder blog" in result.stderr
    assert list(outside.rglob("*")) == []
