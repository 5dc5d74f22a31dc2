"""The one place fact sheets are written and read back: YAML and JSON Lines.

Writing: keys in fact-sheet order, every section of the registry, values on
one line each (a string holding a line break is double-quoted with `\\n`).
Reading (`load_sheets`, `sheet_from_dict`) accepts sheets from anyone: YAML is
parsed within budgets (`claimx.safe_yaml`), every key and value is checked
against the data model, and a format version this claimx does not know is
refused. Whatever is wrong is a `SheetError` naming the file.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
import os
import re
import types
import typing
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from claimx import FORMAT_VERSION
from claimx.errors import SheetError
from claimx.model import ExtractorInfo, FactSheet, Source, Span
from claimx.safe_yaml import YamlLimitError, load_all
from claimx.sections import SECTIONS, Section


class SheetDumper(yaml.SafeDumper):
    """Block style, spans as `[start, end]`, never a folded line."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_span(dumper: yaml.SafeDumper, span: Span) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(span), flow_style=True)


def _represent_float(dumper: yaml.SafeDumper, value: float) -> yaml.Node:
    if value.is_integer() and math.isfinite(value):
        return dumper.represent_int(int(value))
    return yaml.SafeDumper.represent_float(dumper, value)


_LINE_BREAKS = frozenset("\n\r\x85\u2028\u2029")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    # PyYAML would write a line break as a real one inside a quoted scalar, which
    # folds the value over lines (and turns U+0085 into a space on reading).
    style = '"' if not _LINE_BREAKS.isdisjoint(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


SheetDumper.add_representer(Span, _represent_span)
SheetDumper.add_representer(float, _represent_float)
SheetDumper.add_representer(str, _represent_str)


def sheet_to_dict(sheet: FactSheet, sections: Sequence[str] | None = None) -> dict[str, Any]:
    """Plain data in fact-sheet key order (spans stay `Span` for flow style).

    `sections` (`--only`) keeps those sections' keys and leaves the others out.
    """
    out: dict[str, Any] = {"claimx": sheet.claimx}
    source = dataclasses.asdict(sheet.source)
    source["published"] = _published_value(sheet.source.published)
    out["source"] = source
    out["extractor"] = dataclasses.asdict(sheet.extractor)
    for section in SECTIONS:
        if sections is None or section in sections:
            out[section] = [record_dict(r) for r in sheet.records[section]]
    out["warnings"] = list(sheet.warnings)
    return out


def record_dict(record: Any) -> dict[str, Any]:
    # Not dataclasses.asdict: it would turn the Span NamedTuples into plain tuples.
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


def _published_value(published: str | None) -> Any:
    """A plain date reads better unquoted; anything else stays text."""
    if published is None:
        return None
    try:
        return date.fromisoformat(published) if len(published) == 10 else published
    except ValueError:
        return published


def to_yaml(data: Any, dumper: type = SheetDumper, *, explicit_start: bool = False) -> str:
    """YAML as claimx writes it: keys in order, UTF-8, values never folded over lines.

    Fact sheets go through libyaml's emitter when it is installed (five times
    faster: writing YAML was a tenth of claimx's CPU) unless a value holds a
    character beyond U+FFFF, which libyaml escapes and PyYAML writes as is;
    the two emitters give the same bytes otherwise (tests/test_speed.py).
    """
    width: float = math.inf
    if dumper is SheetDumper and _CSheetDumper is not None and not _astral(data):
        dumper, width = _CSheetDumper, _NO_FOLD
    return yaml.dump(
        data,
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        width=width,
        explicit_start=explicit_start,
        default_flow_style=False,
    )


def _c_dumper() -> Any:
    base = getattr(yaml, "CSafeDumper", None)
    if base is None:
        return None
    dumper: Any = type("CSheetDumper", (base,), {"ignore_aliases": SheetDumper.ignore_aliases})
    for kind, represent in SheetDumper.yaml_representers.items():
        if yaml.SafeDumper.yaml_representers.get(kind) is not represent:
            dumper.add_representer(kind, represent)
    return dumper


_CSheetDumper = _c_dumper()
_NO_FOLD = 2**31 - 1  # libyaml takes a C int where PyYAML takes infinity
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _astral(data: Any) -> bool:
    """Whether any string in `data` holds a character beyond the Basic Multilingual Plane."""
    if isinstance(data, str):
        return _ASTRAL.search(data) is not None
    if isinstance(data, dict):
        return any(_astral(k) or _astral(v) for k, v in data.items())
    if isinstance(data, (list, tuple)):
        return any(_astral(v) for v in data)
    return False


def dump_yaml(sheet: FactSheet, sections: Sequence[str] | None = None) -> str:
    """One YAML document, starting with `---`."""
    return to_yaml(sheet_to_dict(sheet, sections), explicit_start=True)


def dump_jsonl(sheet: FactSheet, sections: Sequence[str] | None = None) -> str:
    """One JSON line for the article, then one per record, each naming path and section."""
    data = sheet_to_dict(sheet, sections)
    path = sheet.source.path
    head = {
        "claimx": sheet.claimx,
        "path": path,
        "section": "source",
        "source": _jsonable(data["source"]),
        "extractor": data["extractor"],
        "warnings": data["warnings"],
    }
    lines = [json.dumps(head, ensure_ascii=False)]
    for section in SECTIONS:
        for record in data.get(section, ()):
            row = {"path": path, "section": section, **_jsonable(record)}
            lines.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {
        k: (list(v) if isinstance(v, tuple) else v.isoformat() if isinstance(v, date) else v)
        for k, v in data.items()
    }


# Tables: CSV and TSV, one row per record


def table_columns() -> list[str]:
    """`article`, `section`, `id`, `text`, every other record field, then spans and `at`.

    A span becomes two columns (`start`, `end`; `mention_start`, `mention_end`).
    """
    fields: list[str] = []
    spans: list[str] = []
    for section in SECTIONS.values():
        for f in dataclasses.fields(section.record):
            if f.name in ("id", "text", "at") or f.name in fields or f.name in spans:
                continue
            (spans if f.name.endswith("span") else fields).append(f.name)
    split = [c for name in spans for c in _span_columns(name)]
    return ["article", "section", "id", "text", *fields, *split, "at"]


def _span_columns(name: str) -> tuple[str, str]:
    stem = name[: -len("span")].rstrip("_")
    return (f"{stem}_start", f"{stem}_end") if stem else ("start", "end")


def table_rows(sheet: FactSheet, sections: Sequence[str] | None = None) -> Iterator[list[str]]:
    """One row of cells per record, in `table_columns` order; null is an empty cell."""
    columns = table_columns()
    for section in SECTIONS:
        if sections is not None and section not in sections:
            continue
        for record in sheet.records[section]:
            cells: dict[str, Any] = {"article": sheet.source.path, "section": section}
            for key, value in record_dict(record).items():
                if key.endswith("span"):
                    start, end = _span_columns(key)
                    cells[start], cells[end] = value if value is not None else (None, None)
                else:
                    cells[key] = value
            yield [_cell(cells.get(c)) for c in columns]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and math.isfinite(value):
        return str(int(value))
    return str(value)


def csv_header() -> str:
    return _csv_line(table_columns())


def dump_csv(sheet: FactSheet, sections: Sequence[str] | None = None) -> str:
    """The sheet's records as CSV rows (RFC 4180: quoted when needed, CRLF line ends)."""
    return "".join(_csv_line(row) for row in table_rows(sheet, sections))


def _csv_line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out).writerow(cells)
    return out.getvalue()


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_header() -> str:
    return "\t".join(table_columns()) + "\n"


def dump_tsv(sheet: FactSheet, sections: Sequence[str] | None = None) -> str:
    """The sheet's records as TSV: one line per record; tab, newline and backslash escaped."""
    return "".join(
        "\t".join(c.translate(_TSV_ESCAPES) for c in row) + "\n"
        for row in table_rows(sheet, sections)
    )


# Reading back

MAX_DEPTH = 8  # a sheet nests four levels: sheet, section, record, span


def load_sheets(path: str | Path) -> Iterator[FactSheet]:
    """Every fact sheet in a YAML stream or a JSON Lines file (`.jsonl`)."""
    path = Path(path)
    shown = os.fsencode(path).decode("utf-8", "backslashreplace")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SheetError(f"{shown}: cannot read fact sheet: {exc}") from exc
    if path.suffix == ".jsonl":
        yield from _sheets_from_jsonl(text, shown)
        return
    yield from sheets_from_yaml(text, shown)


def sheets_from_yaml(text: str, where: str) -> Iterator[FactSheet]:
    try:
        docs = load_all(text, max_depth=MAX_DEPTH)
    except YamlLimitError as exc:
        raise SheetError(f"{where}: not a YAML fact sheet: {exc}") from exc
    for doc in docs:
        if doc is None:
            continue
        yield sheet_from_dict(doc, where)


def _sheets_from_jsonl(text: str, where: str) -> Iterator[FactSheet]:
    current: dict[str, Any] | None = None
    # Only "\n" ends a line: U+2028, U+0085 and friends are text inside a value.
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise SheetError(f"{where}:{n}: not JSON: {_first_line(exc)}") from exc
        if not isinstance(row, dict):
            raise SheetError(f"{where}:{n}: expected a JSON object")
        section = row.pop("section", None)
        if section == "source":
            if current is not None:
                yield sheet_from_dict(current, where)
            current = {
                "claimx": row.get("claimx"),
                "source": row.get("source"),
                "extractor": row.get("extractor"),
                "warnings": row.get("warnings", []),
            }
        elif isinstance(section, str) and section in SECTIONS and current is not None:
            row.pop("path", None)
            current.setdefault(section, []).append(row)
        else:
            raise SheetError(f"{where}:{n}: unexpected line (section {section!r:.40})")
    if current is not None:
        yield sheet_from_dict(current, where)


def sheet_from_dict(data: Any, where: str) -> FactSheet:
    """Rebuild a FactSheet from plain data, checking every key and value."""
    if not isinstance(data, dict) or "source" not in data or "claimx" not in data:
        raise SheetError(f"{where}: not a claimx fact sheet (no `claimx:`/`source:` keys)")
    version = data["claimx"]
    if type(version) is not int:
        raise SheetError(f"{where}: `claimx:` must be the format version, got {version!r:.40}")
    # Format 2 only added quote fields (`speaker_type`, `via`): format 1 reads as it is.
    if not 1 <= version <= FORMAT_VERSION:
        raise SheetError(
            f"{where}: fact sheet format {version} is not supported "
            f"(this claimx reads formats 1 to {FORMAT_VERSION})"
        )
    try:
        unknown = sorted(str(k) for k in data if k not in _top_keys())
        if unknown:
            raise _Bad(f"unknown key {unknown[0]!r:.40}")
        source = _fields(Source, data["source"], "source")
        if source.get("published") is not None:
            source["published"] = str(source["published"])
        return FactSheet(
            claimx=version,
            source=Source(**source),
            extractor=ExtractorInfo(**_fields(ExtractorInfo, data.get("extractor"), "extractor")),
            warnings=tuple(_check(_or_empty(data.get("warnings")), list[str], "warnings")),
            records={
                s.name: tuple(_record(s, r, f"{s.name}[{i}]") for i, r in enumerate(rows))
                for s in SECTIONS.values()
                for rows in [_check(_or_empty(data.get(s.name)), list[dict], s.name)]
            },
        )
    except _Bad as exc:
        raise SheetError(f"{where}: malformed fact sheet: {exc}") from exc


def _top_keys() -> tuple[str, ...]:
    return ("claimx", "source", "extractor", *SECTIONS, "warnings")


class _Bad(ValueError):
    pass


def _record(section: Section, row: dict[str, Any], where: str) -> Any:
    values = _fields(section.record, row, where)
    for key in section.span_fields:
        if values.get(key) is not None:
            values[key] = Span(*values[key])
    return section.record(**values)


def _fields(cls: type, data: Any, where: str) -> dict[str, Any]:
    """`data` checked against the fields of dataclass `cls`: no unknown, none missing."""
    if not isinstance(data, dict):
        raise _Bad(f"{where}: expected a mapping, got {type(data).__name__}")
    hints = _hints(cls)
    unknown = sorted(str(k) for k in data if k not in hints)
    if unknown:
        raise _Bad(f"{where}: unknown key {unknown[0]!r:.40}")
    values = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            values[f.name] = _check(data[f.name], hints[f.name], f"{where}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise _Bad(f"{where}: {f.name} is missing")
    return values


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _check(value: Any, hint: Any, where: str) -> Any:
    """`value` if it has the type `hint` describes (as a sheet writes it), else _Bad."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        errors = []
        for arg in args:
            try:
                return _check(value, arg, where)
            except _Bad as exc:
                errors.append(exc)
        raise errors[0]
    if hint is type(None):
        if value is None:
            return None
        raise _Bad(f"{where}: expected null")
    if hint is Span:
        ok = (
            isinstance(value, list)
            and len(value) == 2
            and all(type(v) is int and v >= 0 for v in value)
            and value[0] <= value[1]
        )
        if not ok:
            raise _Bad(f"{where}: expected [start, end], got {value!r:.60}")
        return value
    if origin is list:
        if not isinstance(value, list):
            raise _Bad(f"{where}: expected a list, got {type(value).__name__}")
        return [_check(v, args[0], f"{where}[{i}]") for i, v in enumerate(value)]
    if hint is dict:
        if not isinstance(value, dict):
            raise _Bad(f"{where}: expected a mapping, got {type(value).__name__}")
        return value
    if hint is float:
        if type(value) in (int, float) and not math.isnan(value):
            return value
        raise _Bad(f"{where}: expected a number, got {value!r:.60}")
    if hint is int:
        if type(value) is int:
            return value
        raise _Bad(f"{where}: expected an integer, got {value!r:.60}")
    if hint is str:
        if isinstance(value, str):
            return value
        if isinstance(value, (date, datetime)):
            return value.isoformat()
        raise _Bad(f"{where}: expected text, got {value!r:.60}")
    raise _Bad(f"{where}: cannot check a value of type {hint!r}")


def _first_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]


def _or_empty(value: Any) -> Any:
    return [] if value is None else value
