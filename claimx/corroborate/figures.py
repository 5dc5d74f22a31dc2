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
from typing import Any

from claimx.corroborate.context import Context, overlap, sentence
from claimx.corroborate.groups import Group, Member, candidate_pairs, cluster, status_of
from claimx.corroborate.names import fold_tokens
from claimx.corroborate.sources import Source
from claimx.model import Figure
from claimx.sheet import record_dict

# What the words two figures' sentences share must weigh (summed inverse
# sentence frequency, `Context.weight`): about two words that few sentences use.
EVIDENCE = 3.0
# Share of the two sentences' words (weighted as above) they must have in common.
SIMILAR = 0.12
SAME_SENTENCE = 0.3  # ... enough on its own for figures that count no noun
HOLDER = 3  # words between a figure and the name it belongs to
APPROX = 0.1  # "about 180": within 10%


@dataclass(frozen=True)
class _Item:
    source: Source
    figure: Figure
    head: str  # the counted noun or unit, singular
    words: frozenset[str]  # the figure's other words (modifiers)
    about: str | None
    context: frozenset[str]
    holder: frozenset[str]  # names right next to the figure: whose figure it is
    verb: str | None  # the verb it is the subject or object of
    low: float
    high: float


def figure_groups(sources: Sequence[Source], ctx: Context) -> list[Group]:
    items = [_item(s, f, ctx) for s in sources for f in s.sheet.figures]
    generic = frozenset(ctx.names.rules.generic_nouns)
    families = ctx.names.rules.families
    pairs = candidate_pairs(_keys(item, generic) for item in items)

    def score(a: int, b: int) -> float | None:
        return _score(items[a], items[b], generic, families, ctx.weight)

    def fits(a: int, b: int) -> bool:
        x, y = items[a], items[b]
        if x.source.index == y.source.index:
            # One article giving two values counts two things.
            return _agree(x, y) and x.head == y.head
        return score(a, b) is not None

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
    verb = _governing_verb(tokens)
    if about is None and verb and ctx.names.rules.families(verb):
        # Only a verb of a known kind of event: "estimated at" says nothing of what.
        about = verb
    return _Item(
        source=source,
        figure=figure,
        head=head,
        words=frozenset(words),
        about=about,
        context=ctx.sentence_words(source, figure.span),
        holder=_holder(source, tokens, ctx),
        verb=verb,
        low=low,
        high=high,
    )


def _holder(source: Source, tokens: Any, ctx: Context) -> frozenset[str]:
    """Names within a few words of the figure ("Johnson 5 percent", "42 percent for
    Trump"): in a sentence listing several figures, what tells them apart."""
    if tokens is None or len(tokens) == 0:
        return frozenset()
    sent = sentence(tokens)
    doc = sent.doc
    near = []
    for e in sent.ents:
        if e.label_ not in ctx.names.rules.name_labels or e.label_ == "NORP":
            continue
        if 0 <= tokens.start - e.end <= HOLDER:
            between = doc[e.end : tokens.start]
        elif 0 <= e.start - tokens.end <= HOLDER:
            between = doc[tokens.end : e.start]
        else:
            continue
        # "over 300 homes, Sheriff Whitfield said": a comma ends the figure's phrase.
        if not any(t.is_punct or t.is_space for t in between):
            near.append(e)
    return frozenset(ctx.entity_keys(source, near))


def _keys(item: _Item, generic: frozenset[str]) -> set[str]:
    """What two figures must share to be compared at all: kind, and a noun stem."""
    kind = item.figure.kind
    if item.head in generic:
        return {f"{kind}:*"} | {f"{kind}:{_stem(w)}" for w in item.words}
    stems = {_stem(item.head)} | {_stem(w) for w in item.words}
    return {f"{kind}:{s}" for s in stems} | {f"{kind}:*"}


def _governing_verb(tokens: Any) -> str | None:
    """The verb a figure is the subject or object of ("27 people died": die)."""
    if tokens is None or len(tokens) == 0:
        return None
    token = tokens.root
    for child in token.children:
        if child.dep_ == "acl" and child.pos_ == "VERB":  # "40 percent contained"
            return str(child.lemma_).lower()
    for _ in range(4):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ == "VERB":
            return str(token.lemma_).lower()
        if token.pos_ not in ("ADP", "NOUN", "NUM", "ADJ"):
            return None
    return None


def _same_act(a: str | None, b: str | None, families: Any) -> bool:
    """Unknown acts never contradict; "die" and "kill" are one family of acts."""
    if a is None or b is None or a == b:
        return True
    return bool(families(a) & families(b))


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _stem(word: str) -> str:
    return word[:5]


def _noun_score(a: _Item, b: _Item, generic: frozenset[str]) -> tuple[float, str] | None:
    if not a.head and not b.head:
        return 1.0, "bare numbers"
    if a.head == b.head:
        return 3.0, f"same {'unit' if a.figure.kind != 'count' else 'counted noun'} ({a.head})"
    if a.figure.kind != "count":
        return None
    if a.head and b.head:
        stems_a = {_stem(w) for w in a.words}
        stems_b = {_stem(w) for w in b.words}
        if _stem(a.head) in stems_b or _stem(b.head) in stems_a:
            return 2.0, f"one counts the other's noun ({a.head} / {b.head})"
    if (a.head in generic or b.head in generic) and a.about and b.about:
        return 1.0, f"people counted ({a.head} / {b.head})"
    return None


def _compatible(
    a: _Item, b: _Item, generic: frozenset[str], families: Any
) -> tuple[float, str] | None:
    """Of one kind, counting compatible nouns, not about two different acts."""
    if a.figure.kind != b.figure.kind:
        return None
    if not _same_act(a.about, b.about, families):
        return None
    if a.holder and b.holder and not overlap(a.holder, b.holder):
        return None  # two people's or places' figures
    return _noun_score(a, b, generic)


def _score(a: _Item, b: _Item, generic: frozenset[str], families: Any, weigh: Any) -> float | None:
    """A link: compatible, and said in sentences that share words or names."""
    if a.source.index == b.source.index:
        return None
    noun = _compatible(a, b, generic, families)
    if noun is None:
        return None
    if a.source.doc is None or b.source.doc is None:
        # A fact sheet without its article: its records alone, one act for both.
        return noun[0] + 1.0 if a.about and b.about and a.head and _agree(a, b) else None
    shared = _shared(a, b)
    weight = weigh(shared)
    # Counting one noun for one act needs less from the sentences around.
    need = EVIDENCE / 2 if (a.about and b.about and noun[0] >= 2) else EVIDENCE
    if weight < need:
        return None
    # And the two sentences say much the same: a story's common words are not enough.
    similar = weigh(overlap(a.context, b.context)) / max(weigh(a.context | b.context), 1e-9)
    if similar < SIMILAR:
        return None
    if (a.figure.kind != "count" or not a.head) and not (
        (a.about and b.about) or (a.verb and a.verb == b.verb) or similar >= SAME_SENTENCE
    ):
        # A share, a sum or a span of time is of anything: one act, one verb,
        # or sentences that say nearly the same thing.
        return None
    return noun[0] + weight + (1.0 if _agree(a, b) else 0.0)


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
    acts = sorted({i.about for i in items if i.about})
    if acts:
        reasons.append("about " + " / ".join(repr(a) for a in acts))
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
