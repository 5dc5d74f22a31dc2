"""The date rules as a typed object: word lists, resolution policy and the patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from claimx.dates.grammar import Grammar, compile_forms, compile_grammar


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
    # Phrases right before a date that make it a deadline: ahead unless the clause is
    # past ("a deal by the weekend", "had fled by Friday").
    deadline_phrases_before: tuple[str, ...] = ()
    # Auxiliaries making a participle or progressive clause past.
    past_auxiliaries: tuple[str, ...] = ()
    # Auxiliaries that keep a clause in the past even when its predicate announces
    # ("had been due to expire Friday": that Friday is over).
    perfect_past_auxiliaries: tuple[str, ...] = ()
    # Forms of "be" that put a to-infinitive ahead ("is to resume trading Tuesday").
    future_infinitive_heads: tuple[str, ...] = ()
    # Which way to resolve, by "<expression>.<tense>" (expression: weekday, month,
    # month_day; tense: past, future, deadline, present, unknown) -> past | future | nearest.
    resolution: dict[str, str] = field(default_factory=dict)
    # Days a "future" weekday may lie before the reference date: a dateline stamped
    # early on Wednesday was written on Tuesday, when "on Tuesday he is to visit" was ahead.
    future_grace_days: int = 0
    # A quarter starting more than this many months after the reference month is last year's.
    quarter_lookahead_months: int = 3
    # Words before "year" or a quarter making it a fiscal or calendar one ("fiscal 1990").
    fiscal_words: tuple[str, ...] = ()
    # Adjectives meaning "a year before the date last mentioned" ("the year-ago quarter").
    year_ago_words: tuple[str, ...] = ()
    # Ordinals naming a half of a year -> 1 or 2 ("the first half of 2026").
    halves: dict[str, int] = field(default_factory=dict)
    # Named pieces of regex the patterns share, `{name}` inside them; a pattern may
    # also use any word list above by its key (`{months}`: an alternation of its words).
    macros: dict[str, str] = field(default_factory=dict)
    # The date patterns, in priority order (the longest match wins; ties go to the
    # first): records with `name`, `resolver`, `regex`, optional `checks` (filters
    # applied to a match), `anaphoric` (its value counts from the date last
    # mentioned), and `examples` (text, published, value) run as tests.
    patterns: tuple[dict[str, Any], ...] = ()
    # Words before a named clock time alone that make it a time ("around noon"); it
    # is one only in a past or future clause ("they lunch at noon" is a habit).
    clock_word_cues: tuple[str, ...] = ()
    # Words before "<n> <unit> ago" asking for the day, not the unit ("exactly two years ago").
    exact_words: tuple[str, ...] = ()
    # Nouns a date stands before that leave its direction open, the nearest occurrence
    # ("a May 10 deadline", "by the Tuesday deadline"), or put it behind ("a June 20
    # shooting", reported after the event), whatever the verb's tense.
    open_nouns_after: tuple[str, ...] = ()
    past_nouns_after: tuple[str, ...] = ()
    # Dates written in figures ("11/20", "3/5/2024", "23.04.2022"): with slashes and
    # both numbers 12 or less, the month comes first (US usage) unless this is false;
    # with dots the day comes first. A figure date without a year needs a context word
    # before it (`month_context_words`, a weekday): "on 11/20".
    numeric_month_first: bool = True
    # Figures that look like dates but name something else ("24/7", "9/11").
    numeric_not_dates: tuple[str, ...] = ()
    # Words before a date in figures without a year that make it a date ("on 11/20").
    numeric_date_cues: tuple[str, ...] = ()
    # A clock time followed by "in the <part>" ("4 in the morning") -> am | pm.
    part_meridiems: dict[str, str] = field(default_factory=dict)
    # Words right before a part of the day alone that make it a time ("in the
    # morning", "by mid-afternoon"); it is one only in a past or future clause.
    part_cues: tuple[str, ...] = ()
    # Bylines and header stamps (claimx.published): regex templates of a stamp, with
    # groups for the date (mon, d, y or d2, mon2, y2 or iy, im, id), the clock (H, M,
    # ap, tz) and the cue word (cue).
    byline_forms: tuple[str, ...] = ()
    # Cue words before a stamp -> published | updated ("Last modified on").
    byline_cues: dict[str, str] = field(default_factory=dict)
    # How many other words a byline line may hold besides its stamp ("By Jane Doe").
    byline_other_words: int = 8
    # ... of which in small letters, as a sentence has them ("made the following").
    byline_lowercase_words: int = 3
    # Front-matter keys holding the publication date, in order of preference.
    front_matter_date_keys: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Compile now: a bad pattern is an error when the rules load, not mid-run.
        self.grammar  # noqa: B018
        self.byline_patterns  # noqa: B018

    @cached_property
    def grammar(self) -> Grammar:
        """The compiled patterns, once per rules object."""
        return compile_grammar(self)

    @cached_property
    def byline_patterns(self) -> tuple[re.Pattern[str], ...]:
        """The byline forms, compiled once per rules object."""
        return compile_forms(self, self.byline_forms, "byline_forms")
