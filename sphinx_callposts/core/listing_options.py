"""The options of a listing that choose what its table shows: columns, words, title, days."""

from __future__ import annotations

import posixpath
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .post import Post

#: the columns a table may show, in the words of the ``columns`` option
COLUMNS = ("date", "time", "topic", "speakers", "recording", "summary", "tags", "join")
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
    since, until = options.get("from"), options.get("until")
    if since and until and since > until:
        dates = f":from: {since.isoformat()} is after :until: {until.isoformat()}"
        return [f"{dates}: the listing is empty"]
    return []
