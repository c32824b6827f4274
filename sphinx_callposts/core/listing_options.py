"""The options of a listing that choose what its table shows: columns, words, title, days."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
