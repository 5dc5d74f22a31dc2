"""Dates of the same event across sources, and whether they agree.

A date's event is read from the parse: the event noun it hangs on ("Lee's
summit ... on Jan. 5"), else the verb it hangs on with the event nouns that
verb governs ("delivered the message during his meeting ... on Tuesday"), the
subject of a verb that only says something happened ("the disaster occurred
on ..."), or the noun a participle describes ("the summit set for Tuesday").
Its participants are the names (grouped across spellings) and the things
acted on in that phrase. Two dates are of one event when their predicates are
one lemma or one family of `rules/corroborate.yaml`, they share a participant,
and they do not name different people. They agree when one value contains the
other (`1942` and `1942-02-03` agree; `2026-01-13` and `2026-01-12` do not).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from claimx.corroborate.context import Context, overlap, sentence
from claimx.corroborate.groups import Group, Member, candidate_pairs, cluster, status_of
from claimx.corroborate.sources import Source
from claimx.model import DateMention
from claimx.sheet import record_dict

_CALENDAR = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T[\d:.]+Z?)?)?)?$")
_OBJECTS = ("dobj", "nsubjpass", "attr")


@dataclass(frozen=True)
class _Item:
    source: Source
    date: DateMention
    events: frozenset[str]
    families: frozenset[str]
    participants: frozenset[str]
    persons: frozenset[str]


def date_groups(sources: Sequence[Source], ctx: Context) -> list[Group]:
    items = [_item(s, d, ctx) for s in sources for d in s.sheet.dates if _CALENDAR.match(d.value)]
    pairs = candidate_pairs(i.events | i.families for i in items)

    def score(a: int, b: int) -> float | None:
        return _score(items[a], items[b])

    def fits(a: int, b: int) -> bool:
        x, y = items[a], items[b]
        if x.source.index == y.source.index:
            return _agree(x.date.value, y.date.value)
        return _predicate(x, y) is not None and not _different_people(x, y)

    clusters = cluster(len(items), pairs, score, fits)
    return [_group([items[i] for i in c], ctx) for c in clusters]


def _item(source: Source, date: DateMention, ctx: Context) -> _Item:
    tokens = ctx.tokens(source, date.span)
    if tokens is None or len(tokens) == 0:
        return _Item(source, date, frozenset(), frozenset(), frozenset(), frozenset())
    rules = ctx.names.rules
    inside = set(range(tokens.start, tokens.end))
    sent = sentence(tokens)
    # The sentence's own root (spaCy's `sent.root` may be a token hung on the line before).
    root = next((t for t in sent if t.head.i == t.i), sent.root)
    path = []
    token = tokens.root
    # Up to the sentence's root: the parser may hang a line on the one before it.
    while token.head.i != token.i and sent.start <= token.head.i < sent.end:
        token = token.head
        if token.i not in inside:
            path.append(token)
    events: set[str] = set()
    scope: Any = None
    objects: list[Any] = []
    for t in path:
        if t.pos_ in ("VERB", "AUX"):
            break
        if t.pos_ == "NOUN" and rules.families(t.lemma_):
            events.add(t.lemma_.lower())
            scope = t
            break
    if scope is None:
        anchor = next((t for t in path if t.pos_ == "VERB"), root)
        if anchor.i in inside:  # a date heading its own line ("Jan 12 – ..."): no event read
            return _Item(source, date, frozenset(), frozenset(), frozenset(), frozenset())
        events.add(anchor.lemma_.lower())
        scope = anchor
        if anchor.lemma_.lower() in rules.statement_verbs:
            # "officials said on Monday": the date of a statement, not of an event.
            return _Item(source, date, frozenset(), frozenset(), frozenset(), frozenset())
        transitive = any(c.dep_ == "dobj" for c in anchor.children)
        for child in anchor.children:
            nouns = [child] if child.dep_ != "prep" else list(child.children)
            for noun in nouns:
                if noun.i in inside or noun.pos_ != "NOUN":
                    continue
                if rules.families(noun.lemma_):
                    events.add(noun.lemma_.lower())
                thing = child.dep_ in _OBJECTS or (child.dep_ == "nsubj" and not transitive)
                if thing and not noun.ent_type_:
                    objects.append(noun)
                if anchor.lemma_.lower() in rules.happening_verbs and noun.dep_ == "nsubj":
                    events.add(noun.lemma_.lower())
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in anchor.children)
        if not has_subject and anchor.dep_ in ("advcl", "xcomp", "conj"):
            # "Built in 1962, the factory ...": the subject that follows the clause.
            after = sent.doc[anchor.right_edge.i + 1 : min(sent.end, anchor.right_edge.i + 6)]
            subject = next(
                (t for t in after if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN"),
                None,
            )
            if subject is not None and not subject.ent_type_:
                objects.append(subject)
        if anchor.dep_ in ("acl", "relcl") and anchor.head.pos_ == "NOUN":
            # "the summit set for Tuesday" names the event; "the plant, which
            # opened in 1987" names what the event happened to.
            if rules.families(anchor.head.lemma_):
                events.add(anchor.head.lemma_.lower())
            else:
                objects.append(anchor.head)
            scope = anchor.head
    if events <= set(rules.light_verbs):
        # "it was in May", "he has had it since 2019": nothing says what happened.
        return _Item(source, date, frozenset(), frozenset(), frozenset(), frozenset())
    ents = [
        e
        for e in sent.ents
        if scope.left_edge.i <= e.start
        and e.end <= scope.right_edge.i + 1
        and e.start not in inside
    ]
    participants = ctx.entity_keys(source, ents) | {o.lemma_.lower() for o in objects}
    participants -= events  # the event is not its own participant
    persons = ctx.entity_keys(source, (e for e in ents if e.label_ == "PERSON"))
    families = frozenset(f for e in events for f in rules.families(e))
    return _Item(
        source, date, frozenset(events), families, frozenset(participants), frozenset(persons)
    )


def _predicate(a: _Item, b: _Item) -> float | None:
    """2: one predicate lemma; 1: one family; None: two kinds of event."""
    if a.events & b.events:
        return 2.0
    if a.families & b.families:
        return 1.0
    return None


def _different_people(a: _Item, b: _Item) -> bool:
    """Each names someone the other does not: two events."""
    matched = overlap(a.persons, b.persons) | overlap(b.persons, a.persons)
    return bool(a.persons - matched and b.persons - matched)


def _score(a: _Item, b: _Item) -> float | None:
    """A link: one kind of event, a shared participant, nobody different."""
    if a.source.index == b.source.index:
        return None
    predicate = _predicate(a, b)
    if predicate is None or _different_people(a, b):
        return None
    shared = overlap(a.participants, b.participants)
    if not shared:
        return None
    return predicate + len(shared) + (0.5 if _agree(a.date.value, b.date.value) else 0.0)


def _agree(x: str, y: str) -> bool:
    """One value contains the other: a year contains its days."""
    x, y = x.rstrip("Z"), y.rstrip("Z")
    return x.startswith(y) or y.startswith(x)


def _group(items: list[_Item], ctx: Context) -> Group:
    members = tuple(
        Member(
            source=i.source,
            record=record_dict(i.date),
            value=i.date.value,
            start=i.date.span.start,
        )
        for i in items
    )
    agree = all(
        _agree(a.date.value, b.date.value) for n, a in enumerate(items) for b in items[n + 1 :]
    )
    status = status_of(members, agree)
    events = sorted({e for i in items for e in i.events})
    common = set.intersection(*(set(i.events) for i in items))
    families = sorted(set.intersection(*(set(i.families) for i in items)))
    if common:
        title = ", ".join(sorted(common))
    elif families:
        title = f"{'/'.join(families)} event"
    else:
        title = items[0].date.text
    if status == "single":
        return Group("dates", status, "one source dates this event", members, title)
    shared: set[str] = set()
    for n, a in enumerate(items):
        for b in items[n + 1 :]:
            if a.source.index != b.source.index:
                shared |= overlap(a.participants, b.participants)
    event = (
        f"the same predicate ({', '.join(sorted(common))})"
        if common
        else f"predicates of one family ({', '.join(families)}: {', '.join(events)})"
    )
    names = sorted(ctx.names.display(w) for w in shared)
    reasons = [event, "sharing " + ", ".join(names[:5])]
    values = sorted({i.date.value for i in items})
    verdict = (
        f"values agree: {' ⊇ '.join(sorted(values, key=len))}"
        if agree
        else "values differ: "
        + " vs ".join(v for v in values if not all(w.startswith(v) for w in values))
    )
    return Group("dates", status, "; ".join([*reasons, verdict]), members, title)
