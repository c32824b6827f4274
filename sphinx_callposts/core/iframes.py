"""YouTube iframes in raw HTML: where they stand and what video they play.

An old post's ``<iframe src="https://www.youtube.com/embed/ID?start=30">`` loads
YouTube when the page is viewed; the extension makes each such iframe its own player,
which does not. Pure Python, no Sphinx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .text import TAG_ATTRIBUTES, tag_attributes
from .video import Video, parse_video

if TYPE_CHECKING:
    from collections.abc import Iterator

_IFRAME = re.compile(
    rf"<iframe(?=[\s/>])(?P<attributes>{TAG_ATTRIBUTES})>(?:\s*</iframe\s*>)?", re.IGNORECASE
)
_CLOSING = re.compile(r"\s*</iframe\s*>\s*", re.IGNORECASE)
#: the title YouTube's "Share > Embed" code gives every video: no title of the video's own
_GENERIC_TITLE = "youtube video player"
#: the path of a playlist's player, eleven characters as an id is
_PLAYLIST = "videoseries"


@dataclass(frozen=True)
class YouTubeIframe:
    """A YouTube iframe in some markup.

    :param start: where its tags begin in the markup
    :param end: where they end (after ``</iframe>`` when it follows)
    :param title: the iframe's own title, ``""`` for none or YouTube's generic one
    """

    start: int
    end: int
    video: Video
    title: str


def youtube_iframes(markup: str) -> Iterator[YouTubeIframe]:
    """Each iframe of ``markup`` that plays a YouTube video; other iframes are not found."""
    for match in _IFRAME.finditer(markup):
        attributes = attributes_of(match.group("attributes"))
        src = attributes.get("src", "").strip()
        if src.startswith("//"):
            src = "https:" + src
        if not _is_youtube(src):
            continue
        try:
            video = parse_video(src)
        except ValueError:  # a channel, say: no one video to play
            continue
        if video.id == _PLAYLIST:
            continue
        title = " ".join(attributes.get("title", "").split())
        if title.casefold() == _GENERIC_TITLE:
            title = ""
        yield YouTubeIframe(match.start(), match.end(), video, title)


def is_closing_iframe(markup: str) -> bool:
    """Whether ``markup`` is nothing but ``</iframe>``."""
    return _CLOSING.fullmatch(markup) is not None


def attributes_of(text: str) -> dict[str, str]:
    """``name -> value`` of the attributes of a tag, entities decoded; the first of a name wins."""
    found: dict[str, str] = {}
    for attribute in tag_attributes(text):
        found.setdefault(attribute.name, attribute.value)
    return found


def _is_youtube(src: str) -> bool:
    host = src.partition("//")[2].split("/", 1)[0].lower() if "//" in src else ""
    return host.removeprefix("www.") in {"youtube.com", "youtube-nocookie.com"}
