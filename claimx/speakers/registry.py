"""`Registry`: resolves the speaker mentions of one article, in document order."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from claimx.speakers import resolvers
from claimx.speakers.index import Update, build_index, is_given_name
from claimx.speakers.mentions import first_entity, noun_phrase
from claimx.speakers.resolvers import NAMED, Context, Outcome
from claimx.speakers.rules import Lexicon, SpeakerRules
from claimx.speakers.salience import Salience


@dataclass(frozen=True)
class Resolution:
    speaker: str | None
    role: str | None
    span: Span | None  # the mention's tokens
    speaker_type: str | None = None  # person | organisation | group | anonymous | document
    via: str | None = None  # name | surname | pronoun | role | organisation | description


class Registry:
    """The people and organisations of one article, with their salience.

    Built once per Doc; `resolve` must be called in document order, since
    salience ("Lee noted" is the Lee just quoted) depends on what came before.
    """

    def __init__(
        self,
        doc: Doc,
        rules: SpeakerRules,
        lexicon: Lexicon | None = None,
        quoted: Iterable[tuple[int, int]] = (),
    ) -> None:
        """`quoted`: character spans of the article's quotes, direct and reported."""
        self.doc = doc
        self.lex = lexicon if lexicon is not None else Lexicon(rules)
        index, events = build_index(doc, self.lex)
        self.index = index
        self.salience = Salience(events, index, _Spans(quoted).covers)
        self._ctx = Context(index, self.salience, self.lex)

    def resolve(self, head: Token, cue: Token | None = None) -> Resolution:
        """Who the noun phrase headed by `head` names (never crossing its `cue`); sources
        named together ("Dr A and Dr B said") are kept together, as a group."""
        title = head
        head = _named_in_apposition(head)
        first = self._resolve_one(head, cue)
        if title is not head and first.speaker_type == "person" and first.role is None:
            # "Senate Majority Leader Chuck Schumer": the title is the role.
            first = replace(first, role=noun_phrase(title).text)
        if first.speaker is None or head.pos_ == "PRON":
            return first
        others = [self._resolve_one(c, cue) for c in _conjuncts(head, cue)]
        others = [o for o in others if o.speaker is not None]
        return self._joint([first, *others]) if others else first

    def _joint(self, sources: list[Resolution]) -> Resolution:
        names = [str(s.speaker) for s in sources]
        name = ", ".join(names[:-1]) + " and " + names[-1]
        spans = [s.span for s in sources if s.span is not None]
        span = self.doc[min(s.start for s in spans) : max(s.end for s in spans)] if spans else None
        # "they" later is the same sources.
        entity = self.index.new_entity(
            name, frozenset({f"joint:{name.lower()}"}), kind="group", described=True
        )
        self.index.apply(Update(entity, new=True))
        if span is not None:
            self.salience.seen(span.start, entity, prominent=True)
        return Resolution(name, None, span, "group", "joint")

    def _resolve_one(self, head: Token, cue: Token | None) -> Resolution:
        self.salience.advance(head.i)
        outcome = self._outcome(head, cue)
        for update in outcome.updates:
            self.index.apply(update)
        if outcome.seen is not None:
            self.salience.seen(head.i, outcome.seen, prominent=True)
        entity = outcome.entity
        if entity is not None:
            kind = outcome.kind or entity.kind
            return Resolution(entity.name, entity.role, outcome.mention, kind, outcome.via)
        if outcome.name is None:
            return Resolution(None, None, outcome.mention)
        return Resolution(outcome.name, None, outcome.mention, outcome.kind, outcome.via)

    def _outcome(self, head: Token, cue: Token | None) -> Outcome:
        mention = noun_phrase(head)
        if cue is not None and mention.start <= cue.i < mention.end:
            # A Title Case headline read as one long name: the name stops at the verb.
            doc = head.doc
            mention = doc[mention.start : cue.i] if head.i < cue.i else doc[cue.i + 1 : mention.end]
            if len(mention) == 0:
                return Outcome(None)
        words = [t for t in mention if not t.is_punct]
        if head.pos_ == "PRON" or head.lower_ in self.lex.pronouns:
            return resolvers.pronoun(self._ctx, head, mention)
        propn = [t for t in words if t.tag_ in ("NNP", "NNPS")]
        is_name = head.pos_ == "PROPN" or head.tag_ in ("NNP", "NNPS") or self._known_name(head)
        if is_name or (propn and head.ent_type_ in NAMED):
            return resolvers.proper(self._ctx, head, mention, self._name_tokens(mention))
        return resolvers.nominal(self._ctx, head, mention)

    def _known_name(self, head: Token) -> bool:
        """ "Trump has called", "Sanders said": a capitalised word the tagger took for a
        common noun ("trump", "sanders") that is part of a name the article gives."""
        if not (head.is_alpha and head.text[:1].isupper() and head.pos_ == "NOUN"):
            return False
        part = head.lower_
        return bool(
            self.index.with_part(part, "person") or self.index.with_part(part, "organisation")
        )

    def _name_tokens(self, mention: Span) -> list[Token]:
        """The name in a mention, after any title or role: "research fellow Choi" -> Choi."""
        tokens = [t for t in mention if t.pos_ != "PART" and t.dep_ != "case"]
        words = [t.lower_.rstrip(".") for t in tokens]
        cut = 0
        for i, word in enumerate(words):
            # "Jean-Pierre", "Jae-myung": a word glued to the one before is part of it.
            if i > 0 and not tokens[i - 1].whitespace_:
                continue
            is_role = word in self.lex.role_nouns or word in self.lex.title_last_words
            if (is_role or tokens[i].dep_ == "det" or not tokens[i].text[:1].isupper()) and any(
                t.pos_ == "PROPN" for t in tokens[i + 1 :]
            ):
                cut = i + 1
        name_tokens = tokens[cut:]
        # In a Title Case headline everything looks like a name: keep the person in it.
        person = first_entity(mention, "PERSON")
        if person is not None and len(name_tokens) > person[1] - person[0] + 1:
            name_tokens = [t for t in name_tokens if person[0] <= t.i < person[1]]
        return self.index.headlines.trim(name_tokens, lambda w: is_given_name(w, self.lex))


class _Spans:
    """Character spans, asked whether they cover an offset."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self._starts = [s for s, _ in merged]
        self._ends = [e for _, e in merged]

    def covers(self, offset: int) -> bool:
        k = bisect_right(self._starts, offset) - 1
        return k >= 0 and offset < self._ends[k]


def _conjuncts(head: Token, cue: Token | None) -> list[Token]:
    """The sources named with `head`: "Merkley, Brown and Menendez", "Craig Bryan, head
    of the center, and other scientists"; never across the cue."""
    found: list[Token] = []
    todo = [head, *(c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN")]
    while todo:
        token = todo.pop(0)
        for child in token.children:
            if child.dep_ != "conj" or child.pos_ not in ("NOUN", "PROPN"):
                continue
            if cue is not None and min(child.i, head.i) < cue.i < max(child.i, head.i):
                continue
            if token is not head and token.dep_ == "appos" and child.tag_ != "NNS":
                continue  # "a lawyer and a writer": the roles of one person
            found.append(child)
            todo.append(child)
    return sorted(found, key=lambda t: t.i)


def _named_in_apposition(head: Token) -> Token:
    """ "Senate Majority Leader Chuck Schumer, D-N.Y., said", parsed as "Leader" with
    "Schumer" in apposition: the person's name, not the title, is the speaker."""
    if head.ent_type_ == "PERSON" or head.pos_ not in ("PROPN", "NOUN"):
        return head
    name = next((c for c in head.rights if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    # Only a name that follows the title at once ("Leader Chuck Schumer").
    if name is None or name.left_edge.i != head.i + 1:
        return head
    return name
