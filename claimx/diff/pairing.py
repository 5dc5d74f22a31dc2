"""Pairing two fact sheets' records: by content id first, then by meaning.

What is left after the ids is paired by a similarity score per section (the
registry's `similarity` hook, in `claims`); pairs whose fields differ are
changes, the rest are added or removed, and dependent records are folded into
the change that explains them (`folding`).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from claimx.diff.claims import same_person
from claimx.diff.folding import fold_dependents
from claimx.diff.result import Change, Entry, Item, SheetDiff, new_position, old_position
from claimx.diff.similarity import (
    Context,
    base_id,
    context_score,
    same_value,
    surroundings_score,
    words_of,
)
from claimx.model import FactSheet, Quote, Record
from claimx.sections import SECTIONS

# Pairing by meaning scores every pair up to this many; beyond, candidates only.
ALL_PAIRS = 40_000
WINDOW = 10  # candidates: the new records this near in document order (by rank)...
RARE_WORDS = 12  # ...and those sharing one of the old record's rarest words
RARE_WORD = 100  # a word more new records than this use is not a clue
MAX_CANDIDATES = 30  # word-sharing candidates kept per record, most words shared first

# Fields that say where a claim stands, not what it says.
POSITIONAL = frozenset({"id", "at", "span", "mention_span"})


# Comparing two fact sheets


def diff_sheets(old: FactSheet, new: FactSheet) -> SheetDiff:
    """Every claim added, removed or changed from `old` to `new`.

    Only the fact sheets are read, never the articles: two articles compare
    exactly as their two fact sheets do.
    """
    contexts = (Context(old), Context(new))
    by_id = {
        section: _pair_by_id(old.records[section], new.records[section], *contexts)
        for section in SECTIONS
    }
    # Records both versions have unchanged mark out the slots the others stand in.
    anchors = [pair for pairs, _olds, _news in by_id.values() for pair in pairs]
    for side, context in enumerate(contexts):
        context.mark_slots([pair[side] for pair in anchors])
    items: list[Item] = []
    for section, (pairs, left_old, left_new) in by_id.items():
        meant, removed, added = _greedy(left_old, left_new, _scorer(section, *contexts))
        for a, b in pairs + meant:
            fields = differing_fields(a, b)
            if fields:
                items.append(Change(section, fields, a, b))
        items.extend(Entry(section, r, added=False) for r in removed)
        items.extend(Entry(section, r, added=True) for r in added)
    items = fold_dependents(items, old, new)
    return SheetDiff(
        added=tuple(
            sorted((i for i in items if isinstance(i, Entry) and i.added), key=new_position)
        ),
        removed=tuple(
            sorted((i for i in items if isinstance(i, Entry) and not i.added), key=old_position)
        ),
        changed=tuple(sorted((i for i in items if isinstance(i, Change)), key=new_position)),
        warnings=tuple(extractor_warnings(old, new)),
    )


def differing_fields(old: Record, new: Record) -> tuple[str, ...]:
    """The fields, in fact-sheet order, whose values differ (positions aside)."""
    fields = tuple(
        f.name
        for f in dataclasses.fields(old)
        if f.name not in POSITIONAL and not same_value(getattr(old, f.name), getattr(new, f.name))
    )
    if isinstance(old, Quote) and isinstance(new, Quote) and same_person(old, new):
        fields = tuple(f for f in fields if f not in ("speaker", "role"))
    return fields


def extractor_warnings(old: FactSheet, new: FactSheet) -> list[str]:
    """One line per extractor setting that differs: the facts may differ for that alone."""
    out = []
    for name, label in (("model", "spaCy models"), ("rules", "rule digests")):
        a, b = getattr(old.extractor, name), getattr(new.extractor, name)
        if a != b:
            out.append(f"the versions were extracted with different {label} ({a} → {b})")
    return out


def _scorer(
    section: str, old_ctx: Context, new_ctx: Context
) -> Callable[[Record, Record], float | None]:
    similarity = SECTIONS[section].hook("similarity") or surroundings_score

    def score(a: Record, b: Record) -> float | None:
        return similarity(a, b, old_ctx, new_ctx)

    return score


def _pair_by_id(
    old: Sequence[Record], new: Sequence[Record], old_ctx: Context, new_ctx: Context
) -> tuple[list[tuple[Record, Record]], list[Record], list[Record]]:
    """(pairs, old records left, new records left) of one section, by content id."""
    groups: dict[str, tuple[list[Record], list[Record]]] = {}
    for side, records in enumerate((old, new)):
        for r in records:
            groups.setdefault(base_id(r), ([], []))[side].append(r)
    pairs: list[tuple[Record, Record]] = []
    left_old: list[Record] = []
    left_new: list[Record] = []
    for olds, news in groups.values():
        if len(olds) != len(news) and olds and news:
            # A repeated claim gained or lost an occurrence: the ones whose
            # surroundings stayed are the ones kept; the rest pair in order.
            kept, olds, news = _greedy(
                olds, news, lambda a, b: context_score(a, b, old_ctx, new_ctx)
            )
            pairs.extend(kept)
        k = min(len(olds), len(news))
        pairs.extend(zip(olds[:k], news[:k], strict=True))
        left_old.extend(olds[k:])
        left_new.extend(news[k:])
    return pairs, left_old, left_new


def _greedy(
    olds: Sequence[Record],
    news: Sequence[Record],
    score: Callable[[Record, Record], float | None],
) -> tuple[list[tuple[Record, Record]], list[Record], list[Record]]:
    """Best-scoring pairs first; `score` None means the two cannot be the same claim.

    Up to `ALL_PAIRS` candidate pairs every pair is scored; beyond, only the
    pairs `_candidates` proposes, so that time grows with the number of records,
    not with its square."""
    candidates = []
    if len(olds) * len(news) <= ALL_PAIRS:
        tried: Iterable[tuple[int, int]] = (
            (i, j) for i in range(len(olds)) for j in range(len(news))
        )
    else:
        tried = _candidates(olds, news)
    for i, j in tried:
        s = score(olds[i], news[j])
        if s is not None:
            # Ties go to the pair closest in document order.
            candidates.append((-s, abs(i / max(len(olds), 1) - j / max(len(news), 1)), i, j))
    candidates.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    for _s, _d, i, j in candidates:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((olds[i], news[j]))
    removed = [r for i, r in enumerate(olds) if i not in used_old]
    added = [r for j, r in enumerate(news) if j not in used_new]
    return pairs, removed, added


def _candidates(olds: Sequence[Record], news: Sequence[Record]) -> list[tuple[int, int]]:
    """The pairs worth scoring among many records: each old record with the new
    ones at about the same place in the document (`WINDOW` on either side), and
    with those sharing one of its rarer words (a word that more than
    `RARE_WORD` records use tells nothing), at most `MAX_CANDIDATES` of them."""
    index: dict[str, list[int]] = defaultdict(list)
    for j, r in enumerate(news):
        for word in set(words_of(r.text)):
            index[word].append(j)
    out: set[tuple[int, int]] = set()
    scale = len(news) / max(len(olds), 1)
    for i, r in enumerate(olds):
        centre = round(i * scale)
        out.update(
            (i, j) for j in range(max(0, centre - WINDOW), min(len(news), centre + WINDOW + 1))
        )
        rare = sorted(
            (len(index[w]), w) for w in set(words_of(r.text)) if 0 < len(index[w]) <= RARE_WORD
        )
        found: dict[int, int] = defaultdict(int)
        for _n, word in rare[:RARE_WORDS]:
            for j in index[word]:
                found[j] += 1
        best = sorted(found, key=lambda j: (-found[j], j))[:MAX_CANDIDATES]
        out.update((i, j) for j in best)
    return sorted(out)
