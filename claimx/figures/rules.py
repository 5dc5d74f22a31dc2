"""The words of the figures extractor: `rules/figures.yaml` as a typed object."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FigureRules:
    # Numbers written as words and their values: one: 1, twenty: 20.
    number_words: dict[str, float]
    # Words multiplying what precedes them: dozen: 12, million: 1000000.
    scale_words: dict[str, float]
    # Scale abbreviations written straight after digits ("1.5bn", "£150m"); case-sensitive.
    scale_suffixes: dict[str, float]
    # One-letter suffixes that are a scale only next to a currency ("100m" alone is metres).
    suffixes_need_currency: tuple[str, ...] = ()
    # Words joining number words into one number: "one hundred and five".
    number_joiners: tuple[str, ...] = ()
    # Fractions of a scale word: "a quarter million", "half a billion": quarter: 0.25.
    scale_fractions: dict[str, float] | None = None
    # Words read as one before a scale word: "a dozen", "a million".
    article_words: tuple[str, ...] = ()
    # Number words that are figures only with a scale, unit or qualifier ("one side").
    weak_words: tuple[str, ...] = ()
    # Phrases standing for a number before a counted noun: "a couple of": 2.
    number_phrases: dict[str, float] | None = None
    # Plural scales standing for "more than" their value: "thousands of": 1000.
    vague_phrases: dict[str, float] | None = None
    # Scale abbreviations written after digits and one space ("8 B people"); case-sensitive.
    spaced_scale_suffixes: tuple[str, ...] = ()
    # Words between an amount and the unit of its rate: "$15 an hour", "$3 per gallon".
    per_words: tuple[str, ...] = ()
    # Nouns an amount may be a rate of, besides the unit data's: "$1.34 a share".
    rate_nouns: tuple[str, ...] = ()
    # Words after "a week", "a year" that make it no rate: "$5 a week ago".
    rate_blockers: tuple[str, ...] = ()
    # Words between the two numbers of a ratio: "1 in 5", "one out of three".
    ratio_words: tuple[str, ...] = ()
    # Fractions read as percent of a whole: half: 50.
    percent_words: dict[str, float] | None = None
    # Words one of which must follow a fraction word for it to be a share: "half of".
    percent_word_followers: tuple[str, ...] = ()
    # Words stating a multiple on their own: twice: 2.
    multiple_words: dict[str, float] | None = None
    # Nouns making "N <noun>" a multiple: "three times", "five-fold".
    multiple_nouns: tuple[str, ...] = ()
    # Words after "N times" that make it a multiple rather than a count of occasions.
    multiple_followers: tuple[str, ...] = ()
    # Qualifier phrases before a number, to = ~ > >= < <=.
    qualifiers: dict[str, str] | None = None
    # Qualifier phrases after a number ("or more", "-odd", "+").
    post_qualifiers: dict[str, str] | None = None
    # Words turning the next number negative ("minus 20 degrees").
    negative_words: tuple[str, ...] = ()
    # Words or signs between the low and high end of a range.
    range_connectors: tuple[str, ...] = ()
    # Words opening a range, to the word closing its low end: between: and.
    range_openers: dict[str, str] | None = None
    # Words before a number after which "to" is a change, not a range ("from 5 to 7").
    range_blockers: tuple[str, ...] = ()
    # Currency symbols, codes and names (before or after the amount) to ISO codes.
    currencies: dict[str, str] | None = None
    # ISO codes that are English words in capitals: no currency before an amount.
    not_currency_prefixes: tuple[str, ...] = ()
    # Currency words that need a currency sign or a scale to be money ("2 million won").
    currency_needs_scale: tuple[str, ...] = ()
    # Unit words by kind of figure (percent, duration, measure, money for cents).
    units: dict[str, tuple[str, ...]] | None = None
    # Unit spellings reported under another name: "%": percent.
    unit_names: dict[str, str] | None = None
    # Units written after a larger one, and how many make it: foot: {inch: 12}.
    compound_units: dict[str, dict[str, float]] | None = None
    # Unit names and symbols of the unit data that are ordinary words in news ("points").
    not_units: tuple[str, ...] = ()
    # One-letter unit symbols read as units when written against the number ("48m", "5kg").
    glued_unit_letters: tuple[str, ...] = ()
    # Words in a sentence that make "74-24" a score or tally rather than a range.
    tally_cues: tuple[str, ...] = ()
    # The unit of an age written alone after a name ("Jamie Armstrong, 25,").
    age_unit: str = "year"
    # Words before bare numbers that make them ages: "aged 19 and 23", "ages 18 to 24".
    age_cues: tuple[str, ...] = ()
    # Suffixes after a hyphenated unit that keep it a figure: "34-year-old".
    age_suffixes: tuple[str, ...] = ()
    # Words right before a number that make it a name: Route, Gate, Boeing (case-sensitive).
    identifier_words: tuple[str, ...] = ()
    # Regular expressions for text that holds digits but no figure (phones, times, COVID-19).
    not_figure_patterns: tuple[str, ...] = ()
    # Words after a number that make it a time of day: a.m., GMT.
    time_words: tuple[str, ...] = ()
    # Words right before a number that make it a phone number: call, dial.
    phone_cues: tuple[str, ...] = ()
    # Month names and abbreviations (case-sensitive): a number next to one is a date.
    months: tuple[str, ...] = ()
    # Lowest bare four-digit number read as a year.
    year_min: int = 1000
    # Highest bare four-digit number read as a year.
    year_max: int = 2100
    # Qualifier words that are prepositions before a duration: "over 10 years".
    period_prepositions: tuple[str, ...] = ()
    # Words before a number making it a period relative to now: "the past 60 years".
    period_words: tuple[str, ...] = ()
    # Prepositions before such a period that make it a span a figure is measured
    # over, itself a figure: "over the past two years".
    period_spans: tuple[str, ...] = ()
    # Stock market indexes (case-sensitive): a bare number after one is its level in points.
    index_names: tuple[str, ...] = ()
    # Words right before a bare number that make it the level of an index named before.
    index_cues: tuple[str, ...] = ()
    # The unit of an index level: "points".
    index_unit: str = "points"
    # Parts of speech of the word before "(" that make "($99.99)" an accounting negative.
    accounting_heads: tuple[str, ...] = ()
    # Street names after a house number (case-sensitive): "575 Wilbraham Road".
    street_words: tuple[str, ...] = ()
    # Determiners before a written-out count that make it a reference ("the two leaders").
    anaphoric_determiners: tuple[str, ...] = ()
    # Prepositions of a partitive: "14 of the 20 victims" counts victims.
    partitive_words: tuple[str, ...] = ()
    # Verbs introducing a list, looked through for the event: "including 183 workers".
    list_verbs: tuple[str, ...] = ()
    # Lemmas of the copula: "the toll is 27" says the number of its subject.
    copulas: tuple[str, ...] = ()
    # Penn Treebank tags of nouns a number may count.
    noun_tags: tuple[str, ...] = ("NN", "NNS", "NNP", "NNPS")
