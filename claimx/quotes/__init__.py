"""Quotes: direct, partial and indirect, each with its cue and speaker.

1. `marks`: quotation marks paired paragraph by paragraph into segments.
2. `attribution`: each segment's cue and subject, from the parse, the frame
   around it, its sentence or punctuation; unattributed quotes continue the
   attribution next to them.
3. `reported`: reported speech as `indirect` records.
4. `finder.find_quotes`: all of it, with speaker mentions resolved in
   document order by `claimx.speakers.Registry`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from claimx.quotes.marks import Segment, pair_marks, paragraphs
from claimx.quotes.rules import QuoteRules

if TYPE_CHECKING:
    from claimx.quotes.finder import find_quotes

__all__ = ["QuoteRules", "Segment", "find_quotes", "pair_marks", "paragraphs"]


def __getattr__(name: str) -> Any:
    # The finder imports spaCy: loading the rules (a run served from the cache,
    # `claimx --help`) must not pay for it.
    if name == "find_quotes":
        from claimx.quotes.finder import find_quotes

        return find_quotes
    raise AttributeError(f"module 'claimx.quotes' has no attribute {name!r}")
