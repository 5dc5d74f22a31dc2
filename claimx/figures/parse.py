"""The parse: the noun a number counts and the event it belongs to."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimx.figures.rules import FigureRules


def token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _head_of(tokens: list[Token]) -> Token | None:
    """The token of a number whose head lies outside the number."""
    inside = {t.i for t in tokens}
    for token in reversed(tokens):
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[-1] if tokens else None


_MODIFIER_TAGS = {"JJ", "JJR", "JJS", "VBN", "VBG", "RB", "HYPH", "NNP", "NNPS", "NN", "CD"}


def counted_noun(doc: Doc, start: int, end: int, rules: FigureRules) -> Token | None:
    """The noun after the number that it counts: "183 workers", "136 forcibly mobilized Koreans".

    The parse says which noun the number modifies; only nouns a few modifiers to
    the right count, so a number is never tied to a noun across a comma.
    """
    tokens = _tokens(doc, start, end)
    head = _head_of(tokens)
    if head is None:
        return None
    last = tokens[-1].i
    candidate = head.head if head.head.i > last else None
    if candidate is None or candidate.tag_ not in rules.noun_tags:
        candidate = _next_noun(doc, last, rules)
    if candidate is None or candidate.i - last > 5:
        return None
    between = doc[last + 1 : candidate.i]
    if any(t.tag_ not in _MODIFIER_TAGS or (t.is_punct and t.text != "-") for t in between):
        return None
    if any(t.tag_ == "CD" and t.text[:1].isdigit() for t in between):
        return None  # "in 2019 100 people died": the noun is the other number's
    return _compound_end(candidate, rules)


def _next_noun(doc: Doc, last: int, rules: FigureRules) -> Token | None:
    """The first noun right of the number past its modifiers, when the parse is no help."""
    for token in doc[last + 1 : last + 6]:
        if token.tag_ in ("NNS", "NNPS") or (
            token.tag_ in rules.noun_tags and token.dep_ != "compound"
        ):
            return token
        if token.tag_ not in _MODIFIER_TAGS:
            return None
    return None


def _compound_end(noun: Token, rules: FigureRules) -> Token:
    """Follow a compound to its head: "12 Asia-Pacific economies" counts economies."""
    while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.tag_ in rules.noun_tags:
        noun = noun.head
    return noun


def partitive_noun(doc: Doc, end: int, rules: FigureRules) -> Token | None:
    """ "14 of the 20 victims" counts victims."""
    after = token_at(doc, end + 1)
    if after is None or after.idx != end + 1 or after.lower_ not in rules.partitive_words:
        return None
    for child in after.children:
        if child.dep_ == "pobj" and child.tag_ in ("NNS", "NNPS"):
            return child
    return None


def predicate_subject(doc: Doc, start: int, end: int, rules: FigureRules) -> Token | None:
    """What a bare number is said of: "exchanges now around 12 million", "the toll is 27"."""
    head = _head_of(_tokens(doc, start, end))
    if head is None:
        return None
    if head.dep_ == "appos" and head.head.i < head.i and head.head.tag_ in ("NNS", "NNPS"):
        return head.head
    if head.dep_ == "attr" and head.head.lemma_ in rules.copulas:
        for child in head.head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.tag_ in rules.noun_tags:
                return child
    return None


def noun_unit(noun: Token) -> str:
    """The noun as a unit, with a hyphenated first part: "forced-laborers"."""
    doc = noun.doc
    if noun.i < 2:
        return noun.text
    first, hyphen = doc[noun.i - 2], doc[noun.i - 1]
    if hyphen.text == "-" and not hyphen.whitespace_ and not first.whitespace_:
        return first.text + "-" + noun.text
    return noun.text


def phrase(noun: Token) -> str:
    """The noun with its compound and noun modifiers: "people-to-people exchanges"."""
    left = [c for c in noun.lefts if c.dep_ in ("compound", "nmod")]
    start = min((c.left_edge.i for c in left), default=noun.i)
    return noun.doc[start : noun.i + 1].text


def event_of(token: Token, rules: FigureRules) -> str | None:
    """The verb a counted thing is the object or subject of: "killing 183 workers" -> kill."""
    noun = token
    for _ in range(4):
        if noun.dep_ in ("nummod", "quantmod", "compound") and noun.head.i != noun.i:
            noun = noun.head
            continue
        if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
            return noun.head.lemma_
        if noun.dep_ == "pobj" and noun.head.lemma_ in rules.list_verbs:
            noun = noun.head.head
            continue
        return None
    return None
