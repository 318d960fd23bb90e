"""Dates as the index stores them ("2025-09-03", or only "2024-06"), as users type them, and as readers write
them ("3 septembre 2025", "3 September 2025"): one place for all three."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "fr": (
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
        "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.".split(),
    ),
    "en": (
        "January February March April May June July August September October November December".split(),
        "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(),
    ),
}
_TYPED = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


class DateError(ValueError):
    """A date a user typed cannot be read; the message says which and how to write it."""


def exact_day(published: str | None) -> date | None:
    """The day an article was published, or None when the index has no exact day for it (no date, or a
    month only): such a statement is never placed at a day nobody gave."""
    if published is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        return None
    try:
        return date.fromisoformat(published)
    except ValueError:
        return None


def typed_day(value: str, *, end: bool) -> date:
    """A bound of a period as typed: 2024-01-31, 2024-01 or 2024; a month or a year starts on its first
    day (`end` False) or ends on its last (`end` True)."""
    match = _TYPED.fullmatch(value.strip())
    if match is None:
        raise DateError(f"{value!r} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    try:
        if day is not None:
            return date(year, int(month), int(day))
        if month is not None:
            last = calendar.monthrange(year, int(month))[1] if end else 1
            return date(year, int(month), last)
        return date(year, 12, 31) if end else date(year, 1, 1)
    except (ValueError, calendar.IllegalMonthError):
        raise DateError(f"{value!r} is not a date of the calendar") from None


@dataclass(frozen=True)
class Period:
    """From `since` to `until`, both days included; either may be open."""

    since: date | None = None
    until: date | None = None

    @classmethod
    def typed(cls, since: str | None, until: str | None) -> Period:
        period = cls(typed_day(since, end=False) if since else None, typed_day(until, end=True) if until else None)
        if period.since and period.until and period.since > period.until:
            raise DateError(f"the period starts ({since}) after it ends ({until})")
        return period

    @property
    def bounded(self) -> bool:
        return self.since is not None or self.until is not None

    def holds(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


def reader_date(day: date, language: str) -> str:
    """ "3 septembre 2025", "1er mai 2024", "3 September 2025"."""
    month = _MONTHS[language][0][day.month - 1]
    number = "1er" if language == "fr" and day.day == 1 else str(day.day)
    return f"{number} {month} {day.year}"


def month_of_year(year: int, month: int, language: str) -> str:
    """ "septembre 2025", "September 2025": a date known to its month only."""
    return f"{_MONTHS[language][0][month - 1]} {year}"


def short_date(day: date, language: str, *, with_day: bool) -> str:
    """An axis label: "sept. 2025" / "Sep 2025", or "3 sept." / "3 Sep" when `with_day`."""
    month = _MONTHS[language][1][day.month - 1]
    return f"{day.day} {month}" if with_day else f"{month} {day.year}"
