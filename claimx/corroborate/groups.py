"""What a corroboration report holds, and the one clustering step every section uses."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from claimx.corroborate.sources import Source, independence

STATUSES = ("differ", "agree", "single")


@dataclass(frozen=True)
class Member:
    """One record of one source in a group: as in its fact sheet, with its `at`."""

    source: Source
    record: dict[str, Any]
    value: str  # what is compared, as shown side by side
    start: int = 0


@dataclass(frozen=True)
class Group:
    section: str  # quotes | dates | figures | names
    status: str  # agree | differ | single
    why: str
    members: tuple[Member, ...]
    title: str = ""  # a short label for the terminal report

    @property
    def sources(self) -> list[Source]:
        seen: dict[int, Source] = {}
        for m in self.members:
            seen.setdefault(m.source.index, m.source)
        return [seen[k] for k in sorted(seen)]

    @property
    def independent(self) -> tuple[bool, str]:
        return independence(self.sources)


@dataclass(frozen=True)
class Report:
    sources: tuple[Source, ...]
    groups: tuple[Group, ...]
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def differ(self) -> bool:
        return any(g.status == "differ" for g in self.groups)


def status_of(members: Sequence[Member], agree: bool) -> str:
    if len({m.source.index for m in members}) < 2:
        return "single"
    return "agree" if agree else "differ"


def candidate_pairs(keys: Iterable[Iterable[str]], limit: int = 200) -> list[tuple[int, int]]:
    """Pairs of items that share a key: only they are compared. A key shared by
    more than `limit` items says nothing (a common word) and is skipped, which
    keeps a large set of articles from costing a comparison of every two claims."""
    index: dict[str, list[int]] = {}
    for i, item_keys in enumerate(keys):
        for key in set(item_keys):
            index.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for ids in index.values():
        if len(ids) <= limit:
            pairs.update((a, b) for n, a in enumerate(ids) for b in ids[n + 1 :])
    return sorted(pairs)


def cluster(
    count: int,
    pairs: Iterable[tuple[int, int]],
    score: Callable[[int, int], float | None],
    fits: Callable[[int, int], bool],
) -> list[list[int]]:
    """Items grouped by their best links first (`score`, None: no link), a group
    joining another only when every two of their members `fits` together. A
    group never mixes two things just because each resembles a third: linkage
    is complete on `fits`, which says what cannot be one thing (two people,
    two kinds of event, one article giving two values)."""
    scored = []
    for a, b in pairs:
        if a == b:
            continue
        s = score(a, b)
        if s is not None:
            scored.append((s, min(a, b), max(a, b)))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    group_of = list(range(count))
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    cache: dict[tuple[int, int], bool] = {}

    def fit(x: int, y: int) -> bool:
        key = (min(x, y), max(x, y))
        if key not in cache:
            cache[key] = fits(*key)
        return cache[key]

    for _s, a, b in scored:
        ga, gb = group_of[a], group_of[b]
        if ga == gb:
            continue
        if all(fit(x, y) for x in members[ga] for y in members[gb]):
            for x in members[gb]:
                group_of[x] = ga
            members[ga].extend(members.pop(gb))
    return [sorted(m) for _k, m in sorted(members.items())]
