"""Figures about the same thing across sources, and whether their values agree.

Two figures are about one thing when they are of one kind and unit, count the
same noun (or one names the other's head among its words: "136 Koreans" and
"136 Korean forced-laborers"; or one counts generic people and both are about
the same act), are not about two different acts, and stand in sentences that
share words or names. They agree when their values agree within their
qualifiers: "more than 80 years" and "over 80 years" do, "183" and "185" do not.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from claimx.corroborate.context import Context, overlap
from claimx.corroborate.groups import Group, Member, cluster, status_of
from claimx.corroborate.names import fold_tokens
from claimx.corroborate.sources import Source
from claimx.model import Figure
from claimx.sheet import record_dict

# Shared sentence words two figures need, besides their own words.
MIN_SHARED = 2
APPROX = 0.1  # "about 180": within 10%


@dataclass(frozen=True)
class _Item:
    source: Source
    figure: Figure
    head: str  # the counted noun or unit, singular
    words: frozenset[str]  # the figure's other words (modifiers)
    about: str | None
    context: frozenset[str]
    low: float
    high: float


def figure_groups(sources: Sequence[Source], ctx: Context) -> list[Group]:
    items = [_item(s, f, ctx) for s in sources for f in s.sheet.figures]
    generic = frozenset(ctx.names.rules.generic_nouns)
    by_kind: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        by_kind.setdefault(item.figure.kind, []).append(i)
    pairs = [(a, b) for ids in by_kind.values() for n, a in enumerate(ids) for b in ids[n + 1 :]]

    def score(a: int, b: int) -> float | None:
        return _score(items[a], items[b], generic)

    def fits(a: int, b: int) -> bool:
        x, y = items[a], items[b]
        if x.source.index == y.source.index:
            # One article giving two values counts two things.
            return _agree(x, y) and x.head == y.head
        return _compatible(x, y, generic) is not None

    clusters = cluster(len(items), pairs, score, fits)
    return [_group([items[i] for i in c], generic, ctx) for c in clusters]


def _item(source: Source, figure: Figure, ctx: Context) -> _Item:
    tokens = ctx.tokens(source, figure.span)
    unit_words = fold_tokens(figure.unit or "")
    head = unit_words[-1] if unit_words else ""
    words: set[str] = set()
    if tokens is not None:
        for t in tokens:
            lemma = t.lemma_.lower()
            if t.is_alpha and not t.is_stop and not t.like_num:
                words.add(lemma)
            if unit_words and t.lower_.endswith(unit_words[-1]):
                head = fold_tokens(lemma)[-1] if fold_tokens(lemma) else head
    else:
        words = {w for w in fold_tokens(figure.text) if w.isalpha()}
    head = _singular(head)
    words = {_singular(w) for w in words} | {_singular(w) for w in unit_words}
    words.discard(head)
    low, high = _interval(figure)
    about = figure.about.lower() if figure.about else None
    return _Item(
        source=source,
        figure=figure,
        head=head,
        words=frozenset(words),
        about=about,
        context=ctx.sentence_words(source, figure.span),
        low=low,
        high=high,
    )


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _stem(word: str) -> str:
    return word[:5]


def _noun_score(a: _Item, b: _Item, generic: frozenset[str]) -> tuple[float, str] | None:
    if a.head == b.head:
        return 3.0, f"same {'unit' if a.figure.kind != 'count' else 'counted noun'} ({a.head})"
    if a.figure.kind != "count":
        return None
    if a.head and b.head:
        stems_a = {_stem(w) for w in a.words}
        stems_b = {_stem(w) for w in b.words}
        if _stem(a.head) in stems_b or _stem(b.head) in stems_a:
            return 2.0, f"one counts the other's noun ({a.head} / {b.head})"
    if (a.head in generic or b.head in generic) and a.about and a.about == b.about:
        return 1.0, f"people counted ({a.head} / {b.head})"
    return None


def _compatible(a: _Item, b: _Item, generic: frozenset[str]) -> tuple[float, str] | None:
    """Of one kind, counting compatible nouns, not about two different acts."""
    if a.figure.kind != b.figure.kind:
        return None
    if a.about and b.about and a.about != b.about:
        return None
    return _noun_score(a, b, generic)


def _score(a: _Item, b: _Item, generic: frozenset[str]) -> float | None:
    """A link: compatible, and said in sentences that share words or names."""
    if a.source.index == b.source.index:
        return None
    noun = _compatible(a, b, generic)
    if noun is None:
        return None
    shared = _shared(a, b)
    need = 1 if (a.about and a.about == b.about and noun[0] >= 2) else MIN_SHARED
    if len(shared) < need:
        return None
    return noun[0] + 0.5 * len(shared) + (1.0 if _agree(a, b) else 0.0)


def _shared(a: _Item, b: _Item) -> frozenset[str]:
    own = a.words | b.words | {a.head, b.head}
    return frozenset(w for w in overlap(a.context, b.context) if w not in own)


def _interval(figure: Figure) -> tuple[float, float]:
    low = float(figure.value)
    high = float(figure.value_max) if figure.value_max is not None else low
    eps = 1e-9 * max(1.0, abs(low))
    q = figure.qualifier
    if q == "~":
        return low * (1 - APPROX), high * (1 + APPROX)
    if q == ">":
        return low + eps, math.inf
    if q == ">=":
        return low, math.inf
    if q == "<":
        return -math.inf, high - eps
    if q == "<=":
        return -math.inf, high
    return low, high


def _agree(a: _Item, b: _Item) -> bool:
    return max(a.low, b.low) <= min(a.high, b.high)


def _group(items: list[_Item], generic: frozenset[str], ctx: Context) -> Group:
    members = tuple(
        Member(
            source=i.source,
            record=record_dict(i.figure),
            value=i.figure.text,
            start=i.figure.span.start,
        )
        for i in items
    )
    agree = all(_agree(a, b) for n, a in enumerate(items) for b in items[n + 1 :])
    status = status_of(members, agree)
    first = items[0]
    title = f"{_number(first.figure)} {first.figure.unit or ''}".strip()
    if first.about:
        title += f" ({first.about})"
    if status == "single":
        return Group("figures", status, "one source gives this figure", members, title)
    reasons: list[str] = []
    for n, a in enumerate(items):
        for b in items[n + 1 :]:
            if a.source.index != b.source.index:
                noun = _noun_score(a, b, generic)
                if noun and noun[1] not in reasons:
                    reasons.append(noun[1])
    if first.about:
        reasons.append(f"about {first.about!r}")
    shared: set[str] = set()
    for n, a in enumerate(items):
        for b in items[n + 1 :]:
            if a.source.index != b.source.index:
                shared |= _shared(a, b)
    if shared:
        words = sorted(ctx.names.display(w) for w in shared)
        reasons.append("in sentences sharing " + ", ".join(words[:5]))
    values = sorted({_number(i.figure) for i in items})
    verdict = (
        f"values agree: {' ~ '.join(values)}" if agree else f"values differ: {' vs '.join(values)}"
    )
    return Group("figures", status, "; ".join([*reasons, verdict]), members, title)


def _number(figure: Figure) -> str:
    q = "" if figure.qualifier == "=" else figure.qualifier
    value = f"{figure.value:g}" if isinstance(figure.value, float) else str(figure.value)
    if figure.value_max is not None:
        value += f"-{figure.value_max}"
    return f"{q}{value}"
