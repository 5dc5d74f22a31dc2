"""A corroboration report as YAML (a documented contract, FORMAT.md) or as text."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rich.console import Console
from rich.text import Text

from claimx.corroborate.groups import Group, Member, Report
from claimx.model import Span
from claimx.sheet import to_yaml

FORMAT = 1
_STYLE = {"differ": "bold red", "agree": "bold green", "single": "dim"}


def report_data(report: Report, *, conflicts: bool = False) -> dict[str, Any]:
    groups = [g for g in report.groups if g.status == "differ"] if conflicts else report.groups
    counts = {s: sum(1 for g in report.groups if g.status == s) for s in _STYLE}
    return {
        "corroborate": FORMAT,
        "sources": [
            {
                "path": s.path,
                "title": s.sheet.source.title,
                "url": s.sheet.source.url,
                "published": s.sheet.source.published,
                "outlet": s.outlet,
                "aggregator": s.aggregator,
                "cites": list(s.cites),
            }
            for s in report.sources
        ],
        "summary": {"groups": len(report.groups), **counts},
        "groups": [group_data(g) for g in groups],
    }


def group_data(group: Group) -> dict[str, Any]:
    independent, independence = group.independent
    return {
        "section": group.section,
        "status": group.status,
        "why": group.why,
        "sources": len(group.sources),
        "independent": independent,
        "independence": independence,
        "members": [_member(m) for m in group.members],
    }


def _member(member: Member) -> dict[str, Any]:
    record = dict(member.record)
    if isinstance(record.get("span"), list):
        record["span"] = Span(*record["span"])
    return record


def to_yaml_text(report: Report, *, conflicts: bool = False) -> str:
    return to_yaml(report_data(report, conflicts=conflicts))


def render_text(report: Report, console: Console, *, conflicts: bool = False) -> None:
    """Groups where sources differ, then confirmed ones, then claims one source makes."""
    groups = report.groups
    counts = {s: sum(1 for g in groups if g.status == s) for s in _STYLE}
    console.print(
        Text.assemble(
            ("claimx corroborate", "bold"),
            f": {len(report.sources)} sources, {len(groups)} groups — ",
            (f"{counts['differ']} differ", _STYLE["differ"]),
            ", ",
            (f"{counts['agree']} confirmed", _STYLE["agree"]),
            ", ",
            (f"{counts['single']} from one source", _STYLE["single"]),
        )
    )
    headings = {
        "differ": "Sources differ",
        "agree": "Confirmed by several sources",
        "single": "Only one source",
    }
    for status in ("differ", "agree", "single"):
        chosen = [g for g in groups if g.status == status]
        if not chosen or (conflicts and status != "differ"):
            continue
        console.print()
        console.print(Text(f"{headings[status]} ({len(chosen)})", style=_STYLE[status]))
        for group in chosen:
            if status == "single":
                console.print(_single_line(group))
            else:
                _print_group(group, console)


def _print_group(group: Group, console: Console) -> None:
    independent, independence = group.independent
    head = Text.assemble(
        ("● ", _STYLE[group.status]),
        (f"{group.section}", "bold"),
        f" · {group.title} · {len(group.sources)} sources, ",
        (independence, "" if independent else "yellow"),
    )
    console.print(head)
    console.print(Text(f"    why: {group.why}", style="italic"))
    by_value: dict[str, list[Member]] = defaultdict(list)
    for member in group.members:
        by_value[_shown(group, member)].append(member)
    width = min(40, max(len(v) for v in by_value))
    for value, members in by_value.items():
        ats = ", ".join(m.record.get("at", m.source.path) for m in members)
        console.print(Text.assemble("    ", (value.ljust(width), "bold"), "  ", (ats, "cyan")))


def _shown(group: Group, member: Member) -> str:
    record = member.record
    if group.section == "dates":
        return f"{record['value']} ({record['text']})"
    if group.section == "figures":
        return str(record["text"])
    if group.section == "quotes":
        return member.value
    return str(record["text"])


def _single_line(group: Group) -> Text:
    member = group.members[0]
    record = member.record
    if group.section == "quotes":
        what = f"{record.get('speaker') or '(no speaker)'}: {_clip(str(record['text']))}"
    elif group.section == "dates":
        what = f"{record['value']} ({record['text']})"
    else:
        what = str(record.get("text"))
    return Text.assemble(
        "  ", (f"{group.section:<8}", "bold"), f"{what}  ", (str(record.get("at", "")), "cyan")
    )


def _clip(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
