"""The command line: make the projects, build them alternating the variants, write the tables.

::

    python -m callposts_bench --quick
    python -m callposts_bench --sizes 250 1000 --repeat 3
    python -m callposts_bench --scale          # 1,000 to 10,000 small synthetic posts

(from the ``benchmarks`` folder, or with it on ``PYTHONPATH``; ``tox -e bench`` does that)
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from .replica import DEFAULT_CORPUS, copies_for, make_project
from .report import describe_machine, load_json, scale_table, table, to_json
from .runs import (
    HERE,
    PACKAGE,
    Results,
    add_package_arguments,
    available,
    build_env,
    run_variant,
    snapshot_package,
)
from .synthetic import make_synthetic
from .variants import DEFAULT_VARIANTS, SCALE_VARIANTS, VARIANTS

#: the sizes of ``--scale``
SCALE_SIZES = [1000, 2500, 5000, 10000]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=None, help="posts (default: 250 1000)"
    )
    parser.add_argument(
        "--repeat", type=int, default=None, help="repetitions, medians (default: 3)"
    )
    parser.add_argument(
        "--repeat-large",
        type=int,
        default=None,
        help="repetitions at sizes of 500 posts and more (default: --repeat)",
    )
    parser.add_argument("--variants", nargs="+", choices=list(VARIANTS), default=None)
    parser.add_argument("--quick", action="store_true", help="one copy of the corpus, once")
    parser.add_argument("--full-only", action="store_true", help="no incremental builds")
    parser.add_argument("--no-parallel", action="store_true", help="no -j 2 build")
    parser.add_argument(
        "--synthetic",
        action="store_true",
        help="small synthetic posts (synthetic.py) rather than copies of the corpus",
    )
    parser.add_argument(
        "--scale",
        action="store_true",
        help="1,000 to 10,000 synthetic posts, full -j 1 builds of plain MyST and"
        " sphinx-callposts (flat and year sections), once each",
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--workdir", type=Path, default=None, help="default: a temporary one")
    parser.add_argument("--keep", action="store_true", help="keep the projects and outputs")
    add_package_arguments(parser)
    parser.add_argument(
        "--installed",
        action="store_true",
        help="build with the installed sphinx_callposts, not a snapshot of the committed one",
    )
    parser.add_argument("--output", type=Path, default=HERE.parent / "results.md")
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
    if args.scale:
        args.synthetic = args.full_only = args.no_parallel = True
    args.sizes = args.sizes or (SCALE_SIZES if args.scale else [250, 1000])
    args.variants = args.variants or (SCALE_VARIANTS if args.scale else DEFAULT_VARIANTS)
    args.repeat = args.repeat or (1 if args.scale else 3)
    return args


def merge_json(args: argparse.Namespace) -> int:
    """Print and save one table from the builds of several runs."""
    results = Results()
    headers = [load_json(results, path.read_text(encoding="utf-8")) for path in args.from_json]
    names = {variant for _size, variant, _kind in results.runs}
    variants = [v for name, v in VARIANTS.items() if name in names]
    sizes = sorted({size for size, _variant, _kind in results.runs})
    text = "\n".join(f"- {h}" for h in dict.fromkeys(filter(None, headers)))
    text += "\n\n" + table(results, sizes, variants) + "\n" + scale_table(results, sizes, variants)
    print(text)
    args.output.write_text(text, encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Make the projects, build them alternating the variants, print and save the table."""
    args = parse_args(argv)
    if args.from_json:
        return merge_json(args)
    if not args.synthetic and not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    temporary = None
    if args.workdir is None:
        temporary = tempfile.TemporaryDirectory(prefix="callposts-bench-")
        args.workdir = Path(temporary.name)
    args.workdir.mkdir(parents=True, exist_ok=True)
    snapshot = (
        None if args.installed else snapshot_package(args.workdir, args.working_tree, args.commit)
    )
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
        if args.synthetic:
            size = size or 100
            projects = {
                v.name: make_synthetic(args.workdir / f"pristine-{size}-{v.name}", size, v)
                for v in variants
            }
            made = "synthetic"
        else:
            copies = 1 if size == 0 else copies_for(args.corpus, size)
            projects = {
                v.name: make_project(
                    args.corpus, args.workdir / f"pristine-{copies}-{v.name}", copies, v
                )
                for v in variants
            }
            made = f"{copies} copies"
        posts = len(next(iter(projects.values())).posts)
        sizes.append(posts)
        repeat = args.repeat_large if args.repeat_large and posts >= 500 else args.repeat
        print(f"{posts} posts ({made}), {repeat} repetitions", flush=True)
        for rep in range(repeat):
            for variant in variants:  # alternating: A B C ... A B C ...
                run_variant(args, posts, variant, projects[variant.name], rep, env, results)
                if args.json:  # what is done so far, should the run be stopped
                    args.json.write_text(to_json(results, header), encoding="utf-8")
        for project in projects.values():
            shutil.rmtree(project.srcdir, ignore_errors=True)

    package = snapshot / PACKAGE.name if snapshot else PACKAGE
    text = f"{header}\n\n" + table(results, sizes, variants, package)
    text += "\n" + scale_table(results, sizes, variants)
    print("\n" + text)
    args.output.write_text(text, encoding="utf-8")
    if args.json:
        args.json.write_text(to_json(results, header), encoding="utf-8")
    if temporary is not None and not args.keep:
        temporary.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
