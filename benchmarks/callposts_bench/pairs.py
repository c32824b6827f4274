"""Two variants built side by side, again and again: the ratio of their CPU times.

::

    python -m callposts_bench.pairs --posts 1000 10000 --variants callposts myst-posts-first

On a shared machine one build's CPU time moves by a quarter from one run to the next:
other processes share the caches and the memory bus. Two builds started together
share the same disturbance, so the ratio within a pair is steadier than the ratio of
builds run apart. Each pair is two fresh ``sphinx-build -j 1`` processes of the same
synthetic posts, measured as the other runs are; the report gives each pair and the
median ratio per size.
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

from .runs import Build, add_package_arguments, build, package_env
from .synthetic import fresh_synthetic
from .variants import VARIANTS


def build_pair(srcdirs: list[Path], python: str, env: dict[str, str]) -> list[Build]:
    """Build the two projects at once, each from scratch."""
    outdirs = [srcdir.parent / "out" for srcdir in srcdirs]
    for outdir in outdirs:
        shutil.rmtree(outdir, ignore_errors=True)
        outdir.mkdir(parents=True)
    with ThreadPoolExecutor(len(srcdirs)) as pool:
        futures = [
            pool.submit(build, srcdir, outdir, 1, python, env, outdir / "build.log")
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
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/callposts-pairs"))
    parser.add_argument("--json", type=Path, help="write every build's measures here")
    add_package_arguments(parser)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    env = package_env(args)
    mine, base = (VARIANTS[name] for name in args.variants)
    runs: dict[str, list[list[dict[str, object]]]] = {}
    print(f"| posts | pair | {mine.label} | {base.label} | CPU ratio | memory ratio |")
    print("|---|---|---|---|---|---|")
    for posts in args.posts:
        srcdirs = [fresh_synthetic(args.workdir, posts, v).srcdir for v in (mine, base)]
        ratios = []
        for number in range(1, args.times + 1):
            ours, theirs = build_pair(srcdirs, args.python, env)
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
