"""claimx: who said what, when, and how many, from news articles, as YAML fact sheets.

    import claimx
    sheet = claimx.extract_text(text, published="2026-01-12")
    sheet.quotes, sheet.dates, sheet.figures   # records placed on `text`, with IDs

Importing the package is cheap: spaCy is loaded on the first extraction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimx.model import FactSheet

__version__ = "0.1.0"
FORMAT_VERSION = 2

__all__ = ["FORMAT_VERSION", "__version__", "extract_text"]


def extract_text(text: str, *, published: str | None = None, **options: Any) -> FactSheet:
    """One article's fact sheet, the records `claimx extract` gives for the same text.

    Options: `path` (the name the sheet gives the article, default "-"), `nlp`
    (a spaCy pipeline with the claimx components), `model`, `rules_dir`. See
    `claimx.pipeline.extract_text`.
    """
    from claimx.pipeline import extract_text as run

    return run(text, published=published, **options)
