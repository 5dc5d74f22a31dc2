"""Parts of the day: "the morning of March 3", "the early hours of Sunday", "that
night", "the next morning", "in the afternoon", and clock times told by them ("4 in
the morning").

TIMEX3 writes a part of the day after the day: `2024-03-03TMO` (morning), `TAF`
(afternoon), `TEV` (evening), `TNI` (night); the words are `day_parts` in
`rules/dates.yaml` ("the early hours" are the morning's). A part of the day alone
("in the morning") is a date only in a past or future clause ("he jogs in the
morning" is a habit), on the day last stated in its paragraph, else (in a past
clause) the day the story last named, else the reference day.
"""

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
    _r_relday,
    _r_weekday,
    _tense_of,
    _words,
)
from claimx.dates.tense import AHEAD

if TYPE_CHECKING:  # spaCy for annotations only: the rules compile without it
    from spacy.tokens import Doc

    from claimx.dates.rules import DateRules

# Values a part of the day may follow: a day, or a weekday of an unknown week.
_DAY = re.compile(r"[\dX]{4}-[\dX]{2}-[\dX]{2}|[\dX]{4}-W[\dX]{2}-[1-7]")


def _code(g: Groups, rules: DateRules) -> str | None:
    return rules.day_parts.get(_words(g.get("part") or ""))


def with_part(found: Value | None, code: str | None) -> Value | None:
    """The day of `found` with the part of the day after it; other values as they are."""
    if found is None or code is None or not _DAY.fullmatch(found.value):
        return found
    return Value(f"{found.value}T{code}", found.anchor, found.type)


def _r_part_of(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    """ "the morning of March 3", "the night of Saturday", "the early hours of Sunday"."""
    code = _code(g, rules)
    if g.get("mon") or g.get("mon2") or g.get("mon3"):
        groups: Groups = {
            "mon": g.get("mon") or g.get("mon2") or g.get("mon3"),
            "d": g.get("d") or g.get("d2") or g.get("d3"),
            "y": g.get("y"),
            "wd": g.get("wd"),
        }
        return with_part(_r_month_day(hit, groups, doc, rules, ctx), code)
    if g.get("wd"):
        groups = {"wd": g.get("wd"), "shift": g.get("shift")}
        return with_part(_r_weekday(hit, groups, doc, rules, ctx), code)
    if g.get("rel"):
        return with_part(_r_relday(hit, {"rel": g.get("rel")}, doc, rules, ctx), code)
    return _r_part_alone(hit, g, doc, rules, ctx)  # "the early hours of the morning"


def _r_part_alone(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    """ "in the morning", "by mid-afternoon": a time of the day last stated, in a past or
    future clause."""
    code = _code(g, rules)
    tense = _tense_of(hit, doc, rules)
    if code is None or tense not in ("past", *AHEAD) or _modifies_noun(doc, hit):
        return None
    # A story tells what happened on the day it last named: "dashed Friday. [...] Dealers
    # bought in the morning" is Friday morning.
    told = cal.day_of_value(ctx.previous) if tense == "past" else None
    if told is not None and ctx.ref is not None and told > ctx.ref:
        told = None
    day = ctx.day or told or ctx.ref
    if day is None:
        return Value(f"XXXX-XX-XXT{code}", "none")
    return Value(f"{day.isoformat()}T{code}", ctx.anchor if ctx.ref else "none")


def _modifies_noun(doc: Doc, hit: Hit) -> bool:
    """ "the morning meetings", "early-morning tweets": a kind of thing, not a time."""
    span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None:
        return False
    last = span[-1]
    return last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i


def _r_part_anaphor(hit: Hit, g: Groups, doc: Doc, rules: DateRules, ctx: Context) -> Value | None:
    """ "that night", "the next morning": a part of the day last stated, or of one after it."""
    code = _code(g, rules)
    n = rules.anaphors[_words(g.get("ana") or "")]
    base = cal.day_of_value(ctx.previous) or ctx.day
    if base is None:
        if n == 0 or ctx.ref is None:
            return None  # "that night" with no day stated before it
        base = ctx.ref
    day = cal.add_days(base, n)
    if day is None or code is None:
        return None
    return Value(f"{day.isoformat()}T{code}", ctx.anchor if ctx.ref else "none")


RESOLVERS: dict[str, Resolver] = {
    "part_of": _r_part_of,
    "part_alone": _r_part_alone,
    "part_anaphor": _r_part_anaphor,
}
