"""Time sphinx-callposts against plain MyST and ABlog on the Gardener blog, replicated.

The script makes Sphinx projects from the Gardener corpus copied to about 250 and
1000 posts (each copy of the year folders shifted by whole years, so dates and
docnames stay unique), then builds them in one run, alternating the variants,
and writes a Markdown table of medians (``benchmarks/results.md``)::

    python benchmarks/bench.py --quick
    python benchmarks/bench.py --sizes 250 1000 --repeat 3

Every build runs ``python -m sphinx -b html`` in a fresh process, timed on the wall
clock, its peak memory taken from ``os.wait4``; the documents read and written come
from Sphinx's own status lines. The standard library is all it needs; the ABlog
variants run only where ``ablog`` can be imported.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterator

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "gardener-blog"
PACKAGE = REPO / "sphinx_callposts"
#: the folder of the posts inside each project (ABlog's own pages live under ``blog/``)
POSTS = "posts"
#: a post with a YouTube recording, for the third-party request check
RECORDING_POST = "2022/10/10.06-gardener-community-meeting-october"

_YEAR_DIR = re.compile(r"^\d{4}$")
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_PUBLISHDATE = re.compile(r"^publishdate:[ \t]*['\"]?(\d{4}-\d{2}-\d{2})", re.MULTILINE)
_LINK_IN_HEADING = re.compile(r"^(#{1,6}[^\n]*?)\[([^\]\n]*)\]\(\./[^)\n]*\)", re.MULTILINE)
_LOCAL_IMAGE = re.compile(r"!\[[^\]\n]*\]\((\./[^)\s]+)\)")
_STATUS = re.compile(r"^(reading sources|writing output)\.\.\. \[\s*\d+%\] (.+?)\s*$")
_OUTDATED = re.compile(r"(\d+) added, (\d+) changed, (\d+) removed")
_IMAGE_NUMBER = re.compile(rb"(_images/[^\"'/]*?)\d*(\.\w+[\"'])")
_NOT_IN_TOCTREE = "document isn't included in any toctree"


# -- projects ----------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """One way to build the same posts.

    :param conf: the body of ``conf.py``
    :param sections: keep the corpus's section pages and use them as the navigation
    :param ablog: give every post a ``date:`` and tweak nothing else ABlog needs
    :param callposts: the variant loads sphinx-callposts
    :param base: the variant its times are divided by
    """

    name: str
    label: str
    conf: str
    sections: bool = False
    ablog: bool = False
    callposts: bool = False
    base: str = "myst"


_COMMON_CONF = """\
project = "bench"
html_theme = "alabaster"
html_sidebars = {"**": []}
exclude_patterns = ["_build"]
"""

_ABLOG_CONF = (
    _COMMON_CONF
    + """\
extensions = ["myst_parser", "ablog"]
myst_title_to_header = True
blog_path = "blog"
blog_post_pattern = ["posts/**/*.md"]
post_date_format = "%Y-%m-%d"
post_auto_image = 0
"""
)

VARIANTS: dict[str, Variant] = {
    variant.name: variant
    for variant in (
        Variant(
            "myst",
            "myst_parser alone",
            _COMMON_CONF + 'extensions = ["myst_parser"]\nmyst_title_to_header = True\n',
        ),
        Variant("ablog", "ABlog", _ABLOG_CONF, ablog=True),
        Variant(
            "ablog-feeds",
            "ABlog with feeds and sidebars",
            _ABLOG_CONF.replace('html_sidebars = {"**": []}\n', "")
            + 'blog_baseurl = "https://example.org/"\n'
            + "blog_feed_archives = True\n"
            + 'html_sidebars = {"**": ["ablog/postcard.html", "ablog/recentposts.html",'
            + ' "ablog/tagcloud.html", "ablog/categories.html", "ablog/archives.html",'
            + ' "ablog/authors.html"]}\n',
            ablog=True,
        ),
        Variant(
            "callposts",
            "sphinx-callposts, flat toctree",
            _COMMON_CONF
            + 'extensions = ["myst_parser", "sphinx_callposts"]\n'
            + f'callposts_pattern = ["{POSTS}/**"]\n'
            + 'suppress_warnings = ["callposts.feed"]\n',
            callposts=True,
        ),
        Variant(
            "callposts-sections",
            "sphinx-callposts, section pages",
            _COMMON_CONF
            + 'extensions = ["myst_parser", "sphinx_callposts"]\n'
            + f'callposts_pattern = ["{POSTS}/**"]\n'
            + 'html_baseurl = "https://example.org/"\n',
            sections=True,
            callposts=True,
        ),
    )
}
# With the theme's own sidebars, navigation included: Sphinx renders the toctree on
# every page, which is what a flat toctree makes cost O(posts) per page.
_NO_SIDEBARS = 'html_sidebars = {"**": []}\n'
VARIANTS["myst-nav"] = Variant(
    "myst-nav",
    "myst_parser alone, navigation sidebar",
    VARIANTS["myst"].conf.replace(_NO_SIDEBARS, ""),
    base="myst-nav",
)
VARIANTS["callposts-sections-nav"] = Variant(
    "callposts-sections-nav",
    "sphinx-callposts, section pages, navigation sidebar",
    VARIANTS["callposts-sections"].conf.replace(_NO_SIDEBARS, ""),
    sections=True,
    callposts=True,
    base="myst-nav",
)
#: what runs unless ``--variants`` says otherwise (the navigation ones are slow)
DEFAULT_VARIANTS = ["myst", "ablog", "ablog-feeds", "callposts", "callposts-sections"]

_FLAT_INDEX = f"""\
# Benchmark

```{{toctree}}
:glob:
:maxdepth: 1

{POSTS}/**
```
"""

_SECTIONS_INDEX = f"""\
# Benchmark

```{{toctree}}
:maxdepth: 1

{POSTS}/index
```
"""


@dataclass
class Project:
    """A project made from the corpus, and the posts the incremental builds change."""

    srcdir: Path
    posts: list[str]
    sections: list[str]
    years: dict[int, list[str]] = field(default_factory=dict)

    @property
    def docs(self) -> int:
        """The number of documents, the root ``index`` included."""
        return len(self.posts) + len(self.sections) + 1


def corpus_years(corpus: Path) -> list[int]:
    """The year folders of the corpus."""
    return sorted(int(p.name) for p in corpus.iterdir() if p.is_dir() and _YEAR_DIR.match(p.name))


def copies_for(corpus: Path, posts: int) -> int:
    """How many copies of the corpus come closest to ``posts`` posts."""
    per_copy = sum(1 for _ in iter_posts(corpus))
    return max(1, round(posts / per_copy))


def iter_posts(corpus: Path) -> Iterator[Path]:
    """The post files of the corpus (every Markdown file but the section pages)."""
    for year in corpus_years(corpus):
        for path in sorted((corpus / str(year)).rglob("*.md")):
            if path.name != "_index.md":
                yield path


def shift_front_matter(text: str, years: set[int], shift: int) -> str:
    """Move every corpus year in the front matter by ``shift`` years; the body is kept.

    Dates that do not exist after the move (29 February) become the 28th.
    """
    match = _FRONT.match(text)
    if not match or not shift:
        return text

    def year(m: re.Match[str]) -> str:
        value = int(m.group(1))
        return str(value + shift) if value in years else m.group(1)

    def valid(m: re.Match[str]) -> str:
        y, mo, d = (int(g) for g in m.groups())
        try:
            date(y, mo, d)
        except ValueError:
            return f"{y:04d}-{mo:02d}-28"
        return m.group(0)

    front = _ISO_DATE.sub(valid, _YEAR.sub(year, match.group(1)))
    return f"---\n{front}---\n" + text[match.end() :]


def add_date(text: str) -> str:
    """Give a post ABlog's ``date:``, the day of its ``publishdate``."""
    match = _FRONT.match(text)
    published = match and _PUBLISHDATE.search(match.group(1))
    if not published or re.search(r"^date:", match.group(1), re.MULTILINE):
        return text
    return f"---\ndate: {published.group(1)}\n" + text[4:]


def drop_missing_images(text: str, folder: Path) -> str:
    """Remove images whose file is not in the corpus (one post links a ``.gif`` it lacks).

    Sphinx re-reads a document with a missing image on every build, in every variant,
    which would hide what an incremental build really costs.
    """

    def keep(m: re.Match[str]) -> str:
        return m.group(0) if (folder / m.group(1)).exists() else ""

    return _LOCAL_IMAGE.sub(keep, text)


def unlink_headings(text: str) -> str:
    """Keep the text of local file links in headings: plain Sphinx 9 crashes on them.

    Only the variants without sphinx-callposts need it (sphinx-doc/sphinx#14514).
    """
    return _LINK_IN_HEADING.sub(r"\1\2", text)


def make_project(corpus: Path, dest: Path, copies: int, variant: Variant) -> Project:
    """Copy the corpus ``copies`` times under ``dest/posts`` and write ``conf.py``.

    Copy ``k`` holds the year folders moved back by ``k`` times the corpus's span
    of years. Files other than Markdown are hard-linked when possible.
    """
    years = corpus_years(corpus)
    span = years[-1] - years[0] + 1
    posts_dir = dest / POSTS
    project = Project(dest, [], [])
    for copy in range(copies):
        shift = -span * copy
        for year in years:
            source = corpus / str(year)
            target = posts_dir / str(year + shift)
            for path in sorted(source.rglob("*")):
                relative = path.relative_to(source)
                out = target / relative
                if path.is_dir():
                    continue
                out.parent.mkdir(parents=True, exist_ok=True)
                if path.suffix != ".md":
                    link_or_copy(path, out)
                    continue
                if path.name == "_index.md" and not variant.sections:
                    continue
                text = shift_front_matter(path.read_text(encoding="utf-8"), set(years), shift)
                if variant.ablog and path.name != "_index.md":
                    text = add_date(text)
                text = drop_missing_images(text, path.parent)
                if not variant.callposts:
                    text = unlink_headings(text)
                out.write_text(text, encoding="utf-8")
                docname = out.relative_to(dest).with_suffix("").as_posix()
                if path.name == "_index.md":
                    project.sections.append(docname)
                else:
                    project.posts.append(docname)
                    project.years.setdefault(year + shift, []).append(docname)
    if variant.sections:
        shutil.copyfile(corpus / "index.md", posts_dir / "index.md")
        project.sections.append(f"{POSTS}/index")
    (dest / "index.md").write_text(
        _SECTIONS_INDEX if variant.sections else _FLAT_INDEX, encoding="utf-8"
    )
    (dest / "conf.py").write_text(variant.conf, encoding="utf-8")
    return project


def link_or_copy(source: Path, target: Path) -> None:
    """Hard-link a file that nothing edits, or copy it across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def clone_tree(source: Path, target: Path) -> None:
    """A copy of a project made of hard links; edits replace files, never write into them."""
    shutil.copytree(source, target, copy_function=link_or_copy)


# -- edits for the incremental builds ------------------------------------------------


def replace_text(path: Path, text: str) -> None:
    """Write a file by replacing it, so that hard-linked originals stay untouched."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def pick_posts(project: Project) -> tuple[str, str]:
    """The post whose body is edited, and the post that is re-dated.

    The edited post is in the middle of the newest copy; the re-dated one shares its
    month with another post, so that its new date changes the order.
    """
    newest = project.years[max(project.years)]
    middle_year = sorted(project.years)[len(project.years) // 2]
    edited = newest[len(newest) // 2]
    by_month: dict[str, list[str]] = {}
    for docname in project.years[middle_year] + newest:
        by_month.setdefault(docname.rsplit("/", 1)[0], []).append(docname)
    crowded = [names for names in by_month.values() if len(names) > 1]
    redated = crowded[0][-1] if crowded else project.posts[0]
    return edited, redated


def edit_body(project: Project, docname: str, run: int) -> None:
    """Append a paragraph to a post."""
    path = project.srcdir / f"{docname}.md"
    text = path.read_text(encoding="utf-8")
    replace_text(path, text.rstrip("\n") + f"\n\nA paragraph added by the benchmark ({run}).\n")


def redate(project: Project, docname: str) -> None:
    """Move a post's date (``publishdate`` and ABlog's ``date``) to the 1st or the 28th."""
    path = project.srcdir / f"{docname}.md"
    text = path.read_text(encoding="utf-8")

    def move(m: re.Match[str]) -> str:
        day = "28" if m.group(3) == "01" else "01"
        return f"{m.group(1)}{m.group(2)}-{day}"

    pattern = re.compile(r"^((?:publishdate|date):[ \t]*['\"]?)(\d{4}-\d{2})-(\d{2})", re.MULTILINE)
    replace_text(path, pattern.sub(move, text))


def add_post(project: Project, like: str, variant: Variant) -> str:
    """Write a new post beside ``like``, dated the 15th of its month; return its docname."""
    folder = (project.srcdir / like).parent
    month = folder.relative_to(project.srcdir / POSTS).as_posix().replace("/", "-")
    stamp = f"{month}-15"
    dated = f"date: {stamp}\n" if variant.ablog else ""
    text = (
        f"---\n{dated}title: A post added by the benchmark\npublishdate: {stamp}\n"
        "authors:\n- name: Bench Mark\n---\n\n"
        + "A new post, to see what adding one costs.\n\n## Details\n\nMore text.\n"
    )
    path = folder / "15-added-by-the-benchmark.md"
    path.write_text(text, encoding="utf-8")
    return path.relative_to(project.srcdir).with_suffix("").as_posix()


# -- builds ----------------------------------------------------------------------------


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
    env["PYTHONHASHSEED"] = "0"
    # one "now" for every build, so that no post turns from upcoming to past mid-run
    env["SOURCE_DATE_EPOCH"] = str(int(time.mktime((2026, 11, 1, 0, 0, 0, 0, 0, 0))))
    if package is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(package), env.get("PYTHONPATH")]))
    return env


def snapshot_package(workdir: Path, working_tree: bool) -> Path:
    """Copy the extension once, so that edits made during the run do not mix versions.

    :param working_tree: copy the files as they are, rather than as committed at ``HEAD``
    """
    target = workdir / "package"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    if not working_tree:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", "HEAD", PACKAGE.name],
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

    def to_json(self, header: str) -> str:
        """Every build and remark, for ``--from-json``."""
        return json.dumps(
            {
                "header": header,
                "runs": {
                    f"{s}|{v}|{k}": [b.__dict__ for b in r] for (s, v, k), r in self.runs.items()
                },
                "docs": {f"{s}|{v}": n for (s, v), n in self.docs.items()},
                "notes": {f"{s}|{v}": n for (s, v), n in self.notes.items()},
            },
            indent=1,
        )

    def load_json(self, text: str) -> str:
        """Add the builds of a ``--json`` file; return its header."""
        data = json.loads(text)
        data = data if "runs" in data else {"runs": data}  # the first files held runs only
        for key, builds in data["runs"].items():
            size, variant, kind = key.split("|")
            for fields in builds:
                self.add(int(size), variant, kind, Build(**fields))
        for key, count in data.get("docs", {}).items():
            size, variant = key.split("|")
            self.docs[int(size), variant] = count
        for key, notes in data.get("notes", {}).items():
            size, variant = key.split("|")
            for note in notes:
                self.note(int(size), variant, note)
        return data.get("header", "")


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
    if variant.callposts:
        page = out / POSTS / f"{RECORDING_POST}.html"
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


def median(builds: list[Build], attribute: str) -> float:
    """The median of one measurement over the repetitions."""
    return statistics.median(getattr(b, attribute) for b in builds)


def cell(builds: list[Build] | None, base: list[Build] | None) -> str:
    """``time (ratio), memory, read/written`` for one variant and kind of build."""
    if not builds:
        return "-"
    seconds = median(builds, "seconds")
    text = f"{seconds:.1f} s"
    if base:
        text += f" (x{seconds / median(base, 'seconds'):.2f})"
    text += f", {median(builds, 'max_rss_mib'):.0f} MiB"
    read, written = int(median(builds, "read")), int(median(builds, "written"))
    files = int(median(builds, "files_written"))
    text += (
        f", {read if read >= 0 else '?'} r / {written if written >= 0 else '?'} w ({files} files)"
    )
    if len(builds) > 1:
        text += f" [n={len(builds)}]"
    return text


def table(
    results: Results, sizes: list[int], variants: list[Variant], package: Path = PACKAGE
) -> str:
    """The Markdown tables: one row per size and kind of build, one column per variant."""
    lines = [
        "| posts | build | " + " | ".join(v.label for v in variants) + " |",
        "|---|---|" + "---|" * len(variants),
    ]
    for size in sizes:
        for kind in KINDS:
            row = [results.runs.get((size, v.name, kind)) for v in variants]
            if not any(row):
                continue
            lines.append(
                f"| {size} | {kind} | "
                + " | ".join(
                    cell(r, results.runs.get((size, v.base, kind)))
                    for r, v in zip(row, variants, strict=True)
                )
                + " |"
            )
    raw, zipped = static_sizes(package)
    lines += ["", f"sphinx-callposts static CSS+JS: {raw} bytes, {zipped} bytes gzipped together."]
    for (size, name), notes in sorted(results.notes.items()):
        lines.append(f"- {size}, {VARIANTS[name].label}: " + "; ".join(notes))
    return "\n".join(lines) + "\n"


def describe_machine(args: argparse.Namespace) -> str:
    """A line about what was measured, for the results file."""
    dirty = ["--dirty"] if args.working_tree else []
    head = subprocess.run(
        ["git", "-C", str(REPO), "describe", "--always", *dirty],
        check=False,
        capture_output=True,
        text=True,
    ).stdout.strip()
    versions = subprocess.run(
        [
            args.python,
            "-c",
            "import sphinx, myst_parser; print(sphinx.__version__, myst_parser.__version__)",
        ],
        check=False,
        capture_output=True,
        text=True,
    ).stdout.split()
    load = os.getloadavg()[0]
    return (
        f"sphinx-callposts {'installed' if args.installed else head}, Sphinx {versions[0] if versions else '?'},"
        f" myst-parser {versions[1] if len(versions) > 1 else '?'}, {os.cpu_count()} CPUs,"
        f" load {load:.1f} at start, {time.strftime('%Y-%m-%d %H:%M')}"
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000], help="posts")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions (medians)")
    parser.add_argument(
        "--repeat-large",
        type=int,
        default=None,
        help="repetitions at sizes of 500 posts and more (default: --repeat)",
    )
    parser.add_argument("--variants", nargs="+", choices=list(VARIANTS), default=DEFAULT_VARIANTS)
    parser.add_argument("--quick", action="store_true", help="one copy of the corpus, once")
    parser.add_argument("--full-only", action="store_true", help="no incremental builds")
    parser.add_argument("--no-parallel", action="store_true", help="no -j 2 build")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workdir", type=Path, default=None, help="default: a temporary one")
    parser.add_argument("--keep", action="store_true", help="keep the projects and outputs")
    parser.add_argument("--python", default=sys.executable, help="the Python that builds")
    parser.add_argument(
        "--installed",
        action="store_true",
        help="build with the installed sphinx_callposts, not a snapshot of the committed one",
    )
    parser.add_argument(
        "--working-tree",
        action="store_true",
        help="snapshot sphinx_callposts as it is in the working tree, not as committed",
    )
    parser.add_argument("--output", type=Path, default=HERE / "results.md")
    parser.add_argument("--json", type=Path, default=None, help="also write every build as JSON")
    parser.add_argument(
        "--from-json",
        type=Path,
        nargs="+",
        default=None,
        help="build nothing: merge these --json files into one table",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.repeat, args.repeat_large = [0], 1, 1
    return args


def merge_json(args: argparse.Namespace) -> int:
    """Print and save one table from the builds of several runs."""
    results = Results()
    headers = [results.load_json(path.read_text(encoding="utf-8")) for path in args.from_json]
    names = {variant for _size, variant, _kind in results.runs}
    variants = [v for name, v in VARIANTS.items() if name in names]
    sizes = sorted({size for size, _variant, _kind in results.runs})
    text = "\n".join(f"- {h}" for h in dict.fromkeys(filter(None, headers)))
    text += "\n\n" + table(results, sizes, variants)
    print(text)
    args.output.write_text(text, encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Make the projects, build them alternating the variants, print and save the table."""
    args = parse_args(argv)
    if args.from_json:
        return merge_json(args)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    temporary = None
    if args.workdir is None:
        temporary = tempfile.TemporaryDirectory(prefix="callposts-bench-")
        args.workdir = Path(temporary.name)
    args.workdir.mkdir(parents=True, exist_ok=True)
    snapshot = None if args.installed else snapshot_package(args.workdir, args.working_tree)
    env = build_env(snapshot)
    header = describe_machine(args)
    print(header, flush=True)

    variants = []
    for name in args.variants:
        reason = available(VARIANTS[name], args.python, env, args.workdir)
        if reason:
            print(f"skipping {name}: {reason}", file=sys.stderr)
        else:
            variants.append(VARIANTS[name])
    results = Results()
    sizes = []
    for size in args.sizes:
        copies = 1 if size == 0 else copies_for(args.corpus, size)
        projects = {
            v.name: make_project(
                args.corpus, args.workdir / f"pristine-{copies}-{v.name}", copies, v
            )
            for v in variants
        }
        posts = len(next(iter(projects.values())).posts)
        sizes.append(posts)
        repeat = args.repeat_large if args.repeat_large and posts >= 500 else args.repeat
        print(f"{posts} posts ({copies} copies), {repeat} repetitions", flush=True)
        for rep in range(repeat):
            for variant in variants:  # alternating: A B C ... A B C ...
                run_variant(args, posts, variant, projects[variant.name], rep, env, results)
        for project in projects.values():
            shutil.rmtree(project.srcdir, ignore_errors=True)

    package = snapshot / PACKAGE.name if snapshot else PACKAGE
    text = f"{header}\n\n" + table(results, sizes, variants, package)
    print("\n" + text)
    args.output.write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(results.to_json(header), encoding="utf-8")
    if temporary is not None and not args.keep:
        temporary.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
