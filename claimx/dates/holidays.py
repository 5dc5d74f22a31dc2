"""Named days: fixed ("Christmas", 12-25) and floating ("Thanksgiving", a Thursday)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from claimx.dates import calendar as cal
from claimx.dates.grammar import Hit
from claimx.dates.resolvers import (
    Context,
    Groups,
    Resolver,
    Value,
    _r_month_day,
    _tense_of,
    _words,
)
from claimx.dates.tense import direction, pick

if TYPE_CHECKING:  # spaCy for annotations only: the rules compile without it
    from spacy.tokens import Doc

    from claimx.dates.rules import DateRules


def _r_holiday(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    name = _words(hit.m.group(0))
    if name in rules.floating_holidays:
        return _floating_holiday(hit, rules.floating_holidays[name], doc, rules, ctx)
    month, day = (int(p) for p in rules.holidays[name].split("-"))
    month_name = next((k for k, v in rules.months.items() if v == month), None)
    if month_name is None:
        return None
    return _r_month_day(hit, {"mon": month_name, "d": str(day)}, doc, rules, ctx)


_FLOATING = re.compile(r"^(\w+) on or after (\d{2})-(\d{2})$")


def _floating_holiday(
    hit: Hit, rule: str, doc: Doc, rules: DateRules, ctx: Context
) -> Value | None:
    """A holiday fixed by weekday ("thursday on or after 11-22"), in the year the tense picks."""
    match = _FLOATING.match(rule)
    if match is None:
        return None
    weekday, month, day = rules.weekdays[match.group(1)], int(match.group(2)), int(match.group(3))
    if ctx.ref is None:
        return Value(f"XXXX-{month:02d}-XX", "none")
    days = []
    for year in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1):
        first = cal.make_date(year, month, day)
        found = None if first is None else cal.add_days(first, (weekday - first.isoweekday()) % 7)
        if found is not None:
            days.append((found, found.isoformat()))
    if not days:
        return None
    way = direction(rules, "month_day", _tense_of(hit, doc, rules))
    picked = pick(days, ctx.ref, way) or pick(days, ctx.ref, "nearest")
    return None if picked is None else Value(picked, ctx.anchor)


RESOLVERS: dict[str, Resolver] = {"holiday": _r_holiday}
