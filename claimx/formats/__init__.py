"""Input formats: which reader an input needs, and the articles it holds.

- plain text (`*.txt` and anything unknown): the file is the article;
- Markdown (`*.md`, `*.markdown`): markup is left out of the NLP copy, offsets still
  index the file (`claimx.formats.markdown`);
- HTML (`*.html`, `*.htm`): the page's main text and metadata, extracted by
  trafilatura; spans index that text (`claimx.formats.html`);
- JSON Lines collections (`*.jsonl`): one article per line (`claimx.formats.jsonl`).

`read_articles` turns one input's bytes into `(path, Article or InputError)` pairs:
one pair for a file, one per line for a collection, so that a bad line fails alone.
`nlp_text` makes the copy spaCy reads, with the paragraph breaks a format asks for.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from pathlib import PurePath
from typing import BinaryIO

from claimx.dates import DateRules
from claimx.errors import InputError
from claimx.formats.jsonl import JsonlFields
from claimx.reader import Article, ArticleRules, read_article
from claimx.text import MappedText, clean

__all__ = ["FORMATS", "JsonlFields", "format_of", "nlp_text", "read_articles", "words"]

# Suffix -> format name; every other file is read as plain text.
FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
}


def format_of(path: str) -> str:
    """`text`, `markdown`, `html` or `jsonl`, from the file name (`-`: see `read_articles`)."""
    return FORMATS.get(PurePath(path).suffix.lower(), "text")


_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)


def looks_like_html(data: bytes) -> bool:
    """Standard input that starts as a web page does (`<!DOCTYPE html>`, `<html>`)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    return _HTML_START.match(head) is not None


def looks_like_jsonl(data: bytes, fields: JsonlFields) -> bool:
    """Standard input whose first line is a JSON object with the text field."""
    first = data.lstrip()[:1_000_000].split(b"\n", 1)[0]
    if not first.startswith(b"{"):
        return False
    try:
        row = json.loads(first)
    except ValueError:
        return False
    return isinstance(row, dict) and fields.text.split(".")[0] in row


def read_articles(
    data: bytes | BinaryIO,
    path: str,
    rules: ArticleRules,
    published: str | None = None,
    fields: JsonlFields | None = None,
    dates: DateRules | None = None,
) -> Iterator[tuple[str, Article | InputError]]:
    """The articles in one input; a failure is yielded, never raised, per article.

    Standard input (`-`) is plain text, unless it starts as a web page does or its
    first line is a JSON object with the text field (a collection).

    `dates` (the date rules) lets text and Markdown files give their publication
    date in a byline or a front-matter key other than `date:`.
    """
    kind = format_of(path)
    fields = fields or JsonlFields()
    if path == "-" and isinstance(data, bytes):
        if looks_like_html(data):
            kind = "html"
        elif looks_like_jsonl(data, fields):
            kind = "jsonl"
    if kind == "jsonl":
        from claimx.formats.jsonl import read_collection

        yield from read_collection(data, path, rules, published, fields)
        return
    raw = data if isinstance(data, bytes) else data.read()
    try:
        if kind == "html":
            from claimx.formats.html import read_html

            article = read_html(raw, path, rules, published)
        elif kind == "markdown":
            from claimx.formats.markdown import read_markdown

            article = read_markdown(raw, path, rules, published, dates)
        else:
            article = read_article(raw, path, rules, published, dates)
    except InputError as exc:
        yield path, exc
        return
    yield path, article


def nlp_text(article: Article) -> MappedText:
    """The copy of `article.text` spaCy reads, mapped back to it character by character."""
    mapped = clean(article.text, article.removed)
    if not article.breaks:
        return mapped
    return with_breaks(mapped, article.breaks)


def with_breaks(mapped: MappedText, breaks: tuple[int, ...]) -> MappedText:
    """A blank line at each original offset in `breaks` (a heading's end, a block's).

    The line break there may have been dropped or joined into a space: the break is
    restored as two new lines, both mapped to the original's character there, so a
    heading is a paragraph of its own and never the start of the next sentence.
    """
    wanted = set(breaks)
    every = frozenset(breaks)
    chars: list[str] = []
    origin: list[int] = []
    text = mapped.text
    for i, ch in enumerate(text):
        pos = mapped.origin[i]
        if pos in wanted and ch.isspace():
            wanted.discard(pos)
            # Collapse the whitespace run that follows into the break.
            chars.extend("\n\n")
            origin.extend((pos, pos))
            continue
        if ch.isspace() and chars[-2:] == ["\n", "\n"] and origin[-1] in every:
            continue
        chars.append(ch)
        origin.append(pos)
    return MappedText("".join(chars), tuple(origin), mapped.original_length)


def words(article: Article, span: tuple[int, int]) -> str:
    """A record's `text`: `article.text[start:end]`, less Markdown markup inside it.

    For every format but Markdown this is exactly the text at the span. In a Markdown
    file, the markup characters inside the span (`**`, a link's `](url)`) are left
    out, so `**47** days` reads `47 days`; the span still indexes the file.
    """
    start, end = span
    if article.format != "markdown":
        return article.text[start:end]
    cuts = article.removed
    i = max(bisect.bisect_right(cuts, (start, start)) - 1, 0)
    out = []
    pos = start
    while pos < end:
        while i < len(cuts) and cuts[i][1] <= pos:
            i += 1
        if i < len(cuts) and cuts[i][0] <= pos:
            pos = cuts[i][1]
            continue
        stop = min(end, cuts[i][0]) if i < len(cuts) else end
        out.append(article.text[pos:stop])
        pos = stop
    return "".join(out)
