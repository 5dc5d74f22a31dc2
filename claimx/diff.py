"""What changed between two versions of an article: claims, not lines.

`diff_sheets(old, new)` compares two `FactSheet`s and returns a `SheetDiff`:
records `added`, `removed` and `changed` (with the record fields that differ).
Records are paired by their content `id` first; what is left is paired by
meaning, one similarity score per section:

- quotes: same speaker and similar words (or the same surroundings) is a
  reworded quote; the same words under another speaker is a reattribution;
- dates and figures: the same sentence context (and, for figures, the same unit
  or the same value) with another value is a changed date or figure.

Only `id`, `at`, `span` and `mention_span` never count as a change on their own:
they move whenever a paragraph does. Text fields are compared folded
(`model.fold`), so re-wrapped lines and quote glyphs change nothing.

One edit often changes more than one record: a reattributed quote takes its
continuation quotes (which inherit its speaker) and a later `he said` along; a
reworded partial quote changes the indirect record around it; an added quote
brings the figures inside it. Such dependent records are folded into the change
that explains them (`also`), so each claim is reported once: the innermost
claim for a change, the enclosing quote for an addition or removal. A speaker
resolved differently under an unchanged mention (`Choi said` read as `Choi`
rather than `Choi Eun-mi` once the introduction moved) is not a change.

`compare_paths(old, new, extractor)` resolves the command line's two paths
(articles, fact sheet files or folders of either) into a `Report`.

YAML output (`render_yaml`), two articles or two fact sheet files::

    warnings: []                 # model / rules digest differences
    added:   [{section: quotes, id: ..., kind: ..., ...}]   # records as in a fact sheet
    removed: [{section: figures, ...}]
    changed:
    - section: quotes            # quotes | dates | figures
      fields: [speaker, role, mention]
      old: {id: ..., ...}
      new: {id: ..., ...}
      also: [...]                # optional: dependent records, same shapes

Two folders (or fact sheet files holding several articles), paired by path::

    warnings: []
    articles_added: [relative/path.txt]
    articles_removed: [relative/other.txt]
    articles:                    # only the articles whose facts differ
    - path: relative/path.txt
      added: [...]
      removed: [...]
      changed: [...]

In folders, `a/x.txt` (an article, extracted here) pairs with `a/x.yaml` (a
fact sheet) on the other side: the key is the relative path without suffixes.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path, PurePosixPath
from typing import Any

from rich.console import Console
from rich.text import Text

from claimx.errors import ClaimxError, SheetError, UsageError
from claimx.model import SECTIONS, DateMention, FactSheet, Figure, Quote, Record, Span, fold
from claimx.sheet import SheetDumper, load_sheets, record_dict, to_yaml

SHEET_SUFFIXES = (".yaml", ".yml", ".jsonl")
ARTICLE_SUFFIXES = (".txt", ".md")
# Fields that say where a claim stands, not what it says.
POSITIONAL = frozenset({"id", "at", "span", "mention_span"})
# Fields a quote takes from its attribution (`..., Lee said`): one edit there changes them
# in every quote that attribution covers.
ATTRIBUTION = frozenset({"speaker", "role", "mention", "cue"})

# Similarity thresholds (0..1), one per kind of evidence.
REWORDED_MIN = 0.5  # same speaker: share of words kept for a reworded quote
REATTRIBUTED_MIN = 0.85  # another speaker: the words must be all but the same
CONTEXT_MIN = 0.5  # dates and figures: share of surrounding words kept
QUOTE_CONTEXT_MIN = 0.75  # a short quote reworded in place: its sentence is kept
CONTEXT_CHARS = 150  # surroundings read on either side of a record, within its paragraph
CONTEXT_MIN_WORDS = 4  # fewer surrounding words (or records) than this is no evidence
NEIGHBOURS = 3  # without the text: records on either side that make the surroundings


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


# Comparing two fact sheets


def diff_sheets(
    old: FactSheet, new: FactSheet, old_text: str | None = None, new_text: str | None = None
) -> SheetDiff:
    """Every claim added, removed or changed from `old` to `new`.

    `old_text`/`new_text` are the articles the sheets were extracted from, when
    known (both): a record's surroundings then come from its paragraph rather
    than from its neighbouring records.
    """
    if old_text is None or new_text is None:
        # Surroundings must be read the same way on both sides to be compared.
        old_text = new_text = None
    contexts = (_Context(old, old_text), _Context(new, new_text))
    items: list[Item] = []
    for section in SECTIONS:
        pairs, removed, added = _pair_section(
            section, getattr(old, section), getattr(new, section), *contexts
        )
        for a, b in pairs:
            fields = differing_fields(a, b)
            if fields:
                items.append(Change(section, fields, a, b))
        items.extend(Entry(section, r, added=False) for r in removed)
        items.extend(Entry(section, r, added=True) for r in added)
    items = _fold_dependents(items, old, new)
    return SheetDiff(
        added=tuple(sorted((i for i in items if _kind(i) == "added"), key=_new_position)),
        removed=tuple(sorted((i for i in items if _kind(i) == "removed"), key=_old_position)),
        changed=tuple(sorted((i for i in items if isinstance(i, Change)), key=_new_position)),
        warnings=tuple(extractor_warnings(old, new)),
    )


def differing_fields(old: Record, new: Record) -> tuple[str, ...]:
    """The fields, in fact-sheet order, whose values differ (positions aside)."""
    fields = tuple(
        f.name
        for f in dataclasses.fields(old)
        if f.name not in POSITIONAL and not _same_value(getattr(old, f.name), getattr(new, f.name))
    )
    if isinstance(old, Quote) and isinstance(new, Quote) and _same_person(old, new):
        fields = tuple(f for f in fields if f not in ("speaker", "role"))
    return fields


def _same_person(old: Quote, new: Quote) -> bool:
    """The text names the speaker the same way and only the resolution differs.

    An edit elsewhere (a speaker's introduction reworded or moved) can leave a
    later `Choi said` resolved to `Choi` rather than `Choi Eun-mi`, or `the
    director told` not resolved at all, and without the role: the article still
    attributes the words to the same person."""
    if old.mention is None or not _same_value(old.mention, new.mention):
        return False
    roles_agree = old.role is None or new.role is None or _same_value(old.role, new.role)
    if old.speaker is None or new.speaker is None:
        return roles_agree
    a, b = set(words_of(old.speaker)), set(words_of(new.speaker))
    return bool(a and b) and (a <= b or b <= a) and roles_agree


def _same_value(a: object, b: object) -> bool:
    if a == b:  # the common case, and much cheaper than folding
        return True
    if isinstance(a, str) and isinstance(b, str):
        return fold(a) == fold(b)
    return a == b


def extractor_warnings(old: FactSheet, new: FactSheet) -> list[str]:
    """One line per extractor setting that differs: the facts may differ for that alone."""
    out = []
    for name, label in (("model", "spaCy models"), ("rules", "rule digests")):
        a, b = getattr(old.extractor, name), getattr(new.extractor, name)
        if a != b:
            out.append(f"the versions were extracted with different {label} ({a} → {b})")
    return out


def _new_position(item: Item) -> tuple[int, int]:
    record = item.new if isinstance(item, Change) else item.record
    return (record.span.start, record.span.end)


def _old_position(item: Item) -> tuple[int, int]:
    record = item.old if isinstance(item, Change) else item.record
    return (record.span.start, record.span.end)


# Pairing: by id, then by meaning


_ID = re.compile(r"^([a-z]-[0-9a-f]+)(?:-\d+)?$")


def _base_id(record: Record) -> str:
    """The id without the `-2`, `-3` a repeated claim gets in document order."""
    match = _ID.match(record.id)
    return match.group(1) if match else record.id


def _pair_section(
    section: str,
    old: Sequence[Record],
    new: Sequence[Record],
    old_ctx: _Context,
    new_ctx: _Context,
) -> tuple[list[tuple[Record, Record]], list[Record], list[Record]]:
    """(pairs, removed, added) for one section."""
    groups: dict[str, tuple[list[Record], list[Record]]] = {}
    for side, records in enumerate((old, new)):
        for r in records:
            groups.setdefault(_base_id(r), ([], []))[side].append(r)
    pairs: list[tuple[Record, Record]] = []
    left_old: list[Record] = []
    left_new: list[Record] = []
    for olds, news in groups.values():
        if len(olds) != len(news) and olds and news:
            # A repeated claim gained or lost an occurrence: the ones whose
            # surroundings stayed are the ones kept; the rest pair in order.
            kept, olds, news = _greedy(
                olds, news, lambda a, b: _context_score(a, b, old_ctx, new_ctx)
            )
            pairs.extend(kept)
        k = min(len(olds), len(news))
        pairs.extend(zip(olds[:k], news[:k], strict=True))
        left_old.extend(olds[k:])
        left_new.extend(news[k:])
    meant, removed, added = _greedy(
        left_old, left_new, lambda a, b: _SCORES[section](a, b, old_ctx, new_ctx)
    )
    return pairs + meant, removed, added


def _greedy(
    olds: Sequence[Record],
    news: Sequence[Record],
    score: Callable[[Record, Record], float | None],
) -> tuple[list[tuple[Record, Record]], list[Record], list[Record]]:
    """Best-scoring pairs first; `score` None means the two cannot be the same claim."""
    candidates = []
    for i, a in enumerate(olds):
        for j, b in enumerate(news):
            s = score(a, b)
            if s is not None:
                # Ties go to the pair closest in document order.
                candidates.append((-s, abs(i / max(len(olds), 1) - j / max(len(news), 1)), i, j))
    candidates.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    for _s, _d, i, j in candidates:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((olds[i], news[j]))
    removed = [r for i, r in enumerate(olds) if i not in used_old]
    added = [r for j, r in enumerate(news) if j not in used_new]
    return pairs, removed, added


def _score_quote(a: Quote, b: Quote, ca: _Context, cb: _Context) -> float | None:
    words = word_similarity(a.text, b.text)
    if _same_value(a.speaker, b.speaker):
        # Reworded: most words kept, or (a short quote) the sentence around it kept.
        around = _context_score(a, b, ca, cb) or 0.0
        best = max(words, around if around >= QUOTE_CONTEXT_MIN else 0.0)
        return best + _same_kind(a, b) if best >= REWORDED_MIN else None
    # Reattributed: the same words under another name.
    return words + _same_kind(a, b) if words >= REATTRIBUTED_MIN else None


def _same_kind(a: Quote, b: Quote) -> float:
    """A tie-breaker: a partial quote and the indirect record around it say the same words."""
    return 0.05 if a.kind == b.kind else 0.0


def _score_date(a: DateMention, b: DateMention, ca: _Context, cb: _Context) -> float | None:
    if a.type != b.type:
        return None
    return _context_score(a, b, ca, cb)


def _score_figure(a: Figure, b: Figure, ca: _Context, cb: _Context) -> float | None:
    # About the same thing: the same kind of figure, counting the same noun or
    # giving the same number, in the same surroundings.
    same_unit = _same_value(a.unit, b.unit)
    same_value = (a.value, a.value_max, a.qualifier) == (b.value, b.value_max, b.qualifier)
    if a.kind != b.kind or not (same_unit or same_value):
        return None
    around = _context_score(a, b, ca, cb)
    if around is None:
        return None
    return around + 0.1 * same_unit + 0.1 * _same_value(a.about, b.about)


_SCORES: dict[str, Callable[..., float | None]] = {
    "quotes": _score_quote,
    "dates": _score_date,
    "figures": _score_figure,
}


def words_of(text: str | None) -> list[str]:
    """Folded words, as compared: case, glyphs and punctuation ignored."""
    return re.findall(r"\w+(?:[-'.]\w+)*", fold(text or ""))


def word_similarity(a: str, b: str) -> float:
    wa, wb = words_of(a), words_of(b)
    if not wa and not wb:
        return 1.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


# Surroundings


class _Context:
    """What surrounds each record of one sheet: the words of its paragraph when the
    article text is known, else the records next to it (all sections, in order)."""

    def __init__(self, sheet: FactSheet, text: str | None) -> None:
        self.text = text
        self.cache: dict[int, frozenset[str]] = {}
        self.order: list[Record] = []
        self.rank: dict[int, int] = {}
        if text is None:
            self.order = sorted(
                (r for s in SECTIONS for r in getattr(sheet, s)),
                key=lambda r: (r.span.start, r.span.end),
            )
            self.rank = {id(r): i for i, r in enumerate(self.order)}

    def words(self, record: Record) -> frozenset[str]:
        key = id(record)
        if key not in self.cache:
            self.cache[key] = frozenset(self._words(record))
        return self.cache[key]

    def _words(self, record: Record) -> list[str]:
        if self.text is not None:
            return self._text_words(record.span)
        i = self.rank.get(id(record))
        if i is None:
            return []
        # The claims next to it, by content id: stable when paragraphs move, and one
        # edited neighbour leaves most of them in place.
        near = self.order[max(0, i - NEIGHBOURS) : i] + self.order[i + 1 : i + 1 + NEIGHBOURS]
        return [_base_id(r) for r in near]

    def _text_words(self, span: Span) -> list[str]:
        text = self.text or ""
        # The paragraph only: a blank line ends it; single line breaks are re-wrapping.
        para_start = max(text.rfind("\n\n", 0, span.start), text.rfind("\n \n", 0, span.start))
        para_start = 0 if para_start < 0 else para_start
        ends = [i for i in (text.find("\n\n", span.end), text.find("\n \n", span.end)) if i >= 0]
        para_end = min(ends) if ends else len(text)
        before = text[max(para_start, span.start - CONTEXT_CHARS) : span.start]
        after = text[span.end : min(para_end, span.end + CONTEXT_CHARS)]
        # The cut words at either end of the window change with any edit nearby.
        return words_of(before)[1:] + words_of(after)[:-1]


def _context_score(a: Record, b: Record, ca: _Context, cb: _Context) -> float | None:
    """Share of surrounding words the two have in common (Jaccard); None: too few to tell."""
    wa, wb = ca.words(a), cb.words(b)
    if len(wa) < CONTEXT_MIN_WORDS or len(wb) < CONTEXT_MIN_WORDS:
        return None
    score = len(wa & wb) / len(wa | wb)
    return score if score >= CONTEXT_MIN else None


# Dependent records: report each claim once


def _fold_dependents(items: list[Item], old: FactSheet, new: FactSheet) -> list[Item]:
    """Fold records whose change another change explains into that change's `also`.

    Three mechanisms, all about what one edit inevitably does to other records:
    containment (a record inside a quote: a partial quote in its indirect
    record, a figure in a quote), attribution (quotes sharing one `..., Lee
    said`, or continuing it, change speaker together), and resolution (a `he
    said` whose text is unchanged follows the speaker change before it)."""
    attributors = _attributors(items)
    parent: dict[int, Item] = {}  # id(item) -> the item explaining it
    for item in items:
        _link(item, _container_of(item, items), parent)
    for item in items:
        if id(item) not in parent:
            _link(item, _attributor_of(item, attributors, old, new), parent)
    for item in items:
        if id(item) not in parent:
            # The nearest that would not close a cycle (an indirect record already
            # folded into the partial quote inside it is earlier than that quote).
            cause = next(
                (c for c in _same_resolution_changes(item, items) if _root(c, parent) is not item),
                None,
            )
            _link(item, cause, parent)
    children: dict[int, list[Item]] = {}
    roots = []
    for item in items:
        top = _root(item, parent)
        if top is item:
            roots.append(item)
        else:
            children.setdefault(id(top), []).append(item)
    return [
        dataclasses.replace(r, also=tuple(sorted(children[id(r)], key=_position)))
        if id(r) in children
        else r
        for r in roots
    ]


def _position(item: Item) -> tuple[int, int]:
    """Where the item stands: in the new version if it is there, else in the old."""
    record = _side(item, "new") or _side(item, "old")
    return (record.span.start, record.span.end) if record is not None else (-1, -1)


def _link(item: Item, cause: Item | None, parent: dict[int, Item]) -> None:
    """Record that `cause` explains `item`, unless that would make a cycle."""
    if cause is not None and cause is not item and _root(cause, parent) is not item:
        parent[id(item)] = cause


def _root(item: Item, parent: dict[int, Item]) -> Item:
    seen = {id(item)}
    while id(item) in parent and id(parent[id(item)]) not in seen:
        item = parent[id(item)]
        seen.add(id(item))
    return item


def _records(item: Item) -> tuple[Record, ...]:
    return (item.old, item.new) if isinstance(item, Change) else (item.record,)


def _kind(item: Item) -> str:
    if isinstance(item, Change):
        return "changed"
    return "added" if item.added else "removed"


def _side(item: Item, side: str) -> Record | None:
    """The item's record in the old or the new version, if it has one there."""
    if isinstance(item, Change):
        return item.old if side == "old" else item.new
    return item.record if item.added == (side == "new") else None


def _start(item: Item, side: str) -> int:
    record = _side(item, side)
    return record.span.start if record is not None else -1


# Containment


def _container_of(item: Item, items: list[Item]) -> Item | None:
    """The item that explains `item` by containing it, or by being contained in it.

    An added (removed) record inside an added (removed) quote belongs to that
    quote. A changed quote whose difference lies wholly in the records inside it
    (reworded quoted words in an indirect record, a date or figure edited in a
    quote) is explained by them: they are the claims that changed."""
    if isinstance(item, Entry):
        outer = [
            o
            for o in items
            if isinstance(o, Entry)
            and o.section == "quotes"
            and o.added == item.added
            and o is not item
            and _inside(item, o)
        ]
        return max(outer, key=lambda o: _length(o.record), default=None)
    if item.section != "quotes":
        return None
    inner = sorted(
        (o for o in items if o is not item and _inside(o, item)),
        key=lambda o: (_start(o, "new"), _start(o, "old")),
    )
    if not inner:
        return None
    own = set(item.fields) - {"text"}
    explained = set().union(*(o.fields for o in inner if isinstance(o, Change)))
    if not own <= explained:
        return None
    if "text" in item.fields and _strip(item, inner, "old") != _strip(item, inner, "new"):
        return None
    return inner[0]


def _length(record: Record) -> int:
    return record.span.end - record.span.start


def _inside(inner: Item, outer: Item) -> bool:
    """`inner` starts within `outer` (and is not it) in every version both have.

    Only the start: an indirect record may stop short of the closing punctuation
    that the quote inside it keeps."""
    checks = []
    for side in ("old", "new"):
        a, b = _side(inner, side), _side(outer, side)
        if a is not None and b is not None:
            checks.append(b.span.start <= a.span.start < b.span.end and a.span != b.span)
    return bool(checks) and all(checks)


def _strip(item: Item, inner: list[Item], side: str) -> list[str]:
    """The record's words with the stretches of the records inside it taken out."""
    record = _side(item, side)
    if record is None:
        return []
    start = record.span.start
    keep = list(record.text)
    for other in inner:
        r = _side(other, side)
        if r is not None:
            for k in range(max(r.span.start, start), min(r.span.end, record.span.end)):
                if k - start < len(keep):
                    keep[k - start] = " "
    return words_of("".join(keep))


# Attribution


def _attributors(items: list[Item]) -> dict[tuple[str, Span], list[Item]]:
    """The quote items naming a speaker, by (version, span of the mention)."""
    out: dict[tuple[str, Span], list[Item]] = {}
    for item in items:
        if item.section != "quotes":
            continue
        for side in ("old", "new"):
            record = _side(item, side)
            if record is not None and record.mention_span is not None:
                out.setdefault((side, record.mention_span), []).append(item)
    for side_key, group in out.items():
        group.sort(key=lambda o, side=side_key[0]: _start(o, side))
    return out


def _attributor_of(
    item: Item,
    attributors: dict[tuple[str, Span], list[Item]],
    old: FactSheet,
    new: FactSheet,
) -> Item | None:
    """The first quote of the attribution `item` depends on, when that explains it.

    Quotes sharing one mention (`"A," Lee said. "B."`) or continuing it (a
    paragraph that is all quote) change speaker together, and go together when
    the attribution is added or removed: they are reported once, under the
    first. A quote added to an old attribution stays visible."""
    if item.section != "quotes":
        return None
    if isinstance(item, Change) and not set(item.fields) <= ATTRIBUTION:
        return None
    for side, sheet in (("old", old), ("new", new)):
        record = _side(item, side)
        if record is None:
            continue
        mention = _attribution(sheet.quotes, record)
        group = attributors.get((side, mention)) if mention is not None else None
        if not group or group[0] is item:
            continue
        first = group[0]
        if isinstance(item, Change) or (isinstance(first, Entry) and first.added == item.added):
            return first
    return None


def _same_resolution_changes(item: Item, items: list[Item]) -> list[Item]:
    """For a quote whose own attribution text is unchanged but whose speaker or role
    changed, the earlier edits that explain it, nearest first.

    Its speaker is resolved through other mentions, so such a change follows
    from another edit: an earlier quote whose speaker changed the same way (a
    `he said` after a renamed `Lee said`; a role given once where a speaker is
    introduced), an added quote by its new speaker (a `he` now nearest to
    someone else), or a removed quote by its old speaker (an antecedent gone)."""
    if not isinstance(item, Change) or item.section != "quotes":
        return []
    if not set(item.fields) <= {"speaker", "role"} or not _same_value(
        item.old.mention, item.new.mention
    ):
        return []
    fields = item.fields

    def agrees(record: Record | None, side: Quote) -> bool:
        return record is not None and all(
            _same_value(getattr(record, f), getattr(side, f)) for f in fields
        )

    found: list[tuple[int, Item]] = []  # (distance before `item`, explaining edit)
    for other in items:
        if other is item or other.section != "quotes":
            continue
        for side, mine in (("old", item.old), ("new", item.new)):
            theirs = _side(other, side)
            # Only an earlier edit: of a run of equal changes the first is reported.
            if theirs is None or theirs.span.start >= mine.span.start:
                continue
            if isinstance(other, Change):
                ok = (
                    set(fields) <= set(other.fields)
                    and agrees(other.old, item.old)
                    and agrees(other.new, item.new)
                )
            else:
                ok = agrees(theirs, mine)
            if ok:
                found.append((mine.span.start - theirs.span.start, other))
                break
    return [other for _distance, other in sorted(found, key=lambda f: f[0])]


def _attribution(quotes: Sequence[Quote], record: Quote) -> Span | None:
    """The mention that names the record's speaker: its own, or (a continuation)
    that of the nearest quote with a mention and the same speaker, before it
    (else after it)."""
    if record.mention_span is not None:
        return record.mention_span
    if record.speaker is None:
        return None
    i = next((k for k, q in enumerate(quotes) if q is record), None)
    if i is None:
        return None
    for side in (reversed(quotes[:i]), quotes[i + 1 :]):
        nearest = next((q for q in side if q.mention_span is not None), None)
        if nearest is not None and _same_value(nearest.speaker, record.speaker):
            return nearest.mention_span
    return None


# Reading the two sides


@dataclass(frozen=True)
class Version:
    """One article of one side: its fact sheet, and its text when extracted here."""

    key: str
    label: str
    sheet: FactSheet | None = None
    text: str | None = None
    error: str | None = None


class Extractor:
    """Articles to fact sheets, loading spaCy only if some input is an article."""

    def __init__(
        self, model: str | None = None, rules_dir: str | None = None, published: str | None = None
    ) -> None:
        from claimx.pipeline import DEFAULT_MODEL

        self.model = model or DEFAULT_MODEL
        self.rules_dir = rules_dir
        self.published = published

    def __call__(self, files: Sequence[tuple[str, str, Path]]) -> list[Version]:
        """(key, path as shown, file) per article, extracted in one spaCy stream.

        A file given on both sides (a file compared with itself) is read once."""
        if not files:
            return []
        from claimx.pipeline import Input, extract, load_pipeline
        from claimx.rules import cached_rules

        # Both are loaded once per process: the two sides (and every test) share them.
        rules = cached_rules(self.rules_dir)
        nlp = load_pipeline(self.model, self.rules_dir)
        unique: dict[Path, Input] = {}
        for _key, label, file in files:
            unique.setdefault(file.resolve(), Input(label, Path(file.name), file))
        done: dict[int, Version] = {}
        for result in extract(unique.values(), nlp, rules, published=self.published):
            label = result.input.path
            if result.error is not None:
                done[id(result.input)] = Version("", label, error=str(result.error))
                continue
            # The records' spans index the decoded original: their surroundings come from it.
            done[id(result.input)] = Version("", label, sheet=result.sheet, text=result.text)
        return [
            dataclasses.replace(done[id(unique[file.resolve()])], key=key)
            for key, _label, file in files
        ]


def read_sheet_file(path: Path) -> list[FactSheet]:
    """Every fact sheet in a `.yaml`/`.yml`/`.jsonl` file; anything else is a SheetError."""
    sheets = list(load_sheets(path))
    if not sheets:
        raise SheetError(f"{path}: no fact sheet in the file")
    return sheets


def is_sheet_file(path: Path) -> bool:
    return path.suffix.lower() in SHEET_SUFFIXES


def compare_paths(old: str, new: str, extractor: Callable[..., list[Version]]) -> Report:
    """Two articles, two fact sheet files, or two folders, compared claim by claim."""
    paths = (Path(old), Path(new))
    for given, path in zip((old, new), paths, strict=True):
        if not path.exists():
            raise UsageError(f"{given}: no such file or directory")
        if not (path.is_file() or path.is_dir()):
            raise UsageError(f"{given}: not a regular file or directory")
    if paths[0].is_dir() != paths[1].is_dir():
        raise UsageError(f"cannot compare a file with a folder: {old}, {new}")
    if paths[0].is_dir():
        olds, news = _read_folders(paths, extractor)
        return _compare(olds, news, single=False)
    olds, news = _read_files((old, new), extractor)
    if len(olds) == 1 and len(news) == 1 and olds[0].sheet and news[0].sheet:
        # Two versions of one article: pair them whatever their paths.
        olds = [dataclasses.replace(olds[0], key="")]
        news = [dataclasses.replace(news[0], key="")]
        return _compare(olds, news, single=True)
    return _compare(olds, news, single=False)


def _read_files(
    given: tuple[str, str], extractor: Callable[..., list[Version]]
) -> tuple[list[Version], list[Version]]:
    # Fact sheets first: a malformed one fails before spaCy is even loaded.
    sides: list[list[Version]] = [
        _stream_versions(read_sheet_file(Path(g))) if is_sheet_file(Path(g)) else [] for g in given
    ]
    articles = [(str(i), g, Path(g)) for i, g in enumerate(given) if not is_sheet_file(Path(g))]
    for version in extractor(articles):
        if version.error is not None:
            raise ClaimxError(version.error)
        (keyed,) = _stream_versions([version.sheet])  # keyed as in a stream of sheets
        sides[int(version.key)] = [dataclasses.replace(version, key=keyed.key, label=keyed.label)]
    return sides[0], sides[1]


def _stream_versions(sheets: list[FactSheet]) -> list[Version]:
    """The articles of a fact sheet stream, keyed by source path below their common
    folder: `claimx extract archive/2026-01-13/` and `.../2026-01-14/` pair up."""
    paths = [PurePosixPath(s.source.path.replace("\\", "/")) for s in sheets]
    common = _common_parent(paths)
    out: list[Version] = []
    seen: dict[str, int] = {}
    for sheet, path in zip(sheets, paths, strict=True):
        rel = path.relative_to(common).as_posix() if common is not None else sheet.source.path
        key = _key(rel)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:  # the same article twice in one stream: pair them in order
            key = f"{key}#{seen[key]}"
        out.append(Version(key, rel, sheet=sheet))
    return out


def _common_parent(paths: list[PurePosixPath]) -> PurePosixPath | None:
    parents = [p.parent.parts for p in paths]
    common = []
    for parts in zip(*parents, strict=False):
        if any(part != parts[0] for part in parts):
            break
        common.append(parts[0])
    return PurePosixPath(*common) if common else None


def _read_folders(
    roots: tuple[Path, Path], extractor: Callable[..., list[Version]]
) -> tuple[list[Version], list[Version]]:
    sides: list[list[Version]] = [[], []]
    articles: list[tuple[str, str, Path]] = []
    shown: dict[str, tuple[int, str, str]] = {}  # article -> (side, key, relative path)
    for side, root in enumerate(roots):
        for key, path in _folder_files(root):
            rel = path.relative_to(root).as_posix()
            if not is_sheet_file(path):
                tag = f"{side}:{rel}"
                shown[tag] = (side, key, rel)
                articles.append((tag, str(path), path))
                continue
            sides[side].extend(_sheet_versions(key, rel, path))
    for version in extractor(articles):
        side, key, rel = shown[version.key]
        sides[side].append(dataclasses.replace(version, key=key, label=rel))
    return sides[0], sides[1]


def _sheet_versions(key: str, rel: str, path: Path) -> list[Version]:
    """The articles of one fact sheet file in a folder; a bad file is one error."""
    try:
        sheets = read_sheet_file(path)
    except SheetError as exc:
        return [Version(key, rel, error=str(exc))]
    if len(sheets) == 1:
        return [Version(key, rel, sheet=sheets[0])]
    # A stream of several articles: each is known by its source path too.
    return [Version(f"{key}:{s.source.path}", f"{rel}:{s.source.path}", sheet=s) for s in sheets]


def _folder_files(root: Path) -> list[tuple[str, Path]]:
    """(pairing key, file) for the articles and fact sheets under `root`, hidden ones skipped.

    The key is the relative path without its suffixes, so `a/x.txt` pairs with
    `a/x.yaml` (or `a/x.txt.yaml`) on the other side; a key two files share
    falls back to their full relative paths."""
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix.lower() in (*SHEET_SUFFIXES, *ARTICLE_SUFFIXES)
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
    keyed = [(_key(p.relative_to(root).as_posix()), p) for p in files]
    counts: dict[str, int] = {}
    for key, _p in keyed:
        counts[key] = counts.get(key, 0) + 1
    return [(k if counts[k] == 1 else p.relative_to(root).as_posix(), p) for k, p in keyed]


def _key(relative: str) -> str:
    for suffixes in (SHEET_SUFFIXES, ARTICLE_SUFFIXES):
        for suffix in suffixes:
            if relative.lower().endswith(suffix):
                relative = relative[: -len(suffix)]
                break
    return relative


def _compare(olds: list[Version], news: list[Version], *, single: bool) -> Report:
    old_by = {v.key: v for v in olds}
    new_by = {v.key: v for v in news}
    errors = [v.error for v in (*olds, *news) if v.error is not None]
    articles = []
    warnings: dict[str, None] = {}  # ordered set: one line per distinct warning
    for key, o in old_by.items():
        n = new_by.get(key)
        if n is None or o.sheet is None or n.sheet is None:
            continue
        diff = diff_sheets(o.sheet, n.sheet, o.text, n.text)
        warnings.update(dict.fromkeys(diff.warnings))
        articles.append(ArticleDiff(n.label, o.sheet.source.path, n.sheet.source.path, diff))
    return Report(
        articles=tuple(articles),
        articles_added=tuple(
            v.label for k, v in new_by.items() if k not in old_by and v.error is None
        ),
        articles_removed=tuple(
            v.label for k, v in old_by.items() if k not in new_by and v.error is None
        ),
        warnings=tuple(warnings),
        errors=tuple(errors),
        single=single,
    )


# Rendering: YAML


class _Flow(list):
    """A list written `[a, b]`."""


class _DiffDumper(SheetDumper):
    pass


_DiffDumper.add_representer(
    _Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", list(v), flow_style=True)
)


def record_data(section: str, record: Record) -> dict[str, Any]:
    """The record as in a fact sheet, `section` first."""
    return {"section": section, **record_dict(record)}


def item_data(item: Item) -> dict[str, Any]:
    if isinstance(item, Entry):
        data = record_data(item.section, item.record)
    else:
        data = {
            "section": item.section,
            "fields": _Flow(item.fields),
            "old": record_dict(item.old),
            "new": record_dict(item.new),
        }
    if item.also:
        data["also"] = [item_data(i) for i in item.also]
    return data


def diff_data(diff: SheetDiff) -> dict[str, Any]:
    return {
        "added": [item_data(i) for i in diff.added],
        "removed": [item_data(i) for i in diff.removed],
        "changed": [item_data(i) for i in diff.changed],
    }


def report_data(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = {"warnings": list(report.warnings)}
    if report.single:
        diff = report.articles[0].diff if report.articles else SheetDiff()
        data.update(diff_data(diff))
        return data
    data["articles_added"] = list(report.articles_added)
    data["articles_removed"] = list(report.articles_removed)
    data["articles"] = [
        {"path": a.path, **diff_data(a.diff)} for a in report.articles if not a.diff.same
    ]
    return data


def render_yaml(report: Report) -> str:
    return to_yaml(report_data(report), _DiffDumper)


# Rendering: text


_SINGULAR = {"quotes": "quote", "dates": "date", "figures": "figure"}
_SHOWN_WORDS = 6  # unchanged words kept around a word-level change


def render_text(report: Report, console: Console) -> None:
    """A readable report; styles show only when the console is a terminal."""
    for warning in report.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))
    if report.single:
        if report.articles:
            article = report.articles[0]
            _render_article(article, console, f"{article.old_path} → {article.new_path}")
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
                console.print(Text(f"  {mark} {path}", style=style))
    for article in report.articles:
        _render_article(article, console, article.path)
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
    head.append(_SINGULAR[item.section], style="bold")
    if isinstance(item, Entry):
        head.append("  ")
        head.append(_claim(item.record))
        lines = [head, Text(f"      at {item.record.at}", style="dim")]
    else:
        head.append(f"  {', '.join(item.fields)}")
        if isinstance(item.new, Quote) and "text" in item.fields:
            head.append(f"  ({item.new.speaker or 'unattributed'}, {item.new.kind})", style="dim")
        lines = [head, *_change_lines(item)]
        lines.append(Text(f"      at {item.old.at} → {item.new.at}", style="dim"))
    if item.also:
        n = len(item.also)
        lines.append(
            Text(
                f"      and {n} dependent record{'s' * (n > 1)}: "
                + ", ".join(_short(_records(i)[-1]) for i in item.also),
                style="dim",
            )
        )
    return lines


def _claim(record: Record) -> Text:
    """One line naming the claim: who said what, or the date or figure as written."""
    if isinstance(record, Quote):
        who = record.speaker or "(unattributed)"
        out = Text(f"{who} ({record.kind}): ")
        out.append(f"“{_clip(record.text)}”")
        return out
    if isinstance(record, DateMention):
        return Text(f"{_clip(record.text)} = {record.value}")
    about = f" ({record.about})" if record.about else ""
    return Text(f"{_clip(record.text)}{about}")


def _change_lines(change: Change) -> list[Text]:
    lines = []
    for name in change.fields:
        old, new = getattr(change.old, name), getattr(change.new, name)
        line = Text(f"      {name}: ")
        if name == "text" and change.section == "quotes":
            line.append(word_diff(str(old), str(new)))
        else:
            line.append(f"{old}", style="red")
            line.append(" → ")
            line.append(f"{new}", style="green")
        lines.append(line)
    if "text" not in change.fields:
        lines.append(Text("      ").append(_claim(change.new)))
    return lines


def word_diff(old: str, new: str) -> Text:
    """Word-level change, wdiff style: `[-removed-] {+added+}`, long unchanged runs cut."""
    a, b = old.split(), new.split()
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


def _clip(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _short(record: Record) -> str:
    return f"“{_clip(record.text, 40)}” ({record.at})"
