"""The cheap front-matter scan that orders the navigation before any post is read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timezone
from typing import TYPE_CHECKING

from .confine import RefusedFileError, read_confined, real_folders
from .markdown import embedded_files
from .post import DATE_KEYS, normalise_keys, parse_post

if TYPE_CHECKING:
    from datetime import datetime, tzinfo
    from pathlib import Path

    from .frontmatter import FrontMatter
    from .post import Parsed, Post


#: the warning about a post without a date
NO_DATE = "the post has no 'date' (nor 'publishDate'); listings show it last"
#: the same, about a call that its ``callDate`` dates in listings
NO_DATE_BUT_CALL_DATE = (
    "the post has no 'date' (nor 'publishDate'): listings show it at its 'callDate', "
    "but it has no feed entry and no publication date"
)


def no_date_message(post: Post) -> str:
    """What the warning about a post without a date says: where listings show it."""
    return NO_DATE_BUT_CALL_DATE if post.listed_date else NO_DATE


@dataclass(frozen=True)
class Scanned:
    """What the navigation needs of a page, from its front matter alone."""

    mtime: int
    title: str = ""
    date: datetime | None = None
    draft: bool = False
    #: the front matter gives no date at all
    undated: bool = False


#: the mtime of a page whose post is another file: scanned again in every build
EMBEDDING = -1


def scan_page(
    docname: str,
    path: Path,
    mtime: int,
    zone: tzinfo = timezone.utc,
    srcdir: Path | None = None,
    folders: tuple[str, ...] = (),
    parsed: dict[str, tuple[str, Parsed]] | None = None,
) -> Scanned:
    """Read the front matter of one page, ignoring its problems (reading reports them).

    A page without front matter whose ``{callpost}`` directive embeds a post file is
    that post, as the page the build makes of it is: its title, date and draft.

    :param zone: the zone of dates without an offset, as the reading of the page has it
    :param srcdir: where an embedded path starting with ``/`` is found
    :param folders: where an embedded file may lie (default: ``srcdir``), see :mod:`.confine`
    :param parsed: takes ``docname -> (text, what it parsed into)``, for the page's reading
        to use rather than parse the front matter again
    """
    text = _read(path)
    if text is None:
        return Scanned(mtime)
    front, post, problems = parse_post(docname, text, zone)
    if parsed is not None:
        parsed[docname] = (text, (front, post, problems))
    embeds = [] if front.format else embedded_files(text)
    if embeds:
        argument = embeds[0][1]
        target = (
            (srcdir or path.parent) / argument.lstrip("/")
            if argument.startswith("/")
            else path.parent / argument
        )
        try:
            embedded = read_confined(target, folders or real_folders([srcdir or path.parent]))
        except (RefusedFileError, OSError, UnicodeDecodeError):
            embedded = None  # reading the page reports it
        if embedded is not None:
            front, post, _problems = parse_post(docname, embedded, zone)
            mtime = EMBEDDING
    return Scanned(mtime, post.link_title, post.date, post.draft, gives_no_date(front))


def gives_no_date(front: FrontMatter) -> bool:
    """Whether front matter gives no date key at all (:func:`no_date_message`).

    A broken block or a bad date is reported already, as such.
    """
    keys = normalise_keys(front.data)
    return not front.errors and not any(keys.get(key) not in (None, "") for key in DATE_KEYS)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
