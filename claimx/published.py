"""Publication dates from what news pages print: bylines, headers and front matter.

A header line is a byline when it states a full date (and maybe a clock time
and zone) and little else: "Published 11:42 PM EST, March 22, 2024" (AP),
"Wed 26 Jun 2024 14.05 BST" (the Guardian), "March 22, 2024 11:42 PM GMT"
(Reuters), "Updated 6:02 AM GMT+1, March 3, 2024". The forms, the cue words
("published", "updated") and the zones are in `rules/dates.yaml`
(`byline_forms`, `byline_cues`, `time_zones`); this module reads them.

Values are ISO 8601: the date, then the local clock time the page states, then
its offset from UTC when the zone is known: `2024-03-22T23:42-05:00`. The
date relative expressions count from is the local date (`2024-03-22`).
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import date, datetime

from claimx.dates import DateRules, zones
from claimx.dates import calendar as cal
from claimx.dates.timex import is_valid

# The order bylines are preferred in: the first publication over a later update.
_PREFERENCE = {"published": 0, "": 1, "updated": 2}


@dataclass(frozen=True)
class Stamp:
    value: str  # ISO date or date and time, with offset when known
    cue: str  # published | updated | "" (no cue word)
    start: int  # where the stamp is in the line
    end: int


def _value(g: dict[str, str | None], rules: DateRules) -> str | None:
    """The ISO value of a stamp's groups, or None when it is not on the calendar."""
    if g.get("iy"):
        day = cal.make_date(int(g["iy"] or 0), int(g.get("im") or 0), int(g.get("id") or 0))
    elif g.get("dy"):  # 22.03.2024
        day = cal.make_date(int(g["dy"] or 0), int(g.get("dm") or 0), int(g.get("dd") or 0))
    elif g.get("ny"):  # 03/22/2024, 22/03/2024
        first, second = int(g.get("n1") or 0), int(g.get("n2") or 0)
        d, m = cal.figures_order(first, second, rules.numeric_month_first)
        day = cal.make_date(int(g["ny"] or 0), m, d)
    else:
        month_word = (g.get("mon") or g.get("mon2") or "").lower().rstrip(".")
        month = rules.months.get(month_word) or rules.month_abbreviations.get(month_word)
        day_text, year_text = g.get("d") or g.get("d2"), g.get("y") or g.get("y2")
        if not (month and day_text and year_text):
            return None
        day = cal.make_date(int(year_text), month, int(day_text))
    if day is None:
        return None
    if not g.get("H"):
        return day.isoformat()
    hour, minute = int(g["H"] or 0), int(g.get("M") or 0)
    ap = (g.get("ap") or "").lower().replace(".", "")
    if ap:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ap == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    value = f"{day.isoformat()}T{hour:02d}:{minute:02d}"
    value += zones.suffix(g.get("tz"), rules.time_zones, day)
    return value if is_valid(value) else None


def _cue(word: str | None, rules: DateRules) -> str:
    return rules.byline_cues.get(re.sub(r"\s+", " ", (word or "").lower()), "")


def byline(line: str, rules: DateRules) -> Stamp | None:
    """The publication stamp of a header line, when the line is mostly that stamp."""
    text = line.strip()
    if not text or len(text) > 200:
        return None
    found: list[Stamp] = []
    for form in rules.byline_patterns:
        for m in form.finditer(text):
            value = _value(m.groupdict(), rules)
            if value is None:
                continue
            rest = (text[: m.start()] + " " + text[m.end() :]).strip(" |·-–—,:;()")
            words = re.findall(r"[^\W\d_]+", rest)
            if len(words) > rules.byline_other_words:
                continue
            # "On July 6, 2015, Sanders made the following comment:" is a sentence.
            small = [w for w in words if w.islower() and w not in rules.byline_cues]
            # ... unless the stamp itself ends the line ("Published: April 7, 2013 9:00 a.m.").
            sentence_end = text.endswith((".", ":", "?", "!")) and m.end() < len(text)
            if len(small) > rules.byline_lowercase_words or sentence_end:
                continue
            found.append(Stamp(value, _cue(m.group("cue"), rules), m.start(), m.end()))
    # The first publication before an update ("March 22, 2024 11:42 pm | Updated March
    # 23, 2024"), then the longest stamp: it says most ("11:42 PM EST, March 22, 2024").
    # A stamp inside a longer one is part of it ("June 26, 2024" in "Updated 2:14 PM
    # EDT, Wed June 26, 2024").
    found = [
        s
        for s in found
        if not any(
            o.start <= s.start and s.end <= o.end and o.end - o.start > s.end - s.start
            for o in found
        )
    ]
    return min(
        found,
        key=lambda s: (s.cue == "updated", s.start - s.end, s.start),
        default=None,
    )


def best(stamps: list[Stamp]) -> Stamp | None:
    """The stamp that says when the article was first published."""
    return min(stamps, key=lambda s: _PREFERENCE.get(s.cue, 1), default=None)


def parse_stamp(value: object, rules: DateRules) -> str | None:
    """A date as front matter gives it ("2024-03-22T23:42:00+01:00", "14 October 2025",
    "Fri, 22 Mar 2024 23:42:00 GMT") as an ISO value; None when it is not a date."""
    if isinstance(value, datetime):
        return _from_datetime(value)
    if isinstance(value, date):
        return value.isoformat() if cal.MIN_YEAR <= value.year <= cal.MAX_YEAR else None
    text = str(value).strip()
    if not text or len(text) > 100:
        return None
    try:
        return _from_datetime(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    try:
        return _from_datetime(email.utils.parsedate_to_datetime(text))  # RSS pubDate
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    stamp = byline(text, rules)
    return stamp.value if stamp is not None and stamp.start == 0 else None


def _from_datetime(when: datetime) -> str | None:
    value = when.date().isoformat()
    if (when.hour, when.minute, when.second) != (0, 0, 0) or when.tzinfo is not None:
        value += f"T{when.hour:02d}:{when.minute:02d}"
        offset = when.utcoffset()
        if offset is not None:
            value += zones.format_offset(int(offset.total_seconds() // 60))
    return value if is_valid(value) else None
