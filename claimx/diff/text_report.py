"""A diff report for people: what changed, claim by claim, styled on a terminal."""

from __future__ import annotations

from difflib import SequenceMatcher

from rich.console import Console
from rich.text import Text

from claimx.diff.claims import any_label, clip
from claimx.diff.result import ArticleDiff, Change, Entry, Item, Report, records_of
from claimx.model import Quote, Record, fold
from claimx.sections import SECTIONS
from claimx.text import printable

# Rendering: text


_SHOWN_WORDS = 6  # unchanged words kept around a word-level change


def render_text(report: Report, console: Console) -> None:
    """A readable report; styles show only when the console is a terminal."""
    for warning in report.warnings:
        console.print(Text(f"warning: {printable(warning)}", style="yellow"))
    if report.single:
        if report.articles:
            article = report.articles[0]
            _render_article(
                article, console, f"{printable(article.old_path)} → {printable(article.new_path)}"
            )
        if report.same:
            console.print("No changes in quotes, dates or figures.")
        return
    for label, paths, mark, style in (
        ("Articles added", report.articles_added, "+", "green"),
        ("Articles removed", report.articles_removed, "-", "red"),
    ):
        if paths:
            console.print(Text(f"{label} ({len(paths)})", style="bold"))
            for path in paths:
                console.print(Text(f"  {mark} {printable(path)}", style=style))
    for article in report.articles:
        _render_article(article, console, printable(article.path))
    changed = sum(not a.diff.same for a in report.articles)
    compared = len(report.articles)
    console.print(
        f"{compared} article{'s' * (compared != 1)} compared: {changed} changed, "
        f"{len(report.articles_added)} added, {len(report.articles_removed)} removed."
    )


def _render_article(article: ArticleDiff, console: Console, title: str) -> None:
    diff = article.diff
    if diff.same:
        return
    console.print(Text(title, style="bold underline"))
    for name, items, mark, style in (
        ("Removed", diff.removed, "-", "red"),
        ("Added", diff.added, "+", "green"),
        ("Changed", diff.changed, "~", "yellow"),
    ):
        if not items:
            continue
        console.print(Text(f"{name} ({len(items)})", style="bold"))
        for item in items:
            for line in _item_lines(item, mark, style):
                console.print(line)
    console.print()


def _item_lines(item: Item, mark: str, style: str) -> list[Text]:
    head = Text(f"  {mark} ", style=style)
    head.append(SECTIONS[item.section].singular, style="bold")
    if isinstance(item, Entry):
        head.append("  ")
        head.append(label(item.section, item.record))
        lines = [head, Text(f"      at {printable(item.record.at)}", style="dim")]
    else:
        head.append(f"  {', '.join(item.fields)}")
        if isinstance(item.new, Quote) and "text" in item.fields:
            who = printable(item.new.speaker or "unattributed")
            head.append(f"  ({who}, {printable(item.new.kind)})", style="dim")
        lines = [head, *_change_lines(item)]
        lines.append(
            Text(f"      at {printable(item.old.at)} → {printable(item.new.at)}", style="dim")
        )
    if item.also:
        n = len(item.also)
        lines.append(
            Text(
                f"      and {n} dependent record{'s' * (n > 1)}: "
                + ", ".join(_short(records_of(i)[-1]) for i in item.also),
                style="dim",
            )
        )
    return lines


def _change_lines(change: Change) -> list[Text]:
    lines = []
    for name in change.fields:
        old, new = getattr(change.old, name), getattr(change.new, name)
        line = Text(f"      {name}: ")
        if name == "text" and change.section == "quotes":
            line.append(word_diff(str(old), str(new)))
        elif name == "text":  # the figure or date as written, and what it is about
            line.append(clip(str(old)), style="red")
            line.append(" → ")
            line.append(label(change.section, change.new))
        else:
            line.append(printable(str(old)), style="red")
            line.append(" → ")
            line.append(printable(str(new)), style="green")
        lines.append(line)
    if "text" not in change.fields:
        lines.append(Text("      ").append(label(change.section, change.new)))
    return lines


def label(section: str, record: Record) -> Text:
    """The one line naming a record, by its section's `label` hook."""
    hook = SECTIONS[section].hook("label") if section in SECTIONS else None
    return (hook or any_label)(record)


def word_diff(old: str, new: str) -> Text:
    """Word-level change, wdiff style: `[-removed-] {+added+}`, long unchanged runs cut."""
    a, b = [printable(w) for w in old.split()], [printable(w) for w in new.split()]
    matcher = SequenceMatcher(None, [fold(w) for w in a], [fold(w) for w in b], autojunk=False)
    out = Text()
    codes = matcher.get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(codes):
        if op == "equal":
            out.append(_cut(a[i1:i2], first=n == 0, last=n == len(codes) - 1))
            continue
        if i2 > i1:
            out.append(f"[-{' '.join(a[i1:i2])}-]", style="red strike")
        if j2 > j1:
            out.append(f"{{+{' '.join(b[j1:j2])}+}}", style="green")
        out.append(" ")
    return out


def _cut(words: list[str], *, first: bool, last: bool) -> str:
    keep = _SHOWN_WORDS
    if first and last and len(words) > 2 * keep:
        words = [*words[: 2 * keep], "…"]
    elif first and len(words) > keep:
        words = ["…", *words[-keep:]]
    elif last and len(words) > keep:
        words = [*words[:keep], "…"]
    elif len(words) > 2 * keep:
        words = [*words[:keep], "…", *words[-keep:]]
    return " ".join(words) + ("" if last else " ")


def _short(record: Record) -> str:
    return f"“{clip(record.text, 40)}” ({printable(record.at)})"
