"""Speakers: who a mention ("Lee", "she", "the professor") refers to in an article.

The article introduces people once in full ("Lee Won-deog, a professor of
Japanese studies at Kookmin University") and then names them by surname,
pronoun or role. The pieces:

- `index`: the people and organisations named in full, with their titles
  and appositive roles, collected once per Doc;
- `salience`: when each was last mentioned, and last mentioned prominently
  (subject of a clause, or speaker of a quote);
- `resolvers`: one per kind of mention (pronoun, full name, surname, role
  noun, organisation), returning updates instead of changing the index;
- `registry.Registry`: resolves mentions in document order and applies the
  updates, so "Lee noted" goes to the Lee just quoted, not the first Lee.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from claimx.speakers.rules import Lexicon, SpeakerRules

if TYPE_CHECKING:
    from claimx.speakers.mentions import name_parts, noun_phrase
    from claimx.speakers.registry import Registry, Resolution

__all__ = ["Lexicon", "Registry", "Resolution", "SpeakerRules", "name_parts", "noun_phrase"]

# Modules that import spaCy: loading the rules (a run served from the cache)
# must not pay for it.
_LAZY = {
    "name_parts": "claimx.speakers.mentions",
    "noun_phrase": "claimx.speakers.mentions",
    "Registry": "claimx.speakers.registry",
    "Resolution": "claimx.speakers.registry",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'claimx.speakers' has no attribute {name!r}")
