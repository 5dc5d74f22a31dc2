"""The extract command as a user runs it: options, outputs, exit codes, bad inputs."""

import os
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from claimx import __version__
from claimx.cli import app
from tests.conftest import SEEDS

runner = CliRunner()


def run(*args, **kwargs):
    return runner.invoke(app, [str(a) for a in args], **kwargs)


def sheets(text: str) -> list[dict]:
    return [d for d in yaml.safe_load_all(text) if d]


def test_version():
    result = run("--version")
    assert result.exit_code == 0, result.output
    assert __version__ in result.output


def test_extract_seeds_to_stdout():
    result = run("extract", SEEDS, "--quiet")
    assert result.exit_code == 0, result.output
    docs = sheets(result.stdout)
    assert [Path(d["source"]["path"]).name for d in docs] == sorted(
        p.name for p in SEEDS.glob("*.txt")
    )
    assert any(q["speaker"] == "Choi Eun-mi" for d in docs for q in d["quotes"])


def test_output_dir_is_deterministic(tmp_path):
    for out in ("a", "b"):
        result = run("extract", SEEDS, "-o", tmp_path / out)
        assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == sorted(p.stem + ".yaml" for p in SEEDS.glob("*.txt"))
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_output_keeps_relative_paths(tmp_path):
    src = tmp_path / "in"
    (src / "nested").mkdir(parents=True)
    (src / "nested" / "x.md").write_text("Lee said the talks went well.")
    (src / ".hidden.txt").write_text("secret")
    result = run("extract", src, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    written = [
        p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.yaml")
    ]
    assert written == ["nested/x.yaml"]


def test_stdin_and_date_option():
    text = "Tokyo\n\nThe minister said talks will resume on Tuesday.\n"
    result = run("extract", "-", "--date", "2026-01-12", input=text)
    assert result.exit_code == 0, result.output
    (doc,) = sheets(result.stdout)
    assert doc["source"]["path"] == "-"
    assert doc["source"]["published_from"] == "option"
    assert {d["value"] for d in doc["dates"]} == {"2026-01-13"}


def test_jsonl_format():
    result = run("extract", SEEDS / "002_639d3b14e8c139b0.txt", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    import json

    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["section"] == "source"
    assert {r["section"] for r in rows[1:]} == {"quotes", "dates", "figures"}


def test_glob_option(tmp_path):
    (tmp_path / "a.txt").write_text("One.")
    (tmp_path / "b.news").write_text("Two.")
    result = run("extract", tmp_path, "--glob", "*.news")
    assert result.exit_code == 0, result.output
    assert [Path(d["source"]["path"]).name for d in sheets(result.stdout)] == ["b.news"]


def test_bad_inputs_lose_nothing(tmp_path):
    (tmp_path / "good.txt").write_text('"We will rebuild," Mayor Ana Lopez said on Monday.\n')
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "legacy.txt").write_bytes(
        "\u201cThe bridge is safe,\u201d said Tom Reyes, the city engineer.\n".encode("cp1252")
    )
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = run("extract", tmp_path, "-o", tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert "photo.txt" in result.stderr and "binary" in result.stderr
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == ["empty.yaml", "good.yaml", "legacy.yaml"]
    legacy = yaml.safe_load((out / "legacy.yaml").read_text())
    assert legacy["quotes"][0]["speaker"] == "Tom Reyes"
    assert any("cp1252" in w for w in legacy["warnings"])
    empty = yaml.safe_load((out / "empty.yaml").read_text())
    assert empty["quotes"] == empty["dates"] == empty["figures"] == []


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["extract", "no/such/file.txt"], "no/such/file.txt"),
        (["extract", str(SEEDS), "--date", "yesterday"], "--date"),
        (["extract", str(SEEDS), "--model", "xx_no_such_model"], "xx_no_such_model"),
        (["extract", str(SEEDS), "--workers", "0"], "--workers"),
        (["extract", str(SEEDS), "--format", "xml"], "--format"),
        (["extract"], "Missing argument"),
    ],
)
def test_usage_errors_exit_2(args, fragment):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert fragment in result.output


def test_bad_rules_exit_2_naming_the_key(tmp_path):
    (tmp_path / "dates.yaml").write_text("no_such_key: 1\n")
    result = run("extract", SEEDS, "--rules", tmp_path)
    assert result.exit_code == 2, result.output
    assert "dates.yaml" in result.output and "no_such_key" in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_output_dir(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    result = run("extract", SEEDS, "-o", locked)
    assert result.exit_code == 2, result.output
    assert "not writable" in result.output


def test_output_dir_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    result = run("extract", SEEDS, "-o", blocker / "out")
    assert result.exit_code == 2, result.output
    assert "cannot create output directory" in result.output


def test_a_sheet_that_cannot_be_written_fails_alone(tmp_path):
    src = tmp_path / "in"
    (src / "nested").mkdir(parents=True)
    (src / "nested" / "x.txt").write_text("Lee said the talks went well.")
    (src / "y.txt").write_text("Kim said nothing.")
    out = tmp_path / "out"
    out.mkdir()
    (out / "nested").write_text("a file where a folder should be")
    result = run("extract", src, "-o", out)
    assert result.exit_code == 1, result.output
    assert "nested/x.txt" in result.stderr and "cannot write" in result.stderr
    assert (out / "y.yaml").is_file()


def test_output_that_is_a_file(tmp_path):
    target = tmp_path / "file.yaml"
    target.write_text("x")
    result = run("extract", SEEDS, "-o", target)
    assert result.exit_code == 2, result.output
    assert "must be a directory" in result.output


def test_workers_give_the_same_sheets():
    one = run("extract", SEEDS, "--quiet")
    two = run("extract", SEEDS, "--quiet", "--workers", "2")
    assert two.exit_code == 0, two.output
    assert two.stdout == one.stdout


GOOD = '"We will rebuild," Mayor Ana Lopez said on Monday.\n'


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--date", ""], "--date is empty"),
        (["--date", "9999-12-31"], "out of range"),
        (["--date", "2026-01-12T08:00+09:00"], "time zone offset"),
        (["-g", "/etc/*"], "--glob '/etc/*'"),
        (["-g", "../*.txt"], "no `..`"),
        (["--rules", "BADRULES"], "backtracks catastrophically"),
        (["--rules", "BROKENRULES"], "not a valid regular expression"),
    ],
)
def test_usage_errors_are_one_line_before_any_work(tmp_path, args, fragment):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD)
    (tmp_path / "BADRULES").mkdir()
    (tmp_path / "BADRULES" / "articles.yaml").write_text("furniture_lines: ['(a+)+$']\n")
    (tmp_path / "BROKENRULES").mkdir()
    (tmp_path / "BROKENRULES" / "articles.yaml").write_text("furniture_inline: ['[unclosed']\n")
    args = [str(tmp_path / a) if a.endswith("RULES") else a for a in args]
    result = run("extract", tmp_path / "in", "-o", tmp_path / "out", *args)
    assert result.exit_code == 2, result.output
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_a_symlink_out_of_the_folder_is_a_usage_error(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD)
    (tmp_path / "secret.txt").write_text("secret")
    (tmp_path / "in" / "link.txt").symlink_to(tmp_path / "secret.txt")
    result = run("extract", tmp_path / "in")
    assert result.exit_code == 2, result.output
    assert "link.txt: a symbolic link" in result.stderr


def test_output_inside_the_input_is_never_read_back(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    for _ in range(2):
        result = run("extract", tmp_path, "-o", tmp_path / "facts", "-g", "*.txt", "-g", "*.yaml")
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "facts").rglob("*")) == ["a.yaml"]


def test_sheets_get_the_users_file_mode(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    old = os.umask(0o027)
    try:
        result = run("extract", tmp_path / "a.txt", "-o", tmp_path / "out")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "a.yaml").stat().st_mode & 0o777 == 0o640


def test_standard_input_twice_is_a_usage_error():
    result = run("extract", "-", "-", input=GOOD)
    assert result.exit_code == 2
    assert "only once" in result.stderr


def test_size_limit_is_on_the_raw_bytes(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 5000)
    (tmp_path / "small.txt").write_text(GOOD)
    result = run("extract", tmp_path, "-o", tmp_path / "out", "--max-size", "0.01")
    assert result.exit_code == 1, result.output
    assert "big.txt: too large (more than 10,000 bytes" in result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["small.yaml"]


def test_names_and_text_are_printed_escaped(tmp_path):
    name = os.fsdecode(b"caf\xe9\x1b[31m.txt")
    (tmp_path / name).write_bytes(b"\x00\x01binary")
    (tmp_path / "ok.txt").write_text(GOOD)
    result = run("extract", tmp_path, "-o", tmp_path / "out", "-f", "jsonl")
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.stderr
    assert "caf\\xe9\\x1b[31m.txt: binary file" in result.stderr


def test_non_utf8_file_names_are_written_and_read_back(tmp_path):
    from claimx.sheet import load_sheets

    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_text(GOOD)
    for fmt in ("yaml", "jsonl"):
        result = run("extract", tmp_path / "in", "-o", tmp_path / fmt, "-f", fmt)
        assert result.exit_code == 0, result.output
        (written,) = (tmp_path / fmt).iterdir()
        (sheet,) = load_sheets(written)
        assert sheet.source.path.endswith("caf\\xe9.txt")
        assert sheet.quotes[0].at.startswith(sheet.source.path + ":")


def test_an_extractor_failure_leaves_the_sheet_and_names_the_article(tmp_path, monkeypatch):
    import dataclasses

    from claimx.pipeline import DEFAULT_MODEL, load_pipeline
    from claimx.sections import SECTIONS

    component = load_pipeline(DEFAULT_MODEL, None).get_pipe("claimx_figures")  # the CLI's
    broken = dataclasses.replace(SECTIONS["figures"], finder="tests.test_components:_failing")
    monkeypatch.setattr(component, "section", broken)
    (tmp_path / "a.txt").write_text(GOOD + "It cost $4 million.\n")
    result = run("extract", tmp_path / "a.txt", "-o", tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert "a.txt: figures: extractor failed (ZeroDivisionError: boom)" in result.stderr
    sheet = yaml.safe_load((tmp_path / "out" / "a.yaml").read_text())
    assert sheet["figures"] == [] and sheet["quotes"]
    assert any(w.startswith("figures: extractor failed") for w in sheet["warnings"])
