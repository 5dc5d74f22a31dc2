"""The one place fact sheets are written and read back: YAML and JSON Lines."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import math
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from claimx.errors import SheetError
from claimx.model import SECTIONS, ExtractorInfo, FactSheet, Source, Span


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


SheetDumper.add_representer(Span, _represent_span)
SheetDumper.add_representer(float, _represent_float)


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
            out[section] = [record_dict(r) for r in getattr(sheet, section)]
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
    """YAML as claimx writes it: keys in order, UTF-8, values never folded over lines."""
    return yaml.dump(
        data,
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        width=math.inf,
        explicit_start=explicit_start,
        default_flow_style=False,
    )


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
    for cls in SECTIONS.values():
        for f in dataclasses.fields(cls):
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
        for record in getattr(sheet, section):
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

# libyaml when it is installed: ten times faster on a folder of sheets.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_sheets(path: str | Path) -> Iterator[FactSheet]:
    """Every fact sheet in a YAML stream or a JSON Lines file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SheetError(f"{path}: cannot read fact sheet: {exc}") from exc
    if path.suffix == ".jsonl":
        yield from _sheets_from_jsonl(text, path)
        return
    try:
        docs = list(yaml.load_all(text, Loader=_LOADER))
    except yaml.YAMLError as exc:
        raise SheetError(f"{path}: not a YAML fact sheet: {exc}") from exc
    for doc in docs:
        if doc is None:
            continue
        yield sheet_from_dict(doc, str(path))


def _sheets_from_jsonl(text: str, path: Path) -> Iterator[FactSheet]:
    current: dict[str, Any] | None = None
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SheetError(f"{path}:{n}: not JSON: {exc}") from exc
        section = row.pop("section", None)
        if section == "source":
            if current is not None:
                yield sheet_from_dict(current, str(path))
            current = {
                "claimx": row.get("claimx"),
                "source": row.get("source"),
                "extractor": row.get("extractor"),
                "warnings": row.get("warnings", []),
            }
        elif section in SECTIONS and current is not None:
            row.pop("path", None)
            current.setdefault(section, []).append(row)
        else:
            raise SheetError(f"{path}:{n}: unexpected line (section {section!r})")
    if current is not None:
        yield sheet_from_dict(current, str(path))


def sheet_from_dict(data: Any, where: str) -> FactSheet:
    """Rebuild a FactSheet; a missing key or an unknown one is a SheetError."""
    if not isinstance(data, dict) or "source" not in data or "claimx" not in data:
        raise SheetError(f"{where}: not a claimx fact sheet (no `claimx:`/`source:` keys)")
    try:
        source = dict(data["source"])
        if isinstance(source.get("published"), (date, datetime)):
            source["published"] = source["published"].isoformat()
        sections = {
            name: tuple(_record(cls, r) for r in (data.get(name) or ()))
            for name, cls in SECTIONS.items()
        }
        return FactSheet(
            claimx=int(data["claimx"]),
            source=Source(**source),
            extractor=ExtractorInfo(**data["extractor"]),
            warnings=tuple(data.get("warnings") or ()),
            **sections,
        )
    except (TypeError, ValueError, KeyError) as exc:
        raise SheetError(f"{where}: malformed fact sheet: {exc}") from exc


def _record(cls: type, row: dict[str, Any]) -> Any:
    values = dict(row)
    for key in ("span", "mention_span"):
        if values.get(key) is not None:
            values[key] = Span(*values[key])
    if "value" in values and cls.__name__ == "DateMention":
        values["value"] = str(values["value"])
    return cls(**values)
