"""The cheap front-matter scan that orders the navigation before any post is read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timezone
from typing import TYPE_CHECKING

from .post import DATE_KEYS, normalise_keys, read_post

if TYPE_CHECKING:
    from datetime import datetime, tzinfo
    from pathlib import Path


@dataclass(frozen=True)
class Scanned:
    """What the navigation needs of a page, from its front matter alone."""

    mtime: int
    title: str = ""
    date: datetime | None = None
    draft: bool = False
    #: the front matter gives no date at all
    undated: bool = False


def scan_page(docname: str, path: Path, mtime: int, zone: tzinfo = timezone.utc) -> Scanned:
    """Read the front matter of one page, ignoring its problems (reading reports them).

    :param zone: the zone of dates without an offset, as the reading of the page has it
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return Scanned(mtime)
    front, post, _problems = read_post(docname, text, zone=zone)
    keys = normalise_keys(front.data)
    # a broken block or a bad date has been reported already, as such
    undated = not front.errors and not any(keys.get(key) not in (None, "") for key in DATE_KEYS)
    return Scanned(mtime, post.link_title, post.date, post.draft, undated)
