"""The benchmark makes well-formed projects (no timing here: numbers live in the docs)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from callposts_bench import garbage, pairs, replica, runs, synthetic
from callposts_bench.variants import FEATURES, POSTS, VARIANTS

from .conftest import CORPUS
from .helpers import body, build, warning_lines

PUBLISHDATE = re.compile(r"^publishdate:\s*['\"]?(\d{4}-\d{2}-\d{2})", re.MULTILINE)
DATE = re.compile(r"^date:\s*(\d{4}-\d{2}-\d{2})", re.MULTILINE)


@pytest.fixture(scope="module")
def corpus_posts():
    """The number of posts in the corpus."""
    if not CORPUS.is_dir():
        pytest.skip("the Gardener corpus (../shared/corpus) is not here")
    return sum(1 for _ in replica.iter_posts(CORPUS))


def publishdates(project) -> dict[str, str]:
    """Each post's ``publishdate``."""
    dates = {}
    for docname in project.posts:
        text = (project.srcdir / f"{docname}.md").read_text(encoding="utf-8")
        dates[docname] = PUBLISHDATE.search(text).group(1)
    return dates


def test_flat_replica(corpus_posts, tmp_path):
    project = replica.make_project(CORPUS, tmp_path / "p", 2, VARIANTS["myst"])
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


def test_dates_are_replicated_uniquely(corpus_posts, tmp_path):
    project = replica.make_project(CORPUS, tmp_path / "p", 2, VARIANTS["callposts"])
    years = replica.corpus_years(CORPUS)
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


def test_ablog_replica_has_dates(corpus_posts, tmp_path):
    project = replica.make_project(CORPUS, tmp_path / "p", 2, VARIANTS["ablog"])
    for docname, published in publishdates(project).items():
        text = (project.srcdir / f"{docname}.md").read_text(encoding="utf-8")
        assert DATE.search(text).group(1) == published, docname
    assert "blog_post_pattern" in (tmp_path / "p" / "conf.py").read_text()


def test_sections_replica(corpus_posts, tmp_path):
    project = replica.make_project(CORPUS, tmp_path / "p", 2, VARIANTS["callposts-sections"])
    sections = sum(1 for _ in CORPUS.rglob("_index.md"))
    assert len(project.posts) == 2 * corpus_posts
    assert len(project.sections) == 2 * sections + 1
    assert project.docs == len(list((tmp_path / "p").rglob("*.md")))
    index = (tmp_path / "p" / "index.md").read_text(encoding="utf-8")
    assert ":glob:" not in index
    assert f"{POSTS}/index" in index
    # a copy's year sections carry its years as their titles
    year_sections = [n for n in project.sections if re.fullmatch(r"\w+/\d{4}/_index", n)]
    assert len(year_sections) == 2 * sum(1 for _ in CORPUS.glob("*/_index.md"))
    for name in year_sections:
        text = (project.srcdir / f"{name}.md").read_text(encoding="utf-8")
        assert re.search(r"^title: (\d{4})$", text, re.MULTILINE).group(1) == name.split("/")[1]


def test_edits(corpus_posts, tmp_path):
    variant = VARIANTS["ablog"]
    project = replica.make_project(CORPUS, tmp_path / "p", 1, variant)
    clone = tmp_path / "clone"
    replica.clone_tree(project.srcdir, clone)
    copied = replica.Project(clone, project.posts, project.sections, project.years)
    edited, redated = replica.pick_posts(copied)
    before = (project.srcdir / f"{redated}.md").read_text(encoding="utf-8")

    replica.edit_body(copied, edited, 0)
    replica.redate(copied, redated)
    added = replica.add_post(copied, edited, variant)

    assert "added by the benchmark" in (clone / f"{edited}.md").read_text(encoding="utf-8")
    after = (clone / f"{redated}.md").read_text(encoding="utf-8")
    assert PUBLISHDATE.search(after).group(1) != PUBLISHDATE.search(before).group(1)
    assert DATE.search(after).group(1) == PUBLISHDATE.search(after).group(1)
    # edits replace the files of the clone, never the hard-linked originals
    assert (project.srcdir / f"{redated}.md").read_text(encoding="utf-8") == before
    assert (clone / f"{added}.md").is_file()
    assert not (project.srcdir / f"{added}.md").exists()


def test_count_documents():
    serial = (
        "updating environment: 0 added, 1 changed, 0 removed\n"
        "reading sources... [100%] posts/2026/02/a\n"
        "writing output... [ 50%] index\n"
        "writing output... [100%] posts/2026/02/a\n"
    )
    assert runs.count_documents(serial, 10) == (1, 2)
    parallel = (
        "updating environment: [new config] 125 added, 44 changed, 0 removed\n"
        "reading sources... [ 50%] a .. m\n"
        "reading sources... [100%] n .. z\n"
    )
    assert runs.count_documents(parallel, 125) == (125, -1)


def test_synthetic_posts(tmp_path):
    project = synthetic.make_synthetic(tmp_path / "p", 600, VARIANTS["callposts-sections"])
    per_year = synthetic.PER_YEAR
    assert len(project.posts) == len(set(project.posts)) == 600
    assert [len(names) for _year, names in sorted(project.years.items())] == [
        per_year,
        per_year,
        600 - 2 * per_year,
    ]
    assert max(project.years) == synthetic.LAST_YEAR
    assert project.docs == len(list((tmp_path / "p").rglob("*.md")))
    assert f"{POSTS}/index" in project.sections
    texts = [(project.srcdir / f"{name}.md").read_text(encoding="utf-8") for name in project.posts]
    for name, text in zip(project.posts, texts, strict=True):
        year = name.split("/")[1]
        assert re.search(rf"^date: {year}-\d\d-\d\d$", text, re.MULTILINE), name
        assert re.search(r"^authors:\n- name: ", text, re.MULTILINE), name
        assert re.search(r"^tags: \[\S", text, re.MULTILINE), name
    assert sum('{{< youtube id="' in text for text in texts) == 600 // 5
    assert sum("aliases:" in text for text in texts) == 600 // 4
    # the same posts every time, and no section pages in the flat variant
    again = synthetic.make_synthetic(tmp_path / "q", 600, VARIANTS["myst"])
    assert again.posts == project.posts and again.sections == []
    one = synthetic.make_synthetic(tmp_path / "r", 600, VARIANTS["callposts-flat-section"])
    assert one.sections == [f"{POSTS}/index"]
    first = project.posts[7]
    assert (again.srcdir / f"{first}.md").read_text(encoding="utf-8") == texts[7]


def test_synthetic_listing_kept_by_hand_builds(tmp_path):
    """Plain MyST's counterpart of the section page: every post listed by hand, newest first."""
    project = synthetic.make_synthetic(tmp_path / "p", 300, VARIANTS["myst-listing"])
    text = (project.srcdir / POSTS / "index.md").read_text(encoding="utf-8")
    assert re.findall(r"^## (\d{4})$", text, re.MULTILINE) == ["2025", "2024"]
    links = re.findall(r"\]\((\d{4}/[^)]+)\.md\)", text)
    assert [f"{POSTS}/{link}" for link in links] == project.posts[::-1]
    (project.srcdir / "conf.py").write_text(
        VARIANTS["myst-listing"].conf + 'html_theme = "basic"\n', encoding="utf-8"
    )
    app = build(project.srcdir)
    assert warning_lines(app) == []
    entries = body(app, f"{POSTS}/index").select("li a.reference.internal")
    assert len(entries) == 300
    with pytest.raises(ValueError, match="synthetic posts only"):
        replica.make_project(CORPUS, tmp_path / "c", 1, VARIANTS["myst-listing"])


def test_synthetic_project_builds(tmp_path):
    """A small synthetic project with year sections builds without a warning."""
    project = synthetic.make_synthetic(tmp_path / "p", 12, VARIANTS["callposts-sections"])
    (project.srcdir / "conf.py").write_text(
        VARIANTS["callposts-sections"].conf + 'html_theme = "basic"\n', encoding="utf-8"
    )
    app = build(project.srcdir, builddir=tmp_path / "out")
    assert warning_lines(app) == []
    listing = body(app, f"{POSTS}/index").select("li.callposts-entry")
    assert len(listing) == 12
    newest = body(app, f"{project.posts[-1]}.html")  # the names hold a dot
    assert newest.select_one(".callpost-header") is not None
    assert newest.select_one(".callpost-nav-next a").get_text() == page_title(
        app, project.posts[-2]
    )
    recording = body(app, f"{project.posts[10]}.html")  # one post in five has a recording
    assert recording.select_one(".callposts-youtube .callposts-youtube-play") is not None


def page_title(app, docname: str) -> str:
    """The short title of a post, from its front matter."""
    text = (app.srcdir / f"{docname}.md").read_text(encoding="utf-8")
    return re.search(r'^linkTitle: "(.*)"$', text, re.MULTILINE).group(1)


def test_pairs_build_two_variants_side_by_side(tmp_path, capsys):
    report = tmp_path / "pairs.json"
    argv = [
        "--posts",
        "12",
        "--times",
        "2",
        "--workdir",
        str(tmp_path / "w"),
        "--json",
        str(report),
    ]
    assert pairs.main([*argv, "--working-tree"]) == 0
    runs_ = json.loads(report.read_text(encoding="utf-8"))["runs"]["12"]
    assert len(runs_) == 2
    for ours, theirs in runs_:
        assert (ours["returncode"], theirs["returncode"]) == (0, 0)
        assert ours["written"] == theirs["written"] == 13  # the posts and the root
        assert ours["cpu_seconds"] > 0 and theirs["cpu_seconds"] > 0
    table = capsys.readouterr().out
    assert "| 12 | median |" in table and "sphinx-callposts, flat toctree" in table


#: a feature's variant: what of the output it leaves out
FEATURE_OUTPUT = {
    "calendars": lambda out: list(out.rglob("*.ics")),
    "redirects": lambda out: [p for p in out.rglob("*.html") if "refresh" in p.read_text()],
    "feeds": lambda out: list(out.rglob("atom.xml")),
    "tags and people pages": lambda out: list((out / "tags").glob("*.html")),
    # a word of the synthetic titles (seed 0) that only the items put on the year page
    "search words of listings": lambda out: listing_pages_found_by(out, "hackathon"),
}


def listing_pages_found_by(out: Path, stem: str) -> list[str]:
    """The year pages that the search index gives for a stemmed word."""
    text = (out / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    found = index["terms"][stem]
    docs = [found] if isinstance(found, int) else found
    return [index["docnames"][doc] for doc in docs if index["docnames"][doc].endswith("/_index")]


@pytest.mark.parametrize("feature", list(FEATURES))
def test_each_feature_variant_turns_its_feature_off(feature, tmp_path):
    """The per-feature table measures each feature's share: its variant has none of it."""
    variants = [
        VARIANTS["callposts-sections"],
        VARIANTS[f"callposts-sections-no-{feature.replace(' ', '-')}"],
    ]
    found = []
    for number, variant in enumerate(variants):
        # its posts are "Community Call ...": calls, with calendars
        project = synthetic.make_synthetic(tmp_path / f"p{number}", 8, variant)
        app = build(project.srcdir, builddir=tmp_path / f"out{number}")
        found.append(FEATURE_OUTPUT[feature](Path(app.outdir)))
    whole, without = found
    assert whole and not without, (whole, without)


def test_pairs_of_a_real_blog_build_it_under_plain_myst_too(tmp_path, capsys):
    blog = synthetic.make_synthetic(tmp_path / "blog", 6, VARIANTS["callposts-sections"]).srcdir
    argv = ["--blog", str(blog), "--times", "1", "--workdir", str(tmp_path / "w")]
    assert pairs.main([*argv, "--working-tree", "--jobs", "2"]) == 0
    table = capsys.readouterr().out
    assert "| median |" in table
    plain = (tmp_path / "w" / "blog-myst" / "src" / "conf.py").read_text(encoding="utf-8")
    assert "sphinx_callposts" not in plain
    # its section pages hold their folder in a toctree, as the extension's do
    section = tmp_path / "w" / "blog-myst" / "src" / POSTS / "2025" / "_index.md"
    assert "01.01-00000-hackathon-control-operator" in section.read_text(encoding="utf-8")
    assert (tmp_path / "w" / "blog-callposts" / "out" / "posts" / "index.html").is_file()


def test_garbage_gives_each_phase_and_the_collectors_share(tmp_path, capsys):
    report = tmp_path / "phases.json"
    argv = ["--posts", "12", "--variants", "callposts-sections", "myst-listing"]
    argv += ["--workdir", str(tmp_path / "w"), "--json", str(report), "--working-tree"]
    assert garbage.main(argv) == 0
    rows = json.loads(report.read_text(encoding="utf-8"))
    assert [(posts, label) for posts, label, _phases in rows] == [
        (12, "sphinx-callposts, section pages"),
        (12, "myst_parser alone, a listing page kept by hand"),
    ]
    for _posts, _label, phases in rows:
        assert list(phases) == ["setup", "read", "write", "finish"]
        assert phases["read"]["cpu"] > 0 and phases["write"]["cpu"] > 0
        for phase in phases.values():
            assert 0 <= phase["gc"] <= phase["cpu"] and phase["promoted"] >= 0
        peaks = [phase["peak"] for phase in phases.values()]
        assert peaks[0] > 0 and peaks == sorted(peaks)
    # only the extension writes pages and files once the documents are written
    assert rows[0][2]["finish"]["cpu"] > rows[1][2]["finish"]["cpu"]
    out = capsys.readouterr().out
    assert "| 12 | sphinx-callposts, section pages | total |" in out
    assert "12 posts: CPU ratio x" in out and "without the collector x" in out
