"""A diff report as YAML: records as in a fact sheet, `section` first."""

from __future__ import annotations

from typing import Any

from claimx.diff.result import Entry, Item, Report, SheetDiff
from claimx.model import Record
from claimx.sheet import SheetDumper, record_dict, to_yaml

# Rendering: YAML


class _Flow(list):
    """A list written `[a, b]`."""


class _DiffDumper(SheetDumper):
    pass


_DiffDumper.add_representer(
    _Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", list(v), flow_style=True)
)


def record_data(section: str, record: Record) -> dict[str, Any]:
    """The record as in a fact sheet, `section` first."""
    return {"section": section, **record_dict(record)}


def item_data(item: Item) -> dict[str, Any]:
    if isinstance(item, Entry):
        data = record_data(item.section, item.record)
    else:
        data = {
            "section": item.section,
            "fields": _Flow(item.fields),
            "old": record_dict(item.old),
            "new": record_dict(item.new),
        }
    if item.also:
        data["also"] = [item_data(i) for i in item.also]
    return data


def diff_data(diff: SheetDiff) -> dict[str, Any]:
    return {
        "added": [item_data(i) for i in diff.added],
        "removed": [item_data(i) for i in diff.removed],
        "changed": [item_data(i) for i in diff.changed],
    }


def report_data(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = {"warnings": list(report.warnings)}
    if report.single:
        diff = report.articles[0].diff if report.articles else SheetDiff()
        data.update(diff_data(diff))
        return data
    data["articles_added"] = list(report.articles_added)
    data["articles_removed"] = list(report.articles_removed)
    data["articles"] = [
        {"path": a.path, **diff_data(a.diff)} for a in report.articles if not a.diff.same
    ]
    return data


def render_yaml(report: Report) -> str:
    return to_yaml(report_data(report), _DiffDumper)
