"""The options of a listing that choose what its table shows: columns, words, title, days."""

from __future__ import annotations

import posixpath
from datetime import date
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Any

from .values import parse_bool

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .post import Post

#: the columns a table may show, in the words of the ``columns`` option
COLUMNS = (
    "date", "time", "topic", "speakers", "recording", "summary", "tags", "join",
    "slides", "notes", "agenda",
)  # fmt: skip
#: the table that projects keep by hand
DEFAULT_COLUMNS = ("topic", "speakers", "date", "recording", "summary")


def titles_of(post: Post) -> tuple[str, ...]:
    """The title and the short title of a post."""
    return tuple(dict.fromkeys(text for text in (post.title, post.link_title) if text))


def parse_columns(text: str) -> tuple[str, ...]:
    """The columns of a comma list, in its order, each once.

    :raises ValueError: for an unknown column or an empty list
    """
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in COLUMNS]
    if unknown or not names:
        raise ValueError(
            f"unknown column(s) {', '.join(map(repr, unknown)) or '(none given)'}; "
            f"choose from {', '.join(COLUMNS)}"
        )
    return tuple(dict.fromkeys(names))


def parse_headers(text: str, columns: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``:headers:``: the ``(column, heading)`` pairs that rename a table's headings.

    The text is a heading per column in the order of ``columns`` (``Meeting, , Held on``:
    an empty one, and the columns after the last, keep theirs), or ``column=Heading`` items that name the columns
    they rename. What fits neither is left out; :func:`header_problems` says why.
    """
    items = text.split(",")
    if not any("=" in item for item in items):
        named = zip(columns, items, strict=False)
        return tuple((name, item.strip()) for name, item in named if item.strip())
    pairs = (item.partition("=") for item in items)
    found = {
        name.strip().lower(): heading.strip()
        for name, equals, heading in pairs
        if equals and heading.strip() and name.strip().lower() in COLUMNS
    }
    return tuple(found.items())


def header_problems(text: str, columns: tuple[str, ...], style: str) -> list[str]:
    """What is wrong with a ``:headers:`` value, for a table of these columns."""
    if style != "table":
        return [":headers: names a table's headings: it needs :style: table"]
    items = text.split(",")
    if not any("=" in item for item in items):
        if len(items) <= len(columns):
            return []
        shown = f"{len(columns)} columns ({', '.join(columns)})"
        return [
            f":headers: gives {len(items)} headings for the {shown}; the ones beyond are left out"
        ]
    problems = []
    for item in filter(str.strip, items):
        name, equals, heading = (part.strip() for part in item.partition("="))
        if not equals or not name or not heading:
            problems.append(f":headers: {item.strip()!r} is not column=Heading")
        elif name.lower() not in COLUMNS:
            problems.append(f":headers: unknown column {name!r}; choose from {', '.join(COLUMNS)}")
        elif name.lower() not in columns:
            problems.append(f":headers: the table does not show the column {name!r}")
    return problems


def subscribe_option(value: str | None) -> bool | None:
    """``:subscribe:``, yes or no in the words of :func:`.values.parse_bool`; None for
    any other value, empty included (the Subscribe line then shows)."""
    try:
        return parse_bool(value)
    except ValueError:
        return None


def strip_title(title: str, prefix: str) -> str:
    """A title without ``prefix``: a text or a glob, matched at its start, any case.

    A glob takes the shortest start it matches (``* - `` ends at the first " - "); a
    title that would be left empty is kept whole.
    """
    pattern = prefix.strip().casefold()
    if not pattern:
        return title
    folded = title.casefold()
    if not any(char in pattern for char in "*?["):
        cut = len(pattern) if folded.startswith(pattern) else 0
    else:
        cut = next(
            (end for end in range(1, len(title) + 1) if fnmatchcase(folded[:end], pattern)), 0
        )
    return title[cut:].lstrip() or title


def parse_day(text: str) -> date:
    """A ``YYYY-MM-DD`` day.

    :raises ValueError: for anything else
    """
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a day written YYYY-MM-DD") from None


def cut_words(text: str, words: int | None) -> str:
    """The first ``words`` words of ``text``, with an ellipsis when cut (None: all of it)."""
    if words is None:
        return text
    found = text.split()
    if len(found) <= words:
        return " ".join(found)
    return " ".join(found[:words]) + " …" if words else ""


def listed_folder(value: str, docname: str) -> str | None:
    """The folder that ``:section:`` names, or None outside the documentation.

    A leading ``/`` starts from the source root, else the path starts from the page's
    folder; naming a section page (``calls/_index``) names its folder.

    :param docname: the page of the listing
    """
    path = value.strip()
    if path.startswith("/"):
        path = path.lstrip("/")
    else:
        path = posixpath.join(posixpath.dirname(docname), path)
    path = posixpath.normpath(path) if path else ""
    if path in {".", ""}:
        return ""
    if path.startswith(".."):
        return None
    if posixpath.basename(path) in {"_index", "index"}:
        path = posixpath.dirname(path)
    return path


def listing_problems(options: Mapping[str, Any], docname: str | None) -> list[str]:
    """What the build warns about a ``callposts`` directive's options, page by page.

    Whether a section holds posts with the tags asked for is a question about the whole
    project, answered when the listing is resolved.

    :param options: the directive's options, as docutils hands them over
    :param docname: the page of the listing; ``None``: unknown, ``:section:`` is not checked
    """
    value = options.get("section")
    if value is not None and docname is not None and listed_folder(value, docname) is None:
        # the listing is dropped, so its other options are not looked at
        return [f":section: {value!r} is outside the documentation"]
    problems = []
    since, until = options.get("from"), options.get("until")
    if since and until and since > until:
        dates = f":from: {since.isoformat()} is after :until: {until.isoformat()}"
        problems.append(f"{dates}: the listing is empty")
    if "headers" in options:
        columns = options.get("columns", DEFAULT_COLUMNS)
        problems += header_problems(options["headers"] or "", columns, options.get("style", "list"))
    if "title-strip" in options and not (options["title-strip"] or "").strip():
        problems.append(":title-strip: is empty: give the start of titles to leave out")
    subscribe = (options.get("subscribe") or "").strip().lower()
    if "subscribe" in options and subscribe_option(subscribe) is None:
        problems.append(f":subscribe: {subscribe!r} is neither yes nor no: the link is shown")
    return problems
