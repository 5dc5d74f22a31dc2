"""Names across sources: one person, place or organisation, however it is spelled.

Mechanisms, no list of names:
- transliteration folding (`anyascii`: Chōsei → chosei), case, hyphens and
  spacing ignored, token order ignored (Takaichi Sanae = Sanae Takaichi);
- a short form (a surname, "Lee") stands for the one longer name of its
  article that contains it;
- spellings that sound alike (Soundex classes, first letter included:
  Chosei ~ Josei) and look alike (Jaro-Winkler), with the same number of words,
  are one name when their articles use them in the same surroundings (a shared
  neighbouring word or name) and no article uses both: an article that writes
  two spellings means two names.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import jellyfish
from anyascii import anyascii

from claimx.corroborate.rules import CorroborateRules
from claimx.corroborate.sources import Source

# Jaro-Winkler similarity two spellings of one word reach at least.
SIMILAR = 0.8
# Entity mentions longer than this are headline fragments, not names.
MAX_WORDS = 6
_SOUNDEX_CLASS = {
    **dict.fromkeys("bfpv", "1"),
    **dict.fromkeys("cgjkqsxz", "2"),
    **dict.fromkeys("dt", "3"),
    "l": "4",
    **dict.fromkeys("mn", "5"),
    "r": "6",
}


def fold_tokens(text: str) -> tuple[str, ...]:
    """A name's words as compared: transliterated to ASCII, lower case, no punctuation."""
    folded = anyascii(unicodedata.normalize("NFKC", text)).lower()
    words = re.findall(r"[a-z0-9]+", folded)
    if words and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[-1] == "s":  # a possessive: Lee's
        words = words[:-1]
    return tuple(words)


def sound(word: str) -> str:
    """Soundex with the first consonant coded too: ch/j/g/k sound alike across
    romanisations; a first vowel stays itself."""
    if not word.isalpha():
        return word
    code = jellyfish.soundex(word)
    return _SOUNDEX_CLASS.get(word[0], word[0]) + code[1:]


_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))


def spelling(text: str) -> str:
    """A surface form as shown: Unicode, dashes and spacing normalised, no possessive."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    text = re.sub(r"['’]s$", "", re.sub(r"\s+", " ", text).strip())
    return text.strip(" -'’\".,")


def spelling_key(text: str, place_words: Iterable[str] = ()) -> str:
    """What makes two spellings different: letters and their order, not case or
    a word that only says what kind of place it is (Nara / Nara Prefecture)."""
    words = [w for w in spelling(text).casefold().split() if w not in set(place_words)]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words) or spelling(text).casefold()


@dataclass
class Form:
    """One folded name and where it was seen."""

    key: tuple[str, ...]  # sorted folded words
    label: Counter[str] = field(default_factory=Counter)
    mentions: list[tuple[int, str, int, int]] = field(default_factory=list)  # source, text, span
    context: set[str] = field(default_factory=set)

    @property
    def sources(self) -> set[int]:
        return {m[0] for m in self.mentions}

    @property
    def acronym(self) -> bool:
        return any(m[1].isupper() and len(m[1]) <= 6 for m in self.mentions)


@dataclass(frozen=True)
class NameGroup:
    """One name across sources, with every spelling each source used."""

    forms: tuple[Form, ...]
    why: str
    place_words: tuple[str, ...] = ()

    @property
    def sources(self) -> set[int]:
        return {s for f in self.forms for s in f.sources}

    def spellings(self) -> dict[str, list[tuple[int, str, int, int]]]:
        out: dict[str, list[tuple[int, str, int, int]]] = defaultdict(list)
        for form in self.forms:
            for mention in form.mentions:
                out[spelling_key(mention[1], self.place_words)].append(mention)
        return dict(out)


class NameIndex:
    """Every name of every source, folded and grouped; `canon` maps a mention to its group."""

    def __init__(self, sources: Sequence[Source], rules: CorroborateRules) -> None:
        self.rules = rules
        self.forms: dict[tuple[str, ...], Form] = {}
        self._demonyms: set[tuple[str, ...]] = set()
        for source in sources:
            self._collect(source)
        self.parent: dict[tuple[str, ...], tuple[str, ...]] = {k: k for k in self.forms}
        self.why: dict[tuple[str, ...], str] = {}
        self._short = self._short_forms()
        self._merge_alike()

    # Collecting

    def _collect(self, source: Source) -> None:
        doc = source.doc
        labels = set(self.rules.name_labels)
        if doc is None:
            for quote in source.sheet.quotes:
                if quote.speaker:
                    self._add(source.index, quote.speaker, "PERSON", quote.span, set())
            return
        for ent in doc.ents:
            if ent.label_ not in labels:
                continue
            text = ent.text.strip()
            if not text or not text[0].isupper() or len(text.split()) > MAX_WORDS:
                continue
            if ent.label_ == "NORP":
                self._demonyms.add(fold_tokens(text))
                continue
            context = {
                t.lemma_.lower()
                for t in ent.sent
                if t.pos_ == "NOUN" and not (ent.start <= t.i < ent.end)
            }
            context |= {
                " ".join(fold_tokens(e.text))
                for e in ent.sent.ents
                if e != ent and e.label_ in labels
            }
            self._add(source.index, text, ent.label_, (ent.start_char, ent.end_char), context)

    def _add(
        self, source: int, text: str, label: str, span: tuple[int, int], context: set[str]
    ) -> None:
        words = self._strip_place_words(fold_tokens(text))
        if not words or not any(w.isalpha() for w in words):
            return
        key = tuple(sorted(words))
        form = self.forms.setdefault(key, Form(key))
        form.label[label] += 1
        form.mentions.append((source, text, span[0], span[1]))
        form.context |= context

    def _strip_place_words(self, words: tuple[str, ...]) -> tuple[str, ...]:
        kept = tuple(w for w in words if w not in self.rules.place_words)
        return kept or words

    # Grouping

    def find(self, key: tuple[str, ...]) -> tuple[str, ...]:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def _union(self, a: tuple[str, ...], b: tuple[str, ...], why: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.why[ra] = "; ".join(x for x in (self.why.get(ra), self.why.get(rb), why) if x)

    def _short_forms(self) -> dict[tuple[int, tuple[str, ...]], tuple[str, ...]]:
        """One-word forms that are a word of exactly one longer name of the same source."""
        longer: dict[tuple[int, str], set[tuple[str, ...]]] = defaultdict(set)
        for key, form in self.forms.items():
            if len(key) > 1:
                for s in form.sources:
                    for word in key:
                        longer[(s, word)].add(key)
        short: dict[tuple[int, tuple[str, ...]], tuple[str, ...]] = {}
        self._part_of_longer: set[tuple[str, ...]] = set()
        for key, form in self.forms.items():
            if len(key) == 1:
                for s in form.sources:
                    owners = longer.get((s, key[0]), set())
                    if owners:
                        self._part_of_longer.add(key)
                    if len(owners) == 1:
                        short[(s, key)] = next(iter(owners))
        return short

    def is_short(self, key: tuple[str, ...]) -> bool:
        """A one-word form that some source uses as a word of a longer name (a surname)."""
        return key in self._part_of_longer

    def _merge_alike(self) -> None:
        buckets: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        for key in self.forms:
            if not self.is_short(key):
                buckets[tuple(sorted(sound(w) for w in key))].append(key)
        for keys in buckets.values():
            for i, a in enumerate(keys):
                for b in keys[i + 1 :]:
                    reason = self._alike(self.forms[a], self.forms[b])
                    if reason:
                        self._union(a, b, reason)

    def _alike(self, a: Form, b: Form) -> str | None:
        if a.sources & b.sources or len(a.key) != len(b.key):
            return None
        if a.acronym or b.acronym:  # CNN is not a spelling of Conn
            return None
        pairs = _align(a.key, b.key)
        if pairs is None:
            return None
        shared = sorted((a.context & b.context) - set(a.key) - set(b.key))
        if not shared:
            return None
        return (
            f"{' '.join(a.key)} ~ {' '.join(b.key)}: same sound and near spelling, "
            f"used with {', '.join(shared[:3])}"
        )

    # Lookups

    def canon(self, source: int, text: str) -> str | None:
        """The group a mention in `source` belongs to, as a stable key; None: not a name."""
        words = self._strip_place_words(fold_tokens(text))
        if not words:
            return None
        key = tuple(sorted(words))
        if key in self._demonyms:
            place = self._demonym_place(key)
            if place is not None:
                key = place
        key = self._short.get((source, key), key)
        if key not in self.forms:
            return " ".join(key)
        return " ".join(self.find(key))

    def _demonym_place(self, key: tuple[str, ...]) -> tuple[str, ...] | None:
        """Japanese → Japan: a demonym's place is the name it extends by a suffix."""
        if len(key) != 1:
            return None
        word = key[0]
        for place in self.forms:
            if len(place) == 1 and len(place[0]) >= 4 and place[0] != word:
                stem = place[0][:-1] if place[0][-1] in "aeiouy" else place[0]
                if word.startswith(stem) and len(word) - len(stem) <= 4:
                    return place
        return None

    def groups(self) -> list[NameGroup]:
        """Names several sources use, spelled more than one way."""
        members: dict[tuple[str, ...], list[Form]] = defaultdict(list)
        for key, form in self.forms.items():
            if not self.is_short(key):
                members[self.find(key)].append(form)
        out = []
        for root, forms in members.items():
            group = NameGroup(tuple(forms), self._why(root, forms), self.rules.place_words)
            if len(group.sources) >= 2 and len(group.spellings()) >= 2:
                out.append(group)
        return out

    def display(self, key: str) -> str:
        """A group key as a person reads it: its most used spelling."""
        words = tuple(key.split())
        if words not in self.forms:
            return key
        root = self.find(words)
        counts: Counter[str] = Counter()
        for k, form in self.forms.items():
            if self.find(k) == root:
                counts.update(spelling(m[1]) for m in form.mentions)
        return counts.most_common(1)[0][0] if counts else key

    def _why(self, root: tuple[str, ...], forms: Iterable[Form]) -> str:
        forms = list(forms)
        parts = []
        if any(len({spelling(m[1]) for m in f.mentions}) > 1 for f in forms):
            parts.append("the same words once transliterated, hyphens, case and order ignored")
        if root in self.why:
            parts.append(self.why[root])
        return "; ".join(parts) or "the same name"


def _align(a: tuple[str, ...], b: tuple[str, ...]) -> list[tuple[str, str]] | None:
    """Word pairs of two sorted keys when every pair is one word spelled alike."""
    pairs = list(
        zip(
            sorted(a, key=lambda w: (sound(w), w)),
            sorted(b, key=lambda w: (sound(w), w)),
            strict=True,
        )
    )
    if not all(_word_alike(x, y) for x, y in pairs):
        return None
    return pairs


def _word_alike(x: str, y: str) -> bool:
    if x == y:
        return True
    if not (x.isalpha() and y.isalpha()) or min(len(x), len(y)) < 3:
        return False
    return sound(x) == sound(y) and jellyfish.jaro_winkler_similarity(x, y) >= SIMILAR
