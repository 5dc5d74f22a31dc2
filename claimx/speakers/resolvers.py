"""One resolver per kind of mention: pronoun, full name, surname, role noun, organisation.

A resolver reads the index and the salience tracker and returns an
`Outcome`: whom the mention names, and the updates that naming implies (a
fuller name, a role, a gender, a new entity, a salient mention). It changes
nothing itself; `Registry.resolve` applies the updates.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from claimx.speakers.index import (
    Entity,
    Index,
    Update,
    given_gender,
    is_org_phrase,
    looks_like_person,
    match_name,
)
from claimx.speakers.mentions import clean_name, is_definite, name_parts, strip_article
from claimx.speakers.rules import Lexicon
from claimx.speakers.salience import Salience

NAMED = {"ORG", "NORP", "GPE", "PERSON", "FAC", "LOC"}
# Parts in the longest personal name we believe ("Juan Carlos Perez Gomez").
LONGEST_NAME = 4
# Kinds of antecedent a pronoun of each number takes: "they" a group, "it" a thing.
PRONOUN_KINDS = {
    "group": frozenset({"group", "organisation"}),
    "thing": frozenset({"organisation", "document"}),
}
# How many tokens back a pronoun looks for a better-agreeing antecedent (about a paragraph).
_PRONOUN_REACH = 150
# How many tokens back "the newspaper" looks for the organisation just named (a sentence
# or two).
_ORG_REACH = 60


@dataclass(frozen=True)
class Outcome:
    mention: Span | None
    entity: Entity | None = None  # the speaker, when an entity of the index
    name: str | None = None  # the speaker's name otherwise (an organisation named here)
    updates: tuple[Update, ...] = ()
    seen: Entity | None = None  # the entity this mention counts for, prominently
    kind: str | None = None  # the speaker's type, when not the entity's own kind
    via: str | None = None  # which resolver found the speaker


@dataclass(frozen=True)
class Context:
    index: Index
    salience: Salience
    lex: Lexicon


def pronoun(ctx: Context, head: Token, mention: Span) -> Outcome:
    want = ctx.lex.pronouns.get(head.lower_)
    if want in PRONOUN_KINDS:
        return _plural_pronoun(ctx, head, mention, PRONOUN_KINDS[want])
    if want in ("self", "reader") and not ctx.salience.quoted(head.idx):
        # "I didn't expect him to ...", "Let's say you think ...": outside anyone's
        # quoted words, the first person is the article's author and "you" its readers.
        rules = ctx.lex.rules
        if want == "self":
            return Outcome(mention, name=rules.author, kind="anonymous", via="pronoun")
        return Outcome(mention, name=rules.readers, kind="group", via="pronoun")
    if want is None:
        return describe(ctx, head, mention)  # "someone asked"
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
    return Outcome(mention, entity=best, updates=updates, seen=best, kind="person", via="pronoun")


def _plural_pronoun(ctx: Context, head: Token, mention: Span, kinds: frozenset[str]) -> Outcome:
    """ "they" for the group or organisation named last, "it" for the organisation or document."""
    sal = ctx.salience
    near = [
        e
        for e in sal.seen_entities()
        if e.kind in kinds
        and 0 <= head.i - sal.last_seen(e) <= _PRONOUN_REACH
        and sal.last_seen(e) < head.i
    ]
    # "they" is people more often than an organisation: the group named last, if any.
    groups = [e for e in near if e.kind == "group"]
    last = max(groups or near, key=sal.last_seen, default=None)
    if last is None:
        return Outcome(mention)
    return Outcome(mention, entity=last, seen=last, kind=last.kind, via="pronoun")


def proper(ctx: Context, head: Token, mention: Span, name_tokens: list[Token]) -> Outcome:
    """A mention with a name in it: a full name, a surname, or an organisation's name."""
    lex = ctx.lex
    parts = [p for p in name_parts(" ".join(t.text for t in name_tokens)) if p not in lex.not_names]
    role_text = " ".join(t.text for t in mention if t not in name_tokens)
    role_words = set(name_parts(role_text))
    org = head.ent_type_ in ("ORG", "GPE", "NORP", "FAC") or is_org_phrase(mention, lex)
    if org and head.ent_type_ == "ORG" and looks_like_person(mention, lex):
        org = False  # "Marina Costa" tagged ORG: a given name says person
    if head.ent_type_ == "NORP" and head.tag_ == "NNP" and mention[0].lower_ == "the":
        found = _salient_for_description(ctx, head, mention)
        if found.entity is not None:
            return found
    if not parts:
        # "Japan branded ...": a place or organisation, never a person's name part.
        return organisation(ctx, head, mention) if org else Outcome(mention)
    text = " ".join(t.text for t in name_tokens)
    if len(parts) == 1 and text.isupper() and text.isalpha() and 2 <= len(text) <= 6:
        known = ctx.index.by_initials(text)  # "the IMF" after "International Monetary Fund"
        if known is not None:
            return Outcome(
                mention, entity=known, seen=known, kind="organisation", via="organisation"
            )
    updates: list[Update] = []
    if len(parts) >= 2:
        entity, rename = full_name(ctx, parts, name_tokens)
        updates += rename
        via = "name"
    else:
        entity = surname(ctx, head, parts[0], role_words)
        via = "surname" if entity is not None and len(entity.parts) > 1 else "name"
    if entity is None:
        # "Peabody said" after "Peabody Energy", "The Times" after "The New York Times".
        known = latest_organisation(ctx, head, frozenset(parts[:1]))
        if known is not None and frozenset(parts) <= known.parts:
            return Outcome(
                mention, entity=known, seen=known, kind="organisation", via="organisation"
            )
    # A known person's name wins over the tagger's ORG ("Research fellow Choi").
    if entity is None and org:
        return organisation(ctx, head, mention)
    if entity is None:
        name = clean_name(" ".join(t.text for t in name_tokens))
        entity = ctx.index.new_entity(name, frozenset(parts))
        updates.append(Update(entity, new=True, gender=given_gender(name, lex)))
    if role_words and not entity.role:
        updates.append(Update(entity, role=role_text))
    return Outcome(
        mention, entity=entity, updates=tuple(updates), seen=entity, kind="person", via=via
    )


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
        candidates = named if len(named) == 1 else later if len(later) == 1 else []
    return max(candidates, key=sal.last_seen, default=None)


def latest_organisation(ctx: Context, head: Token, words: frozenset[str]) -> Entity | None:
    """The organisation mentioned last before `head` whose name has one of `words`."""
    sal = ctx.salience
    orgs = [
        e
        for word in words
        for e in ctx.index.with_part(word, "organisation")
        if 0 <= sal.last_seen(e) < head.i
    ]
    return max(orgs, key=sal.last_seen, default=None)


def organisation(ctx: Context, head: Token, mention: Span) -> Outcome:
    name = strip_article(mention.text, ctx.lex.articles)
    known = ctx.index.organisation(frozenset(name_parts(name)))
    if known is None and name.isupper() and 2 <= len(name) <= 6 and name.isalpha():
        # "the IMF" after "the International Monetary Fund": its initials.
        known = ctx.index.by_initials(name)
        if known is not None:
            return Outcome(
                mention, entity=known, seen=known, kind="organisation", via="organisation"
            )
    group = head.tag_ == "NNPS" or head.ent_type_ == "NORP"  # "Democrats", "Republicans"
    kind = "group" if group else "organisation"
    return Outcome(mention, name=name, seen=known, kind=kind, via="organisation")


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
        return _salient_for_description(ctx, head, mention)
    best = max(people, key=lambda e: (len(e.role_words & wanted), sal.last_seen(e)))
    return Outcome(mention, entity=best, seen=best, kind="person", via="role")


def _salient_for_description(ctx: Context, head: Token, mention: Span) -> Outcome:
    """ "The Indiana governor said", "the Republican nominee": news names a person it
    has just named by a description the article never gave as their role. The person
    most in view (as for "he") is meant, when the description is a title's noun or says
    more than the noun ("the Vermont senator", not "the woman")."""
    lex = ctx.lex
    if mention[0].lower_ not in lex.definite or mention[0].lower_ != "the":
        return Outcome(mention)
    modified = any(t.i != head.i and t.dep_ in ("amod", "compound", "nmod") for t in mention)
    # "The Republican is also encouraging": one member of a party or nation is a person.
    member = head.ent_type_ == "NORP" and head.tag_ == "NNP" and len(mention) == 2
    if not (modified or member) and head.lemma_.lower() not in lex.title_last_words:
        return Outcome(mention)
    sal = ctx.salience
    people = [
        e
        for e in sal.seen_entities()
        if e.kind == "person" and not e.described and head.i - sal.last_seen(e) <= _PRONOUN_REACH
    ]
    if not people:
        return Outcome(mention)
    best = max(people, key=lambda e: (sal.last_prominent(e), sal.last_seen(e)))
    return Outcome(mention, entity=best, seen=best, kind="person", via="role")


def nominal(ctx: Context, head: Token, mention: Span) -> Outcome:
    """A common noun: a role ("the professor"), an organisation ("the ministry"), or a
    source the article does not name ("officials", "a campaign aide", "the report")."""
    lex = ctx.lex
    lemma = head.lemma_.lower()
    plural = head.tag_ in ("NNS", "NNPS")
    if not plural and (lemma in lex.role_nouns or head.lower_ in lex.role_nouns):
        found = role_noun(ctx, head, mention)
        if found.entity is not None:
            return found
    name = strip_article(mention.text, lex.articles)
    if not plural and is_definite(mention, lex.definite) and len(name.split()) == 1:
        # "the fund" after "the International Monetary Fund", "the commission" after
        # "the Ontario Civilian Police Commission": the organisation named in full.
        best = latest_organisation(ctx, head, frozenset({lemma, head.lower_}))
        if best is None and lemma in lex.org_nouns and mention[0].lower_ == "the":
            # "The Washington Post reported ... The newspaper has also detailed": the
            # organisation just named, when one was.
            sal = ctx.salience
            near = [
                e
                for e in sal.seen_entities()
                if e.kind == "organisation"
                and 0 <= head.i - sal.last_seen(e) <= _ORG_REACH
                and sal.last_seen(e) < head.i
            ]
            best = max(near, key=sal.last_seen, default=None)
        if best is not None:
            return Outcome(mention, entity=best, kind="organisation", via="organisation")
    # A name only when something in it is one: "Japanese media", not "the group".
    named = any(t.tag_ in ("NNP", "NNPS") or t.ent_type_ in NAMED for t in mention)
    if not plural and named and is_org_phrase(mention, lex):
        return Outcome(mention, name=name, kind="organisation", via="organisation")
    return describe(ctx, head, mention)


def describe(ctx: Context, head: Token, mention: Span) -> Outcome:
    """A source the article does not name keeps the article's phrase ("a senior campaign
    aide", "Republican lawmakers", "the FBI report"); "the aide" later is the same source."""
    lex = ctx.lex
    lemma = head.lemma_.lower()
    # "someone asked": an indefinite pronoun the rules list as an unnamed person.
    someone = head.pos_ == "PRON" and lemma in lex.unnamed_nouns
    if (head.pos_ not in ("NOUN", "PROPN") and not someone) or not any(t.is_alpha for t in mention):
        return Outcome(mention)
    plural = head.tag_ in ("NNS", "NNPS")
    if lemma in lex.document_nouns or head.lower_ in lex.document_nouns:
        kind = "document"
    elif plural or lemma in lex.group_nouns:
        kind = "group"
    elif lemma in lex.org_nouns:
        kind = "organisation"
    elif lemma in lex.role_nouns or lemma in lex.unnamed_nouns:
        kind = "anonymous"
    else:
        return Outcome(mention)  # "this approach shows": not a source
    key = f"{kind}:{lemma}"
    earlier = ctx.index.described(key)
    definite = mention[0].lower_ in lex.definite
    if earlier is not None and definite and len(mention) <= 2:
        return Outcome(mention, entity=earlier, seen=earlier, via="description")
    phrase = clean_name(_with_place(mention, head).text)
    entity = ctx.index.new_entity(phrase, frozenset({key}), kind=kind, described=True)
    return Outcome(
        mention, entity=entity, updates=(Update(entity, new=True),), seen=entity, via="description"
    )


# Prepositions that place an unnamed source: "a source on the panel", "a spokeswoman
# for Hillary Clinton", "small groups of protesters", "a narrator in the Clinton ad".
_PLACING = frozenset({"of", "for", "on", "in", "at", "from", "with", "inside", "within"})
_LONGEST_PLACE = 8  # tokens


def _with_place(mention: Span, head: Token) -> Span:
    """The mention with the phrase that places it, when short and verbless."""
    prep = next((c for c in head.rights if c.dep_ == "prep"), None)
    if prep is None or prep.lower_ not in _PLACING or prep.i != mention.end:
        return mention
    subtree = list(prep.subtree)
    if len(subtree) > _LONGEST_PLACE or any(
        t.pos_ in ("VERB", "AUX") or t.is_quote or t.text in (",", ";", "(", ")") for t in subtree
    ):
        return mention
    return mention.doc[mention.start : subtree[-1].i + 1]
