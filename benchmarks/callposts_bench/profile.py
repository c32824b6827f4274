"""The extension's own functions in a profiled build of synthetic posts.

::

    python -m callposts_bench.profile --posts 1000 10000 --variant callposts-sections

Each size is built once under ``cProfile``, timed by CPU time, in a fresh process; the table lists the functions of ``sphinx_callposts`` by their own
time and by their cumulative time, so that a step that grows faster than the number
of posts shows up as a row whose share grows from one size to the next.
"""

from __future__ import annotations

import argparse
import pstats
import subprocess
import sys
import time
from pathlib import Path

from .runs import PACKAGE, add_package_arguments, package_env
from .synthetic import fresh_synthetic
from .variants import VARIANTS

#: ``sphinx-build`` under cProfile timed by the process's CPU time, not the wall clock: on a
#: shared machine, time spent waiting for a core would land on whatever function was running
_PROFILED_BUILD = """\
import cProfile, sys, time
from sphinx.cmd.build import main
profile = cProfile.Profile(time.process_time)
code = profile.runcall(main, sys.argv[2:])
profile.dump_stats(sys.argv[1])
sys.exit(code)
"""


def profile_build(
    srcdir: Path, outdir: Path, stats: Path, python: str, env: dict[str, str]
) -> float:
    """Build ``srcdir`` under cProfile into ``stats``; return the wall time."""
    command = [python, "-c", _PROFILED_BUILD, str(stats), "-b", "html", "-q"]
    command += ["-d", str(outdir / ".doctrees"), str(srcdir), str(outdir)]
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=srcdir.parent, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def extension_rows(stats: Path, top: int) -> list[tuple[str, int, float, float]]:
    """``(function, calls, own seconds, cumulative seconds)`` of the extension's functions."""
    data = pstats.Stats(str(stats)).stats  # type: ignore[attr-defined]
    rows = []
    for (filename, line, name), (_cc, calls, own, cumulative, _callers) in data.items():
        if f"/{PACKAGE.name}/" not in filename.replace("\\", "/"):
            continue
        where = filename.replace("\\", "/").split(f"/{PACKAGE.name}/", 1)[1]
        rows.append((f"{where}:{line}:{name}", calls, own, cumulative))
    rows.sort(key=lambda row: -row[3])
    return rows[:top]


def main(argv: list[str] | None = None) -> int:
    """Profile one build per size and print the extension's heaviest functions."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--variant", choices=list(VARIANTS), default="callposts-sections")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/callposts-profile"))
    parser.add_argument("--top", type=int, default=25, help="rows per size")
    add_package_arguments(parser)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    env = package_env(args)
    variant = VARIANTS[args.variant]
    for posts in args.posts:
        project = fresh_synthetic(args.workdir, posts, variant)
        work = project.srcdir.parent
        stats = work / "build.prof"
        seconds = profile_build(project.srcdir, work / "out", stats, args.python, env)
        print(f"\n{posts} posts, {variant.label}: {seconds:.1f} s under the profiler ({stats})")
        total = max(row[3] for row in pstats.Stats(str(stats)).stats.values())  # type: ignore[attr-defined]
        print(f"CPU time of the whole build, as profiled: {total:.1f} s")
        print("| function | calls | own s | cumulative s |\n|---|---|---|---|")
        for name, calls, own, cumulative in extension_rows(stats, args.top):
            print(f"| `{name}` | {calls} | {own:.2f} | {cumulative:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
