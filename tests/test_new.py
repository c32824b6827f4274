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
    path = Path(result.stdout.strip())
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
    assert result.stdout.strip() == str(path)
    front = yaml.safe_load(path.read_text(encoding="utf8").split("---")[1])
    # in the archetype's order and names
    assert list(front) == ["title", "date", "tags", "presenters"]


def test_without_a_conf_py_it_says_so(tmp_path):
    result = run_program("new", "A call", cwd=tmp_path)
    assert result.returncode == 2
    assert "no conf.py" in result.stderr
