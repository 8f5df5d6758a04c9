"""Reporting periods: forms, bounds, months, and clear refusals."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recruitwatch.errors import InvalidInput
from recruitwatch.report.period import parse_period


def test_forms() -> None:
    year = parse_period("2025")
    assert (year.start, year.end) == (date(2025, 1, 1), date(2026, 1, 1))
    span = parse_period("2025-01..2025-12")
    assert span == year and len(span.months()) == 12
    december = parse_period("2024-12")
    assert (december.start, december.end) == (date(2024, 12, 1), date(2025, 1, 1))
    days = parse_period("2025-01-15..2025-02-14")
    assert days.months() == ["2025-01", "2025-02"]
    assert days.label == "2025-01-15 – 2025-02-14"


def test_holds_days_months_and_years() -> None:
    span = parse_period("2025-03..2025-05")
    assert span.holds("2025-03-01") and span.holds("2025-05-31")
    assert not span.holds("2025-06-01") and not span.holds("2025-02-28")
    assert span.holds("2025-04") and not span.holds("2025-06")
    assert span.holds("2025") and not span.holds("2024")
    assert not span.holds(None) and not span.holds("")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2025-13", "month must be in 1..12"),
        ("2025-02-30", "day is out of range"),
        ("2025-06..2025-01", "end comes before the start"),
        ("last year", "write YYYY"),
        ("", "write YYYY"),
    ],
)
def test_refusals(text: str, why: str) -> None:
    with pytest.raises(InvalidInput, match=why):
        parse_period(text)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 800))
def test_every_day_of_a_span_is_held_and_the_next_is_not(start: date, length: int) -> None:
    end = date.fromordinal(start.toordinal() + length)
    span = parse_period(f"{start.isoformat()}..{end.isoformat()}")
    assert span.holds(start.isoformat()) and span.holds(end.isoformat())
    after = date.fromordinal(end.toordinal() + 1)
    assert not span.holds(after.isoformat())
    assert (
        start.strftime("%Y-%m") == span.months()[0] and end.strftime("%Y-%m") == span.months()[-1]
    )
