"""Calendar arithmetic that never raises: a day outside years 1-9999 is None, not an error.

Every function here takes and returns plain values; a result that would fall
outside the calendar `datetime.date` knows (month 13, February 30, year 0 or
10000) is None, and the caller drops the date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MIN_YEAR, MAX_YEAR = 1, 9999


def make_date(year: int, month: int, day: int) -> date | None:
    """The day, or None when it is not on the calendar."""
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def valid(year: int, month: int, day: int) -> bool:
    return make_date(year, month, day) is not None


def add_days(day: date, n: int) -> date | None:
    """`day` moved by n days, or None past the ends of the calendar."""
    try:
        return day + timedelta(days=n)
    except OverflowError:
        return None


def year_text(year: int) -> str | None:
    return f"{year:04d}" if MIN_YEAR <= year <= MAX_YEAR else None


def weekday_date(
    ref: date, weekday: int, direction: str, shift: int | None, grace: int = 0
) -> date | None:
    """The `weekday` (ISO number) the direction or shift picks around `ref`."""
    back = add_days(ref, -((ref.isoweekday() - weekday) % 7))
    start = add_days(ref, -grace)
    ahead = None if start is None else add_days(start, (weekday - start.isoweekday()) % 7)
    if shift == -1:
        return back if back is not None and back < ref else _maybe(back, -7)
    if shift == 1:
        return ahead if ahead is not None and ahead > ref else _maybe(ahead, 7)
    if direction == "past":
        return back
    if direction == "future":
        return ahead
    if back is None or ahead is None:
        return back or ahead
    return back if (ref - back) <= (ahead - ref) else ahead


def _maybe(day: date | None, n: int) -> date | None:
    return None if day is None else add_days(day, n)


def figures_order(first: int, second: int, month_first: bool) -> tuple[int, int]:
    """(day, month) of a date in figures: "22/04" is day first whatever the usage."""
    if first > 12 or (second <= 12 and not month_first):
        return first, second
    return second, first


def full_year(two_digits: int, ref: date | None) -> int:
    """The year ending in `two_digits`, within 80 years before and 20 after the reference."""
    base = ref.year if ref is not None else 2000
    year = base // 100 * 100 + two_digits
    if year > base + 20:
        year -= 100
    elif year <= base - 80:
        year += 100
    return year


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def iso_week(day: date | None) -> str | None:
    if day is None:
        return None
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}" if MIN_YEAR <= year <= MAX_YEAR else None


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, n: int) -> str | None:
    index = year * 4 + quarter - 1 + n
    shifted = year_text(index // 4)
    return None if shifted is None else f"{shifted}-Q{index % 4 + 1}"


def point(ref: date, unit: str, n: int) -> str | None:
    """The calendar unit `n` units away from `ref`, at that unit's granularity."""
    if unit == "Y":
        return year_text(ref.year + n)
    if unit == "M":
        year, month = add_months(ref.year, ref.month, n)
        shifted = year_text(year)
        return None if shifted is None else f"{shifted}-{month:02d}"
    if unit == "W":
        return iso_week(add_days(ref, 7 * n))
    if unit == "D":
        day = add_days(ref, n)
        return None if day is None else day.isoformat()
    if unit == "Q":
        return shift_quarter(ref.year, quarter_of(ref), n)
    decade = ref.year // 10 + n
    return f"{decade:03d}X" if 0 <= decade <= 999 else None


QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
COARSE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def day_of_value(value: str | None) -> date | None:
    """The day a value starting `YYYY-MM-DD` names, or None."""
    match = DAY_VALUE.match(value or "")
    if match is None:
        return None
    return make_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


def shift_mentioned(previous: str | None, unit: str, n: int) -> str | None:
    """`previous` moved by n units ("a year earlier" after "the third quarter")."""
    if previous is None:
        return None
    quarter = QUARTER_VALUE.match(previous)
    if quarter and unit in ("Y", "Q"):
        steps = n * 4 if unit == "Y" else n
        return shift_quarter(int(quarter.group(1)), int(quarter.group(2)), steps)
    if DAY_VALUE.match(previous):
        base = day_of_value(previous)
        return None if base is None else point(base, unit, n)
    # A year or a month counts for units no finer than itself ("in 1996 ... that year").
    coarse = COARSE_VALUE.match(previous)
    if coarse and (unit == "Y" or (unit == "M" and coarse.group(2))):
        base = make_date(int(coarse.group(1)), int(coarse.group(2) or 1), 1)
        return None if base is None else point(base, unit, n)
    return None
