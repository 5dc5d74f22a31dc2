"""Figures of two numbers read as one record: scores ("74-24"), ratios ("1 in 5"), and ages
set off after a name ("Jamie Armstrong, 25,"). Each function takes the `Reader` at a number."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from claimx.figures.lexicon import Number, read_number
from claimx.figures.parse import counted_noun, token_at
from claimx.model import Figure

if TYPE_CHECKING:
    from claimx.figures.reader import Reader

Reading = tuple[Figure | None, int]


def score(reader: Reader, low: Number) -> Reading | None:
    """A result or tally as one record: "voted 74-24", "won 2-0", "split 52-48".

    Two whole numbers joined by a dash are a score when the second is not the
    larger (no range runs downwards) or the sentence speaks of a vote or a game.
    """
    text = reader.text
    if low.spelled or low.scaled or low.value != low.value.to_integral_value():
        return None
    m = re.match(r"[-–—](\d{1,3})(?![\d%\w-]|[.,]\d)", text[low.end : low.end + 6])
    # "voted 51 to 49", "the vote was 6 to 3": written out, downwards, in a vote or game
    worded = re.match(r"\s+to\s+(\d{1,3})(?![\d%\w-]|[.,]\d)", text[low.end : low.end + 9])
    if m is None and worded and int(worded.group(1)) < low.value:
        m = worded if tally_cue(reader, low.start) else None
    if m is None or low.value >= 1000 or reader.lex.money.before(text, low.start):
        return None
    other = Decimal(m.group(1))
    end = low.end + m.end()
    if reader.lex.units.at(text, end) is not None:
        return None  # "6 to 3 percent" is no score
    if other > low.value:
        noun = counted_noun(reader.doc, low.start, end, reader.rules)
        if not tally_cue(reader, low.start) or (noun is not None and noun.tag_ == "NNS"):
            return None  # "252-287 seats": a range of seats
    about = reader.event(low.start, end)
    return reader.figure(low.start, end, low.value, other, "=", None, "score", about), end


def tally_cue(reader: Reader, offset: int) -> bool:
    """The sentence at `offset` speaks of a vote or a game."""
    token = token_at(reader.doc, offset)
    if token is None:
        return False
    cues = {w.lower() for w in reader.rules.tally_cues}
    return any(t.lemma_.lower() in cues or t.lower_ in cues for t in token.sent)


def ratio(reader: Reader, low: Number) -> Reading | None:
    """ "1 in 5 adults", "one out of three": a proportion as one record, kind `ratio`.

    `value` is the part and `value_max` the whole, as written; the unit is the noun
    counted after the whole. Not when the whole has a unit ("2 in 3 minutes") or is
    a year ("5 in 2020").
    """
    lex, text = reader.lex, reader.text
    if low.scaled or low.value != low.value.to_integral_value() or low.value < 0:
        return None
    if lex.money.before(text, low.start):
        return None
    link = lex.ratio_after.match(text, low.end)
    nxt = lex.number_at.match(text, link.end()) if link else None
    whole = read_number(nxt, lex) if nxt else None
    if whole is None or whole.value <= low.value or reader.year_like(whole):
        return None
    if whole.value != whole.value.to_integral_value() or whole.word.endswith("%"):
        return None
    if lex.units.at(text, whole.end) or lex.money.after(text, whole.end, whole.scaled):
        return None
    start = low.start
    qualifier = reader.left(start, lex.qualifier_before)
    if qualifier:
        start = qualifier.start()
    unit, about, end = reader.counted(whole, whole.end)
    qual = reader.qualifier_of(qualifier, start)
    return reader.figure(start, end, low.value, whole.value, qual, unit, "ratio", about), end


def age_of_person(reader: Reader, low: Number) -> Reading | None:
    """ "Jamie Armstrong, 25, was charged": a number set off after a person's name is an age."""
    text = reader.text
    if low.spelled or low.scaled or not 0 < low.value < 120 or "." in low.word:
        return None
    if text[max(0, low.start - 2) : low.start] != ", " or text[low.end : low.end + 1] not in ",)":
        return None
    comma = token_at(reader.doc, low.start - 2)
    before = reader.doc[comma.i - 1] if comma is not None and comma.i else None
    if before is None or before.ent_type_ != "PERSON":
        return None
    unit = reader.rules.age_unit
    return reader.figure(low.start, low.end, low.value, None, "=", unit, "age", None), low.end
