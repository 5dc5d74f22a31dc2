"""Hostile single files: each must end in bounded time and memory, its neighbour written.

For every probe a temporary folder gets the hostile file beside a good article
(a seed), and `claimx extract DIR -o OUT --no-cache` runs on it in a process of
its own. Printed per probe: wall seconds, CPU seconds (user+sys of that process
and its children), peak memory, the exit code, whether the good article's sheet
and the hostile file's sheet were written, and whether a traceback reached
stderr. A probe past `--timeout` is killed and shown as such.

    python benchmarks/bench_hostile.py                    # every probe
    python benchmarks/bench_hostile.py --only junk,marks  # probes whose name has these
    python benchmarks/bench_hostile.py --long-mb 0        # without the long article

The long article is PolNeAR train articles (news written by others;
../shared/data/polnear) joined one after another up to `--long-mb` megabytes.
"""

from __future__ import annotations

import argparse
import codecs
import os
import random
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "seeds" / "000_418a29abe9d5b535.txt"
NEWS = (
    "The senator said the bill would pass. "
    "\u201cWe have the votes,\u201d Smith said on Tuesday.\n\n"
)


def front(meta: str, body: str = NEWS) -> bytes:
    return f"---\n{meta}\n---\n{body}".encode()


def billion_laughs() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    return front("\n".join(lines) + "\ntitle: *j")


def nesting_bomb() -> bytes:
    depth = 50_000
    return front("title: " + "[" * depth + "]" * depth)


def bad_dates(value: str) -> Callable[[], bytes]:
    return lambda: front(f"title: A bad date\ndate: {value}")


def year_9999() -> bytes:
    body = (
        "On December 31, 9999, the council met. A year later it met again.\n\n"
        "\u201cNext Tuesday,\u201d Smith said, \u201cwe vote.\u201d In 0001 nothing happened.\n\n"
    )
    return front("date: 9998-12-31", body)


def quote_marks(spaced: bool) -> Callable[[], bytes]:
    sep = " " if spaced else ""
    return lambda: (NEWS + sep.join(['"'] * 100_000) + "\n").encode()


def short_quotes() -> bytes:
    pieces = [f"\u201cYes {i}.\u201d" for i in range(50_000)]
    return (NEWS + " ".join(pieces) + " Smith said.\n").encode()


def short_quotes_lines() -> bytes:
    return (NEWS + "".join(f'"No {i}," Lee said.\n' for i in range(50_000))).encode()


def junk(tokens: int, seed: int = 7) -> Callable[[], bytes]:
    """One paragraph of random words, numbers and punctuation, no sentence end."""

    def make() -> bytes:
        rng = random.Random(seed)
        out = []
        for _ in range(tokens):
            r = rng.random()
            if r < 0.55:
                word = "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 8)))
                out.append(word.title() if rng.random() < 0.2 else word)
            elif r < 0.8:
                out.append(str(rng.randint(0, 99_999)))
            else:
                out.append(rng.choice("-,;:()&/*#@%$\u2014'\""))
        return (NEWS + " ".join(out) + "\n").encode()

    return make


def utf16_no_bom() -> bytes:
    return (NEWS * 20).encode("utf-16-le")


def utf32_bom() -> bytes:
    return codecs.BOM_UTF32_LE + (NEWS * 20).encode("utf-32-le")


def long_article(megabytes: float) -> Callable[[], bytes]:
    def make() -> bytes:
        folder = None
        for candidate in (
            ROOT.parent / "shared" / "data" / "polnear" / "train" / "text",
            Path("/work/shared/data/polnear/train/text"),
        ):
            if candidate.is_dir():
                folder = candidate
                break
        if folder is None:
            sys.exit("PolNeAR train texts not found (../shared/data/polnear): use --long-mb 0")
        size = int(megabytes * 1_000_000)
        parts, total = [], 0
        for f in sorted(folder.glob("*.txt")):
            parts.append(f.read_text(encoding="utf-8").strip())
            total += len(parts[-1]) + 2
            if total > size:
                break
        return "\n\n".join(parts)[:size].encode("utf-8")

    return make


def probes(long_mb: float) -> dict[str, tuple[str, Callable[[], bytes]]]:
    found: dict[str, tuple[str, Callable[[], bytes]]] = {
        "billion-laughs": ("md", billion_laughs),
        "nesting-bomb": ("md", nesting_bomb),
        "date-hour-25": ("md", bad_dates("2026-01-12T25:00:00")),
        "date-13-45": ("md", bad_dates("2026-13-45")),
        "date-0001": ("md", bad_dates("0001-01-01")),
        "date-9999": ("md", bad_dates("9999-12-31")),
        "year-9999-text": ("md", year_9999),
        "marks-100k-spaced": ("txt", quote_marks(True)),
        "marks-100k-run": ("txt", quote_marks(False)),
        "quotes-50k-para": ("txt", short_quotes),
        "quotes-50k-lines": ("txt", short_quotes_lines),
        "junk-100k-tokens": ("txt", junk(100_000)),
        "utf16-no-bom": ("txt", utf16_no_bom),
        "utf32-bom": ("txt", utf32_bom),
    }
    if long_mb > 0:
        found[f"long-{long_mb:g}mb"] = ("txt", long_article(long_mb))
    return found


def run(name: str, suffix: str, make: Callable[[], bytes], timeout: float) -> str:
    with tempfile.TemporaryDirectory(prefix="claimx-hostile-") as tmp:
        folder, out = Path(tmp) / "in", Path(tmp) / "out"
        folder.mkdir()
        (folder / "good.txt").write_bytes(GOOD.read_bytes())
        data = make()
        (folder / f"hostile.{suffix}").write_bytes(data)
        cmd = [sys.executable, "-m", "claimx", "extract", str(folder), "-o", str(out)]
        cmd += ["--no-cache", "--quiet"]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        start = time.perf_counter()
        with open(Path(tmp) / "stderr", "wb") as err:
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
            status, usage = _wait(proc.pid, timeout)
        took = time.perf_counter() - start
        stderr = (Path(tmp) / "stderr").read_text(encoding="utf-8", errors="replace")
        code = "killed" if status is None else str(status)
        cpu = usage.ru_utime + usage.ru_stime
        peak = usage.ru_maxrss / 1024
        good = (out / "good.yaml").is_file()
        bad = (out / "hostile.yaml").is_file()
        trace = "Traceback" in stderr
        note = " ".join(stderr.split())[:70]
        size = f"{len(data) / 1000:,.0f}K"
        yes = {True: "yes", False: "NO"}
        return (
            f"{name:<18} {size:>7} {took:>7.1f} {cpu:>7.1f} {peak:>7.0f} {code:>6} "
            f"{yes[good]:>4} {'yes' if bad else 'no':>7} {'YES' if trace else 'no':>5}  {note}"
        )


def _wait(pid: int, timeout: float):
    """(exit status or None when killed, resource usage of that process tree)."""
    deadline = time.monotonic() + timeout
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), usage
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            _done, _status, usage = os.wait4(pid, 0)
            return None, usage
        time.sleep(0.05)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated parts of probe names to run")
    parser.add_argument("--long-mb", type=float, default=3.0, help="long article size (0: none)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a kill")
    args = parser.parse_args()
    chosen = probes(args.long_mb)
    if args.only:
        wanted = args.only.split(",")
        chosen = {k: v for k, v in chosen.items() if any(w in k for w in wanted)}
    head = f"{'probe':<18} {'size':>7} {'wall s':>7} {'cpu s':>7} {'peak MB':>7} {'exit':>6}"
    print(f"{head} {'good':>4} {'written':>7} {'trace':>5}  stderr")
    for name, (suffix, make) in chosen.items():
        print(run(name, suffix, make, args.timeout), flush=True)


if __name__ == "__main__":
    main()
