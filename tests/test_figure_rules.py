"""rules/figures.yaml: no duplicate entries, no unintended overlaps between lists."""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

RULES = Path(__file__).resolve().parent.parent / "rules" / "figures.yaml"

# Keys matched case-sensitively ("5m" is not "5M" for the reader); all others fold case.
CASE_SENSITIVE = {
    "scale_suffixes",
    "suffixes_need_currency",
    "identifier_words",
    "months",
    "not_units",
    "glued_unit_letters",
}


class _DuplicateKeys(yaml.SafeLoader):
    """A loader that refuses a mapping with the same key twice (PyYAML keeps the last)."""


def _mapping(loader: _DuplicateKeys, node: yaml.MappingNode) -> dict[Any, Any]:
    keys = [loader.construct_object(k) for k, _ in node.value]
    twice = [k for k, n in Counter(map(str, keys)).items() if n > 1]
    if twice:
        raise ValueError(f"line {node.start_mark.line + 1}: key(s) {twice} given twice")
    return loader.construct_mapping(node)


_DuplicateKeys.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _load(text: str) -> dict[str, Any]:
    return yaml.load(text, Loader=_DuplicateKeys)


def _fold(key: str, word: object) -> str:
    text = " ".join(str(word).split())
    return text if key in CASE_SENSITIVE else text.lower()


def _lists(data: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    """Every list of words in the file, with its key (mapping keys count as a list)."""
    out: list[tuple[str, list[Any]]] = []
    for key, value in data.items():
        if isinstance(value, list):
            out.append((key, value))
        elif isinstance(value, dict):
            out.append((key, list(value)))
            out += [(key, v) for v in value.values() if isinstance(v, list)]
    return out


def _duplicates(data: dict[str, Any]) -> list[str]:
    found = []
    for key, words in _lists(data):
        counts = Counter(_fold(key, w) for w in words)
        found += [f"{key}: {w!r}" for w, n in counts.items() if n > 1]
    return found


RULES_DATA = _load(RULES.read_text(encoding="utf-8"))


def test_no_duplicate_entries() -> None:
    assert _duplicates(RULES_DATA) == []


def test_duplicate_checks_can_fail() -> None:
    assert _duplicates(_load("qualifiers: {about: '~'}\nweak_words: [one, One]")) == [
        "weak_words: 'one'"
    ]
    with pytest.raises(ValueError, match="given twice"):
        _load("qualifiers:\n  about: '~'\n  about: '='\n")


def _words(key: str, sub: str | None = None) -> set[str]:
    value = RULES_DATA.get(key) or {}
    if sub is not None:
        value = value.get(sub) or []
    return {_fold(key, w) for w in value}


# Lists that must not share a word: each word has one reading.
DISJOINT = [
    ("number_words", None, "scale_words", None),
    ("number_words", None, "percent_words", None),
    ("qualifiers", None, "negative_words", None),
    ("currencies", None, "units", "measure"),
    ("currencies", None, "units", "money"),
    ("time_words", None, "units", "duration"),
    ("range_connectors", None, "post_qualifiers", None),
    ("anaphoric_determiners", None, "article_words", None),
    ("phone_cues", None, "qualifiers", None),
] + [
    ("units", a, "units", b)
    for a, b in itertools.combinations(sorted(RULES_DATA.get("units") or {}), 2)
]


@pytest.mark.parametrize(("a", "sub_a", "b", "sub_b"), DISJOINT)
def test_lists_do_not_overlap(a: str, sub_a: str | None, b: str, sub_b: str | None) -> None:
    assert _words(a, sub_a) & _words(b, sub_b) == set()


# Lists that must be a part of another: a weak word is a number word.
SUBSETS = [
    ("weak_words", "number_words"),
    ("suffixes_need_currency", "scale_suffixes"),
    ("currency_needs_scale", "currencies"),
]


@pytest.mark.parametrize(("part", "whole"), SUBSETS)
def test_list_is_part_of_another(part: str, whole: str) -> None:
    assert {w.lower() for w in _words(part)} <= {w.lower() for w in _words(whole)}
