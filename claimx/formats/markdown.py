"""Markdown articles: the words for the NLP, the offsets of the file.

Markup is not deleted from the text: its character ranges are added to the article's
`removed` ranges, so the NLP copy (`text.clean`) leaves them out and every span still
indexes the Markdown file itself (`file[span[0]:span[1]] == text`, markup inside a
quote included). What is left out:

- heading marks (`#`, `## … ##`, setext underlines), thematic breaks, list markers,
  blockquote marks `>`, link reference definitions, table rules and pipes;
- fenced code blocks, HTML comments and tags, images (`![alt](src)`);
- emphasis (`**`, `*`, `__`, `_`, `~~`), inline code backticks, backslash escapes,
  link targets (`[words](url)` keeps `words`), footnote markers `[^1]`.

Headings are paragraphs of their own: `breaks` asks for a blank line after each, so a
heading is never the start of the next sentence. A blockquote is plain text once its
marks are gone: it becomes a quote only when its words say whose (quotation marks
and a speaker), as anywhere else. The title is the front matter's `title`, else the
first heading; the heading stays in the text once, as in a plain-text article.
"""

from __future__ import annotations

import dataclasses
import re

from claimx.dates import DateRules
from claimx.reader import Article, ArticleRules, read_article

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")
_BREAK = re.compile(r" {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_QUOTE = re.compile(r"(?: {0,3}>[ \t]?)+")
_LIST = re.compile(r" {0,3}(?:[-+*]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")
_REFDEF = re.compile(r" {0,3}\[[^\]]+\]:[ \t]*\S+.*$")
_TABLE_RULE = re.compile(r" {0,3}\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")

# Inline markup, matched within one block's text. Each pattern's groups that are not
# named `keep` are removed.
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"(\[)(?P<keep>[^\]\n]+)(\]\([^)\n]*\)|\]\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"(<)(?P<keep>(?:https?|mailto):[^>\s]+)(>)")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")
_CODE = re.compile(r"(`+)(?P<keep>[^`\n]+?)(\1)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<keep>.+?)(?<=\S)(\1)")
_STRIKE = re.compile(r"(~~)(?=\S)(?P<keep>.+?)(?<=\S)(~~)")
_EM_STAR = re.compile(r"(\*)(?=[^\s*])(?P<keep>[^*\n]+?)(?<=[^\s*])(\*)")
_EM_UNDER = re.compile(r"(?<!\w)(_)(?=[^\s_])(?P<keep>[^_\n]+?)(?<=[^\s_])(_)(?!\w)")
_ESCAPE = re.compile(r"\\[\\`*_{}\[\]()#+\-.!>|~]")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


@dataclasses.dataclass
class _Marks:
    removed: list[tuple[int, int]] = dataclasses.field(default_factory=list)
    breaks: list[int] = dataclasses.field(default_factory=list)
    headings: list[tuple[int, int]] = dataclasses.field(default_factory=list)


def markup(
    text: str, start: int = 0
) -> tuple[list[tuple[int, int]], list[int], list[tuple[int, int]]]:
    """(removed ranges, break offsets, heading text ranges) of Markdown `text[start:]`."""
    marks = _Marks()
    lines = list(_lines(text, start))
    fence: str | None = None
    previous_text: tuple[int, int] | None = None  # the last line of an open paragraph
    for s, e in lines:
        line = text[s:e]
        if fence is not None:
            marks.removed.append((s, e))
            if line.strip().startswith(fence):
                fence = None
            continue
        opened = _FENCE.match(line)
        if opened:
            fence = opened.group(1)[0] * 3
            marks.removed.append((s, e))
            previous_text = None
            continue
        if not line.strip():
            previous_text = None
            continue
        if previous_text is not None and _SETEXT.match(line) and not _QUOTE.match(line):
            # "Title\n=====": the underline goes, the line above is a heading.
            marks.removed.append((s, e))
            marks.headings.append(previous_text)
            marks.breaks.append(previous_text[1])
            previous_text = None
            continue
        if _BREAK.match(line) or _REFDEF.match(line) or _TABLE_RULE.match(line):
            marks.removed.append((s, e))
            previous_text = None
            continue
        pos = s
        quote = _QUOTE.match(line)
        if quote:
            marks.removed.append((s, s + quote.end()))
            pos = s + quote.end()
        heading = _ATX.match(text, pos, e)
        if heading:
            marks.removed.append((pos, heading.end()))
            close = _ATX_CLOSE.search(text, heading.end(), e)
            end = close.start() if close else e
            if close:
                marks.removed.append((close.start(), e))
            marks.headings.append((heading.end(), end))
            marks.breaks.append(e)
            _inline(text, heading.end(), end, marks)
            previous_text = None
            continue
        item = _LIST.match(text, pos, e)
        if item:
            marks.removed.append((pos, item.end()))
            pos = item.end()
        if text.startswith("|", pos):
            marks.removed.append((pos, pos + 1))
        if text[s:e].rstrip().endswith("|") and "|" in text[pos + 1 : e]:
            bar = s + text[s:e].rstrip().rindex("|")
            marks.removed.append((bar, bar + 1))
        _inline(text, pos, e, marks)
        previous_text = (pos, e) if not item and not quote else None
    return _merge(marks.removed), marks.breaks, marks.headings


def _lines(text: str, start: int):
    pos = start
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        # A CRLF file: the \r is not part of the line's content.
        yield pos, end - 1 if end > pos and text[end - 1] == "\r" else end
        pos = end + 1


def _inline(text: str, start: int, end: int, marks: _Marks) -> None:
    """Inline markup of `text[start:end]`, removed by position."""
    segment = text[start:end]
    taken = [False] * len(segment)

    def drop(a: int, b: int) -> None:
        marks.removed.append((start + a, start + b))
        for k in range(a, b):
            taken[k] = True

    for m in _ESCAPE.finditer(segment):
        # "\*": the backslash goes, the star is a star (never a delimiter).
        drop(m.start(), m.start() + 1)
        if m.start() + 1 < len(segment):
            taken[m.start() + 1] = True
    for pattern in (_COMMENT, _IMAGE, _FOOTNOTE):
        for m in pattern.finditer(segment):
            drop(m.start(), m.end())
    for pattern in (_AUTOLINK, _LINK, _CODE):
        for m in pattern.finditer(segment):
            if any(taken[m.start() : m.end()]):
                continue
            drop(m.start(), m.start("keep"))
            drop(m.end("keep"), m.end())
    for m in _TAG.finditer(segment):
        if not any(taken[m.start() : m.end()]):
            drop(m.start(), m.end())
    for pattern in (_STRONG, _STRIKE, _EM_STAR, _EM_UNDER):
        for m in pattern.finditer(segment):
            if taken[m.start()] or taken[m.end() - 1]:
                continue
            drop(m.start(), m.start("keep"))
            drop(m.end("keep"), m.end())


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(r for r in ranges if r[1] > r[0]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def read_markdown(
    data: bytes,
    path: str,
    rules: ArticleRules,
    published: str | None = None,
    dates: DateRules | None = None,
) -> Article:
    """A Markdown article: front matter and furniture as for text, then its markup."""
    article = read_article(data, path, rules, published, dates)
    text = article.text
    body = max((b for a, b in article.removed if a == 0), default=0)  # after front matter
    removed, breaks, headings = markup(text, body)
    title = article.title
    if headings and (title is None or _is_raw_line(text, title, headings[0])):
        title = _plain(text, headings[0], removed)
    elif title is not None and (at := text.find(title, body)) >= 0:
        title = _plain(text, (at, at + len(title)), removed) or title
    return dataclasses.replace(
        article,
        format="markdown",
        title=title,
        removed=tuple(_merge([*article.removed, *removed])),
        breaks=tuple(breaks),
    )


def _is_raw_line(text: str, title: str, heading: tuple[int, int]) -> bool:
    """True when the reader took the heading's line, marks and all, for the title."""
    line_start = text.rfind("\n", 0, heading[0]) + 1
    line_end = text.find("\n", heading[1])
    line = text[line_start : len(text) if line_end < 0 else line_end].strip()
    return title.strip() == line


def _plain(text: str, span: tuple[int, int], removed: list[tuple[int, int]]) -> str:
    """`text[span]` without the removed markup inside it."""
    a, b = span
    chars = [
        ch
        for i, ch in enumerate(text[a:b], a)
        if not any(s <= i < e for s, e in removed if s < b and e > a)
    ]
    return " ".join("".join(chars).split())
