"""The fact-sheet contract, checked on the seeds: what other tools rely on."""

import re

import yaml

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
