"""Dates: every temporal expression of an article, normalised to a TIMEX3 value.

Values follow the TimeML TIMEX3 conventions at the granularity the text states
(`2026-01-13`, `2025-11`, `2025`, `199X`, `1910/1945`, `2013-W11`, `2026-Q1`,
`PRESENT_REF`, `XXXX-01-05`, `2026-01-13T00:55Z`). Expressions that need a
calendar anchor ("Tuesday", "in November", "last year") are resolved against
the article's publication date, or, when it has none, against the latest full
date the article itself gives; the tense of the clause a date hangs on (read
from the dependency parse) says which way to look.

The words (month names, relative words, tense cues, policy) are in
`rules/dates.yaml`; this module holds the patterns built from them and the
calendar arithmetic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from claimx.model import DateMention, Span


@dataclass(frozen=True)
class DateRules:
    # Full month names (lowercase) -> month number.
    months: dict[str, int]
    # Month abbreviations -> month number; dates only next to a day or a year.
    month_abbreviations: dict[str, int]
    # Month names that are also common words; alone they need a context word before them.
    ambiguous_months: tuple[str, ...] = ()
    # Words that, right before an ambiguous month alone, make it a month ("in May").
    month_context_words: tuple[str, ...] = ()
    # Weekday names -> ISO weekday number (Monday = 1).
    weekdays: dict[str, int] = field(default_factory=dict)
    # Weekday abbreviations -> ISO weekday; only with a dot ("Wed.").
    weekday_abbreviations: dict[str, int] = field(default_factory=dict)
    # Parts of the day after a day ("Friday night") -> TIMEX3 suffix (NI, MO, ...).
    day_parts: dict[str, str] = field(default_factory=dict)
    # Days relative to the reference date -> offset in days ("yesterday": -1).
    relative_days: dict[str, int] = field(default_factory=dict)
    # Relative days that also name a part of the day ("tonight": NI).
    relative_day_parts: dict[str, str] = field(default_factory=dict)
    # Words whose value is a TIMEX3 reference token ("now": PRESENT_REF).
    reference_words: dict[str, str] = field(default_factory=dict)
    # Next words that make a reference word no date ("now that").
    reference_blockers_after: tuple[str, ...] = ()
    # Calendar unit words -> granularity letter (Y, M, W, D, Q, E for decade).
    units: dict[str, str] = field(default_factory=dict)
    # Words moving a unit or a day: "last" -1, "this" 0, "next" 1.
    shift_words: dict[str, int] = field(default_factory=dict)
    # Words after "<n> <unit>" making a point in time, with direction ("ago": -1).
    offset_words: dict[str, int] = field(default_factory=dict)
    # Offset words counted from the reference date; the others from the last date mentioned.
    offsets_from_reference: tuple[str, ...] = ()
    # Words before "<n> <unit> <offset>" that make it a length, not a point
    # ("more than 80 years later").
    offset_blockers_before: tuple[str, ...] = ()
    # Relative days that are generic before "'s" ("today's youth").
    generic_possessives: tuple[str, ...] = ()
    # Numbers written as words -> value ("two": 2).
    number_words: dict[str, int] = field(default_factory=dict)
    # Modifiers kept in the extent but outside the value ("late", "the end of").
    modifiers: tuple[str, ...] = ()
    # Season names -> TIMEX3 season code (SP, SU, FA, WI).
    seasons: dict[str, str] = field(default_factory=dict)
    # Ordinals naming a quarter -> quarter number.
    quarter_ordinals: dict[str, int] = field(default_factory=dict)
    # Phrases meaning the quarter last reported ("the latest quarter").
    latest_quarter_words: tuple[str, ...] = ()
    # Words after which a four-digit number is a year even before a plural noun.
    year_prefixes: tuple[str, ...] = ()
    # First words of years said aloud -> centuries ("nineteen": 19, "nineteen ninety-six").
    spoken_centuries: dict[str, int] = field(default_factory=dict)
    # Words before a year number that make it a year, not a count ("the 1992
    # protests"); a possessive ("the company's 1989 results") does too.
    year_determiners: tuple[str, ...] = ()
    # Words between "the" and "year" keeping it the reference year ("the full year").
    whole_year_words: tuple[str, ...] = ()
    # Lowest and highest bare four-digit numbers read as years.
    year_min: int = 1600
    year_max: int = 2099
    # Connectors of year ranges ("1910 to 1945", "1910-45").
    range_connectors: tuple[str, ...] = ()
    # Time zone words after a clock time -> TIMEX3 suffix ("utc": Z).
    time_zones: dict[str, str] = field(default_factory=dict)
    # Named days with a fixed date -> "MM-DD".
    holidays: dict[str, str] = field(default_factory=dict)
    # Named days that move with the weekday -> "<weekday> on or after MM-DD"
    # (Thanksgiving: "thursday on or after 11-22").
    floating_holidays: dict[str, str] = field(default_factory=dict)
    # Words before "day/week/month/year" pointing back at the date last mentioned,
    # with the shift from it ("that year" 0, "the following day" 1).
    anaphors: dict[str, int] = field(default_factory=dict)
    # Words after "the day/week/..." shifting it from the date last mentioned
    # ("the day before" -1, "the day after" 1).
    anaphor_shifts_after: dict[str, int] = field(default_factory=dict)
    # Named clock times -> "HH:MM" ("noon": "12:00"); dates only next to a day.
    clock_words: dict[str, str] = field(default_factory=dict)
    # Range connectors that join years only after "between" ("between 1982 and
    # 1992"; "in 1990 and 1991" names two years).
    between_connectors: tuple[str, ...] = ()
    # Auxiliaries and modals putting a clause in the future.
    future_auxiliaries: tuple[str, ...] = ()
    # Predicates announcing something to come, in any form ("planned", "expected").
    future_predicates: tuple[str, ...] = ()
    # Participles announcing something to come, unless used as a simple past ("set", "due").
    future_participles: tuple[str, ...] = ()
    # Phrases right before a date that put it ahead ("as early as Tuesday").
    future_phrases_before: tuple[str, ...] = ()
    # Phrases right before a date that put it behind ("since June").
    past_phrases_before: tuple[str, ...] = ()
    # Phrases right before a date that leave its direction open, whatever the verb's
    # tense ("extended to Nov. 20", "payable Dec. 7"): resolved as in the present.
    open_phrases_before: tuple[str, ...] = ()
    # Auxiliaries making a participle or progressive clause past.
    past_auxiliaries: tuple[str, ...] = ()
    # Auxiliaries that keep a clause in the past even when its predicate announces
    # ("had been due to expire Friday": that Friday is over).
    perfect_past_auxiliaries: tuple[str, ...] = ()
    # Forms of "be" that put a to-infinitive ahead ("is to resume trading Tuesday").
    future_infinitive_heads: tuple[str, ...] = ()
    # Which way to resolve, by "<expression>.<tense>" (expression: weekday, month,
    # month_day; tense: past, future, present, unknown) -> past | future | nearest.
    resolution: dict[str, str] = field(default_factory=dict)
    # Days a "future" weekday may lie before the reference date: a dateline stamped
    # early on Wednesday was written on Tuesday, when "on Tuesday he is to visit" was ahead.
    future_grace_days: int = 0
    # A quarter starting more than this many months after the reference month is last year's.
    quarter_lookahead_months: int = 3


# ---------------------------------------------------------------------------
# Patterns


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first, spaces matching any whitespace."""
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


@dataclass(frozen=True)
class _Grammar:
    patterns: tuple[tuple[str, re.Pattern[str]], ...]


def _grammar(r: DateRules) -> _Grammar:
    """The patterns, in priority order (the longest match wins; ties go to the first)."""
    month_any = _alt([*r.months, *r.month_abbreviations])
    month_full = _alt(r.months)
    weekday = "(?:" + _alt(r.weekdays) + "|" + _alt(r.weekday_abbreviations) + r"\.)"
    part = _alt(r.day_parts)
    shift = _alt(r.shift_words)
    mod = rf"(?:(?P<mod>{_alt(r.modifiers)})(?:\s+|-))?"
    number = rf"(?:\d+|{_alt(r.number_words)})"
    units = _alt(r.units)
    zone = _alt(r.time_zones)
    ordinal = _alt(r.quarter_ordinals)
    ampm = r"(?:[ap]\.m\.|[ap]m\b)"
    clock = rf"(?P<H>\d{{1,2}}):(?P<M>\d{{2}})(?::\d{{2}})?\s*(?P<ap>{ampm})?\s*(?P<tz>{zone}\b)?"
    time_suffix = rf"(?:,?\s*\(?\s*(?:at\s+)?{clock}\)?)?"
    year4 = r"(?P<y>\d{4})(?![\d])"
    rel_year = rf"(?P<ys>{shift})\s+year"
    connectors = "|".join(
        r"\s*-\s*" if c == "-" else rf"\s+{re.escape(c)}\s+" for c in r.range_connectors
    )
    # "and" joins a range only after "between": "in 1990 and 1991" names two years.
    between = "|".join(rf"\s+{re.escape(c)}\s+" for c in r.between_connectors) or "(?!)"
    pats = {
        "iso": (
            r"(?<![\w\-/])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
            r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::\d{2})?(?P<tz>Z)?)?(?![\w\-])"
        ),
        "mdy": (
            rf"(?:(?P<wd>{weekday}),?\s+)?(?:the\s+)?(?P<mon>{month_any})\b\.?\s*"
            rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d|:\d)(?:,?\s+(?P<y>\d{{4}})(?![\d]))?"
            + time_suffix
        ),
        "dmy": (
            rf"(?<![\d,.])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{month_any})\b\.?"
            rf"(?:,?\s+(?P<y>\d{{4}})(?![\d]))?"
        ),
        "my": rf"{mod}(?P<mon>{month_any})\b\.?,?\s+(?:of\s+)?{year4}",
        "month_rel": rf"{mod}(?P<mon>{month_full})\b,?\s+(?:of\s+)?{rel_year}\b",
        "month": rf"{mod}(?:(?P<shift>{shift})\s+)?(?P<mon>{month_full})\b",
        "decade": rf"(?:the\s+)?{mod}(?:(?P<c>\d{{3}})0'?s|'(?P<c2>\d)0s)\b",
        "range": (
            rf"(?:(?:from|(?P<btw>between))\s+)?(?<![\d,.$])(?P<y1>\d{{4}})"
            rf"(?:{connectors}|(?(btw){between}|(?!)))"
            rf"(?P<y2>\d{{4}}|\d{{2}})(?![\d\-])"
        ),
        "year": (
            rf"{mod}(?:(?P<fiscal>fiscal|calendar)\s+(?:year\s+)?)?"
            r"(?<![\d$€£.,:/])(?<!\d-)" + year4 + r"(?!,\d|\.\d|\s*%|-\d|\s*percent)"
        ),
        "quarter": (
            rf"(?:the\s+)?(?:(?P<ys>{shift})\s+year's\s+|(?P<yp>\d{{4}})(?:'s)?\s+"
            # "the year-ago third quarter": the same quarter a year before.
            r"|(?P<ya>year-(?:ago|earlier))\s+)?"
            rf"(?:fiscal\s+|calendar\s+)?(?P<q>{ordinal})(?:\s+|-)(?:fiscal\s+)?quarter\b"
            rf"(?:\s+of\s+(?:(?:fiscal\s+)?(?P<y>\d{{4}})|(?P<ys2>{shift})\s+year))?"
        ),
        "q_abbrev": r"\b(?P<qa>Q[1-4])(?:\s+(?P<y>\d{4}))?\b",
        "half": (
            r"(?:the\s+)?(?P<h>first|second)\s+half\s+of\s+"
            rf"(?:(?P<y>\d{{4}})|(?P<ys>{shift})\s+year)"
        ),
        "latest_quarter": _alt(r.latest_quarter_words) + r"\b",
        "season": (
            rf"{mod}(?:(?P<shift>{shift})\s+(?P<s>{_alt(r.seasons)})\b"
            rf"|(?P<s2>{_alt(r.seasons)})\s+(?:of\s+)?(?P<y>\d{{4}}))"
        ),
        "weekend": rf"(?:(?P<shift>{shift}|the)\s+)weekend\b",
        "shift_unit": (
            rf"{mod}(?P<shift>{shift})\s+(?:fiscal\s+|calendar\s+)?(?P<unit>{units})\b(?!-)"
        ),
        "offset": (rf"(?P<n>{number})\s+(?P<unit>{units})\s+(?P<dir>{_alt(r.offset_words)})\b"),
        "year_adj": r"(?:the\s+)?year-(?:earlier|ago)\b",
        "century": (
            rf"(?:the\s+)?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<shift>{shift}))[\s-]+century\b"
        ),
        "time": (
            # Zone abbreviations in capitals only ("EST", "EDT"): "6 a.m. ten days" has none.
            rf"(?P<H>\d{{1,2}})(?::(?P<M>\d{{2}}))?\s*(?P<ap>{ampm})"
            rf"(?:\s+(?P<tz>{zone}|(?-i:[A-Z]{{1,2}}[SD]?T))\b)?"
            rf"(?:,?\s+(?:on\s+)?(?P<wd>{weekday})|\s+(?P<rel>{_alt(r.relative_days)})"
            # "until 5 p.m. EST Nov. 9": the day the time is on follows it.
            rf"|,?\s+(?:on\s+)?(?P<mon>{month_any})\b\.?\s*(?P<d>\d{{1,2}})(?![\d:])"
            rf"(?:,?\s+(?P<y>\d{{4}})(?!\d))?)?"
        ),
        "clock_zone": rf"\b(?P<H>\d{{1,2}}):(?P<M>\d{{2}})\s*(?P<tz>{zone})\b",
        "weekday": (rf"{mod}(?:(?P<shift>{shift})\s+)?(?P<wd>{weekday})(?:\s+(?P<part>{part})\b)?"),
        "relday": rf"{mod}(?P<rel>{_alt(r.relative_days)})\b(?:\s+(?P<part>{part})\b)?",
        "this_part": rf"(?P<shift>this|last)\s+(?P<part>{part})\b",
        "holiday": _alt([*r.holidays, *r.floating_holidays]) + r"\b",
        "anaphor": (
            rf"{mod}(?P<ana>{_alt(r.anaphors)})\s+(?P<unit>day|week|month|year|quarter)\b"
            # "the day before" alone; "the day before the vote" counts from the vote.
            rf"|the\s+(?P<unit2>day|week|month|year)\s+(?P<after>{_alt(r.anaphor_shifts_after)})"
            r"(?=\s*[,.;:)'\"]|\s*$)"
        ),
        # "the year" alone is the year of the reference date ("profit for the full year");
        # "the year-ago quarter" and "the year's end" are other patterns' business.
        "the_year": (rf"{mod}the\s+(?:{_alt(r.whole_year_words)}\s+)?year\b(?![-'\u2019])"),
        "clock_word": (
            rf"(?P<cw>{_alt(r.clock_words)})\s+(?:on\s+)?"
            rf"(?:(?P<wd>{weekday})|(?P<rel>{_alt(r.relative_days)}))\b"
        ),
        "ref": _alt(r.reference_words) + r"\b",
    }
    pats["spoken_year"] = _spoken_year_pattern(r)
    return _Grammar(
        tuple((kind, re.compile(rf"(?<![\w'])(?:{p})", re.I)) for kind, p in pats.items())
    )


def _spoken_year_pattern(r: DateRules) -> str:
    """Years said aloud, as broadcast transcripts write them: "nineteen ninety-six"."""
    tens = _alt(w for w, v in r.number_words.items() if 10 <= v < 100)
    ones = _alt(w for w, v in r.number_words.items() if 1 <= v <= 9 and len(w) > 2)
    low = _alt(w for w, v in r.number_words.items() if 1 <= v < 100 and len(w) > 2)
    if not r.spoken_centuries:
        return "(?!)"
    return (
        rf"(?:the\s+year\s+)?(?P<sc>{_alt(r.spoken_centuries)})[\s-]+(?P<st>{tens})"
        rf"(?:[\s-]+(?P<so>{ones}))?\b"
        # "two thousand" alone is a count: it is a year only after "the year".
        rf"|the\s+year\s+two\s+thousand(?:\s+and)?(?:[\s-]+(?P<sl>{low}))?\b"
    )


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    kind: str
    m: re.Match[str]


def _scan(text: str, grammar: _Grammar) -> list[_Hit]:
    """All non-overlapping matches, longest first; ties go to the earlier pattern."""
    found: list[tuple[int, int, int, _Hit]] = []
    for rank, (kind, pattern) in enumerate(grammar.patterns):
        for m in pattern.finditer(text):
            start, end = m.span()
            while end > start and (text[end - 1].isspace() or text[end - 1] in ",("):
                end -= 1
            if end > start:
                found.append((start, -(end - start), rank, _Hit(start, end, kind, m)))
    found.sort(key=lambda f: (f[1], f[0], f[2]))
    taken: list[_Hit] = []
    for _s, _l, _r, hit in found:
        if all(hit.end <= t.start or hit.start >= t.end for t in taken):
            taken.append(hit)
    return sorted(taken, key=lambda h: h.start)


# ---------------------------------------------------------------------------
# Filters: matches that only look like dates


def _capitalised(word: str | None) -> bool:
    return word is None or word[:1].isupper()


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"([\w']+)\W*$", text[max(0, start - 30) : start])
    return match.group(1).lower() if match else ""


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _is_count(doc: Doc, hit: _Hit, rules: DateRules) -> bool:
    """A number counting things ("1942 workers") rather than naming a year."""
    before = _previous_word(hit.m.string, hit.m.start("y"))
    if before in rules.year_prefixes or before in rules.year_determiners:
        return False
    if before.endswith(("'s", "s'")):
        return False  # "the company's 1989 results"
    for tok in _tokens(doc, hit.m.start("y"), hit.m.end("y")):
        head = tok.head
        if tok.dep_ == "nummod" and head.tag_ in ("NNS", "NNPS") and head.i > tok.i:
            return True
        if head.lower_ in rules.units and head.i == tok.i + 1:
            return True
    return False


def _keep(doc: Doc, hit: _Hit, rules: DateRules) -> bool:
    g = hit.m.groupdict()
    text = hit.m.string  # the Doc text: Doc.text is rebuilt on every access
    if not _capitalised(g.get("mon")) or not _capitalised(g.get("wd")):
        return False
    if hit.kind == "month" and not g.get("shift"):
        mon = g["mon"].lower()
        if mon in rules.ambiguous_months and not g.get("mod"):
            return _previous_word(text, hit.start) in rules.month_context_words
    if hit.kind in ("year", "my", "range", "mdy", "dmy") and g.get("y"):
        year = int(g["y"])
        if not rules.year_min <= year <= rules.year_max:
            return False
        if hit.kind == "year" and not g.get("fiscal") and _is_count(doc, hit, rules):
            return False
    if hit.kind in ("mdy", "dmy") and not 1 <= int(g["d"]) <= 31:
        return False
    if hit.kind == "offset" and _ends_with_any(
        text[max(0, hit.start - 16) : hit.start].lower(), rules.offset_blockers_before
    ):
        return False
    if hit.kind == "relday" and text[hit.end : hit.end + 2] in ("'s", "\u2019s"):
        return g["rel"].lower() not in rules.generic_possessives
    if hit.kind == "ref":
        after = text[hit.end : hit.end + 12].lstrip(" ")
        word = re.match(r"[\w-]+|-", after)
        if word and word.group(0).lower() in rules.reference_blockers_after:
            return False
        if text[hit.end : hit.end + 1] == "-" or text[hit.start - 1 : hit.start] == "-":
            return False
    return not (hit.kind == "q_abbrev" and not g["qa"][0].isupper())


# ---------------------------------------------------------------------------
# Tense from the parse


def _governor(tokens: list[Token]) -> Token | None:
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


def _tense(doc: Doc, text: str, start: int, end: int, rules: DateRules) -> str:
    """'past', 'future', 'present' or '' for the clause a date hangs on."""
    before = text[max(0, start - 24) : start].lower()
    if _ends_with_any(before, rules.future_phrases_before):
        return "future"
    if _ends_with_any(before, rules.past_phrases_before):
        return "past"
    if _ends_with_any(before, rules.open_phrases_before):
        return "present"
    verb = _governor(_tokens(doc, start, end))
    if verb is not None and verb.head.lower_ in rules.past_phrases_before:
        return "past"  # "since taking office in June"
    for _ in range(4):
        if verb is None:
            return ""
        tense = _verb_tense(verb, rules)
        if tense != "infinitive":
            return tense
        # "to visit on Wednesday" looks ahead of its governor, unless that is past:
        # "had been allowed to inspect since Jan. 13".
        verb = verb.head if verb.head.i != verb.i else None
        if verb is not None and verb.lower_ in rules.future_infinitive_heads:
            return "future"  # "is to resume trading Tuesday"
        if verb is not None and _verb_tense(verb, rules) == "past":
            return ""
    return "future"


def _ends_with_any(text: str, phrases: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{re.escape(p)}\s*$", text) for p in phrases)


def _verb_tense(verb: Token, rules: DateRules) -> str:
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


# ---------------------------------------------------------------------------
# Calendar arithmetic


def _direction(rules: DateRules, expression: str, tense: str) -> str:
    """The resolution policy for this kind of expression in this tense."""
    return rules.resolution.get(f"{expression}.{tense or 'unknown'}", "nearest")


def _pick(options: list[tuple[date, str]], ref: date, direction: str) -> str | None:
    """Among dated options, the one the direction selects around `ref`."""
    if direction == "past":
        before = [o for o in options if o[0] <= ref]
        return max(before)[1] if before else None
    if direction == "future":
        after = [o for o in options if o[0] >= ref]
        return min(after)[1] if after else None
    return min(options, key=lambda o: (abs((o[0] - ref).days), o[0] > ref))[1]


def _weekday_date(
    ref: date, weekday: int, direction: str, shift: int | None, grace: int = 0
) -> date:
    back = ref - timedelta(days=(ref.isoweekday() - weekday) % 7)
    start = ref - timedelta(days=grace)
    ahead = start + timedelta(days=(weekday - start.isoweekday()) % 7)
    if shift == -1:
        return back if back < ref else back - timedelta(days=7)
    if shift == 1:
        return ahead if ahead > ref else ahead + timedelta(days=7)
    if direction == "past":
        return back
    if direction == "future":
        return ahead
    return back if (ref - back) <= (ahead - ref) else ahead


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _quarter(day: date) -> int:
    return (day.month - 1) // 3 + 1


def _shift_quarter(year: int, quarter: int, n: int) -> str:
    index = year * 4 + quarter - 1 + n
    return f"{index // 4}-Q{index % 4 + 1}"


def _point(ref: date, unit: str, n: int) -> str:
    """The calendar unit `n` units away from `ref`, at that unit's granularity."""
    if unit == "Y":
        return f"{ref.year + n:04d}"
    if unit == "M":
        year, month = _add_months(ref.year, ref.month, n)
        return f"{year:04d}-{month:02d}"
    if unit == "W":
        return _iso_week(ref + timedelta(weeks=n))
    if unit == "D":
        return (ref + timedelta(days=n)).isoformat()
    if unit == "Q":
        return _shift_quarter(ref.year, _quarter(ref), n)
    return f"{(ref.year // 10 + n):03d}X"


_QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_COARSE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def _shift_mentioned(previous: str | None, unit: str, n: int) -> str | None:
    """`previous` moved by n units ("a year earlier" after "the third quarter")."""
    if previous is None:
        return None
    quarter = _QUARTER_VALUE.match(previous)
    if quarter and unit in ("Y", "Q"):
        steps = n * 4 if unit == "Y" else n
        return _shift_quarter(int(quarter.group(1)), int(quarter.group(2)), steps)
    day = _DAY_VALUE.match(previous)
    if day:
        base = date(int(day.group(1)), int(day.group(2)), int(day.group(3)))
        return _point(base, unit, n)
    # A year or a month counts for units no finer than itself ("in 1996 ... that year").
    coarse = _COARSE_VALUE.match(previous)
    if coarse and (unit == "Y" or (unit == "M" and coarse.group(2))):
        return _point(date(int(coarse.group(1)), int(coarse.group(2) or 1), 1), unit, n)
    return None


# ---------------------------------------------------------------------------
# Resolution


@dataclass(frozen=True)
class _Context:
    ref: date | None
    anchor: str  # how `ref` is known: published | inferred | none
    previous: str | None  # value of the last date mentioned, for "a year earlier"
    quarter: str | None  # value of the last quarter mentioned, for "the quarter"


_Groups = dict[str, str | None]


@dataclass(frozen=True)
class _Value:
    value: str
    anchor: str
    type: str = "date"


def _number(word: str, rules: DateRules) -> int:
    return int(word) if word.isdigit() else rules.number_words.get(word.lower(), 1)


def _clock(g: _Groups, rules: DateRules) -> str:
    """'T08:06' (+ 'Z' for UTC) from clock groups."""
    hour, minute = int(g["H"] or 0), int(g.get("M") or 0)
    ap = (g.get("ap") or "").lower().replace(".", "")
    if ap == "pm" and hour < 12:
        hour += 12
    elif ap == "am" and hour == 12:
        hour = 0
    zone = rules.time_zones.get((g.get("tz") or "").lower(), "")
    return f"T{hour:02d}:{minute:02d}{zone}"


def _month_of(word: str, rules: DateRules) -> int:
    key = word.lower().rstrip(".")
    return rules.months.get(key) or rules.month_abbreviations[key]


def _relative(ctx: _Context, compute: Callable[[date], str], unknown: str) -> _Value:
    """`compute(ref)` when there is a reference date, else the value with unknowns."""
    if ctx.ref is None:
        return _Value(unknown, "none")
    return _Value(compute(ctx.ref), ctx.anchor)


def _resolve(hit: _Hit, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    return _HANDLERS[hit.kind](hit, hit.m.groupdict(), doc, rules, ctx)


def _r_iso(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    value = f"{g['y']}-{g['m']}-{g['d']}"
    if not _valid(int(g["y"]), int(g["m"]), int(g["d"])):
        return None
    if g.get("H"):
        return _Value(value + _clock(g, rules), "absolute", "time")
    return _Value(value, "absolute")


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _month_day(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    month, day = _month_of(g["mon"], rules), int(g["d"])
    clock = _clock(g, rules) if g.get("H") else ""
    kind = "time" if clock else "date"
    if g.get("y"):
        year = int(g["y"])
        if not _valid(year, month, day):
            return None
        return _Value(f"{year:04d}-{month:02d}-{day:02d}{clock}", "absolute", kind)
    if not _valid(2000, month, day):
        return None
    if ctx.ref is None:
        return _Value(f"XXXX-{month:02d}-{day:02d}{clock}", "none", kind)
    direction = _direction(rules, "month_day", _tense(doc, hit.m.string, hit.start, hit.end, rules))
    options = [
        (date(y, month, day), f"{y:04d}-{month:02d}-{day:02d}")
        for y in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1)
        if _valid(y, month, day)
    ]
    if g.get("wd"):
        # "Saturday, April 25" names its own year: the one where April 25 is a Saturday.
        weekday = _weekday_number(g["wd"], rules)
        named = [o for o in options if o[0].isoweekday() == weekday]
        if named:
            return _Value(f"{named[0][1]}{clock}", ctx.anchor, kind)
    picked = _pick(options, ctx.ref, direction) or _pick(options, ctx.ref, "nearest")
    return _Value(f"{picked}{clock}", ctx.anchor, kind)


def _r_my(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    return _Value(f"{int(g['y']):04d}-{_month_of(g['mon'], rules):02d}", "absolute")


def _r_month_rel(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    month = _month_of(g["mon"], rules)
    shift = rules.shift_words[re.sub(r"\s+", " ", g["ys"].lower())]
    return _relative(ctx, lambda ref: f"{ref.year + shift:04d}-{month:02d}", f"XXXX-{month:02d}")


def _r_month(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    month = _month_of(g["mon"], rules)
    if ctx.ref is None:
        return _Value(f"XXXX-{month:02d}", "none")
    ref = ctx.ref
    shift = rules.shift_words.get((g.get("shift") or "").lower())
    options = [
        (date(y, month, 1), f"{y:04d}-{month:02d}") for y in (ref.year - 1, ref.year, ref.year + 1)
    ]
    this_month = date(ref.year, ref.month, 1)
    if shift == 0:
        return _Value(f"{ref.year:04d}-{month:02d}", ctx.anchor)
    if shift is not None:
        strictly = [o for o in options if (o[0] < this_month if shift < 0 else o[0] > this_month)]
        picked = (max if shift < 0 else min)(strictly)[1]
        return _Value(picked, ctx.anchor)
    direction = _direction(rules, "month", _tense(doc, hit.m.string, hit.start, hit.end, rules))
    return _Value(_pick(options, this_month, direction) or options[1][1], ctx.anchor)


def _r_decade(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    if g.get("c"):
        return _Value(f"{g['c']}X", "absolute")
    # "the '80s": the century is the one of the reference date, or the last one.
    century = (ctx.ref.year // 100 - 1) if ctx.ref else 19
    decade = int(g["c2"])
    if ctx.ref and decade * 10 <= ctx.ref.year % 100:
        century = ctx.ref.year // 100
    return _Value(f"{century:02d}{decade}X", "absolute")


def _r_range(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    first, second = int(g["y1"]), g["y2"]
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    low, high = rules.year_min, rules.year_max
    if not (low <= first < last <= high):
        return None
    return _Value(f"{first:04d}/{last:04d}", "absolute")


def _r_year(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    return _Value(f"{int(g['y']):04d}", "absolute")


def _r_spoken_year(
    hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context
) -> _Value | None:
    def n(word: str | None) -> int:
        return rules.number_words[word.lower()] if word else 0

    if g.get("sc"):
        tens, ones = n(g["st"]), n(g.get("so"))
        if ones and tens % 10:
            return None  # "nineteen eleven-three" is no year
        year = rules.spoken_centuries[g["sc"].lower()] * 100 + tens + ones
    else:
        year = 2000 + n(g.get("sl"))
    if not rules.year_min <= year <= rules.year_max:
        return None
    return _Value(f"{year:04d}", "absolute")


def _quarter_year(
    g: _Groups, rules: DateRules, ctx: _Context, quarter: int
) -> tuple[int | None, str]:
    if g.get("y") or g.get("yp"):
        return int(g.get("y") or g["yp"]), "absolute"
    shift_word = g.get("ys") or g.get("ys2")
    if ctx.ref is None:
        return None, "none"
    if shift_word:
        return ctx.ref.year + rules.shift_words[shift_word.lower()], ctx.anchor
    start_month = quarter * 3 - 2
    ahead = start_month - ctx.ref.month > rules.quarter_lookahead_months
    return ctx.ref.year - (1 if ahead else 0), ctx.anchor


def _r_quarter(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    quarter = int(g["qa"][1]) if g.get("qa") else rules.quarter_ordinals[g["q"].lower()]
    year, anchor = _quarter_year(g, rules, ctx, quarter)
    if year and g.get("ya"):
        year -= 1
    return _Value(f"{year:04d}-Q{quarter}" if year else f"XXXX-Q{quarter}", anchor)


def _r_half(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    half = 1 if g["h"].lower() == "first" else 2
    year, anchor = _quarter_year(g, rules, ctx, 1)
    return _Value(f"{year:04d}-H{half}" if year else f"XXXX-H{half}", anchor)


def _r_latest_quarter(
    hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context
) -> _Value | None:
    if ctx.quarter is not None:
        return _Value(ctx.quarter, ctx.anchor)
    return _relative(ctx, lambda ref: _shift_quarter(ref.year, _quarter(ref), -1), "XXXX-QX")


def _r_season(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    code = rules.seasons[(g.get("s") or g["s2"]).lower()]
    if g.get("y"):
        return _Value(f"{int(g['y']):04d}-{code}", "absolute")
    shift = rules.shift_words[g["shift"].lower()]
    return _relative(ctx, lambda ref: f"{ref.year + shift:04d}-{code}", f"XXXX-{code}")


def _r_weekend(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    shift = rules.shift_words.get(g["shift"].lower())
    if shift is None:
        direction = _direction(
            rules, "weekday", _tense(doc, hit.m.string, hit.start, hit.end, rules)
        )
    else:
        direction = {-1: "past", 0: "nearest", 1: "future"}[max(-1, min(1, shift))]

    def saturday(ref: date) -> str:
        # A Sunday article's "the weekend" is the one that ends today.
        day = ref - timedelta(days=1) if ref.isoweekday() == 7 else ref
        return f"{_iso_week(_weekday_date(day, 6, direction, None))}-WE"

    return _relative(ctx, saturday, "XXXX-WXX-WE")


def _r_shift_unit(
    hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context
) -> _Value | None:
    unit = rules.units[g["unit"].lower()]
    if unit == "D":
        return None
    shift = rules.shift_words[g["shift"].lower()]
    return _relative(ctx, lambda ref: _point(ref, unit, shift), "XXXX")


def _r_offset(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    unit = rules.units[g["unit"].lower()]
    word = re.sub(r"\s+", " ", g["dir"].lower())
    n = _number(g["n"], rules) * rules.offset_words[word]
    return _anaphoric(unit, n, ctx, from_reference=word in rules.offsets_from_reference)


def _anaphoric(unit: str, n: int, ctx: _Context, *, from_reference: bool) -> _Value | None:
    """A shift from the date last mentioned, or from the reference date."""
    # Earnings reports compare quarters: "a year ago" after "the third quarter" is a quarter.
    quarterly = unit == "Y" and ctx.quarter is not None
    if quarterly or not from_reference:
        shifted = _shift_mentioned(ctx.quarter if quarterly else ctx.previous, unit, n)
        if shifted is not None:
            return _Value(shifted, ctx.anchor if ctx.ref else "none")
        if not from_reference:
            # "later" with nothing stated to count from is no date we can name.
            return None
    return _relative(ctx, lambda ref: _point(ref, unit, n), "XXXX")


def _r_year_adj(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    return _anaphoric("Y", -1, ctx, from_reference=False)


def _r_century(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    if g.get("n"):
        return _Value(f"{int(g['n']) - 1:02d}", "absolute")
    shift = rules.shift_words[g["shift"].lower()]
    return _relative(ctx, lambda ref: f"{ref.year // 100 + shift:02d}", "XX")


def _day_of(g: _Groups, doc: Doc, hit: _Hit, rules: DateRules, ctx: _Context) -> date | None:
    """The day a clock time or day part belongs to: its weekday, relative day, or the ref."""
    if ctx.ref is None:
        return None
    if g.get("wd"):
        weekday = _weekday_number(g["wd"], rules)
        direction = _direction(
            rules, "weekday", _tense(doc, hit.m.string, hit.start, hit.end, rules)
        )
        return _weekday_date(ctx.ref, weekday, direction, None)
    if g.get("rel"):
        return ctx.ref + timedelta(days=rules.relative_days[g["rel"].lower()])
    return ctx.ref


def _r_time(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    if g.get("mon"):
        return _month_day(hit, g, doc, rules, ctx)
    day = _day_of(g, doc, hit, rules, ctx)
    clock = _clock(g, rules)
    if day is None:
        return _Value(f"XXXX-XX-XX{clock}", "none", "time")
    return _Value(day.isoformat() + clock, ctx.anchor, "time")


def _weekday_number(word: str, rules: DateRules) -> int:
    key = word.lower().rstrip(".")
    return rules.weekdays.get(key) or rules.weekday_abbreviations[key]


def _part_suffix(g: _Groups, rules: DateRules) -> str:
    code = rules.day_parts.get((g.get("part") or "").lower())
    return f"T{code}" if code else ""


def _r_weekday(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    weekday = _weekday_number(g["wd"], rules)
    suffix = _part_suffix(g, rules)
    if ctx.ref is None:
        return _Value(f"XXXX-WXX-{weekday}{suffix}", "none")
    shift = rules.shift_words.get((g.get("shift") or "").lower())
    direction = _direction(rules, "weekday", _tense(doc, hit.m.string, hit.start, hit.end, rules))
    if shift == 0:
        direction = "nearest"
    day = _weekday_date(
        ctx.ref, weekday, direction, shift if shift else None, rules.future_grace_days
    )
    return _Value(day.isoformat() + suffix, ctx.anchor)


def _r_relday(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    word = re.sub(r"\s+", " ", g["rel"].lower())
    offset = rules.relative_days[word]
    part = rules.relative_day_parts.get(word)
    suffix = f"T{part}" if part else _part_suffix(g, rules)
    return _relative(
        ctx, lambda ref: (ref + timedelta(days=offset)).isoformat() + suffix, "XXXX-XX-XX"
    )


def _r_this_part(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    offset = -1 if g["shift"].lower() == "last" else 0
    suffix = _part_suffix(g, rules)
    return _relative(
        ctx, lambda ref: (ref + timedelta(days=offset)).isoformat() + suffix, "XXXX-XX-XX"
    )


def _r_holiday(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    name = re.sub(r"\s+", " ", hit.m.group(0).lower())
    if name in rules.floating_holidays:
        return _floating_holiday(hit, rules.floating_holidays[name], doc, rules, ctx)
    month, day = (int(p) for p in rules.holidays[name].split("-"))
    fake = {"mon": next(k for k, v in rules.months.items() if v == month), "d": str(day)}
    return _month_day(hit, fake, doc, rules, ctx)


def _r_anaphor(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    unit = rules.units[(g.get("unit") or g["unit2"]).lower()]
    if g.get("ana"):
        n = rules.anaphors[re.sub(r"\s+", " ", g["ana"].lower())]
    else:
        n = rules.anaphor_shifts_after[g["after"].lower()]
    shifted = _shift_mentioned(ctx.previous, unit, n)
    if shifted is not None:
        return _Value(shifted, ctx.anchor if ctx.ref else "none")
    if n == 0:
        return None  # "that day" with no day stated before it
    # "the next day" with nothing before it counts from the reference date.
    return _relative(ctx, lambda ref: _point(ref, unit, n), "XXXX")


def _r_the_year(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    return _relative(ctx, lambda ref: f"{ref.year:04d}", "XXXX")


def _r_clock_word(
    hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context
) -> _Value | None:
    day = _day_of(g, doc, hit, rules, ctx)
    clock = "T" + rules.clock_words[g["cw"].lower()]
    if day is None:
        return _Value(f"XXXX-XX-XX{clock}", "none", "time")
    return _Value(day.isoformat() + clock, ctx.anchor, "time")


_FLOATING = re.compile(r"^(\w+) on or after (\d{2})-(\d{2})$")


def _floating_holiday(
    hit: _Hit, rule: str, doc: Doc, rules: DateRules, ctx: _Context
) -> _Value | None:
    """A holiday fixed by weekday ("thursday on or after 11-22"), in the year the tense picks."""
    match = _FLOATING.match(rule)
    if match is None:
        return None
    weekday, month, day = rules.weekdays[match.group(1)], int(match.group(2)), int(match.group(3))
    if ctx.ref is None:
        return _Value(f"XXXX-{month:02d}-XX", "none")
    days = []
    for year in (ctx.ref.year - 1, ctx.ref.year, ctx.ref.year + 1):
        first = date(year, month, day)
        found = first + timedelta(days=(weekday - first.isoweekday()) % 7)
        days.append((found, found.isoformat()))
    direction = _direction(rules, "month_day", _tense(doc, hit.m.string, hit.start, hit.end, rules))
    picked = _pick(days, ctx.ref, direction) or _pick(days, ctx.ref, "nearest")
    return _Value(picked or days[1][1], ctx.anchor)


def _r_ref(hit: _Hit, g: _Groups, doc: Doc, rules: DateRules, ctx: _Context) -> _Value | None:
    return _Value(rules.reference_words[re.sub(r"\s+", " ", hit.m.group(0).lower())], "none")


_ANAPHORIC = frozenset({"offset", "year_adj", "latest_quarter", "ref", "anaphor"})

_HANDLERS = {
    "iso": _r_iso,
    "mdy": _month_day,
    "dmy": _month_day,
    "my": _r_my,
    "month_rel": _r_month_rel,
    "month": _r_month,
    "decade": _r_decade,
    "range": _r_range,
    "year": _r_year,
    "spoken_year": _r_spoken_year,
    "quarter": _r_quarter,
    "q_abbrev": _r_quarter,
    "half": _r_half,
    "latest_quarter": _r_latest_quarter,
    "season": _r_season,
    "weekend": _r_weekend,
    "shift_unit": _r_shift_unit,
    "offset": _r_offset,
    "year_adj": _r_year_adj,
    "century": _r_century,
    "time": _r_time,
    "clock_zone": _r_time,
    "weekday": _r_weekday,
    "relday": _r_relday,
    "this_part": _r_this_part,
    "holiday": _r_holiday,
    "anaphor": _r_anaphor,
    "clock_word": _r_clock_word,
    "the_year": _r_the_year,
    "ref": _r_ref,
}


# ---------------------------------------------------------------------------
# Entry point


def _reference(
    published: str | None, hits: list[_Hit], rules: DateRules
) -> tuple[date | None, str]:
    """The date relative expressions count from, and how it is known."""
    if published:
        match = _DAY_VALUE.match(published)
        if match:
            return date(*(int(p) for p in match.groups())), "published"
    full = []
    for hit in hits:
        g = hit.m.groupdict()
        if hit.kind in ("iso", "mdy", "dmy") and g.get("y"):
            month = int(g["m"]) if hit.kind == "iso" else _month_of(g["mon"], rules)
            if _valid(int(g["y"]), month, int(g["d"])):
                full.append(date(int(g["y"]), month, int(g["d"])))
    return (max(full), "inferred") if full else (None, "none")


def find_dates(doc: Doc, rules: DateRules, published: str | None) -> Iterator[DateMention]:
    """Every date and time in `doc`, in text order, with its TIMEX3 value."""
    text = doc.text
    hits = [h for h in _scan(text, _grammar(rules)) if _keep(doc, h, rules)]
    ref, anchor = _reference(published, hits, rules)
    previous: str | None = None
    quarter: str | None = None
    for hit in hits:
        found = _resolve(hit, doc, rules, _Context(ref, anchor, previous, quarter))
        if found is None:
            continue
        # Anaphors count from what the text last stated, not from each other; a day
        # named by one ("the next day") is stated, for the one after it.
        if hit.kind not in _ANAPHORIC or (hit.kind == "anaphor" and _DAY_VALUE.match(found.value)):
            previous = found.value
            if _QUARTER_VALUE.match(found.value):
                quarter = found.value
        yield DateMention(
            text=text[hit.start : hit.end],
            value=found.value,
            type=found.type,
            anchor=found.anchor,
            span=Span(hit.start, hit.end),
        )
