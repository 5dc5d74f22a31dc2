"""Dates: every temporal expression of an article, normalised to a TIMEX3 value.

Values follow the TimeML TIMEX3 conventions at the granularity the text states
(`2026-01-13`, `2025-11`, `2025`, `199X`, `1910/1945`, `2013-W11`, `2026-Q1`,
`PRESENT_REF`, `XXXX-01-05`, `2026-01-13T00:55Z`). Expressions that need a
calendar anchor ("Tuesday", "in November", "last year") are resolved against
the article's publication date, or, when it has none, against the latest full
date the article itself gives; the tense of the clause a date hangs on (read
from the dependency parse) says which way to look.

The grammar is data: `rules/dates.yaml` holds the words and the patterns (each
with its resolver and examples). The modules here hold the mechanisms:

- `grammar`: patterns compiled from the rules, and the scan of a text;
- `filters`: matches that only look like dates;
- `tense`: which way a date points, from the parse;
- `calendar`: arithmetic that never raises;
- `resolvers`: from a match to a value;
- `finder`: `find_dates`, the entry point.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimx.dates.rules import DateRules

if TYPE_CHECKING:
    from claimx.dates.finder import find_dates

__all__ = ["DateRules", "find_dates"]


def __getattr__(name: str) -> Any:
    # The finder imports spaCy: readers need only DateRules, and `claimx --help`
    # must not pay for spaCy.
    if name == "find_dates":
        from claimx.dates.finder import find_dates

        return find_dates
    raise AttributeError(f"module 'claimx.dates' has no attribute {name!r}")
