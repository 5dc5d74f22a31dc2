"""JSON Lines collections: one article per line, one sheet per line, bad lines fail alone."""

import json

import pytest
import yaml
from typer.testing import CliRunner

from claimx.cli import app
from claimx.errors import InputError
from claimx.formats.jsonl import JsonlFields, read_collection
from tests.conftest import SEEDS

runner = CliRunner()

GOOD = {
    "id": "a1",
    "title": "Plant to hire",
    "url": "https://example.com/a1",
    "date": "2026-01-12",
    "author": ["Ana Souza"],
    "text": "Plant to hire\n\nThe plant will hire 120 workers on Tuesday, Lee said.",
}


def lines(*rows) -> bytes:
    return b"\n".join(r if isinstance(r, bytes) else json.dumps(r).encode() for r in rows)


def read(data: bytes, rules, fields=None, published=None):
    fields = fields or JsonlFields()
    return list(read_collection(data, "c.jsonl", rules.articles, published, fields))


def test_metadata_from_the_fields(rules):
    ((path, article),) = read(lines(GOOD), rules)
    assert path == article.path == "c.jsonl#a1"
    assert article.format == "jsonl"
    assert article.text == GOOD["text"]
    assert (article.title, article.url, article.author) == (
        "Plant to hire",
        "https://example.com/a1",
        "Ana Souza",
    )
    assert (article.published, article.published_from) == ("2026-01-12", "field")


def test_configurable_and_nested_fields(rules):
    row = {"doc": 7, "body": "Lee said so.", "meta": {"published": "2026-01-13T08:06:00Z"}}
    fields = JsonlFields(text="body", id="doc", date="meta.published")
    ((path, article),) = read(lines(row), rules, fields)
    assert path == "c.jsonl#7"
    assert article.published == "2026-01-13T08:06Z"


@pytest.mark.parametrize(
    "bad, reason",
    [
        (b"{not json", "not a JSON line"),
        (b"[1, 2]", "not a JSON object"),
        (json.dumps({"id": "x"}).encode(), "field 'text' is missing"),
        (json.dumps({"text": "  "}).encode(), "field 'text' is empty"),
        (json.dumps({"text": 12}).encode(), "field 'text' is not text"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_a_bad_line_fails_alone_named_by_file_and_line(bad, reason, rules):
    got = read(lines(GOOD, bad, {**GOOD, "id": "a2"}), rules)
    assert [p for p, _ in got] == ["c.jsonl#a1", "c.jsonl:2", "c.jsonl#a2"]
    error = got[1][1]
    assert isinstance(error, InputError)
    assert str(error).startswith("c.jsonl:2: ") and reason in str(error)


def test_missing_and_repeated_ids_are_named_by_line(rules):
    rows = lines({"text": "One."}, b"", {"id": "x", "text": "Two."}, {"id": "x", "text": "3."})
    got = read(rows, rules)
    assert [p for p, _ in got] == ["c.jsonl#L1", "c.jsonl#x", "c.jsonl#L4"]
    assert any("repeats line 3" in w for w in got[2][1].warnings)


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("2026-13-45", "is not a date"),
        ("2026-01-12T25:00:00", "is not a date"),
        ("0001-01-01", "is out of range"),
        ("9999-12-31", "is out of range"),
        ("9999-12-31T23:59:59Z", "is out of range"),
    ],
)
def test_a_bad_date_is_a_warning(given, reason, rules):
    ((_, article),) = read(lines({**GOOD, "date": given}), rules)
    assert article.published is None
    assert any(f"{given!r} {reason}" in w for w in article.warnings)


@pytest.mark.parametrize(
    ("given", "published"),
    [
        ("2026-01-12", "2026-01-12"),
        ("2026-01-12T00:00:00", "2026-01-12"),
        ("2026-01-12T08:06:00Z", "2026-01-12T08:06Z"),
        ("9998-12-31", "9998-12-31"),
    ],
)
def test_a_date_field_is_read(given, published, rules):
    ((_, article),) = read(lines({**GOOD, "date": given}), rules)
    assert (article.published, article.published_from) == (published, "field")


def test_date_option_wins(rules):
    ((_, article),) = read(lines(GOOD), rules, published="2026-02-01")
    assert article.published_from == "option"


def test_a_claimx_sheet_is_not_a_collection(rules):
    sheet = {"claimx": 1, "path": "x", "section": "source"}
    got = read(lines(sheet, {"path": "x", "section": "quotes"}), rules)
    assert len(got) == 1 and "fact sheet" in str(got[0][1])


def test_one_sheet_per_line_in_one_output_file(tmp_path):
    (tmp_path / "in").mkdir()
    rows = [GOOD, {"id": "b2", "text": "Officials said 3 people were hurt on Monday."}]
    data = lines(*rows[:1], b"{broken", *rows[1:])
    (tmp_path / "in" / "news.jsonl").write_bytes(data)
    result = runner.invoke(app, ["extract", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "news.jsonl:2: not a JSON line" in result.stderr
    docs = [d for d in yaml.safe_load_all((tmp_path / "out" / "news.yaml").read_text()) if d]
    assert [d["source"]["path"].rsplit("/", 1)[-1] for d in docs] == [
        "news.jsonl#a1",
        "news.jsonl#b2",
    ]
    assert docs[0]["figures"][0]["text"] == "120 workers"
    assert docs[0]["figures"][0]["at"].endswith("news.jsonl#a1:3:21")
    text = GOOD["text"]
    for record in docs[0]["quotes"] + docs[0]["dates"] + docs[0]["figures"]:
        assert text[record["span"][0] : record["span"][1]] == record["text"]


def test_same_facts_as_the_plain_text(tmp_path, seed_sheets):
    """Seeds as lines of a collection give the seeds' own records, path `#ID` aside."""
    names = sorted(seed_sheets)[:2]
    rows = [
        {"id": n[:3], "text": (SEEDS / n).read_text(encoding="utf-8"), "date": None} for n in names
    ]
    (tmp_path / "seeds.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    result = runner.invoke(app, ["extract", str(tmp_path / "seeds.jsonl"), "-q"])
    assert result.exit_code == 0, result.output
    docs = [d for d in yaml.safe_load_all(result.stdout) if d]
    for name, doc in zip(names, docs, strict=True):
        seed = seed_sheets[name]
        assert doc["source"]["path"].endswith(f"seeds.jsonl#{name[:3]}")
        assert doc["source"]["sha256"] == seed.source.sha256
        for section in ("quotes", "dates", "figures"):
            want = [(r.id, r.text, tuple(r.span)) for r in getattr(seed, section)]
            got = [(r["id"], r["text"], tuple(r["span"])) for r in doc[section]]
            assert got == want


def test_a_collection_on_standard_input():
    rows = lines(GOOD, {"id": "b2", "text": "Lee said 3 people came."})
    result = runner.invoke(app, ["extract", "-", "-f", "csv", "--only", "figures"], input=rows)
    assert result.exit_code == 0, result.output
    assert [r.split(",")[0] for r in result.stdout.splitlines()[1:]] == ["-#a1", "-#b2"]
