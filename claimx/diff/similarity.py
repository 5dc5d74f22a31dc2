"""The evidence that two records are one claim, whatever their section: words in
common, and the surroundings each stands in (its paragraph, or its neighbours)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from claimx.model import SECTIONS, FactSheet, Record, Span, fold

CONTEXT_MIN = 0.5  # share of surrounding words kept (Jaccard) for the same surroundings
CONTEXT_CHARS = 150  # surroundings read on either side of a record, within its paragraph
CONTEXT_MIN_WORDS = 4  # fewer surrounding words (or records) than this is no evidence
NEIGHBOURS = 3  # without the text: records on either side that make the surroundings


def same_value(a: object, b: object) -> bool:
    if a == b:  # the common case, and much cheaper than folding
        return True
    if isinstance(a, str) and isinstance(b, str):
        return fold(a) == fold(b)
    return a == b


# Pairing: by id, then by meaning


_ID = re.compile(r"^([a-z]-[0-9a-f]+)(?:-\d+)?$")


def base_id(record: Record) -> str:
    """The id without the `-2`, `-3` a repeated claim gets in document order."""
    match = _ID.match(record.id)
    return match.group(1) if match else record.id


def words_of(text: str | None) -> list[str]:
    """Folded words, as compared: case, glyphs and punctuation ignored."""
    return re.findall(r"\w+(?:[-'.]\w+)*", fold(text or ""))


def word_similarity(a: str, b: str) -> float:
    wa, wb = words_of(a), words_of(b)
    if not wa and not wb:
        return 1.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


# Surroundings


class Context:
    """What surrounds each record of one sheet: the words of its paragraph when the
    article text is known, else the records next to it (all sections, in order)."""

    def __init__(self, sheet: FactSheet, text: str | None) -> None:
        self.text = text
        self.cache: dict[int, frozenset[str]] = {}
        self.order: list[Record] = []
        self.rank: dict[int, int] = {}
        if text is None:
            self.order = sorted(
                (r for s in SECTIONS for r in getattr(sheet, s)),
                key=lambda r: (r.span.start, r.span.end),
            )
            self.rank = {id(r): i for i, r in enumerate(self.order)}

    def words(self, record: Record) -> frozenset[str]:
        key = id(record)
        if key not in self.cache:
            self.cache[key] = frozenset(self._words(record))
        return self.cache[key]

    def _words(self, record: Record) -> list[str]:
        if self.text is not None:
            return self._text_words(record.span)
        i = self.rank.get(id(record))
        if i is None:
            return []
        # The claims next to it, by content id: stable when paragraphs move, and one
        # edited neighbour leaves most of them in place.
        near = self.order[max(0, i - NEIGHBOURS) : i] + self.order[i + 1 : i + 1 + NEIGHBOURS]
        return [base_id(r) for r in near]

    def _text_words(self, span: Span) -> list[str]:
        text = self.text or ""
        # The paragraph only: a blank line ends it; single line breaks are re-wrapping.
        para_start = max(text.rfind("\n\n", 0, span.start), text.rfind("\n \n", 0, span.start))
        para_start = 0 if para_start < 0 else para_start
        ends = [i for i in (text.find("\n\n", span.end), text.find("\n \n", span.end)) if i >= 0]
        para_end = min(ends) if ends else len(text)
        before = text[max(para_start, span.start - CONTEXT_CHARS) : span.start]
        after = text[span.end : min(para_end, span.end + CONTEXT_CHARS)]
        # The cut words at either end of the window change with any edit nearby.
        return words_of(before)[1:] + words_of(after)[:-1]


def context_score(a: Record, b: Record, ca: Context, cb: Context) -> float | None:
    """Share of surrounding words the two have in common (Jaccard); None: too few to tell."""
    wa, wb = ca.words(a), cb.words(b)
    if len(wa) < CONTEXT_MIN_WORDS or len(wb) < CONTEXT_MIN_WORDS:
        return None
    score = len(wa & wb) / len(wa | wb)
    return score if score >= CONTEXT_MIN else None
