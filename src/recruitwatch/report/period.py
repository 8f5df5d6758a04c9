"""Reporting periods: `2025-01..2025-12`, `2025-03`, `2025`, or `2025-01-15..2025-02-14`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from recruitwatch.errors import InvalidInput

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class Period:
    """[start, end) as ISO dates; text dates ("2025-03" or "2025-03-09") compare by string."""

    start: date
    end: date  # exclusive

    @property
    def label(self) -> str:
        last = self.end - timedelta(days=1)
        return f"{self.start.isoformat()} – {last.isoformat()}"

    def months(self) -> list[str]:
        """Every month the period touches, as YYYY-MM."""
        found, cursor = [], self.start.replace(day=1)
        while cursor < self.end:
            found.append(cursor.strftime("%Y-%m"))
            cursor = _next_month(cursor)
        return found

    def holds(self, when: str | None) -> bool:
        """Whether an ISO day falls in the period, or an ISO month or year overlaps it."""
        if not when:
            return False
        if len(when) >= 10:
            return self.start.isoformat() <= when[:10] < self.end.isoformat()
        if len(when) == 7:
            return when in self.months()
        return any(m.startswith(when) for m in self.months())


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _bound(text: str, *, end: bool) -> date:
    """The first day of a year, month or day; with `end`, the day after its last."""
    try:
        if found := _DAY.match(text):
            day = date(*(int(g) for g in found.groups()))
            return day + timedelta(days=1) if end else day
        if found := _MONTH.match(text):
            first = date(int(found.group(1)), int(found.group(2)), 1)
            return _next_month(first) if end else first
        if found := _YEAR.match(text):
            first = date(int(found.group(1)), 1, 1)
            return date(first.year + 1, 1, 1) if end else first
    except ValueError as exc:
        raise InvalidInput(f"period {text!r}: {exc}") from exc
    raise InvalidInput(f"period {text!r}: write YYYY, YYYY-MM or YYYY-MM-DD")


def parse_period(text: str) -> Period:
    """`A..B` (both inclusive) or a single year, month or day."""
    first, _, last = text.strip().partition("..")
    start = _bound(first.strip(), end=False)
    end = _bound((last or first).strip(), end=True)
    if end <= start:
        raise InvalidInput(f"period {text!r}: the end comes before the start")
    return Period(start, end)
