"""The date grammar: patterns from `rules/dates.yaml` compiled, and the scan of a text.

A pattern is a regex template: `{name}` stands for a macro (`macros:` in the
rules, or one built here from the word lists) and is expanded before compiling,
so the words stay in the rules and the regexes name them. Patterns are compiled
case-insensitively and in verbose mode (spaces in a template are layout; write
`\\s` for a space in the text).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from claimx.errors import RulesError

if TYPE_CHECKING:
    from claimx.dates.rules import DateRules

# Filters a pattern may ask for in `checks` (claimx.dates.filters implements them).
CHECKS = (
    "ambiguous_month",
    "year_range",
    "not_count",
    "day_range",
    "offset_blockers",
    "generic_possessive",
    "reference_blockers",
    "capital_q",
    "clock_cue",
    "numeric_context",
    "part_cue",
)

_PATTERN_KEYS = frozenset({"name", "resolver", "regex", "checks", "anaphoric", "examples"})
_MACRO = re.compile(r"\{([a-z_][a-z_0-9]*)\}")


def alt(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first, spaces matching any whitespace.

    An empty list matches nothing.
    """
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    if not ordered:
        return "(?!)"
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


@dataclass(frozen=True)
class Example:
    text: str
    published: str | None
    value: str


@dataclass(frozen=True)
class Pattern:
    name: str
    resolver: str
    regex: re.Pattern[str]
    checks: tuple[str, ...] = ()
    # Its value counts from the date last mentioned, so it is not itself "mentioned".
    anaphoric: bool = False
    examples: tuple[Example, ...] = ()


@dataclass(frozen=True)
class Grammar:
    patterns: tuple[Pattern, ...]


def _built_macros(r: DateRules) -> dict[str, str]:
    """Macros made from the word lists: every list by its key, and a few combinations."""
    macros: dict[str, str] = {}
    for f in dataclasses.fields(r):
        name, value = f.name, getattr(r, f.name)
        if isinstance(value, (dict, tuple)) and name not in ("macros", "patterns", "byline_forms"):
            words = [w for w in value if isinstance(w, str)]
            macros[name] = alt(words)
    numbers = r.number_words
    macros.update(
        month_any=alt([*r.months, *r.month_abbreviations]),
        weekday="(?:" + alt(r.weekdays) + "|" + alt(r.weekday_abbreviations) + r"\.)",
        mod=rf"(?:(?P<mod>{alt(r.modifiers)})(?:\s+|-))?",
        number=rf"(?:\d+|{alt(numbers)})",
        holiday_names=alt([*r.holidays, *r.floating_holidays]),
        connectors="|".join(
            r"\s*-\s*" if c == "-" else rf"\s+{re.escape(c)}\s+" for c in r.range_connectors
        ),
        between="|".join(rf"\s+{re.escape(c)}\s+" for c in r.between_connectors) or "(?!)",
        zone=_zone_macro(r.time_zones),
        spoken_tens=alt(w for w, v in numbers.items() if 10 <= v < 100),
        spoken_ones=alt(w for w, v in numbers.items() if 1 <= v <= 9 and len(w) > 2),
        spoken_low=alt(w for w, v in numbers.items() if 1 <= v < 100 and len(w) > 2),
    )
    return macros


def _zone_macro(zones: dict[str, str]) -> str:
    """Zone words in capitals only ("EST", not "est"), or an offset written out ("GMT+1")."""
    from claimx.dates.zones import written_offset_regex

    words = sorted({w.upper() for w in zones}, key=len, reverse=True)
    named = "(?-i:" + "|".join(re.escape(w) for w in words) + ")" if words else "(?!)"
    # Not before a small letter ("ESTimate"); "GMTUpdated", pasted from a page, is a zone.
    return rf"(?:{written_offset_regex()}|{named}(?-i:(?![a-z0-9])))"


def _expand(template: str, macros: dict[str, str], where: str, depth: int = 0) -> str:
    if depth > 8:
        raise RulesError(f"{where}: macros nest too deep (a macro naming itself?)")

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            raise RulesError(f"{where}: unknown macro {{{name}}}")
        return _expand(macros[name], macros, f"{where} (in {{{name}}})", depth + 1)

    return _MACRO.sub(one, template)


def _examples(raw: Any, where: str) -> tuple[Example, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, (list, tuple)):
        raise RulesError(f"{where}: examples must be a list")
    out = []
    for i, item in enumerate(raw):
        if not (isinstance(item, dict) and isinstance(item.get("text"), str)):
            raise RulesError(f"{where}: examples[{i}] needs text, published and value")
        published, value = item.get("published"), item.get("value")
        if not isinstance(value, str) or not (published is None or isinstance(published, str)):
            raise RulesError(f"{where}: examples[{i}]: value and published must be text")
        out.append(Example(item["text"], published, value))
    return tuple(out)


def compile_grammar(r: DateRules) -> Grammar:
    """The patterns of `r`, compiled and checked; a bad one is a RulesError naming it."""
    from claimx.dates.resolvers import RESOLVERS

    macros = {**_built_macros(r), **r.macros}
    patterns = []
    names: set[str] = set()
    for i, record in enumerate(r.patterns):
        where = f"dates.yaml: patterns[{i}]"
        unknown = sorted(
            set(record) - {"name", "resolver", "regex", "checks", "anaphoric", "examples"}
        )
        if unknown:
            raise RulesError(f"{where}: unknown key {unknown[0]!r}")
        name, resolver, template = record.get("name"), record.get("resolver"), record.get("regex")
        if not (isinstance(name, str) and isinstance(resolver, str) and isinstance(template, str)):
            raise RulesError(f"{where}: name, resolver and regex are required text")
        where = f"dates.yaml: pattern {name!r}"
        if name in names:
            raise RulesError(f"{where}: a second pattern with this name")
        names.add(name)
        if resolver not in RESOLVERS:
            raise RulesError(
                f"{where}: unknown resolver {resolver!r}; known: {', '.join(sorted(RESOLVERS))}"
            )
        checks = tuple(record.get("checks") or ())
        for check in checks:
            if check not in CHECKS:
                raise RulesError(f"{where}: unknown check {check!r}; known: {', '.join(CHECKS)}")
        source = _expand(template, macros, where)
        try:
            regex = re.compile(rf"(?<![\w'])(?:{source})", re.I | re.X)
        except re.error as exc:
            raise RulesError(f"{where}: not a valid regex: {exc}") from exc
        patterns.append(
            Pattern(
                name=name,
                resolver=resolver,
                regex=regex,
                checks=checks,
                anaphoric=bool(record.get("anaphoric", False)),
                examples=_examples(record.get("examples"), where),
            )
        )
    return Grammar(tuple(patterns))


def compile_forms(r: DateRules, templates: Iterable[str], key: str) -> tuple[re.Pattern[str], ...]:
    """Regex templates other than the date patterns (`byline_forms`), compiled."""
    macros = {**_built_macros(r), **r.macros}
    out = []
    for i, template in enumerate(templates):
        where = f"dates.yaml: {key}[{i}]"
        try:
            out.append(re.compile(_expand(template, macros, where), re.I | re.X))
        except re.error as exc:
            raise RulesError(f"{where}: not a valid regex: {exc}") from exc
    return tuple(out)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    pattern: Pattern
    m: re.Match[str]

    @property
    def kind(self) -> str:
        return self.pattern.name


def scan(text: str, grammar: Grammar) -> list[Hit]:
    """All non-overlapping matches, longest first; ties go to the earlier pattern."""
    found: list[tuple[int, int, int, Hit]] = []
    for rank, pattern in enumerate(grammar.patterns):
        for m in pattern.regex.finditer(text):
            start, end = m.span()
            while end > start and (text[end - 1].isspace() or text[end - 1] in ",("):
                end -= 1
            if end > start:
                found.append((start, -(end - start), rank, Hit(start, end, pattern, m)))
    found.sort(key=lambda f: (f[1], f[0], f[2]))
    # The hits taken so far are disjoint: kept sorted, a new one need only be
    # checked against its two neighbours.
    starts: list[int] = []
    taken: list[Hit] = []
    for _s, _l, _r, hit in found:
        i = bisect.bisect_right(starts, hit.start)
        if i > 0 and taken[i - 1].end > hit.start:
            continue
        if i < len(taken) and taken[i].start < hit.end:
            continue
        starts.insert(i, hit.start)
        taken.insert(i, hit)
    return taken
