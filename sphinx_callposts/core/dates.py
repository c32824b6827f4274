"""Dates and times for readers, in the project's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

import babel
from babel.dates import format_date, format_time

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime


def local_date(value: datetime, pattern: str, language: str | None) -> str:
    """The date of ``value`` as babel's ``pattern`` (``"long"``, ``"LLLL y"``...) in ``language``."""
    return _in_language(format_date, value.date(), pattern, language)


def local_time(value: datetime, pattern: str, language: str | None) -> str:
    """The time of day of ``value`` as babel's ``pattern`` (``"short"``...) in ``language``."""
    return _in_language(format_time, value, pattern, language)


def _in_language(
    format_: Callable[..., str], value: object, pattern: str, language: str | None
) -> str:
    """A language babel does not know falls back to English."""
    try:
        return format_(value, pattern, locale=language or "en")
    except (ValueError, babel.UnknownLocaleError):
        return format_(value, pattern, locale="en")
