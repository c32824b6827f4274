"""Incremental builds: exact (equal to a fresh build) and cheap (only what shows a change)."""

from __future__ import annotations

import filecmp
import json
import random
import re
from pathlib import Path

import pytest
import sphinx
from sphinx.testing.util import SphinxTestApp

from .helpers import EPOCH, build, copy_root, warning_lines

#: files that differ between builds for reasons of their own; the record of written
#: files also knows the pages Sphinx leaves behind, so it can replace them
_SKIPPED = {"searchindex.js", ".buildinfo", ".buildinfo.bak", ".callposts-files"}


def output_files(outdir: Path) -> set[str]:
    return {
        path.relative_to(outdir).as_posix()
        for path in outdir.rglob("*")
        if path.is_file() and path.name not in _SKIPPED and ".doctrees" not in path.parts
    }


def assert_same_output(incremental: Path, fresh: Path, removed: tuple[str, ...] = ()) -> None:
    """Every file of the fresh build is in the incremental one, with the same bytes."""
    fresh_files = output_files(fresh)
    stale = output_files(incremental) - fresh_files
    # Sphinx leaves the pages of removed documents (and their sources) behind
    assert all(any(name in path for name in removed) for path in stale), stale
    different = [
        path
        for path in sorted(fresh_files)
        if not filecmp.cmp(incremental / path, fresh / path, shallow=False)
    ]
    assert different == []


class Project:
    """A copy of the listing project, built incrementally and compared with fresh builds."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.srcdir = copy_root("listing", tmp_path)
        self.builddir = tmp_path / "incremental"
        self.fresh_count = 0
        self.rebuild()

    def rebuild(self, epoch: str = EPOCH) -> set[str]:
        """Build incrementally; the documents whose pages were written."""
        written: set[str] = set()
        app = build(
            self.srcdir,
            builddir=self.builddir,
            epoch=epoch,
            events={"html-page-context": lambda app, pagename, *args: written.add(pagename)},
        )
        assert [line for line in warning_lines(app) if "callposts" in line] == []
        self.outdir = app.outdir
        return written & app.env.found_docs

    def assert_fresh(self, removed: tuple[str, ...] = (), epoch: str = EPOCH) -> None:
        self.fresh_count += 1
        fresh = build(
            self.srcdir,
            builddir=self.tmp_path / f"fresh{self.fresh_count}",
            freshenv=True,
            epoch=epoch,
        )
        assert_same_output(self.outdir, fresh.outdir, removed)

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.srcdir / name
        text = path.read_text(encoding="utf8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf8")


@pytest.fixture
def project(tmp_path):
    return Project(tmp_path)


def test_nothing_changed_rewrites_nothing(project):
    assert project.rebuild() == set()


def test_body_edit_rewrites_the_post_and_its_parent_only(project):
    # the post has a summary in its front matter: no listing shows the edit
    project.edit(
        "calls/2024-03-07-release.md", "The release is out.", "The release is out, finally."
    )
    # calls/_index: Sphinx rewrites the page whose toctree holds the post (and, before
    # Sphinx 9, the pages whose toctrees hold that one)
    expected = {"calls/2024-03-07-release", "calls/_index"}
    if sphinx.version_info < (9,):
        expected.add("index")
    assert project.rebuild() == expected
    project.assert_fresh()


def test_summary_edit_rewrites_the_listings_that_show_it(project):
    project.edit("calls/2024-01-10-kickoff.md", "We met and planned", "We met online and planned")
    # not calls/2023/_index, whose listing does not show the post, nor the neighbours;
    # index: Sphinx rewrites the page whose toctree holds a rewritten page (pages)
    assert project.rebuild() == {"calls/2024-01-10-kickoff", "calls/_index", "pages", "index"}
    project.assert_fresh()


def test_redating_moves_the_post_everywhere(project):
    project.edit("calls/2023/2023-11-02-autumn.md", "date: 2023-11-02", "date: 2024-04-15")
    written = project.rebuild()
    # its old and new neighbours, the listings that show it
    assert {
        "calls/2024-05-bundle/index",
        "calls/2024-03-07-release",
        "calls/2023/2023-06-01-summer",
    } <= written
    assert {"calls/_index", "calls/2023/_index", "pages"} <= written
    project.assert_fresh()


def test_retitling_updates_neighbours_and_navigation(project):
    project.edit("calls/2023/2023-11-02-autumn.md", "title: Autumn call", "title: Fall call")
    project.rebuild()
    project.assert_fresh()


def test_adding_a_post(project):
    (project.srcdir / "calls/2024-02-20-added.md").write_text(
        "---\ntitle: An added call\ndate: 2024-02-20\naliases: [/added]\n---\n\nNew.\n",
        encoding="utf8",
    )
    project.rebuild()
    project.assert_fresh()


def test_removing_a_post(project):
    (project.srcdir / "calls/2024-01-10-kickoff.md").unlink()
    project.rebuild()
    project.assert_fresh(removed=("2024-01-10-kickoff",))


def test_a_draft_published(project):
    project.edit("calls/draft.md", "draft: true", "draft: false")
    project.rebuild()
    project.assert_fresh()


def test_time_passing_moves_the_upcoming_call(project):
    later = "1801526400"  # 2027-02-02: the call of 2027-02-01 is past
    written = project.rebuild(epoch=later)
    assert {"calls/_index", "pages"} <= written
    project.assert_fresh(epoch=later)


def test_an_alias_removed_takes_its_redirect_page_along(project):
    assert (project.outdir / "old/2024/03/release/index.html").is_file()
    project.edit("calls/2024-03-07-release.md", '"/old/2024/03/release", ', "")
    project.rebuild()
    assert not (project.outdir / "old").exists()
    assert (project.outdir / "calls/release-2/index.html").is_file()
    project.assert_fresh()


#: what the random edits give posts: tags Hugo keeps apart or not, names, reserved ones
TAG_POOL = ["community", "release", "security", "Security", "C++", "C#", "C", "R&D", "RD", "index"]
NAME_POOL = ["Grace Hopper", "Alan Turing", "Linus", "Ada Lovelace", "Index", "Ann Lee", "ann lee"]
ZONES = ["Europe/Berlin", "Asia/Tokyo"]
EDITS = ["retag", "rename", "move", "delete", "zone", "time"]
#: 2026-01-01, 2027-02-02 (the call of 2027-02-01 is past), 2027-12-28
EPOCHS = [EPOCH, "1801526400", "1830000000"]


def set_key(path: Path, key: str, value: str) -> None:
    """Give a post's front matter ``key: value``, in place of the key's lines if it had any."""
    text = path.read_text(encoding="utf8")
    front, _sep, rest = text.removeprefix("---\n").partition("\n---\n")
    kept: list[str] = []
    dropping = False
    for line in front.split("\n"):
        dropping = line.startswith(f"{key}:") or (dropping and line.startswith((" ", "-")))
        if not dropping:
            kept.append(line)
    kept.append(f"{key}: {value}")
    path.write_text("---\n" + "\n".join(kept) + "\n---\n" + rest, encoding="utf8")


class RandomEdits:
    """A copy of the listing project, edited at random and built incrementally."""

    def __init__(self, tmp_path: Path, seed: int, parallel: int) -> None:
        self.rng = random.Random(seed)
        self.tmp_path = tmp_path
        self.parallel = parallel
        self.srcdir = copy_root("listing", tmp_path)
        # the upcoming call has tags, a presenter and a join link, for time to pass on
        nextcall = self.srcdir / "calls/2027-02-01-next.md"
        set_key(nextcall, "date", "2027-02-01T15:00:00Z")
        set_key(nextcall, "tags", "[community, release]")
        set_key(nextcall, "presenters", "[Ann Lee]")
        set_key(nextcall, "join", "https://meet.example/next")
        self.removed: list[str] = []
        self.epoch, self.zone = EPOCH, "UTC"
        self.kinds: list[str] = []
        self.rebuild()

    def posts(self) -> list[Path]:
        return sorted(
            path for path in (self.srcdir / "calls").rglob("*.md") if path.stem != "_index"
        )

    def edit(self) -> str:
        """Make one edit at random, each kind once in turn; what it was."""
        post = self.rng.choice(self.posts())
        if not self.kinds:
            self.kinds = self.rng.sample(EDITS, len(EDITS))
        edit = self.kinds.pop()
        if edit == "retag":
            tags = self.rng.sample(TAG_POOL, self.rng.randrange(4))
            set_key(post, "tags", json.dumps(tags))
        elif edit == "rename":
            set_key(post, "presenters", json.dumps(self.rng.sample(NAME_POOL, 2)))
        elif edit == "move":
            text = post.read_text(encoding="utf8")
            year = self.rng.choice(["2022", "2023", "2024", "2025", "2027"])
            post.write_text(
                re.sub(r"^date: \d{4}", f"date: {year}", text, flags=re.MULTILINE), "utf8"
            )
        elif edit == "delete" and post.stem != "2027-02-01-next":  # time passes on it
            self.removed.append(post.stem)
            post.unlink()
        elif edit == "zone":
            self.zone = self.rng.choice(ZONES)
        elif edit == "time":
            self.epoch = EPOCHS[min(EPOCHS.index(self.epoch) + 1, len(EPOCHS) - 1)]
        return f"{edit} {post.name}"

    def rebuild(self) -> None:
        self.outdir = self.build(self.tmp_path / "incremental").outdir

    def build(self, builddir: Path, **kwargs) -> SphinxTestApp:
        return build(
            self.srcdir,
            builddir=builddir,
            epoch=self.epoch,
            confoverrides={"callposts_timezone": self.zone},
            parallel=self.parallel,
            **kwargs,
        )

    def assert_fresh(self, name: str) -> None:
        fresh = self.build(self.tmp_path / name, freshenv=True)
        assert_same_output(self.outdir, fresh.outdir, tuple(self.removed))


@pytest.mark.parametrize("parallel", [1, 2])
@pytest.mark.parametrize("seed", [20, 4])
def test_random_edits_build_as_fresh_builds_do(tmp_path, seed, parallel):
    """Retagging, renaming people, moving posts across years, deleting posts, changing
    the zone and passing time, in any order: each incremental build equals a fresh one."""
    project = RandomEdits(tmp_path, seed, parallel)
    for step in range(6):
        project.edit()
        project.rebuild()
        if step % 3 == 2:
            project.assert_fresh(f"fresh{step}")
