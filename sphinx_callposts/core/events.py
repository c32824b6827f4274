"""Calls as events: their length, their time zone, and their iCalendar form (RFC 5545).

Pure Python, no Sphinx. iCalendar is written with the ``icalendar`` library, never by hand.
"""

from __future__ import annotations

import math
import re
import reprlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterable

    import icalendar

#: the longest call a ``duration`` (or ``callposts_call_duration``) may give: a week
LONGEST_CALL = timedelta(days=7)
#: more than any zone's offset from UTC, and than an all-day event's length
_DAY = timedelta(days=1)
_MINUTE = timedelta(minutes=1)
_DURATION = re.compile(r"(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?", re.IGNORECASE | re.ASCII)
#: RFC 5545's CONTROL characters but tab and newline (which icalendar escapes as ``\n``)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: what a URI value may not hold as it is (RFC 3986): CONTROL characters and spaces
_URI_UNSAFE = re.compile("[\x00-\x20\x7f]")
PRODID = "-//sphinx-callposts//community calls//EN"


def parse_duration(value: Any) -> timedelta:
    """A call's length from minutes (``90``, ``"90"``) or hours and minutes (``"1h30m"``).

    :raises ValueError: for anything else, or a length not between a minute and a week
    """
    minutes = _minutes(value)
    if minutes is None:
        raise ValueError(f"{reprlib.repr(value)} is not a duration: give minutes (90) or 1h30m")
    if math.isnan(minutes):
        raise ValueError(
            f"{reprlib.repr(value)} is not a number: a duration is minutes (90) or 1h30m"
        )
    longest = LONGEST_CALL // _MINUTE
    # compared as numbers first: an infinite or huge one would overflow timedelta
    if not 1 <= minutes <= longest:
        raise ValueError(
            f"a duration of {reprlib.repr(value)} is not between a minute and a week "
            f"({longest} minutes, the longest a call may last)"
        )
    return timedelta(minutes=minutes)


def _minutes(value: Any) -> float | None:
    """The minutes a ``duration`` value gives, or None when it is no duration.

    Digits are read as a float: a string of thousands of them is too long for an int.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        return float(text)
    if text and (match := _DURATION.fullmatch(text)) and any(match.groups()):
        return float(match[1] or 0) * 60 + float(match[2] or 0)
    return None


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
    """A guess at whether a date carries a time, from the value alone: midnight reads as none.

    A post knows better: its ``timed`` says whether its front matter gave a time.
    """
    return (value.hour, value.minute, value.second, value.microsecond) != (0, 0, 0, 0)


def fits_calendar(start: datetime, length: timedelta | None = None) -> bool:
    """Whether a call's start and end stay within the years 1 to 9999 in every zone.

    Outside, no calendar entry or end date can be written, nor a time shown in another zone.

    :param length: how long it lasts; when None, the longest a call may last
    """
    try:
        utc = start.astimezone(timezone.utc)
        # a day before and after: any zone's offset, and the day an all-day call lasts
        earliest, latest = utc - _DAY, utc + (length or LONGEST_CALL) + 2 * _DAY
    except OverflowError:
        return False
    return earliest < latest


def in_zone(value: datetime, zone: tzinfo) -> datetime:
    """``value`` in ``zone``, or as it is when the zone would take it past year 1 or 9999."""
    try:
        return value.astimezone(zone)
    except OverflowError:
        return value


def iso_datetime(value: datetime, timespec: str = "auto") -> str:
    """ISO 8601 with the offset to the minute, as RFC 3339 and HTML require.

    Local mean time has seconds in its offset (Europe/Berlin before 1893: +00:53:28): as
    RFC 3339 does for such a zone, the same instant is written at the nearest whole minute.
    """
    offset = value.utcoffset()
    if offset is not None and offset % _MINUTE:
        zone = timezone(round(offset / _MINUTE) * _MINUTE)
        try:
            value = value.astimezone(zone)
        except OverflowError:  # a minute from year 1 or 9999: the wall clock is kept
            value = value.replace(tzinfo=zone)
    return value.isoformat(timespec=timespec)


@dataclass(frozen=True)
class CallEvent:
    """One call as a calendar sees it.

    :param uid: stable across builds, so a subscriber's calendar updates the event
    :param start: its start (midnight of its day for an all-day event)
    :param length: its duration (ignored for an all-day event)
    :param all_day: the call has a date but no time
    :param url: the post's page
    :param join: where to join the call
    :param recordings: ``(title, URL)`` of each recording, once there are some
    :param links: ``(what, URL)`` of the post's slides, notes and agenda
    :param status: ``cancelled``, ``postponed``, ``rescheduled`` or ``""`` (as planned)
    :param stamp: when the post was last revised, its ``DTSTAMP`` (None: the start)
    """

    uid: str
    title: str
    start: datetime
    length: timedelta
    all_day: bool = False
    url: str = ""
    join: str = ""
    recordings: tuple[tuple[str, str], ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    summary: str = ""
    status: str = ""
    stamp: datetime | None = None

    @property
    def end(self) -> datetime:
        """When the call ends."""
        return self.start + (_DAY if self.all_day else self.length)


def calendar_bytes(events: Iterable[CallEvent], name: str = "") -> bytes:
    """An iCalendar document holding ``events``: the same bytes for the same events.

    Nothing in it comes from the build's clock, so that an unchanged calendar is left
    as it is, and a subscriber's app downloads nothing new.

    :param name: the calendar's name, shown by calendar apps that subscribe to it
    """
    # imported when the first calendar is written, at the end of a build: loaded at setup,
    # the library and its time-zone tables would add 5 MiB to a build's peak memory
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name := one_line(name):
        # as TEXT, escaped: icalendar would write these names as they are
        calendar.add("name", icalendar.vText(name))  # RFC 7986
        calendar.add("x-wr-calname", icalendar.vText(name))  # what most calendar apps read
    for event in events:
        calendar.add_component(_vevent(event))
    ical: bytes = calendar.to_ical()
    return ical


def ical_text(text: str) -> str:
    """``text`` as an iCalendar TEXT value may hold it: no CONTROL character but tab and newline.

    Lone surrogates, which UTF-8 cannot encode, become U+FFFD.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def one_line(text: str) -> str:
    """``text`` as one line of iCalendar TEXT: a title, a name, a location."""
    return " ".join(ical_text(text).split())


def ical_uri(url: str) -> str:
    """A URL as an iCalendar URI value: its CONTROL characters and spaces percent-encoded."""
    url = _SURROGATE.sub("\ufffd", url)
    return _URI_UNSAFE.sub(lambda match: f"%{ord(match[0]):02X}", url)


def _vevent(event: CallEvent) -> icalendar.Event:
    import icalendar

    vevent = icalendar.Event()
    vevent.add("uid", one_line(event.uid))
    vevent.add("dtstamp", (event.stamp or event.start).astimezone(timezone.utc))
    vevent.add("summary", one_line(event.title))
    if event.status:
        # the same UID with a higher SEQUENCE: an app replaces the event it holds
        vevent.add("status", "CONFIRMED" if event.status == "rescheduled" else "CANCELLED")
        vevent.add("sequence", 1)
    if event.all_day:
        vevent.add("dtstart", event.start.date())
        vevent.add("dtend", event.end.date())
    else:
        vevent.add("dtstart", event.start.astimezone(timezone.utc))
        vevent.add("dtend", event.end.astimezone(timezone.utc))
    url, join = map(ical_uri, (event.url, event.join))
    if url:
        vevent.add("url", url)
    lines = [event.summary] if event.summary else []
    if join:
        # calendar apps show the location; RFC 7986 apps offer the conference to join
        vevent.add("location", join)
        vevent.add("conference", join, parameters={"VALUE": "URI", "FEATURE": "VIDEO"})
        lines.append(_("Join: {url}").format(url=join))
    for title, recording in event.recordings:
        uri = ical_uri(recording)
        vevent.add("attach", uri)
        lines.append(f"{one_line(title)}: {uri}")
    lines += [f"{what}: {ical_uri(link)}" for what, link in event.links]
    if url:
        lines.append(url)
    if lines:
        vevent.add("description", ical_text("\n\n".join(lines)))
    return vevent
