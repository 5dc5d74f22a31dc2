"""The gender a given name usually has, from gender-guesser's name list (offline).

gender-guesser (Jörg Michael's list of about 40,000 given names from many
countries) is read once per process, on first use. The rules' `given_names`
come first: they hold the few names news uses whose usual bearer the list gets
wrong or lacks ("Bernie", "Rishi", Korean given names).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

_GENDERS = {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}


@lru_cache(maxsize=1)
def _detector() -> Any:
    import gender_guesser.detector as detector  # type: ignore[import-untyped]

    return detector.Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def listed_gender(name: str) -> str | None:
    """male, female, or None when the list does not know or the name is shared."""
    if not name or not name[:1].isalpha():
        return None
    return _GENDERS.get(_detector().get_gender(name[:1].upper() + name[1:].lower()))
