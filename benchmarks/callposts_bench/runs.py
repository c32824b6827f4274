"""The builds: each variant's project built in a fresh ``sphinx-build`` process, measured.

Every build runs ``python -m sphinx -b html``, timed on the wall clock, its peak
memory taken from ``os.wait4`` (``ru_maxrss``: the largest of the process and its
workers); the documents read and written come from Sphinx's own status lines.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .replica import Project, add_post, clone_tree, edit_body, pick_posts, redate
from .variants import POSTS, Variant

if TYPE_CHECKING:
    import argparse

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PACKAGE = REPO / "sphinx_callposts"
#: a post of the corpus with a YouTube recording, for the third-party request check
RECORDING_POST = "2022/10/10.06-gardener-community-meeting-october"

_STATUS = re.compile(r"^(reading sources|writing output)\.\.\. \[\s*\d+%\] (.+?)\s*$")
_OUTDATED = re.compile(r"(\d+) added, (\d+) changed, (\d+) removed")
_IMAGE_NUMBER = re.compile(rb"(_images/[^\"'/]*?)\d*(\.\w+[\"'])")
_NOT_IN_TOCTREE = "document isn't included in any toctree"


@dataclass
class Build:
    """What one ``sphinx-build`` did."""

    seconds: float
    max_rss_mib: float
    read: int
    written: int
    files_written: int
    returncode: int
    not_in_toctree: int
    log: str
    #: user and system CPU time of the build: steadier than the wall clock on a busy machine
    cpu_seconds: float = 0.0


def build(
    srcdir: Path, outdir: Path, jobs: int, python: str, env: dict[str, str], log: Path
) -> Build:
    """Run one HTML build in a fresh process and measure it."""
    started = time.time()
    command = [python, "-m", "sphinx", "-b", "html", "-j", str(jobs)]
    command += ["-d", str(outdir / ".doctrees"), str(srcdir), str(outdir)]
    with log.open("w", encoding="utf-8") as out:
        clock = time.perf_counter()
        # not the current folder: ``-m`` would put it, and any checkout in it, first
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=srcdir.parent
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - clock
    process.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text(encoding="utf-8", errors="replace")
    docs = sum(1 for _ in srcdir.rglob("*.md"))
    read, written = count_documents(text, docs)
    files = sum(1 for p in outdir.rglob("*.html") if p.stat().st_mtime >= started)
    return Build(
        seconds=seconds,
        max_rss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
        read=read,
        written=written,
        files_written=files,
        returncode=process.returncode,
        not_in_toctree=text.count(_NOT_IN_TOCTREE),
        log=str(log),
        cpu_seconds=usage.ru_utime + usage.ru_stime,
    )


def count_documents(log: str, docs: int) -> tuple[int, int]:
    """Documents read and written, from Sphinx's status lines.

    A parallel build reports chunks (``a .. b``) rather than documents: there the
    reads are the "added, changed" count (at most ``docs``) and the writes are -1.
    """
    read = written = 0
    chunked = False
    for line in log.splitlines():
        match = _STATUS.match(line)
        if not match:
            continue
        chunked |= " .. " in match.group(2)
        if match.group(1) == "reading sources":
            read += 1
        else:
            written += 1
    if chunked:
        outdated = _OUTDATED.search(log)
        read = min(docs, int(outdated.group(1)) + int(outdated.group(2))) if outdated else -1
        written = -1
    return read, written


def tree_digest(outdir: Path) -> dict[str, str]:
    """A hash of every HTML file of an output, to compare ``-j 1`` and ``-j 2``.

    Images of the same name in several folders are numbered in ``_images/`` in the
    order Sphinx reads them, which a parallel build changes: the numbers are left out.
    """
    return {
        p.relative_to(outdir).as_posix(): hashlib.sha256(
            _IMAGE_NUMBER.sub(rb"\1\2", p.read_bytes())
        ).hexdigest()
        for p in sorted(outdir.rglob("*.html"))
    }


def build_env(package: Path | None) -> dict[str, str]:
    """The environment of the builds: ``package``'s folder first on ``PYTHONPATH``."""
    env = dict(os.environ)
    env.pop("SPHINXOPTS", None)
    # plain status lines, one per document, whatever the calling terminal forces
    env.pop("FORCE_COLOR", None)
    env["NO_COLOR"] = "1"
    env["PYTHONHASHSEED"] = "0"
    # one "now" for every build, so that no post turns from upcoming to past mid-run
    env["SOURCE_DATE_EPOCH"] = str(int(time.mktime((2026, 11, 1, 0, 0, 0, 0, 0, 0))))
    if package is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(package), env.get("PYTHONPATH")]))
    return env


def add_package_arguments(parser: argparse.ArgumentParser) -> None:
    """``--python``, ``--working-tree``, ``--commit``: which Python builds, with which extension."""
    parser.add_argument("--python", default=sys.executable, help="the Python that builds")
    parser.add_argument(
        "--working-tree",
        action="store_true",
        help="snapshot sphinx_callposts as it is in the working tree, not as committed",
    )
    parser.add_argument(
        "--commit", default="HEAD", help="build with the extension as committed here"
    )


def package_env(args: argparse.Namespace) -> dict[str, str]:
    """The builds' environment, with the extension that ``add_package_arguments`` chose."""
    return build_env(snapshot_package(args.workdir, args.working_tree, args.commit))


def snapshot_package(workdir: Path, working_tree: bool, commit: str = "HEAD") -> Path:
    """Copy the extension once, so that edits made during the run do not mix versions.

    :param working_tree: copy the files as they are, rather than as committed
    :param commit: the commit whose extension is copied
    """
    target = workdir / "package"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    if not working_tree:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", commit, PACKAGE.name],
            check=False,
            capture_output=True,
        )
        if archive.returncode == 0:
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(target, filter="data")
            return target
    shutil.copytree(PACKAGE, target / PACKAGE.name, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def available(variant: Variant, python: str, env: dict[str, str], cwd: Path) -> str:
    """An empty string if the variant can run, else why not."""
    module = (
        "ablog" if variant.ablog else "sphinx_callposts" if variant.callposts else "myst_parser"
    )
    done = subprocess.run(
        [python, "-c", f"import {module}"], check=False, env=env, cwd=cwd, capture_output=True
    )
    return "" if done.returncode == 0 else f"`{module}` is not importable"


# -- static size and third-party requests ------------------------------------------


def static_sizes(package: Path = PACKAGE) -> tuple[int, int]:
    """Bytes of the extension's CSS and JS: raw, and gzipped together."""
    files = sorted(p for p in (package / "static").iterdir() if p.suffix in {".css", ".js"})
    raw = b"".join(p.read_bytes() for p in files)
    return len(raw), len(gzip.compress(raw, 9))


class _Loads(HTMLParser):
    """The URLs a browser fetches when it loads a page (not links the reader follows)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in {"img", "script", "iframe", "video", "audio", "source", "embed"}:
            self.urls += filter(None, [values.get("src")])
        elif tag == "link" and values.get("rel") in {"stylesheet", "preload", "icon"}:
            self.urls += filter(None, [values.get("href")])
        elif tag == "object":
            self.urls += filter(None, [values.get("data")])


def third_party_loads(page: Path) -> list[str]:
    """The hosts a page loads from at load time (its ``src`` and stylesheets)."""
    if not page.is_file():
        return []
    parser = _Loads()
    parser.feed(page.read_text(encoding="utf-8"))
    return sorted({urlsplit(url).netloc for url in parser.urls if urlsplit(url).netloc})


# -- the run -------------------------------------------------------------------------

KINDS = ("full -j 1", "full -j 2", "edit one post", "re-date one post", "add one post")


@dataclass
class Results:
    """Every measurement, keyed by size, variant and kind of build."""

    runs: dict[tuple[int, str, str], list[Build]] = field(default_factory=dict)
    docs: dict[tuple[int, str], int] = field(default_factory=dict)
    notes: dict[tuple[int, str], list[str]] = field(default_factory=dict)

    def add(self, size: int, variant: str, kind: str, result: Build) -> None:
        """Record one build."""
        self.runs.setdefault((size, variant, kind), []).append(result)

    def note(self, size: int, variant: str, text: str) -> None:
        """Record a remark once."""
        notes = self.notes.setdefault((size, variant), [])
        if text not in notes:
            notes.append(text)


def run_variant(
    args: argparse.Namespace,
    size: int,
    variant: Variant,
    pristine: Project,
    rep: int,
    env: dict[str, str],
    results: Results,
) -> None:
    """One repetition of a variant: two full builds, then the three incremental ones."""
    work = args.workdir / f"{size}-{variant.name}-run{rep}"
    shutil.rmtree(work, ignore_errors=True)
    srcdir = work / "src"
    clone_tree(pristine.srcdir, srcdir)
    project = Project(srcdir, pristine.posts, pristine.sections, pristine.years)
    logs = work / "logs"
    logs.mkdir(parents=True)
    python = args.python

    def record(kind: str, result: Build) -> None:
        results.add(size, variant.name, kind, result)
        if result.returncode:
            results.note(size, variant.name, f"{kind}: exit {result.returncode}, see {result.log}")
        print(
            f"  {size} {variant.name:<19} {kind:<17} {result.seconds:7.1f} s"
            f" {result.max_rss_mib:6.0f} MiB  read {result.read:>5} written {result.written:>5}"
            f" (files {result.files_written})",
            flush=True,
        )

    kinds = [k for k in KINDS if not (args.no_parallel and k == "full -j 2")]
    if "full -j 2" in kinds:
        out2 = work / "out-j2"
        record("full -j 2", build(srcdir, out2, 2, python, env, logs / "full-j2.log"))
    out = work / "out"
    first = build(srcdir, out, 1, python, env, logs / "full-j1.log")
    record("full -j 1", first)
    if first.returncode:
        return
    if first.not_in_toctree and variant.sections:
        results.note(
            size,
            variant.name,
            f"section toctrees pending: {first.not_in_toctree} documents in no toctree",
        )
    if "full -j 2" in kinds:
        digest1, digest2 = tree_digest(out), tree_digest(out2)
        differ = sorted(
            name
            for name in digest1.keys() | digest2.keys()
            if digest1.get(name) != digest2.get(name)
        )
        results.note(
            size,
            variant.name,
            "-j 2 output identical to -j 1"
            if not differ
            else f"-j 2 output differs from -j 1 in {len(differ)} files, e.g. {differ[0]}",
        )
        shutil.rmtree(out2, ignore_errors=True)
    results.docs[size, variant.name] = pristine.docs
    page = out / POSTS / f"{RECORDING_POST}.html"
    if variant.callposts and page.is_file():  # the corpus's post, not in synthetic projects
        hosts = third_party_loads(page)
        results.note(
            size,
            variant.name,
            "recording page loads from: " + (", ".join(hosts) if hosts else "no third-party host"),
        )
    env_pickle = out / ".doctrees" / "environment.pickle"
    if env_pickle.is_file():
        results.note(
            size, variant.name, f"environment.pickle {env_pickle.stat().st_size / 2**20:.1f} MiB"
        )
    if args.full_only:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        return
    edited, redated = pick_posts(project)
    edit_body(project, edited, rep)
    record("edit one post", build(srcdir, out, 1, python, env, logs / "edit.log"))
    redate(project, redated)
    record("re-date one post", build(srcdir, out, 1, python, env, logs / "redate.log"))
    add_post(project, edited, variant)
    record("add one post", build(srcdir, out, 1, python, env, logs / "add.log"))
    if not args.keep:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(srcdir, ignore_errors=True)
