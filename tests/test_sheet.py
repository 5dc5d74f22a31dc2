"""The fact-sheet contract, checked on the seeds: what other tools rely on."""

import dataclasses
import re

import pytest
import yaml

from claimx.errors import SheetError
from claimx.model import SECTIONS
from claimx.sheet import dump_jsonl, dump_yaml, load_sheets, sheet_from_dict
from tests.conftest import SEEDS

REQUIRED = {
    "quotes": [
        "id",
        "kind",
        "speaker",
        "speaker_type",
        "via",
        "role",
        "mention",
        "mention_span",
        "cue",
        "text",
        "span",
        "at",
    ],
    "dates": ["id", "text", "value", "type", "anchor", "span", "at"],
    "figures": [
        "id",
        "text",
        "value",
        "value_max",
        "qualifier",
        "unit",
        "kind",
        "about",
        "span",
        "at",
    ],
}


def test_every_record_points_at_its_text(seed_sheets):
    for name, sheet in seed_sheets.items():
        original = (SEEDS / name).read_bytes().decode("utf-8")
        lines = original.split("\n")
        for section in SECTIONS:
            for record in getattr(sheet, section):
                start, end = record.span
                assert original[start:end] == record.text, (name, record)
                path, line, col = record.at.rsplit(":", 2)
                assert path == sheet.source.path
                before = "\n".join(lines[: int(line) - 1])
                offset = len(before) + (1 if int(line) > 1 else 0) + int(col) - 1
                assert offset == start, (name, record.at, start)
                if section == "quotes" and record.mention_span is not None:
                    assert original[slice(*record.mention_span)] == record.mention


def test_ids_are_unique_and_look_right(seed_sheets):
    for sheet in seed_sheets.values():
        ids = [r.id for s in SECTIONS for r in getattr(sheet, s)]
        assert len(ids) == len(set(ids))
        assert all(re.fullmatch(r"[qdf]-[0-9a-f]{10}(-\d+)?", i) for i in ids)


def test_yaml_has_the_contract_keys_in_order(seed_sheets):
    sheet = seed_sheets["000_418a29abe9d5b535.txt"]
    data = yaml.safe_load(dump_yaml(sheet))
    assert list(data) == ["claimx", "source", "extractor", "quotes", "dates", "figures", "warnings"]
    assert data["claimx"] == 2
    assert set(data["source"]) >= {"path", "sha256", "title", "published", "published_from"}
    assert set(data["extractor"]) == {"version", "model", "rules"}
    for section, keys in REQUIRED.items():
        assert data[section], section
        for record in data[section]:
            assert list(record) == keys


def test_yaml_lines_are_never_folded(seed_sheets):
    text = dump_yaml(seed_sheets["000_418a29abe9d5b535.txt"])
    for line in text.splitlines():
        # a continuation line would start with spaces and no key or list marker
        assert re.match(r"^\s*(- )?[a-z_0-9]+:|^---|^\s*- ", line), line


def test_records_are_sorted_by_span(seed_sheets):
    for sheet in seed_sheets.values():
        for section in SECTIONS:
            spans = [r.span for r in getattr(sheet, section)]
            assert spans == sorted(spans)


def test_yaml_and_jsonl_read_back_to_the_same_sheet(seed_sheets, tmp_path):
    sheets = list(seed_sheets.values())
    for fmt in ("yaml", "jsonl"):
        path = tmp_path / f"all.{fmt}"
        dump = dump_jsonl if fmt == "jsonl" else dump_yaml
        path.write_text("".join(dump(sheet) for sheet in sheets))
        assert list(load_sheets(path)) == sheets
    assert sheet_from_dict(yaml.safe_load(dump_yaml(sheets[0])), "x") == sheets[0]


def test_jsonl_has_one_line_per_record(seed_sheets):
    sheet = seed_sheets["001_9775a9a2b76a2485.txt"]
    lines = dump_jsonl(sheet).splitlines()
    assert len(lines) == 1 + len(sheet.quotes) + len(sheet.dates) + len(sheet.figures)


# Sheets from anyone: the loader is bounded and checks what it reads.

GOOD = """---
claimx: 1
source:
  path: a.txt
  sha256: '00'
extractor:
  version: 0.1.0
  model: m
  rules: r
quotes: []
dates: []
figures:
- id: f-1
  text: 4 people
  value: 4
  span: [0, 8]
  at: a.txt:1:1
warnings: []
"""


def _bomb(levels: int = 12) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + f"\nwarnings: *a{levels - 1}\n"


@pytest.mark.parametrize(
    "text, message",
    [
        (GOOD.replace("claimx: 1", "claimx: 99"), "format 99 is not supported"),
        (GOOD.replace("claimx: 1", "claimx: .inf"), "must be the format version"),
        (GOOD.replace("claimx: 1", "claimx: '1'"), "must be the format version"),
        (GOOD.replace("id: f-1", "id: [1]"), r"figures\[0\]\.id: expected text"),
        (GOOD.replace("value: 4", "value: four"), "expected a number"),
        (GOOD.replace("span: [0, 8]", "span: [8, 0]"), r"expected \[start, end\]"),
        (GOOD.replace("  at: a.txt:1:1", "  at: a.txt:1:1\n  colour: red"), "unknown key 'colour'"),
        (GOOD.replace("quotes: []", "quotes: {}"), "expected a list"),
        (GOOD + "x: " + "[" * 50_000 + "]" * 50_000 + "\n", "nested deeper than"),
        (GOOD.replace("warnings: []\n", _bomb()), "aliases expand beyond"),
        (GOOD.replace("  sha256: '00'", "  sha256: !!python/name:os.system ''"), "not allowed"),
        ("claimx: 1\nsource: [unclosed\n", "not valid YAML"),
    ],
)
def test_hostile_sheets_are_refused_by_name(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SheetError, match=message) as err:
        list(load_sheets(path))
    assert str(err.value).startswith(str(path))


def test_a_good_hand_written_sheet_loads(tmp_path):
    path = tmp_path / "good.yaml"
    path.write_text(GOOD, encoding="utf-8")
    (sheet,) = load_sheets(path)
    assert sheet.figures[0].value == 4 and sheet.figures[0].span == (0, 8)


@pytest.mark.parametrize("odd", ["\u0085", "\u2028", "\u2029", "\r", "\n", "a\r\nb", "\x1b"])
def test_line_separators_round_trip_on_one_line(tmp_path, seed_sheets, odd):
    sheet = next(iter(seed_sheets.values()))
    quote = dataclasses.replace(sheet.quotes[0], text=f"one{odd}two")
    changed = dataclasses.replace(sheet, quotes=(quote, *sheet.quotes[1:]))
    written = dump_yaml(changed)
    assert f'  text: "one{odd}two"' not in written
    lines = written.split("\n")
    assert any(line.startswith('  text: "one') and line.endswith('two"') for line in lines)
    for suffix, dump in ((".yaml", dump_yaml), (".jsonl", dump_jsonl)):
        path = tmp_path / f"s{suffix}"
        path.write_text(dump(changed), encoding="utf-8", newline="")
        assert list(load_sheets(path)) == [changed]
