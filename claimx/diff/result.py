"""What `claimx diff` finds: records added or removed, claims changed, per article."""

from __future__ import annotations

from dataclasses import dataclass

from claimx.model import Record

# The result


@dataclass(frozen=True)
class Entry:
    """A record only one version has."""

    section: str
    record: Record
    added: bool  # False: removed
    also: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Change:
    """A claim both versions make, differently."""

    section: str
    fields: tuple[str, ...]
    old: Record
    new: Record
    also: tuple[Item, ...] = ()


Item = Entry | Change


@dataclass(frozen=True)
class SheetDiff:
    added: tuple[Entry, ...] = ()
    removed: tuple[Entry, ...] = ()
    changed: tuple[Change, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def same(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass(frozen=True)
class ArticleDiff:
    path: str  # relative path (folders) or the new version's path
    old_path: str
    new_path: str
    diff: SheetDiff


@dataclass(frozen=True)
class Report:
    articles: tuple[ArticleDiff, ...]  # every pair compared, changed or not
    articles_added: tuple[str, ...] = ()
    articles_removed: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    single: bool = True  # two articles: the flat output shape

    @property
    def same(self) -> bool:
        return (
            not self.articles_added
            and not self.articles_removed
            and all(a.diff.same for a in self.articles)
        )


def new_position(item: Item) -> tuple[int, int]:
    record = item.new if isinstance(item, Change) else item.record
    return (record.span.start, record.span.end)


def old_position(item: Item) -> tuple[int, int]:
    record = item.old if isinstance(item, Change) else item.record
    return (record.span.start, record.span.end)


def records_of(item: Item) -> tuple[Record, ...]:
    return (item.old, item.new) if isinstance(item, Change) else (item.record,)


def kind_of(item: Item) -> str:
    if isinstance(item, Change):
        return "changed"
    return "added" if item.added else "removed"


def side_of(item: Item, side: str) -> Record | None:
    """The item's record in the old or the new version, if it has one there."""
    if isinstance(item, Change):
        return item.old if side == "old" else item.new
    return item.record if item.added == (side == "new") else None


def start_of(item: Item, side: str) -> int:
    record = side_of(item, side)
    return record.span.start if record is not None else -1
