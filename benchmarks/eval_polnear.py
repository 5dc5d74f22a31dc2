"""Score claimx quotes against PolNeAR attributions (Newell, Margolin and Ruths, LREC 2018).

    python benchmarks/eval_polnear.py                     # dev split
    python benchmarks/eval_polnear.py --split train --limit 200 --errors /tmp/err.txt
    python benchmarks/eval_polnear.py --split train --sample 150 --cues 40  # not tuned on dev

The data stays in ../shared/data/polnear; nothing is copied. One annotator's
file per article (the first by name). A gold attribution is its Content (all
pieces of a discontinuous span); it is direct when the Content begins with a
quotation mark.

Figures printed:
- all attributions at 30% overlap: a found quote is right when at least 30% of
  its characters lie in some gold Content; a gold Content is found when at
  least 30% of its characters are covered by found quotes (precision over found
  records, recall over gold attributions);
- the same after folding found records nested inside another found record (a
  partial quote inside its indirect clause is one attribution in PolNeAR);
- recall of direct quotes at 80% coverage;
- source: of the found quotes matched to a gold, how often the speaker mention
  overlaps the gold Source (PolNeAR has no coreference: "he" is right when our
  mention is "he").
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimx.pipeline import Input, extract, load_pipeline  # noqa: E402
from claimx.rules import load_rules  # noqa: E402

QUOTE_OPENERS = "\"\u201c\u201e\u00ab'\u2018`"


def data_dir(given: str | None) -> Path:
    for candidate in (
        given,
        ROOT.parent / "shared" / "data" / "polnear",
        "/work/shared/data/polnear",
    ):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    sys.exit("PolNeAR not found: pass --data DIR (../shared/data/polnear)")


def read_gold(ann: Path) -> tuple[list[dict], dict[str, list[tuple[int, int]]]]:
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, rest = line.split("\t", 1)[0], line.split("\t")[1:]
            label_offsets = rest[0]
            label, offsets = label_offsets.split(" ", 1)
            pieces = [tuple(map(int, p.split())) for p in offsets.split(";")]
            spans[tid] = (label, pieces, rest[1] if len(rest) > 1 else "")
        elif line.startswith("E"):
            args = dict(a.split(":") for a in line.split("\t")[1].split()[1:])
            events.append(args)
    golds = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if content is None:
            continue
        source = spans.get(ev.get("Source", ""))
        cue = spans.get(ev.get("Cue", ""))
        golds.append(
            {
                "content": content[1],
                "text": content[2],
                "direct": content[2].lstrip()[:1] in QUOTE_OPENERS,
                "source": source[1] if source else [],
                "cue": cue[2].lower() if cue else "",
                "cue_span": cue[1] if cue else [],
            }
        )
    return golds, spans


def overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(x2, y2) - max(x1, y1)) for x1, x2 in a for y1, y2 in b)


def length(pieces: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in pieces)


def fold_nested(quotes: list) -> list:
    """Drop records lying inside another record (a partial inside its indirect clause)."""
    kept = []
    for q in quotes:
        inside = any(
            o is not q
            and o.span.start <= q.span.start
            and q.span.end <= o.span.end
            and (o.span.end - o.span.start) > (q.span.end - q.span.start)
            for o in quotes
        )
        if not inside:
            kept.append(q)
    return kept


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", help="PolNeAR directory (default ../shared/data/polnear)")
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--limit", type=int, default=0, help="first N articles only")
    ap.add_argument("--sample", type=int, default=0, help="N articles drawn at random")
    ap.add_argument("--seed", type=int, default=1, help="random seed of --sample")
    ap.add_argument("--cues", type=int, default=0, help="print the N commonest cue words")
    ap.add_argument("--errors", help="write misses and extras here")
    ap.add_argument("--rules", help="extra rules directory, as claimx extract --rules")
    args = ap.parse_args()

    root = data_dir(args.data) / args.split
    published = {}
    with open(root.parent / "metadata.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            published[row["filename"]] = row["publication_date"]
    anns: dict[str, Path] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    names = sorted(n for n in anns if (root / "text" / f"{n}.txt").is_file())
    if args.limit:
        names = names[: args.limit]
    if args.sample:
        names = sorted(random.Random(args.seed).sample(names, min(args.sample, len(names))))

    nlp = load_pipeline(rules_dir=args.rules)
    rules = load_rules(args.rules)
    inputs = [Input(n, Path(f"{n}.txt"), root / "text" / f"{n}.txt") for n in names]
    counts = defaultdict(int)
    log: list[str] = []
    started = time.perf_counter()
    chars = 0
    for result in extract(inputs, nlp, rules, batch_size=8):
        name = result.input.path
        if result.sheet is None:
            log.append(f"{name}: FAILED {result.error}")
            continue
        text = (root / "text" / f"{name}.txt").read_text(encoding="utf-8")
        chars += len(text)
        golds, _ = read_gold(anns[name])
        for variant, quotes in (
            ("raw", list(result.sheet.quotes)),
            ("folded", fold_nested(list(result.sheet.quotes))),
        ):
            score(variant, golds, quotes, text, counts, log if variant == "folded" else None, name)
    elapsed = time.perf_counter() - started

    def prf(prefix: str) -> str:
        p = counts[f"{prefix}_tp_pred"] / max(1, counts[f"{prefix}_pred"])
        r = counts[f"{prefix}_found_gold"] / max(1, counts[f"{prefix}_gold"])
        f = 2 * p * r / (p + r) if p + r else 0.0
        found, gold = counts[f"{prefix}_pred"], counts[f"{prefix}_gold"]
        return f"P {p:.3f} R {r:.3f} F1 {f:.3f} (found {found}, gold {gold})"

    print(
        f"PolNeAR {args.split}: {len(names)} articles, {elapsed:.1f} s "
        f"({len(names) / elapsed:.1f} articles/s, {chars / elapsed / 1000:.0f}k chars/s)"
    )
    print(f"all attributions @30%, raw records:     {prf('raw')}")
    print(f"all attributions @30%, nested folded:  {prf('folded')}")
    ratios = (
        ("direct quotes recall @80%", "direct80", "direct_gold"),
        ("indirect recall @30%", "indirect_found", "indirect_gold"),
        ("source mention right (matched quotes)", "source_ok", "source_n"),
        ("speaker carries the named source", "named_ok", "named_n"),
        ("pronoun sources resolved to someone", "pronoun_resolved", "pronoun_n"),
    )
    for label, hit, total in ratios:
        h, t = counts[f"folded_{hit}"], counts[f"folded_{total}"]
        print(f"{label + ':':39s}{h / max(1, t):.3f} ({h}/{t})")
    if args.cues:
        print_cues(counts, args.cues)
    if args.errors:
        Path(args.errors).write_text("\n".join(log) + "\n", encoding="utf-8")
        print(f"errors written to {args.errors}")
    return 0


def print_cues(counts: dict, n: int) -> None:
    """Recall by the gold Cue's words, precision by our records' cue words."""
    for title, total, hit, rate in (
        ("gold cues (recall @30%)", "cuegold", "cuefound", "R"),
        ("our cues (precision @30%)", "cuepred", "cuetp", "P"),
    ):
        rows = sorted(
            ((k.split(":", 1)[1], v) for k, v in counts.items() if k.startswith(f"{total}:")),
            key=lambda kv: -kv[1],
        )[:n]
        print(title + ":")
        print("  " + ", ".join(f"{cue} {counts[f'{hit}:{cue}']}/{t} {rate}" for cue, t in rows))


PRONOUNS = {"he", "she", "him", "her", "they", "i", "we"}


def _speaker_checks(k, q, gold, text, counts) -> str | None:
    """Named gold sources: does our speaker carry that name? Pronouns: did we resolve one?"""
    source = " ".join(text[s:e] for s, e in gold["source"]).strip()
    words = [w.strip(".,'’s").lower() for w in source.split()]
    if source.lower() in PRONOUNS:
        counts[f"{k}_pronoun_n"] += 1
        counts[f"{k}_pronoun_resolved"] += q.speaker is not None
        return None
    caps = [w for w, raw in zip(words, source.split(), strict=True) if raw[:1].isupper()]
    if len(source.split()) <= 4 and caps and all(raw[:1].isupper() for raw in source.split()):
        counts[f"{k}_named_n"] += 1
        speaker = (q.speaker or "").lower()
        ok = bool(speaker) and caps[-1] in speaker
        counts[f"{k}_named_ok"] += ok
        if not ok:
            got = f"{q.speaker!r} (mention {q.mention!r})"
            return f"NAMED want {source!r} got {got} :: {q.text[:70]!r}"
    return None


def score(variant, golds, quotes, text, counts, log, name) -> None:
    k = variant
    counts[f"{k}_pred"] += len(quotes)
    counts[f"{k}_gold"] += len(golds)
    for q in quotes:
        span = [(q.span.start, q.span.end)]
        best = max(golds, key=lambda g: overlap(span, g["content"]), default=None)
        right = best is not None and overlap(span, best["content"]) >= 0.3 * length(span)
        if log is not None:
            cue = (q.cue or "-").lower()
            counts[f"cuepred:{cue}"] += 1
            counts[f"cuetp:{cue}"] += right
        if right:
            counts[f"{k}_tp_pred"] += 1
            if best["source"]:
                problem = _speaker_checks(k, q, best, text, counts)
                if problem and log is not None:
                    log.append(f"{name}: {problem}")
                counts[f"{k}_source_n"] += 1
                mention = [tuple(q.mention_span)] if q.mention_span else []
                if overlap(mention, best["source"]) > 0:
                    counts[f"{k}_source_ok"] += 1
                elif log is not None:
                    src = " ".join(text[s:e] for s, e in best["source"])
                    got = f"{q.mention!r} [{q.speaker}]"
                    log.append(f"{name}: SOURCE want {src!r} got {got} :: {q.text[:80]!r}")
        elif log is not None:
            log.append(f"{name}: EXTRA {q.kind} [{q.speaker}] {q.text[:100]!r}")
    spans = [(q.span.start, q.span.end) for q in quotes]
    for g in golds:
        covered = overlap(g["content"], spans)
        glen = max(1, length(g["content"]))
        found = covered >= 0.3 * glen
        counts[f"{k}_found_gold"] += found
        if log is not None:
            counts[f"cuegold:{g['cue'] or '-'}"] += 1
            counts[f"cuefound:{g['cue'] or '-'}"] += found
        if g["direct"]:
            counts[f"{k}_direct_gold"] += 1
            counts[f"{k}_direct80"] += covered >= 0.8 * glen
            if covered < 0.8 * glen and log is not None:
                log.append(f"{name}: MISSED-DIRECT {g['text'][:120]!r}")
        else:
            counts[f"{k}_indirect_gold"] += 1
            counts[f"{k}_indirect_found"] += found
            if not found and log is not None:
                log.append(f"{name}: MISSED-INDIRECT {g['text'][:120]!r}")


if __name__ == "__main__":
    sys.exit(main())
