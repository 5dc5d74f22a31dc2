"""The `claimx` command: thin Typer wrappers over the library.

Each command parses its options, calls one library function, and turns
`ClaimxError`s into a one-line message and an exit code (0 ok, 1 some inputs
failed or facts differ, 2 usage).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

# Only what `--help` and `--version` need is imported here (a test keeps it so); the
# readers, spaCy, the extractors, the sheet writers and Dask are imported by the
# commands that use them.
from claimx import __version__
from claimx.defaults import DEFAULT_GLOBS, DEFAULT_MODEL, MAX_BYTES
from claimx.errors import ClaimxError, UsageError

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    name="claimx",
    help="Who said what, when and how many: news articles in, YAML fact sheets out.",
    no_args_is_help=True,
    add_completion=True,
    epilog="Run `claimx COMMAND -h` for a command's options and examples.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


@cache
def err() -> Console:
    """The console on stderr for messages, the summary line and the progress bar."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


class Format(StrEnum):
    yaml = "yaml"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"


def dumper(fmt: Format) -> Callable[..., str]:
    """The function writing one sheet in `fmt`."""
    from claimx import sheet

    dumps = {
        Format.yaml: sheet.dump_yaml,
        Format.jsonl: sheet.dump_jsonl,
        Format.csv: sheet.dump_csv,
        Format.tsv: sheet.dump_tsv,
    }
    return dumps[fmt]


def header(fmt: Format) -> str:
    """What a file or stream of sheets in `fmt` starts with (CSV and TSV: a header row)."""
    from claimx import sheet

    if fmt is Format.csv:
        return sheet.csv_header()
    return sheet.tsv_header() if fmt is Format.tsv else ""


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


def say(kind: str, message: object) -> None:
    """One line on stderr, control characters from paths and articles escaped."""
    from claimx.text import printable

    err().print(f"claimx: {kind}: {printable(str(message))}", markup=False)


def fail(exc: ClaimxError) -> typer.Exit:
    say("error", exc)
    return typer.Exit(exc.exit_code)


EXTRACT_EXAMPLES = """Examples:

  claimx extract seeds/                    # YAML on stdout
  claimx extract seeds/ -o facts/          # facts/<path>.yaml
  claimx extract page.html notes.md        # web pages, Markdown
  claimx extract news.jsonl --text-field body
  claimx extract seeds/ -f csv > facts.csv # one row per record
  claimx extract seeds/ --speaker "Choi Eun-mi"
  claimx extract - < article.txt           # standard input
"""


@app.command("extract", epilog=EXTRACT_EXAMPLES)
def extract_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Articles (.txt, .md, .html, .jsonl) or folders, searched recursively; "
            "- for stdin.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="Write DIR/<path relative to the folder given>.<format> per input file.",
            show_default="stdout",
        ),
    ] = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="yaml, jsonl, csv or tsv.")
    ] = Format.yaml,
    only: Annotated[
        Optional[str],
        typer.Option(
            "--only",
            metavar="SECTIONS",
            help="Keep these sections, comma-separated: quotes,dates,figures.",
            show_default="all",
        ),
    ] = None,
    speaker: Annotated[
        Optional[str],
        typer.Option(
            "--speaker",
            metavar="NAME",
            help="Keep the quotes of this speaker (whole words: Lee matches Lee Jae Myung); "
            "implies --only quotes unless --only is given.",
        ),
    ] = None,
    glob: Annotated[
        Optional[list[str]],
        typer.Option(
            "--glob",
            "-g",
            help="File pattern inside folders (repeatable).",
            show_default=" ".join(DEFAULT_GLOBS),
        ),
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
    max_size: Annotated[
        float,
        typer.Option(
            "--max-size", min=0.001, help="Largest input file in MB; larger ones are refused."
        ),
    ] = MAX_BYTES / 1_000_000,
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
    text_field: Annotated[
        str,
        typer.Option(
            "--text-field",
            help="JSON Lines: the article's text field.",
            rich_help_panel="JSON Lines collections",
        ),
    ] = "text",
    id_field: Annotated[
        str,
        typer.Option(
            "--id-field",
            help="JSON Lines: the article's ID (path file.jsonl#ID).",
            rich_help_panel="JSON Lines collections",
        ),
    ] = "id",
    title_field: Annotated[
        str,
        typer.Option(
            "--title-field", help="JSON Lines: the title.", rich_help_panel="JSON Lines collections"
        ),
    ] = "title",
    url_field: Annotated[
        str,
        typer.Option(
            "--url-field", help="JSON Lines: the URL.", rich_help_panel="JSON Lines collections"
        ),
    ] = "url",
    date_field: Annotated[
        str,
        typer.Option(
            "--date-field",
            help="JSON Lines: the publication date.",
            rich_help_panel="JSON Lines collections",
        ),
    ] = "date",
    author_field: Annotated[
        str,
        typer.Option(
            "--author-field",
            help="JSON Lines: the author.",
            rich_help_panel="JSON Lines collections",
        ),
    ] = "author",
) -> None:
    """Extract quotes, dates and figures from articles into fact sheets.

    Exit status: 0 all written; 1 some inputs failed, each named on stderr;
    2 usage: no such path, nothing matched, a bad option or rule file.
    """
    from contextlib import closing

    from claimx.formats import JsonlFields
    from claimx.outputs import Selection, TargetFiles, plan_targets, write_whole
    from claimx.pipeline import find_inputs
    from claimx.reader import validate_date_option
    from claimx.rules import cached_rules
    from claimx.run import Job, Stopped, Tally, run, signals_stop
    from claimx.sections import SECTIONS
    from claimx.text import printable

    try:
        published = validate_date_option(date) if date is not None else None
    except ValueError as exc:
        raise fail(UsageError(str(exc))) from exc
    rules = str(rules_dir) if rules_dir else None
    fields = JsonlFields(
        text=text_field,
        id=id_field,
        title=title_field,
        url=url_field,
        date=date_field,
        author=author_field,
    )
    patterns = tuple(glob) if glob else DEFAULT_GLOBS
    try:
        selection = Selection.parse(only, speaker, list(SECTIONS))
        inputs = find_inputs(paths, patterns, exclude=output)
        if not inputs:
            raise UsageError(
                f"no article files in {' '.join(paths)} (patterns: {' '.join(patterns)})"
            )
        targets = plan_targets(paths, inputs, output, f".{fmt.value}") if output else {}
        cached_rules(rules)
        if output is not None:
            _check_output_dir(output)
        _check_model(model, rules)
        if dask is not None:
            _check_dask(dask)
    except ClaimxError as exc:
        raise fail(exc) from exc

    head = header(fmt)
    job = Job(
        model=model,
        rules_dir=rules,
        options=(
            ("published", published),
            ("fields", fields),
            ("max_bytes", int(max_size * 1_000_000)),
        ),
        batch_size=batch_size,
        cache_dir=None if no_cache else str(cache or _default_cache()),
        render=_Render(fmt, selection),
        render_id=repr((fmt.value, selection)),
    )
    stdin = sys.stdin.buffer.read() if any(item.file is None for item in inputs) else None
    tally = Tally(inputs=len(inputs))
    started = time.perf_counter()
    where = str(output) if output is not None else "stdout"
    files = TargetFiles(head)
    if output is None and head:
        sys.stdout.write(head)
    try:
        results = closing(run(inputs, job, workers=workers, dask=dask, stdin=stdin))
        with signals_stop(), results as stream, _progress(len(inputs), quiet) as advance:
            last = -1
            for result, outcome in stream:
                if outcome.index != last:
                    advance()
                    last = outcome.index
                if result.sheet is None:
                    tally.add(result)
                    say("error", result.error)
                    continue
                for problem in result.problems:
                    say("error", f"{result.sheet.source.path}: {problem}; sheet written without it")
                text = outcome.text or ""
                if output is None:
                    sys.stdout.write(text)
                    sys.stdout.flush()
                    tally.add(result, outcome.cached)
                    continue
                target = targets[result.input.path]
                try:
                    files.finish(keep=target)
                    files.write(target, text)
                    if result.sheet.source.format == "html" and outcome.article is not None:
                        write_whole(target.with_suffix(".txt"), outcome.article)
                except OSError as exc:
                    tally.failed += 1
                    whither = f"{result.input.path}: cannot write {os.fsdecode(target)}"
                    say("error", f"{whither}: {exc.strerror or exc}")
                    continue
                tally.add(result, outcome.cached)
            files.finish()
    except Stopped as exc:
        err().print(f"claimx: stopped by {exc}: {printable(tally.line(where))}", markup=False)
        raise typer.Exit(exc.exit_code) from None
    except ClaimxError as exc:
        raise fail(exc) from exc
    finally:
        files.abort()
    if not quiet:
        err().print(
            f"claimx: {printable(tally.line(where, time.perf_counter() - started))}", markup=False
        )
    if tally.failed or tally.problems:
        raise typer.Exit(1)


@dataclass(frozen=True)
class _Render:
    """A sheet as the run writes it; made in the worker, so picklable."""

    fmt: Format
    selection: Any

    def __call__(self, sheet: Any) -> str:
        dump = dumper(self.fmt)
        return dump(self.selection.apply(sheet), self.selection.sections)


TEXT_EXAMPLES = """Examples:

  claimx text page.html > page.txt   # what the spans index
  claimx text notes.md               # a Markdown file is its own text
"""


@app.command("text", epilog=TEXT_EXAMPLES)
def text_command(
    paths: Annotated[
        list[str], typer.Argument(help="Article files or folders; - for stdin.", show_default=False)
    ],
    rules_dir: RulesOption = None,
) -> None:
    """Print the text claimx reads from each input, which every span of its sheet indexes.

    For a saved web page it is the page's main text as extracted; for other files, the
    decoded file. With several articles, each is preceded by a line `==> PATH <==`.
    """
    from claimx.formats import read_articles
    from claimx.pipeline import find_inputs
    from claimx.rules import cached_rules

    try:
        inputs = find_inputs(paths, DEFAULT_GLOBS)
        if not inputs:
            raise UsageError(f"no article files in {' '.join(paths)}")
        rules = cached_rules(str(rules_dir) if rules_dir else None)
    except ClaimxError as exc:
        raise fail(exc) from exc
    failures = 0
    several = len(inputs) > 1
    for item in inputs:
        try:
            data = item.read(max_bytes=MAX_BYTES)
        except ClaimxError as exc:
            failures += 1
            say("error", exc)
            continue
        for path, found in read_articles(data, item.path, rules.articles):
            if isinstance(found, ClaimxError):
                failures += 1
                say("error", found)
                continue
            several = several or found.format == "jsonl"
            if several:
                sys.stdout.write(f"==> {path} <==\n")
            sys.stdout.write(found.text)
    if failures:
        raise typer.Exit(1)


def _default_cache() -> Path:
    from claimx.cache import default_dir

    return default_dir()


def _check_model(model: str, rules: str | None) -> None:
    """A model found by its meta.json is loaded where it is needed; else load it here to
    report why it can't be."""
    from claimx.cache import model_digest
    from claimx.pipeline import load_pipeline

    if model_digest(model) is None:
        load_pipeline(model, rules)


def _check_dask(address: str) -> None:
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise UsageError(
            "--dask needs Dask's distributed scheduler: pip install 'claimx[dask]'"
        ) from exc


DIFF_EXAMPLES = """Examples:

  claimx diff old.txt new.txt              # two versions of an article
  claimx diff facts/v1.yaml facts/v2.yaml  # two fact sheets
  claimx diff archive/mon/ archive/tue/    # two folders, paired by path
  claimx diff old.txt new.txt -f yaml      # machine-readable
  git show HEAD~1:facts/a.yaml | claimx diff - facts/a.yaml   # - is standard input
"""


@app.command("diff", epilog=DIFF_EXAMPLES)
def diff_command(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD",
            help="The old version: an article, a fact sheet file or a folder; - for stdin.",
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
    # As diff(1): 1 means "different", so every error exits 2, and nothing else does.
    try:
        _diff(old, new, fmt, date, model, rules_dir)
    except typer.Exit:
        raise
    except (Exception, RecursionError) as exc:  # a bug: one line, never a traceback
        say("error", f"diff failed: {type(exc).__name__}: {str(exc)[:300]}")
        raise typer.Exit(2) from exc


def _diff(
    old: str, new: str, fmt: DiffFormat, date: str | None, model: str, rules_dir: Path | None
) -> None:
    from claimx.diff import Extractor, compare_paths, render_text, render_yaml
    from claimx.reader import validate_date_option

    try:
        published = validate_date_option(date) if date else None
        extractor = Extractor(model, str(rules_dir) if rules_dir else None, published)
        report = compare_paths(old, new, extractor)
    except ValueError as exc:
        raise fail(UsageError(str(exc))) from exc
    except ClaimxError as exc:
        say("error", exc)
        raise typer.Exit(2) from exc
    _finish_report(
        report.warnings,
        report.errors,
        differ=not report.same,
        yaml_text=(lambda: render_yaml(report)) if fmt is DiffFormat.yaml else None,
        render=lambda console: render_text(report, console),
    )


CORROBORATE_EXAMPLES = """Examples:

  claimx corroborate seeds/                # articles, extracted on the fly
  claimx corroborate facts/                # fact sheets from extract -o
  claimx corroborate seeds/ --conflicts    # only where sources differ
  claimx corroborate seeds/ -f yaml        # machine-readable
"""


@app.command("corroborate", epilog=CORROBORATE_EXAMPLES)
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
    from claimx.reader import validate_date_option

    try:
        published = validate_date_option(date) if date else None
        report = corroborate(
            paths, model=model, rules_dir=str(rules_dir) if rules_dir else None, published=published
        )
    except ValueError as exc:
        raise fail(UsageError(str(exc))) from exc
    except ClaimxError as exc:
        say("error", exc)
        raise typer.Exit(2) from exc
    _finish_report(
        report.warnings,
        report.errors,
        differ=report.differ,
        yaml_text=(lambda: to_yaml_text(report, conflicts=conflicts))
        if fmt is DiffFormat.yaml
        else None,
        render=lambda console: render_groups(report, console, conflicts=conflicts),
    )


def _finish_report(
    warnings: Iterable[str],
    errors: Iterable[str],
    *,
    differ: bool,
    yaml_text: Callable[[], str] | None,
    render: Callable[[Console], None],
) -> None:
    """What `diff` and `corroborate` share: warnings, the report, errors, the exit code
    (2 on error, 1 when the facts or sources differ)."""
    for warning in warnings:
        say("warning", warning)
    if yaml_text is not None:
        sys.stdout.write(yaml_text())
        sys.stdout.flush()
    else:
        from rich.console import Console

        render(Console(highlight=False, soft_wrap=True))
    errors = list(errors)
    for error in errors:
        say("error", error)
    if errors:
        raise typer.Exit(2)
    if differ:
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
            console=err(),
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
    args = sys.argv[1:]
    if not args or "-h" in args or "--help" in args:
        from claimx.startup import defer_help_imports

        defer_help_imports()
    app()
