"""Speakers: who a mention ("Lee", "she", "the professor") refers to in an article.

The article introduces people once in full ("Lee Won-deog, a professor of
Japanese studies at Kookmin University") and then names them by surname,
pronoun or role. `Registry` collects the people and organisations named in
full, with their titles and appositive roles, and resolves later mentions by
salience: the candidate named most recently in a prominent position (subject
of a clause, or speaker of a quote) wins, so "Lee noted" goes to the Lee just
quoted, not to the first Lee of the article.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_NAMED = {"ORG", "NORP", "GPE", "PERSON", "FAC", "LOC"}
NAME_DEPS = {"compound", "flat", "punct"}


@dataclass(frozen=True)
class SpeakerRules:
    # Personal pronouns and the kind of antecedent they take: male, female, person, group, self.
    pronouns: dict[str, str]
    # Titles written before a name: "President", "Prime Minister", "Sen.".
    titles: tuple[str, ...] = ()
    # Nouns that name a person by role: "the professor", "the spokeswoman".
    role_nouns: tuple[str, ...] = ()
    # Head nouns that make a phrase an organisation: "ministry", "media".
    organisation_nouns: tuple[str, ...] = ()
    # Titles that tell a gender: {"mr": male}.
    gendered_titles: dict[str, str] | None = None
    # Common given names by gender, so "he said" skips the woman named last: {female: [...]}.
    given_names: dict[str, tuple[str, ...]] | None = None
    # Unnamed groups and people ("sources", "officials", "a spokesman"): honest as speaker null.
    anonymous_nouns: tuple[str, ...] = ()
    # Words that are never part of a person's name even when tagged so ("Jan", "Korea").
    not_names: tuple[str, ...] = ()


def name_parts(text: str) -> tuple[str, ...]:
    """Lower-cased name parts, so "Lee Jae-myung" and "Lee Jae Myung" are one person."""
    return tuple(p for p in re.split(r"[\s\-\u2010\u2011.]+", text.lower()) if p)


@dataclass
class Entity:
    name: str
    parts: frozenset[str]
    kind: str = "person"  # person | organisation
    role: str | None = None
    role_words: set[str] = field(default_factory=set)
    gender: str | None = None
    last_seen: int = -1  # token index of the latest mention
    last_prominent: int = -1  # latest mention as subject or speaker


@dataclass(frozen=True)
class Resolution:
    speaker: str | None
    role: str | None
    span: Span | None  # the mention's tokens


class Registry:
    """The people and organisations of one article, with their salience."""

    def __init__(self, doc: Doc, rules: SpeakerRules) -> None:
        self.doc = doc
        self.rules = rules
        self.entities: list[Entity] = []
        self._titles = sorted((name_parts(t) for t in rules.titles), key=len, reverse=True)
        self._title_words = {t[0] for t in self._titles if len(t) == 1}
        self._role_nouns = {r.lower() for r in rules.role_nouns}
        self._org_nouns = {o.lower() for o in rules.organisation_nouns}
        self._anonymous = {a.lower() for a in rules.anonymous_nouns}
        self._not_names = {n.lower() for n in rules.not_names}
        self._gendered = {
            k.lower().rstrip("."): v for k, v in (rules.gendered_titles or {}).items()
        }
        self._given = {
            name.lower(): gender
            for gender, names in (rules.given_names or {}).items()
            for name in names
        }
        self._events: deque[tuple[int, Span, Entity]] = deque()
        self._collect()

    # Building

    def _collect(self) -> None:
        found = [
            (ent.start, ent) for ent in self.doc.ents if ent.label_ in ("PERSON", "ORG", "NORP")
        ]
        found += [(span.start, span) for span in self._unlabelled_names()]
        for _, span in sorted(found, key=lambda item: item[0]):
            if span.label_ in ("ORG", "NORP"):
                self._add_org(span)
            else:
                self._add_person(span)

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
            while lead < token.i and doc[lead].lower_.rstrip(".") in self._title_words:
                lead += 1
            name = doc[lead : token.i + 1]
            enough = 1 if lead > start else 2
            plausible = enough <= len(name) <= 3 and all(_capitalised_word(t) for t in name)
            if plausible and not any(t.lower_ in self._role_nouns or t.ent_type_ for t in name):
                names.append(doc.char_span(chain.start_char, chain.end_char, label="PERSON"))
        return [n for n in names if n is not None]

    def _add_person(self, ent: Span) -> None:
        ent, title = self._split_title(ent)
        # A headline verb the tagger ran into the name: "Obama Says".
        while len(ent) > 1 and ent[-1].tag_.startswith("VB"):
            ent = ent[:-1]
        parts = [p for p in name_parts(ent.text) if p not in self._not_names]
        if not parts or not any(t.pos_ == "PROPN" for t in ent):
            return
        full = len(parts) >= 2
        entity = self._match(frozenset(parts)) if full else None
        if entity is not None and len(parts) > len(entity.parts):
            # "Trump" in the headline, "Donald Trump" below: the fuller name is the name.
            entity.name, entity.parts = _clean_name(ent.text), frozenset(parts)
        if entity is None and not full:
            # A surname alone: with one person of that name it is them ("President
            # Obama" gives Obama his title); with several it is resolved later, in order.
            candidates = self._candidates(parts[0], "person")
            if len(candidates) > 1:
                return
            entity = candidates[0] if candidates else None
        if entity is None:
            entity = Entity(name=_clean_name(ent.text), parts=frozenset(parts))
            self.entities.append(entity)
        if title:
            self._give_role(entity, title)
        appos = _appositive(ent) or self._role_after(ent)
        if appos is not None:
            self._give_role(entity, appos)
        title_word = self.doc[ent.start - 1].lower_.rstrip(".") if ent.start else ""
        gender = self._gendered.get(title_word) or self._given_gender(ent.text)
        if gender and entity.gender is None:
            entity.gender = gender
        self._events.append((ent.start, ent, entity))

    def _add_org(self, ent: Span) -> None:
        text = _strip_the(ent.text)
        if not text or (ent.label_ == "NORP" and not self._is_org_phrase(ent)):
            return
        key = frozenset(name_parts(text))
        for entity in self.entities:
            if entity.kind == "organisation" and entity.parts == key:
                break
        else:
            entity = Entity(name=text, parts=key, kind="organisation")
            self.entities.append(entity)
        self._events.append((ent.start, ent, entity))

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
        for title in self._titles:
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
        while words and (words[0].dep_ == "det" or words[0].lower_ in ("a", "an", "the")):
            words = words[1:]
        if not words or not any(t.lower_ in self._role_nouns for t in words[:4]):
            return None
        if any(t.ent_type_ == "PERSON" for t in words):
            return None  # ", Chief Justice Roberts said": another person, not a role
        return doc[words[0].i : words[-1].i + 1].text

    def _given_gender(self, name: str) -> str | None:
        """The gender a given name usually has: first part first, then the last (Takaichi Sanae)."""
        words = name.lower().split()  # whole words: "jae-myung" is one given name
        if len(words) < 2:
            return None
        return self._given.get(words[0]) or self._given.get(words[-1])

    def _give_role(self, entity: Entity, role: str) -> None:
        role = role.strip(" ,")
        if not role or role.lower().rstrip(".") in self._gendered:
            return  # "Mr.", "Ms.": courtesy, not a role (they still tell a gender)
        if entity.role is None:
            entity.role = role
        entity.role_words.update(name_parts(role))

    def _is_org_phrase(self, span: Span) -> bool:
        return any(t.lemma_.lower() in self._org_nouns for t in span)

    def _match(self, parts: frozenset[str]) -> Entity | None:
        """The person a full name names: same parts in any order, or a fuller form of them."""
        same = [
            e
            for e in self.entities
            if e.kind == "person" and (parts <= e.parts or e.parts <= parts)
        ]
        return max(same, key=lambda e: (e.parts == parts, e.last_seen), default=None)

    def _candidates(self, part: str, kind: str) -> list[Entity]:
        return [e for e in self.entities if e.kind == kind and part in e.parts]

    # Resolving, in document order

    def seen(self, token_i: int, entity: Entity, prominent: bool) -> None:
        entity.last_seen = max(entity.last_seen, token_i)
        if prominent:
            entity.last_prominent = max(entity.last_prominent, token_i)

    def advance(self, upto: int) -> None:
        """Let every full mention before token `upto` count for salience."""
        while self._events and self._events[0][0] < upto:
            start, span, entity = self._events.popleft()
            prominent = any(
                t.dep_ in SUBJECT_DEPS or t.dep_ == "appos" for t in span
            ) or _head_is_subject(span)
            self.seen(start, entity, prominent)

    def resolve(self, head: Token, cue: Token | None = None) -> Resolution:
        """Who the noun phrase headed by `head` names (never crossing its `cue`)."""
        self.advance(head.i)
        mention = noun_phrase(head)
        if cue is not None and mention.start <= cue.i < mention.end:
            # A Title Case headline read as one long name: the name stops at the verb.
            doc = head.doc
            mention = doc[mention.start : cue.i] if head.i < cue.i else doc[cue.i + 1 : mention.end]
            if len(mention) == 0:
                return Resolution(None, None, None)
        words = [t for t in mention if not t.is_punct]
        lower = head.lower_
        if head.pos_ == "PRON" or lower in self.rules.pronouns:
            return self._pronoun(head, mention)
        propn = [t for t in words if t.tag_ in ("NNP", "NNPS")]
        is_name = head.pos_ == "PROPN" or head.tag_ in ("NNP", "NNPS")
        if is_name or (propn and head.ent_type_ in _NAMED):
            return self._proper(head, mention, propn)
        return self._nominal(head, mention)

    def _pronoun(self, head: Token, mention: Span) -> Resolution:
        want = self.rules.pronouns.get(head.lower_)
        if want not in ("male", "female", "person"):
            return Resolution(None, None, mention)
        people = [
            e
            for e in self.entities
            if e.kind == "person"
            and 0 <= e.last_seen < head.i
            and (want == "person" or e.gender in (None, want))
        ]
        if not people:
            return Resolution(None, None, mention)
        best = max(people, key=lambda e: (e.last_prominent, e.last_seen))
        if want != "person" and best.gender is None:
            best.gender = want
        self.seen(head.i, best, prominent=True)
        return Resolution(best.name, best.role, mention)

    def _proper(self, head: Token, mention: Span, propn: list[Token]) -> Resolution:
        # The name is the proper nouns after any title: "director Lee Ki-tae" -> Lee Ki-tae.
        name_tokens = self._name_tokens(mention)
        # In a Title Case headline everything looks like a name: keep the person in it.
        person = next((e for e in mention.ents if e.label_ == "PERSON"), None)
        if person is not None and len(name_tokens) > len(person) + 1:
            name_tokens = [t for t in name_tokens if person.start <= t.i < person.end]
        parts = [
            p for p in name_parts(" ".join(t.text for t in name_tokens)) if p not in self._not_names
        ]
        role_words = set(name_parts(" ".join(t.text for t in mention if t not in name_tokens)))
        org = head.ent_type_ in ("ORG", "GPE", "NORP", "FAC") or self._is_org_phrase(mention)
        if not parts:
            # "Japan branded ...": a place or organisation, never a person's name part.
            return self._organisation(head, mention) if org else Resolution(None, None, mention)
        if len(parts) >= 2:
            entity = self._match(frozenset(parts))
            if entity is not None and len(entity.parts) < len(parts) <= _LONGEST_NAME:
                # The mention names them more fully than the registry did.
                entity.name = _clean_name(" ".join(t.text for t in name_tokens))
                entity.parts = frozenset(parts)
        else:
            candidates = [
                e for e in self._candidates(parts[0], "person") if 0 <= e.last_seen <= head.i
            ]
            if role_words:
                with_role = [e for e in candidates if e.role_words & role_words]
                candidates = with_role or candidates
            if not candidates:
                # A surname before the full name ("Trump" in the lede, "Donald Trump"
                # later): the one person of that name the article gives in full.
                later = [e for e in self._candidates(parts[0], "person") if len(e.parts) > 1]
                candidates = later if len(later) == 1 else []
            entity = max(candidates, key=lambda e: e.last_seen, default=None)
        # A known person's name wins over the tagger's ORG ("Research fellow Choi").
        if entity is None and org:
            return self._organisation(head, mention)
        if entity is None:
            entity = Entity(
                name=_clean_name(" ".join(t.text for t in name_tokens)), parts=frozenset(parts)
            )
            self.entities.append(entity)
        if role_words and not entity.role:
            self._give_role(entity, " ".join(t.text for t in mention if t not in name_tokens))
        self.seen(head.i, entity, prominent=True)
        return Resolution(entity.name, entity.role, mention)

    def _organisation(self, head: Token, mention: Span) -> Resolution:
        name = _strip_the(mention.text)
        key = frozenset(name_parts(name))
        known = next(
            (e for e in self.entities if e.kind == "organisation" and e.parts == key), None
        )
        if known is not None:
            self.seen(head.i, known, prominent=True)
        return Resolution(name, None, mention)

    def _nominal(self, head: Token, mention: Span) -> Resolution:
        lemma = head.lemma_.lower()
        if head.tag_ in ("NNS", "NNPS"):
            return Resolution(None, None, mention)  # "officials said": a group, not a person
        if lemma in self._role_nouns or head.lower_ in self._role_nouns:
            wanted = {lemma, head.lower_} | {t.lower_ for t in mention if t.dep_ == "compound"}
            people = [
                e
                for e in self.entities
                if e.kind == "person"
                and e.role_words & wanted
                and 0 <= e.last_seen < head.i
                and _definite(mention)
            ]
            if people:
                best = max(people, key=lambda e: (len(e.role_words & wanted), e.last_seen))
                self.seen(head.i, best, prominent=True)
                return Resolution(best.name, best.role, mention)
            return Resolution(None, None, mention)
        if lemma in self._anonymous or head.lower_ in self._anonymous:
            return Resolution(None, None, mention)
        if self._is_org_phrase(mention):
            name = _strip_the(mention.text)
            # "the ministry" after "China's Commerce Ministry": the organisation named in full.
            if _definite(mention) and len(name.split()) == 1:
                orgs = [
                    e
                    for e in self.entities
                    if e.kind == "organisation" and lemma in e.parts and 0 <= e.last_seen < head.i
                ]
                best = max(orgs, key=lambda e: e.last_seen, default=None)
                if best is not None:
                    return Resolution(best.name, None, mention)
            # A name only when something in it is one: "Japanese media", not "the group".
            if any(t.tag_ in ("NNP", "NNPS") or t.ent_type_ in _NAMED for t in mention):
                return Resolution(name, None, mention)
        return Resolution(None, None, mention)

    def _name_tokens(self, mention: Span) -> list[Token]:
        """The name in a mention, after any title or role: "research fellow Choi" -> Choi."""
        tokens = [t for t in mention if t.pos_ != "PART" and t.dep_ != "case"]
        words = [t.lower_.rstrip(".") for t in tokens]
        cut = 0
        for i, word in enumerate(words):
            is_role = word in self._role_nouns or any(
                word == t[-1].rstrip(".") for t in self._titles
            )
            if (is_role or tokens[i].dep_ == "det" or not tokens[i].text[:1].isupper()) and any(
                t.pos_ == "PROPN" for t in tokens[i + 1 :]
            ):
                cut = i + 1
        return tokens[cut:]


# Parts in the longest personal name we believe ("Juan Carlos Perez Gomez").
_LONGEST_NAME = 4
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr"}


def _capitalised_word(token: Token) -> bool:
    return token.tag_ == "NNP" and token.text[:1].isupper() and token.text.isalpha()


def noun_phrase(head: Token) -> Span:
    """The mention headed by `head`: its left modifiers and name parts, no clauses."""
    doc = head.doc
    if head.pos_ == "PRON":
        return doc[head.i : head.i + 1]
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("compound", "flat", "amod", "det", "poss", "nmod", "punct", "nummod"):
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("flat", "compound") or (child.dep_ == "punct" and child.text == "-"):
            end = max(end, child.right_edge.i + 1)
        else:
            break
    # Hyphenated names split by the tokenizer: "Won", "-", "deog".
    while (
        end < len(doc) - 1
        and doc[end].text == "-"
        and doc[end + 1].pos_ == "PROPN"
        and not doc[end].whitespace_
    ):
        end += 2
    # The whole named entity, however the parser split it: "Cheong Wa Dae".
    if head.ent_iob_ != "O" and head.ent_type_:
        first, last = head.i, head.i + 1  # from the IOB tags: doc.ents rebuilds every span
        while doc[first].ent_iob_ == "I" and first > 0:
            first -= 1
        while last < len(doc) and doc[last].ent_iob_ == "I":
            last += 1
        start, end = min(start, first), max(end, last)
    # A name the sentence splitter cut in two ("Cheong | Wa Dae announced").
    if head.pos_ == "PROPN":
        while (
            start > 0 and _name_word(doc[start - 1]) and not doc[start - 1].whitespace_.count("\n")
        ):
            start -= 1
    while start < head.i and doc[start].is_punct:
        start += 1
    return doc[start:end]


def _name_word(token: Token) -> bool:
    # The fine tag: the coarse one can be odd ("Wa" in "Cheong Wa Dae" is AUX/NNP).
    return (
        token.tag_ in ("NNP", "NNPS")
        and token.text[:1].isupper()
        and not any(ch.isdigit() for ch in token.text)
        and token.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL")
    )


def _appositive(ent: Span) -> str | None:
    """ ", a professor of Japanese studies at Kookmin University," after a name."""
    root = ent.root
    for child in root.rights:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and child.i >= ent.end:
            span = child.doc[child.left_edge.i : child.right_edge.i + 1]
            words = [t for t in span]
            while words and words[0].dep_ == "det":
                words = words[1:]
            while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
                words = words[:-1]
            if words:
                return child.doc[words[0].i : words[-1].i + 1].text
    return None


def _head_is_subject(span: Span) -> bool:
    return span.root.dep_ in SUBJECT_DEPS


def _definite(mention: Span) -> bool:
    return any(t.lower_ in ("the", "this", "that") or t.dep_ == "poss" for t in mention) or not any(
        t.dep_ == "det" for t in mention
    )


def _strip_the(text: str) -> str:
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    return re.sub(r"(?:'s|’s)$", "", text).strip()


def _clean_name(text: str) -> str:
    text = re.sub(r"(?:'s|’s)$", "", text.strip())
    return re.sub(r"\s+", " ", text)
