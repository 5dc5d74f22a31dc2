"""One resolver per kind of mention: pronoun, full name, surname, role noun, organisation.

A resolver reads the index and the salience tracker and returns an
`Outcome`: whom the mention names, and the updates that naming implies (a
fuller name, a role, a gender, a new entity, a salient mention). It changes
nothing itself; `Registry.resolve` applies the updates.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from claimx.speakers.index import Entity, Index, Update, is_org_phrase, match_name
from claimx.speakers.mentions import clean_name, is_definite, name_parts, strip_article
from claimx.speakers.rules import Lexicon
from claimx.speakers.salience import Salience

NAMED = {"ORG", "NORP", "GPE", "PERSON", "FAC", "LOC"}
# Parts in the longest personal name we believe ("Juan Carlos Perez Gomez").
LONGEST_NAME = 4


@dataclass(frozen=True)
class Outcome:
    mention: Span | None
    entity: Entity | None = None  # the speaker, when an entity of the index
    name: str | None = None  # the speaker's name otherwise (an organisation named here)
    updates: tuple[Update, ...] = ()
    seen: Entity | None = None  # the entity this mention counts for, prominently


@dataclass(frozen=True)
class Context:
    index: Index
    salience: Salience
    lex: Lexicon


def pronoun(ctx: Context, head: Token, mention: Span) -> Outcome:
    want = ctx.lex.pronouns.get(head.lower_)
    if want not in ("male", "female", "person"):
        return Outcome(mention)
    sal = ctx.salience
    people = [
        e
        for e in sal.seen_entities()
        if e.kind == "person"
        and sal.last_seen(e) < head.i
        and (want == "person" or e.gender in (None, want))
    ]
    if not people:
        return Outcome(mention)
    best = max(people, key=lambda e: (sal.last_prominent(e), sal.last_seen(e)))
    updates = (Update(best, gender=want),) if want != "person" else ()
    return Outcome(mention, entity=best, updates=updates, seen=best)


def proper(ctx: Context, head: Token, mention: Span, name_tokens: list[Token]) -> Outcome:
    """A mention with a name in it: a full name, a surname, or an organisation's name."""
    lex = ctx.lex
    parts = [p for p in name_parts(" ".join(t.text for t in name_tokens)) if p not in lex.not_names]
    role_text = " ".join(t.text for t in mention if t not in name_tokens)
    role_words = set(name_parts(role_text))
    org = head.ent_type_ in ("ORG", "GPE", "NORP", "FAC") or is_org_phrase(mention, lex)
    if not parts:
        # "Japan branded ...": a place or organisation, never a person's name part.
        return organisation(ctx, head, mention) if org else Outcome(mention)
    updates: list[Update] = []
    if len(parts) >= 2:
        entity, rename = full_name(ctx, parts, name_tokens)
        updates += rename
    else:
        entity = surname(ctx, head, parts[0], role_words)
    # A known person's name wins over the tagger's ORG ("Research fellow Choi").
    if entity is None and org:
        return organisation(ctx, head, mention)
    if entity is None:
        name = clean_name(" ".join(t.text for t in name_tokens))
        entity = ctx.index.new_entity(name, frozenset(parts))
        updates.append(Update(entity, new=True))
    if role_words and not entity.role:
        updates.append(Update(entity, role=role_text))
    return Outcome(mention, entity=entity, updates=tuple(updates), seen=entity)


def full_name(
    ctx: Context, parts: list[str], name_tokens: list[Token]
) -> tuple[Entity | None, list[Update]]:
    """ "Lee Jae-myung": the person of that name, named more fully if the mention is fuller."""
    entity = match_name(ctx.index, frozenset(parts), ctx.salience.last_seen)
    if entity is not None and len(entity.parts) < len(parts) <= LONGEST_NAME:
        name = clean_name(" ".join(t.text for t in name_tokens))
        return entity, [Update(entity, name=name, parts=frozenset(parts))]
    return entity, []


def surname(ctx: Context, head: Token, part: str, role_words: set[str]) -> Entity | None:
    """ "Lee": the latest person of that name mentioned so far, preferring a matching role."""
    sal = ctx.salience
    named = ctx.index.with_part(part, "person")
    candidates = [e for e in named if 0 <= sal.last_seen(e) <= head.i]
    if role_words:
        with_role = [e for e in candidates if e.role_words & role_words]
        candidates = with_role or candidates
    if not candidates:
        # A surname before the full name ("Trump" in the lede, "Donald Trump"
        # later): the one person of that name the article gives in full.
        later = [e for e in named if len(e.parts) > 1]
        candidates = later if len(later) == 1 else []
    return max(candidates, key=sal.last_seen, default=None)


def organisation(ctx: Context, head: Token, mention: Span) -> Outcome:
    name = strip_article(mention.text, ctx.lex.articles)
    known = ctx.index.organisation(frozenset(name_parts(name)))
    return Outcome(mention, name=name, seen=known)


def role_noun(ctx: Context, head: Token, mention: Span) -> Outcome:
    """ "the professor": the person last mentioned with that role."""
    lemma = head.lemma_.lower()
    wanted = {lemma, head.lower_} | {t.lower_ for t in mention if t.dep_ == "compound"}
    if not is_definite(mention, ctx.lex.definite):
        return Outcome(mention)
    sal = ctx.salience
    people = [
        e
        for e in ctx.index.with_role_words(wanted)
        if e.kind == "person" and 0 <= sal.last_seen(e) < head.i
    ]
    if not people:
        return Outcome(mention)
    best = max(people, key=lambda e: (len(e.role_words & wanted), sal.last_seen(e)))
    return Outcome(mention, entity=best, seen=best)


def nominal(ctx: Context, head: Token, mention: Span) -> Outcome:
    """A common noun: a role ("the professor"), an organisation ("the ministry"), or no one."""
    lex = ctx.lex
    lemma = head.lemma_.lower()
    if head.tag_ in ("NNS", "NNPS"):
        return Outcome(mention)  # "officials said": a group, not a person
    if lemma in lex.role_nouns or head.lower_ in lex.role_nouns:
        return role_noun(ctx, head, mention)
    if lemma in lex.anonymous or head.lower_ in lex.anonymous:
        return Outcome(mention)
    if is_org_phrase(mention, lex):
        name = strip_article(mention.text, lex.articles)
        # "the ministry" after "China's Commerce Ministry": the organisation named in full.
        if is_definite(mention, lex.definite) and len(name.split()) == 1:
            sal = ctx.salience
            orgs = [
                e
                for e in ctx.index.with_part(lemma, "organisation")
                if 0 <= sal.last_seen(e) < head.i
            ]
            best = max(orgs, key=sal.last_seen, default=None)
            if best is not None:
                return Outcome(mention, entity=best)
        # A name only when something in it is one: "Japanese media", not "the group".
        if any(t.tag_ in ("NNP", "NNPS") or t.ent_type_ in NAMED for t in mention):
            return Outcome(mention, name=name)
    return Outcome(mention)
