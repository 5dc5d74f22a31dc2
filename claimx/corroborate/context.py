"""A record in its sentence: the words and names around it, from the source's parse."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from claimx.corroborate.names import NameIndex
from claimx.corroborate.sources import Source
from claimx.model import Span
from claimx.text import LineIndex

CONTENT_POS = ("NOUN", "PROPN", "VERB", "ADJ")


class Context:
    """Lookups over every source's Doc: the tokens of a span, its sentence's words."""

    def __init__(self, names: NameIndex, sources: Sequence[Source] = ()) -> None:
        self.names = names
        self._lines: dict[int, LineIndex] = {}
        # In how many sentences of all sources each word is: a word every
        # sentence of the story has ("said", the main actor's name) is no evidence.
        self._frequency: Counter[str] = Counter()
        self._sentences = 0
        for source in sources:
            if source.doc is None:
                continue
            for sent in source.doc.sents:
                self._sentences += 1
                self._frequency.update(self._words(source, sent, set()))

    def weight(self, words: Iterable[str]) -> float:
        """How much sharing these words says: the sum of their inverse sentence frequency."""
        total = max(self._sentences, 1)
        return sum(math.log((total + 1) / (self._frequency.get(w, 0) + 1)) for w in words)

    def tokens(self, source: Source, span: Span) -> Any:
        """The Doc span covering `span` (expanded to whole tokens); None without a Doc."""
        if source.doc is None:
            return None
        return source.doc.char_span(span[0], span[1], alignment_mode="expand")

    def sentence_words(self, source: Source, span: Span) -> frozenset[str]:
        """Content lemmas and name groups of the span's sentence, outside the span."""
        tokens = self.tokens(source, span)
        if tokens is None or len(tokens) == 0:
            return frozenset()
        sent = sentence(tokens)
        return frozenset(self._words(source, sent, set(range(tokens.start, tokens.end))))

    def _words(self, source: Source, sent: Any, inside: set[int]) -> set[str]:
        words = {
            t.lemma_.lower()
            for t in sent
            if t.i not in inside
            and t.pos_ in CONTENT_POS
            and t.is_alpha
            and not t.is_stop
            and not t.ent_type_
        }
        words |= self.entity_keys(source, (e for e in sent.ents if e.start not in inside))
        return words

    def entity_keys(self, source: Source, ents: Iterable[Any]) -> set[str]:
        keys = set()
        for ent in ents:
            if ent.label_ in self.names.rules.name_labels:
                key = self.names.canon(source.index, ent.text)
                if key:
                    keys.add(key)
        return keys

    def at(self, source: Source, offset: int) -> str:
        """path:line:column of an offset of the source's text."""
        if source.text is None:
            return source.path
        lines = self._lines.setdefault(source.index, LineIndex(source.text))
        line, col = lines.line_col(offset)
        return f"{source.path}:{line}:{col}"


def sentence(tokens: Any) -> Any:
    """The sentence of a span, cut at line breaks: a parse that runs on over a
    blank line into the next paragraph is two sentences here."""
    sent = tokens[0].sent
    doc = sent.doc
    start, end = sent.start, sent.end
    for i in range(tokens.start - 1, sent.start - 1, -1):
        if doc[i].is_space and "\n" in doc[i].text:
            start = i + 1
            break
    for t in doc[tokens.end : sent.end]:
        if t.is_space and "\n" in t.text:
            end = t.i
            break
    return doc[start:end]


def overlap(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    """Shared words, a name counting as shared when one's words contain the other's."""
    shared = set(a & b)
    for x in a - b:
        if " " in x or any(" " in y for y in b):
            xs = set(x.split())
            for y in b - a:
                ys = set(y.split())
                if xs <= ys or ys <= xs:
                    shared.add(x)
    return frozenset(shared)
