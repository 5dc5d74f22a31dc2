"""Time zones: a zone as the text writes it ("EST", "BST", "ET", "GMT+1") to an ISO offset.

`rules/dates.yaml` maps zone words to an offset (`-05:00`, `Z`) or to an IANA
zone (`America/New_York` for "ET", whose offset depends on the day: daylight
saving time). Offsets written out ("GMT+1", "UTC-05:00", "+0100") are read
here. The local time the article states is kept; the offset is added after it,
as ISO 8601 does: `2024-03-22T23:42-04:00`.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import date, datetime, timedelta

_WRITTEN = re.compile(r"(?:(?:GMT|UTC)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?", re.I)
_UTC_WORDS = re.compile(r"(?:GMT|UTC)", re.I)


def written_offset_regex() -> str:
    """The regex of an offset written out: "GMT+1", "UTC -05:00", "GMT+05:30"."""
    return r"(?-i:GMT|UTC)\s?[+-](?:1[0-4]|0?\d)(?::?[0-5]\d)?\b"


def _format(minutes: int) -> str:
    if minutes == 0:
        return "Z"
    sign = "+" if minutes > 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def offset_minutes(word: str, zones: dict[str, str], day: date | None) -> int | None:
    """Minutes east of UTC for the zone `word` on `day`, or None when not known."""
    key = re.sub(r"\s+", "", word).lower()
    target = zones.get(key)
    if target is None:
        if _UTC_WORDS.fullmatch(word.strip()):
            return 0
        m = _WRITTEN.fullmatch(word.strip())
        if m is None:
            return None
        hours, mins = int(m.group(2)), int(m.group(3) or 0)
        if hours > 14 or mins > 59:
            return None
        return (hours * 60 + mins) * (1 if m.group(1) == "+" else -1)
    if target == "Z":
        return 0
    fixed = _WRITTEN.fullmatch(target)
    if fixed is not None:
        hours, mins = int(fixed.group(2)), int(fixed.group(3) or 0)
        return (hours * 60 + mins) * (1 if fixed.group(1) == "+" else -1)
    if day is None:
        return None  # "ET" on an unknown day: standard or daylight time?
    try:
        zone = zoneinfo.ZoneInfo(target)
        offset = datetime(day.year, day.month, day.day, 12, tzinfo=zone).utcoffset()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OverflowError):
        return None
    return None if offset is None else int(offset / timedelta(minutes=1))


def suffix(word: str | None, zones: dict[str, str], day: date | None) -> str:
    """The ISO suffix for the zone `word` ("Z", "-05:00"), or "" when there is none."""
    if not word:
        return ""
    minutes = offset_minutes(word, zones, day)
    return "" if minutes is None else _format(minutes)


def format_offset(minutes: int) -> str:
    return _format(minutes)
