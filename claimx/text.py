"""The text the NLP sees, and the way back to the original's offsets.

spaCy gets a cleaned copy of each article: page furniture dropped, odd spaces
and hyphens (U+00A0, U+202F, U+2011, ...) made plain, zero-width characters
and `\\r` removed. Quote glyphs are kept: their direction helps pairing. Every
character of the copy remembers where it came from, so a span found in the
copy maps back onto the decoded original exactly.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from claimx.model import Span

# One character for one: keeps tokens whole for the tagger and parser.
_REPLACE = {
    "\u00a0": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u202f": " ",
    "\u2002": " ",
    "\u2003": " ",
    "\u205f": " ",
    "\u3000": " ",
    "\t": " ",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2212": "-",
}
_DROP = set("\u200b\u200c\u200d\u2060\ufeff\u00ad\r")  # a lone "\r" ends a line: see clean
# Typewriter quotes of wire and LDC text: ``like this'' -> "like this".
_DOUBLED = {"``": '"', "''": '"'}


_LINE_END = re.compile(r"\r\n?|\n")


@dataclass(frozen=True)
class MappedText:
    """`text` with `origin[i]` the original offset of `text[i]`."""

    text: str
    origin: tuple[int, ...]
    original_length: int

    def to_original(self, start: int, end: int) -> Span:
        """Map a [start, end) span of `text` onto the original."""
        if end <= start:
            pos = self.origin[start] if start < len(self.origin) else self.original_length
            return Span(pos, pos)
        return Span(self.origin[start], self.origin[end - 1] + 1)


def clean(original: str, removed: Iterable[tuple[int, int]] = ()) -> MappedText:
    """The NLP copy of `original`, leaving out the `removed` [start, end) ranges."""
    cuts = sorted(removed)
    chars: list[str] = []
    origin: list[int] = []
    cut_i = 0
    i = 0
    n = len(original)
    while i < n:
        while cut_i < len(cuts) and cuts[cut_i][1] <= i:
            cut_i += 1
        if cut_i < len(cuts) and cuts[cut_i][0] <= i < cuts[cut_i][1]:
            i = cuts[cut_i][1]
            continue
        pair = original[i : i + 2]
        if pair in _DOUBLED and (pair == "``" or _is_doubled_quote(original, i)):
            chars.append(_DOUBLED[pair])
            origin.append(i)
            i += 2
            continue
        ch = original[i]
        if ch == "\r" and original[i + 1 : i + 2] != "\n":
            chars.append("\n")  # a line ending of its own (old Mac files)
            origin.append(i)
        elif ch not in _DROP:
            chars.append(_REPLACE.get(ch, ch))
            origin.append(i)
        i += 1
    if is_hard_wrapped("".join(chars)):
        chars, origin = _join_wrapped_lines(chars, origin)
    return MappedText("".join(chars), tuple(origin), n)


def is_hard_wrapped(text: str) -> bool:
    """Paragraphs split by blank lines, each wrapped over short lines (e-mail, wire copy)."""
    lines = text.split("\n")
    filled = [line for line in lines if line.strip()]
    blanks = len(lines) - len(filled)
    if not filled or blanks == 0 or len(filled) <= 2 * blanks:
        return False
    return sum(len(line) for line in filled) / len(filled) < 90


def _join_wrapped_lines(chars: list[str], origin: list[int]) -> tuple[list[str], list[int]]:
    """A single line break inside a paragraph becomes a space, so sentences stay whole.

    After a hyphen inside a word ("Ki-" / "tae") the break is dropped instead.
    """
    out_chars: list[str] = []
    out_origin: list[int] = []
    last = len(chars) - 1
    for i, ch in enumerate(chars):
        inner = 0 < i < last and ch == "\n" and chars[i - 1].strip() and chars[i + 1].strip()
        if (
            inner
            and chars[i - 1] == "-"
            and i > 1
            and chars[i - 2].isalpha()
            and chars[i + 1].isalpha()
        ):
            continue
        out_chars.append(" " if inner else ch)
        out_origin.append(origin[i])
    return out_chars, out_origin


def _is_doubled_quote(text: str, i: int) -> bool:
    """'' as a quotation mark, not an empty pair of apostrophes inside a word."""
    left = text[i - 1] if i > 0 else " "
    right = text[i + 2] if i + 2 < len(text) else " "
    return not (left.isalnum() and right.isalnum())


class LineIndex:
    """1-based line:column of an offset in the original text.

    A line ends at "\n", "\r\n" or a lone "\r", as editors and grep count them.
    """

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in _LINE_END.finditer(text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


# Control characters (C0, DEL, C1), line and paragraph separators, and the
# bidirectional controls that can reorder a terminal line.
_UNSAFE = {
    **{c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))},
    0x2028: "\\u2028",
    0x2029: "\\u2029",
    **{c: f"\\u{c:04x}" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)},
}


def printable(text: str) -> str:
    """`text` safe for one terminal line: control and escape characters shown as `\\xNN`.

    Lone surrogates (from file names that are not UTF-8) are shown as `\\udcNN`.
    """
    text = text.translate(_UNSAFE)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
