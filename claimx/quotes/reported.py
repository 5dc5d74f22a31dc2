"""Reported speech: indirect quotes from the parse.

Clauses (`Lee cautioned that ...`, `..., officials said`, `X, Lee said, Y`),
complements (`urged supporters to ...`, `called for ...`), participles
(`..., adding that`), speech nouns (`Trump's claim that ...`) and
`according to X`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterator

from spacy.tokens import Doc, Token

from claimx.quotes.attribution import Attributor
from claimx.quotes.rules import QuoteRules
from claimx.quotes.subjects import is_cue, lemma_of, subject_of


def reported_speech(
    doc: Doc, rules: QuoteRules, attributor: Attributor
) -> Iterator[tuple[int, int, Token, Token | None]]:
    """(start, end, cue, subject) of every reported clause outside quotation marks."""
    verbs = attributor.speech | attributor.thought | attributor.document | attributor.intention
    verbs |= attributor.topic
    taken = Taken()
    for token in doc:
        if attributor.outside(token) and is_cue(token, verbs, attributor.forms):
            clause = _clause(token, rules, attributor, taken)
            if clause is not None:
                yield clause
    yield from _speech_nouns(doc, rules, attributor, taken)
    yield from _according_to(doc, rules, attributor, taken)


def _clause(
    token: Token, rules: QuoteRules, attributor: Attributor, taken: Taken
) -> tuple[int, int, Token, Token] | None:
    """(start, end, cue, subject) of what the cue `token` reports, if it is free."""
    doc = token.doc
    subject = subject_of(token, attributor.quoted)
    # "The poll shows Clinton ahead": a document reports as a speaker does.
    impersonal = subject is not None and not _personal(subject, attributor)
    speech = attributor.speech | attributor.document if impersonal else attributor.speech
    bounds = _reported(token, speech, attributor, rules)
    if bounds is None or subject is None:
        return None
    lo, hi = bounds
    # What a cue reports lies in its paragraph: a parse that runs a sentence over a
    # paragraph break ('... issues."\n\n"...," said Lee') gives it no earlier words.
    while lo < hi and not attributor.same_paragraph(lo, token.i):
        lo += 1
    while hi > lo and not attributor.same_paragraph(hi - 1, token.i):
        hi -= 1
    if hi - lo < 3:
        return None
    # "the president's trip ... 'can serve'": a clause around a partial quote still counts.
    inside = sum(1 for t in doc[lo:hi] if not attributor.outside(t))
    if inside >= (hi - lo) * 0.8:
        return None  # the clause is a direct quote, already a record
    lo, hi = _trim(doc, lo, hi, rules)
    if hi - lo < 3:
        return None
    # The subject may stand inside the span only within the cue's own
    # parenthetical ("The bridge, Mayor Lopez said, will open").
    aside = _aside(token)
    if aside is not None and not aside[0] < subject.i < aside[1]:
        # ", Chief Justice Roberts said,": the speaker is named inside the aside.
        named = [t for t in doc[aside[0] + 1 : token.i] if t.pos_ in ("PROPN", "PRON", "NOUN")]
        subject = named[-1] if named else subject
    in_cue = token.left_edge.i <= subject.i <= token.right_edge.i or (
        aside is not None and aside[0] < subject.i < aside[1]
    )
    if (subject.i in range(lo, hi) and not in_cue) or not attributor.same_paragraph(
        subject.i, token.i
    ):
        return None
    span = _claim(doc, lo, hi, taken)
    return (*span, token, subject) if span is not None else None


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


def _reported(
    cue: Token, speech: set[str], attributor: Attributor, rules: QuoteRules
) -> tuple[int, int] | None:
    """Token bounds of what `cue` reports: a clause, an infinitive, or a weighty object.

    "said (that) X", "promised to X", "urged supporters to X", "criticized
    Trump for X", "wants to X": reported speech comes as a clausal complement,
    an open complement, or (for speech verbs) an object with what hangs off it;
    an aim as the infinitive of an intention verb.
    """
    children = list(cue.rights)
    lemma = lemma_of(cue, attributor.forms)
    if lemma in attributor.topic and lemma not in speech:
        # "Obama spoke of the legacy of racism", "she discussed her plans for veterans":
        # a topic, never a clause ("the agenda proceeds: leaders discuss ...").
        obj = next((c for c in children if c.dep_ == "dobj" and c.pos_ != "PRON"), None)
        if obj is not None and obj.right_edge.i - obj.left_edge.i >= 2:
            return obj.left_edge.i, obj.right_edge.i + 1
        return _held(cue, rules.topic_prepositions)
    # The clause may come first: "Taxes will rise, Maria Santos told reporters."
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        return clause.left_edge.i, clause.right_edge.i + 1
    around = _parenthetical(cue) or _between_commas(cue)
    if around is not None:
        return around
    xcomp = next((c for c in children if c.dep_ == "xcomp"), None)
    if lemma in attributor.intention and lemma not in speech:
        # "Clinton wants to triple the program": the aim, never an object ("wants more").
        if xcomp is None or xcomp.pos_ not in ("VERB", "AUX"):
            return None
        return xcomp.left_edge.i, xcomp.right_edge.i + 1
    if lemma not in speech:
        return None
    obj = next((c for c in children if c.dep_ in ("dobj", "dative")), None)
    if obj is not None and lemma in rules.addressee_verbs and xcomp is None:
        return None
    parts = [c for c in children if c.dep_ in ("dobj", "xcomp", "oprd")]
    if obj is not None:
        parts += [c for c in children if c.dep_ == "prep" and c.i > obj.i]
    if not parts:
        return _held(cue, rules.content_prepositions)
    lo = min(p.left_edge.i for p in parts)
    hi = max(p.right_edge.i for p in parts) + 1
    if obj is not None and xcomp is None and (obj.pos_ == "PRON" or hi - lo < 3):
        return None
    return lo, hi


def _held(cue: Token, preps: Collection[str]) -> tuple[int, int] | None:
    """What a speech verb's preposition holds: "has called for the complete repeal",
    "warned of a recession", "called for ending the ban", "called for the president to
    resign" (a clause the preposition opens)."""
    for child in cue.rights:
        if child.dep_ == "prep" and child.lower_ in preps:
            held = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if held is not None and held.right_edge.i - held.left_edge.i >= 2:
                return held.left_edge.i, held.right_edge.i + 1
            return None
        opened = child.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in preps and c.i == child.left_edge.i
            for c in child.children
        )
        if opened:
            return child.left_edge.i + 1, child.right_edge.i + 1
    return None


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


def _aside(cue: Token) -> tuple[int, int] | None:
    """The commas around ", Chief Justice Roberts said," inside a sentence: a cue and the
    words that name its speaker (no verb among them), with a comma on either side."""
    doc = cue.doc
    sent = cue.sent
    after = cue.i + 1
    if after >= sent.end - 1 or doc[after].text != ",":
        return None
    k = cue.i - 1
    while k > sent.start and k > cue.i - 8 and doc[k].text != ",":
        if doc[k].pos_ in ("VERB", "AUX") or (doc[k].is_punct and doc[k].text != "."):
            return None
        k -= 1
    if doc[k].text != "," or k == cue.i - 1:
        return None
    return k, after


def _between_commas(cue: Token) -> tuple[int, int] | None:
    """ "To understand the case, Chief Justice Roberts said, one should visit": the sentence
    around a cue set off by commas, when the parser missed the aside (the verb it interrupts
    is not its head). The span runs over the attribution in the middle, as in `_parenthetical`."""
    aside = _aside(cue)
    if aside is None:
        return None
    doc = cue.doc
    sent = cue.sent
    lo, hi = sent.start, sent.end
    # Within the cue's paragraph, and never up to a quotation: `Lee said, "..."` is direct.
    for t in doc[lo : cue.i]:
        if "\n" in t.text or "\n" in t.whitespace_:
            lo = t.i + 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    if aside[0] - lo < 3 or hi - aside[1] < 4 or doc[aside[1] + 1].is_quote:
        return None
    return lo, hi


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
