"""``sphinx-callposts new "Title"``: start the next call's post where the project keeps them.

The post goes beside the project's newest post, in a folder of the same shape (a year
folder, a month folder, a leaf bundle), with the front matter keys that post uses, or
those of the Hugo site's archetype when there is one.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import yaml

from .core.bundles import POST
from .core.conf import CONF_FILE, ConfError, Project, find_confdir
from .core.confine import lies_within, real_folders
from .core.frontmatter import read_front_matter
from .core.permalinks import short_segment, urlize
from .core.post import read_post

if TYPE_CHECKING:
    from collections.abc import Iterable

#: the folders of a project's docs that ``new`` looks in, run from the project's root
DOCS_FOLDERS = ("docs", "doc")
#: a Go template expression of an archetype, ``{{ .Date }}``
_TEMPLATE = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.DOTALL)
_TOKEN = "callposts-template-"
#: what a template the command cannot render gives
_UNKNOWN = object()
_TOKENS = re.compile(rf"{_TOKEN}(\d+){_TOKEN}")
_GO_FIELDS = re.compile(r"January|Jan|Monday|Mon|2006|06|01|02|15|03|04|05|PM|1|2|3")
#: Hugo's named date layouts
_GO_LAYOUTS = {
    ":date_full": "Monday, January 2, 2006",
    ":date_long": "January 2, 2006",
    ":date_medium": "Jan 2, 2006",
    ":date_short": "1/2/06",
}
_GLOB = re.compile(r"[*?\[]")
_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"\d{2}")
#: what urlize keeps that cannot be in one file name a web server serves
_SEPARATORS = re.compile(r"[/\\%#?]+")
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
    confdir = args.conf_dir or find_docs(Path.cwd())
    if confdir is None or not (confdir / CONF_FILE).is_file():
        parser.error(
            "no conf.py here or above, nor in ./docs or ./doc; name its folder with -c DIR"
        )
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
    if not lies_within(path, real_folders([project.srcdir / root])):
        print(f"{path} is not inside the posts' folder {root}: nothing written", file=sys.stderr)
        return 2
    if path.exists():
        print(f"{path} exists already; nothing written")
        return 1
    moment: date | datetime = datetime.combine(day, args.time) if args.time else day
    found = args.archetype or find_archetype(project.srcdir, root)
    archetype = read_archetype(found, args.title, moment)
    given = archetype.data if archetype else {}
    front = front_matter(args, moment, tuple(given) or (newest.keys if newest else ()), given)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(post_text(front, archetype.body if archetype else ""), encoding="utf-8")
    print(shown_path(path))
    if archetype and archetype.dropped:
        left_out = ", ".join(archetype.dropped)
        print(
            f"left out of the archetype {found}: {left_out} (templates it cannot fill)",
            file=sys.stderr,
        )
    if front.get("draft") is True:
        print(
            "draft: true, as the archetype gives it: the build leaves the post out of listings "
            "until you remove it (or set callposts_drafts = True)",
            file=sys.stderr,
        )
    return 0


def find_docs(folder: Path) -> Path | None:
    """The folder of the project's ``conf.py``: at or above ``folder``, else in its
    ``docs/`` or ``doc/`` folder, as run from the root of a project."""
    found = find_confdir(folder)
    if found is None:
        found = next(
            (folder / name for name in DOCS_FOLDERS if (folder / name / CONF_FILE).is_file()), None
        )
    return found


def shown_path(path: Path) -> Path:
    """``path`` from the current folder when it is below it, as the user typed theirs."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


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
    slug = file_slug(title)
    if newest is None:
        return root / f"{short_segment(f'{day.isoformat()}-{slug}')}.md"
    bundle = newest.path.stem == "index"
    folder = newest.path.parent.parent if bundle else newest.path.parent
    parts = list(PurePosixPath(folder.relative_to(root).as_posix()).parts)
    for index, part in enumerate(parts):
        if _YEAR.fullmatch(part) and part == f"{newest.date.year:04d}":
            parts[index] = f"{day.year:04d}"
        elif _MONTH.fullmatch(part) and part == f"{newest.date.month:02d}":
            parts[index] = f"{day.month:02d}"
    target = root.joinpath(*parts)
    if bundle:
        return target / short_segment(slug) / "index.md"
    return target / f"{short_segment(f'{day.isoformat()}-{slug}')}.md"


def file_slug(title: str) -> str:
    """The title as one safe path segment: Hugo's ``urlize``, its ``/`` and ``\\`` made
    ``-``, no dots or hyphens at either end of a part (no ``..``, no hidden file)."""
    parts = (part.strip(".-") for part in _SEPARATORS.split(urlize(title)))
    return "-".join(part for part in parts if part) or "call"


def find_archetype(srcdir: Path, root: str) -> Path | None:
    """A Hugo archetype for the posts' section (``archetypes/<section>.md``, else
    ``archetypes/default.md``), in the source folder or a folder above it."""
    section = root.rpartition("/")[2]
    for folder in [srcdir, *srcdir.parents]:
        for name in (f"{section}.md", "default.md"):
            if (folder / "archetypes" / name).is_file():
                return folder / "archetypes" / name
    return None


@dataclass(frozen=True)
class Archetype:
    """A Hugo archetype's front matter, its Go templates rendered for one new post.

    :param data: its keys in order, with the values it gives (templates rendered, keys
        whose template the command cannot render left out)
    :param dropped: the keys left out
    :param body: what follows its front matter, ``""`` when that holds a template
    """

    data: dict[str, Any]
    dropped: tuple[str, ...] = ()
    body: str = ""


def read_archetype(path: Path | None, title: str, moment: date | datetime) -> Archetype | None:
    """The archetype at ``path`` for a post of ``title`` at ``moment``, as ``hugo new``
    fills it: ``.Date`` is the call's date, ``.Name``, ``.File.ContentBaseName`` and
    ``.Title`` its title. ``None`` when there is none, or its front matter does not parse."""
    if path is None:
        return None
    expressions: list[str] = []

    def token(match: re.Match[str]) -> str:
        expressions.append(match[1])
        name = f"{_TOKEN}{len(expressions) - 1}{_TOKEN}"
        line = match.string[match.string.rfind("\n", 0, match.start()) + 1 : match.start()]
        # a bare template as a value is no YAML or TOML: it is quoted; in a string, left
        starts_value = _TEMPLATE.sub("", line).rstrip().endswith((":", "=", "-", "["))
        return f'"{name}"' if starts_value else name

    original = path.read_text(encoding="utf-8-sig")
    front = read_front_matter(_TEMPLATE.sub(token, original))
    if front.errors or not front.format:
        return None
    values = [_rendered(expression, title, moment) for expression in expressions]
    data = {key: _filled(value, values) for key, value in front.data.items()}
    dropped = tuple(key for key, value in data.items() if value is _UNKNOWN)
    body = "\n".join(original.split("\n")[front.lines :]).strip()
    return Archetype(
        {key: value for key, value in data.items() if key not in dropped},
        dropped,
        "" if "{{" in body else body,
    )


def _filled(value: Any, values: list[object]) -> Any:
    """``value`` with the archetype's templates replaced by what they render;
    ``_UNKNOWN`` when one of them cannot be."""
    if isinstance(value, (dict, list)):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        filled = {key: _filled(item, values) for key, item in items}
        if _UNKNOWN in filled.values():
            return _UNKNOWN
        return filled if isinstance(value, dict) else list(filled.values())
    if not isinstance(value, str) or _TOKEN not in value:
        return value
    parts = _TOKENS.split(value)
    rendered = [values[int(part)] if index % 2 else part for index, part in enumerate(parts)]
    if any(item is None for item in rendered):
        return _UNKNOWN
    if len(rendered) == 3 and rendered[0] == rendered[2] == "":
        return rendered[1]
    return "".join(str(item) for item in rendered)


def _rendered(expression: str, title: str, moment: date | datetime) -> object:
    """What one Go template expression of an archetype gives, ``None`` when unknown."""
    if re.search(r"\.(Name|Title|File\.\w*BaseName)\b", expression):
        return title
    if not re.search(r"\.(Date|PublishDate|Lastmod)\b", expression):
        return None
    layout = re.search(r'(?:time\.Format|dateFormat|\.Format)\s+"([^"]*)"', expression)
    if layout is None:
        return moment
    return go_time_format(_GO_LAYOUTS.get(layout[1], layout[1]), moment)


def go_time_format(layout: str, moment: date | datetime) -> str:
    """``moment`` in a Go layout (``January 2, 2006``), as Hugo's ``time.Format``."""
    when = moment if isinstance(moment, datetime) else datetime.combine(moment, time())
    fields = {
        "January": f"{when:%B}", "Jan": f"{when:%b}", "Monday": f"{when:%A}",
        "Mon": f"{when:%a}", "2006": f"{when:%Y}", "06": f"{when:%y}", "01": f"{when:%m}",
        "02": f"{when:%d}", "15": f"{when:%H}", "03": f"{when:%I}", "04": f"{when:%M}",
        "05": f"{when:%S}", "PM": f"{when:%p}", "1": str(when.month), "2": str(when.day),
        "3": str(when.hour % 12 or 12),
    }  # fmt: skip
    return _GO_FIELDS.sub(lambda match: fields[match[0]], layout)


def front_matter(
    args: argparse.Namespace,
    moment: date | datetime,
    keys: Iterable[str],
    given: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The new post's front matter: what the command knows, in the names and order of
    ``keys`` where they have one, over the values ``given`` by an archetype."""
    keys = list(keys)
    lowered = {key.lower(): key for key in keys}
    date_key = next((lowered[key] for key in ("date", "publishdate") if key in lowered), "date")
    values: dict[str, Any] = {**(given or {}), lowered.get("title", "title"): args.title}
    values[date_key] = moment
    values.update(
        (name, value) for name, value in (("join", args.join), ("duration", args.duration)) if value
    )
    if args.presenter:
        values[lowered.get("speakers", "presenters")] = list(args.presenter)
    if args.tag:
        values[lowered.get("tags", "tags")] = list(args.tag)
    order = {key: index for index, key in enumerate(keys)}
    return dict(sorted(values.items(), key=lambda item: order.get(item[0], len(order))))


def post_text(front: dict[str, Any], body: str = "") -> str:
    """The post's file: its front matter, and a note (an HTML comment) of what comes next
    above the archetype's body, if any."""
    head = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, default_flow_style=False)
    return f"---\n{head}---\n\n{NOTE}\n" + (f"\n{body}\n" if body else "")
