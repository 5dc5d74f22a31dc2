"""Reported speech: indirect quotes from the parse.

Clauses (`Lee cautioned that ...`, `..., officials said`, `X, Lee said, Y`),
complements (`urged supporters to ...`, `called for ...`), participles
(`..., adding that`), speech nouns (`Trump's claim that ...`) and
`according to X`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from claimx.quotes.attribution import Attributor
from claimx.quotes.rules import QuoteRules
from claimx.quotes.subjects import is_cue, subject_of


def reported_speech(
    doc: Doc, rules: QuoteRules, attributor: Attributor
) -> Iterator[tuple[int, int, Token, Token | None]]:
    """(start, end, cue, subject) of every reported clause outside quotation marks."""
    verbs = attributor.speech | attributor.thought | attributor.document
    documents = attributor.speech | attributor.document
    taken = Taken()
    for token in doc:
        if not attributor.outside(token) or not is_cue(token, verbs):
            continue
        subject = subject_of(token, attributor.quoted)
        # "The poll shows Clinton ahead": a document reports as a speaker does.
        impersonal = subject is not None and not _personal(subject, attributor)
        bounds = _reported(token, documents if impersonal else attributor.speech, rules)
        if bounds is None:
            continue
        lo, hi = bounds
        # "the president's trip ... 'can serve'": a clause around a partial quote still counts.
        inside = sum(1 for t in doc[lo:hi] if not attributor.outside(t))
        if inside >= (hi - lo) * 0.8:
            continue  # the clause is a direct quote, already a record
        lo, hi = _trim(doc, lo, hi, rules)
        if hi - lo < 3:
            continue
        # The subject may stand inside the span only within the cue's own
        # parenthetical ("The bridge, Mayor Lopez said, will open").
        in_cue = token.left_edge.i <= subject.i <= token.right_edge.i if subject else False
        if (
            subject is None
            or (subject.i in range(lo, hi) and not in_cue)
            or not attributor.same_paragraph(subject.i, token.i)
        ):
            continue
        span = _claim(doc, lo, hi, taken)
        if span is not None:
            yield *span, token, subject
    yield from _speech_nouns(doc, rules, attributor, taken)
    yield from _according_to(doc, rules, attributor, taken)


def _personal(subject: Token, attributor: Attributor) -> bool:
    """A person's name or a personal pronoun: someone, not something."""
    return subject.ent_type_ == "PERSON" or subject.lower_ in attributor.personal


def _speech_nouns(
    doc: Doc, rules: QuoteRules, attributor: Attributor, taken: Taken
) -> Iterator[tuple[int, int, Token, Token | None]]:
    """ "Trump's claim that ...", "a New York Times report that ...": owner, noun, clause."""
    nouns = {n.lower() for n in rules.speech_nouns}
    for token in doc:
        if (
            token.pos_ != "NOUN"
            or token.lemma_.lower() not in nouns
            or not attributor.outside(token)
        ):
            continue
        clause = next(
            (
                c
                for c in token.rights
                if c.dep_ in ("acl", "ccomp", "relcl")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ),
            None,
        )
        owner = next(
            (c for c in token.lefts if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")), None
        )
        if owner is None:
            owner = next(
                (
                    c
                    for c in reversed(list(token.lefts))
                    if c.dep_ == "compound" and c.tag_ in ("NNP", "NNPS")
                ),
                None,
            )
        if clause is None or owner is None:
            continue
        lo, hi = _trim(doc, clause.left_edge.i, clause.right_edge.i + 1, rules)
        span = _claim(doc, lo, hi, taken) if hi - lo >= 3 else None
        if span is not None:
            yield *span, token, owner


def _reported(cue: Token, speech: set[str], rules: QuoteRules) -> tuple[int, int] | None:
    """Token bounds of what `cue` reports: a clause, an infinitive, or a weighty object.

    "said (that) X", "promised to X", "urged supporters to X", "criticized
    Trump for X": reported speech comes as a clausal complement, an open
    complement, or (for speech verbs) an object with what hangs off it.
    """
    # The clause may come first: "Taxes will rise, Maria Santos told reporters."
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    children = list(cue.rights)
    if clause is not None:
        return clause.left_edge.i, clause.right_edge.i + 1
    around = _parenthetical(cue)
    if around is not None:
        return around
    if cue.lemma_.lower() not in speech:
        return None
    xcomp = next((c for c in children if c.dep_ == "xcomp"), None)
    obj = next((c for c in children if c.dep_ in ("dobj", "dative")), None)
    if obj is not None and cue.lemma_.lower() in rules.addressee_verbs and xcomp is None:
        return None
    parts = [c for c in children if c.dep_ in ("dobj", "xcomp", "oprd")]
    if obj is not None:
        parts += [c for c in children if c.dep_ == "prep" and c.i > obj.i]
    if not parts:
        # "has called for the complete repeal", "warned of a recession": what the preposition holds.
        preps = rules.content_prepositions
        prep = next((c for c in children if c.dep_ == "prep" and c.lower_ in preps), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if pobj is None or pobj.right_edge.i - pobj.left_edge.i < 2:
            return None
        return pobj.left_edge.i, pobj.right_edge.i + 1
    lo = min(p.left_edge.i for p in parts)
    hi = max(p.right_edge.i for p in parts) + 1
    if obj is not None and xcomp is None and (obj.pos_ == "PRON" or hi - lo < 3):
        return None
    return lo, hi


def _trim(doc: Doc, lo: int, hi: int, rules: QuoteRules) -> tuple[int, int]:
    """Token bounds without a leading "that" or punctuation, or trailing punctuation.

    A closing quotation mark stays: it belongs to a partial quote at the end.
    """
    while lo < hi and (doc[lo].lower_ in rules.complementizers or doc[lo].is_punct):
        lo += 1
    while hi > lo and doc[hi - 1].is_punct and doc[hi - 1].text not in ("\u201d", '"'):
        hi -= 1
    return lo, hi


class Taken:
    """Character spans already held by a record: disjoint, kept sorted for bisection."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add_if_free(self, start: int, end: int) -> bool:
        k = bisect_left(self._starts, end)
        if k > 0 and self._ends[k - 1] > start:
            return False
        self._starts.insert(k, start)
        self._ends.insert(k, end)
        return True


def _claim(doc: Doc, lo: int, hi: int, taken: Taken) -> tuple[int, int] | None:
    """The character span of tokens [lo, hi), unless an earlier record already holds it."""
    span = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
    if not taken.add_if_free(*span):
        return None
    return span


def _parenthetical(cue: Token) -> tuple[int, int] | None:
    """ "The museum, Mr. Bush said, celebrated his heroes": the clause around the cue.

    The parser hangs such a cue off the main verb it interrupts (or trails);
    the reported words are that verb's clause. The span runs over the
    attribution in the middle: records are contiguous.
    """
    head = cue.head
    if cue.dep_ not in ("parataxis", "advcl", "ccomp", "conj") or head.i == cue.i:
        return None
    if head.pos_ not in ("VERB", "AUX") or not _subject_before(head):
        return None
    doc = cue.doc
    first = cue.left_edge
    # The opening comma belongs to the cue's subtree or stands just before it.
    comma = first.text == "," or (first.i > 0 and doc[first.i - 1].text == ",")
    if not comma or not any(c.dep_ == "nsubj" for c in cue.children):
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in cue.rights):
        return None
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    return (lo, hi) if hi - lo >= 5 else None


def _subject_before(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.lefts)


def _according_to(
    doc: Doc, rules: QuoteRules, attributor: Attributor, taken: Taken
) -> Iterator[tuple[int, int, Token, Token | None]]:
    phrases = [tuple(p.lower().split()) for p in rules.source_phrases]
    for sent in doc.sents:
        words = [t.lower_ for t in sent]
        for phrase in phrases:
            n = len(phrase)
            for k in range(len(words) - n + 1):
                if tuple(words[k : k + n]) != phrase:
                    continue
                last = sent[k + n - 1]
                source = next((c for c in last.children if c.dep_ == "pobj"), None)
                if source is None or not attributor.outside(source):
                    continue
                phrase_end = source.right_edge.i + 1
                if k == 0:  # "According to X, CLAUSE."
                    lo, hi = phrase_end, sent.end
                else:  # "CLAUSE, according to X."
                    lo, hi = sent.start, sent[k].i
                lo, hi = _trim(doc, lo, hi, rules)
                span = _claim(doc, lo, hi, taken) if hi - lo >= 3 else None
                if span is not None:
                    yield *span, sent[k], source  # cue: the phrase's first word
