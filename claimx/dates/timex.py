"""Is this a valid TIMEX3 value? The check every value claimx writes must pass.

TIMEX3 values (TimeML 1.2.1, ISO 8601 with TimeML's extensions) as claimx
writes them and TimeML annotates them:

- reference tokens: `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`;
- calendar points: `2026`, `2026-01`, `2026-01-13`, `2026-W02`, `2026-W02-3`,
  `2026-W02-WE`, `2026-Q1`, `2026-H2`, `2026-SU`; centuries `19`, decades `199X`
  (or `199`); any digit may be `X` when unknown (`XXXX-01-05`, `XXXX-WXX-5`);
- a time after a day: `T08:06`, `T08:06:30`, `T08`, or a part of the day
  (`TMO`, `TAF`, `TEV`, `TNI`, `TDT`, `TMI`), then an optional zone: `Z` or
  an offset from UTC (`-05:00`, `+0100`, `+01`);
- durations (`P3Y`, `PT2H`, `P2W`, `PXY`);
- claimx's spans of years: two values joined by `/` (`1910/1945`).

Numbers must be on the calendar and the clock: month 01-12, a day the month
has (February 29 only in leap years when the year is known), ISO week 01-53,
hour 00-24 (24 only as 24:00), minute and second 00-59, year 0001-9999.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_REFS = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
_PARTS = frozenset({"MO", "AF", "EV", "NI", "DT", "MI"})
_DURATION = re.compile(
    r"P(?:(?:[\dX]+(?:\.\d+)?[YMWDLCE])+(?:T(?:[\dX]+(?:\.\d+)?[HMS])+)?"
    r"|T(?:[\dX]+(?:\.\d+)?[HMS])+|[\dX]+W)"
)
_DATE = re.compile(
    r"(?P<y>[\dX]{4})(?:-(?:(?P<m>[\dX]{2})(?:-(?P<d>[\dX]{2}))?"
    r"|W(?P<w>[\dX]{2})(?:-(?P<wd>[1-7X]|WE))?|Q(?P<q>[1-4X])|H(?P<h>[12X])"
    r"|(?P<s>SP|SU|FA|WI)))?"
    r"|(?P<c>\d{2}|XX)|(?P<e>\d{3}X?)"
)
_TIME = re.compile(
    r"T(?:(?P<H>\d{2})(?::?(?P<M>\d{2})(?::?(?P<S>\d{2})(?:\.\d+)?)?)?|(?P<part>[A-Z]{2}))"
    r"(?P<zone>Z|[+-](?P<zh>\d{2})(?::?(?P<zm>\d{2}))?)?"
)


def is_valid(value: str) -> bool:
    """Whether `value` is a TIMEX3 value on the calendar and the clock."""
    if value in _REFS or _DURATION.fullmatch(value):
        return True
    if value.count("/") == 1:
        first, second = value.split("/")
        return _point(first) and _point(second)
    return _point(value)


def _point(value: str) -> bool:
    cut = value.find("T")
    date_part, time_part = (value, "") if cut < 0 else (value[:cut], value[cut:])
    m = _DATE.fullmatch(date_part)
    if m is None:
        return False
    if time_part and not _valid_time(time_part):
        return False
    if time_part and not (m.group("d") or m.group("wd")):
        return False  # a time belongs to a day
    return _valid_date(m)


def _number(text: str | None) -> int | None:
    """The number, or None when absent or unknown (`XX`)."""
    if text is None or "X" in text:
        return None
    return int(text)


def _valid_date(m: re.Match[str]) -> bool:
    if m.group("c") is not None or m.group("e") is not None:
        return True
    year_text = m.group("y")
    if "X" in year_text and not re.fullmatch(r"\d*X+", year_text):
        return False  # only trailing digits may be unknown: 19XX, not X9X9
    year, month, day = _number(year_text), _number(m.group("m")), _number(m.group("d"))
    week = _number(m.group("w"))
    if year is not None and not 1 <= year <= 9999:
        return False
    if month is not None and not 1 <= month <= 12:
        return False
    if m.group("d") is not None and m.group("m") is None:
        return False
    if day is not None:
        if month is None:
            return 1 <= day <= 31
        leap_year = 2000 if year is None else year  # unknown year: February 29 allowed
        return 1 <= day <= calendar.monthrange(leap_year, month)[1]
    if week is not None:
        last = 53 if year is None else _iso_weeks(year)
        return 1 <= week <= last
    return True


def _iso_weeks(year: int) -> int:
    """52 or 53: the number of ISO weeks in `year`."""
    return date(year, 12, 28).isocalendar()[1]  # December 28 is always in the last week


def _valid_time(text: str) -> bool:
    m = _TIME.fullmatch(text)
    if m is None:
        return False
    if m.group("part"):
        return m.group("part") in _PARTS
    hour, minute, second = int(m.group("H")), int(m.group("M") or 0), int(m.group("S") or 0)
    if hour > 24 or minute > 59 or second > 59 or (hour == 24 and (minute or second)):
        return False
    if m.group("zh") is not None:
        return int(m.group("zh")) <= 14 and int(m.group("zm") or 0) <= 59
    return True
