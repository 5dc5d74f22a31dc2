"""Reading the two sides: articles (extracted here), fact sheet files, or folders of either."""

from __future__ import annotations

import dataclasses
import io
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from claimx.diff.pairing import diff_sheets
from claimx.diff.result import ArticleDiff, Report
from claimx.errors import ClaimxError, SheetError, UsageError
from claimx.model import FactSheet
from claimx.pipeline import DEFAULT_MODEL, Input, extract, find_inputs, load_pipeline
from claimx.rules import cached_rules
from claimx.sheet import load_sheets
from claimx.text import printable

SHEET_SUFFIXES = (".yaml", ".yml", ".jsonl")
# Articles as `claimx extract` reads them (`.jsonl` here is a stream of fact sheets).
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
STDIN = "-"


# Reading the two sides


@dataclass(frozen=True)
class Version:
    """One article of one side: its fact sheet, or why there is none."""

    key: str
    label: str
    sheet: FactSheet | None = None
    error: str | None = None


class Extractor:
    """Articles to fact sheets, loading spaCy only if some input is an article."""

    def __init__(
        self, model: str | None = None, rules_dir: str | None = None, published: str | None = None
    ) -> None:
        self.model = model or DEFAULT_MODEL
        self.rules_dir = rules_dir
        self.published = published

    def __call__(
        self, files: Sequence[tuple[str, str, Path | None]], stdin: bytes | None = None
    ) -> list[Version]:
        """(key, path as shown, file) per article, extracted in one spaCy stream; a file
        None is standard input, whose bytes are `stdin`.

        A file given on both sides (a file compared with itself) is read once."""
        if not files:
            return []
        # Both are loaded once per process: the two sides (and every test) share them.
        rules = cached_rules(self.rules_dir)
        nlp = load_pipeline(self.model, self.rules_dir)
        unique: dict[Path | None, Input] = {}
        for _key, label, file in files:
            where = None if file is None else file.resolve()
            unique.setdefault(where, Input(label, Path(file.name if file else "stdin.txt"), file))
        done: dict[int, Version] = {}
        results = extract(
            unique.values(),
            nlp,
            rules,
            published=self.published,
            stdin=io.BytesIO(stdin or b""),
        )
        for result in results:
            label = result.input.path
            if result.error is not None:
                done[id(result.input)] = Version("", label, error=printable(str(result.error)))
                continue
            done[id(result.input)] = Version("", label, sheet=result.sheet)
        return [
            dataclasses.replace(done[id(unique[None if file is None else file.resolve()])], key=key)
            for key, _label, file in files
        ]


def read_sheet_file(path: Path) -> list[FactSheet]:
    """Every fact sheet in a `.yaml`/`.yml`/`.jsonl` file; anything else is a SheetError."""
    shown = printable(str(path))
    try:
        sheets = list(load_sheets(path))
    except SheetError:
        raise
    except (Exception, RecursionError) as exc:  # whatever the loader trips on is the file's fault
        raise SheetError(f"{shown}: not a fact sheet claimx can read ({_reason(exc)})") from exc
    if not sheets:
        raise SheetError(f"{shown}: no fact sheet in the file")
    return sheets


def _reason(exc: BaseException) -> str:
    first = str(exc).strip().splitlines()
    return printable(f"{type(exc).__name__}: {first[0] if first else ''}"[:200])


def read_sheet_data(data: bytes, where: str = STDIN) -> list[FactSheet]:
    """The fact sheets in bytes read from standard input (YAML, or JSON Lines)."""
    suffix = ".jsonl" if _JSONL_START.match(data) else ".yaml"
    with tempfile.TemporaryDirectory(prefix="claimx-diff-") as tmp:
        file = Path(tmp) / f"stdin{suffix}"
        file.write_bytes(data)
        try:
            return read_sheet_file(file)
        except SheetError as exc:
            raise SheetError(str(exc).replace(printable(str(file)), where)) from exc


def is_sheet_file(path: Path) -> bool:
    return path.suffix.lower() in SHEET_SUFFIXES


def looks_like_sheet(data: bytes) -> bool:
    """Standard input holding fact sheets (`claimx:` first, or JSON Lines), not an article."""
    return bool(_YAML_START.match(data) or _JSONL_START.match(data))


_YAML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:---[ \t]*\r?\n\s*)?(?:#[^\n]*\n\s*)*claimx[ \t]*:"
)
_JSONL_START = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"claimx"\s*:')


def compare_paths(
    old: str,
    new: str,
    extractor: Callable[..., list[Version]],
    stdin: BinaryIO | None = None,
) -> Report:
    """Two articles, two fact sheet files, or two folders, compared claim by claim.

    Either (not both) may be `-`: an article or fact sheets read from standard input."""
    if old == STDIN and new == STDIN:
        raise UsageError("only one of the two versions can be read from standard input (-)")
    for given in (old, new):
        if given == STDIN:
            continue
        path = Path(given)
        if not path.exists():
            raise UsageError(f"{printable(given)}: no such file or directory")
        if not (path.is_file() or path.is_dir()):
            raise UsageError(f"{printable(given)}: not a regular file or directory")
    dirs = [given != STDIN and Path(given).is_dir() for given in (old, new)]
    if dirs[0] != dirs[1]:
        raise UsageError(f"cannot compare a file with a folder: {printable(old)}, {printable(new)}")
    if dirs[0]:
        olds, news = _read_folders((Path(old), Path(new)), extractor)
        return _compare(olds, news, single=False)
    data = (stdin or sys.stdin.buffer).read() if STDIN in (old, new) else None
    olds, news = _read_files((old, new), extractor, data)
    if len(olds) == 1 and len(news) == 1 and olds[0].sheet and news[0].sheet:
        # Two versions of one article: pair them whatever their paths.
        olds = [dataclasses.replace(olds[0], key="")]
        news = [dataclasses.replace(news[0], key="")]
        return _compare(olds, news, single=True)
    return _compare(olds, news, single=False)


def _read_files(
    given: tuple[str, str], extractor: Callable[..., list[Version]], stdin: bytes | None = None
) -> tuple[list[Version], list[Version]]:
    # Fact sheets first: a malformed one fails before spaCy is even loaded.
    sides: list[list[Version]] = [[], []]
    articles: list[tuple[str, str, Path | None]] = []
    for i, g in enumerate(given):
        if g == STDIN and stdin is not None and looks_like_sheet(stdin):
            sides[i] = _stream_versions(read_sheet_data(stdin))
        elif g == STDIN:
            articles.append((str(i), g, None))
        elif is_sheet_file(Path(g)):
            sides[i] = _stream_versions(read_sheet_file(Path(g)))
        else:
            articles.append((str(i), g, Path(g)))
    for version in extractor(articles, stdin=stdin):
        if version.sheet is None:
            raise ClaimxError(version.error or f"{version.label}: no fact sheet")
        (keyed,) = _stream_versions([version.sheet])  # keyed as in a stream of sheets
        sides[int(version.key)] = [dataclasses.replace(version, key=keyed.key, label=keyed.label)]
    return sides[0], sides[1]


def _stream_versions(sheets: list[FactSheet]) -> list[Version]:
    """The articles of a fact sheet stream, keyed by source path below their common
    folder: `claimx extract archive/2026-01-13/` and `.../2026-01-14/` pair up."""
    paths = [PurePosixPath(s.source.path.replace("\\", "/")) for s in sheets]
    common = _common_parent(paths)
    out: list[Version] = []
    seen: dict[str, int] = {}
    for sheet, path in zip(sheets, paths, strict=True):
        rel = path.relative_to(common).as_posix() if common is not None else sheet.source.path
        key = _key(rel)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:  # the same article twice in one stream: pair them in order
            key = f"{key}#{seen[key]}"
        out.append(Version(key, rel, sheet=sheet))
    return out


def _common_parent(paths: list[PurePosixPath]) -> PurePosixPath | None:
    parents = [p.parent.parts for p in paths]
    common = []
    for parts in zip(*parents, strict=False):
        if any(part != parts[0] for part in parts):
            break
        common.append(parts[0])
    return PurePosixPath(*common) if common else None


def _read_folders(
    roots: tuple[Path, Path], extractor: Callable[..., list[Version]]
) -> tuple[list[Version], list[Version]]:
    sides: list[list[Version]] = [[], []]
    articles: list[tuple[str, str, Path]] = []
    shown: dict[str, tuple[int, str, str]] = {}  # article -> (side, key, relative path)
    for side, root in enumerate(roots):
        for key, path in _folder_files(root):
            rel = path.relative_to(root).as_posix()
            if not is_sheet_file(path):
                tag = f"{side}:{rel}"
                shown[tag] = (side, key, rel)
                articles.append((tag, str(path), path))
                continue
            sides[side].extend(_sheet_versions(key, rel, path))
    for version in extractor(articles):
        side, key, rel = shown[version.key]
        sides[side].append(dataclasses.replace(version, key=key, label=rel))
    return sides[0], sides[1]


def _sheet_versions(key: str, rel: str, path: Path) -> list[Version]:
    """The articles of one fact sheet file in a folder; a bad file is one error."""
    try:
        sheets = read_sheet_file(path)
    except SheetError as exc:
        return [Version(key, rel, error=str(exc))]
    if len(sheets) == 1:
        return [Version(key, rel, sheet=sheets[0])]
    # A stream of several articles: each is known by its source path too.
    return [Version(f"{key}:{s.source.path}", f"{rel}:{s.source.path}", sheet=s) for s in sheets]


def _folder_files(root: Path) -> list[tuple[str, Path]]:
    """(pairing key, file) for the articles and fact sheets under `root`, found as
    `claimx extract` finds articles (`pipeline.find_inputs`: hidden entries
    skipped, sorted), with the suffixes of both in any case.

    The key is the relative path without its suffixes, so `a/x.txt` pairs with
    `a/x.yaml` (or `a/x.txt.yaml`) on the other side; a key two files share
    falls back to their full relative paths."""
    found = find_inputs([str(root)], FOLDER_GLOBS)
    keyed = [(_key(item.relative.as_posix()), item) for item in found]
    counts: dict[str, int] = {}
    for key, _item in keyed:
        counts[key] = counts.get(key, 0) + 1
    return [
        (k if counts[k] == 1 else item.relative.as_posix(), item.file)
        for k, item in keyed
        if item.file is not None
    ]


def _any_case(suffix: str) -> str:
    """A glob matching the suffix in any case: `.yaml` -> `*.[yY][aA][mM][lL]`."""
    return "*." + "".join(f"[{c.lower()}{c.upper()}]" for c in suffix.lstrip("."))


FOLDER_GLOBS = tuple(_any_case(s) for s in (*SHEET_SUFFIXES, *ARTICLE_SUFFIXES))


def _key(relative: str) -> str:
    for suffixes in (SHEET_SUFFIXES, ARTICLE_SUFFIXES):
        for suffix in suffixes:
            if relative.lower().endswith(suffix):
                relative = relative[: -len(suffix)]
                break
    return relative


def _compare(olds: list[Version], news: list[Version], *, single: bool) -> Report:
    old_by = {v.key: v for v in olds}
    new_by = {v.key: v for v in news}
    errors = [v.error for v in (*olds, *news) if v.error is not None]
    articles = []
    warnings: dict[str, None] = {}  # ordered set: one line per distinct warning
    for key, o in old_by.items():
        n = new_by.get(key)
        if n is None or o.sheet is None or n.sheet is None:
            continue
        diff = diff_sheets(o.sheet, n.sheet)
        warnings.update(dict.fromkeys(diff.warnings))
        articles.append(ArticleDiff(n.label, o.sheet.source.path, n.sheet.source.path, diff))
    return Report(
        articles=tuple(articles),
        articles_added=tuple(
            v.label for k, v in new_by.items() if k not in old_by and v.error is None
        ),
        articles_removed=tuple(
            v.label for k, v in old_by.items() if k not in new_by and v.error is None
        ),
        warnings=tuple(warnings),
        errors=tuple(errors),
        single=single,
    )
