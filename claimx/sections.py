"""The section registry: one declaration per kind of fact a sheet holds.

Everything that handles sections iterates `SECTIONS`: record IDs
(`model.content_id`), rule loading (`rules.load_rules`), the spaCy components
(`components`), placing records on the original (`pipeline.build_sheet`), the
sheet writer and reader (`sheet`) and diff's pairing and labels. Adding a kind
of fact is one module (record type, rules class, finder), one rules file and
one `Section` below; README.md ("Extending claimx") walks through it.

Functions are named as "module:function" strings and imported on first use, so
that importing the registry (spaCy does, through the component entry points)
never imports an extractor, the parser or diff.
"""

from __future__ import annotations

import importlib
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from claimx.model import DateMention, Figure, Found, Quote, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from claimx.rules import Rules


@dataclass(frozen=True)
class Section:
    """How claimx finds, identifies, writes and compares one kind of fact."""

    name: str  # key in a fact sheet, and the component's `claimx_<name>`
    singular: str  # "quote": how messages name one record
    record: type  # frozen dataclass with id, text, span and at fields
    prefix: str  # record IDs are `<prefix>-<10 hex digits>`
    identity: Callable[[Any], tuple[object, ...]]  # what a record's ID is made from
    rules: dict[str, str]  # rule file stem -> "module:RulesClass" (rules/<stem>.yaml)
    # "module:function" taking (doc, rules: Rules) and returning a `Found`; it may
    # read the records of the sections it `requires` from `doc._.claimx_<name>`.
    finder: str
    requires: tuple[str, ...] = ()  # sections whose components must run first
    tokens: tuple[str, ...] = ()  # spaCy attributes the finder reads ("token.dep")
    # Hooks for `claimx diff`, "module:function": `similarity(old, new, old_context,
    # new_context) -> float | None` scores a candidate pair (None: not the same
    # claim); `label(record) -> rich.text.Text` is the line naming a record in a report.
    similarity: str | None = None
    label: str | None = None
    span_fields: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        hints = typing.get_type_hints(self.record)
        spans = tuple(name for name, hint in hints.items() if _is_span(hint))
        object.__setattr__(self, "span_fields", spans)

    @property
    def component(self) -> str:
        return f"claimx_{self.name}"

    @property
    def attribute(self) -> str:
        return f"doc._.claimx_{self.name}"

    def find(self, doc: Doc, rules: Rules) -> Found[Any]:
        return resolve(self.finder)(doc, rules)

    def hook(self, name: str) -> Callable[..., Any] | None:
        target = getattr(self, name)
        return None if target is None else resolve(target)


def _is_span(hint: Any) -> bool:
    return hint is Span or Span in typing.get_args(hint)


@cache
def resolve(target: str) -> Callable[..., Any]:
    """The function named by "package.module:function", imported once."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


# The finders as the components call them: (doc, all rules) -> Found.


def find_quotes(doc: Doc, rules: Rules) -> Found[Quote]:
    from claimx.quotes import find_quotes

    return find_quotes(doc, rules.quotes, rules.speakers)


def find_dates(doc: Doc, rules: Rules) -> Found[DateMention]:
    from claimx.dates import find_dates

    return find_dates(doc, rules.dates, doc._.claimx_published)


def find_figures(doc: Doc, rules: Rules) -> Found[Figure]:
    from claimx.figures import find_figures

    # Figures never overlap a date: "2026" in "January 2026" is not a count.
    skip = tuple(d.span for d in doc._.claimx_dates)
    return find_figures(doc, rules.figures, skip)


_PARSE = ("token.dep", "token.head", "token.tag", "token.lemma")

SECTIONS: dict[str, Section] = {
    s.name: s
    for s in (
        Section(
            name="quotes",
            singular="quote",
            record=Quote,
            prefix="q",
            identity=lambda q: (q.kind == "indirect", q.speaker, q.text),
            rules={
                "quotes": "claimx.quotes:QuoteRules",
                "speakers": "claimx.speakers:SpeakerRules",
            },
            finder="claimx.sections:find_quotes",
            tokens=(*_PARSE, "token.ent_type", "token.ent_iob", "doc.ents", "doc.sents"),
            similarity="claimx.diff.claims:score_quote",
            label="claimx.diff.claims:quote_label",
        ),
        Section(
            name="dates",
            singular="date",
            record=DateMention,
            prefix="d",
            identity=lambda d: (d.text, d.value),
            rules={"dates": "claimx.dates:DateRules"},
            finder="claimx.sections:find_dates",
            tokens=_PARSE,
            similarity="claimx.diff.claims:score_date",
            label="claimx.diff.claims:date_label",
        ),
        Section(
            name="figures",
            singular="figure",
            record=Figure,
            prefix="f",
            identity=lambda f: (f.value, f.value_max, f.qualifier, f.unit, f.text),
            rules={"figures": "claimx.figures.rules:FigureRules"},
            finder="claimx.sections:find_figures",
            requires=("dates",),
            tokens=_PARSE,
            similarity="claimx.diff.claims:score_figure",
            label="claimx.diff.claims:figure_label",
        ),
    )
}


def in_order() -> list[Section]:
    """Sections in an order where each comes after those it requires (registry order otherwise)."""
    done: list[Section] = []
    pending = list(SECTIONS.values())
    while pending:
        ready = [s for s in pending if all(r in {d.name for d in done} for r in s.requires)]
        if not ready:
            names = ", ".join(s.name for s in pending)
            raise ValueError(f"sections with missing or circular requirements: {names}")
        done.append(ready[0])
        pending.remove(ready[0])
    return done
