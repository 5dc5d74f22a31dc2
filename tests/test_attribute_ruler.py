"""The indexed AttributeRuler matching finds exactly what spaCy's Matcher finds."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from claimx.attribute_ruler import IndexedMatcher, index_matches
from claimx.pipeline import DEFAULT_MODEL

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# Sentences that reach the model's multi-token, regex, IN/NOT_IN and dependency patterns.
TRICKY = [
    "I'm gonna go, y'all. Ain't nothin' there, ya'll know.",
    "Let's go. C'mon, we got ta leave; it gets late and he got home.",
    "There is a dog and there are cats. There's more.",
    "Those that do, and these that don't: I'd say that's it.",
    "Who asked you and me? It said so, but we told it to them.",
    "Line one\n\n  \nLine two\t\tafter tabs.",
    "",
]


@pytest.fixture(scope="module")
def model():
    return spacy.load(DEFAULT_MODEL)


def parsed(model, texts):
    return list(model.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]))


def test_the_model_ruler_is_indexed(model):
    ruler = model.get_pipe("attribute_ruler")
    fast = IndexedMatcher(ruler)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] + TRICKY
    hit = set()
    for doc in parsed(model, texts):
        expected = sorted(set(ruler.match(doc)))
        assert fast(doc) == expected, doc.text[:60]
        hit.update((m[0], m[3] - m[2]) for m in expected)
    assert any(length == 2 for _, length in hit)  # a multi-token pattern was reached
    assert len({attr for attr, _ in hit}) > 60


def test_tokens_get_the_same_attributes(model):
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))[:2]] + TRICKY
    plain = [
        [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in d] for d in model.pipe(texts)
    ]
    fast = spacy.load(DEFAULT_MODEL)
    assert index_matches(fast.get_pipe("attribute_ruler"))
    indexed = [
        [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in d] for d in fast.pipe(texts)
    ]
    assert indexed == plain


def small_ruler(model, patterns):
    ruler = AttributeRuler(model.vocab)
    for pattern, attrs, index in patterns:
        ruler.add([pattern], attrs, index=index)
    return ruler


PATTERNS = [
    ([{"LOWER": "the"}], {"LEMMA": "THE"}, 0),
    ([{"TAG": {"IN": ["NN", "NNS"]}, "LOWER": {"NOT_IN": ["dog"]}}], {"POS": "X"}, 0),
    ([{"ORTH": {"REGEX": "^[A-Z][a-z]+$"}}], {"MORPH": "Case=Nom"}, 0),
    ([{"LOWER": "new"}, {"LOWER": "york"}], {"LEMMA": "NY"}, -1),
    ([{"IS_SPACE": True}], {"POS": "SPACE"}, 0),
    ([{"DEP": "nsubj"}, {"TAG": {"IN": ["VBD", "VBZ"]}}], {"POS": "VERB"}, 1),
    ([{"POS": {"NOT_IN": ["NOUN"]}, "TEXT": "saw"}], {"LEMMA": "see"}, 0),
]


@pytest.mark.parametrize("count", [1, 3, len(PATTERNS)])
def test_small_rulers_match_as_the_matcher_does(model, count):
    ruler = small_ruler(model, PATTERNS[:count])
    fast = IndexedMatcher(ruler)
    text = "The dog saw New York and the cats.\n\nMary runs; the new york times."
    for doc in parsed(model, [text, *TRICKY]):
        assert fast(doc) == sorted(set(ruler.match(doc)))


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "the", "OP": "+"}],  # operators: left to the Matcher
        [{"LENGTH": {">=": 3}}],
        [{"_": {"claimx_thing": "x"}}],
        [{"LOWER": {"FUZZY": "teh"}}],
    ],
)
def test_patterns_it_cannot_read_keep_the_matcher(model, pattern):
    ruler = small_ruler(model, [(pattern, {"POS": "X"}, 0), *PATTERNS[:1]])
    own = ruler.match
    assert not index_matches(ruler)
    assert ruler.match == own


def test_an_index_outside_the_match_is_the_rulers_own_error(model):
    ruler = small_ruler(model, [([{"LOWER": "the"}], {"LEMMA": "THE"}, 2)])
    assert index_matches(ruler)
    (doc,) = parsed(model, ["the dog"])
    with pytest.raises(ValueError, match="E1001"):
        ruler(doc)
