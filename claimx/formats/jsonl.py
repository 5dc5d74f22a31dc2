"""Article collections in JSON Lines: one article per line, one fact sheet per line.

Research corpora and scrapers export `{"id": ..., "title": ..., "url": ..., "date": ...,
"text": ...}` per line. Field names are configurable (`--text-field body`, dotted
paths such as `meta.published` reach into nested objects). An article's path is
`file.jsonl#ID` (`file.jsonl#L12` for a line with no ID or a repeated one), and its
spans index its text field. A line that is not JSON, not an object or has no text
fails alone, named with its file and line; the other lines go on.
"""

from __future__ import annotations

import codecs
import dataclasses
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, BinaryIO

from claimx.errors import InputError
from claimx.reader import FIRST_YEAR, LAST_YEAR, Article, ArticleRules, read_article


@dataclass(frozen=True)
class JsonlFields:
    """Which field of a line holds what (dotted paths reach into nested objects)."""

    text: str = "text"
    id: str = "id"
    title: str = "title"
    url: str = "url"
    date: str = "date"
    author: str = "author"


def _lines(data: bytes | BinaryIO) -> Iterable[bytes]:
    if isinstance(data, bytes):
        return data.split(b"\n")
    return data  # a binary file iterates over its lines


def read_collection(
    data: bytes | BinaryIO,
    path: str,
    rules: ArticleRules,
    published: str | None,
    fields: JsonlFields,
) -> Iterator[tuple[str, Article | InputError]]:
    """`(file.jsonl#ID, Article or InputError)` per non-blank line, in order."""
    seen: dict[str, int] = {}
    for n, raw in enumerate(_lines(data), 1):
        line = raw.rstrip(b"\r\n")
        if n == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8) :]
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            row = _row(line, where)
            if n == 1 and "claimx" in row and "section" in row:
                yield path, InputError(path, "is a claimx fact sheet in JSON Lines, not articles")
                return
            article = _article(row, n, path, rules, published, fields, seen)
        except InputError as exc:
            yield where, exc
            continue
        yield article.path, article


def _row(line: bytes, where: str) -> dict[str, Any]:
    try:
        row = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except (json.JSONDecodeError, RecursionError) as exc:
        raise InputError(where, f"not a JSON line ({str(exc)[:80]})") from exc
    if not isinstance(row, dict):
        raise InputError(where, f"not a JSON object but {type(row).__name__}")
    return row


def _article(
    row: dict[str, Any],
    n: int,
    path: str,
    rules: ArticleRules,
    published: str | None,
    fields: JsonlFields,
    seen: dict[str, int],
) -> Article:
    where = f"{path}:{n}"
    text = _get(row, fields.text)
    if not isinstance(text, str) or not text.strip():
        found = "empty" if isinstance(text, str) else "missing" if text is None else "not text"
        raise InputError(where, f"no article text: field {fields.text!r} is {found}")
    warnings = []
    ident = _scalar(_get(row, fields.id))
    name = f"L{n}"
    if ident is not None and ident in seen:
        warnings.append(f"id {ident!r} repeats line {seen[ident]}: this one is named by its line")
    elif ident is not None:
        seen[ident] = n
        name = ident
    article = read_article(text.encode("utf-8"), f"{path}#{name}", rules, published)
    when, when_from = article.published, article.published_from
    given = _get(row, fields.date)
    if published is None and given is not None:
        iso, problem = _iso(given)
        if iso is None:
            warnings.append(f"field {fields.date!r} value {given!r} {problem}: ignored")
        else:
            when, when_from = iso, "field"
    return dataclasses.replace(
        article,
        format="jsonl",
        title=_scalar(_get(row, fields.title)) or article.title,
        url=_scalar(_get(row, fields.url)),
        author=_author(_get(row, fields.author)),
        published=when,
        published_from=when_from,
        warnings=(*article.warnings, *warnings),
    )


def _get(row: dict[str, Any], dotted: str) -> Any:
    value: Any = row
    for key in dotted.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _scalar(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None


def _author(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_author(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _scalar(value.get("name"))
    return _scalar(value)


def _iso(value: Any) -> tuple[str | None, str]:
    """(`2026-01-12` or `2026-01-12T08:06[:SS][Z]` as claimx writes publication dates, "")
    or (None, what is wrong); years are those a front-matter date may have."""
    text = str(value).strip()
    when: date
    try:
        when = date.fromisoformat(text)
    except ValueError:
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None, "is not a date"
    if not FIRST_YEAR <= when.year <= LAST_YEAR:
        return None, f"is out of range (years {FIRST_YEAR:04} to {LAST_YEAR})"
    if not isinstance(when, datetime):
        return when.isoformat(), ""
    if not (when.hour or when.minute or when.second):
        return when.date().isoformat(), ""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%S" if when.second else "%Y-%m-%dT%H:%M")
    return stamp + ("Z" if when.tzinfo is not None and not when.utcoffset() else ""), ""
