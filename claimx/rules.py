"""Rules as data: `rules/<section>.yaml` parsed into typed, validated objects.

Each section is a frozen dataclass declared next to the code that uses it
(`reader.ArticleRules`, `quotes.QuoteRules`, ...). This module only knows how
to read, merge and check them: an unknown key, or a value of the wrong shape,
is a `RulesError` naming the file and the key.

`--rules DIR` layers a user's files over the defaults: mappings are merged key
by key (the user's value wins), lists are extended, scalars replaced. A file
may set `replace: true` to drop the default section altogether.

A value typed `Regex` (`tuple[Regex, ...]`) is a regular expression: it must
compile, and it must not backtrack catastrophically — see `check_regex`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import signal
import threading
import types
import typing
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

import yaml

from claimx.errors import RulesError


def default_rules_dir() -> Path:
    """`claimx/rules` inside a wheel; the repository's `rules/` in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RulesError(f"no default rules directory found next to {here}")


# A rule value that is a Python regular expression, checked when rules load.
Regex = Annotated[str, "regex"]

# Rules the reader uses before any section runs.
READER_RULES = {"articles": "claimx.reader:ArticleRules"}


def rule_classes() -> dict[str, str]:
    """Rule file stem -> "module:Class": the reader's, then every section's."""
    from claimx.sections import SECTIONS

    classes = dict(READER_RULES)
    for section in SECTIONS.values():
        classes.update(section.rules)
    return classes


class Rules:
    """Every rule file, validated: `rules.quotes` is a `QuoteRules`, and so on.

    `raw` is the merged data they were built from, and `digest` its hash: the
    `extractor.rules` of a fact sheet. A pipeline saved with `nlp.to_disk`
    carries `raw`, so the rules and the digest travel together.
    """

    def __init__(self, raw: dict[str, dict[str, Any]]) -> None:
        from claimx.sections import resolve

        self.raw = raw
        self.sections: dict[str, Any] = {
            name: build(typing.cast(type, resolve(target)), raw.get(name, {}), f"{name}.yaml")
            for name, target in rule_classes().items()
        }
        canonical = json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str)
        self.digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]

    def __getattr__(self, name: str) -> Any:
        sections = self.__dict__.get("sections")
        if sections is not None and name in sections:
            return sections[name]
        raise AttributeError(f"no rule file {name!r}")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rules) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    def to_json(self) -> str:
        return json.dumps(self.raw, sort_keys=True, ensure_ascii=False, default=str)

    @classmethod
    def from_json(cls, text: str) -> Rules:
        return cls(json.loads(text))


def load_rules(extra_dir: str | Path | None = None) -> Rules:
    """The default rules, with the files of `extra_dir` layered over them."""
    kinds = rule_classes()
    raw: dict[str, dict[str, Any]] = {}
    default_dir = default_rules_dir()
    for name in kinds:
        path = default_dir / f"{name}.yaml"
        if not path.is_file():
            raise RulesError(f"{path}: default rule file is missing")
        raw[name] = _read(path)
    if extra_dir is not None:
        extra = Path(extra_dir)
        if not extra.is_dir():
            raise RulesError(f"{extra}: --rules must be a directory of <section>.yaml files")
        for path in sorted(extra.glob("*.y*ml")):
            name = path.stem
            if name not in kinds:
                raise RulesError(
                    f"{path}: unknown rule file; expected one of "
                    + ", ".join(f"{k}.yaml" for k in kinds)
                )
            data = _read(path)
            if data.pop("replace", False) is True:
                raw[name] = data
            else:
                raw[name] = _merge(raw[name], data)
    return Rules(raw)


@lru_cache(maxsize=8)
def cached_rules(rules_dir: str | None = None) -> Rules:
    """`load_rules`, once per process and directory: the CLI and every component share it."""
    return load_rules(rules_dir)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RulesError(f"{path}: cannot read rule file: {exc}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RulesError(f"{path}: a rule file must be a mapping of keys to values")
    return data


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _merge(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        return base + [item for item in extra if item not in base]
    return extra


def build(cls: type, data: dict[str, Any], where: str) -> Any:
    """Check `data` against the fields of dataclass `cls` and build it."""
    hints = typing.get_type_hints(cls, include_extras=True)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise RulesError(
            f"{where}: unknown key {unknown[0]!r}; allowed keys: {', '.join(sorted(fields))}"
        )
    values = {}
    for name, f in fields.items():
        if name in data:
            values[name] = _check(data[name], hints[name], f"{where}: key {name!r}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise RulesError(f"{where}: required key {name!r} is missing")
    return cls(**values)


def _check(value: Any, hint: Any, where: str) -> Any:
    """Validate `value` against a type hint; lists become tuples (rules are frozen)."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is Any:
        return value
    if origin is Annotated:
        value = _check(value, args[0], where)
        if "regex" in args[1:]:
            check_regex(value, where)
        return value
    if origin in (typing.Union, types.UnionType):
        errors = []
        for arg in args:
            try:
                return _check(value, arg, where)
            except RulesError as exc:
                errors.append(str(exc))
        raise RulesError(errors[0])
    if hint is type(None):
        if value is None:
            return None
        raise RulesError(f"{where}: expected null, got {value!r}")
    if origin in (tuple, list):
        if not isinstance(value, list):
            raise RulesError(f"{where}: expected a list, got {type(value).__name__}")
        item = args[0] if args else Any
        return tuple(_check(v, item, f"{where}[{i}]") for i, v in enumerate(value))
    if origin is dict:
        if not isinstance(value, dict):
            raise RulesError(f"{where}: expected a mapping, got {type(value).__name__}")
        key_t, val_t = args if args else (Any, Any)
        return {_check(k, key_t, where): _check(v, val_t, f"{where}.{k}") for k, v in value.items()}
    if hint is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise RulesError(f"{where}: expected a number, got {value!r}")
    if hint is str and isinstance(value, (int, float)) and not isinstance(value, bool):
        raise RulesError(f"{where}: expected text, got {value!r}; quote it in YAML")
    if isinstance(hint, type) and not isinstance(value, hint):
        raise RulesError(f"{where}: expected {hint.__name__}, got {value!r}")
    return value


# Regular expressions from rule files. A pattern that backtracks
# catastrophically ("(a+)+$") takes exponential time on a line of a few dozen
# characters, so one article could hang a run. Deciding that from the pattern
# alone is hard (nested repetition is often harmless: "(?:#[\w-]+\s*)+"), so
# each pattern is timed on adversarial texts built from the characters it
# matches: each one, and each pair, repeated 32 times, with a character it does
# not expect at the end. Exponential patterns take seconds to years on those;
# sane ones take microseconds, so a budget of a quarter second per pattern
# separates them with room to spare on a slow machine.
REGEX_BUDGET = 0.25
_PROBE_REPEAT = 32


class _Timeout(Exception):
    pass


def check_regex(pattern: str, where: str) -> re.Pattern[str]:
    """The compiled pattern; a RulesError if it is invalid or backtracks catastrophically."""
    try:
        compiled = re.compile(pattern, re.I)
    except (re.error, RecursionError, OverflowError) as exc:
        raise RulesError(f"{where}: not a valid regular expression: {exc}") from None
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        return compiled  # timers interrupt the main thread only
    probes = _probes(pattern)

    def expire(signum: int, frame: object) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, REGEX_BUDGET)
    try:
        for probe in probes:
            compiled.search(probe)
            compiled.fullmatch(probe)
    except _Timeout:
        raise RulesError(
            f"{where}: the regular expression {pattern!r:.80} backtracks catastrophically "
            f"(over {REGEX_BUDGET} s on a {len(probes[-1])}-character test text); "
            "avoid nested repetition such as (a+)+"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return compiled


def _probes(pattern: str) -> list[str]:
    chars = {c for c in pattern if c.isprintable()} | set("a1 -.#\n")
    chars -= set("()[]{}?*+|^$\\")
    sample = sorted(chars)[:40]
    singles = [c * _PROBE_REPEAT for c in sample]
    pairs = [(a + b) * (_PROBE_REPEAT // 2) for a in sample[:12] for b in sample[:12] if a != b]
    return [p + end for p in singles + pairs for end in ("\x00", "")]
