"""Units of measurement and currencies from maintained data, not hand-kept lists.

Units, their full names, plurals and symbols come from quantulum3's unit data
(`units.json`, MIT; the names are those of Wikipedia and of the CQE evaluation:
"kilometre", "mile per hour", "degree Celsius"), with the SI prefixes expanded
as quantulum3 does. Only the JSON is read: quantulum3's parser is not imported.
Currencies come from CLDR through babel: ISO 4217 codes, symbols in the English
locales ("US$", "CA$", "HK$", "₹") and names, singular and plural ("euros").

`rules/figures.yaml` adds the news words the data lacks and removes entries
that are ordinary words in running text (`not_units`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

# quantulum3's entity of a unit -> the `kind` of a figure.
_KIND_BY_ENTITY = {"time": "duration", "currency": "money"}
# Entities whose units are no measurement in news ("pair", "set", "dozen", "count").
_SKIPPED_ENTITIES = {"dimensionless", "currency"}


@dataclass(frozen=True)
class Unit:
    name: str  # the canonical name: "kilometre"
    kind: str  # measure | duration | percent | money


@lru_cache(maxsize=1)
def library_units() -> tuple[dict[str, Unit], dict[str, Unit]]:
    """(surfaces, symbols): full names and plurals, lower-cased; symbols as written."""
    from quantulum3.load import METRIC_PREFIXES  # type: ignore[import-untyped]

    data: dict[str, dict[str, Any]] = {}
    root = resources.files("quantulum3")
    for part in (root / "units.json", root / "_lang" / "en_US" / "units.json"):
        for name, unit in json.loads(part.read_text(encoding="utf-8")).items():
            data.setdefault(name, {}).update(unit)
    surfaces: dict[str, Unit] = {}
    symbols: dict[str, Unit] = {}
    for name, unit in data.items():
        entity = unit.get("entity")
        if entity is None or entity in _SKIPPED_ENTITIES:
            continue
        kind = _KIND_BY_ENTITY.get(entity, "measure")
        variants = [("", "", name)]
        for prefix in unit.get("prefixes", []):
            variants.append((METRIC_PREFIXES[prefix], prefix, METRIC_PREFIXES[prefix] + name))
        for word_prefix, symbol_prefix, full in variants:
            record = Unit(full, kind)
            for surface in unit.get("surfaces", []):
                surface = word_prefix + surface
                for form in (surface, *plurals(surface)):
                    surfaces.setdefault(" ".join(form.lower().split()), record)
            for symbol in unit.get("symbols", []):
                symbols.setdefault(symbol_prefix + symbol, record)
    return surfaces, symbols


_IRREGULAR = {"foot": "feet", "century": "centuries", "millennium": "millennia"}


def plurals(surface: str) -> tuple[str, ...]:
    """English plurals of a unit name: the last word of "mile per hour" is not pluralised."""
    head, sep, tail = surface.partition(" per ")
    words = head.split(" ")
    last = words[-1]
    if not last or not last[-1:].isalpha():
        return ()
    forms = []
    for irregular, plural in _IRREGULAR.items():
        if last.endswith(irregular):
            forms.append(last[: -len(irregular)] + plural)
    if last.endswith(("s", "x", "z", "ch", "sh")):
        forms.append(last + "es")
    elif re.search(r"[^aeiou]y$", last):
        forms.append(last[:-1] + "ies")
    else:
        forms.append(last + "s")
    return tuple(" ".join([*words[:-1], f]) + sep + tail for f in forms)


@dataclass(frozen=True)
class Currencies:
    codes: frozenset[str]  # ISO 4217 codes in use
    symbols: dict[str, str]  # "US$" -> USD, "€" -> EUR (case-sensitive)
    names: dict[str, str]  # "us dollars" -> USD, "euro" -> EUR (lower-case)


@lru_cache(maxsize=1)
def library_currencies(locales: tuple[str, ...] = ("en", "en_US", "en_GB", "en_IN")) -> Currencies:
    """ISO 4217 currencies from CLDR: codes, symbols and English names."""
    from babel import Locale
    from babel.numbers import get_currency_name, get_currency_symbol, list_currencies

    codes = frozenset(list_currencies())
    symbols: dict[str, str] = {}
    names: dict[str, str] = {}
    for locale_name in locales:
        locale = Locale.parse(locale_name)
        for code in sorted(codes):
            symbol = get_currency_symbol(code, locale=locale)
            # A symbol of letters only is its code ("CHF") or a word ("kr", "R"):
            # those need the code list or the rules, not the symbol table.
            if symbol != code and not symbol.isalpha():
                symbols.setdefault(symbol, code)
            for count in (1, 2):
                name = get_currency_name(code, count=count, locale=locale)
                if name and name != code:
                    names.setdefault(" ".join(name.lower().split()), code)
    return Currencies(codes, symbols, names)
