"""The matches of spaCy's AttributeRuler, found by index instead of by trying every pattern.

The AttributeRuler of spaCy's English pipelines maps tags to parts of speech,
morphology and some lemmas with ~180 token patterns, and finds them with a
`Matcher`, which tries every pattern at every token: about 50 µs a token,
as much CPU as the parser (PolNeAR articles, en_core_web_sm). Its patterns
are one or two tokens with exact values (`TAG: NN`, `LOWER: he`), `IN`,
`NOT_IN` and `REGEX`; here each pattern is filed under an exact value of its
first token, so a token is checked only against the few patterns that can
match it. The matches are the Matcher's, sorted as the ruler sorts them, and
are applied in that order: tokens get the same attributes (tests compare the
matches and the tokens on the seeds and on texts that hit the multi-token and
regex patterns).

`index_matches(ruler)` gives a ruler this `match` (and a `set_annotations`
that applies the matches without making a Span for each) when it can read every
pattern; a pattern with anything else (operators, extension attributes,
other predicates) leaves the ruler to its Matcher.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

# Matcher attribute: the Token attribute holding the value it compares.
STRING_ATTRS = {
    "ORTH": "orth_",
    "TEXT": "orth_",
    "LOWER": "lower_",
    "NORM": "norm_",
    "TAG": "tag_",
    "POS": "pos_",
    "DEP": "dep_",
    "LEMMA": "lemma_",
}
BOOL_ATTRS = {
    "IS_SPACE": "is_space",
    "IS_PUNCT": "is_punct",
    "IS_ALPHA": "is_alpha",
    "IS_DIGIT": "is_digit",
}
# Preferred attributes to file a pattern under: the most selective first.
ANCHOR_ORDER = ("ORTH", "TEXT", "LOWER", "NORM", "LEMMA", "DEP", "TAG", "POS", *BOOL_ATTRS)

UNNAMED = -1  # a column's value that no check names and no regex matches
_NEW = -2
Check = tuple[str, str, Any]  # (token attribute, "eq" | "in" | "not_in" | "regex", value)


class _Unsupported(Exception):
    pass


def index_matches(ruler: Any) -> bool:
    """Give `ruler` (a spaCy AttributeRuler) the indexed `match`; False when it keeps its own."""
    try:
        matcher = IndexedMatcher(ruler)
    except _Unsupported:
        return False
    ruler.match = matcher
    ruler.set_annotations = Annotator(ruler)
    return True


class Annotator:
    """`AttributeRuler.set_annotations` without a Span per match: the same tokens get
    the same attributes, in the same order."""

    def __init__(self, ruler: Any) -> None:
        from spacy.tokens._retokenize import set_token_attrs

        self.ruler = ruler
        self.set_token_attrs = set_token_attrs
        self.own = type(ruler).set_annotations

    def __call__(self, doc: Any, matches: Sequence[tuple[int, int, int, int]]) -> None:
        attrs, indices, set_attrs = self.ruler.attrs, self.ruler.indices, self.set_token_attrs
        for match in matches:
            attr_id, _match_id, start, end = match
            index = indices[attr_id]
            i = (start if index >= 0 else end) + index
            if not start <= i < end:  # the ruler's own error, naming the pattern
                self.own(self.ruler, doc, [match])
            set_attrs(doc[i], attrs[attr_id])


class IndexedMatcher:
    """`AttributeRuler.match` for patterns it can read: [(attr id, match id, start, end)].

    A token is known by the IDs of the attributes the patterns read; which
    patterns hold for a token is worked out once per distinct tuple of IDs
    (most tokens are common words with common tags) and remembered.
    """

    MEMO_SIZE = 200_000  # distinct tokens remembered; then forgotten all at once

    def __init__(self, ruler: Any) -> None:
        from spacy import attrs as spacy_attrs

        self.strings = ruler.vocab.strings
        self.names: list[str] = []  # Token attributes the patterns read, in column order
        self.index: dict[str, dict[Any, list[int]]] = {}
        self.unfiled: list[int] = []
        self.named: dict[str, set[str]] = {}  # per string attribute, the values checks name
        self.regexes: dict[str, list[re.Pattern[str]]] = {}
        # One entry per pattern: (attr id, match id, specs as checks).
        self.patterns: list[tuple[int, int, list[list[Check]]]] = []
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            found = ruler.matcher.get(key)
            if found is None or found[0] is not None:  # unknown, or with a callback
                raise _Unsupported(key)
            for pattern in found[1]:
                specs = [self._checks(spec) for spec in pattern]
                if not specs:
                    raise _Unsupported(key)
                number = len(self.patterns)
                self.patterns.append((attr_id, self.strings[key], specs))
                self._file(number, specs[0])
        # The spaCy attribute of each column (TEXT is ORTH).
        by_name = {v: k for k, v in (*STRING_ATTRS.items(), *BOOL_ATTRS.items()) if k != "TEXT"}
        self.array_attrs = [getattr(spacy_attrs, by_name[name]) for name in self.names]
        self.is_bool = [name in BOOL_ATTRS.values() for name in self.names]
        self.memo: dict[tuple[int, ...], tuple[list[tuple[int, int]], list[int]]] = {}
        # Per column, a value's ID, or UNNAMED for a value no check names or matches
        # (most words): all such values hold for the same patterns.
        self.canon: list[dict[int, int]] = [{} for _ in self.names]

    def _checks(self, spec: Any) -> list[Check]:
        if not isinstance(spec, dict) or not spec:
            raise _Unsupported(spec)
        checks: list[Check] = []
        for attr, value in spec.items():
            if attr in BOOL_ATTRS and isinstance(value, bool):
                checks.append((BOOL_ATTRS[attr], "eq", value))
            elif attr not in STRING_ATTRS:
                raise _Unsupported(attr)
            elif isinstance(value, str):
                checks.append((STRING_ATTRS[attr], "eq", value))
            elif isinstance(value, dict) and len(value) == 1:
                ((op, arg),) = value.items()
                checks.append((STRING_ATTRS[attr], *_predicate(op, arg)))
            else:
                raise _Unsupported(value)
            name, kind, arg = checks[-1]
            if name not in self.names:
                self.names.append(name)
            if name in BOOL_ATTRS.values():
                continue
            if kind == "regex":
                self.regexes.setdefault(name, []).append(arg)
            self.named.setdefault(name, set()).update((arg,) if kind == "eq" else ())
            if kind in ("in", "not_in"):
                self.named[name].update(arg)
        return checks

    def _file(self, number: int, checks: list[Check]) -> None:
        """File the pattern under an exact value of its first token, if it has one."""
        filed = [c for c in checks if c[1] in ("eq", "in")]
        if not filed:
            self.unfiled.append(number)
            return
        order = [STRING_ATTRS.get(a) or BOOL_ATTRS[a] for a in ANCHOR_ORDER]
        attr, kind, value = min(filed, key=lambda c: order.index(c[0]))
        by_value = self.index.setdefault(attr, {})
        for v in (value,) if kind == "eq" else sorted(value):
            by_value.setdefault(v, []).append(number)

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        n = len(doc)
        if not n:
            return []
        memo = self.memo
        if len(memo) > self.MEMO_SIZE or sum(map(len, self.canon)) > self.MEMO_SIZE:
            memo.clear()
            for canon in self.canon:
                canon.clear()
        columns = doc.to_array(self.array_attrs).reshape(n, -1).T.tolist()
        for c, (name, column) in enumerate(zip(self.names, columns, strict=True)):
            if name in self.named:
                columns[c] = self._canonical(c, column)
        keys = list(zip(*columns, strict=True))
        # Spans per (attr id, match id), found in token order: the ruler's order
        # (attr id, match id, start, end) without sorting every match.
        found: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for i, key in enumerate(keys):
            known = memo.get(key)
            if known is None:
                known = memo[key] = self._hits(key)
            singles, longer = known
            for ids in singles:
                spans = found.get(ids)
                if spans is None:
                    spans = found[ids] = []
                spans.append((i, i + 1))
            for number in longer:
                attr_id, match_id, specs = self.patterns[number]
                end = i + len(specs)
                if end <= n and all(
                    _holds(checks, self._values(keys[j])) for j, checks in enumerate(specs, i)
                ):
                    found.setdefault((attr_id, match_id), []).append((i, end))
        return [(*ids, *span) for ids in sorted(found) for span in sorted(set(found[ids]))]

    def _canonical(self, c: int, column: list[int]) -> list[int]:
        canon = self.canon[c]
        get = canon.get
        out = [get(v, _NEW) for v in column]
        if _NEW in out:
            name = self.names[c]
            named, regexes = self.named[name], self.regexes.get(name, ())
            strings = self.strings
            for i, v in enumerate(out):
                if v == _NEW:
                    value = strings[column[i]]
                    known = value in named or any(r.search(value) for r in regexes)
                    out[i] = canon[column[i]] = column[i] if known else UNNAMED
        return out

    def _values(self, key: tuple[int, ...]) -> dict[str, Any]:
        strings = self.strings
        return {
            name: bool(v) if is_bool else (None if v == UNNAMED else strings[v])
            for name, v, is_bool in zip(self.names, key, self.is_bool, strict=True)
        }

    def _hits(self, key: tuple[int, ...]) -> tuple[list[tuple[int, int]], list[int]]:
        """The one-token patterns that hold for a token, and the longer ones it may start."""
        values = self._values(key)
        candidates = list(self.unfiled)
        for name, by_value in self.index.items():
            candidates.extend(by_value.get(values[name], ()))
        singles: list[tuple[int, int]] = []
        longer: list[int] = []
        for number in sorted(set(candidates)):
            attr_id, match_id, specs = self.patterns[number]
            if _holds(specs[0], values):
                if len(specs) == 1:
                    singles.append((attr_id, match_id))
                else:
                    longer.append(number)
        return singles, longer


def _predicate(op: str, arg: Any) -> tuple[str, Any]:
    if op in ("IN", "NOT_IN") and isinstance(arg, (list, tuple, set)):
        if not all(isinstance(v, str) for v in arg):
            raise _Unsupported(arg)
        return ("in" if op == "IN" else "not_in"), frozenset(arg)
    if op == "REGEX" and isinstance(arg, str):
        return "regex", re.compile(arg)
    raise _Unsupported(op)


def _holds(checks: Sequence[Check], values: dict[str, Any]) -> bool:
    for attr, kind, value in checks:
        got = values[attr]
        if kind == "eq":
            if got != value:
                return False
        elif kind == "in":
            if got not in value:
                return False
        elif kind == "not_in":
            if got in value:
                return False
        elif got is None or not value.search(got):
            return False
    return True
