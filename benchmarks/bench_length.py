"""Time against article length: does extraction stay near-linear as articles grow?

Articles of growing size are made by joining PolNeAR dev articles (news written by
others; ../shared/data/polnear) one after another, each a paragraph block of its
own, and run through `claimx.extract_text` as the CLI would. Prints characters,
seconds (wall and CPU), CPU microseconds per character and the process's peak
memory; a flat microseconds-per-character column is a linear curve. Past 100,000 characters the
article goes through spaCy in paragraph-aligned chunks.

    python benchmarks/bench_length.py                 # 16 KB to 1 MB
    python benchmarks/bench_length.py --max-kb 3000   # up to 3 MB
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimx.pipeline import extract_text, load_pipeline  # noqa: E402


def corpus(given: str | None) -> str:
    shared = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
    for candidate in (given, shared, Path("/work/shared/data/polnear/dev/text")):
        if candidate and Path(candidate).is_dir():
            files = sorted(Path(candidate).glob("*.txt"))
            return "\n\n".join(f.read_text(encoding="utf-8").strip() for f in files)
    sys.exit("PolNeAR dev texts not found: pass --data DIR")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="folder of .txt articles (default: PolNeAR dev)")
    parser.add_argument("--max-kb", type=int, default=1000, help="largest article, in KB")
    args = parser.parse_args()
    text = corpus(args.data)
    nlp = load_pipeline()
    extract_text("Warm-up: Lee said so on Tuesday.", nlp=nlp)
    print(f"{'chars':>10} {'seconds':>8} {'cpu s':>8} {'us/char':>8} {'records':>8} {'peak MB':>8}")
    size = 16_000
    while size <= args.max_kb * 1000:
        article = text[:size]
        while len(article) < size:  # more than the corpus: repeat it
            article += "\n\n" + text[: size - len(article)]
        start, cpu = time.perf_counter(), time.process_time()
        sheet = extract_text(article, nlp=nlp, path="bench.txt")
        took, cpu = time.perf_counter() - start, time.process_time() - cpu
        records = sum(len(r) for r in sheet.records.values())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        per_char = cpu / len(article) * 1e6
        row = f"{len(article):>10,} {took:>8.2f} {cpu:>8.2f} {per_char:>8.1f}"
        print(f"{row} {records:>8,} {peak:>8.0f}")
        sys.stdout.flush()
        size *= 2


if __name__ == "__main__":
    main()
