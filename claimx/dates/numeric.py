"""Dates written in figures: "11/20", "3/5/2024", "2024/03/22", "23.04.2022", and a
day that continues a date ("April 24 and 25", "March 3-5": the 25th, the 5th).

With slashes and both numbers 12 or less, the month comes first (US usage) unless
`numeric_month_first` says otherwise; a first number above 12 is a day ("22/04").
With dots the day comes first ("23.04.2022"), as in Europe. A two-digit year is
the one of the century nearest the reference date ("5/3/18" in 2024: 2018).
The date is then resolved as a written one ("Nov. 20"), year and direction alike.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from claimx.dates import calendar as cal
from claimx.dates.grammar import Hit, alt
from claimx.dates.resolvers import Context, Groups, Resolver, Value, _r_month_day

if TYPE_CHECKING:  # spaCy for annotations only: the rules compile without it
    from spacy.tokens import Doc

    from claimx.dates.rules import DateRules


def day_month(g: Groups, rules: DateRules) -> tuple[int, int, str | None]:
    """Day, month and year as written, from the pattern's groups."""
    if g.get("iy"):  # 2024/03/22
        return int(g.get("id") or 0), int(g.get("im") or 0), g.get("iy")
    if g.get("dy"):  # 23.04.2022
        return int(g.get("dd") or 0), int(g.get("dm") or 0), g.get("dy")
    first, second = int(g.get("n1") or 0), int(g.get("n2") or 0)
    day, month = cal.figures_order(first, second, rules.numeric_month_first)
    return day, month, g.get("ny")


def _r_numeric(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    day, month, year = day_month(g, rules)
    month_name = next((k for k, v in rules.months.items() if v == month), None)
    if month_name is None or not 1 <= day <= 31:
        return None
    groups: Groups = {"mon": month_name, "d": str(day), "wd": g.get("wd")}
    if year:
        number = int(year) if len(year) == 4 else cal.full_year(int(year), ctx.ref)
        if not rules.year_min <= number <= rules.year_max:
            return None
        groups["y"] = f"{number:04d}"
    return _r_month_day(hit, groups, doc, rules, ctx)


def _r_day_list(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    """ "April 24 and 25": the day after the connector, in the month before it."""
    months = alt([*rules.months, *rules.month_abbreviations])
    before = hit.m.string[max(0, hit.start - 40) : hit.start]
    m = re.search(
        rf"(?<![\w'])(?P<mon>{months})\.?\s*\d{{1,2}}(?:st|nd|rd|th)?\s*(?:and|or|&|-|\u2013|to|through)\s*$",
        before,
        re.I,
    )
    if m is None or not m.group("mon")[:1].isupper():
        return None
    groups: Groups = {"mon": m.group("mon").rstrip("."), "d": g.get("d"), "y": g.get("y")}
    return _r_month_day(hit, groups, doc, rules, ctx)


RESOLVERS: dict[str, Resolver] = {"numeric": _r_numeric, "day_list": _r_day_list}
