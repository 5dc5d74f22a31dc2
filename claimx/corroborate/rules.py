"""The words `claimx corroborate` uses (rules/corroborate.yaml), typed and checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from claimx.errors import RulesError
from claimx.rules import build, default_rules_dir


@dataclass(frozen=True)
class CorroborateRules:
    event_families: dict[str, tuple[str, ...]]
    happening_verbs: tuple[str, ...] = ()
    statement_verbs: tuple[str, ...] = ()
    light_verbs: tuple[str, ...] = ()
    generic_nouns: tuple[str, ...] = ()
    name_labels: tuple[str, ...] = ()
    place_words: tuple[str, ...] = ()
    citation: str = r"\[(\d{1,3})\]"
    citations_min: int = 2
    _index: dict[str, frozenset[str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        index: dict[str, set[str]] = {}
        for family, words in self.event_families.items():
            for word in words:
                index.setdefault(word.lower(), set()).add(family)
        object.__setattr__(self, "_index", {k: frozenset(v) for k, v in index.items()})

    def families(self, lemma: str) -> frozenset[str]:
        """The event families a lemma belongs to (empty: none)."""
        return self._index.get(lemma.lower(), frozenset())


@lru_cache(maxsize=4)
def load_corroborate_rules(path: str | None = None) -> CorroborateRules:
    """rules/corroborate.yaml, or another file of the same keys."""
    file = Path(path) if path else default_rules_dir() / "corroborate.yaml"
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RulesError(f"{file}: cannot read rule file: {exc}") from exc
    if not isinstance(data, dict):
        raise RulesError(f"{file}: a rule file must be a mapping of keys to values")
    return build(CorroborateRules, data, str(file))
