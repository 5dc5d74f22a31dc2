"""The one data model of claimx: plain frozen dataclasses, no spaCy objects.

Field order is the order keys appear in a fact sheet. Every span is a pair of
character offsets into the decoded original article (`original[start:end] ==
text`); extractors produce them in Doc coordinates and `pipeline.build_sheet`
maps them back. Which sections a sheet has is declared in `claimx.sections`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, TypeVar


class Span(NamedTuple):
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class Quote:
    id: str = ""
    kind: str  # direct | partial | indirect
    speaker: str | None = None
    speaker_type: str | None = None  # person | organisation | group | anonymous | document
    via: str | None = None  # how the speaker was resolved: name | surname | pronoun | ...
    role: str | None = None
    mention: str | None = None
    mention_span: Span | None = None
    cue: str | None = None
    text: str
    span: Span
    at: str = ""


@dataclass(frozen=True, kw_only=True)
class DateMention:
    id: str = ""
    text: str
    value: str
    type: str = "date"  # date | time
    anchor: str  # absolute | published | inferred | none
    span: Span
    at: str = ""


@dataclass(frozen=True, kw_only=True)
class Figure:
    id: str = ""
    text: str
    value: float | int
    value_max: float | int | None = None
    qualifier: str = "="  # = ~ > >= < <=
    unit: str | None = None
    kind: str = "count"  # count | money | percent | measure | duration | multiple
    about: str | None = None
    span: Span
    at: str = ""


Record = Quote | DateMention | Figure
R = TypeVar("R")


class Found(NamedTuple, Generic[R]):
    """What every pure finder returns: its records, and its warnings.

    A warning is a message and the offset, in Doc characters, of the text it is
    about; the pipeline maps the offset back to a line:column of the original.
    """

    records: tuple[R, ...]
    warnings: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, kw_only=True)
class Source:
    path: str
    sha256: str
    format: str = "text"  # text | markdown | html | jsonl
    title: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None
    published: str | None = None
    # option | front-matter | dateline | byline | page (HTML metadata) | field (JSON Lines) | None
    published_from: str | None = None


@dataclass(frozen=True, kw_only=True)
class ExtractorInfo:
    version: str
    model: str
    rules: str


@dataclass(frozen=True, init=False)
class FactSheet:
    """One article's facts: a tuple of records per registered section.

    Sections are keyword arguments and attributes (`FactSheet(quotes=...)`,
    `sheet.quotes`); `records` holds them all, in registry order.
    """

    claimx: int
    source: Source
    extractor: ExtractorInfo
    records: Mapping[str, tuple[Any, ...]]
    warnings: tuple[str, ...]

    def __init__(
        self,
        *,
        source: Source,
        extractor: ExtractorInfo,
        claimx: int = 1,
        records: Mapping[str, tuple[Any, ...]] | None = None,
        warnings: tuple[str, ...] = (),
        **sections: tuple[Any, ...],
    ) -> None:
        from claimx.sections import SECTIONS

        given = {**(records or {}), **sections}
        unknown = sorted(set(given) - set(SECTIONS))
        if unknown:
            raise TypeError(f"FactSheet: unknown section {unknown[0]!r}")
        object.__setattr__(self, "claimx", claimx)
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "extractor", extractor)
        object.__setattr__(self, "records", {n: tuple(given.get(n, ())) for n in SECTIONS})
        object.__setattr__(self, "warnings", tuple(warnings))

    def __getattr__(self, name: str) -> tuple[Any, ...]:
        # Only reached for names that are not fields: a section's records.
        records = self.__dict__.get("records")
        if records is not None and name in records:
            return records[name]
        raise AttributeError(f"FactSheet has no section or field {name!r}")

    @property
    def quotes(self) -> tuple[Quote, ...]:
        return self.records["quotes"]

    @property
    def dates(self) -> tuple[DateMention, ...]:
        return self.records["dates"]

    @property
    def figures(self) -> tuple[Figure, ...]:
        return self.records["figures"]


_FOLD = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)


def fold(text: str) -> str:
    """Text as compared for identity: case, quote glyphs, dashes and spacing folded."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).lower()
    # A line wrapped after a hyphen ("Ki-" / "tae") is the same words.
    text = re.sub(r"(?<=\w-)\s*\n\s*(?=\w)", "", text)
    return re.sub(r"\s+", " ", text).strip(" \"'.,;:")


def content_id(section: str, *parts: object) -> str:
    """An ID from what a claim says, never from where it stands."""
    from claimx.sections import SECTIONS

    prefix = SECTIONS[section].prefix
    key = "\x1f".join(fold(str(p)) if p is not None else "" for p in (section, *parts))
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"


def record_identity(section: str, record: Any) -> tuple[object, ...]:
    """The content a record's ID is made from."""
    from claimx.sections import SECTIONS

    return SECTIONS[section].identity(record)


def __getattr__(name: str) -> Any:
    # `model.SECTIONS` (section name -> record type) from before the registry:
    # kept while modules move to `claimx.sections.SECTIONS`.
    if name == "SECTIONS":
        from claimx.sections import SECTIONS

        return {n: s.record for n, s in SECTIONS.items()}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
