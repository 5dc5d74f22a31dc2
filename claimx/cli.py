"""The `claimx` command: thin Typer wrappers over the library.

Each command parses its options, calls one library function, and turns
`ClaimxError`s into a one-line message and an exit code (0 ok, 1 some inputs
failed or facts differ, 2 usage).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console

# Only what `--help` needs is imported here; spaCy, the extractors and Dask are
# imported by the commands that use them.
from claimx import __version__
from claimx.errors import ClaimxError, UsageError
from claimx.pipeline import DEFAULT_GLOBS, DEFAULT_MODEL, Input, find_inputs, load_pipeline
from claimx.reader import validate_date_option

app = typer.Typer(
    name="claimx",
    help="Who said what, when and how many: news articles in, YAML fact sheets out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(StrEnum):
    yaml = "yaml"
    jsonl = "jsonl"


class DiffFormat(StrEnum):
    text = "text"
    yaml = "yaml"


# Options that `extract` and `diff` share.
DateOption = Annotated[
    Optional[str],
    typer.Option("--date", help="Publication date YYYY-MM-DD, overriding the article's."),
]
ModelOption = Annotated[str, typer.Option("--model", help="Installed spaCy pipeline.")]
RulesOption = Annotated[
    Optional[Path],
    typer.Option("--rules", help="Directory of rule files added to or overriding the defaults."),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimx {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    """claimx: quotes with resolved speakers, normalised dates and figures, with provenance."""


def fail(exc: ClaimxError) -> typer.Exit:
    err.print(f"claimx: error: {exc}", markup=False)
    return typer.Exit(exc.exit_code)


@app.command("extract")
def extract_command(
    paths: Annotated[
        list[str],
        typer.Argument(help="Article files or directories (searched recursively); - for stdin."),
    ],
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="Write DIR/<relative path>.yaml per article."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="yaml or jsonl.")] = Format.yaml,
    glob: Annotated[
        Optional[list[str]],
        typer.Option("--glob", "-g", help="File pattern inside directories (repeatable)."),
    ] = None,
    date: DateOption = None,
    model: ModelOption = DEFAULT_MODEL,
    rules_dir: RulesOption = None,
    workers: Annotated[
        int, typer.Option("--workers", "-j", min=1, help="Processes for spaCy.")
    ] = 1,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Articles per spaCy batch.")
    ] = 16,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar, no summary line.")
    ] = False,
    cache: Annotated[
        Optional[Path],
        typer.Option(
            "--cache",
            metavar="DIR",
            help="Reuse the sheet of an article whose bytes, claimx, model and rules are "
            "unchanged [default: the user cache directory, or $CLAIMX_CACHE_DIR].",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the cache.")
    ] = False,
    dask: Annotated[
        Optional[str],
        typer.Option(
            "--dask",
            metavar="ADDRESS",
            help="Run on a Dask cluster: a scheduler address (tcp://host:8786), or `local` "
            "to start one on this machine with --workers processes. Needs claimx[dask].",
        ),
    ] = None,
) -> None:
    """Extract quotes, dates and figures from articles into fact sheets."""
    from contextlib import closing

    from claimx.rules import cached_rules
    from claimx.run import Job, Stopped, Tally, run, signals_stop
    from claimx.sheet import dump_jsonl, dump_yaml

    try:
        published = validate_date_option(date) if date else None
    except ValueError as exc:
        raise fail(UsageError(str(exc))) from exc
    rules = str(rules_dir) if rules_dir else None
    try:
        inputs = find_inputs(paths, tuple(glob) if glob else DEFAULT_GLOBS)
        cached_rules(rules)
        if output is not None:
            _check_output_dir(output)
        _check_model(model, rules)
        if dask is not None:
            _check_dask(dask)
    except ClaimxError as exc:
        raise fail(exc) from exc
    if not inputs:
        err.print("claimx: warning: no article files found", markup=False)
        return

    targets = _targets(inputs, output, fmt) if output is not None else {}
    job = Job(
        model=model,
        rules_dir=rules,
        options=(("published", published),),
        batch_size=batch_size,
        cache_dir=None if no_cache else str(cache or _default_cache()),
        render=dump_jsonl if fmt is Format.jsonl else dump_yaml,
        render_id=fmt.value,
    )
    stdin = sys.stdin.buffer.read() if any(item.file is None for item in inputs) else None
    tally = Tally(inputs=len(inputs))
    started = time.perf_counter()
    where = str(output) if output is not None else "stdout"
    try:
        results = closing(run(inputs, job, workers=workers, dask=dask, stdin=stdin))
        with signals_stop(), results as stream, _progress(len(inputs), quiet) as advance:
            last = -1
            for result, outcome in stream:
                if outcome.index != last:
                    advance()
                    last = outcome.index
                if result.error is not None:
                    tally.add(result)
                    err.print(f"claimx: error: {result.error}", markup=False)
                    continue
                text = outcome.text or ""
                if output is None:
                    sys.stdout.write(text)
                    sys.stdout.flush()
                    tally.add(result, outcome.cached)
                    continue
                try:
                    _write_atomic(targets[result.input.path], text)
                except OSError as exc:
                    tally.failed += 1
                    err.print(
                        f"claimx: error: {result.input.path}: cannot write "
                        f"{targets[result.input.path]}: {exc.strerror or exc}",
                        markup=False,
                    )
                    continue
                tally.add(result, outcome.cached)
    except Stopped as exc:
        err.print(f"claimx: stopped by {exc}: {tally.line(where)}", markup=False)
        raise typer.Exit(exc.exit_code) from None
    except ClaimxError as exc:
        raise fail(exc) from exc
    if not quiet:
        err.print(f"claimx: {tally.line(where, time.perf_counter() - started)}", markup=False)
    if tally.failed:
        raise typer.Exit(1)


def _default_cache() -> Path:
    from claimx.cache import default_dir

    return default_dir()


def _check_model(model: str, rules: str | None) -> None:
    """A model found by its meta.json is loaded where it is needed; else load it here to
    report why it can't be."""
    from claimx.cache import model_digest

    if model_digest(model) is None:
        load_pipeline(model, rules)


def _check_dask(address: str) -> None:
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise UsageError(
            "--dask needs Dask's distributed scheduler: pip install 'claimx[dask]'"
        ) from exc


@app.command("diff")
def diff_command(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD", help="The old version: an article, a fact sheet file or a folder."
        ),
    ],
    new: Annotated[
        str, typer.Argument(metavar="NEW", help="The new version, of the same type as OLD.")
    ],
    fmt: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="text (a report) or yaml.")
    ] = DiffFormat.text,
    date: DateOption = None,
    model: ModelOption = DEFAULT_MODEL,
    rules_dir: RulesOption = None,
) -> None:
    """Show the quotes, dates and figures that changed between two versions.

    Exit status: 0 when the facts are the same, 1 when they differ, 2 on error.
    """
    from claimx.diff import Extractor, compare_paths, render_text, render_yaml

    # As diff(1): 1 means "different", so every error exits 2.
    try:
        published = validate_date_option(date) if date else None
        extractor = Extractor(model, str(rules_dir) if rules_dir else None, published)
        report = compare_paths(old, new, extractor)
    except ValueError as exc:
        raise fail(UsageError(str(exc))) from exc
    except ClaimxError as exc:
        err.print(f"claimx: error: {exc}", markup=False)
        raise typer.Exit(2) from exc
    for warning in report.warnings:
        err.print(f"claimx: warning: {warning}", markup=False)
    if fmt is DiffFormat.yaml:
        sys.stdout.write(render_yaml(report))
        sys.stdout.flush()
    else:
        render_text(report, Console(highlight=False, soft_wrap=True))
    for error in report.errors:
        err.print(f"claimx: error: {error}", markup=False)
    if report.errors:
        raise typer.Exit(2)
    if not report.same:
        raise typer.Exit(1)


@app.command("corroborate")
def corroborate_command(
    paths: Annotated[
        list[str],
        typer.Argument(help="Articles, fact sheets (.yaml/.jsonl) or folders of either."),
    ],
    fmt: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="text (a report) or yaml.")
    ] = DiffFormat.text,
    conflicts: Annotated[
        bool, typer.Option("--conflicts", help="Only the groups where sources differ.")
    ] = False,
    date: DateOption = None,
    model: ModelOption = DEFAULT_MODEL,
    rules_dir: RulesOption = None,
) -> None:
    """Line up the same claims across sources: which agree, which differ.

    Exit status: 0 when no sources differ, 1 when some do, 2 on error.
    """
    from claimx.corroborate import corroborate
    from claimx.corroborate.render import render_text as render_groups
    from claimx.corroborate.render import to_yaml_text

    try:
        published = validate_date_option(date) if date else None
        report = corroborate(
            paths, model=model, rules_dir=str(rules_dir) if rules_dir else None, published=published
        )
    except ValueError as exc:
        raise fail(UsageError(str(exc))) from exc
    except ClaimxError as exc:
        err.print(f"claimx: error: {exc}", markup=False)
        raise typer.Exit(2) from exc
    for warning in report.warnings:
        err.print(f"claimx: warning: {warning}", markup=False)
    if fmt is DiffFormat.yaml:
        sys.stdout.write(to_yaml_text(report, conflicts=conflicts))
        sys.stdout.flush()
    else:
        render_groups(report, Console(highlight=False, soft_wrap=True), conflicts=conflicts)
    for error in report.errors:
        err.print(f"claimx: error: {error}", markup=False)
    if report.errors:
        raise typer.Exit(2)
    if report.differ:
        raise typer.Exit(1)


def _check_output_dir(output: Path) -> None:
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output}: --output must be a directory")
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or exc
        raise UsageError(f"{output}: cannot create output directory: {reason}") from exc
    if not os.access(output, os.W_OK | os.X_OK):
        raise UsageError(f"{output}: output directory is not writable")


def _targets(inputs: list[Input], output: Path, fmt: Format) -> dict[str, Path]:
    """DIR/<relative path> with the format's suffix; the input's suffix kept on a clash."""
    suffix = f".{fmt.value}"
    root = output.resolve()
    targets: dict[str, Path] = {}
    used: set[Path] = set()
    for item in inputs:
        target = root / item.relative.with_suffix(suffix)
        if target in used:
            target = root / item.relative.with_name(item.relative.name + suffix)
        if root not in target.resolve().parents:
            raise UsageError(f"{item.path}: would be written outside {output}")
        used.add(target)
        targets[item.path] = target
    return targets


def _write_atomic(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _progress:
    """A progress bar on stderr (rate, time left), only when a person watches a long run."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.enabled = not quiet and total > 1 and sys.stderr.isatty()
        self.total = total
        self.bar: Any = None

    def __enter__(self):
        if not self.enabled:
            return lambda: None
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        )
        self.bar.start()
        task = self.bar.add_task("extract", total=self.total, rate="")
        bar = self.bar

        def advance() -> None:
            bar.advance(task)
            speed = bar.tasks[0].speed
            bar.update(task, rate=f"{speed:.1f} articles/s" if speed else "")

        return advance

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def main() -> None:
    app()
