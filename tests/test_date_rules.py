"""The date grammar as data: every pattern's examples run, and the word lists are clean."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from claimx.dates import find_dates
from claimx.dates.grammar import CHECKS
from claimx.errors import RulesError
from claimx.rules import load_rules

RULES = load_rules().dates
EXAMPLES = [
    pytest.param(pattern.name, ex, id=f"{pattern.name}: {ex.text}")
    for pattern in RULES.grammar.patterns
    for ex in pattern.examples
]


@pytest.mark.parametrize("name, example", EXAMPLES)
def test_pattern_examples(nlp, rules, name, example):
    found = find_dates(nlp(example.text), rules.dates, example.published).records
    assert example.value in [d.value for d in found], name


def test_every_pattern_has_examples():
    assert [p.name for p in RULES.grammar.patterns if not p.examples] == []


# Word lists that must not share a word: one word, one meaning.
DISJOINT = [
    ("months", "month_abbreviations"),
    ("weekdays", "weekday_abbreviations"),
    ("months", "weekdays"),
    ("relative_days", "reference_words"),
    ("shift_words", "offset_words"),
    ("holidays", "floating_holidays"),
    ("future_phrases_before", "past_phrases_before"),
    ("future_phrases_before", "open_phrases_before"),
    ("past_phrases_before", "open_phrases_before"),
    ("deadline_phrases_before", "future_phrases_before"),
    ("deadline_phrases_before", "past_phrases_before"),
    ("deadline_phrases_before", "open_phrases_before"),
    ("future_auxiliaries", "past_auxiliaries"),
    ("future_predicates", "future_participles"),
]


def _words(name: str) -> list[str]:
    return [str(w).lower() for w in getattr(RULES, name)]


@pytest.mark.parametrize(
    "name", [f.name for f in dataclasses.fields(RULES) if isinstance(getattr(RULES, f.name), tuple)]
)
def test_lists_have_no_duplicates(name):
    words = _words(name)
    assert sorted({w for w in words if words.count(w) > 1}) == []


@pytest.mark.parametrize("first, second", DISJOINT)
def test_lists_do_not_overlap(first, second):
    assert set(_words(first)) & set(_words(second)) == set()


def test_a_pattern_with_an_unknown_macro_is_a_rules_error(tmp_path):
    (tmp_path / "dates.yaml").write_text(
        "patterns:\n- {name: mine, resolver: year, regex: '{nonesuch}'}\n"
    )
    with pytest.raises(RulesError, match="unknown macro"):
        load_rules(tmp_path)


@pytest.mark.parametrize(
    "record, fragment",
    [
        ("{name: iso, resolver: year, regex: x}", "second pattern"),
        ("{name: mine, resolver: guess, regex: x}", "unknown resolver"),
        ("{name: mine, resolver: year, regex: x, checks: [vibes]}", "unknown check"),
        ("{name: mine, resolver: year, regex: '(x'}", "not a valid regex"),
    ],
)
def test_bad_patterns_are_rules_errors(tmp_path, record, fragment):
    (tmp_path / "dates.yaml").write_text(f"patterns:\n- {record}\n")
    with pytest.raises(RulesError, match=fragment):
        load_rules(tmp_path)


def test_checks_are_all_used():
    used = set(itertools.chain.from_iterable(p.checks for p in RULES.grammar.patterns))
    assert used == set(CHECKS)
