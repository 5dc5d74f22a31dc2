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
from typing import Any, NamedTuple

# quantulum3's entity of a unit -> the `kind` of a figure.
_KIND_BY_ENTITY = {"time": "duration", "currency": "money"}
# Entities whose units are no measurement in news ("pair", "set", "dozen", "count").
_SKIPPED_ENTITIES = {"dimensionless", "currency"}


@dataclass(frozen=True)
class Unit:
    name: str  # the canonical name: "kilometre"
    kind: str  # measure | duration | percent | money
    entity: str  # quantulum3's entity: length, temperature, ...


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
    # Two passes: a unit's own names and symbols come before those made with a metric
    # prefix ("mb" is quantulum3's megabyte, not a prefixed millibarn).
    for prefixed in (False, True):
        for name, unit in data.items():
            entity = unit.get("entity")
            if entity is None or entity in _SKIPPED_ENTITIES:
                continue
            kind = _KIND_BY_ENTITY.get(entity, "measure")
            variants = [("", "", name)]
            if prefixed:
                variants = [
                    (METRIC_PREFIXES[p], p, METRIC_PREFIXES[p] + name)
                    for p in unit.get("prefixes", [])
                ]
            for word_prefix, symbol_prefix, full in variants:
                record = Unit(full, kind, entity)
                for surface in unit.get("surfaces", []):
                    surface = word_prefix + surface
                    for form in (surface, *plurals(surface)):
                        surfaces.setdefault(" ".join(form.lower().split()), record)
                for symbol in unit.get("symbols", []):
                    symbols.setdefault(symbol_prefix + symbol, record)
    _powers(data, symbols)
    return surfaces, symbols


def _powers(data: dict[str, dict[str, Any]], symbols: dict[str, Unit]) -> None:
    """Symbols of squares and cubes from the data's dimensions: "km²", "m^3" (as quantulum3
    reads them: "square kilometre" is kilometre to the power 2)."""
    by_name: dict[str, list[str]] = {}
    for symbol, known in symbols.items():
        by_name.setdefault(known.name, []).append(symbol)
    marks = {2: ("²", "^2"), 3: ("³", "^3")}
    for name, entry in data.items():
        dims = entry.get("dimensions") or []
        if len(dims) != 1 or dims[0].get("power") not in marks:
            continue
        entity = entry.get("entity")
        if entity is None or entity in _SKIPPED_ENTITIES:
            continue
        record = Unit(name, _KIND_BY_ENTITY.get(entity, "measure"), entity)
        for base in by_name.get(dims[0]["base"], []):
            for mark in marks[dims[0]["power"]]:
                symbols.setdefault(base + mark, record)


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


class Hit(NamedTuple):
    """A unit or currency found next to a number."""

    start: int
    end: int
    name: str  # canonical unit name, or ISO 4217 code for money
    kind: str
    symbol: bool  # an abbreviation or sign, not a word ("km", "$")
    glued: bool  # written against the number ("5km", "$5", "15€")
    hyphen: bool = False  # joined by a hyphen ("a 3-inch screen")


# After a number: up to four words, no digits; "m2"/"km3" keep their power.
_AFTER = re.compile(r"(?P<sep>[ \t\u00a0]{0,2}-[ \t\u00a0]{0,2}|[ \t\u00a0]{0,3})")
_WORD = re.compile(r"[^\s\d()\[\]{}<>,;:!?\"“”‘’'*]+[23²³]?(?<![.])(?!\d)")
_POWER = str.maketrans("23", "²³")


class UnitMatcher:
    """Units after a number: the rules' words first, then the library's names and symbols."""

    def __init__(
        self,
        extra: dict[str, str],
        extra_names: dict[str, str],
        not_units: frozenset[str],
        glued_letters: frozenset[str],
    ) -> None:
        surfaces, symbols = library_units()
        self.extra = {k.lower(): v for k, v in extra.items()}
        self.extra_names = {k.lower(): v for k, v in extra_names.items()}
        self.surfaces = {k: v for k, v in surfaces.items() if k not in not_units}
        self.symbols = {k: v for k, v in symbols.items() if k not in not_units}
        self.glued_letters = glued_letters
        self.temperature = {
            key: unit
            for table in (surfaces, symbols)
            for written, unit in table.items()
            if unit.entity == "temperature"
            for key in (written.lower(), written.lower().lstrip("°"))
        }
        self.temperature_names = frozenset(u.name for u in self.temperature.values())

    def at(self, text: str, pos: int) -> Hit | None:
        """The longest unit starting after `pos` (spaces or a hyphen between), if any."""
        sep = _AFTER.match(text, pos)
        assert sep is not None  # the separator pattern matches the empty string
        glued, hyphen = sep.end() == pos, "-" in sep.group(0)
        words: list[re.Match[str]] = []
        p = sep.end()
        while len(words) < 4:
            w = _WORD.match(text, p)
            if w is None:
                break
            words.append(w)
            gap = re.match(r"[ \t]{1,2}", text[w.end() : w.end() + 2])
            if gap is None:
                break
            p = w.end() + gap.end()
        for k in range(len(words), 0, -1):
            written = text[words[0].start() : words[k - 1].end()]
            hit = self._lookup(written, glued, hyphen, sep.end(), pos)
            if hit is None and k == 1 and written.endswith("-"):
                hit = self._lookup(written.rstrip("-"), glued, hyphen, sep.end(), pos)  # "5%-7%"
            if hit is None and k == 1 and "-" in written.strip("-"):
                # "34-year-old", "a 3-inch-thick wall": the unit before the next hyphen
                hit = self._lookup(written.split("-")[0], glued, hyphen, sep.end(), pos)
            if hit is not None:
                return self._temperature(text, hit)
        return None

    def _lookup(self, written: str, glued: bool, hyphen: bool, start: int, pos: int) -> Hit | None:
        end = start + len(written)
        folded = " ".join(written.lower().split())
        scale = folded[3:].lstrip(".") if folded.startswith("deg") else ""
        if scale and scale in self.temperature:  # "2.14degF", "40degC"
            return Hit(pos, end, self.temperature[scale].name, "measure", True, glued, hyphen)
        if folded in self.extra:
            name = self.extra_names.get(folded, written.lower() if written.istitle() else written)
            return Hit(pos, end, name, self.extra[folded], False, glued, hyphen)
        unit = self.surfaces.get(folded)
        if unit is not None and (not glued or len(folded) > 3):
            return Hit(pos, end, unit.name, unit.kind, False, glued, hyphen)
        for form in (written, written.translate(_POWER), written.replace("μ", "µ")):
            unit = self.symbols.get(form)
            if unit is None:
                continue
            if len(form) == 1 and form.isalpha() and not (glued and form in self.glued_letters):
                return None
            return Hit(pos, end, unit.name, unit.kind, True, glued, hyphen)
        return None

    def _temperature(self, text: str, hit: Hit) -> Hit:
        """ "40 deg celsius", "100° C", "90 degrees F": the scale named after the degree."""
        if hit.name not in ("degree", "degree angle"):
            return hit
        m = re.match(r"\s?([^\W\d_]+)(?![\w])", text[hit.end : hit.end + 20])
        unit = self.temperature.get(m.group(1).lower()) if m else None
        if m is None or unit is None:
            return hit
        return hit._replace(end=hit.end + m.end(), name=unit.name)


class MoneyMatcher:
    """Currencies before or after an amount: ISO codes, symbols, names (CLDR) and the rules'."""

    def __init__(
        self, extra: dict[str, str], needs_scale: frozenset[str], not_prefixes: frozenset[str]
    ) -> None:
        lib = library_currencies()
        self.codes = lib.codes
        self.symbols = dict(lib.symbols)
        self.names = dict(lib.names)
        for written, code in extra.items():
            if (
                written.isascii()
                and written.replace(" ", "").replace(".", "").isalpha()
                and (not written.isupper())
            ):
                self.names[" ".join(written.lower().split())] = code
            else:
                self.symbols[written] = code
        self.needs_scale = frozenset(w.lower() for w in needs_scale)
        self.not_prefixes = not_prefixes
        self.as_written = dict(extra)  # "Rs 2,000": the rules' forms, as written, before amounts

    def code(self, written: str) -> str | None:
        written = written.strip()
        if written in self.symbols:
            return self.symbols[written]
        if written in self.codes and written.isupper():
            return written
        return self.names.get(" ".join(written.lower().split()))

    def before(self, text: str, start: int) -> Hit | None:
        """A sign or code right before an amount: "$5", "US$ 17m", "AUD1.5m", "EUR 125"."""
        m = re.search(r"([^\s\d(\[\"“]{1,5})([ \t\u00a0]?)$", text[max(0, start - 8) : start])
        if m is None:
            return None
        written = m.group(1)
        begin = start - len(m.group(0))
        code = self.symbols.get(written)
        if code is None and written.lower() not in self.needs_scale:
            code = self.as_written.get(written)
        if code is None and written in self.codes and written not in self.not_prefixes:
            code = written
        if code is None and written.lower() in self.names and written.isupper():
            code = self.names[written.lower()]  # "RMB 10"
        if code is None:
            return None
        return Hit(begin, start, code, "money", True, not m.group(2))

    def after(self, text: str, end: int, scaled: bool) -> Hit | None:
        """A code, sign or name after an amount: "115.5USD", "15€", "420 million finnish markka"."""
        m = re.match(r"([ \t\u00a0]?)([^\s\d(),;:!?\"“”]{1,5})(?![\w$€£¥])", text[end : end + 8])
        if m:
            written = m.group(2).rstrip(".")
            code = self.symbols.get(written) or (written if written in self.codes else None)
            if code is not None:
                return Hit(
                    end, end + m.start(2) + len(written), code, "money", True, not m.group(1)
                )
        words = list(re.finditer(r"[^\W\d_]+\.?", text[end : end + 40]))
        if not words or text[end : end + words[0].start()].strip() != "":
            return None
        if words[0].start() == 0:
            return None  # a name needs a space: "5dollars" is no news spelling
        for k in range(min(len(words), 4), 0, -1):
            chunk = text[end + words[0].start() : end + words[k - 1].end()]
            if re.search(r"[\n]", chunk):
                continue
            folded = " ".join(chunk.lower().rstrip(".").split())
            code = self.names.get(folded)
            if code is None:
                continue
            if folded in self.needs_scale and not scaled:
                return None
            stop = (
                end + words[0].start() + len(chunk.rstrip("."))
                if chunk.endswith(".")
                else (end + words[k - 1].end())
            )
            return Hit(end, stop, code, "money", False, False)
        return None
