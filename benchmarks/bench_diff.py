"""How long `claimx diff` takes on two folders of 1,000 fact sheets each.

The sheets are the seeds' real fact sheets (extracted once), copied under
1,000 paths; in the new folder a fraction of them is perturbed the way a
corrected article is (a figure's value, a reworded or reattributed quote, a
removed record), and a few articles exist on one side only. Then the two
folders are compared through the library and through the CLI (a subprocess,
so the figure includes Python and spaCy start-up).

    .venv/bin/python benchmarks/bench_diff.py [--sheets 1000] [--changed 0.1]

`--unmatched N[,N...]` instead times one article whose two versions have N
quotes each that no id pairs (every quote reworded, a few reattributed): the
case where pairing by meaning has the most candidates.

    .venv/bin/python benchmarks/bench_diff.py --unmatched 500,1000,2000
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claimx.diff import Extractor, compare_paths
from claimx.model import FactSheet, Figure, Quote, content_id, record_identity
from claimx.pipeline import extract, find_inputs, load_pipeline
from claimx.rules import load_rules
from claimx.sheet import dump_yaml

ROOT = Path(__file__).resolve().parent.parent


def seed_sheets() -> list[FactSheet]:
    nlp = load_pipeline()
    results = extract(find_inputs([str(ROOT / "seeds")]), nlp, load_rules())
    return [r.sheet for r in results if r.sheet is not None]


def with_id(section: str, record):
    return dataclasses.replace(record, id=content_id(section, *record_identity(section, record)))


def perturb(sheet: FactSheet, rng: random.Random) -> FactSheet:
    """One edit of the kind a correction makes, with the ids the extractor would give."""
    quotes, figures = list(sheet.quotes), list(sheet.figures)
    edit = rng.choice(("figure", "reword", "reattribute", "remove"))
    if edit == "figure" and figures:
        i = rng.randrange(len(figures))
        f: Figure = figures[i]
        figures[i] = with_id("figures", dataclasses.replace(f, value=f.value + 2))
    elif edit in ("reword", "reattribute") and quotes:
        i = rng.randrange(len(quotes))
        q: Quote = quotes[i]
        if edit == "reword":
            q = dataclasses.replace(q, text=q.text.replace(" the ", " this ", 1) + " Indeed.")
        else:
            q = dataclasses.replace(q, speaker="Someone Else", mention="Else")
        quotes[i] = with_id("quotes", q)
    elif quotes:
        del quotes[rng.randrange(len(quotes))]
    return dataclasses.replace(sheet, quotes=tuple(quotes), figures=tuple(figures))


def moved_to(sheet: FactSheet, path: str) -> FactSheet:
    """The sheet as if extracted from `path`: as `extract -o` of two archive folders gives."""

    def place(record):
        return dataclasses.replace(record, at=path + record.at[len(sheet.source.path) :])

    return dataclasses.replace(
        sheet,
        source=dataclasses.replace(sheet.source, path=path),
        **{s: tuple(place(r) for r in getattr(sheet, s)) for s in ("quotes", "dates", "figures")},
    )


def write_folders(base: Path, sheets: list[FactSheet], n: int, changed: float) -> tuple[Path, Path]:
    rng = random.Random(13)
    old, new = base / "old", base / "new"
    for i in range(n):
        rel = Path(f"{i // 100:02d}") / f"article-{i:04d}.yaml"
        article = rel.with_suffix(".txt").as_posix()
        sheet = moved_to(sheets[i % len(sheets)], f"archive/2026-01-13/{article}")
        later = moved_to(sheets[i % len(sheets)], f"archive/2026-01-14/{article}")
        only = rng.random()
        targets = [(old, sheet), (new, perturb(later, rng) if rng.random() < changed else later)]
        if only < 0.005:
            targets = targets[:1]  # removed article
        elif only < 0.01:
            targets = targets[1:]  # added article
        for root, version in targets:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(dump_yaml(version), encoding="utf-8")
    return old, new


def unmatched_sheets(n: int, rng: random.Random) -> tuple[FactSheet, FactSheet]:
    """Two versions of one article with `n` quotes each and no id in common: every
    quote (a run of 8 to 30 words of the seeds' text) has one word changed and one
    added, and one in ten has another speaker."""
    from claimx.model import ExtractorInfo, Source, Span

    corpus = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    words = corpus.split()
    speakers = [f"Speaker {k}" for k in range(max(1, n // 10))]
    olds, news = [], []
    for i in range(n):
        start = rng.randrange(len(words) - 30)
        text = words[start : start + rng.randint(8, 30)]
        span = Span(i * 400, i * 400 + 200)
        speaker = rng.choice(speakers)
        old = Quote(
            kind="direct", speaker=speaker, text=" ".join(text), span=span, at=f"a.txt:{i}:1"
        )
        edited = list(text)
        edited[rng.randrange(len(edited))] = rng.choice(words)
        edited.insert(rng.randrange(len(edited)), "indeed")
        new = dataclasses.replace(
            old,
            text=" ".join(edited),
            speaker=speaker if rng.random() < 0.9 else rng.choice(speakers),
        )
        olds.append(with_id("quotes", old))
        news.append(with_id("quotes", new))
    info = ExtractorInfo(version="0", model="m", rules="r")
    source = Source(path="a.txt", sha256="0" * 64)
    return (
        FactSheet(source=source, extractor=info, quotes=tuple(olds)),
        FactSheet(source=source, extractor=info, quotes=tuple(news)),
    )


def _summary(diff) -> tuple:
    return tuple(
        (type(i).__name__, getattr(i, "record", None) or (i.old, i.new))
        for i in (*diff.added, *diff.removed, *diff.changed)
    )


def bench_unmatched(sizes: list[int], exact_up_to: int) -> None:
    from claimx.diff import diff_sheets, pairing

    for n in sizes:
        old, new = unmatched_sheets(n, random.Random(n))
        start, cpu = time.perf_counter(), time.process_time()
        diff = diff_sheets(old, new)
        took, cpu = time.perf_counter() - start, time.process_time() - cpu
        check = ""
        if n * n > pairing.ALL_PAIRS and n <= exact_up_to:
            # The same result as scoring every pair?
            budget, pairing.ALL_PAIRS = pairing.ALL_PAIRS, n * n
            start_all = time.perf_counter()
            every = diff_sheets(old, new)
            check = f", all pairs {time.perf_counter() - start_all:.1f} s: " + (
                "same result" if _summary(every) == _summary(diff) else "DIFFERENT result"
            )
            pairing.ALL_PAIRS = budget
        print(
            f"{n:6d} unmatched quotes per side: {took:7.2f} s ({cpu:.2f} s CPU){check}  "
            f"({len(diff.changed)} changed, "
            f"{len(diff.added)} added, {len(diff.removed)} removed)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", type=int, default=1000)
    parser.add_argument("--changed", type=float, default=0.1, help="share of perturbed sheets")
    parser.add_argument("--unmatched", help="comma-separated quote counts (see above)")
    parser.add_argument(
        "--exact-up-to",
        type=int,
        default=0,
        help="with --unmatched: up to this count, also score every pair and compare",
    )
    args = parser.parse_args()
    if args.unmatched:
        bench_unmatched([int(n) for n in args.unmatched.split(",")], args.exact_up_to)
        return
    sheets = seed_sheets()
    records = sum(len(s.quotes) + len(s.dates) + len(s.figures) for s in sheets) / len(sheets)
    with tempfile.TemporaryDirectory(prefix="claimx-bench-diff-") as tmp:
        old, new = write_folders(Path(tmp), sheets, args.sheets, args.changed)
        print(
            f"{args.sheets} fact sheets per folder ({records:.0f} records each on average), "
            f"{args.changed:.0%} perturbed"
        )

        start = time.perf_counter()
        report = compare_paths(str(old), str(new), Extractor())
        library = time.perf_counter() - start
        changed = sum(not a.diff.same for a in report.articles)
        print(
            f"library: {library:6.2f} s  ({len(report.articles)} pairs, {changed} changed, "
            f"{len(report.articles_added)} added, {len(report.articles_removed)} removed)"
        )

        claimx = str(Path(sys.executable).parent / "claimx")
        for fmt in ("yaml", "text"):
            start = time.perf_counter()
            run = subprocess.run(
                [claimx, "diff", str(old), str(new), "--format", fmt],
                capture_output=True,
                text=True,
                check=False,
            )
            cli = time.perf_counter() - start
            print(
                f"cli --format {fmt}: {cli:6.2f} s  (exit {run.returncode}, "
                f"{len(run.stdout.splitlines())} lines of output)"
            )


if __name__ == "__main__":
    main()
