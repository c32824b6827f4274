"""Dates and times in English are written without Babel's locale data, exactly as Babel writes them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from babel.dates import format_date, format_time
from hypothesis import given
from hypothesis import strategies as st

from sphinx_callposts.core import dates
from sphinx_callposts.core.dates import local_date, local_time

MOMENTS = st.datetimes(
    min_value=datetime(1, 2, 1),
    max_value=datetime(9999, 11, 30),
    timezones=st.sampled_from([None, timezone.utc, timezone(timedelta(hours=-5))]),
)


@pytest.mark.parametrize("language", [None, "en", "en_US"])
@given(moment=MOMENTS)
def test_english_dates_are_babels(language, moment):
    for pattern in ("long", "LLLL y"):
        assert local_date(moment, pattern, language) == format_date(moment, pattern, locale="en")
    assert local_time(moment, "short", language) == format_time(moment, "short", locale="en")


def test_english_needs_no_locale_data(monkeypatch):
    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("Babel was asked")

    monkeypatch.setattr(dates, "format_date", refuse)
    monkeypatch.setattr(dates, "format_time", refuse)
    moment = datetime(2022, 10, 6, 15, 4)
    assert local_date(moment, "long", None) == "October 6, 2022"
    assert local_date(moment, "LLLL y", "en") == "October 2022"
    assert local_time(moment, "short", "en_US") == "3:04\N{NARROW NO-BREAK SPACE}PM"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en_GB", "6 October 2022"), ("de", "6. Oktober 2022"), ("xx", "October 6, 2022")],
)
def test_other_languages_are_babels(language, expected):
    assert local_date(datetime(2022, 10, 6), "long", language) == expected
