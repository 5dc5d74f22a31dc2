"""Filters: matches that only look like dates ("1942 workers", "may", "today's youth").

A pattern names the filters it needs in its `checks`; capitalised month and
weekday names are required of every pattern.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from claimx.dates.grammar import Hit
from claimx.dates.tense import ends_with_any, tokens

if TYPE_CHECKING:
    from claimx.dates.rules import DateRules


def _capitalised(word: str | None) -> bool:
    return word is None or word[:1].isupper()


def previous_word(text: str, start: int) -> str:
    match = re.search(r"([\w']+)\W*$", text[max(0, start - 30) : start])
    return match.group(1).lower() if match else ""


def _is_count(doc: Doc, hit: Hit, rules: DateRules) -> bool:
    """A number counting things ("1942 workers") rather than naming a year."""
    before = previous_word(hit.m.string, hit.m.start("y"))
    if before in rules.year_prefixes or before in rules.year_determiners:
        return False
    if before.endswith(("'s", "s'")):
        return False  # "the company's 1989 results"
    for tok in tokens(doc, hit.m.start("y"), hit.m.end("y")):
        head = tok.head
        if tok.dep_ == "nummod" and head.tag_ in ("NNS", "NNPS") and head.i > tok.i:
            return True
        if head.lower_ in rules.units and head.i == tok.i + 1:
            return True
    return False


def keep(doc: Doc, hit: Hit, rules: DateRules) -> bool:
    """Whether a match is a date, by the checks its pattern asks for."""
    g = hit.m.groupdict()
    text = hit.m.string  # the Doc text: Doc.text is rebuilt on every access
    checks = hit.pattern.checks
    if not _capitalised(g.get("mon")) or not _capitalised(g.get("wd")):
        return False
    if "ambiguous_month" in checks and not g.get("shift"):
        mon = (g.get("mon") or "").lower()
        if mon in rules.ambiguous_months and not g.get("mod"):
            return previous_word(text, hit.start) in rules.month_context_words
    if "year_range" in checks and g.get("y"):
        year = int(g["y"] or 0)
        if not rules.year_min <= year <= rules.year_max:
            return False
        if "not_count" in checks and not g.get("fiscal") and _is_count(doc, hit, rules):
            return False
    if "day_range" in checks and not 1 <= int(g.get("d") or 0) <= 31:
        return False
    if "offset_blockers" in checks and ends_with_any(
        text[max(0, hit.start - 16) : hit.start].lower(), rules.offset_blockers_before
    ):
        return False
    if "generic_possessive" in checks and text[hit.end : hit.end + 2] in ("'s", "\u2019s"):
        return (g.get("rel") or "").lower() not in rules.generic_possessives
    if "reference_blockers" in checks:
        after = text[hit.end : hit.end + 12].lstrip(" ")
        word = re.match(r"[\w-]+|-", after)
        if word and word.group(0).lower() in rules.reference_blockers_after:
            return False
        if text[hit.end : hit.end + 1] == "-" or text[hit.start - 1 : hit.start] == "-":
            return False
    if "clock_cue" in checks and previous_word(text, hit.start) not in rules.clock_word_cues:
        return False
    if "numeric_context" in checks and not _numeric_date(text, hit, rules):
        return False
    if "part_cue" in checks and previous_word(text, hit.start) not in rules.part_cues:
        return False
    return not ("capital_q" in checks and not (g.get("qa") or "Q")[0].isupper())


def _numeric_date(text: str, hit: Hit, rules: DateRules) -> bool:
    """Figures as a date: "on 11/20", "3/5/2024"; not "24/7", not "1/2 of"."""
    if hit.m.group(0) in rules.numeric_not_dates:
        return False
    g = hit.m.groupdict()
    if g.get("ny") or g.get("dy") or g.get("iy") or g.get("wd"):
        return True
    before = previous_word(text, hit.start)
    return before in rules.numeric_date_cues or before in rules.weekdays
