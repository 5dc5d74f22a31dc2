"""find_dates: every temporal expression of a Doc, with its TIMEX3 value."""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc

from claimx.dates import calendar as cal
from claimx.dates.filters import keep
from claimx.dates.grammar import Hit, scan
from claimx.dates.resolvers import RESOLVERS, Context, _month_of
from claimx.dates.rules import DateRules
from claimx.dates.timex import is_valid
from claimx.model import DateMention, Found, Span

# Resolvers whose matches state a full calendar day, for the inferred anchor.
_FULL_DAY = ("iso", "month_day")


def _reference(published: str | None, hits: list[Hit], rules: DateRules) -> tuple[date | None, str]:
    """The date relative expressions count from, and how it is known."""
    if published:
        day = cal.day_of_value(published)
        if day is not None:
            return day, "published"
    full: list[tuple[date, bool]] = []
    for hit in hits:
        g = hit.m.groupdict()
        if hit.pattern.resolver in _FULL_DAY and g.get("y"):
            month = int(g["m"] or 0) if g.get("m") else _month_of(g.get("mon") or "", rules)
            day = cal.make_date(int(g["y"] or 0), month, int(g.get("d") or 0))
            if day is not None:
                line_start = hit.m.string.rfind("\n", 0, hit.start) + 1
                full.append((day, bool(_LINE_HEAD.fullmatch(hit.m.string[line_start : hit.start]))))
    # Only strong evidence: a date heading a line (a timeline entry, a dateline) or
    # a day stated twice. One date in a caption about 2010 says nothing of "Friday".
    days = [d for d, _ in full]
    strong = [d for d, heads in full if heads or days.count(d) > 1]
    return (max(strong), "inferred") if strong else (None, "none")


# What may stand before a date that heads a line: a bullet, a place in capitals.
_LINE_HEAD = re.compile(
    r"\s*(?:[-*\u2022>]\s*)?(?:[A-Z][A-Z .'\-]+,\s*(?:[A-Z][\w.'\-]*(?: [A-Z][\w.'\-]*)*,\s*)?)?"
)


def find_dates(doc: Doc, rules: DateRules, published: str | None) -> Found[DateMention]:
    """Every date and time in `doc`, in text order, with its TIMEX3 value.

    `published` is the article's date (ISO); when it is not a day on the calendar,
    dates are resolved as if there were none, with a warning.
    """
    text = doc.text
    warnings: list[tuple[str, int]] = []
    hits = [h for h in scan(text, rules.grammar) if keep(doc, h, rules)]
    if published and cal.day_of_value(published) is None:
        warnings.append((f"dates: publication date {published!r} is not a day: not used", 0))
        published = None
    ref, anchor = _reference(published, hits, rules)
    previous: str | None = None
    quarter: str | None = None
    last_day: tuple[date, int] | None = None  # the day last stated, and where it ended
    records: list[DateMention] = []
    for hit in hits:
        same_paragraph = last_day is not None and "\n" not in text[last_day[1] : hit.start]
        day = last_day[0] if last_day is not None and same_paragraph else None
        ctx = Context(ref, anchor, previous, quarter, day)
        found = RESOLVERS[hit.pattern.resolver](hit, hit.m.groupdict(), doc, rules, ctx)
        if found is None:
            continue
        if not is_valid(found.value):
            # A bug, not a property of the text: say so rather than write a bad value.
            warnings.append((f"dates: {hit.m.group(0)!r} gave no valid value", hit.start))
            continue
        # Anaphors count from what the text last stated, not from each other; a day
        # named by one ("the next day") is stated, for the one after it.
        anaphor_day = hit.pattern.resolver == "anaphor" and cal.DAY_VALUE.match(found.value)
        if not hit.pattern.anaphoric or anaphor_day:
            previous = found.value
            if cal.QUARTER_VALUE.match(found.value):
                quarter = found.value
        stated = cal.day_of_value(found.value)
        if stated is not None:
            last_day = (stated, hit.end)
        records.append(
            DateMention(
                text=text[hit.start : hit.end],
                value=found.value,
                type=found.type,
                anchor=found.anchor,
                span=Span(hit.start, hit.end),
            )
        )
    return Found(tuple(records), tuple(warnings))
