"""Running extraction over many inputs: in this process, in worker processes or on Dask.

`run(inputs, job)` yields one `pipeline.Result` per article, in input order,
whichever way the work is done:

- `workers=1`: here, in windows of inputs, each checked against the cache
  before the misses go through spaCy together;
- `workers=N`: the same windows in N worker processes that load the pipeline
  once each (`process_chunk` is the unit of work), results reordered here;
- `dask=ADDRESS`: the same chunks as tasks on a Dask cluster
  (`claimx.distributed`).

A failing article is a Result with an error wherever it ran. A worker that
dies (killed, out of memory) fails the articles it held, named, and the run
goes on with a new pool. SIGINT and SIGTERM stop a run: workers are
terminated and joined, and `Stopped` carries the exit status (130, 143).
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from claimx.cache import CacheKey, Entry, SheetCache, file_digest
from claimx.errors import InputError

if TYPE_CHECKING:
    from claimx.pipeline import Input, Result

# Inputs checked against the cache and sent through spaCy together.
WINDOW = 64


class Stopped(Exception):
    """The run was stopped by a signal; `exit_code` is 128 + its number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.exit_code = 128 + signum


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to turn inputs into sheets; picklable."""

    model: str
    rules_dir: str | None = None
    options: tuple[tuple[str, Any], ...] = ()  # keyword arguments of pipeline.extract
    batch_size: int = 16
    cache_dir: str | None = None  # None: no cache
    # Turns a sheet into its text where it is made (in the worker); picklable.
    render: Callable[[Any], str] | None = None
    render_id: str = ""  # names `render` with its options, for the cache

    def cache(self) -> SheetCache | None:
        if self.cache_dir is None:
            return None
        cache = SheetCache(self.cache_dir, CacheKey(self.model, self.rules_dir, repr(self.options)))
        return cache if cache.enabled else None


@dataclass(frozen=True)
class Outcome:
    """One article's result as it travels back from a worker."""

    index: int  # position of its input in the run
    sheet: Any = None
    text: str | None = None  # the sheet rendered by Job.render
    article: str | None = None  # the text a web page's spans index (written beside its sheet)
    problems: tuple[str, ...] = ()  # extractors that failed: the sheet is written without them
    error_path: str | None = None
    error_reason: str | None = None
    cached: bool = False


@dataclass
class Tally:
    """What the run did, for the summary line."""

    inputs: int = 0
    sheets: int = 0
    failed: int = 0
    cached: int = 0
    problems: int = 0  # sheets written without the records of a failed extractor
    records: dict[str, int] = field(default_factory=dict)

    def add(self, result: Result, cached: bool = False) -> None:
        if result.error is not None:
            self.failed += 1
            return
        self.sheets += 1
        self.cached += cached
        self.problems += bool(result.problems)
        sheet = result.sheet
        for name in _section_names():
            self.records[name] = self.records.get(name, 0) + len(getattr(sheet, name, ()))

    def line(self, where: str, seconds: float | None = None) -> str:
        """`200 articles: 198 written to out (12 from the cache), 2 failed; 512 quotes, ...`."""
        text = f"{self.sheets + self.failed:,} {_plural(self.sheets + self.failed, 'article')}: "
        text += f"{self.sheets:,} written to {where}"
        if self.cached:
            text += f" ({self.cached:,} from the cache)"
        text += f", {self.failed:,} failed"
        if self.problems:
            text += f", {self.problems:,} written without a failed extractor's records"
        if self.records:
            text += "; " + ", ".join(f"{n:,} {name}" for name, n in self.records.items())
        if seconds is not None:
            text += f"; {seconds:.1f} s"
        return text


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def _section_names() -> tuple[str, ...]:
    from claimx.sections import SECTIONS

    return tuple(SECTIONS)


# The unit of work


def process_chunk(
    job: Job, items: Sequence[tuple[int, Input]], stdin: bytes | None = None
) -> list[Outcome]:
    """Outcomes of a chunk of inputs, in order; never raises for one article's sake."""
    return list(_process(job, items, stdin))


def _process(
    job: Job, items: Sequence[tuple[int, Input]], stdin: bytes | None
) -> Iterator[Outcome]:
    cache = job.cache()
    for start in range(0, len(items), WINDOW):
        window = _Window(job, items[start : start + WINDOW], stdin, cache)
        try:
            yield from window
        except Exception as exc:
            # A bug outside the per-article guards: the input being written fails,
            # the rest are done again one at a time so that only the culprit fails.
            for index, item in window.unfinished():
                if index in window.started:
                    yield Outcome(index, error_path=item.path, error_reason=f"failed: {exc!r}")
                    continue
                try:
                    yield from _Window(job, [(index, item)], stdin, cache)
                except Exception as again:
                    yield Outcome(index, error_path=item.path, error_reason=f"failed: {again!r}")


class _Window:
    """Inputs looked up in the cache, the misses through spaCy together, yielded in order.

    Sheets stream out as soon as every input before theirs is complete: an
    input is complete when a later one has a sheet (pipeline.extract keeps
    input order for sheets, and reports failures no later than that).
    """

    def __init__(
        self,
        job: Job,
        items: Sequence[tuple[int, Input]],
        stdin: bytes | None,
        cache: SheetCache | None,
    ) -> None:
        self.job = job
        self.items = list(items)
        self.stdin = stdin
        self.cache = cache
        self.out: dict[int, list[Outcome]] = {index: [] for index, _ in self.items}
        self.complete: set[int] = set()
        self.sent: dict[int, int] = {}  # outcomes already yielded, per input
        self.started: set[int] = set()
        self.pos = 0

    def unfinished(self) -> list[tuple[int, Input]]:
        return self.items[self.pos :]

    def __iter__(self) -> Iterator[Outcome]:
        keys: dict[int, str] = {}
        misses: list[tuple[int, Input]] = []
        cache = self.cache
        for index, item in self.items:
            key = _key(cache, item, self.stdin) if cache is not None else None
            entry = cache.get(key) if cache is not None and key else None
            if entry is not None:
                try:
                    self.out[index] = self._from_cache(index, item, entry, key)
                except ValueError:  # not relocatable: made again
                    entry = None
                else:
                    self.complete.add(index)
                    continue
            if key:
                keys[index] = key
            misses.append((index, item))
        yield from self._emit()
        if not misses:
            return
        from claimx.pipeline import extract, load_pipeline
        from claimx.rules import cached_rules

        nlp = load_pipeline(self.job.model, self.job.rules_dir)
        rules = cached_rules(self.job.rules_dir)
        where = {id(item): index for index, item in misses}
        results = extract(
            [item for _, item in misses],
            nlp,
            rules,
            batch_size=self.job.batch_size,
            stdin=io.BytesIO(self.stdin) if self.stdin is not None else None,
            **dict(self.job.options),
        )
        for result in results:
            index = where[id(result.input)]
            if result.error is not None:
                error = result.error
                self.out[index].append(
                    Outcome(index, error_path=error.path, error_reason=error.reason)
                )
            else:
                sheet = result.sheet
                article = result.text if _is_page(sheet) else None
                self.out[index].append(
                    Outcome(
                        index,
                        sheet=sheet,
                        text=self._render(sheet),
                        article=article,
                        problems=tuple(result.problems),
                    )
                )
                self.complete.update(i for i, _ in misses if i < index)
                self._store(keys, misses, index)
            yield from self._emit()
        self.complete.update(self.out)
        self._store(keys, misses, None)
        yield from self._emit()

    def _emit(self) -> Iterator[Outcome]:
        while self.pos < len(self.items):
            index = self.items[self.pos][0]
            got = self.out[index]
            sent = self.sent.get(index, 0)
            if len(got) > sent:
                self.started.add(index)
                self.sent[index] = len(got)
                yield from got[sent:]
            if index not in self.complete:
                return
            self.pos += 1

    def _store(
        self, keys: dict[int, str], misses: list[tuple[int, Input]], before: int | None
    ) -> None:
        """Cache the complete inputs (before `before`) that had no failure."""
        if self.cache is None:
            return
        for index, item in misses:
            if before is not None and index >= before:
                break
            key = keys.pop(index, None)
            got = self.out[index]
            if key and all(o.error_reason is None and not o.problems for o in got):
                sheets = tuple(o.sheet for o in got)
                texts = {}
                if self.job.render is not None:
                    texts[self.job.render_id] = tuple(o.text or "" for o in got)
                texts[_ARTICLES] = tuple(o.article or "" for o in got)
                self.cache.put(key, Entry(item.path, sheets, texts))

    def _render(self, sheet: Any) -> str | None:
        return None if self.job.render is None else self.job.render(sheet)

    def _from_cache(self, index: int, item: Input, entry: Entry, key: str | None) -> list[Outcome]:
        sheets = entry.sheets_for(item.path)
        render = self.job.render
        texts = entry.texts_for(item.path, self.job.render_id) if render is not None else None
        if render is not None and texts is None:
            texts = tuple(render(s) for s in sheets)
            if item.path == entry.path and self.cache is not None and key:
                renderings = {**entry.texts, self.job.render_id: texts}
                self.cache.put(key, Entry(entry.path, entry.sheets, renderings))
        articles = entry.texts.get(_ARTICLES) or ("",) * len(sheets)
        return [
            Outcome(
                index,
                sheet=s,
                text=texts[i] if texts else None,
                article=articles[i] if _is_page(s) else None,
                cached=True,
            )
            for i, s in enumerate(sheets)
        ]


# In a cache entry's texts: the extracted text of web pages, which no path changes.
_ARTICLES = "\x00articles"


def _is_page(sheet: Any) -> bool:
    return getattr(sheet.source, "format", None) == "html"


def _key(cache: SheetCache, item: Input, stdin: bytes | None) -> str | None:
    try:
        if item.file is None:
            if stdin is None:
                return None
            content = file_digest(stdin)
        else:
            content = file_digest(path=item.file)
    except OSError:
        return None  # extract reports it
    suffix = os.path.splitext(item.path if item.file is None else str(item.file))[1]
    return cache.key(content, suffix)


# Running


def run(
    inputs: Sequence[Input],
    job: Job,
    *,
    workers: int = 1,
    dask: str | None = None,
    stdin: bytes | None = None,
) -> Generator[tuple[Result, Outcome], None, None]:
    """(Result, Outcome) per article, in input order: the outcome has the rendered
    text (with `Job.render`) and says whether it came from the cache."""
    from claimx.pipeline import Result

    numbered = list(enumerate(inputs))
    if dask is not None:
        from claimx.distributed import dask_outcomes

        outcomes = dask_outcomes(dask, job, numbered, stdin, workers)
    elif workers > 1:
        outcomes = _pool_outcomes(job, numbered, stdin, workers)
    else:
        outcomes = _process(job, numbered, stdin)
    for o in outcomes:
        item = inputs[o.index]
        if o.error_reason is not None:
            error = InputError(o.error_path or item.path, o.error_reason)
            yield Result(item, error=error), o
        else:
            yield Result(item, sheet=o.sheet, problems=o.problems), o


def chunks(
    numbered: Sequence[tuple[int, Input]], size: int
) -> Iterator[Sequence[tuple[int, Input]]]:
    for start in range(0, len(numbered), size):
        yield numbered[start : start + size]


def chunk_size(total: int, workers: int, batch_size: int) -> int:
    """Small enough to keep every worker busy to the end, large enough to batch."""
    return max(1, min(batch_size, -(-total // (workers * 4))))


def _pool_outcomes(
    job: Job, numbered: Sequence[tuple[int, Input]], stdin: bytes | None, workers: int
) -> Iterator[Outcome]:
    pool = _Pool(job, workers)
    todo = chunks(numbered, chunk_size(len(numbered), workers, job.batch_size))
    pending: deque[tuple[Sequence[tuple[int, Input]], Future[list[Outcome]]]] = deque()
    try:
        for chunk in todo:
            pending.append((chunk, pool.submit(chunk, stdin)))
            if len(pending) >= workers * 2:
                yield from _collect(pool, pending, stdin)
        while pending:
            yield from _collect(pool, pending, stdin)
    finally:
        pool.stop()


def _collect(
    pool: _Pool,
    pending: deque[tuple[Sequence[tuple[int, Input]], Future[list[Outcome]]]],
    stdin: bytes | None,
) -> Iterator[Outcome]:
    chunk, future = pending.popleft()
    try:
        outcomes = future.result()
    except BrokenProcessPool:
        # The worker died with this chunk: its articles fail, named; the chunks
        # in flight beside it go to a new pool.
        for index, item in chunk:
            yield Outcome(
                index,
                error_path=item.path,
                error_reason="worker process died (killed or out of memory)",
            )
        pool.restart()
        for i, (other, _) in enumerate(pending):
            pending[i] = (other, pool.submit(other, stdin))
        return
    yield from outcomes


class _Pool:
    """A process pool whose workers ignore SIGINT and die with this process."""

    def __init__(self, job: Job, workers: int) -> None:
        self.job = job
        self.workers = workers
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        import multiprocessing

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context(method),
            initializer=_init_worker,
            initargs=(self.job, os.getpid()),
        )

    def submit(
        self, chunk: Sequence[tuple[int, Input]], stdin: bytes | None
    ) -> Future[list[Outcome]]:
        return self.executor.submit(process_chunk, self.job, chunk, stdin)

    def restart(self) -> None:
        self.stop()
        self.executor = self._start()

    def stop(self) -> None:
        """Terminate the workers now and wait for them: nothing is left behind."""
        processes = list(getattr(self.executor, "_processes", {}).values())
        for proc in processes:
            if proc.is_alive():
                proc.terminate()
        self.executor.shutdown(wait=False, cancel_futures=True)
        for proc in processes:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()
                proc.join(timeout=5)


def _init_worker(job: Job, parent: int) -> None:
    # Ctrl-C reaches the whole process group: the parent decides, workers go on
    # until it terminates them. The pipeline is loaded at the first cache miss.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    """Linux: SIGTERM when the parent dies, even by SIGKILL."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl
        os._exit(1)


# Signals


class signals_stop:
    """Within: SIGTERM and SIGINT raise `Stopped` in the main thread."""

    def __enter__(self) -> signals_stop:
        self.previous: dict[int, Any] = {}
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(ValueError):  # not the main thread
                self.previous[signum] = signal.signal(signum, self._raise)
        return self

    @staticmethod
    def _raise(signum: int, frame: object) -> None:
        raise Stopped(signum)

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)
