"""Pairing quotation marks, paragraph by paragraph, into quoted segments.

A straight `"` takes its role (open or close) from the characters around it,
so mixed pairs such as `"...”` pair; a stray mark becomes a warning, never a
lost article. Every pass is linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimx.model import Found
from claimx.quotes.rules import QuoteRules
from claimx.text import is_hard_wrapped


@dataclass(frozen=True)
class Segment:
    """The content of one pair of quotation marks, in Doc character offsets."""

    start: int
    end: int
    paragraph: int
    open_mark: int
    close_mark: int | None  # None: runs on into the next paragraph, or unclosed
    continues: bool = False  # reopened in the next paragraph (news convention)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph ranges: lines, or blank-line blocks when the text is hard-wrapped.

    Text that went through `text.clean` is never wrapped any more; a Doc made
    by someone else's pipeline may be.
    """
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    if not is_hard_wrapped(text):
        return [(s, e) for s, e in lines if text[s:e].strip()]
    blocks: list[tuple[int, int]] = []
    start = None
    last_end = 0
    for s, e in lines:
        if text[s:e].strip():
            start = s if start is None else start
            last_end = e
        elif start is not None:
            blocks.append((start, last_end))
            start = None
    if start is not None:
        blocks.append((start, last_end))
    return blocks


def _role(text: str, i: int, opens: str, closes: str) -> str:
    """ "open" or "close" for the mark at `i`, from its neighbours first, its glyph second."""
    left = text[i - 1] if i > 0 else " "
    right = text[i + 1] if i + 1 < len(text) else " "
    can_open = not right.isspace() and (
        left.isspace() or left in "([{\u2014\u2013-/\"'\u201c\u2018:"
    )
    can_close = not left.isspace() and (
        right.isspace() or right in ".,;:!?)]}\u2014\u2013-\"'\u201d\u2019"
    )
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    if text[i] in opens:
        return "open"
    if text[i] in closes:
        return "close"
    return "close" if left.isalnum() or left in ".,!?" else "open"


def pair_marks(
    text: str, rules: QuoteRules, paras: list[tuple[int, int]] | None = None
) -> Found[Segment]:
    """Quoted segments, paired within paragraphs; stray marks become warnings."""
    doubles = rules.open_marks + rules.close_marks + rules.either_marks
    paras = paragraphs(text) if paras is None else paras
    warnings: list[tuple[str, int]] = []
    segments: list[Segment] = []
    double_mark = _mark_pattern(doubles)
    for p_index, (p_start, p_end) in enumerate(paras):
        open_at: int | None = None
        nested = 0  # curly pairs inside a straight quote: `"He asked: “Why?” and left."`
        for match in double_mark.finditer(text, p_start, p_end):
            i = match.start()
            role = _role(text, i, rules.open_marks, rules.close_marks)
            in_straight = open_at is not None and text[open_at] in rules.either_marks
            if in_straight and text[i] in rules.open_marks:
                nested += 1
                continue
            if nested and text[i] in rules.close_marks:
                nested -= 1
                continue
            if role == "open":
                if open_at is not None:
                    warnings.append(("unbalanced quotation mark", open_at))
                open_at = i
            elif open_at is None:
                warnings.append(("stray closing quotation mark", i))
            else:
                if _speech_like(text, open_at, i):
                    segments.append(Segment(open_at + 1, i, p_index, open_at, i))
                open_at = None
                nested = 0
        if open_at is not None:
            segments.extend(_unclosed(text, open_at, p_index, paras, rules, doubles, warnings))
    segments.extend(_single_quoted(text, paras, segments, rules))
    segments.sort(key=lambda s: s.start)
    return Found(tuple(segments), tuple(warnings))


def _mark_pattern(marks: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(marks) + "]") if marks else re.compile(r"(?!)")


def _unclosed(
    text: str,
    open_at: int,
    p_index: int,
    paras: list[tuple[int, int]],
    rules: QuoteRules,
    doubles: str,
    warnings: list[tuple[str, int]],
) -> list[Segment]:
    _, p_end = paras[p_index]
    content = text[open_at + 1 : p_end].rstrip()
    if not content:
        return []
    reopens = False
    if p_index + 1 < len(paras):
        n_start, n_end = paras[p_index + 1]
        para = text[n_start:n_end]
        first = n_start + len(para) - len(para.lstrip())  # the next paragraph's first mark
        reopens = text[first : first + 1] in doubles and (
            _role(text, first, rules.open_marks, rules.close_marks) == "open"
        )
    if reopens:
        return [
            Segment(open_at + 1, open_at + 1 + len(content), p_index, open_at, None, continues=True)
        ]
    warnings.append(("unbalanced quotation mark", open_at))
    if len(words(content)) >= rules.unclosed_min_words:
        return [Segment(open_at + 1, open_at + 1 + len(content), p_index, open_at, None)]
    return []


def _single_quoted(
    text: str, paras: list[tuple[int, int]], doubles_found: list[Segment], rules: QuoteRules
) -> list[Segment]:
    """Top-level single-quoted spans (headline style); apostrophes are not marks."""
    marks = rules.single_open + rules.single_close + rules.single_either
    # Characters inside double quotes, marks included: no single quote starts or ends there.
    inside = bytearray(len(text) + 1)
    for s in doubles_found:
        last = s.close_mark if s.close_mark is not None else s.end
        inside[s.open_mark : last + 1] = b"\x01" * (last + 1 - s.open_mark)
    single_mark = _mark_pattern(marks)
    found = []
    for p_index, (p_start, p_end) in enumerate(paras):
        open_at = None
        for match in single_mark.finditer(text, p_start, p_end):
            i = match.start()
            if inside[i]:
                continue
            left = text[i - 1] if i > p_start else " "
            right = text[i + 1] if i + 1 < p_end else " "
            if left.isalnum() and right.isalnum():
                continue  # an apostrophe: Korea's, weren't
            if open_at is None:
                if not right.isspace() and right.isalnum() and not left.isalnum():
                    open_at = i
            elif not left.isspace() and not right.isalnum() and (left.isalpha() or left in ".,!?"):
                quoted = words(text[open_at + 1 : i])
                curly = text[open_at] in rules.single_open and text[i] in rules.single_close
                limit = rules.single_curly_max_words if curly else rules.single_max_words
                if 1 <= len(quoted) <= limit:
                    found.append(Segment(open_at + 1, i, p_index, open_at, i))
                open_at = None
    return found


def _speech_like(text: str, open_at: int, close_at: int) -> bool:
    """Words in the marks, not markup: no `data-id="6721384"`, no quoted numbers alone."""
    content = text[open_at + 1 : close_at]
    if not any(ch.isalpha() for ch in content):
        return False
    return text[open_at - 1 : open_at] != "=" if open_at else True


def words(text: str) -> list[str]:
    return [w for w in text.split() if any(c.isalnum() for c in w)]
