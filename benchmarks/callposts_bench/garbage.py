"""A build's CPU time by phase, with the share of Python's garbage collector.

::

    python -m callposts_bench.garbage --posts 1000 10000 \\
        --variants callposts-sections myst-listing

Each build runs in a fresh process, one after another, ``-j 1``. For each phase (setup,
reading, writing the pages, finishing: the extra pages and the files written at
``build-finished``) the table gives its CPU time, the collector's part of it, the full
collections, the objects that young collections promoted to the oldest generation, and
the peak memory reached by the phase's end (where the build's peak is).

Why these: CPython starts a full collection, a walk of the whole heap, once the objects
promoted since the last one reach a quarter of the heap. A docutils tree is cyclic
(parents and children), so the nodes a build makes for a page that is then written live
until such a walk; the more nodes a phase makes, the more full collections it pays, each
as long as the heap is large.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from .runs import add_package_arguments, package_env
from .synthetic import fresh_synthetic
from .variants import VARIANTS

#: ``sphinx-build`` with the collector watched by ``gc.callbacks``; prints JSON on the last line
_WATCHED_BUILD = """\
import gc, json, resource, sys, time
from sphinx.builders import Builder
from sphinx.cmd.build import main

phases = {name: {"cpu": 0.0, "gc": 0.0, "full": 0, "promoted": 0, "peak": 0} for name in ("setup", "read", "write", "finish")}
now = ["setup", time.process_time()]
started = [0.0, 0]

def enter(name):
    clock = time.process_time()
    phases[now[0]]["cpu"] += clock - now[1]
    phases[now[0]]["peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    now[:] = [name, clock]

def watch(stage, info):
    if stage == "start":
        # a generation-1 collection moves its survivors to the oldest generation
        young = info["generation"] == 1
        started[:] = [time.process_time(), young and sum(map(len, map(gc.get_objects, (0, 1))))]
        return
    phase = phases[now[0]]
    phase["gc"] += time.process_time() - started[0]
    if info["generation"] == 2:
        phase["full"] += 1
    elif started[1]:
        phase["promoted"] += started[1] - info["collected"]

def phase_of(method, name, after):
    def run(*args, **kwargs):
        enter(name)
        try:
            return method(*args, **kwargs)
        finally:
            enter(after)
    return run

Builder.read = phase_of(Builder.read, "read", "write")
Builder.write = phase_of(Builder.write, "write", "finish")
gc.callbacks.append(watch)
code = main(sys.argv[1:])
enter("finish")
print(json.dumps(phases))
sys.exit(code)
"""


def watched_build(srcdir: Path, outdir: Path, python: str, env: dict[str, str]) -> dict:
    """Build ``srcdir`` from scratch; ``phase -> {cpu, gc, full, promoted, peak}``.

    ``peak`` is the process's peak memory (MiB) by the end of the phase.
    """
    command = [python, "-c", _WATCHED_BUILD, "-b", "html", "-q", "-j", "1", "-E"]
    command += ["-d", str(outdir / ".doctrees"), str(srcdir), str(outdir)]
    done = subprocess.run(
        command, check=True, env=env, cwd=srcdir.parent, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def total(phases: dict[str, dict]) -> dict[str, float]:
    """A build's sums over its phases, and its peak memory."""
    return {
        key: (max if key == "peak" else sum)(phase[key] for phase in phases.values())
        for key in phases["read"]
    }


def table(rows: list[tuple[int, str, dict]]) -> str:
    """The Markdown table of every build's phases, with a total per build."""
    lines = [
        (
            "| posts | variant | phase | CPU s | of which collector s | full collections "
            "| promoted | peak memory by its end, MiB |"
        ),
        "|---|---|---|---|---|---|---|---|",
    ]
    for posts, label, phases in rows:
        for name, phase in [*phases.items(), ("total", total(phases))]:
            lines.append(
                f"| {posts} | {label} | {name} | {phase['cpu']:.1f} | {phase['gc']:.1f} "
                f"| {phase['full']} | {phase['promoted']:,} | {phase['peak']} |"
            )
    return "\n".join(lines)


def ratios(rows: list[tuple[int, str, dict]]) -> list[str]:
    """Per size, the first variant's CPU time over the second's, with and without the collector."""
    lines = []
    for posts in dict.fromkeys(posts for posts, _label, _phases in rows):
        builds = [phases for size, _label, phases in rows if size == posts][:2]
        if len(builds) < 2:
            continue
        ours, theirs = map(total, builds)
        without = (ours["cpu"] - ours["gc"]) / (theirs["cpu"] - theirs["gc"])
        lines.append(
            f"{posts} posts: CPU ratio x{ours['cpu'] / theirs['cpu']:.3f}, "
            f"without the collector x{without:.3f}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Build each variant at each size once and print where the CPU time went."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument(
        "--variants", nargs="+", choices=list(VARIANTS), default=["callposts-sections"]
    )
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "callposts-gc"
    )
    parser.add_argument("--json", type=Path, help="write every build's phases here")
    add_package_arguments(parser)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    env = package_env(args)
    rows = []
    for posts in args.posts:
        for name in args.variants:
            project = fresh_synthetic(args.workdir, posts, VARIANTS[name])
            phases = watched_build(project.srcdir, project.srcdir.parent / "out", args.python, env)
            rows.append((posts, VARIANTS[name].label, phases))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print(table(rows))
    print(*ratios(rows), sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
