"""YouTube ids and URLs, player times and flags: what a recording reference means."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlencode, urlsplit

from .values import parse_bool

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

EMBED_HOST = "https://www.youtube-nocookie.com/embed/"
WATCH_URL = "https://www.youtube.com/watch?v="
THUMBNAIL_URL = "https://i.ytimg.com/vi/{id}/hqdefault.jpg"
IFRAME_ALLOW = (
    "accelerometer; autoplay; clipboard-write; encrypted-media; "
    "gyroscope; picture-in-picture; web-share; fullscreen"
)
VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
#: an id followed by a query or a fragment, as Hugo's youtube shortcode accepts it
_ID_WITH_QUERY = re.compile(r"(?P<id>[A-Za-z0-9_-]{11})(?P<query>[?&#].*)")
_YOUTUBE_HOSTS = {"youtube.com", "m.youtube.com", "music.youtube.com", "youtube-nocookie.com"}
_PATH_PREFIXES = ("embed", "shorts", "live", "v", "e")
_DURATION = re.compile(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", re.IGNORECASE)
_CLOCK = re.compile(r"(?:(\d+):)?(\d{1,2}):(\d{1,2})")
_ASPECT = re.compile(r"\s*(\d{1,4}(?:\.\d{1,3})?)\s*[:/x]\s*(\d{1,4}(?:\.\d{1,3})?)\s*")
DEFAULT_ASPECT = "16:9"
#: ``Title <target>``, as Sphinx's ``split_explicit_title`` reads a role's text
_EXPLICIT_TITLE = re.compile(r"^(.+?)\s*(?<!\x00)<([^<]*?)>$", re.DOTALL)


@dataclass(frozen=True)
class Video:
    """A YouTube video reference: its id, and the player parameters its URL carried."""

    id: str
    start: int = 0
    end: int = 0
    autoplay: bool = False
    mute: bool = False
    loop: bool = False
    controls: bool = True

    @property
    def watch_url(self) -> str:
        """The public ``watch?v=`` page, with the start time."""
        return WATCH_URL + self.id + (f"&t={self.start}s" if self.start else "")

    @property
    def url(self) -> str:
        """The shortest id or URL that :func:`parse_video` reads back as this video."""
        params = {
            "start": self.start,
            "end": self.end,
            "autoplay": int(self.autoplay),
            "mute": int(self.mute),
            "loop": int(self.loop),
            "controls": "0" if not self.controls else None,
        }
        query = urlencode({key: value for key, value in params.items() if value})
        return f"https://www.youtube.com/embed/{self.id}?{query}" if query else self.id


VIDEO_FIELDS = tuple(field.name for field in fields(Video))


def parse_time(value: str | int) -> int:
    """Seconds from ``90``, ``90s``, ``1h2m3s`` or ``1:02:03``.

    :raises ValueError: for anything else
    """
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    for pattern in (_DURATION, _CLOCK):
        match = pattern.fullmatch(text)
        if match and text and any(match.groups()):
            hours, minutes, seconds = (int(part or 0) for part in match.groups())
            return hours * 3600 + minutes * 60 + seconds
    raise ValueError(f"{text!r} is not a time (use seconds or 1h2m3s)")


def parse_video(value: str) -> Video:
    """A :class:`Video` from an 11-character id or a YouTube URL.

    Accepts ``youtube.com/watch?v=``, ``youtu.be/``, ``/embed/``, ``/shorts/`` and
    ``/live/`` URLs, with ``t=`` or ``start=`` as the start; also an id followed by
    such a query (``ID?start=953``, ``ID&t=1h2m3s``), which Hugo passes to the player.

    :raises ValueError: for anything else, with the reason
    """
    text = value.strip()
    if VIDEO_ID.fullmatch(text):
        return Video(text)
    with_query = _ID_WITH_QUERY.fullmatch(text)
    if with_query:
        query = with_query["query"].lstrip("?&")
        text = f"https://www.youtube.com/watch?v={with_query['id']}&{query}"
    if "://" not in text and re.match(
        r"(?:[\w-]+\.)*(?:youtube(?:-nocookie)?\.com|youtu\.be)/", text
    ):
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        raise ValueError(f"{value!r} is not a YouTube video id or URL") from None
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.scheme.lower() not in {"http", "https"} or not (
        host in _YOUTUBE_HOSTS or host == "youtu.be"
    ):
        raise ValueError(f"{value!r} is not a YouTube video id or URL")
    query = parse_qs(parts.query)
    segments = [segment for segment in parts.path.split("/") if segment]
    if host == "youtu.be":
        candidate = segments[0] if len(segments) == 1 else ""
    elif segments == ["watch"]:
        candidate = query.get("v", [""])[0]
    elif len(segments) == 2 and segments[0] in _PATH_PREFIXES:
        candidate = segments[1]
    else:
        candidate = ""
    if not VIDEO_ID.fullmatch(candidate):
        raise ValueError(f"{value!r} does not name a YouTube video (no valid 11-character id)")
    fragment = parse_qs(parts.fragment)
    start = next(iter(query.get("t") or query.get("start") or fragment.get("t") or []), "0")
    end = query.get("end", ["0"])[0]
    try:
        start_at, end_at = parse_time(start), parse_time(end)
    except ValueError:
        raise ValueError(f"{value!r}: {start!r} or {end!r} is not a time") from None
    # the player parameters of an /embed/ URL; anything but "1" (or "0" for controls) is the default
    flags = {key: query.get(key, [""])[0] == "1" for key in ("autoplay", "mute", "loop")}
    return Video(
        candidate,
        start_at,
        end_at,
        autoplay=flags["autoplay"],
        mute=flags["mute"],
        loop=flags["loop"],
        controls=query.get("controls", [""])[0] != "0",
    )


def parse_aspect(value: str) -> str:
    """``"16:9"`` from ``16:9``, ``16/9`` or ``16x9``.

    :raises ValueError: for anything else
    """
    match = _ASPECT.fullmatch(value or "")
    if not match or not float(match.group(1)) or not float(match.group(2)):
        raise ValueError(f"{value!r} is not an aspect ratio such as 16:9")
    return f"{match.group(1)}:{match.group(2)}"


def parse_flag(value: str | None) -> bool:
    """A flag option: given without a value, it is on.

    :raises ValueError: for a value that is neither true nor false
    """
    return bool(parse_bool(value, empty=True))


def parse_loading(value: str) -> str:
    """``lazy`` or ``eager``.

    :raises ValueError: for anything else
    """
    if value.strip() in {"lazy", "eager"}:
        return value.strip()
    raise ValueError(f"{value!r} is not 'lazy' or 'eager'")


#: how the ``youtube`` directive reads each of its player options
PLAYER_OPTIONS: dict[str, Callable[[str], Any]] = {
    "start": parse_time,
    "end": parse_time,
    "autoplay": parse_flag,
    "mute": parse_flag,
    "loop": parse_flag,
    "controls": parse_flag,
    "aspect": parse_aspect,
    "loading": parse_loading,
}


def split_title(text: str) -> tuple[bool, str, str]:
    """``(explicit, title, target)`` of ``Title <target>``, or ``(False, text, text)``."""
    match = _EXPLICIT_TITLE.match(text)
    if match:
        return True, match.group(1), match.group(2)
    return False, text, text


def directive_target(argument: str) -> tuple[bool, str, str]:
    """:func:`split_title` of a ``youtube`` directive's argument, its white space folded."""
    return split_title(" ".join(argument.split()))


def player_options(options: Mapping[str, Any], video: Video) -> tuple[dict[str, Any], list[str]]:
    """The player options of a ``youtube`` directive, read, and why each other one is ignored.

    :param options: the directive's options, as docutils hands them over
    :param video: the video of the directive's argument, whose URL may give the start
    """
    read: dict[str, Any] = {}
    problems = []
    for name, parse in PLAYER_OPTIONS.items():
        if name in options:
            try:
                read[name] = parse(options[name])
            except ValueError as exc:
                problems.append(f"youtube option {name!r}: {exc}; ignored")
    if read.get("end") and read["end"] <= read.get("start", video.start):
        problems.append("youtube option 'end' is not after the start; ignored")
        del read["end"]
    return read, problems


def video_problems(argument: str, options: Mapping[str, Any] | None = None) -> list[str]:
    """What the build warns about a ``youtube`` directive: its video, else its options.

    :param argument: the directive's argument, ``ID-or-URL`` or ``Title <ID-or-URL>``
    :param options: its options, as docutils hands them over
    """
    try:
        video = parse_video(directive_target(argument)[2])
    except ValueError as exc:
        return [str(exc)]
    return player_options(options or {}, video)[1]


def role_problems(text: str) -> list[str]:
    """What the build warns about a ``youtube`` role: a target that is no video.

    :param text: the role's text, ``ID-or-URL`` or ``Title <ID-or-URL>``
    """
    try:
        parse_video(split_title(text)[2])
    except ValueError as exc:
        return [str(exc)]
    return []
