"""The evidence that two records are one claim, whatever their section: words in
common, and where each stands: the words its sheet shows around it, or its slot
between records both versions share. All of it is read from the fact sheets."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from claimx.model import FactSheet, Record, Span, fold

CONTEXT_MIN = 0.5  # share of surrounding words kept (Jaccard) for the same surroundings
CONTEXT_CHARS = 150  # surroundings read on either side of a record, within its paragraph
CONTEXT_MIN_WORDS = 4  # fewer surrounding words (or records) than this is no evidence
NEIGHBOURS = 3  # too few words around: records on either side that make the surroundings


def same_value(a: object, b: object) -> bool:
    if a == b:  # the common case, and much cheaper than folding
        return True
    if isinstance(a, str) and isinstance(b, str):
        return _folded(a) == _folded(b)
    return a == b


_folded = lru_cache(maxsize=1 << 16)(fold)


# Pairing: by id, then by meaning


_ID = re.compile(r"^([a-z]-[0-9a-f]+)(?:-\d+)?$")


def base_id(record: Record) -> str:
    """The id without the `-2`, `-3` a repeated claim gets in document order."""
    match = _ID.match(record.id)
    return match.group(1) if match else record.id


def words_of(text: str | None) -> list[str]:
    """Folded words, as compared: case, glyphs and punctuation ignored."""
    return list(_words(text or ""))


@lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+(?:[-'.]\w+)*", fold(text)))


@lru_cache(maxsize=1 << 14)
def _counts(text: str) -> dict[str, int]:
    return dict(Counter(_words(text)))


def word_similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """Share of words the two keep in order (difflib's ratio, 0..1). Below
    `at_least` it may answer 0 instead: cheap bounds rule most pairs out before
    the matching itself runs."""
    wa, wb = _words(a), _words(b)
    if not wa and not wb:
        return 1.0
    total = len(wa) + len(wb)
    if at_least > 0 and 2 * min(len(wa), len(wb)) < at_least * total:
        return 0.0  # too different in length: the ratio is below the bound
    if at_least > 0:
        ca, cb = _counts(a), _counts(b)
        common = sum(min(ca[w], cb[w]) for w in ca.keys() & cb.keys())
        if 2 * common < at_least * total:
            return 0.0  # too few words in common, in any order
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


# Surroundings


# One side of a record's slot: (anchor number or None for the article's start or
# end, section's record type, rank between the anchors, offset of the anchor side).
_Slot = tuple[int | None, str, int, int | None]


def _end(record: Record) -> int:
    return record.span.end


class Context:
    """What surrounds each record of one sheet, read from the sheet alone.

    The records' own texts are pieces of the article at known offsets: around a
    record, the words those pieces show within `CONTEXT_CHARS` (a figure inside
    a quote is surrounded by the quote's words) are its surroundings. Where the
    pieces show too few words, the records next to it (all sections, in order,
    by content id) stand in. Two articles and their two fact sheets are thus
    compared on the same evidence: `claimx diff a.txt b.txt` reports exactly
    what `claimx diff a.yaml b.yaml` does.
    """

    def __init__(self, sheet: FactSheet) -> None:
        self.cache: dict[int, frozenset[str]] = {}
        self.order = sorted(
            (r for records in sheet.records.values() for r in records),
            key=lambda r: (r.span.start, r.span.end),
        )
        self.rank = {id(r): i for i, r in enumerate(self.order)}
        self.pieces = _Pieces(self.order)
        self.slots: dict[int, tuple[_Slot, _Slot]] = {}

    def mark_slots(self, anchors: Sequence[Record]) -> None:
        """Place every other record between the anchors (records paired by id, given
        in pair order, so that both sides number them alike). Its slot is, on
        either side, the nearest anchor, the record's section, its rank among the
        section's records between them, and how far it stands from that anchor."""
        number = {id(r): n for n, r in enumerate(anchors)}
        before: Record | None = None
        pending: list[Record] = []
        for r in [*self.order, None]:
            if r is not None and id(r) not in number:
                pending.append(r)
                continue
            counts: dict[str, int] = {}
            for p in pending:
                counts[type(p).__name__] = counts.get(type(p).__name__, 0) + 1
            seen: dict[str, int] = {}
            for p in pending:
                kind = type(p).__name__
                k = seen.get(kind, 0)
                seen[kind] = k + 1
                after = None if r is None else number[id(r)]
                self.slots[id(p)] = (
                    (
                        None if before is None else number[id(before)],
                        kind,
                        k,
                        p.span.start - (0 if before is None else before.span.end),
                    ),
                    (after, kind, counts[kind] - 1 - k, None if r is None else r.span.start),
                )
            pending = []
            before = r

    def slot_score(self, record: Record, other: Context, their: Record) -> float | None:
        """1 when both stand between the same unchanged records, or at the same
        distance from one of them (the text between kept); None otherwise."""
        mine, theirs = self.slots.get(id(record)), other.slots.get(id(their))
        if mine is None or theirs is None:
            return None
        (a_before, a_after), (b_before, b_after) = mine, theirs
        shared = a_before[0] is not None or a_after[0] is not None  # not the whole article
        if shared and a_before[:3] == b_before[:3] and a_after[:3] == b_after[:3]:
            return 1.0
        if a_before == b_before:  # as far from the same record, or from the start
            return 1.0
        a_next, b_next = a_after[3], b_after[3]
        if a_next is not None and b_next is not None and a_after[:3] == b_after[:3]:
            # as far from the same record after it
            return 1.0 if a_next - _end(record) == b_next - _end(their) else None
        return None

    def words(self, record: Record) -> frozenset[str]:
        key = id(record)
        if key not in self.cache:
            self.cache[key] = frozenset(self._words(record))
        return self.cache[key]

    def _words(self, record: Record) -> list[str]:
        around = self._window_words(record.span)
        if len(set(around)) >= CONTEXT_MIN_WORDS:
            return around
        i = self.rank.get(id(record))
        if i is None:
            return []
        # The claims next to it, by content id: stable when paragraphs move, and one
        # edited neighbour leaves most of them in place.
        near = self.order[max(0, i - NEIGHBOURS) : i] + self.order[i + 1 : i + 1 + NEIGHBOURS]
        return [base_id(r) for r in near]

    def _window_words(self, span: Span) -> list[str]:
        lo = max(0, span.start - CONTEXT_CHARS)
        before = self.pieces.text(lo, span.start)
        after = self.pieces.text(span.end, span.end + CONTEXT_CHARS)
        # The paragraph only: a blank line ends it; single line breaks are re-wrapping.
        cut = max(before.rfind("\n\n"), before.rfind("\n \n"))
        if cut >= 0:
            before = before[cut:]
        ends = [k for k in (after.find("\n\n"), after.find("\n \n")) if k >= 0]
        if ends:
            after = after[: min(ends)]
        # The cut words at either end of the window change with any edit nearby.
        return words_of(before)[1:] + words_of(after)[:-1]


class _Pieces:
    """The parts of an article its records' texts show, by offset; the rest unknown."""

    def __init__(self, records: Sequence[Record]) -> None:
        self.starts: list[int] = []
        self.texts: list[str] = []
        end = -1
        for r in records:  # in order of start
            start, stop = r.span
            if stop - start != len(r.text) or stop <= end:
                continue  # not a piece of the text (a hand-made sheet), or already shown
            if start < end:  # overlapping: keep what is new
                self.texts[-1] += r.text[end - start :]
            elif start == end:
                self.texts[-1] += r.text
            else:
                self.starts.append(start)
                self.texts.append(r.text)
            end = stop

    def text(self, start: int, end: int) -> str:
        """The article's text over [start, end), unknown characters as spaces."""
        out = []
        pos = start
        k = max(bisect_right(self.starts, start) - 1, 0)
        while k < len(self.starts) and self.starts[k] < end:
            s = self.starts[k]
            t = self.texts[k]
            a, b = max(s, pos), min(s + len(t), end)
            if a < b:
                out.append(" " * (a - pos))
                out.append(t[a - s : b - s])
                pos = b
            k += 1
        out.append(" " * max(0, end - pos))
        return "".join(out)


def context_score(a: Record, b: Record, ca: Context, cb: Context) -> float | None:
    """Share of surrounding words the two have in common (Jaccard); None: too few to tell."""
    wa, wb = ca.words(a), cb.words(b)
    if len(wa) < CONTEXT_MIN_WORDS or len(wb) < CONTEXT_MIN_WORDS:
        return None
    score = len(wa & wb) / len(wa | wb)
    return score if score >= CONTEXT_MIN else None


def surroundings_score(a: Record, b: Record, ca: Context, cb: Context) -> float | None:
    """Evidence that the two stand in one place: most surrounding words in common,
    or else the same slot between unchanged records. None: no such evidence."""
    around = context_score(a, b, ca, cb)
    if around is not None:
        return around
    return CONTEXT_MIN if ca.slot_score(a, cb, b) else None
