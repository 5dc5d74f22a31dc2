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


def load_sources(
    paths: Sequence[str],
    rules: CorroborateRules,
    *,
    model: str | None = None,
    rules_dir: str | None = None,
    published: str | None = None,
    globs: Sequence[str] | None = None,
) -> Loaded:
    """Every article and fact sheet under `paths`, parsed for context.

    Files are found as `claimx extract` finds them, plus fact sheets (`.yaml`,
    `.yml`, `.jsonl`, as `claimx diff` tells them); a `.jsonl` that holds no
    fact sheet is read as an article collection. A file that cannot be read is
    an error of the result, not an exception: the others go on (exit 2 at the
    end, as `diff`)."""
    from claimx.diff import is_sheet_file
    from claimx.pipeline import (
        COMPONENTS,
        DEFAULT_GLOBS,
        DEFAULT_MODEL,
        extract,
        find_inputs,
        load_pipeline,
    )
    from claimx.rules import cached_rules
    from claimx.sheet import load_sheets

    sheet_globs = ("*.yaml", "*.yml", "*.jsonl")
    found_inputs = find_inputs(
        paths, tuple(dict.fromkeys((*(globs or DEFAULT_GLOBS), *sheet_globs)))
    )
    if not found_inputs:
        raise UsageError("no article or fact sheet found in " + ", ".join(paths))
    errors: list[str] = []
    warnings: list[str] = []
    found: list[tuple[FactSheet, str | None]] = []
    articles = []
    for item in found_inputs:
        if item.file is None or not is_sheet_file(item.file):
            articles.append(item)
            continue
        try:
            sheets = list(load_sheets(item.file))
        except ClaimxError as exc:
            if item.file.suffix.lower() == ".jsonl":
                articles.append(item)  # an article collection, not fact sheets
            else:
                errors.append(str(exc))
            continue
        if not sheets:
            errors.append(f"{item.path}: no fact sheet in the file")
        found.extend((s, None) for s in sheets)

    nlp = load_pipeline(model or DEFAULT_MODEL, rules_dir)
    extraction = cached_rules(rules_dir)
    for result in extract(articles, nlp, extraction, published=published):
        if result.error is not None or result.sheet is None:
            errors.append(str(result.error))
            continue
        found.append((result.sheet, result.text))
    # A sheet's article, read back when it is there and unchanged.
    for n, (sheet, text) in enumerate(found):
        if text is None:
            text = _article_text(sheet, extraction)
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


def _article_text(sheet: FactSheet, extraction: Any) -> str | None:
    from claimx.reader import read_article

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
