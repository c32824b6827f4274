"""The benchmark makes well-formed projects (no timing here: numbers live in the docs)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from .conftest import CORPUS

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench.py"
PUBLISHDATE = re.compile(r"^publishdate:\s*['\"]?(\d{4}-\d{2}-\d{2})", re.MULTILINE)
DATE = re.compile(r"^date:\s*(\d{4}-\d{2}-\d{2})", re.MULTILINE)


@pytest.fixture(scope="module")
def bench():
    """The benchmark script, imported as a module."""
    spec = importlib.util.spec_from_file_location("callposts_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


@pytest.fixture(scope="module")
def corpus_posts(bench):
    """The number of posts in the corpus."""
    if not CORPUS.is_dir():
        pytest.skip("the Gardener corpus (../shared/corpus) is not here")
    return sum(1 for _ in bench.iter_posts(CORPUS))


def publishdates(project) -> dict[str, str]:
    """Each post's ``publishdate``."""
    dates = {}
    for docname in project.posts:
        text = (project.srcdir / f"{docname}.md").read_text(encoding="utf-8")
        dates[docname] = PUBLISHDATE.search(text).group(1)
    return dates


def test_flat_replica(bench, corpus_posts, tmp_path):
    project = bench.make_project(CORPUS, tmp_path / "p", 2, bench.VARIANTS["myst"])
    assert len(project.posts) == len(set(project.posts)) == 2 * corpus_posts
    assert project.sections == []
    assert not list((tmp_path / "p").rglob("_index.md"))
    assert ":glob:" in (tmp_path / "p" / "index.md").read_text(encoding="utf-8")
    assert "myst_title_to_header = True" in (tmp_path / "p" / "conf.py").read_text()
    # the posts' files come along, and no heading keeps a local file link
    assert list((tmp_path / "p").rglob("*.png"))
    for docname in project.posts:
        text = (project.srcdir / f"{docname}.md").read_text(encoding="utf-8")
        assert not re.search(r"^#+ .*\]\(\./", text, re.MULTILINE), docname


def test_dates_are_replicated_uniquely(bench, corpus_posts, tmp_path):
    project = bench.make_project(CORPUS, tmp_path / "p", 2, bench.VARIANTS["callposts"])
    years = bench.corpus_years(CORPUS)
    span = years[-1] - years[0] + 1
    dates = publishdates(project)
    assert len(dates) == 2 * corpus_posts
    # the copy of each post lies ``span`` years before it, in years of its own
    assert set(project.years) == set(years) | {year - span for year in years}
    for docname, published in dates.items():
        folder_year = int(docname.split("/")[1])
        assert int(published[:4]) == folder_year, docname
        if folder_year in years:
            copy = docname.replace(f"/{folder_year}/", f"/{folder_year - span}/", 1)
            assert dates[copy][4:] in {published[4:], "-02-28"}, copy
            assert int(dates[copy][:4]) == folder_year - span


def test_ablog_replica_has_dates(bench, corpus_posts, tmp_path):
    project = bench.make_project(CORPUS, tmp_path / "p", 2, bench.VARIANTS["ablog"])
    for docname, published in publishdates(project).items():
        text = (project.srcdir / f"{docname}.md").read_text(encoding="utf-8")
        assert DATE.search(text).group(1) == published, docname
    assert "blog_post_pattern" in (tmp_path / "p" / "conf.py").read_text()


def test_sections_replica(bench, corpus_posts, tmp_path):
    project = bench.make_project(CORPUS, tmp_path / "p", 2, bench.VARIANTS["callposts-sections"])
    sections = sum(1 for _ in CORPUS.rglob("_index.md"))
    assert len(project.posts) == 2 * corpus_posts
    assert len(project.sections) == 2 * sections + 1
    assert project.docs == len(list((tmp_path / "p").rglob("*.md")))
    index = (tmp_path / "p" / "index.md").read_text(encoding="utf-8")
    assert ":glob:" not in index
    assert f"{bench.POSTS}/index" in index
    # a copy's year sections carry its years as their titles
    year_sections = [n for n in project.sections if re.fullmatch(r"\w+/\d{4}/_index", n)]
    assert len(year_sections) == 2 * sum(1 for _ in CORPUS.glob("*/_index.md"))
    for name in year_sections:
        text = (project.srcdir / f"{name}.md").read_text(encoding="utf-8")
        assert re.search(r"^title: (\d{4})$", text, re.MULTILINE).group(1) == name.split("/")[1]


def test_edits(bench, corpus_posts, tmp_path):
    variant = bench.VARIANTS["ablog"]
    project = bench.make_project(CORPUS, tmp_path / "p", 1, variant)
    clone = tmp_path / "clone"
    bench.clone_tree(project.srcdir, clone)
    copied = bench.Project(clone, project.posts, project.sections, project.years)
    edited, redated = bench.pick_posts(copied)
    before = (project.srcdir / f"{redated}.md").read_text(encoding="utf-8")

    bench.edit_body(copied, edited, 0)
    bench.redate(copied, redated)
    added = bench.add_post(copied, edited, variant)

    assert "added by the benchmark" in (clone / f"{edited}.md").read_text(encoding="utf-8")
    after = (clone / f"{redated}.md").read_text(encoding="utf-8")
    assert PUBLISHDATE.search(after).group(1) != PUBLISHDATE.search(before).group(1)
    assert DATE.search(after).group(1) == PUBLISHDATE.search(after).group(1)
    # edits replace the files of the clone, never the hard-linked originals
    assert (project.srcdir / f"{redated}.md").read_text(encoding="utf-8") == before
    assert (clone / f"{added}.md").is_file()
    assert not (project.srcdir / f"{added}.md").exists()


def test_count_documents(bench):
    serial = (
        "updating environment: 0 added, 1 changed, 0 removed\n"
        "reading sources... [100%] posts/2026/02/a\n"
        "writing output... [ 50%] index\n"
        "writing output... [100%] posts/2026/02/a\n"
    )
    assert bench.count_documents(serial, 10) == (1, 2)
    parallel = (
        "updating environment: [new config] 125 added, 44 changed, 0 removed\n"
        "reading sources... [ 50%] a .. m\n"
        "reading sources... [100%] n .. z\n"
    )
    assert bench.count_documents(parallel, 125) == (125, -1)
