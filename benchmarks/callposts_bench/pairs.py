"""Two variants built side by side, again and again: the ratio of their CPU times.

::

    python -m callposts_bench.pairs --posts 1000 10000 --variants callposts myst-posts-first
    python -m callposts_bench.pairs --corpus --posts 960 --variants callposts-sections myst
    python -m callposts_bench.pairs --blog /tmp/imported-blog --jobs 2

On a shared machine one build's CPU time moves by a quarter from one run to the next:
other processes share the caches and the memory bus. Two builds started together
share the same disturbance, so the ratio within a pair is steadier than the ratio of
builds run apart. Each pair is two fresh ``sphinx-build -j 1`` processes of the same
synthetic posts (or copies of the Gardener corpus, ``--corpus``), measured as the other
runs are; the report gives each pair and the median ratio per size. ``--blog`` pairs a
real blog, as ``sphinx-callposts import`` made it, with the same pages under plain MyST.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

from .replica import (
    DEFAULT_CORPUS,
    clone_tree,
    copies_for,
    make_project,
    replace_text,
    unlink_headings,
)
from .runs import Build, add_package_arguments, build, package_env
from .synthetic import fresh_synthetic
from .variants import VARIANTS, Variant

#: what the plain MyST side of a real blog adds to its ``conf.py``, the extension left out
PLAIN_BLOG_CONF = """
if "myst_parser" not in extensions:
    extensions.append("myst_parser")
myst_title_to_header = True
suppress_warnings = ["myst.header", "myst.xref_missing", "toc.not_included"]
"""


def corpus_copies(workdir: Path, posts: int, variant: Variant) -> Path:
    """The Gardener corpus copied to about ``posts`` posts for ``variant``."""
    work = workdir / f"corpus-{posts}-{variant.name}"
    shutil.rmtree(work, ignore_errors=True)
    return make_project(
        DEFAULT_CORPUS, work / "src", copies_for(DEFAULT_CORPUS, posts), variant
    ).srcdir


def plain_toctrees(srcdir: Path) -> dict[Path, list[str]]:
    """``_index.md -> the pages it holds``: every page below its folder that no deeper
    ``_index.md`` holds, as the extension's section toctrees hold them."""
    sections = {page.parent for page in srcdir.rglob("_index.md")}
    held: dict[Path, list[str]] = {folder / "_index.md": [] for folder in sections}
    for page in sorted(srcdir.rglob("*.md")):
        start = page.parent.parent if page.name == "_index.md" else page.parent
        owner = next((f for f in (start, *start.parents) if f in sections), None)
        if owner is not None and owner.is_relative_to(srcdir):
            held[owner / "_index.md"].append(page.relative_to(owner).with_suffix("").as_posix())
    return held


def blog_pair(workdir: Path, blog: Path) -> list[Path]:
    """Two copies of an imported blog: as it is, and under plain MyST.

    Plain MyST's side is what people write without the extension: the same ``conf.py``
    without it (the same theme and sidebars), and each section page (``_index.md``) with
    a hidden toctree of the pages it holds, so that both sides' navigation holds every
    post.
    """
    srcdirs = []
    for side in ("callposts", "myst"):
        srcdir = workdir / f"blog-{side}" / "src"
        shutil.rmtree(srcdir.parent, ignore_errors=True)
        clone_tree(blog, srcdir)
        srcdirs.append(srcdir)
    conf = srcdirs[1] / "conf.py"
    text = conf.read_text(encoding="utf-8").replace('"sphinx_callposts"', "")
    conf.unlink()
    conf.write_text(text.replace("'sphinx_callposts'", "") + PLAIN_BLOG_CONF, encoding="utf-8")
    toctrees = plain_toctrees(srcdirs[1])
    for page in srcdirs[1].rglob("*.md"):
        # links in headings crash plain Sphinx's page tables of contents (as in replica.py)
        text = unlink_headings(page.read_text(encoding="utf-8"))
        if page in toctrees:
            text += "\n\n```{toctree}\n:hidden:\n\n" + "\n".join(toctrees[page]) + "\n```\n"
        replace_text(page, text)  # a hard link to the original: replaced, never written into
    return srcdirs


def build_pair(srcdirs: list[Path], python: str, env: dict[str, str], jobs: int = 1) -> list[Build]:
    """Build the two projects at once, each from scratch."""
    outdirs = [srcdir.parent / "out" for srcdir in srcdirs]
    for outdir in outdirs:
        shutil.rmtree(outdir, ignore_errors=True)
        outdir.mkdir(parents=True)
    with ThreadPoolExecutor(len(srcdirs)) as pool:
        futures = [
            pool.submit(build, srcdir, outdir, jobs, python, env, outdir / "build.log")
            for srcdir, outdir in zip(srcdirs, outdirs, strict=True)
        ]
        return [future.result() for future in futures]


def main(argv: list[str] | None = None) -> int:
    """Build each size's pair ``--times`` times and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--variants", nargs=2, choices=list(VARIANTS), default=["callposts", "myst-posts-first"]
    )
    parser.add_argument("--times", type=int, default=3, help="pairs per size")
    parser.add_argument("--jobs", type=int, default=1, help="sphinx-build -j")
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--corpus", action="store_true", help="copies of the Gardener corpus, not synthetic posts"
    )
    source.add_argument("--blog", type=Path, help="a blog as sphinx-callposts import made it")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/callposts-pairs"))
    parser.add_argument("--json", type=Path, help="write every build's measures here")
    add_package_arguments(parser)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    env = package_env(args)
    mine, base = (VARIANTS[name] for name in args.variants)
    runs: dict[str, list[list[dict[str, object]]]] = {}
    if args.blog:
        mine, base = (
            Variant(name, f"{args.blog.name}, {name}", "") for name in ("callposts", "myst")
        )
        args.posts = [sum(1 for _ in args.blog.rglob("*.md"))]
    print(f"| posts | pair | {mine.label} | {base.label} | CPU ratio | memory ratio |")
    print("|---|---|---|---|---|---|")
    for posts in args.posts:
        if args.blog:
            srcdirs = blog_pair(args.workdir, args.blog)
        else:
            make = corpus_copies if args.corpus else lambda *a: fresh_synthetic(*a).srcdir
            srcdirs = [make(args.workdir, posts, v) for v in (mine, base)]
        ratios = []
        for number in range(1, args.times + 1):
            ours, theirs = build_pair(srcdirs, args.python, env, args.jobs)
            if ours.returncode or theirs.returncode:
                print(f"a build failed: see {ours.log} and {theirs.log}", file=sys.stderr)
                return 1
            ratios.append(ours.cpu_seconds / theirs.cpu_seconds)
            runs.setdefault(str(posts), []).append([asdict(ours), asdict(theirs)])
            print(
                f"| {posts:,} | {number} | {ours.cpu_seconds:.1f} s, {ours.max_rss_mib:.0f} MiB"
                f" | {theirs.cpu_seconds:.1f} s, {theirs.max_rss_mib:.0f} MiB"
                f" | x{ratios[-1]:.3f} | x{ours.max_rss_mib / theirs.max_rss_mib:.3f} |",
                flush=True,
            )
        print(f"| {posts:,} | median | | | **x{statistics.median(ratios):.3f}** | |", flush=True)
    if args.json:
        report = {"variants": args.variants, "runs": runs}
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
