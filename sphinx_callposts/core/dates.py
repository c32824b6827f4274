"""Dates and times for readers, in the project's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

import babel
from babel.dates import format_date, format_time

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date, datetime, time

#: the languages whose dates read as US English (Sphinx's default language is "en")
_ENGLISH = frozenset({None, "", "en", "en_US", "en-US"})
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
# Babel loads a language's whole locale data on first use, 3 MiB for English: a third of
# the memory the extension adds to a build of 1,000 posts. The patterns the extension
# shows are written out for English; tests/test_dates.py checks them against Babel.
_ENGLISH_DATES: dict[str, Callable[[date], str]] = {
    "long": lambda day: f"{_MONTHS[day.month - 1]} {day.day}, {day.year}",
    "LLLL y": lambda day: f"{_MONTHS[day.month - 1]} {day.year}",
}
_ENGLISH_TIMES: dict[str, Callable[[time | datetime], str]] = {
    "short": lambda clock: (
        f"{clock.hour % 12 or 12}:{clock.minute:02d}\N{NARROW NO-BREAK SPACE}"
        + ("AM" if clock.hour < 12 else "PM")
    ),
}


def local_date(value: datetime, pattern: str, language: str | None) -> str:
    """The date of ``value`` as babel's ``pattern`` (``"long"``, ``"LLLL y"``...) in ``language``."""
    if language in _ENGLISH and pattern in _ENGLISH_DATES:
        return _ENGLISH_DATES[pattern](value.date())
    return _in_language(format_date, value.date(), pattern, language)


def local_time(value: datetime, pattern: str, language: str | None) -> str:
    """The time of day of ``value`` as babel's ``pattern`` (``"short"``...) in ``language``."""
    if language in _ENGLISH and pattern in _ENGLISH_TIMES:
        return _ENGLISH_TIMES[pattern](value)
    return _in_language(format_time, value, pattern, language)


def _in_language(
    format_: Callable[..., str], value: object, pattern: str, language: str | None
) -> str:
    """A language babel does not know falls back to English."""
    try:
        return format_(value, pattern, locale=language or "en")
    except (ValueError, babel.UnknownLocaleError):
        return format_(value, pattern, locale="en")
