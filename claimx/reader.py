"""Reading an article: bytes to text, metadata, and what is page furniture.

Nothing here touches spaCy. `read_article` returns the decoded original (all
offsets index it), its metadata, the ranges that are not content, and any
warnings worth recording in the fact sheet.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import yaml

from claimx.errors import InputError


@dataclass(frozen=True)
class ArticleRules:
    # Regexes for a first line that carries the date (group `date`, ISO) and title (`title`).
    datelines: tuple[str, ...] = ()
    # strptime formats for a header line that is only a publication date or time.
    published_formats: tuple[str, ...] = ()
    # How many non-empty lines at the top may hold the dateline or date line.
    header_lines: int = 6
    # Regexes matched against a whole stripped line (case-insensitive): not content.
    furniture_lines: tuple[str, ...] = ()
    # Regexes for furniture inside a line, such as reference markers `[1][2]`.
    furniture_inline: tuple[str, ...] = ()
    # XPath expressions for parts of an HTML page that are never the article
    # (newsletter sign-ups, promos), removed before the main text is extracted.
    html_prune: tuple[str, ...] = ()


@dataclass(frozen=True)
class Article:
    path: str
    sha256: str
    text: str
    title: str | None = None
    url: str | None = None
    author: str | None = None
    site: str | None = None
    published: str | None = None
    published_from: str | None = None
    removed: tuple[tuple[int, int], ...] = ()
    warnings: tuple[str, ...] = field(default=())
    # Original offsets where the NLP copy must break into a new paragraph (headings).
    breaks: tuple[int, ...] = ()
    format: str = "text"  # text | markdown | html | jsonl: how `text` was read


def decode(data: bytes, path: str) -> tuple[str, list[str]]:
    """UTF-8 (BOM or not), UTF-16 with a BOM, else cp1252 with a warning."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), []
        except UnicodeDecodeError as exc:
            raise InputError(path, f"has a UTF-8 byte order mark but is not UTF-8 ({exc})") from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise InputError(
                path, f"has a UTF-16 byte order mark but is not UTF-16 ({exc})"
            ) from exc
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes), not an article")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        return text, ["not valid UTF-8: decoded as cp1252"]


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def read_article(
    data: bytes, path: str, rules: ArticleRules, published: str | None = None
) -> Article:
    """Decode `data` and find its metadata; `published` (from --date) wins over the text's."""
    sha = hashlib.sha256(data).hexdigest()
    text, warnings = decode(data, path)
    removed: list[tuple[int, int]] = []
    title = url = author = None
    found_date: str | None = None
    found_from: str | None = None

    body_start = 0
    fm = _FRONT_MATTER.match(text)
    if fm:
        body_start = fm.end()
        removed.append((0, fm.end()))
        meta = _front_matter(fm.group(1), warnings)
        title = _scalar(meta.get("title"))
        url = _scalar(meta.get("url"))
        author = _names(meta.get("author", meta.get("authors")))
        if meta.get("date") is not None:
            found_date = _iso(meta["date"])
            if found_date is None:
                warnings.append(f"front matter date {meta['date']!r} is not a date: ignored")
            else:
                found_from = "front-matter"

    furniture = [re.compile(p, re.I) for p in rules.furniture_lines]
    header_seen = 0
    for start, end in _lines(text, body_start):
        line = text[start:end]
        stripped = line.strip()
        if not stripped:
            continue
        if any(p.fullmatch(stripped) for p in furniture):
            removed.append((start, end))
            continue
        if header_seen < rules.header_lines:
            header_seen += 1
            hit = _dateline(stripped, rules)
            if hit is not None:
                when, rest = hit
                if found_date is None:
                    found_date, found_from = when, "dateline"
                if rest:
                    title = title or rest
                    # " date 2026-01-12 Title": the stamp is metadata, the title is news.
                    lead = line.index(rest)
                    removed.append((start, start + lead))
                else:
                    # A line that is only the time stamp is metadata, not news.
                    removed.append((start, end))
                    continue
        if title is None:
            title = stripped

    for pattern in rules.furniture_inline:
        for m in re.finditer(pattern, text[body_start:]):
            removed.append((body_start + m.start(), body_start + m.end()))

    if published is not None:
        found_date, found_from = published, "option"
    return Article(
        path=path,
        sha256=sha,
        text=text,
        title=title,
        url=url,
        author=author,
        published=found_date,
        published_from=found_from if found_date else None,
        removed=tuple(sorted(removed)),
        warnings=tuple(warnings),
    )


def _lines(text: str, start: int):
    pos = start
    while pos <= len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        yield pos, end
        if nl < 0:
            break
        pos = nl + 1


def _front_matter(block: str, warnings: list[str]) -> dict:
    try:
        meta = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        warnings.append(f"front matter is not valid YAML: ignored ({exc.__class__.__name__})")
        return {}
    if not isinstance(meta, dict):
        warnings.append("front matter is not a mapping: ignored")
        return {}
    return meta


def _scalar(value: object) -> str | None:
    return None if value is None else str(value)


def _names(value: object) -> str | None:
    """An author or a list of authors (`[A, B]` is `A, B`)."""
    if isinstance(value, list):
        names = [str(v).strip() for v in value if v is not None and str(v).strip()]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _scalar(value.get("name"))
    return _scalar(value)


def _iso(value: object) -> str | None:
    """A front-matter date as ISO text: `2026-01-12` or `2026-01-12T08:06`."""
    if isinstance(value, datetime):
        fmt = "%Y-%m-%dT%H:%M:%S" if value.second else "%Y-%m-%dT%H:%M"
        return value.strftime(fmt) + (
            "Z" if value.tzinfo is not None and not value.utcoffset() else ""
        )
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            return _iso(parse(text.replace("Z", "+00:00")))
        except ValueError:
            continue
    return None


def _dateline(line: str, rules: ArticleRules) -> tuple[str, str] | None:
    """(ISO date, rest of line) when `line` states the publication date."""
    for pattern in rules.datelines:
        m = re.fullmatch(pattern, line, re.I)
        if m:
            when = _iso(m.group("date"))
            if when:
                return when, (m.groupdict().get("title") or "").strip()
    for fmt in rules.published_formats:
        try:
            when = datetime.strptime(line, fmt)
        except ValueError:
            continue
        has_time = any(code in fmt for code in ("%H", "%I", "%M"))
        return (when.strftime("%Y-%m-%dT%H:%M") if has_time else when.date().isoformat()), ""
    return None


def validate_date_option(value: str) -> str:
    """--date must be an ISO date (or date and time)."""
    iso = _iso(value)
    if iso is None:
        raise ValueError(f"--date {value!r} is not an ISO date (YYYY-MM-DD)")
    return iso
