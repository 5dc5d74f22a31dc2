"""Evaluate the figures extractor.

usage: PYTHONPATH=. python benchmarks/eval_figures.py [-v] [--no-dates]

(a) The five seed articles against the `figures:` gold of ../shared/gold/seeds.yaml,
    scored by ../shared/eval/score_seeds.py's own matching (text overlap and exact
    value; "counts" = the unit holds the gold counted noun). The articles are read
    and cleaned as the pipeline does; date spans are passed as `skip` when
    `claimx.dates` is available (`--no-dates` scores the extractor alone).
(b) benchmarks/figures_sentences.yaml: news-style sentences written by the claimx
    team with gold value, unit and qualifier. Written by us before tuning, but
    still not held-out news: read these figures as a regression check, not as a
    measure of accuracy on unseen text.

Prints value F1, value+unit F1 and qualifier accuracy for both; `-v` lists every
miss and extra.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import spacy
import yaml

from claimx.figures import FigureRules, find_figures
from claimx.model import Figure, Span
from claimx.pipeline import DEFAULT_MODEL
from claimx.reader import ArticleRules, read_article
from claimx.rules import build
from claimx.text import clean

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SENTENCES = Path(__file__).resolve().parent / "figures_sentences.yaml"


def load_scorer() -> Any:
    """score_seeds.py itself, so the seed figures are scored exactly as the lead scores them."""
    path = SHARED / "eval" / "score_seeds.py"
    spec = importlib.util.spec_from_file_location("score_seeds", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: cannot load the seed scorer")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_section(cls: type, name: str) -> Any:
    path = ROOT / "rules" / f"{name}.yaml"
    return build(cls, yaml.safe_load(path.read_text(encoding="utf-8")) or {}, f"{name}.yaml")


def date_finder(use_dates: bool) -> Callable[[Any, str | None], Sequence[Span]]:
    """The date spans the pipeline would pass as `skip`, or none when dates are unavailable."""
    if not use_dates:
        return lambda doc, published: ()
    try:
        from claimx.dates import DateRules, find_dates

        date_rules = load_section(DateRules, "dates")
    except Exception as exc:  # another helper may be mid-edit: score without dates
        print(f"(dates unavailable, scoring without skip spans: {exc!r})")
        return lambda doc, published: ()
    return lambda doc, published: [d.span for d in find_dates(doc, date_rules, published).records]


# --- (a) seeds ------------------------------------------------------------------


def seed_sheets(nlp: Any, rules: FigureRules, dates: Callable) -> list[dict[str, Any]]:
    """One fact-sheet-like mapping per seed: source path and figures in original offsets."""
    article_rules = load_section(ArticleRules, "articles")
    sheets = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        article = read_article(path.read_bytes(), str(path), article_rules)
        mapped = clean(article.text, article.removed)
        doc = nlp(mapped.text)
        skip = dates(doc, article.published)
        figures = []
        for fig in find_figures(doc, rules, skip).records:
            span = mapped.to_original(*fig.span)
            figures.append({**_as_dict(fig), "text": article.text[span.start : span.end]})
        sheets.append({"source": {"path": str(path)}, "figures": figures})
    return sheets


def score_seeds(scorer: Any, sheets: list[dict[str, Any]], verbose: bool) -> None:
    gold = yaml.safe_load((SHARED / "gold" / "seeds.yaml").read_text(encoding="utf-8"))["files"]
    by_name = {Path(s["source"]["path"]).name: s for s in sheets}
    tp = fp = fn = counts_ok = 0
    log: list[str] = []
    for name, g in gold.items():
        log.append(f"{name}:")
        got = by_name.get(name, {}).get("figures", [])
        r = scorer.score_simple("figure", g.get("figures") or [], got, log, scorer.fig_ok)
        tp, fp, fn, counts_ok = (a + b for a, b in zip((tp, fp, fn, counts_ok), r, strict=True))
    if verbose:
        print("\n".join(line for line in log if not line.endswith(":")))
    p, r, f = scorer.prf(tp, fp, fn)
    counts = counts_ok / tp if tp else 0.0
    print(
        f"seeds     figures P {p:.3f} R {r:.3f} F1 {f:.3f} (tp {tp} fp {fp} fn {fn})"
        f"  counts {counts:.3f}"
    )


# --- (b) sentences ----------------------------------------------------------------


def norm(text: str) -> str:
    return " ".join(str(text).lower().replace("\u2011", "-").split()).strip(" \"'.,;:-")


def unit_ok(want: str | None, got: str | None) -> bool:
    """The seed scorer's rule: plural-insensitive equality or the gold unit inside ours."""
    if want is None or got is None:
        return want is None and got is None
    w, g = norm(want).rstrip("s"), norm(got)
    return g.rstrip("s") == w or w in g


def value_ok(gold: dict[str, Any], got: dict[str, Any]) -> bool:
    try:
        same = float(got["value"]) == float(gold["value"])
    except (TypeError, ValueError):
        return False
    if gold.get("value_max") is None:
        return same
    return (
        same
        and got.get("value_max") is not None
        and (float(got["value_max"]) == float(gold["value_max"]))
    )


def overlaps(gold: dict[str, Any], got: dict[str, Any]) -> bool:
    g, t = norm(gold["text"]), norm(got["text"])
    return g == t or g in t or (bool(t) and t in g)


class Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.unit_tp = 0
        self.qual_ok = 0
        self.kind_ok = 0
        self.log: list[str] = []

    def add(self, sentence: str, gold: list[dict[str, Any]], got: list[dict[str, Any]]) -> None:
        used: set[int] = set()
        for g in gold:
            free = (i for i, x in enumerate(got) if i not in used)
            hit = next((i for i in free if overlaps(g, got[i]) and value_ok(g, got[i])), None)
            if hit is None:
                if not g.get("optional"):
                    self.fn += 1
                    self.log.append(f"MISSED {g['text']!r}={g['value']}  in: {sentence}")
                continue
            used.add(hit)
            if g.get("optional"):
                continue
            self.tp += 1
            x = got[hit]
            if unit_ok(g.get("unit"), x.get("unit")):
                self.unit_tp += 1
            else:
                self.log.append(f"UNIT   {g['text']!r}: want {g.get('unit')}, got {x.get('unit')}")
            if g.get("qualifier", "=") == x.get("qualifier"):
                self.qual_ok += 1
            else:
                self.log.append(
                    f"QUAL   {g['text']!r}: want {g.get('qualifier', '=')}, got {x['qualifier']}"
                )
            if g.get("kind", "count") == x.get("kind"):
                self.kind_ok += 1
            else:
                self.log.append(
                    f"KIND   {g['text']!r}: want {g.get('kind', 'count')}, got {x['kind']}"
                )
        for i, x in enumerate(got):
            if i not in used:
                self.fp += 1
                self.log.append(f"EXTRA  {x['text']!r}={x['value']}  in: {sentence}")

    def report(self, label: str) -> None:
        value_f1 = f1(self.tp, self.fp, self.fn)
        # A value match with the wrong unit is both a miss and an extra for value+unit.
        wrong_unit = self.tp - self.unit_tp
        unit_f1 = f1(self.unit_tp, self.fp + wrong_unit, self.fn + wrong_unit)
        qual = self.qual_ok / self.tp if self.tp else 0.0
        kind = self.kind_ok / self.tp if self.tp else 0.0
        print(
            f"{label} value F1 {value_f1:.3f} (tp {self.tp} fp {self.fp} fn {self.fn})"
            f"  value+unit F1 {unit_f1:.3f}  qualifier acc {qual:.3f}  kind acc {kind:.3f}"
        )


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def score_sentences(nlp: Any, rules: FigureRules, dates: Callable, verbose: bool) -> None:
    data = yaml.safe_load(SENTENCES.read_text(encoding="utf-8"))["sentences"]
    tally = Tally()
    for item in data:
        doc = nlp(item["text"])
        got = [_as_dict(f) for f in find_figures(doc, rules, dates(doc, None)).records]
        tally.add(item["text"], item.get("figures") or [], got)
    if verbose:
        print("\n".join(tally.log))
    tally.report(f"sentences ({len(data)}, ours)")


def _as_dict(fig: Figure) -> dict[str, Any]:
    return {
        "text": fig.text,
        "value": fig.value,
        "value_max": fig.value_max,
        "qualifier": fig.qualifier,
        "unit": fig.unit,
        "kind": fig.kind,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    parser.add_argument("--no-dates", action="store_true", help="do not pass date spans as skip")
    args = parser.parse_args(argv)
    nlp = spacy.load(DEFAULT_MODEL)
    rules = load_section(FigureRules, "figures")
    dates = date_finder(not args.no_dates)
    score_seeds(load_scorer(), seed_sheets(nlp, rules, dates), args.verbose)
    score_sentences(nlp, rules, dates, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
