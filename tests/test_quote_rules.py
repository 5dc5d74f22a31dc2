"""rules/quotes.yaml and rules/speakers.yaml: no duplicates, no unintended overlaps."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

RULES = Path(__file__).resolve().parent.parent / "rules"


def _load(text: str) -> dict[str, Any]:
    return yaml.safe_load(text) or {}


QUOTES = _load((RULES / "quotes.yaml").read_text(encoding="utf-8"))
SPEAKERS = _load((RULES / "speakers.yaml").read_text(encoding="utf-8"))


def _lists(data: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    """Every list of words, with its key; a mapping's keys count as a list, and so do
    the lists it holds (`given_names: {female: [...]}` is checked as `given_names.female`)."""
    out: list[tuple[str, list[Any]]] = []
    for key, value in data.items():
        if isinstance(value, list):
            out.append((key, value))
        elif isinstance(value, dict):
            out.append((key, list(value)))
            out += [(f"{key}.{k}", v) for k, v in value.items() if isinstance(v, list)]
    return out


def duplicates(data: dict[str, Any]) -> list[str]:
    found = []
    for key, words in _lists(data):
        counts = Counter(" ".join(str(w).lower().split()) for w in words)
        found += [f"{key}: {w!r}" for w, n in counts.items() if n > 1]
    return found


def overlaps(data: dict[str, Any], a: str, b: str) -> set[str]:
    def words(key: str) -> set[str]:
        value: Any = data
        for part in key.split("."):
            value = (value or {}).get(part) or []
        return {str(w).lower().rstrip(".") for w in value}

    return words(a) & words(b)


@pytest.mark.parametrize("name, data", [("quotes", QUOTES), ("speakers", SPEAKERS)])
def test_no_duplicate_entries(name, data):
    assert duplicates(data) == []


# Lists that must not share a word: a word in both would mean two things at once.
DISJOINT = [
    (QUOTES, "speech_verbs", "thought_verbs"),
    (QUOTES, "document_verbs", "speech_verbs"),
    (QUOTES, "document_verbs", "thought_verbs"),
    (QUOTES, "intention_verbs", "speech_verbs"),
    (QUOTES, "topic_verbs", "speech_verbs"),
    (QUOTES, "content_prepositions", "source_prepositions"),
    (SPEAKERS, "role_nouns", "organisation_nouns"),
    (SPEAKERS, "document_nouns", "organisation_nouns"),
    (SPEAKERS, "document_nouns", "role_nouns"),
    (SPEAKERS, "unnamed_nouns", "role_nouns"),
    (SPEAKERS, "given_names.female", "given_names.male"),
    (SPEAKERS, "not_names", "titles"),
]


@pytest.mark.parametrize("data, a, b", DISJOINT, ids=[f"{a}-{b}" for _, a, b in DISJOINT])
def test_no_unintended_overlaps(data, a, b):
    assert overlaps(data, a, b) == set()


# Words that lead a title and are also a role of their own ("the secretary said").
LEADING_ROLES = {"attorney", "chief", "secretary"}


def test_role_nouns_are_whole_roles():
    """ "prime" and "vice" lead titles ("Prime Minister"); alone they name no one."""
    leading = {w.lower() for t in SPEAKERS["titles"] for w in str(t).split()[:-1]}
    assert set(SPEAKERS["role_nouns"]) & leading == LEADING_ROLES


def test_the_checks_can_fail():
    data = _load("speech_verbs: [say, Say]\nthought_verbs: [say]\ngiven_names: {male: [a, a]}")
    assert duplicates(data) == ["speech_verbs: 'say'", "given_names.male: 'a'"]
    assert overlaps(data, "speech_verbs", "thought_verbs") == {"say"}


@pytest.mark.parametrize("name, data", [("quotes", QUOTES), ("speakers", SPEAKERS)])
def test_every_rule_is_given(name, data):
    """A key missing from the default file silently falls back to an empty list."""
    import dataclasses

    from claimx.quotes import QuoteRules
    from claimx.speakers import SpeakerRules

    cls = {"quotes": QuoteRules, "speakers": SpeakerRules}[name]
    assert {f.name for f in dataclasses.fields(cls)} - set(data) == set()
