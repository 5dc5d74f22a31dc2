"""Dependent records: one edit often changes more than one record; report each claim once."""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections.abc import Sequence
from functools import partial

from claimx.diff.result import Change, Entry, Item, side_of, start_of
from claimx.diff.similarity import same_value, words_of
from claimx.model import FactSheet, Quote, Record, Span

# Fields a quote takes from its attribution (`..., Lee said`): one edit there changes them
# in every quote that attribution covers.
ATTRIBUTION = frozenset({"speaker", "role", "mention", "cue"})


# Dependent records: report each claim once


def fold_dependents(items: list[Item], old: FactSheet, new: FactSheet) -> list[Item]:
    """Fold records whose change another change explains into that change's `also`.

    Three mechanisms, all about what one edit inevitably does to other records:
    containment (a record inside a quote: a partial quote in its indirect
    record, a figure in a quote), attribution (quotes sharing one `..., Lee
    said`, or continuing it, change speaker together), and resolution (a `he
    said` whose text is unchanged follows the speaker change before it)."""
    attributors = _attributors(items)
    places = _Places(items)
    parent: dict[int, Item] = {}  # id(item) -> the item explaining it
    for item in items:
        _link(item, _container_of(item, items, places), parent)
    for item in items:
        if id(item) not in parent:
            _link(item, _attributor_of(item, attributors, old, new), parent)
    for item in items:
        if id(item) not in parent:
            # The nearest that would not close a cycle (an indirect record already
            # folded into the partial quote inside it is earlier than that quote).
            cause = next(
                (c for c in _same_resolution_changes(item, items) if _root(c, parent) is not item),
                None,
            )
            _link(item, cause, parent)
    children: dict[int, list[Item]] = {}
    roots = []
    for item in items:
        top = _root(item, parent)
        if top is item:
            roots.append(item)
        else:
            children.setdefault(id(top), []).append(item)
    return [
        dataclasses.replace(r, also=tuple(sorted(children[id(r)], key=_position)))
        if id(r) in children
        else r
        for r in roots
    ]


def _position(item: Item) -> tuple[int, int]:
    """Where the item stands: in the new version if it is there, else in the old."""
    record = side_of(item, "new") or side_of(item, "old")
    return (record.span.start, record.span.end) if record is not None else (-1, -1)


def _link(item: Item, cause: Item | None, parent: dict[int, Item]) -> None:
    """Record that `cause` explains `item`, unless that would make a cycle."""
    if cause is not None and cause is not item and _root(cause, parent) is not item:
        parent[id(item)] = cause


def _root(item: Item, parent: dict[int, Item]) -> Item:
    seen = {id(item)}
    while id(item) in parent and id(parent[id(item)]) not in seen:
        item = parent[id(item)]
        seen.add(id(item))
    return item


# Containment


class _Places:
    """The items by where their records start, in either version, to find the ones
    inside a quote (or around a record) without looking at every item."""

    def __init__(self, items: list[Item]) -> None:
        self.starts: dict[str, list[tuple[int, int]]] = {"old": [], "new": []}
        self.quotes: dict[tuple[bool, str], list[tuple[int, int]]] = {}
        self.longest: dict[tuple[bool, str], int] = {}
        for n, item in enumerate(items):
            for side in ("old", "new"):
                record = side_of(item, side)
                if record is None:
                    continue
                self.starts[side].append((record.span.start, n))
                if isinstance(item, Entry) and item.section == "quotes":
                    key = (item.added, side)
                    self.quotes.setdefault(key, []).append((record.span.start, n))
                    self.longest[key] = max(self.longest.get(key, 0), _length(record))
        for found in (*self.starts.values(), *self.quotes.values()):
            found.sort()

    def starting_within(self, side: str, start: int, end: int) -> set[int]:
        """The items (by index) whose record in `side` starts in [start, end)."""
        found = self.starts[side]
        lo = bisect_left(found, (start, -1))
        hi = bisect_left(found, (end, -1))
        return {n for _s, n in found[lo:hi]}

    def quotes_around(self, added: bool, side: str, start: int) -> set[int]:
        """The added (removed) quotes (by index) that may hold a record starting at `start`."""
        key = (added, side)
        found = self.quotes.get(key, [])
        lo = bisect_left(found, (start - self.longest.get(key, 0), -1))
        hi = bisect_left(found, (start + 1, -1))
        return {n for _s, n in found[lo:hi]}


def _container_of(item: Item, items: list[Item], places: _Places) -> Item | None:
    """The item that explains `item` by containing it, or by being contained in it.

    An added (removed) record inside an added (removed) quote belongs to that
    quote. A changed quote whose difference lies wholly in the records inside it
    (reworded quoted words in an indirect record, a date or figure edited in a
    quote) is explained by them: they are the claims that changed."""
    if isinstance(item, Entry):
        side = "new" if item.added else "old"
        near = places.quotes_around(item.added, side, item.record.span.start)
        outer = [
            o
            for o in (items[n] for n in sorted(near))
            if isinstance(o, Entry)
            and o.section == "quotes"
            and o.added == item.added
            and o is not item
            and _inside(item, o)
        ]
        return max(outer, key=lambda o: _length(o.record), default=None)
    if item.section != "quotes":
        return None
    near = places.starting_within("old", *item.old.span) | places.starting_within(
        "new", *item.new.span
    )
    inner = sorted(
        (o for o in (items[n] for n in sorted(near)) if o is not item and _inside(o, item)),
        key=lambda o: (start_of(o, "new"), start_of(o, "old")),
    )
    if not inner:
        return None
    own = set(item.fields) - {"text"}
    explained = set().union(*(o.fields for o in inner if isinstance(o, Change)))
    if not own <= explained:
        return None
    if "text" in item.fields and _strip(item, inner, "old") != _strip(item, inner, "new"):
        return None
    return inner[0]


def _length(record: Record) -> int:
    return record.span.end - record.span.start


def _inside(inner: Item, outer: Item) -> bool:
    """`inner` starts within `outer` (and is not it) in every version both have.

    Only the start: an indirect record may stop short of the closing punctuation
    that the quote inside it keeps."""
    checks = []
    for side in ("old", "new"):
        a, b = side_of(inner, side), side_of(outer, side)
        if a is not None and b is not None:
            checks.append(b.span.start <= a.span.start < b.span.end and a.span != b.span)
    return bool(checks) and all(checks)


def _strip(item: Item, inner: list[Item], side: str) -> list[str]:
    """The record's words with the stretches of the records inside it taken out."""
    record = side_of(item, side)
    if record is None:
        return []
    start = record.span.start
    keep = list(record.text)
    for other in inner:
        r = side_of(other, side)
        if r is not None:
            for k in range(max(r.span.start, start), min(r.span.end, record.span.end)):
                if k - start < len(keep):
                    keep[k - start] = " "
    return words_of("".join(keep))


# Attribution


def _attributors(items: list[Item]) -> dict[tuple[str, Span], list[Item]]:
    """The quote items naming a speaker, by (version, span of the mention)."""
    out: dict[tuple[str, Span], list[Item]] = {}
    for item in items:
        if item.section != "quotes":
            continue
        for side in ("old", "new"):
            record = side_of(item, side)
            if isinstance(record, Quote) and record.mention_span is not None:
                out.setdefault((side, record.mention_span), []).append(item)
    for (side, _span), group in out.items():
        group.sort(key=partial(start_of, side=side))
    return out


def _attributor_of(
    item: Item,
    attributors: dict[tuple[str, Span], list[Item]],
    old: FactSheet,
    new: FactSheet,
) -> Item | None:
    """The first quote of the attribution `item` depends on, when that explains it.

    Quotes sharing one mention (`"A," Lee said. "B."`) or continuing it (a
    paragraph that is all quote) change speaker together, and go together when
    the attribution is added or removed: they are reported once, under the
    first. A quote added to an old attribution stays visible."""
    if item.section != "quotes":
        return None
    if isinstance(item, Change) and not set(item.fields) <= ATTRIBUTION:
        return None
    for side, sheet in (("old", old), ("new", new)):
        record = side_of(item, side)
        if not isinstance(record, Quote):
            continue
        mention = _attribution(sheet.quotes, record)
        group = attributors.get((side, mention)) if mention is not None else None
        if not group or group[0] is item:
            continue
        first = group[0]
        if isinstance(item, Change) or (isinstance(first, Entry) and first.added == item.added):
            return first
    return None


def _same_resolution_changes(item: Item, items: list[Item]) -> list[Item]:
    """For a quote whose own attribution text is unchanged but whose speaker or role
    changed, the earlier edits that explain it, nearest first.

    Its speaker is resolved through other mentions, so such a change follows
    from another edit: an earlier quote whose speaker changed the same way (a
    `he said` after a renamed `Lee said`; a role given once where a speaker is
    introduced), an added quote by its new speaker (a `he` now nearest to
    someone else), or a removed quote by its old speaker (an antecedent gone)."""
    if not isinstance(item, Change) or not isinstance(item.old, Quote):
        return []
    old, new = item.old, item.new
    if not isinstance(new, Quote) or item.section != "quotes":
        return []
    if not set(item.fields) <= {"speaker", "role"} or not same_value(old.mention, new.mention):
        return []
    fields = item.fields

    def agrees(record: Record | None, side: Quote) -> bool:
        return record is not None and all(
            same_value(getattr(record, f), getattr(side, f)) for f in fields
        )

    found: list[tuple[int, Item]] = []  # (distance before `item`, explaining edit)
    for other in items:
        if other is item or other.section != "quotes":
            continue
        for side, mine in (("old", old), ("new", new)):
            theirs = side_of(other, side)
            # Only an earlier edit: of a run of equal changes the first is reported.
            if theirs is None or theirs.span.start >= mine.span.start:
                continue
            if isinstance(other, Change):
                ok = (
                    set(fields) <= set(other.fields)
                    and agrees(other.old, old)
                    and agrees(other.new, new)
                )
            else:
                ok = agrees(theirs, mine)
            if ok:
                found.append((mine.span.start - theirs.span.start, other))
                break
    return [other for _distance, other in sorted(found, key=lambda f: f[0])]


def _attribution(quotes: Sequence[Quote], record: Quote) -> Span | None:
    """The mention that names the record's speaker: its own, or (a continuation)
    that of the nearest quote with a mention and the same speaker, before it
    (else after it)."""
    if record.mention_span is not None:
        return record.mention_span
    if record.speaker is None:
        return None
    i = next((k for k, q in enumerate(quotes) if q is record), None)
    if i is None:
        return None
    for side in (reversed(quotes[:i]), quotes[i + 1 :]):
        nearest = next((q for q in side if q.mention_span is not None), None)
        if nearest is not None and same_value(nearest.speaker, record.speaker):
            return nearest.mention_span
    return None
