"""Tables for spreadsheets (CSV, TSV), --only and --speaker, and -o that never loses an input."""

import csv
import io
import json
import re

import pytest
import typer.main
import yaml
from typer.testing import CliRunner

from claimx.cli import app
from claimx.errors import UsageError
from claimx.model import FactSheet
from claimx.outputs import Selection, speaker_matches
from claimx.sheet import csv_header, dump_csv, dump_tsv, table_columns, tsv_header
from tests.conftest import SEEDS

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def records(sheet: FactSheet) -> list:
    return [*sheet.quotes, *sheet.dates, *sheet.figures]


def test_csv_one_row_per_record(seed_sheets):
    sheets = list(seed_sheets.values())
    text = csv_header() + "".join(dump_csv(s) for s in sheets)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == sum(len(records(s)) for s in sheets)
    by_id = {(r["article"], r["id"]): r for r in rows}
    for sheet in sheets:
        for section in ("quotes", "dates", "figures"):
            for record in getattr(sheet, section):
                row = by_id[(sheet.source.path, record.id)]
                assert row["section"] == section
                assert row["text"] == record.text
                assert (int(row["start"]), int(row["end"])) == tuple(record.span)
                assert row["at"] == record.at


def test_every_field_has_a_column():
    from claimx.model import SECTIONS

    columns = set(table_columns())
    for cls in SECTIONS.values():
        for name in cls.__dataclass_fields__:
            assert name in columns or f"{name[:-5]}_start" in columns or name == "span"


@pytest.mark.parametrize(
    "value",
    ['He said, "no."', "line one\nline two", "tab\there", "back\\slash", "", "née — «ok»"],
)
def test_odd_values_round_trip(value, seed_sheets):
    import dataclasses

    sheet = next(iter(seed_sheets.values()))
    quote = dataclasses.replace(sheet.quotes[0], text=value, speaker=None)
    odd = dataclasses.replace(sheet, quotes=(quote,), dates=(), figures=())
    (row,) = csv.DictReader(io.StringIO(csv_header() + dump_csv(odd), newline=""))
    assert row["text"] == value and row["speaker"] == ""
    tsv = (tsv_header() + dump_tsv(odd)).split("\n")
    assert len(tsv) == 3 and tsv[2] == ""
    cells = dict(zip(tsv[0].split("\t"), tsv[1].split("\t"), strict=True))
    unescaped = cells["text"].replace("\\\\", "\0").replace("\\n", "\n").replace("\\t", "\t")
    assert unescaped.replace("\0", "\\") == value


def test_csv_from_the_command_line(tmp_path):
    result = run("extract", SEEDS / "000_418a29abe9d5b535.txt", "-f", "csv", "--only", "figures")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert rows and {r["section"] for r in rows} == {"figures"}
    assert any(r["text"] == "183 workers" and r["value"] == "183" for r in rows)


@pytest.mark.parametrize(
    "speaker, wanted, hit",
    [
        ("Lee Jae Myung", "Lee", True),
        ("Lee Jae Myung", "lee jae-myung", True),
        ("Choi Eun-mi", "Choi Eun-mi", True),
        ("Choi Eun-mi", "Eun", True),
        ("Leeds United", "Lee", False),
        (None, "Lee", False),
    ],
)
def test_speaker_matches_whole_words(speaker, wanted, hit):
    assert speaker_matches(speaker, wanted) is hit


@pytest.mark.parametrize(
    "only, speaker, sections",
    [
        (None, None, None),
        ("quotes,figures", None, ("quotes", "figures")),
        (None, "Lee", ("quotes",)),
        ("dates,quotes", "Lee", ("dates", "quotes")),
    ],
)
def test_selection(only, speaker, sections):
    assert Selection.parse(only, speaker, ["quotes", "dates", "figures"]).sections == sections


@pytest.mark.parametrize("only", ["", "quote", "quotes,people"])
def test_bad_only_is_a_usage_error(only):
    with pytest.raises(UsageError, match="--only"):
        Selection.parse(only, None, ["quotes", "dates", "figures"])


@pytest.mark.parametrize("fmt", ["yaml", "jsonl", "csv"])
def test_speaker_filter_in_every_format(fmt):
    result = run("extract", SEEDS, "-q", "-f", fmt, "--speaker", "Choi Eun-mi")
    assert result.exit_code == 0, result.output
    if fmt == "yaml":
        docs = [d for d in yaml.safe_load_all(result.stdout) if d]
        assert all("dates" not in d and "figures" not in d for d in docs)
        speakers = {q["speaker"] for d in docs for q in d["quotes"]}
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert {r["section"] for r in rows} == {"source", "quotes"}
        speakers = {r["speaker"] for r in rows if r["section"] == "quotes"}
    else:
        rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
        speakers = {r["speaker"] for r in rows}
    assert speakers == {"Choi Eun-mi"}


def test_three_same_named_inputs_give_three_sheets(tmp_path):
    names = []
    for d in "abc":
        (tmp_path / "three" / d).mkdir(parents=True)
        (tmp_path / "three" / d / "x.txt").write_text(f"Lee said plant {d} would hire 12 workers.")
        names.append(tmp_path / "three" / d / "x.txt")
    result = run("extract", *names, "-o", tmp_path / "out", "-q")
    assert result.exit_code == 0, result.output
    written = sorted(
        p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")
    )
    assert written == ["a", "a/x.yaml", "b", "b/x.yaml", "c", "c/x.yaml"]
    for d in "abc":
        sheet = yaml.safe_load((tmp_path / "out" / d / "x.yaml").read_text())
        assert sheet["source"]["path"] == str(tmp_path / "three" / d / "x.txt")


def test_two_folders_mirror_their_names(tmp_path):
    for d in ("one", "two"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "x.txt").write_text("Lee said 5 people came.")
    result = run("extract", tmp_path / "one", tmp_path / "two", "-o", tmp_path / "out", "-q")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "one" / "x.yaml").is_file()
    assert (tmp_path / "out" / "two" / "x.yaml").is_file()


def test_an_input_given_twice_is_refused_before_writing(tmp_path):
    article = tmp_path / "x.txt"
    article.write_text("Lee said 5 people came.")
    result = run("extract", article, article, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "given twice" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_nothing_matched_is_exit_2(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("extract", tmp_path / "empty")
    assert result.exit_code == 2
    assert "no article files" in result.stderr


@pytest.mark.parametrize("command", sorted(typer.main.get_command(app).commands))
def test_every_command_has_examples_and_short_help(command):
    result = run(command, "-h")
    assert result.exit_code == 0
    assert "Examples" in result.stdout and f"claimx {command} " in result.stdout


@pytest.mark.parametrize("no_color, colored", [(None, True), ("1", False)])
def test_no_color_is_respected(no_color, colored):
    """Styles (bold) may stay; colours (SGR 30-38) go when NO_COLOR is set."""
    env = {"FORCE_COLOR": "1", "NO_COLOR": no_color}
    result = runner.invoke(app, ["extract", "-h"], env=env, color=True)
    codes = re.findall(r"\x1b\[([0-9;]*)m", result.stdout)
    has_colour = any(re.search(r"(?:^|;)3[0-8](?:;|$)", code) for code in codes)
    assert has_colour is colored
