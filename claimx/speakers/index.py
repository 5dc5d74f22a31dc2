"""The people and organisations an article names in full, collected once per Doc.

`build_index` reads the named entities (and names the tagger missed), with
the titles and appositive roles around them, into an `Index`. It also lists
every full mention as an event in document order, for the salience tracker.
After it is built, an `Index` changes only through `Index.apply`, which takes
the updates the resolvers return.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from spacy.tokens import Doc, Span, Token

from claimx.speakers.genders import listed_gender
from claimx.speakers.headlines import Headlines
from claimx.speakers.mentions import (
    appositive,
    capitalised_word,
    clean_name,
    name_parts,
    noun_phrase,
    strip_article,
)
from claimx.speakers.rules import Lexicon

# Names with more parts than this are matched part by part, not subset by subset.
_MOST_PARTS = 6
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_LONGEST = 4  # parts in the longest personal name we believe
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr"}


@dataclass(eq=False)
class Entity:
    seq: int  # order of first mention: ties go to the entity named first
    name: str
    parts: frozenset[str]
    kind: str = "person"  # person | organisation | group | anonymous | document
    role: str | None = None
    role_words: set[str] = field(default_factory=set)
    gender: str | None = None
    described: bool = False  # an unnamed source, known by its phrase ("the aide")


@dataclass(frozen=True)
class Update:
    """A change to one entity, returned by a resolver and applied by `Index.apply`."""

    entity: Entity
    new: bool = False  # add the entity to the index
    name: str | None = None  # a fuller name, with its `parts`
    parts: frozenset[str] | None = None
    role: str | None = None
    gender: str | None = None


@dataclass(frozen=True)
class Event:
    """A full mention of an entity, counted for salience once resolution passes it."""

    start: int
    span: Span
    entity: Entity | None  # None: a surname several people share, told apart in order
    surname: str | None = None


class Index:
    def __init__(self, lexicon: Lexicon, headlines: Headlines) -> None:
        self.lexicon = lexicon
        self.headlines = headlines
        self.entities: list[Entity] = []
        self._by_part: dict[str, list[Entity]] = {}
        self._by_role_word: dict[str, list[Entity]] = {}
        self._orgs: dict[frozenset[str], Entity] = {}
        self._people: dict[frozenset[str], list[Entity]] = {}  # by their exact parts
        self._described: dict[str, Entity] = {}  # unnamed sources, by kind and head noun

    def new_entity(
        self, name: str, parts: frozenset[str], kind: str = "person", described: bool = False
    ) -> Entity:
        """An entity not yet in the index (`Update(entity, new=True)` adds it)."""
        return Entity(
            seq=len(self.entities), name=name, parts=parts, kind=kind, described=described
        )

    # Lookups: always in the order the entities were first named.

    def with_part(self, part: str, kind: str) -> list[Entity]:
        found = [e for e in self._by_part.get(part, ()) if e.kind == kind]
        return sorted(found, key=lambda e: e.seq)  # renamed entities join lists late

    def sharing(self, parts: Iterable[str], kind: str) -> list[Entity]:
        found = {e.seq: e for p in parts for e in self._by_part.get(p, ()) if e.kind == kind}
        return [found[k] for k in sorted(found)]

    def same_or_fuller(self, parts: frozenset[str]) -> list[Entity]:
        """People whose name is `parts`, a part of it, or a fuller form of it."""
        if not parts:
            return []
        if len(parts) > _MOST_PARTS:
            return [
                e for e in self.sharing(parts, "person") if parts <= e.parts or e.parts <= parts
            ]
        rarest = min(parts, key=lambda p: len(self._by_part.get(p, ())))
        found = {
            e.seq: e
            for e in self._by_part.get(rarest, ())
            if e.kind == "person" and parts <= e.parts
        }
        ordered = sorted(parts)
        for size in range(1, len(ordered) + 1):
            for subset in combinations(ordered, size):
                for e in self._people.get(frozenset(subset), ()):
                    found[e.seq] = e
        return [found[k] for k in sorted(found)]

    def with_role_words(self, words: Iterable[str]) -> list[Entity]:
        found = {e.seq: e for w in words for e in self._by_role_word.get(w, ())}
        return [found[k] for k in sorted(found)]

    def organisation(self, parts: frozenset[str]) -> Entity | None:
        return self._orgs.get(parts)

    def by_initials(self, acronym: str) -> Entity | None:
        """The organisation whose capitalised words' initials spell `acronym` (IMF)."""
        for entity in self._orgs.values():
            words = [w for w in entity.name.split() if w[:1].isupper()]
            if len(words) == len(acronym) and "".join(w[0] for w in words) == acronym:
                return entity
        return None

    def described(self, key: str) -> Entity | None:
        """The unnamed source last introduced with this kind and head noun."""
        return self._described.get(key)

    # Changes

    def apply(self, update: Update) -> None:
        entity = update.entity
        if update.new:
            self.entities.append(entity)
            if entity.described:
                for key in entity.parts:
                    self._described[key] = entity
            elif entity.kind == "person":
                self._people.setdefault(entity.parts, []).append(entity)
                self._index_parts(entity, entity.parts)
            else:
                self._orgs.setdefault(entity.parts, entity)
                self._index_parts(entity, entity.parts)
        if update.name is not None and update.parts is not None:
            entity.name = update.name
            self._index_parts(entity, update.parts - entity.parts)
            if entity.kind == "person":
                self._people[entity.parts].remove(entity)
                self._people.setdefault(update.parts, []).append(entity)
            entity.parts = update.parts
        if update.role is not None:
            self._give_role(entity, update.role)
        if update.gender is not None and entity.gender is None:
            entity.gender = update.gender

    def _index_parts(self, entity: Entity, parts: Iterable[str]) -> None:
        for part in parts:
            self._by_part.setdefault(part, []).append(entity)

    def _give_role(self, entity: Entity, role: str) -> None:
        role = role.strip(" ,")
        if not role or role.lower().rstrip(".") in self.lexicon.gendered:
            return  # "Mr.", "Ms.": courtesy, not a role (they still tell a gender)
        if entity.role is None:
            entity.role = role
        for word in name_parts(role):
            if word not in entity.role_words:
                entity.role_words.add(word)
                self._by_role_word.setdefault(word, []).append(entity)


def build_index(doc: Doc, lexicon: Lexicon) -> tuple[Index, list[Event]]:
    """Every person and organisation named in full, and their full mentions in order."""
    return _Builder(doc, lexicon).build()


class _Builder:
    def __init__(self, doc: Doc, lexicon: Lexicon) -> None:
        self.doc = doc
        self.lex = lexicon
        self.index = Index(lexicon, Headlines(doc))
        self.events: list[Event] = []

    def build(self) -> tuple[Index, list[Event]]:
        found = [
            (ent.start, ent) for ent in self.doc.ents if ent.label_ in ("PERSON", "ORG", "NORP")
        ]
        found += [(span.start, span) for span in self._unlabelled_names()]
        # "Trump" tagged ORG in one sentence, PERSON in the next: a person.
        person_words = {
            t.lower_ for ent in self.doc.ents if ent.label_ == "PERSON" for t in ent if t.is_alpha
        }
        for _, span in sorted(found, key=lambda item: item[0]):
            words = {t.lower_ for t in span if t.is_alpha and t.lower_ not in self.lex.articles}
            a_name = bool(words) and words <= person_words and len(words) <= 2
            if span.label_ == "ORG" and a_name:
                self._add_person(span)
            elif span.label_ in ("ORG", "NORP") and not looks_like_person(span, self.lex):
                self._add_org(span)
            else:
                self._add_person(span)
        self._add_groups()
        self.events.sort(key=lambda event: event.start)
        return self.index, self.events

    def _add_groups(self) -> None:
        """Plural subjects ("Nurses at the hospital walked out", "Democrats noted"): what
        "they" may stand for."""
        for token in self.doc:
            plural = (token.tag_ == "NNS" and not token.ent_type_) or (
                token.tag_ == "NNPS" and token.ent_type_ == "NORP"
            )
            if token.dep_ in _SUBJECT_DEPS and plural:
                span = noun_phrase(token)
                key = f"group:{token.lemma_.lower()}"
                entity = self.index.new_entity(
                    clean_name(span.text), frozenset({key}), kind="group", described=True
                )
                self.index.apply(Update(entity, new=True))
                self.events.append(Event(span.start, span, entity))

    def _unlabelled_names(self) -> list[Span]:
        """Names the tagger left without an entity: "Grace Okafor" spoke, "said Grace Okafor".

        Two or three capitalised proper nouns ending in an argument of a verb,
        outside any entity, are taken for a person; the small model misses many
        names from outside its training news.
        """
        doc = self.doc
        names = []
        for token in doc:
            if token.tag_ != "NNP" or token.ent_type_ or token.dep_ not in _ARGUMENT_DEPS:
                continue
            start = token.i
            # Tokens are made afresh on each access: compare positions, not objects.
            while (
                start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == token.i
            ):
                start -= 1
            chain = doc[start : token.i + 1]
            # "Governor Okafor": a title may lead; then one name is enough.
            lead = start
            while lead < token.i and doc[lead].lower_.rstrip(".") in self.lex.title_words:
                lead += 1
            name = doc[lead : token.i + 1]
            enough = 1 if lead > start else 2
            plausible = enough <= len(name) <= 3 and all(capitalised_word(t) for t in name)
            if plausible and not any(t.lower_ in self.lex.role_nouns or t.ent_type_ for t in name):
                names.append(doc.char_span(chain.start_char, chain.end_char, label="PERSON"))
        return [n for n in names if n is not None]

    def _add_person(self, ent: Span) -> None:
        index = self.index
        ent, title = self._split_title(ent)
        # A headline verb the tagger ran into the name ("Obama Says"), a possessive.
        while len(ent) > 1 and (ent[-1].tag_.startswith("VB") or ent[-1].tag_ == "POS"):
            ent = ent[:-1]
        kept = self.index.headlines.trim(ent, lambda word: is_given_name(word, self.lex))
        if not kept:
            return
        ent = self.doc[kept[0].i : kept[-1].i + 1]
        parts = [p for p in name_parts(ent.text) if p not in self.lex.not_names]
        if not parts or not any(t.pos_ == "PROPN" for t in ent):
            return
        full = len(parts) >= 2
        entity = match_name(index, frozenset(parts), lambda e: -1) if full else None
        if entity is not None and len(parts) > len(entity.parts):
            # "Trump" in the headline, "Donald Trump" below: the fuller name is the name.
            index.apply(Update(entity, name=clean_name(ent.text), parts=frozenset(parts)))
        if entity is None and not full:
            # A surname alone: with one person of that name it is them ("President
            # Obama" gives Obama his title); with several it is resolved later, in order.
            candidates = index.with_part(parts[0], "person")
            if len(candidates) > 1:
                # Which of them is meant is known only in order: the one seen last.
                self.events.append(Event(ent.start, ent, None, surname=parts[0]))
                return
            entity = candidates[0] if candidates else None
        if entity is None:
            entity = index.new_entity(clean_name(ent.text), frozenset(parts))
            index.apply(Update(entity, new=True))
        if title:
            index.apply(Update(entity, role=title))
        appos = appositive(ent) or self._role_after(ent)
        if appos is not None:
            index.apply(Update(entity, role=appos))
        title_word = self.doc[ent.start - 1].lower_.rstrip(".") if ent.start else ""
        gender = self.lex.gendered.get(title_word) or given_gender(ent.text, self.lex)
        if gender:
            index.apply(Update(entity, gender=gender))
        self.events.append(Event(ent.start, ent, entity))

    def _add_org(self, ent: Span) -> None:
        text = strip_article(ent.text, self.lex.articles)
        if not text or (ent.label_ == "NORP" and not is_org_phrase(ent, self.lex)):
            return
        key = frozenset(name_parts(text))
        entity = self.index.organisation(key)
        if entity is None:
            entity = self.index.new_entity(text, key, kind="organisation")
            self.index.apply(Update(entity, new=True))
        self.events.append(Event(ent.start, ent, entity))

    def _split_title(self, ent: Span) -> tuple[Span, str | None]:
        """A title inside or just before a PERSON entity: ("Lee Jae Myung", "President")."""
        doc = self.doc
        start = ent.start
        # Titles spaCy left outside the entity: "Prime Minister" + "Sanae Takaichi".
        before = start
        while (
            before > 0
            and doc[before - 1].pos_ in ("PROPN", "NOUN", "ADJ")
            and doc[before - 1].is_title
        ):
            before -= 1
        words = [t.lower_ for t in doc[before : ent.end]]
        for title in self.lex.titles:
            for i in range(len(words) - len(title)):
                if tuple(words[i : i + len(title)]) == title and before + i + len(title) >= start:
                    name_start = before + i + len(title)
                    if name_start < ent.end:
                        title_span = doc[before + i : name_start]
                        return doc[name_start : ent.end], title_span.text
        return ent, None

    def _role_after(self, ent: Span) -> str | None:
        """ ", director of the Seoul Policy Forum," after a name the parser mangled."""
        doc = self.doc
        if ent.end >= len(doc) - 1 or doc[ent.end].text != ",":
            return None
        words: list[Token] = []
        for token in doc[ent.end + 1 : ent.end + 16]:
            if token.text in (",", ";", ")") or token.pos_ in ("VERB", "AUX") or "\n" in token.text:
                break
            words.append(token)
        while words and (words[0].dep_ == "det" or words[0].lower_ in self.lex.articles):
            words = words[1:]
        if not words or not any(t.lower_ in self.lex.role_nouns for t in words[:4]):
            return None
        if any(t.ent_type_ == "PERSON" for t in words):
            return None  # ", Chief Justice Roberts said": another person, not a role
        return doc[words[0].i : words[-1].i + 1].text


def match_name(index: Index, parts: frozenset[str], last_seen) -> Entity | None:
    """The person a full name names: same parts in any order, or a fuller form of them.

    Among several, the exact name first, then the one `last_seen` ranks latest.
    """
    same = index.same_or_fuller(parts)
    return max(same, key=lambda e: (e.parts == parts, last_seen(e)), default=None)


def is_given_name(word: str, lex: Lexicon) -> bool:
    return bool(lex.given.get(word.lower()) or listed_gender(word))


def given_gender(name: str, lex: Lexicon) -> str | None:
    """The gender a given name usually has: first part first, then the last (Takaichi Sanae)."""
    words = name.lower().split()  # whole words: "jae-myung" is one given name
    if len(words) < 2:
        return None
    for word in (words[0], words[-1]):
        gender = lex.given.get(word) or listed_gender(word)
        if gender:
            return gender
    return None


def is_org_phrase(span: Span, lex: Lexicon) -> bool:
    return any(t.lemma_.lower() in lex.org_nouns for t in span)


def looks_like_person(span: Span, lex: Lexicon) -> bool:
    """ "Marina Costa" tagged ORG: two to four capitalised words led by a known given name."""
    words = [t for t in span if not t.is_punct and t.tag_ != "POS"]  # "Ian Poulter's"
    if not 2 <= len(words) <= _LONGEST or is_org_phrase(span, lex):
        return False
    if not all(t.text[:1].isupper() and t.is_alpha for t in words):
        return False
    first = words[0].lower_
    if first in lex.articles or first in lex.definite:
        return False  # "The International Monetary Fund"
    return bool(lex.given.get(first) or listed_gender(first))
