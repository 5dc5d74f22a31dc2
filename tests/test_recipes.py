"""The README's recipes, run as written on the seeds: each shows what its comment says."""

import csv
import json
import os
import re
import shutil
import stat
import subprocess
import sys

import pytest
import yaml

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def recipes() -> list[tuple[str, list[str]]]:
    """(comment, command lines) for each recipe of the README's Recipes section."""
    section = README[README.index("## Recipes") :]
    block = re.search(r"```\n(.*?)```", section, re.S).group(1)
    out: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("# "):
            out.append((line[2:], []))
        elif line.strip():
            out[-1][1].append(line)
    return out


# A `claimx` on PATH that runs this checkout; identical read-only runs are done once.
SHIM = """#!{python}
import hashlib, os, subprocess, sys
args = sys.argv[1:]
cmd = [{python!r}, "-m", "claimx", *args]
if "-o" in args or "-" in args:
    sys.exit(subprocess.call(cmd))
key = hashlib.sha1("\\0".join(args).encode()).hexdigest()
cache = os.path.join({cache!r}, key)
if not os.path.exists(cache):
    done = subprocess.run(cmd, stdout=subprocess.PIPE)
    if done.returncode:
        sys.stdout.buffer.write(done.stdout)
        sys.exit(done.returncode)
    with open(cache + ".tmp", "wb") as fh:
        fh.write(done.stdout)
    os.replace(cache + ".tmp", cache)
with open(cache, "rb") as fh:
    sys.stdout.buffer.write(fh.read())
"""


@pytest.fixture(scope="module")
def shell(tmp_path_factory):
    work = tmp_path_factory.mktemp("recipes")
    (work / "bin").mkdir()
    (work / "cache").mkdir()
    shim = work / "bin" / "claimx"
    shim.write_text(SHIM.format(python=sys.executable, cache=str(work / "cache")))
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    (work / "run").mkdir()
    os.symlink(ROOT / "seeds", work / "run" / "seeds")
    (work / "run" / "tests" / "data").mkdir(parents=True)
    os.symlink(ROOT / "tests" / "data" / "diff", work / "run" / "tests" / "data" / "diff")
    env = {
        **os.environ,
        "PATH": f"{work / 'bin'}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "NO_COLOR": "1",
    }

    def run(lines: list[str]) -> tuple[int, str]:
        codes, outs = [], []
        for line in lines:
            done = subprocess.run(
                ["bash", "-o", "pipefail", "-c", line],
                cwd=work / "run",
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
            codes.append(done.returncode)
            outs.append(done.stdout)
            assert done.returncode in (0, 1), f"{line}: {done.stderr}"
        return codes[-1], "".join(outs)

    run.cwd = work / "run"
    return run


def groups(output: str) -> list[str]:
    return [g for g in output.split("\n--\n") if g.strip()]


def check_one_person(code, out, cwd):
    found = groups(out)
    assert found
    for group in found:
        assert "speaker: Choi Eun-mi" in group
        assert re.search(r"^  at: seeds/\S+:\d+:\d+$", group, re.M), group
        assert "- id: q-" in group and "  kind: " in group and "  text: " in group


def check_speaker_sheet(code, out, cwd):
    docs = [d for d in yaml.safe_load_all(out) if d]
    quotes = [q for d in docs for q in d["quotes"]]
    assert quotes and {q["speaker"] for q in quotes} == {"Choi Eun-mi"}


def check_who(code, out, cwd):
    counts = [re.fullmatch(r"\s*(\d+)\s+speaker: (.+)", line) for line in out.splitlines()]
    assert counts and all(counts)
    numbers = [int(m.group(1)) for m in counts]
    assert numbers == sorted(numbers, reverse=True)


def check_dates(code, out, cwd):
    found = groups(out)
    assert found
    for group in found:
        assert re.search(r"^  text: .+$", group, re.M), group
        assert re.search(r"^  value: '?\d{4}", group, re.M), group
        assert "  anchor: published" in group and re.search(r"^  at: seeds/", group, re.M)


def check_spreadsheet(code, out, cwd):
    with (cwd / "figures.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {r["section"] for r in rows} == {"figures"}
    assert all(r["value"] and r["text"] for r in rows)


def check_jq(code, out, cwd):
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all(set(r) == {"speaker", "text"} for r in rows)
    assert any(r["speaker"] == "Choi Eun-mi" for r in rows)


def check_conflicts(code, out, cwd):
    report = yaml.safe_load(out)
    assert report["corroborate"] == 1
    assert report["groups"] and {g["status"] for g in report["groups"]} == {"differ"}
    assert code == 1  # some sources differ


def check_diff(code, out, cwd):
    assert code == 1  # the facts differ
    assert out.strip()


CHECKS = {
    "every quote by one person": check_one_person,
    "the same as a fact sheet": check_speaker_sheet,
    "who is quoted": check_who,
    "all dates resolved": check_dates,
    "figures in a spreadsheet": check_spreadsheet,
    "where do the outlets disagree?": check_conflicts,
    "quotes as JSON for jq": check_jq,
    "what a correction changed": check_diff,
}


def test_every_recipe_has_a_check():
    for comment, _lines in recipes():
        assert any(comment.startswith(key) for key in CHECKS), comment


@pytest.mark.parametrize("comment, lines", recipes(), ids=[c for c, _ in recipes()])
def test_recipe(comment, lines, shell):
    if any(line.split()[0] == "jq" or "| jq" in line for line in lines) and not shutil.which("jq"):
        pytest.skip("jq is not installed")
    check = next(fn for key, fn in CHECKS.items() if comment.startswith(key))
    code, out = shell(lines)
    check(code, out, shell.cwd)
