"""The sources to corroborate: fact sheets, their article text and its parse.

Articles are extracted on the fly through the pipeline; fact sheets are read
with claimx's sheet reader, and their article is read back from
`source.path` when it is still there unchanged (same sha256), so that the
claims can be compared in their sentences. Without the text a sheet still
takes part, with its records alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from claimx.corroborate.rules import CorroborateRules
from claimx.errors import ClaimxError, InputError, UsageError
from claimx.model import FactSheet

SHEET_SUFFIXES = (".yaml", ".yml", ".jsonl")


@dataclass(frozen=True)
class Source:
    """One article: its fact sheet, its decoded text and parse when known."""

    index: int
    sheet: FactSheet
    text: str | None = None
    doc: Any = None  # a spaCy Doc over `text`, without the claimx components
    outlet: str = ""  # the URL's host, else the file: unknown outlets count as distinct
    cites: tuple[str, ...] = ()  # numbered sources it cites ("[1]", "[2]")

    @property
    def path(self) -> str:
        return self.sheet.source.path

    @property
    def aggregator(self) -> bool:
        return bool(self.cites)


@dataclass(frozen=True)
class Loaded:
    sources: tuple[Source, ...]
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def is_sheet_file(path: Path) -> bool:
    return path.suffix.lower() in SHEET_SUFFIXES


def find_files(paths: Sequence[str], globs: Sequence[str]) -> tuple[list[str], list[Path]]:
    """Articles (as the pipeline finds them) and fact-sheet files among `paths`."""
    from claimx.pipeline import find_inputs

    articles: list[str] = []
    sheets: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_file() and is_sheet_file(path):
            sheets.append(path)
        elif path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and is_sheet_file(p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            sheets.extend(found)
            articles.extend(i.path for i in find_inputs([given], globs))
        else:
            articles.extend(i.path for i in find_inputs([given], globs))
    return articles, sheets


def load_sources(
    paths: Sequence[str],
    rules: CorroborateRules,
    *,
    model: str | None = None,
    rules_dir: str | None = None,
    published: str | None = None,
    globs: Sequence[str] = ("*.txt", "*.md"),
) -> Loaded:
    """Every article and fact sheet under `paths`, parsed for context.

    A file that cannot be read is an error of the result, not an exception:
    the other sources go on (exit 2 at the end, as `diff`)."""
    from claimx.pipeline import COMPONENTS, DEFAULT_MODEL, Input, extract, load_pipeline
    from claimx.reader import read_article
    from claimx.rules import cached_rules
    from claimx.sheet import load_sheets

    articles, sheet_files = find_files(paths, globs)
    if not articles and not sheet_files:
        raise UsageError("no article or fact sheet found in " + ", ".join(paths))
    errors: list[str] = []
    warnings: list[str] = []
    found: list[tuple[FactSheet, str | None]] = []
    for file in sheet_files:
        try:
            sheets = list(load_sheets(file))
        except ClaimxError as exc:
            errors.append(str(exc))
            continue
        if not sheets:
            errors.append(f"{file}: no fact sheet in the file")
        found.extend((s, None) for s in sheets)

    model = model or DEFAULT_MODEL
    nlp = load_pipeline(model, rules_dir)
    extraction = cached_rules(rules_dir)
    if articles:
        inputs = [Input(a, Path(Path(a).name), Path(a)) for a in articles]
        for result in extract(inputs, nlp, extraction, published=published):
            if result.error is not None or result.sheet is None:
                errors.append(str(result.error))
                continue
            found.append((result.sheet, result.text))
    # A sheet's article, read back when it is there and unchanged.
    for n, (sheet, text) in enumerate(found):
        if text is None:
            text = _article_text(sheet, extraction, read_article)
            if text is None:
                warnings.append(
                    f"{sheet.source.path}: article text not found or changed; "
                    "its claims are compared without their sentences"
                )
            found[n] = (sheet, text)
    texts = [t or "" for _s, t in found]
    with nlp.select_pipes(disable=[c for c in COMPONENTS if c in nlp.pipe_names]):
        docs = list(nlp.pipe(texts, batch_size=8))
    sources = []
    for n, ((sheet, text), doc) in enumerate(zip(found, docs, strict=True)):
        sources.append(
            Source(
                index=n,
                sheet=sheet,
                text=text,
                doc=doc if text else None,
                outlet=outlet_of(sheet),
                cites=citations(text or "", rules),
            )
        )
    return Loaded(tuple(sources), tuple(errors), tuple(warnings))


def _article_text(sheet: FactSheet, extraction: Any, read_article: Any) -> str | None:
    path = Path(sheet.source.path)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        article = read_article(data, str(path), extraction.articles, None)
    except InputError:
        return None
    if article.sha256 != sheet.source.sha256:
        return None
    text: str = article.text
    return text


def outlet_of(sheet: FactSheet) -> str:
    """The publisher's host when the sheet has a URL, else the file itself."""
    if sheet.source.url:
        host = urlsplit(sheet.source.url).hostname or ""
        host = host.lower().removeprefix("www.")
        if host:
            return host
    return sheet.source.path


def citations(text: str, rules: CorroborateRules) -> tuple[str, ...]:
    """The numbered sources a text cites, when it cites enough to be an aggregator."""
    cited = sorted(set(re.findall(rules.citation, text)), key=int)
    return tuple(f"[{c}]" for c in cited) if len(cited) >= rules.citations_min else ()


def independence(sources: Sequence[Source]) -> tuple[bool, str]:
    """Whether the sources of a group look independent, and why."""
    outlets = {s.outlet for s in sources if not s.aggregator}
    aggregators = [s for s in sources if s.aggregator]
    parts = [f"{len(outlets)} outlet{'s' if len(outlets) != 1 else ''}"]
    if aggregators:
        parts.append(f"{len(aggregators)} aggregator{'s' if len(aggregators) != 1 else ''}")
    why = " and ".join(parts)
    if aggregators:
        why += " citing others (" + ", ".join(" ".join(s.cites[:3]) for s in aggregators) + ")"
    return len(outlets) >= 2, why
