"""Resolvers: from a pattern's match to a TIMEX3 value, against the reference date.

Each pattern of `rules/dates.yaml` names its resolver; `RESOLVERS` maps those
names to the functions here. A resolver returns None when the match names no
date it can state (a day not on the calendar, an anaphor with nothing before it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from claimx.dates import calendar as cal
from claimx.dates import zones
from claimx.dates.grammar import Hit
from claimx.dates.tense import AHEAD, direction, pick, tense

if TYPE_CHECKING:  # spaCy for annotations only: the rules compile without it
    from spacy.tokens import Doc

    from claimx.dates.rules import DateRules


@dataclass(frozen=True)
class Context:
    ref: date | None
    anchor: str  # how `ref` is known: published | inferred | none
    previous: str | None  # value of the last date mentioned, for "a year earlier"
    quarter: str | None  # value of the last quarter mentioned, for "the quarter"
    # The day last stated in the same paragraph: a clock time alone belongs to it.
    day: date | None = None


Groups = dict[str, str | None]


@dataclass(frozen=True)
class Value:
    value: str
    anchor: str
    type: str = "date"


Resolver = Callable[[Hit, Groups, "Doc", "DateRules", Context], "Value | None"]


def _g(g: Groups, key: str) -> str:
    """A group the pattern always captures when its resolver runs."""
    return g.get(key) or ""


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower())


def _tense_of(hit: Hit, doc: Doc, rules: DateRules) -> str:
    return tense(doc, hit.m.string, hit.start, hit.end, rules)


def _number(word: str, rules: DateRules) -> int:
    return int(word) if word.isdigit() else rules.number_words.get(word.lower(), 1)


@dataclass(frozen=True)
class Clock:
    hour: int
    minute: int
    zone: str | None = None  # the zone as written ("EST", "GMT+1")
    offset: int | None = None  # minutes east of UTC, when the text gives both clocks

    def value(self, rules: DateRules, day: date | None) -> str:
        """'T08:06', with the zone's offset when the text gives one ('T08:06-05:00')."""
        if self.offset is not None:
            zone = zones.format_offset(self.offset)
        else:
            zone = zones.suffix(self.zone, rules.time_zones, day)
        return f"T{self.hour:02d}:{self.minute:02d}{zone}"


def _hour(hour: int, minute: int, ap: str) -> tuple[int, int] | None:
    if ap and not 1 <= hour <= 12:
        return None  # "40am" is no time
    if ap == "pm" and hour < 12:
        hour += 12
    elif ap == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        return None
    return hour, minute


def read_clock(g: Groups, rules: DateRules) -> Clock | None:
    """The clock time of a match's groups; None for a time not on the clock."""
    ap = (g.get("ap") or "").lower().replace(".", "")
    if not ap and g.get("ip"):  # "4 in the morning"
        ap = rules.part_meridiems.get(_words(g.get("ip") or ""), "")
    local = _hour(int(g.get("H") or 0), int(g.get("M") or 0), ap)
    if local is None:
        return None
    offset = None
    if g.get("H2"):
        # "1353 (1023 GMT)": local time, then the same moment in another zone.
        other = _hour(int(g.get("H2") or 0), int(g.get("M2") or 0), "")
        base = zones.offset_minutes(g.get("tz2") or "", rules.time_zones, None)
        if other is None or base is None:
            return None
        diff = (local[0] * 60 + local[1]) - (other[0] * 60 + other[1])
        offset = (diff + 12 * 60) % (24 * 60) - 12 * 60 + base
        if abs(offset) > 14 * 60:
            return None
    return Clock(local[0], local[1], g.get("tz"), offset)


def _month_of(word: str, rules: DateRules) -> int:
    key = word.lower().rstrip(".")
    return rules.months.get(key) or rules.month_abbreviations[key]


def _weekday_number(word: str, rules: DateRules) -> int:
    key = word.lower().rstrip(".")
    return rules.weekdays.get(key) or rules.weekday_abbreviations[key]


def _relative(ctx: Context, compute: Callable[[date], str | None], unknown: str) -> Value | None:
    """`compute(ref)` when there is a reference date, else the value with unknowns."""
    if ctx.ref is None:
        return Value(unknown, "none")
    value = compute(ctx.ref)
    return None if value is None else Value(value, ctx.anchor)


def _day_value(day: date | None, suffix: str = "") -> str | None:
    return None if day is None else day.isoformat() + suffix


def _r_iso(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    y, m, d = _g(g, "y"), _g(g, "m"), _g(g, "d")
    if not cal.valid(int(y), int(m), int(d)):
        return None
    if g.get("H"):
        time = read_clock(g, rules)
        day = cal.make_date(int(y), int(m), int(d))
        if time is None:
            return None
        return Value(f"{y}-{m}-{d}{time.value(rules, day)}", "absolute", "time")
    return Value(f"{y}-{m}-{d}", "absolute")


def _r_month_day(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    month, day = _month_of(_g(g, "mon"), rules), int(_g(g, "d"))
    clock = read_clock(g, rules) if g.get("H") else None
    if g.get("H") and clock is None:
        return None
    kind = "time" if clock else "date"

    def at(on: date | None) -> str:
        return clock.value(rules, on) if clock else ""

    if g.get("y"):
        year = int(_g(g, "y"))
        stated = cal.make_date(year, month, day)
        if stated is None:
            return None
        return Value(f"{stated.isoformat()}{at(stated)}", "absolute", kind)
    if not cal.valid(2000, month, day):
        return None
    if ctx.ref is None:
        return Value(f"XXXX-{month:02d}-{day:02d}{at(None)}", "none", kind)
    way = direction(rules, "month_day", _tense_of(hit, doc, rules))
    options = [
        (found, found.isoformat())
        for y in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1)
        if (found := cal.make_date(y, month, day)) is not None
    ]
    if not options:
        return None
    if g.get("wd"):
        # "Saturday, April 25" names its own year: the one where April 25 is a Saturday.
        weekday = _weekday_number(_g(g, "wd"), rules)
        named = [o for o in options if o[0].isoweekday() == weekday]
        if named:
            return Value(f"{named[0][1]}{at(named[0][0])}", ctx.anchor, kind)
    picked = pick(options, ctx.ref, way) or pick(options, ctx.ref, "nearest")
    if picked is None:
        return None
    return Value(f"{picked}{at(date.fromisoformat(picked))}", ctx.anchor, kind)


def _r_month_year(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    return Value(f"{int(_g(g, 'y')):04d}-{_month_of(_g(g, 'mon'), rules):02d}", "absolute")


def _r_month_rel(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    month = _month_of(_g(g, "mon"), rules)
    shift = rules.shift_words[_words(_g(g, "ys"))]

    def compute(ref: date) -> str | None:
        year = cal.year_text(ref.year + shift)
        return None if year is None else f"{year}-{month:02d}"

    return _relative(ctx, compute, f"XXXX-{month:02d}")


def _r_month(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    month = _month_of(_g(g, "mon"), rules)
    if ctx.ref is None:
        return Value(f"XXXX-{month:02d}", "none")
    ref = ctx.ref
    shift = rules.shift_words.get((g.get("shift") or "").lower())
    options = [
        (found, found.isoformat()[:7])
        for y in (ref.year - 1, ref.year, ref.year + 1)
        if (found := cal.make_date(y, month, 1)) is not None
    ]
    this_month = date(ref.year, ref.month, 1)
    if shift == 0:
        return Value(f"{ref.year:04d}-{month:02d}", ctx.anchor)
    if shift is not None:
        strictly = [o for o in options if (o[0] < this_month if shift < 0 else o[0] > this_month)]
        if not strictly:
            return None
        return Value((max if shift < 0 else min)(strictly)[1], ctx.anchor)
    way = direction(rules, "month", _tense_of(hit, doc, rules))
    picked = pick(options, this_month, way) or pick(options, this_month, "nearest")
    return None if picked is None else Value(picked, ctx.anchor)


def _r_decade(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    if g.get("c"):
        return Value(f"{_g(g, 'c')}X", "absolute")
    # "the '80s": the century is the one of the reference date, or the last one.
    century = (ctx.ref.year // 100 - 1) if ctx.ref else 19
    decade = int(_g(g, "c2"))
    if ctx.ref and decade * 10 <= ctx.ref.year % 100:
        century = ctx.ref.year // 100
    return Value(f"{century:02d}{decade}X", "absolute") if century >= 0 else None


def _r_range(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    first, second = int(_g(g, "y1")), _g(g, "y2")
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    low, high = rules.year_min, rules.year_max
    if not (low <= first < last <= high):
        return None
    return Value(f"{first:04d}/{last:04d}", "absolute")


def _r_year(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    year = cal.year_text(int(_g(g, "y")))
    return None if year is None else Value(year, "absolute")


def _r_spoken_year(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    def n(word: str | None) -> int:
        return rules.number_words[word.lower()] if word else 0

    if g.get("sc"):
        tens, ones = n(g.get("st")), n(g.get("so"))
        if ones and tens % 10:
            return None  # "nineteen eleven-three" is no year
        year = rules.spoken_centuries[_g(g, "sc").lower()] * 100 + tens + ones
    else:
        year = 2000 + n(g.get("sl"))
    if not rules.year_min <= year <= rules.year_max:
        return None
    return Value(f"{year:04d}", "absolute")


def _quarter_year(
    g: Groups, rules: DateRules, ctx: Context, quarter: int
) -> tuple[int | None, str]:
    if g.get("y") or g.get("yp"):
        return int(g.get("y") or _g(g, "yp")), "absolute"
    shift_word = g.get("ys") or g.get("ys2")
    if ctx.ref is None:
        return None, "none"
    if shift_word:
        return ctx.ref.year + rules.shift_words[shift_word.lower()], ctx.anchor
    start_month = quarter * 3 - 2
    ahead = start_month - ctx.ref.month > rules.quarter_lookahead_months
    return ctx.ref.year - (1 if ahead else 0), ctx.anchor


def _r_quarter(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    qa = g.get("qa")
    quarter = int(qa[1]) if qa else rules.quarter_ordinals[_g(g, "q").lower()]
    year, anchor = _quarter_year(g, rules, ctx, quarter)
    if year and g.get("ya"):
        year -= 1
    if year is None:
        return Value(f"XXXX-Q{quarter}", anchor)
    text = cal.year_text(year)
    return None if text is None else Value(f"{text}-Q{quarter}", anchor)


def _r_half(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    half = rules.halves[_g(g, "h").lower()]
    year, anchor = _quarter_year(g, rules, ctx, 1)
    if year is None:
        return Value(f"XXXX-H{half}", anchor)
    text = cal.year_text(year)
    return None if text is None else Value(f"{text}-H{half}", anchor)


def _r_latest_quarter(
    hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context
) -> Value | None:
    if ctx.quarter is not None:
        return Value(ctx.quarter, ctx.anchor)
    return _relative(
        ctx, lambda ref: cal.shift_quarter(ref.year, cal.quarter_of(ref), -1), "XXXX-QX"
    )


def _r_season(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    code = rules.seasons[(g.get("s") or _g(g, "s2")).lower()]
    if g.get("y"):
        return Value(f"{int(_g(g, 'y')):04d}-{code}", "absolute")
    shift = rules.shift_words[_g(g, "shift").lower()]

    def compute(ref: date) -> str | None:
        year = cal.year_text(ref.year + shift)
        return None if year is None else f"{year}-{code}"

    return _relative(ctx, compute, f"XXXX-{code}")


def _r_weekend(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    shift = rules.shift_words.get(_g(g, "shift").lower())
    if shift is None:
        way = direction(rules, "weekday", _tense_of(hit, doc, rules))
    else:
        way = {-1: "past", 0: "nearest", 1: "future"}[max(-1, min(1, shift))]

    def saturday(ref: date) -> str | None:
        # A Sunday article's "the weekend" is the one that ends today.
        day = cal.add_days(ref, -1) if ref.isoweekday() == 7 else ref
        week = None if day is None else cal.iso_week(cal.weekday_date(day, 6, way, None))
        return None if week is None else f"{week}-WE"

    return _relative(ctx, saturday, "XXXX-WXX-WE")


def _r_shift_unit(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    unit = rules.units[_g(g, "unit").lower()]
    if unit == "D":
        return None
    shift = rules.shift_words[_g(g, "shift").lower()]
    return _relative(ctx, lambda ref: cal.point(ref, unit, shift), "XXXX")


def _r_offset(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    unit = rules.units[_g(g, "unit").lower()]
    word = _words(_g(g, "dir"))
    shift = rules.offset_words.get(word) or rules.anaphor_shifts_after.get(word, 0)
    n = _number(_g(g, "n"), rules) * shift
    from_reference = word in rules.offsets_from_reference
    if g.get("exact") and from_reference and ctx.ref is not None and unit in ("Y", "M", "W"):
        # "exactly two years ago": the same day, two years back.
        return _exact_day(ctx.ref, unit, n, ctx.anchor)
    return anaphoric(unit, n, ctx, from_reference=from_reference)


def _r_in_offset(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    """ "will report in two weeks": a point ahead of the reference date, in a future clause.

    "in" must hang on the verb: "the first drop in two years" is a length of time.
    """
    if _tense_of(hit, doc, rules) not in AHEAD:
        return None
    first = doc.char_span(hit.start, hit.start + 2)
    if first is None or first[0].head.pos_ not in ("VERB", "AUX"):
        return None
    unit = rules.units[_g(g, "unit").lower()]
    n = _number(_g(g, "n"), rules)
    return _relative(ctx, lambda ref: cal.point(ref, unit, n), "XXXX")


def _exact_day(ref: date, unit: str, n: int, anchor: str) -> Value | None:
    if unit == "W":
        day = cal.add_days(ref, 7 * n)
    else:
        year, month = cal.add_months(ref.year, ref.month, n * (12 if unit == "Y" else 1))
        day = cal.make_date(year, month, ref.day) or cal.make_date(year, month, 28)
    return None if day is None else Value(day.isoformat(), anchor)


def _anaphoric_weekday(g: Groups, weekday: int, rules: DateRules, ctx: Context) -> date | None:
    """ "the following Tuesday": the Tuesday after the day last stated (else the reference)."""
    n = rules.anaphors[_words(_g(g, "ana"))]
    base = cal.day_of_value(ctx.previous) or ctx.ref
    if base is None:
        return None
    if n > 0:
        return cal.weekday_date(base, weekday, "future", 1)
    if n < 0:
        return cal.weekday_date(base, weekday, "past", -1)
    return cal.weekday_date(base, weekday, "nearest", None)


def _r_anaphoric_weekday(
    hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context
) -> Value | None:
    weekday = _weekday_number(_g(g, "wd"), rules)
    suffix = _part_suffix(g, rules)
    if ctx.ref is None and cal.day_of_value(ctx.previous) is None:
        return Value(f"XXXX-WXX-{weekday}{suffix}", "none")
    day = _anaphoric_weekday(g, weekday, rules, ctx)
    value = _day_value(day, suffix)
    return None if value is None else Value(value, ctx.anchor if ctx.ref else "none")


def anaphoric(unit: str, n: int, ctx: Context, *, from_reference: bool) -> Value | None:
    """A shift from the date last mentioned, or from the reference date."""
    # Earnings reports compare quarters: "a year ago" after "the third quarter" is a quarter.
    quarterly = unit == "Y" and ctx.quarter is not None
    if quarterly or not from_reference:
        shifted = cal.shift_mentioned(ctx.quarter if quarterly else ctx.previous, unit, n)
        if shifted is not None:
            return Value(shifted, ctx.anchor if ctx.ref else "none")
        if not from_reference:
            # "later" with nothing stated to count from is no date we can name.
            return None
    return _relative(ctx, lambda ref: cal.point(ref, unit, n), "XXXX")


def _r_year_ago(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    return anaphoric("Y", -1, ctx, from_reference=False)


def _r_century(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    if g.get("n"):
        number = int(_g(g, "n"))
        return Value(f"{number - 1:02d}", "absolute") if number >= 1 else None
    shift = rules.shift_words[_g(g, "shift").lower()]

    def compute(ref: date) -> str | None:
        century = ref.year // 100 + shift
        return f"{century:02d}" if 0 <= century <= 99 else None

    return _relative(ctx, compute, "XX")


def _day_of(g: Groups, doc: Doc, hit: Hit, rules: DateRules, ctx: Context) -> date | None:
    """The day a clock time or day part belongs to: its weekday, relative day, or the ref."""
    if ctx.ref is None:
        return None
    if g.get("wd"):
        weekday = _weekday_number(_g(g, "wd"), rules)
        if g.get("ana"):
            return _anaphoric_weekday(g, weekday, rules, ctx)
        way = direction(rules, "weekday", _tense_of(hit, doc, rules))
        return cal.weekday_date(ctx.ref, weekday, way, None)
    if g.get("rel"):
        return cal.add_days(ctx.ref, rules.relative_days[_words(_g(g, "rel"))])
    # "at 10:57" in a paragraph about the events of Oct. 3 happened on Oct. 3.
    return ctx.day or ctx.ref


def _r_time(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    if g.get("mon"):
        return _r_month_day(hit, g, doc, rules, ctx)
    clock = read_clock(g, rules)
    if clock is None:
        return None
    if ctx.ref is None:
        return Value(f"XXXX-XX-XX{clock.value(rules, None)}", "none", "time")
    day = _day_of(g, doc, hit, rules, ctx)
    if day is None:
        return None
    return Value(day.isoformat() + clock.value(rules, day), ctx.anchor, "time")


def _part_suffix(g: Groups, rules: DateRules) -> str:
    code = rules.day_parts.get((g.get("part") or "").lower())
    return f"T{code}" if code else ""


def _r_weekday(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    weekday = _weekday_number(_g(g, "wd"), rules)
    suffix = _part_suffix(g, rules)
    if ctx.ref is None:
        return Value(f"XXXX-WXX-{weekday}{suffix}", "none")
    shift = rules.shift_words.get((g.get("shift") or "").lower())
    way = direction(rules, "weekday", _tense_of(hit, doc, rules))
    if shift == 0:
        way = "nearest"
    day = cal.weekday_date(ctx.ref, weekday, way, shift if shift else None, rules.future_grace_days)
    value = _day_value(day, suffix)
    return None if value is None else Value(value, ctx.anchor)


def _r_relday(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    word = _words(_g(g, "rel"))
    offset = rules.relative_days[word]
    part = rules.relative_day_parts.get(word)
    suffix = f"T{part}" if part else _part_suffix(g, rules)
    return _relative(ctx, lambda ref: _day_value(cal.add_days(ref, offset), suffix), "XXXX-XX-XX")


def _r_this_part(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    offset = min(0, rules.shift_words.get(_g(g, "shift").lower(), 0))
    suffix = _part_suffix(g, rules)
    return _relative(ctx, lambda ref: _day_value(cal.add_days(ref, offset), suffix), "XXXX-XX-XX")


def _r_anaphor(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    unit = rules.units[(g.get("unit") or g.get("unit2") or _g(g, "unit3")).lower()]
    if g.get("ana"):
        n = rules.anaphors[_words(_g(g, "ana"))]
    elif g.get("after"):
        n = rules.anaphor_shifts_after[_g(g, "after").lower()]
    else:
        n = 0  # "earlier in the day": the day last stated
    shifted = cal.shift_mentioned(ctx.previous, unit, n)
    if shifted is not None:
        return Value(shifted, ctx.anchor if ctx.ref else "none")
    if n == 0:
        return None  # "that day" with no day stated before it
    # "the next day" with nothing before it counts from the reference date.
    return _relative(ctx, lambda ref: cal.point(ref, unit, n), "XXXX")


def _r_the_year(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    return _relative(ctx, lambda ref: f"{ref.year:04d}", "XXXX")


def _r_clock_word(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    time = "T" + rules.clock_words[_g(g, "cw").lower()]
    if not (g.get("wd") or g.get("rel")) and _tense_of(hit, doc, rules) not in ("past", *AHEAD):
        return None  # "they lunch at noon": a habit, not a time
    if ctx.ref is None:
        return Value(f"XXXX-XX-XX{time}", "none", "time")
    day = _day_of(g, doc, hit, rules, ctx)
    return None if day is None else Value(day.isoformat() + time, ctx.anchor, "time")


def _r_reference(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    return Value(rules.reference_words[_words(hit.m.group(0))], "none")


RESOLVERS: dict[str, Resolver] = {
    "iso": _r_iso,
    "month_day": _r_month_day,
    "month_year": _r_month_year,
    "month_rel": _r_month_rel,
    "month": _r_month,
    "decade": _r_decade,
    "range": _r_range,
    "year": _r_year,
    "spoken_year": _r_spoken_year,
    "quarter": _r_quarter,
    "half": _r_half,
    "latest_quarter": _r_latest_quarter,
    "season": _r_season,
    "weekend": _r_weekend,
    "shift_unit": _r_shift_unit,
    "offset": _r_offset,
    "in_offset": _r_in_offset,
    "year_ago": _r_year_ago,
    "century": _r_century,
    "time": _r_time,
    "weekday": _r_weekday,
    "anaphoric_weekday": _r_anaphoric_weekday,
    "relday": _r_relday,
    "this_part": _r_this_part,
    "anaphor": _r_anaphor,
    "clock_word": _r_clock_word,
    "the_year": _r_the_year,
    "reference": _r_reference,
}


def _more_resolvers() -> dict[str, Resolver]:
    # Modules of their own, which import the helpers above: imported once these exist.
    from claimx.dates import daytime, holidays, numeric, seasons

    return {**holidays.RESOLVERS, **numeric.RESOLVERS, **daytime.RESOLVERS, **seasons.RESOLVERS}


RESOLVERS.update(_more_resolvers())
