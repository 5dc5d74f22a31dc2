"""`claimx corroborate`: the same claims across sources — who agrees, who differs.

`corroborate(paths)` reads articles (extracted through the pipeline) or fact
sheets, groups their claims section by section and returns a `Report`;
`render.to_yaml` and `render.to_text` write it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from claimx.corroborate.context import Context
from claimx.corroborate.dates import date_groups
from claimx.corroborate.figures import figure_groups
from claimx.corroborate.groups import STATUSES, Group, Member, Report
from claimx.corroborate.names import NameIndex, spelling
from claimx.corroborate.quotes import quote_groups
from claimx.corroborate.rules import CorroborateRules, load_corroborate_rules
from claimx.corroborate.sources import Source, load_sources

SECTION_ORDER = ("quotes", "dates", "figures", "names")

__all__ = ["Group", "Member", "Report", "corroborate", "group_sources"]


def corroborate(
    paths: Sequence[str],
    *,
    model: str | None = None,
    rules_dir: str | None = None,
    published: str | None = None,
) -> Report:
    """Articles or fact sheets under `paths`, their claims grouped across sources."""
    rules = load_corroborate_rules()
    loaded = load_sources(paths, rules, model=model, rules_dir=rules_dir, published=published)
    report = group_sources(loaded.sources, rules)
    return Report(report.sources, report.groups, loaded.errors, loaded.warnings)


def group_sources(sources: Sequence[Source], rules: CorroborateRules) -> Report:
    names = NameIndex(sources, rules)
    ctx = Context(names, sources)
    groups = [
        *quote_groups(sources, ctx),
        *date_groups(sources, ctx),
        *figure_groups(sources, ctx),
        *_name_groups(names, sources, ctx),
    ]
    groups.sort(key=_order)
    return Report(tuple(sources), tuple(groups))


def _order(group: Group) -> tuple[int, int, int, int]:
    first = min(group.members, key=lambda m: (m.source.index, m.start))
    return (
        STATUSES.index(group.status),
        SECTION_ORDER.index(group.section),
        first.source.index,
        first.start,
    )


def _name_groups(names: NameIndex, sources: Sequence[Source], ctx: Context) -> list[Group]:
    by_index = {s.index: s for s in sources}
    out = []
    for group in names.groups():
        members = []
        for _key, mentions in group.spellings().items():
            text = Counter(spelling(m[1]) for m in mentions).most_common(1)[0][0]
            per_source: dict[int, list[tuple[int, str, int, int]]] = {}
            for m in mentions:
                per_source.setdefault(m[0], []).append(m)
            for index, found in sorted(per_source.items()):
                source = by_index[index]
                first = min(found, key=lambda m: m[2])
                labels = [f.label.most_common(1)[0][0] for f in group.forms if first in f.mentions]
                record = {
                    "text": text,
                    "label": labels[0] if labels else None,
                    "mentions": len(found),
                    "span": [first[2], first[3]],
                    "at": ctx.at(source, first[2]),
                }
                members.append(Member(source, record, text, first[2]))
        members.sort(key=lambda m: (m.source.index, m.start))
        spellings = sorted({m.value for m in members})
        why = f"one name spelled {len(spellings)} ways ({', '.join(spellings)}): {group.why}"
        title = max(
            spellings, key=lambda s: sum(m.record["mentions"] for m in members if m.value == s)
        )
        out.append(Group("names", "agree", why, tuple(members), title))
    return out
