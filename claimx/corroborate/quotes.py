"""The same quoted words across sources, and whether they are given to one speaker.

Two quotes are the same words when, once folded (case, quote glyphs, dashes),
the words they have in common in order cover most of the shorter one: a
trimmed or partial version of a quote, or one with a word changed ("a small
but significant step" / "a small but meaningful step"). A group agrees when
every attributed speaker is one person (names grouped across spellings, a
surname standing for the full name), and differs when the words are given to
different people. An unattributed quote contradicts nobody.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from claimx.corroborate.context import Context
from claimx.corroborate.groups import Group, Member, candidate_pairs, cluster, status_of
from claimx.corroborate.names import fold_tokens
from claimx.corroborate.sources import Source
from claimx.diff import words_of
from claimx.model import Quote
from claimx.sheet import record_dict

MIN_WORDS = 4  # shorter quotes ("low-key", "strategic importance") are too common to match
COVER = 0.8  # share of the shorter quote's words found, in order, in the longer
SHINGLE = 3  # word n-grams used to find candidate pairs


@dataclass(frozen=True)
class _Item:
    source: Source
    quote: Quote
    words: tuple[str, ...]
    speaker: str | None  # the speaker's name group


def quote_groups(sources: Sequence[Source], ctx: Context) -> list[Group]:
    items = []
    for s in sources:
        for q in s.sheet.quotes:
            speaker = ctx.names.canon(s.index, q.speaker) if q.speaker else None
            items.append(_Item(s, q, tuple(words_of(q.text)), speaker))
    pairs = candidate_pairs(
        (" ".join(i.words[n : n + SHINGLE]) for n in range(len(i.words) - SHINGLE + 1))
        for i in items
    )

    def score(a: int, b: int) -> float | None:
        x, y = items[a], items[b]
        if x.source.index == y.source.index:
            return None
        return _cover(x.words, y.words)

    def fits(a: int, b: int) -> bool:
        # Quotes of one article overlap (a partial inside its indirect quote).
        same = items[a].source.index == items[b].source.index
        return same or score(a, b) is not None

    clusters = cluster(len(items), pairs, score, fits)
    return [_group([items[i] for i in c]) for c in clusters]


def _cover(a: tuple[str, ...], b: tuple[str, ...]) -> float | None:
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < MIN_WORDS:
        return None
    matcher = SequenceMatcher(None, short, long, autojunk=False)
    found = sum(block.size for block in matcher.get_matching_blocks())
    share = found / len(short)
    return share if share >= COVER else None


def same_person(a: str | None, b: str | None) -> bool:
    """Unknown speakers never contradict; a surname stands for its full name."""
    if a is None or b is None or a == b:
        return True
    wa, wb = set(fold_tokens(a)), set(fold_tokens(b))
    return wa <= wb or wb <= wa


def _group(items: list[_Item]) -> Group:
    items.sort(key=lambda i: (i.source.index, i.quote.span.start))
    members = tuple(
        Member(
            source=i.source,
            record=record_dict(i.quote),
            value=i.quote.speaker or "(no speaker)",
            start=i.quote.span.start,
        )
        for i in items
    )
    agree = all(
        same_person(a.speaker, b.speaker) for n, a in enumerate(items) for b in items[n + 1 :]
    )
    status = status_of(members, agree)
    longest = max(items, key=lambda i: len(i.words))
    title = " ".join(longest.quote.text.split()[:10])
    if len(longest.quote.text.split()) > 10:
        title += " …"
    if status == "single":
        return Group("quotes", status, "one source has these words", members, title)
    exact = len({i.words for i in items}) == 1
    contained = all(_contains(longest.words, i.words) for i in items)
    words = (
        "the same words"
        if exact
        else "the same words, some trimmed"
        if contained
        else "nearly the same words"
    )
    speakers = sorted({i.quote.speaker for i in items if i.quote.speaker})
    if agree:
        who = (
            f"given to {speakers[0]}"
            if len(speakers) == 1
            else (
                "given to one person: " + " / ".join(speakers) if speakers else "no speaker named"
            )
        )
    else:
        who = "given to different speakers: " + " vs ".join(speakers)
    return Group("quotes", status, f"{words}; {who}", members, title)


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    n = len(short)
    return any(long[k : k + n] == short for k in range(len(long) - n + 1))
