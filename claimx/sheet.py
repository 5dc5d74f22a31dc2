"""The one place fact sheets are written and read back: YAML and JSON Lines."""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterator
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


def sheet_to_dict(sheet: FactSheet) -> dict[str, Any]:
    """Plain data in fact-sheet key order (spans stay `Span` for flow style)."""
    out: dict[str, Any] = {"claimx": sheet.claimx}
    source = dataclasses.asdict(sheet.source)
    source["published"] = _published_value(sheet.source.published)
    out["source"] = source
    out["extractor"] = dataclasses.asdict(sheet.extractor)
    for section in SECTIONS:
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


def dump_yaml(sheet: FactSheet) -> str:
    """One YAML document, starting with `---`."""
    return to_yaml(sheet_to_dict(sheet), explicit_start=True)


def dump_jsonl(sheet: FactSheet) -> str:
    """One JSON line for the article, then one per record, each naming path and section."""
    data = sheet_to_dict(sheet)
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
        for record in data[section]:
            row = {"path": path, "section": section, **_jsonable(record)}
            lines.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {
        k: (list(v) if isinstance(v, tuple) else v.isoformat() if isinstance(v, date) else v)
        for k, v in data.items()
    }


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
        sections: dict[str, tuple[Any, ...]] = {
            name: tuple(_record(cls, r) for r in (data.get(name) or ()))
            for name, cls in SECTIONS.items()
        }
        return FactSheet(
            claimx=int(data["claimx"]),
            source=Source(**source),
            extractor=ExtractorInfo(**data["extractor"]),
            warnings=tuple(data.get("warnings") or ()),
            records=sections,
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
