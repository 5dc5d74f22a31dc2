"""Pairing two fact sheets' records: by content id first, then by meaning.

What is left after the ids is paired by a similarity score per section (the
registry's `similarity` hook, in `claims`); pairs whose fields differ are
changes, the rest are added or removed, and dependent records are folded into
the change that explains them (`folding`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from claimx.diff.claims import same_person
from claimx.diff.folding import fold_dependents
from claimx.diff.result import Change, Entry, Item, SheetDiff, new_position, old_position
from claimx.diff.similarity import (
    Context,
    base_id,
    context_score,
    same_value,
    surroundings_score,
)
from claimx.model import FactSheet, Quote, Record
from claimx.sections import SECTIONS

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
    """Best-scoring pairs first; `score` None means the two cannot be the same claim."""
    candidates = []
    for i, a in enumerate(olds):
        for j, b in enumerate(news):
            s = score(a, b)
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
