"""Figures: the numbers a fact-checker would check, with what they count.

`find_figures` reads numbers from the Doc text (digits, number words, scales),
widens each one to its qualifier, currency, range and unit, and asks the
dependency parse for the noun it counts. All words come from `rules/figures.yaml`
(`FigureRules`); this package holds the mechanisms only.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from claimx.figures.rules import FigureRules
from claimx.model import Figure, Found, Span

if TYPE_CHECKING:  # spaCy is imported when figures are found, not when rules are read
    from spacy.tokens import Doc

__all__ = ["FigureRules", "find_figures"]


def find_figures(doc: Doc, rules: FigureRules, skip: Sequence[Span] = ()) -> Found[Figure]:
    """The figures of `doc` in text order (no warnings: a doubtful number is left out).

    None overlaps a `skip` span (the dates found first), except durations: "80
    years" stays a figure when a date extractor reads "80 years later" as a date.
    """
    return Found(tuple(_figures(doc, rules, skip)))


def _figures(doc: Doc, rules: FigureRules, skip: Sequence[Span]) -> Iterator[Figure]:
    from claimx.figures.lexicon import blocked_spans, lexicon, overlaps
    from claimx.figures.reader import Reader

    lex = lexicon(rules)
    text = doc.text
    blocked = blocked_spans(text, lex.not_figure)
    pos = 0
    while True:
        m = lex.number.search(text, pos)
        if m is None:
            return
        reading = Reader(doc, text, lex, rules, m, floor=pos).read()
        if reading is None:
            pos = m.end()
            continue
        figure, consumed = reading
        pos = max(consumed, m.end())
        if figure is None or overlaps(figure.span, blocked):
            continue
        # A duration is a figure even inside a date phrase: "more than 80 years later"
        # is a date to the date extractor and "more than 80 years" to a fact-checker.
        if figure.kind != "duration" and overlaps(figure.span, skip):
            continue
        yield figure
