"""``sphinx-callposts new "Title"``: start the next call's post where the project keeps them.

The post goes beside the project's newest post, in a folder of the same shape (a year
folder, a month folder, a leaf bundle), with the front matter keys that post uses, or
those of the Hugo site's archetype when there is one.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import yaml

from .core.bundles import POST
from .core.conf import CONF_FILE, ConfError, Project, find_confdir
from .core.frontmatter import read_front_matter
from .core.permalinks import urlize
from .core.post import read_post

if TYPE_CHECKING:
    from collections.abc import Iterable

_GLOB = re.compile(r"[*?\[]")
_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"\d{2}")
#: the body of a new post: nothing a reader sees until it is replaced
NOTE = (
    "<!-- What the call is about: its first words are the summary in listings. After the "
    "call, add its recording (the `recording` key, or a youtube shortcode). -->"
)


@dataclass(frozen=True)
class Newest:
    """The project's newest post: where it lies and what its front matter holds."""

    path: Path
    date: datetime
    keys: tuple[str, ...]


def add_new_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``new``."""
    parser.add_argument("title", help="the call's title")
    parser.add_argument("--date", type=date.fromisoformat, help="the day of the call (YYYY-MM-DD)")
    parser.add_argument("--time", type=time.fromisoformat, help="when it starts (HH:MM)")
    parser.add_argument("--join", metavar="URL", help="where to join the call")
    parser.add_argument("--duration", type=int, metavar="MINUTES", help="how long it lasts")
    parser.add_argument(
        "--presenter", action="append", default=[], metavar="NAME", help="who leads it (repeatable)"
    )
    parser.add_argument(
        "--tag", action="append", default=[], metavar="TAG", help="a tag (repeatable)"
    )
    parser.add_argument(
        "-c", "--conf-dir", type=Path, metavar="DIR", help="the folder of the project's conf.py"
    )
    parser.add_argument(
        "--archetype",
        type=Path,
        metavar="FILE",
        help="a Hugo archetype whose front matter keys to use",
    )


def run_new(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Write the post and print its path; 1 when the file exists already."""
    confdir = args.conf_dir or find_confdir(Path.cwd())
    if confdir is None or not (confdir / CONF_FILE).is_file():
        parser.error("no conf.py here or above; name its folder with -c DIR")
    try:
        project = Project.load(confdir)
    except ConfError as exc:
        parser.error(f"cannot read the project's conf.py: {exc}")
    root = posts_root(project.patterns)
    if root is None:
        parser.error("callposts_pattern names no folder of posts")
    day = args.date or date.today()
    newest = newest_post(project)
    path = new_post_path(project.srcdir / root, newest, day, args.title)
    if path.exists():
        print(f"{path} exists already; nothing written")
        return 1
    keys = archetype_keys(args.archetype or find_archetype(project.srcdir, root))
    front = front_matter(args, day, keys or (newest.keys if newest else ()))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(post_text(front), encoding="utf-8")
    print(path)
    return 0


def posts_root(patterns: Iterable[str]) -> str | None:
    """The folder of the first pattern of ``callposts_pattern`` before any wildcard."""
    for pattern in patterns:
        folder = _GLOB.split(pattern, maxsplit=1)[0].rpartition("/")[0]
        if folder:
            return folder
    return None


def newest_post(project: Project) -> Newest | None:
    """The post with the latest date, read as the build reads it."""
    newest: Newest | None = None
    suffix = project.markdown_suffixes[0]
    for docname, kind in project.page_kinds().items():
        if kind != POST:
            continue
        path = project.srcdir / f"{docname}{suffix}"
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        front, post, _problems = read_post(docname, text)
        if post.date and (newest is None or post.date > newest.date):
            newest = Newest(path, post.date, tuple(front.data))
    return newest


def new_post_path(root: Path, newest: Newest | None, day: date, title: str) -> Path:
    """Where the post goes: beside the newest post, its year and month folders moved to ``day``.

    A leaf bundle makes a leaf bundle (``slug/index.md``); a file is named
    ``YYYY-MM-DD-slug.md``.
    """
    slug = urlize(title) or "call"
    if newest is None:
        return root / f"{day.isoformat()}-{slug}.md"
    bundle = newest.path.stem == "index"
    folder = newest.path.parent.parent if bundle else newest.path.parent
    parts = list(PurePosixPath(folder.relative_to(root).as_posix()).parts)
    for index, part in enumerate(parts):
        if _YEAR.fullmatch(part) and part == f"{newest.date.year:04d}":
            parts[index] = f"{day.year:04d}"
        elif _MONTH.fullmatch(part) and part == f"{newest.date.month:02d}":
            parts[index] = f"{day.month:02d}"
    target = root.joinpath(*parts)
    return target / slug / "index.md" if bundle else target / f"{day.isoformat()}-{slug}.md"


def find_archetype(srcdir: Path, root: str) -> Path | None:
    """A Hugo archetype for the posts' section (``archetypes/<section>.md``, else
    ``archetypes/default.md``), in the source folder or a folder above it."""
    section = root.rpartition("/")[2]
    for folder in [srcdir, *srcdir.parents]:
        for name in (f"{section}.md", "default.md"):
            if (folder / "archetypes" / name).is_file():
                return folder / "archetypes" / name
    return None


def archetype_keys(path: Path | None) -> tuple[str, ...]:
    """The top-level front matter keys of an archetype (its values are Go templates)."""
    if path is None:
        return ()
    text = path.read_text(encoding="utf-8")
    # the templates' braces are no YAML: keep the keys of its lines
    head = text.split("---")[1] if text.startswith("---") else ""
    keys = [line.split(":", 1)[0].strip() for line in head.splitlines() if re.match(r"\w+:", line)]
    return tuple(keys) or tuple(read_front_matter(text).data)


def front_matter(args: argparse.Namespace, day: date, keys: Iterable[str]) -> dict[str, Any]:
    """The new post's front matter, in the names and order of ``keys`` where they have one."""
    keys = list(keys)
    lowered = {key.lower(): key for key in keys}
    date_key = next((lowered[key] for key in ("date", "publishdate") if key in lowered), "date")
    moment: date | datetime = datetime.combine(day, args.time) if args.time else day
    values: dict[str, Any] = {"title": args.title, date_key: moment}
    values.update(
        (name, value) for name, value in (("join", args.join), ("duration", args.duration)) if value
    )
    if args.presenter:
        values[lowered.get("speakers", "presenters")] = list(args.presenter)
    if args.tag:
        values[lowered.get("tags", "tags")] = list(args.tag)
    order = {key: index for index, key in enumerate(keys)}
    return dict(sorted(values.items(), key=lambda item: order.get(item[0], len(order))))


def post_text(front: dict[str, Any]) -> str:
    """The post's file: its front matter, and a note (an HTML comment) of what comes next."""
    head = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, default_flow_style=False)
    return f"---\n{head}---\n\n{NOTE}\n"
