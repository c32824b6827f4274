"""The tables of the results (Markdown), and the builds as JSON to merge runs later."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import time
from typing import TYPE_CHECKING

from .runs import KINDS, PACKAGE, REPO, Build, Results, static_sizes
from .variants import VARIANTS, Variant

if TYPE_CHECKING:
    import argparse
    from pathlib import Path


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
    which = ["--dirty"] if args.working_tree else [getattr(args, "commit", "HEAD")]
    head = subprocess.run(
        ["git", "-C", str(REPO), "describe", "--always", *which],
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


def scale_table(results: Results, sizes: list[int], variants: list[Variant]) -> str:
    """The full ``-j 1`` builds as the posts grow: each variant against its base, one row per
    size, with each ratio's change since the smallest size.

    The ratios are of medians: wall time, CPU time (user and system, steadier when other
    work shares the machine) and peak memory.
    """
    kind = "full -j 1"
    compared = [v for v in variants if v.base != v.name]
    header = "posts | variant | wall time (base) | wall ratio | CPU time (base) | CPU ratio"
    header += " | peak memory (base) | memory ratio"
    lines = [f"| {header} |", "|---|---|---|---|---|---|---|---|"]
    first: dict[tuple[str, str], float] = {}

    def ratio(name: str, what: str, value: float) -> str:
        text = f"x{value:.3f}"
        if (name, what) in first:
            text += f" ({(value / first[name, what] - 1) * 100:+.1f} %)"
        else:
            first[name, what] = value
        return text

    for size in sizes:
        for variant in compared:
            builds = results.runs.get((size, variant.name, kind))
            base = results.runs.get((size, variant.base, kind))
            if not builds or not base:
                continue
            cells = [f"{size}", variant.label]
            for what, unit in (("seconds", "s"), ("cpu_seconds", "s"), ("max_rss_mib", "MiB")):
                mine, theirs = median(builds, what), median(base, what)
                if not theirs:
                    cells += ["-", "-"]
                    continue
                digits = 0 if unit == "MiB" else 1
                cells.append(f"{mine:.{digits}f} {unit} ({theirs:.{digits}f} {unit})")
                cells.append(ratio(variant.name, what, mine / theirs))
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def to_json(results: Results, header: str) -> str:
    """Every build and remark, for ``--from-json``."""
    return json.dumps(
        {
            "header": header,
            "runs": {
                f"{s}|{v}|{k}": [b.__dict__ for b in r] for (s, v, k), r in results.runs.items()
            },
            "docs": {f"{s}|{v}": n for (s, v), n in results.docs.items()},
            "notes": {f"{s}|{v}": n for (s, v), n in results.notes.items()},
        },
        indent=1,
    )


def load_json(results: Results, text: str) -> str:
    """Add the builds of a ``--json`` file to ``results``; return its header."""
    data = json.loads(text)
    data = data if "runs" in data else {"runs": data}  # the first files held runs only
    for key, builds in data["runs"].items():
        size, variant, kind = key.split("|")
        for fields in builds:
            results.add(int(size), variant, kind, Build(**fields))
    for key, count in data.get("docs", {}).items():
        size, variant = key.split("|")
        results.docs[int(size), variant] = count
    for key, notes in data.get("notes", {}).items():
        size, variant = key.split("|")
        for note in notes:
            results.note(int(size), variant, note)
    return data.get("header", "")
