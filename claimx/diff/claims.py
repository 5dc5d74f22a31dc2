"""How each section's records are compared and named in a report.

The section registry (`claimx.sections`) names these as each section's diff
hooks: `score_<section>(old, new, old_context, new_context)` scores a candidate
pair (None: they cannot be the same claim); `<section>_label(record)` is the
one line naming a record. `same_person` says when a quote's speaker only
resolved differently.
"""

from __future__ import annotations

from rich.text import Text

from claimx.diff.similarity import (
    Context,
    context_score,
    same_value,
    surroundings_score,
    word_similarity,
    words_of,
)
from claimx.model import DateMention, Figure, Quote, Record
from claimx.text import printable

# Similarity thresholds (0..1), one per kind of evidence.
REWORDED_MIN = 0.5  # same speaker: share of words kept for a reworded quote
REATTRIBUTED_MIN = 0.85  # another speaker: the words must be all but the same
QUOTE_CONTEXT_MIN = 0.75  # a short quote reworded in place: its sentence is kept


def same_person(old: Quote, new: Quote) -> bool:
    """The text names the speaker the same way and only the resolution differs.

    An edit elsewhere (a speaker's introduction reworded or moved) can leave a
    later `Choi said` resolved to `Choi` rather than `Choi Eun-mi`, or `the
    director told` not resolved at all, and without the role: the article still
    attributes the words to the same person."""
    if old.mention is None or not same_value(old.mention, new.mention):
        return False
    roles_agree = old.role is None or new.role is None or same_value(old.role, new.role)
    if old.speaker is None or new.speaker is None:
        return roles_agree
    a, b = set(words_of(old.speaker)), set(words_of(new.speaker))
    return bool(a and b) and (a <= b or b <= a) and roles_agree


def score_quote(a: Quote, b: Quote, ca: Context, cb: Context) -> float | None:
    if same_value(a.speaker, b.speaker):
        # Reworded: most words kept, or (a short quote) the sentence around it kept.
        words = word_similarity(a.text, b.text, at_least=REWORDED_MIN)
        around = context_score(a, b, ca, cb) or 0.0
        best = max(words, around if around >= QUOTE_CONTEXT_MIN else 0.0)
        return best + _same_kind(a, b) if best >= REWORDED_MIN else None
    # Reattributed: the same words under another name.
    words = word_similarity(a.text, b.text, at_least=REATTRIBUTED_MIN)
    return words + _same_kind(a, b) if words >= REATTRIBUTED_MIN else None


def _same_kind(a: Quote, b: Quote) -> float:
    """A tie-breaker: a partial quote and the indirect record around it say the same words."""
    return 0.05 if a.kind == b.kind else 0.0


def score_date(a: DateMention, b: DateMention, ca: Context, cb: Context) -> float | None:
    if a.type != b.type:
        return None
    return surroundings_score(a, b, ca, cb)


def score_figure(a: Figure, b: Figure, ca: Context, cb: Context) -> float | None:
    # About the same thing: the same kind of figure, counting the same noun or
    # giving the same number, in the same surroundings.
    same_unit = same_value(a.unit, b.unit)
    same_number = (a.value, a.value_max, a.qualifier) == (b.value, b.value_max, b.qualifier)
    if a.kind != b.kind or not (same_unit or same_number):
        return None
    around = surroundings_score(a, b, ca, cb)
    if around is None:
        return None
    return around + 0.1 * same_unit + 0.1 * same_value(a.about, b.about)


def quote_label(record: Quote) -> Text:
    """Who said what: `Ann Lee (direct): “…”`."""
    who = printable(record.speaker or "(unattributed)")
    out = Text(f"{who} ({printable(record.kind)}): ")
    out.append(f"“{clip(record.text)}”")
    return out


def date_label(record: DateMention) -> Text:
    """The date as written and its value: `Jan. 23 = 2026-01-23`."""
    return Text(f"{clip(record.text)} = {printable(record.value)}")


def figure_label(record: Figure) -> Text:
    """The figure as written and what it counts: `183 workers, about: killed`."""
    about = f", about: {printable(record.about)}" if record.about else ""
    return Text(f"{clip(record.text)}{about}")


def any_label(record: Record) -> Text:
    """A section without a label of its own: its text as written."""
    return Text(clip(record.text))


def clip(text: str, limit: int = 100) -> str:
    text = printable(" ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
