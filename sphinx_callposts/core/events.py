"""Calls as events: their length, their time zone, and their iCalendar form (RFC 5545).

Pure Python, no Sphinx. iCalendar is written with the ``icalendar`` library, never by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterable

    import icalendar

#: the longest call a ``duration`` may give: a week
_LONGEST = timedelta(days=7)
_DURATION = re.compile(r"(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?", re.IGNORECASE)
PRODID = "-//sphinx-callposts//community calls//EN"


def parse_duration(value: Any) -> timedelta:
    """A call's length from minutes (``90``, ``"90"``) or hours and minutes (``"1h30m"``).

    :raises ValueError: for anything else, or a length not between a minute and a week
    """
    minutes: float | None = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        minutes = value
    elif isinstance(value, str):
        text = value.strip()
        if text.isdigit():
            minutes = int(text)
        elif text and (match := _DURATION.fullmatch(text)) and any(match.groups()):
            minutes = int(match[1] or 0) * 60 + int(match[2] or 0)
    if minutes is None:
        raise ValueError(f"{value!r} is not a duration: give minutes (90) or 1h30m")
    length = timedelta(minutes=minutes)
    if not timedelta(minutes=1) <= length <= _LONGEST:
        raise ValueError(f"a duration of {value!r} is not between a minute and a week")
    return length


def load_zone(name: str) -> tzinfo:
    """The IANA time zone ``name`` (``"Europe/Berlin"``, ``"UTC"``).

    :raises ValueError: for a name that the zone database does not know
    """
    if name.strip().upper() in {"UTC", "Z", "ETC/UTC"}:
        return timezone.utc
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ValueError(f"{name!r} is not an IANA time zone (such as 'Europe/Berlin')") from exc


def has_time_of_day(value: datetime) -> bool:
    """Whether a date carries a time: a date alone is read as midnight."""
    return (value.hour, value.minute, value.second, value.microsecond) != (0, 0, 0, 0)


@dataclass(frozen=True)
class CallEvent:
    """One call as a calendar sees it.

    :param uid: stable across builds, so a subscriber's calendar updates the event
    :param start: its start; a date alone makes an all-day event
    :param length: its duration (ignored for an all-day event)
    :param url: the post's page
    :param join: where to join the call
    :param recording: the recording, once there is one
    """

    uid: str
    title: str
    start: datetime
    length: timedelta
    url: str = ""
    join: str = ""
    recording: str = ""
    summary: str = ""

    @property
    def all_day(self) -> bool:
        """Whether the call has a date but no time."""
        return not has_time_of_day(self.start)

    @property
    def end(self) -> datetime:
        """When the call ends."""
        return self.start + (timedelta(days=1) if self.all_day else self.length)


def calendar_bytes(events: Iterable[CallEvent], stamp: datetime, name: str = "") -> bytes:
    """An iCalendar document holding ``events``.

    :param stamp: the ``DTSTAMP`` of every event: the build's "now", so builds repeat
    :param name: the calendar's name, shown by calendar apps that subscribe to it
    """
    # imported when the first calendar is written, at the end of a build: loaded at setup,
    # the library and its time-zone tables would add 5 MiB to a build's peak memory
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("name", name)  # RFC 7986
        calendar.add("x-wr-calname", name)  # what most calendar apps read
    for event in events:
        calendar.add_component(_vevent(event, stamp.astimezone(timezone.utc)))
    return calendar.to_ical()


def _vevent(event: CallEvent, stamp: datetime) -> icalendar.Event:
    import icalendar

    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("summary", event.title)
    if event.all_day:
        vevent.add("dtstart", event.start.date())
        vevent.add("dtend", event.end.date())
    else:
        vevent.add("dtstart", event.start.astimezone(timezone.utc))
        vevent.add("dtend", event.end.astimezone(timezone.utc))
    if event.url:
        vevent.add("url", event.url)
    lines = [event.summary] if event.summary else []
    if event.join:
        # calendar apps show the location; RFC 7986 apps offer the conference to join
        vevent.add("location", event.join)
        vevent.add("conference", event.join, parameters={"VALUE": "URI", "FEATURE": "VIDEO"})
        lines.append(_("Join: {url}").format(url=event.join))
    if event.recording:
        vevent.add("attach", event.recording)
        lines.append(_("Recording: {url}").format(url=event.recording))
    if event.url:
        lines.append(event.url)
    if lines:
        vevent.add("description", "\n\n".join(lines))
    return vevent
