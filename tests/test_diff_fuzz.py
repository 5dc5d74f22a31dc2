"""Property test: `claimx diff` on mutated fact sheets never fails with a traceback.

Two real fact sheets (the golden sheets of two seeds, the second edited the way a
correction edits one) are mutated line by line — lines deleted, duplicated,
swapped or cut, values replaced by hostile ones (wrong types, huge numbers,
`.inf`, aliases, tags, control characters, unknown format versions) — and
compared. Every pair must end in a report or in a `ClaimxError` (the CLI's one
line and exit 2): no other exception.

A few hundred examples per run; `make fuzz` runs thousands (CLAIMX_FUZZ_EXAMPLES).
"""

import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from claimx.diff import compare_paths, render_text, render_yaml
from claimx.errors import ClaimxError

GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLES = int(os.environ.get("CLAIMX_FUZZ_EXAMPLES", "0")) or None
FUZZ = settings(
    max_examples=EXAMPLES or 200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

HOSTILE = [
    "-1",
    "0",
    "1e309",
    ".inf",
    "-.inf",
    ".nan",
    "99",
    "[1]",
    "[]",
    "{a: 1}",
    "{}",
    "''",
    "null",
    "~",
    "true",
    "0x1F",
    "2026-13-45",
    "2026-01-12T25:00:00",
    "[0, 99999999999999999999]",
    "[5, 2]",
    "[-3, 4]",
    "[1, 2, 3]",
    '"\\e[31mred\\e[0m"',
    '"\\x9b2J"',
    '"\\u202egnp.txt"',
    "&a x",
    "*a",
    "!!python/object/apply:os.system [ls]",
    "!!binary aGVsbG8=",
    "x" * 3000,
    "[" * 200 + "]" * 200,
    "q-0000000000",
]


def _sheets() -> tuple[str, str]:
    files = sorted(GOLDEN.glob("*.yaml"))
    old = files[0].read_text(encoding="utf-8")
    # A corrected version: one figure's value and one quote's words changed.
    new = old.replace("value: 183", "value: 185", 1).replace(" the ", " this ", 1)
    return old, new


OLD, NEW = _sheets()


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        n = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["value", "value", "value", "delete", "dup", "swap", "cut"]))
        if op == "value" and ":" in lines[n]:
            key = lines[n].split(":", 1)[0]
            lines[n] = f"{key}: {draw(st.sampled_from(HOSTILE))}"
        elif op == "delete":
            del lines[n]
        elif op == "dup":
            lines.insert(n, lines[n])
        elif op == "swap":
            m = draw(st.integers(0, len(lines) - 1))
            lines[n], lines[m] = lines[m], lines[n]
        elif op == "cut":
            lines[n] = lines[n][: draw(st.integers(0, len(lines[n])))]
            lines = lines[: n + 1]
    return "\n".join(lines)


def never(files: list, stdin: object = None) -> list:
    assert not files, "no article should be extracted"
    return []


def _compare(tmp: Path, old: str, new: str, suffix: str) -> None:
    a, b = tmp / f"old{suffix}", tmp / f"new{suffix}"
    a.write_text(old, encoding="utf-8")
    b.write_text(new, encoding="utf-8")
    try:
        report = compare_paths(str(a), str(b), never)
    except ClaimxError:
        return
    render_yaml(report)
    render_text(report, Console(file=io.StringIO(), highlight=False, soft_wrap=True))


@FUZZ
@given(st.data())
def test_mutated_yaml_sheets_never_raise(tmp_path_factory: pytest.TempPathFactory, data) -> None:
    tmp = tmp_path_factory.mktemp("fuzz")
    old = data.draw(st.one_of(st.just(OLD), mutated(OLD)))
    new = data.draw(mutated(NEW))
    _compare(tmp, old, new, ".yaml")


def _jsonl(text: str) -> str:
    import tempfile

    from claimx.sheet import dump_jsonl, load_sheets

    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "a.yaml"
        file.write_text(text, encoding="utf-8")
        return "".join(dump_jsonl(s) for s in load_sheets(file))


OLD_JSONL, NEW_JSONL = _jsonl(OLD), _jsonl(NEW)
HOSTILE_JSON = ["-1", "1e999", "[1]", "{}", '""', "null", "true", '"\\u001b[31m"', "[" * 5000]


@st.composite
def mutated_jsonl(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        n = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["value", "value", "delete", "dup", "cut"]))
        if op == "value" and '": ' in lines[n]:
            head, _sep, rest = lines[n].partition('": ')
            tail = rest.split(", ", 1)[1] if ", " in rest else "}"
            lines[n] = f'{head}": {draw(st.sampled_from(HOSTILE_JSON))}, {tail}'
        elif op == "delete":
            del lines[n]
        elif op == "dup":
            lines.insert(n, lines[n])
        elif op == "cut":
            lines[n] = lines[n][: draw(st.integers(0, len(lines[n])))]
    return "\n".join(lines)


@FUZZ
@given(st.data())
def test_mutated_jsonl_sheets_never_raise(tmp_path_factory: pytest.TempPathFactory, data) -> None:
    tmp = tmp_path_factory.mktemp("fuzz")
    _compare(tmp, OLD_JSONL, data.draw(mutated_jsonl(NEW_JSONL)), ".jsonl")
