"""A season alone: "over the summer", "in the spring", "the early winter".

With a shift or a year ("last summer", "spring 2024") a season is another
pattern's; alone, after a cue word (`part_cues`), it is the season the clause
points to: in a past clause the latest that has begun by the reference date, in
a future one the first not yet over, else the reference year's. "The fall"
alone is left out ("the fall of Rome", "the fall in prices").
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from claimx.dates import calendar as cal
from claimx.dates.daytime import _modifies_noun
from claimx.dates.grammar import Hit
from claimx.dates.resolvers import Context, Groups, Resolver, Value, _tense_of
from claimx.dates.tense import AHEAD

if TYPE_CHECKING:  # spaCy for annotations only: the rules compile without it
    from spacy.tokens import Doc

    from claimx.dates.rules import DateRules

# The month each TIMEX3 season begins in (northern meteorological seasons).
_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def season_year(code: str, ref: date, tense: str) -> int:
    """The year of the season `code` the tense picks around `ref`."""
    start = date(ref.year, _START[code], 1)
    if tense == "past":
        return ref.year if start <= ref else ref.year - 1
    if tense in AHEAD:
        year, month = cal.add_months(ref.year, _START[code], 3)
        return ref.year if date(year, month, 1) > ref else ref.year + 1
    return ref.year


def _r_season_alone(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    code = rules.seasons[(g.get("s") or "").lower()]
    if _modifies_noun(doc, hit):
        return None  # "the summer months", "the spring offensive"
    if ctx.ref is None:
        return Value(f"XXXX-{code}", "none")
    year = cal.year_text(season_year(code, ctx.ref, _tense_of(hit, doc, rules)))
    return None if year is None else Value(f"{year}-{code}", ctx.anchor)


RESOLVERS: dict[str, Resolver] = {"season_alone": _r_season_alone}
