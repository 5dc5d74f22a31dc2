"""Tense and direction: which way a date without a year (or week) points, read from the parse."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy for annotations only: the rules compile without it
    from spacy.tokens import Doc, Token

    from claimx.dates.rules import DateRules


def tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def governor(tokens: list[Token]) -> Token | None:
    """The verb (or sentence root) the date expression hangs on."""
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    tok = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.i not in inside:
            return tok
        if tok.head.i == tok.i:  # the root (Token objects are made afresh: compare positions)
            return tok
        tok = tok.head
    return tok


def tense(doc: Doc, text: str, start: int, end: int, rules: DateRules) -> str:
    """'past', 'future', 'deadline' ("by Friday", not past), 'present' or '' for a date's clause."""
    before = text[max(0, start - 24) : start].lower()
    if ends_with_any(before, rules.future_phrases_before):
        return "future"
    if ends_with_any(before, rules.past_phrases_before):
        return "past"
    if ends_with_any(before, rules.open_phrases_before):
        return "present"
    found = _from_parse(doc, text, start, end, rules)
    if ends_with_any(before, rules.deadline_phrases_before):
        # "a deal by the weekend", "must leave by Friday" look ahead; "had fled by Friday" not.
        return "past" if found == "past" else "deadline"
    return found


def _from_parse(doc: Doc, text: str, start: int, end: int, rules: DateRules) -> str:
    """The tense of the clause a date hangs on, from the nouns after it and the parse."""
    # "a May 10 deadline" is the nearest May 10, whatever the verb says (a deadline is
    # near, passed or not); "a June 20 shooting" is reported after it happened.
    noun = re.match(r"\s+([a-z][\w-]*)", text[end : end + 30])
    if noun and noun.group(1) in rules.open_nouns_after:
        return "present"
    verb = governor(tokens(doc, start, end))
    if verb is not None and verb.head.lower_ in rules.past_phrases_before:
        return "past"  # "since taking office in June"
    if noun and noun.group(1) in rules.past_nouns_after:
        found = verb_tense(verb, rules) if verb is not None else ""
        return "future" if found == "future" else "past"
    for _ in range(4):
        if verb is None:
            return ""
        found = verb_tense(verb, rules)
        if found != "infinitive":
            return found
        # "to visit on Wednesday" looks ahead of its governor, unless that is past:
        # "had been allowed to inspect since Jan. 13".
        verb = verb.head if verb.head.i != verb.i else None
        if verb is not None and verb.lower_ in rules.future_infinitive_heads:
            return "future"  # "is to resume trading Tuesday"
        if verb is not None and verb_tense(verb, rules) == "past":
            return ""
    return "future"


# Tenses that look ahead: a deadline ("by Friday") is resolved by its own policy.
AHEAD = ("future", "deadline")


def ends_with_any(text: str, phrases: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{re.escape(p)}\s*$", text) for p in phrases)


def verb_tense(verb: Token, rules: DateRules) -> str:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = [a.lower_ for a in auxes]
    if verb.dep_ == "acomp":
        # "had been due to expire": the adjective's tense is its copula's.
        words += [c.lower_ for c in verb.head.children if c.dep_ in ("aux", "auxpass")]
    if any(w in rules.future_auxiliaries for w in words):
        return "future"
    if any(w in rules.perfect_past_auxiliaries for w in words):
        return "past"  # a plan already overtaken: "had been scheduled for Friday"
    if verb.lower_ in rules.future_predicates:
        return "future"
    # "set for Tuesday", "due Friday" announce; "set Friday as the deadline" reports.
    if verb.lower_ in rules.future_participles and verb.tag_ != "VBD":
        return "future"
    if any(a.tag_ == "TO" for a in auxes) and verb.tag_ == "VB":
        return "infinitive"
    cop = next((c for c in verb.children if c.dep_ == "cop"), None)
    if cop is not None:
        return "past" if cop.tag_ == "VBD" else "present"
    if any(w in rules.past_auxiliaries for w in words) or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and not auxes):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or (verb.tag_ in ("VBG", "VBN") and auxes):
        return "present"
    return ""


def direction(rules: DateRules, expression: str, tense: str) -> str:
    """The resolution policy for this kind of expression in this tense."""
    return rules.resolution.get(f"{expression}.{tense or 'unknown'}", "nearest")


def pick(options: list[tuple[date, str]], ref: date, direction: str) -> str | None:
    """Among dated options, the one the direction selects around `ref`."""
    if direction == "past":
        before = [o for o in options if o[0] <= ref]
        return max(before)[1] if before else None
    if direction == "future":
        after = [o for o in options if o[0] >= ref]
        return min(after)[1] if after else None
    return min(options, key=lambda o: (abs((o[0] - ref).days), o[0] > ref))[1]
