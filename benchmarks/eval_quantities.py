"""Figures on quantities written by others: ../shared/data/quantities/.

usage: PYTHONPATH=. python benchmarks/eval_quantities.py [-v] [--set NAME] [--split dev|held|all]
                                                      [--data DIR]
(--data: the quantities folder, by default ../shared/data/quantities beside the checkout)

Sets (read ../shared/data/README.md):
  cqe-age, cqe-dimension, cqe-temperature  the CQE sets, in the held-out news set's format
  q3                                       quantulum3's own test cases
  rt-currency, rt-dimension, rt-age, rt-temperature, rt-percent, rt-number, rt-range
                                           Microsoft Recognizers-Text's English specifications

Scoring, per sentence: a gold quantity is found when an unused figure has its value,
or has it as either end of a range ("a range matched by either end"); value+unit F1
also needs the unit to agree (see `same_unit`). Gold ranges (rt-range) are found by
either end. Precision counts every figure on the sets that annotate every quantity
(cqe, q3, rt-number); on the sets that annotate one type only (currency, dimension,
age, temperature, percent, range), only figures of that type count as extras.

Conventions where we differ from a set, as a news reader would:
  - Recognizers' ages ("5 years old") are durations with unit year: unit "year of age"
    matches "year". Temperatures: "degree Celsius" matches "celsius" and "C".
  - A counted noun is a unit (CQE's "1 consultant"): plural-insensitive, either inside
    the other ("coal-fired power plants" holds "plant").
  - Items Recognizers marks NotSupported are kept: news has them too.
  - quantulum3 resolves a range to its middle value: a range of ours matches by either
    end or by its middle.
  - Recognizers' currency names are matched to ISO codes through CLDR's names: "Franc"
    is any franc, "Dollar" any dollar, "Pound" sterling (its weights are in Dimension).
  - A rate of ours ("USD per hour") matches "dollar per hour"; Recognizers' currency set
    writes no rates ("$1.34 a share" is "Dollar"), so there its currency alone is matched.

Every set is split by a hash of the sentence: one in five is held out (`--split held`),
never looked at while fixing; the rest is the dev part. The default prints both.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_figures import date_finder, load_section

from claimx.figures import FigureRules, find_figures
from claimx.figures.units import library_currencies, library_units
from claimx.pipeline import DEFAULT_MODEL

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "quantities"


def _set_data(path: str | None) -> None:
    global DATA
    if path:
        DATA = Path(path)


# The one type each partially annotated set covers: only our figures of these kinds count.
TYPED = {
    "rt-currency": {"money"},
    "rt-dimension": {"measure"},
    "rt-age": {"duration", "age"},
    "rt-temperature": {"measure"},
    "rt-percent": {"percent"},
    "rt-range": None,  # numbers of any kind, but only ranges are annotated: extras not counted
}


@dataclass
class Gold:
    value: float
    unit: str | None  # None: not scored for unit (number sets); "-" no unit
    value_max: float | None = None


@dataclass
class Item:
    text: str
    gold: list[Gold]


def _num(value: Any) -> float | None:
    try:
        return float(str(value).replace(",", ""))
    except (TypeError, ValueError):
        return None


def load_cqe(name: str) -> list[Item]:
    items = []
    for row in json.loads((DATA / "cqe" / f"{name}-model.json").read_text(encoding="utf-8")):
        gold = []
        for q in row["quantities"]:
            value = _num(q["value"])
            if value is not None:
                gold.append(Gold(value, q.get("normalized_unit") or "-"))
        items.append(Item(row["text"], gold))
    return items


def load_q3() -> list[Item]:
    rows = json.loads((DATA / "quantulum3" / "quantities.json").read_text(encoding="utf-8"))
    items = []
    for row in rows:
        gold = []
        for q in row["res"]:
            value = _num(q["value"])
            if value is not None:
                unit = q.get("unit")
                gold.append(Gold(value, "-" if unit in (None, "dimensionless") else unit))
        items.append(Item(row["req"], gold))
    return items


def load_rt(model: str, with_unit: bool) -> list[Item]:
    path = DATA / "recognizers" / f"{model}.json"
    items = []
    for row in json.loads(path.read_text(encoding="utf-8-sig")):
        gold = []
        for r in row.get("Results") or []:
            res = r.get("Resolution") or {}
            raw = str(res.get("value", ""))
            rng = re.fullmatch(r"[\[(]\s*([^,]*),\s*([^\])]*)[\])]", raw)
            if rng:
                low, high = _num(rng.group(1)), _num(rng.group(2))
                if low is None and high is None:
                    continue
                first = low if low is not None else high
                assert first is not None
                gold.append(Gold(first, None, high if low is not None else None))
                continue
            value = _num(raw.rstrip("%"))
            if value is None:
                continue
            unit = res.get("unit") if with_unit else None
            gold.append(Gold(value, unit or ("-" if with_unit else None)))
        items.append(Item(row["Input"], gold))
    return items


SETS = {
    "cqe-age": lambda: load_cqe("age"),
    "cqe-dimension": lambda: load_cqe("dimension"),
    "cqe-temperature": lambda: load_cqe("temperature"),
    "q3": load_q3,
    "rt-currency": lambda: load_rt("CurrencyModel", True),
    "rt-dimension": lambda: load_rt("DimensionModel", True),
    "rt-age": lambda: load_rt("AgeModel", True),
    "rt-temperature": lambda: load_rt("TemperatureModel", True),
    "rt-percent": lambda: load_rt("PercentModel", False),
    "rt-number": lambda: load_rt("NumberModel", False),
    "rt-range": lambda: load_rt("NumberRangeModel", False),
}


def held_out(text: str) -> bool:
    """One sentence in five, fixed by its text: never looked at while fixing."""
    return hashlib.sha1(text.encode("utf-8")).digest()[0] % 5 == 0


# --- units ------------------------------------------------------------------------

# Recognizers' and CQE's own names for what the unit data calls otherwise.
_ALIASES = {
    "c": "degree celsius",
    "celsius": "degree celsius",
    "f": "degree fahrenheit",
    "fahrenheit": "degree fahrenheit",
    "k": "kelvin",
    "degree": "degree angle",
    "year of age": "year",
    "month of age": "month",
    "week of age": "week",
    "day of age": "day",
    "percentage": "percent",
    "%": "percent",
    "pound": "pound-mass",
    "ton": "short ton",
    "metric ton": "tonne",
    "dollar": "USD",
    "cent": "cent",
    "pound sterling": "GBP",
    "bitcoin": "BTC",  # no ISO 4217 code: the exchanges' BTC
    "btc": "BTC",
}


def canon(unit: str | None) -> str:
    """A unit reduced to one spelling: library name, ISO code or singular noun."""
    if unit is None:
        return "-"
    text = " ".join(unit.split())
    low = text.lower()
    surfaces, symbols = library_units()
    currencies = library_currencies()
    if low in _ALIASES:
        return _ALIASES[low]
    if text in currencies.codes:
        return text
    if low in currencies.names:
        return currencies.names[low]
    if text in symbols:
        return symbols[text].name.lower()
    if low in surfaces:
        return surfaces[low].name.lower()
    words = low.split()
    if words and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _q3_currencies() -> dict[str, str]:
    """quantulum3's currency names ("united states dollar") to their ISO codes."""
    from importlib import resources

    data = json.loads((resources.files("quantulum3") / "units.json").read_text(encoding="utf-8"))
    return {
        " ".join(name.lower().split()): unit["currency_code"]
        for name, unit in data.items()
        if unit.get("currency_code")
    }


_Q3_CURRENCIES = _q3_currencies()


def _temperature(unit: str | None) -> bool:
    return unit is not None and (unit.startswith("degree") or unit in ("kelvin", "°"))


def currency_codes(gold: str) -> set[str]:
    """ISO codes a currency name in gold may stand for: "Franc" any franc, "Pound" GBP."""
    low = " ".join(gold.lower().split())
    currencies = library_currencies()
    if gold in currencies.codes:
        return {gold}
    if low in currencies.names:
        return {currencies.names[low]}
    if low == "pound":
        return {"GBP"}
    if low in _Q3_CURRENCIES:
        return {_Q3_CURRENCIES[low]}
    return {code for name, code in currencies.names.items() if name.endswith(" " + low)}


def same_unit(gold: str, got: str | None, money: bool = False) -> bool:
    codes = library_currencies().codes | {"BTC"}
    if got is not None and " per " in got and got.split(" per ")[0] in codes:
        # a rate, "USD per hour": "dollar per hour"; Recognizers' currencies have no rates
        currency, _, per = got.partition(" per ")
        g_currency, sep, g_per = gold.partition(" per ")
        if not sep:
            return money and same_unit(gold, currency, money)
        return same_unit(g_currency, currency, True) and same_unit(g_per, per)
    if money and got is not None and got in library_currencies().codes:
        return got in currency_codes(gold)
    g, x = canon(gold), canon(got)
    if g == x:
        return True
    if g == "-" or x == "-":
        return False
    if g in _ALIASES.values() or x in _ALIASES.values():
        return _ALIASES.get(g, g) == _ALIASES.get(x, x)
    # A counted noun: one inside the other ("power plant" and "coal-fired power plant").
    return re.search(rf"\b{re.escape(g)}\b", x) is not None or (
        re.search(rf"\b{re.escape(x)}\b", g) is not None
    )


# --- scoring ----------------------------------------------------------------------


@dataclass
class Tally:
    tp: int = 0
    unit_tp: int = 0
    fp: int = 0
    fn: int = 0
    log: list[str] = field(default_factory=list)

    def f1(self) -> tuple[float, float]:
        value = _f1(self.tp, self.fp, self.fn)
        wrong = self.tp - self.unit_tp
        return value, _f1(self.unit_tp, self.fp + wrong, self.fn + wrong)


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-6 * max(1.0, abs(b))


def _hits(g: Gold, fig: dict[str, Any]) -> bool:
    ends: tuple[float | None, ...] = (fig["value"], fig["value_max"])
    if fig["value_max"] is not None:
        # quantulum3 resolves a range to its middle ("between 44 and 50 mg" = 47)
        ends += ((fig["value"] + fig["value_max"]) / 2,)
    if g.value_max is not None:
        return any(_close(e, g.value) or _close(e, g.value_max) for e in ends)
    return any(_close(e, g.value) for e in ends)


def score(tally: Tally, name: str, item: Item, got: list[dict[str, Any]]) -> None:
    used: set[int] = set()
    money = name == "rt-currency"  # Recognizers' currency names: "Dollar", "Pound", "Franc"
    for g in item.gold:
        free = [i for i, x in enumerate(got) if i not in used and _hits(g, x)]
        if g.unit is not None:
            free.sort(key=lambda i: not same_unit(g.unit or "-", got[i]["unit"], money))
        if not free:
            tally.fn += 1
            tally.log.append(f"MISSED {g.value} {g.unit}  in: {item.text}")
            continue
        hit = free[0]
        used.add(hit)
        tally.tp += 1
        if g.unit is None or same_unit(g.unit, got[hit]["unit"], money):
            tally.unit_tp += 1
        else:
            tally.log.append(
                f"UNIT   {got[hit]['text']!r}: want {g.unit}, got {got[hit]['unit']}"
                f"  in: {item.text}"
            )
    kinds = TYPED.get(name, "all")
    if kinds is None:
        return
    for i, x in enumerate(got):
        if i in used or (kinds != "all" and x["kind"] not in kinds):
            continue
        heat = _temperature(x["unit"])
        if (name == "rt-dimension" and heat) or (name == "rt-temperature" and not heat):
            continue  # the two sets split measures into temperatures and the rest
        tally.fp += 1
        tally.log.append(f"EXTRA  {x['text']!r}={x['value']} {x['unit']}  in: {item.text}")


def figures_of(nlp: Any, rules: FigureRules, dates: Any, text: str) -> list[dict[str, Any]]:
    doc = nlp(text)
    return [
        {
            "text": f.text,
            "value": float(f.value),
            "value_max": float(f.value_max) if f.value_max is not None else None,
            "unit": f.unit,
            "kind": f.kind,
        }
        for f in find_figures(doc, rules, dates(doc, None)).records
    ]


def run(names: list[str], split: str, verbose: bool) -> Iterator[str]:
    nlp = spacy.load(DEFAULT_MODEL)
    rules = load_section(FigureRules, "figures")
    dates = date_finder(True)
    parts = ["dev", "held"] if split == "all" else [split]
    totals = {p: Tally() for p in parts}
    for name in names:
        items = SETS[name]()
        tallies = {p: Tally() for p in parts}
        for item in items:
            part = "held" if held_out(item.text) else "dev"
            if part not in tallies:
                continue
            score(tallies[part], name, item, figures_of(nlp, rules, dates, item.text))
        for part, t in tallies.items():
            v, u = t.f1()
            yield (
                f"{name:16} {part:4} value F1 {v:.3f}  value+unit F1 {u:.3f}"
                f"  (tp {t.tp} unit-tp {t.unit_tp} fp {t.fp} fn {t.fn})"
            )
            if verbose and part == "dev":
                yield from ("    " + line for line in t.log)
            tot = totals[part]
            tot.tp, tot.unit_tp, tot.fp, tot.fn = (
                tot.tp + t.tp,
                tot.unit_tp + t.unit_tp,
                tot.fp + t.fp,
                tot.fn + t.fn,
            )
    for part, t in totals.items():
        v, u = t.f1()
        yield f"{'all':16} {part:4} value F1 {v:.3f}  value+unit F1 {u:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list dev misses/extras")
    parser.add_argument("--set", action="append", choices=sorted(SETS), help="one set (repeat)")
    parser.add_argument("--split", choices=["dev", "held", "all"], default="all")
    parser.add_argument("--data", help="the quantities folder of the shared data")
    args = parser.parse_args(argv)
    _set_data(args.data)
    for line in run(args.set or list(SETS), args.split, args.verbose):
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
