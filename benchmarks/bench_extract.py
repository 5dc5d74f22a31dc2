"""Extraction speed: articles and characters per second, one and two workers.

    python benchmarks/bench_extract.py                 # seeds x 20 and PolNeAR dev
    python benchmarks/bench_extract.py --repeat 50

Prints figures only; nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimx.pipeline import extract, find_inputs, load_pipeline  # noqa: E402
from claimx.rules import load_rules  # noqa: E402
from claimx.sheet import dump_yaml  # noqa: E402


def corpus(repeat: int) -> tuple[Path, list[Path]]:
    """A temp folder with the seeds copied `repeat` times, plus PolNeAR dev if present."""
    tmp = Path(tempfile.mkdtemp(prefix="claimx-bench-"))
    for i in range(repeat):
        for seed in sorted((ROOT / "seeds").glob("*.txt")):
            shutil.copy(seed, tmp / f"{i:03d}_{seed.name}")
    polnear = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
    extra = sorted(polnear.glob("*.txt")) if polnear.is_dir() else []
    return tmp, extra


def run(paths: list[str], workers: int) -> tuple[int, int, float]:
    nlp = load_pipeline()
    rules = load_rules()
    inputs = find_inputs(paths)
    chars = sum(len(i.file.read_text(encoding="utf-8")) for i in inputs)
    start = time.perf_counter()
    n = 0
    for result in extract(inputs, nlp, rules, workers=workers):
        dump_yaml(result.sheet)
        n += 1
    return n, chars, time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=20, help="copies of the five seeds")
    args = ap.parse_args()
    tmp, polnear = corpus(args.repeat)
    try:
        t0 = time.perf_counter()
        load_pipeline()
        print(f"pipeline load: {time.perf_counter() - t0:.2f} s")
        sets = [(f"seeds x{args.repeat}", [str(tmp)])]
        if polnear:
            sets.append((f"PolNeAR dev ({len(polnear)} articles)", [str(p) for p in polnear]))
        for label, paths in sets:
            for workers in (1, 2):
                n, chars, secs = run(paths, workers)
                print(
                    f"{label:28s} workers={workers}: {n} articles in {secs:.1f} s = "
                    f"{n / secs:.1f} articles/s, {chars / secs / 1000:.0f}k chars/s"
                )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
