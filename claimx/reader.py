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
from typing import Any

from claimx.dates import DateRules
from claimx.errors import InputError
from claimx.published import Stamp, best, byline, parse_stamp
from claimx.rules import Regex
from claimx.safe_yaml import YamlLimitError, load_all


@dataclass(frozen=True)
class ArticleRules:
    # Regexes for a first line that carries the date (group `date`, ISO) and title (`title`).
    datelines: tuple[Regex, ...] = ()
    # strptime formats for a header line that is only a publication date or time.
    published_formats: tuple[str, ...] = ()
    # How many non-empty lines at the top may hold the dateline or date line.
    header_lines: int = 6
    # Regexes matched against a whole stripped line (case-insensitive): not content.
    furniture_lines: tuple[Regex, ...] = ()
    # Regexes for furniture inside a line, such as reference markers `[1][2]`.
    furniture_inline: tuple[Regex, ...] = ()
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
    """UTF-8 (BOM or not), UTF-32 or UTF-16 with a BOM, UTF-16 without one when its
    zero bytes say so (with a warning), else cp1252 with a warning."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), []
            except UnicodeDecodeError as exc:
                raise InputError(
                    path,
                    f"has a {codec.upper()} byte order mark but is not {codec.upper()} ({exc})",
                ) from exc
    if b"\x00" in data:
        guess = _utf16_without_bom(data)
        if guess is None:
            raise InputError(path, "binary file (contains NUL bytes), not an article")
        try:
            return data.decode(guess), [f"no byte order mark: decoded as {guess.upper()}"]
        except UnicodeDecodeError as exc:
            raise InputError(path, "binary file (contains NUL bytes), not an article") from exc
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        return text, ["not valid UTF-8: decoded as cp1252"]


# UTF-32's marks first: UTF-32 LE's begins with UTF-16 LE's.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the NUL bytes fall on one side of each pair, as
    they do in text of mostly Latin letters; None for anything else (binary)."""
    head = data[:8192]
    if len(head) < 4 or len(data) % 2:
        return None
    even = head[0::2].count(0) / (len(head) // 2)
    odd = head[1::2].count(0) / (len(head) // 2)
    if odd > 0.3 and even < 0.01:
        return "utf-16-le"
    if even > 0.3 and odd < 0.01:
        return "utf-16-be"
    return None


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def read_article(
    data: bytes,
    path: str,
    rules: ArticleRules,
    published: str | None = None,
    dates: DateRules | None = None,
) -> Article:
    """Decode `data` and find its metadata; `published` (from --date) wins over the text's.

    With `dates`, front-matter keys such as `published:` and `pubDate:` and bylines
    in the header ("Published 11:42 PM EST, March 22, 2024") give the date too.
    """
    text, warnings = decode(data, path)
    sha = hashlib.sha256(data).hexdigest()
    return _read(text, sha, path, rules, published, warnings, dates)


def _read(
    text: str,
    sha: str,
    path: str,
    rules: ArticleRules,
    published: str | None,
    warnings: list[str],
    dates: DateRules | None = None,
) -> Article:
    removed: list[tuple[int, int]] = []
    title = url = author = site = None
    found_date: str | None = None
    found_from: str | None = None

    body_start = 0
    fm = _FRONT_MATTER.match(text)
    if fm:
        body_start = fm.end()
        removed.append((0, fm.end()))
        meta = _front_matter(fm.group(1), warnings)
        title = _text_field(meta, "title", warnings)
        url = _text_field(meta, "url", warnings)
        author = _names(meta.get("author", meta.get("authors")))
        site = _text_field(meta, "site", warnings) or _text_field(meta, "publisher", warnings)
        # `date:`, or with the date rules `published:`, `pubDate:`, `datePublished:` ...
        keys = dates.front_matter_date_keys if dates is not None else ("date",)
        key = next((k for k in keys if meta.get(k) is not None), "date")
        given = _text_field(meta, key, warnings)
        if given is not None:
            found_date, problem = check_date(given)
            # "14 October 2025", an RFC 822 pubDate, an offset kept after the local time.
            written = parse_stamp(given, dates) if dates is not None else None
            if written is not None and FIRST_YEAR <= int(written[:4]) <= LAST_YEAR:
                found_date, problem = written, None
            if problem:
                warnings.append(f"front matter {key} {_clip(given)!r} {problem}: ignored")
            else:
                found_from = "front-matter"

    furniture = [re.compile(p, re.I) for p in rules.furniture_lines]
    header_seen = 0
    stamps: list[Stamp] = []
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
            printed = byline(stripped, dates) if hit is None and dates is not None else None
            if printed is not None:
                # "Published 11:42 PM EST, March 22, 2024": metadata, not news.
                stamps.append(printed)
                removed.append((start, end))
                continue
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

    first = best(stamps)
    if found_date is None and first is not None:
        found_date, found_from = first.value, "byline"
    if published is not None:
        found_date, found_from = published, "option"
    elif found_date is None and dates is not None:
        warnings.append(
            "no publication date found (no --date, front-matter date or byline): "
            "relative dates count only from a date the article itself gives"
        )
    return Article(
        path=path,
        sha256=sha,
        text=text,
        title=title,
        url=url,
        author=author,
        site=site,
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


# Front matter is read as text, within small budgets: it comes with the article.
FRONT_MATTER_DEPTH = 8


def _front_matter(block: str, warnings: list[str]) -> dict[str, Any]:
    try:
        docs = load_all(block, max_depth=FRONT_MATTER_DEPTH, typed=False)
    except YamlLimitError as exc:
        warnings.append(f"front matter ignored: {exc}")
        return {}
    meta = docs[0] if len(docs) == 1 else None
    if not isinstance(meta, dict):
        warnings.append("front matter is not a mapping: ignored")
        return {}
    return meta


def _text_field(meta: dict[str, Any], key: str, warnings: list[str]) -> str | None:
    value = meta.get(key)
    if value is None or isinstance(value, str):
        return value
    warnings.append(f"front matter {key} is not text: ignored")
    return None


def _names(value: object) -> str | None:
    """An author or a list of authors (`[A, B]` is `A, B`); front matter values are text."""
    if isinstance(value, list):
        names = [v.strip() for v in value if isinstance(v, str) and v.strip()]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) else None


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Years a publication date may have: date arithmetic ("a year later") stays in
# the calendar Python knows (years 1 to 9999).
FIRST_YEAR, LAST_YEAR = 2, 9998


def check_date(text: str) -> tuple[str | None, str | None]:
    """(ISO value, None) for a date or date and time, else (None, what is wrong).

    `2026-01-12`, `2026-01-12T08:06`, `2026-01-12 08:06:30`; a `Z` is kept, another
    offset dropped (the article's local time is what its words refer to).
    """
    value = text.strip()
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            when = parse(value.replace("Z", "+00:00"))
        except (ValueError, OverflowError):
            continue
        if not FIRST_YEAR <= when.year <= LAST_YEAR:
            return None, f"is out of range (years {FIRST_YEAR:04} to {LAST_YEAR})"
        return _iso(when), None
    return None, "is not a date"


def _iso(value: date) -> str:
    """A date as ISO text: `2026-01-12` or `2026-01-12T08:06`."""
    if isinstance(value, datetime):
        fmt = "%Y-%m-%dT%H:%M:%S" if value.second else "%Y-%m-%dT%H:%M"
        zulu = value.tzinfo is not None and not value.utcoffset()
        return value.strftime(fmt) + ("Z" if zulu else "")
    return value.isoformat()


def _dateline(line: str, rules: ArticleRules) -> tuple[str, str] | None:
    """(ISO date, rest of line) when `line` states the publication date."""
    for pattern in rules.datelines:
        m = re.fullmatch(pattern, line, re.I)
        if m:
            when, _problem = check_date(m.group("date"))
            if when:
                return when, (m.groupdict().get("title") or "").strip()
    for fmt in rules.published_formats:
        try:
            stamp = datetime.strptime(line, fmt)
        except ValueError:
            continue
        if not FIRST_YEAR <= stamp.year <= LAST_YEAR:
            continue
        has_time = any(code in fmt for code in ("%H", "%I", "%M"))
        return (stamp.strftime("%Y-%m-%dT%H:%M") if has_time else stamp.date().isoformat()), ""
    return None


def validate_date_option(value: str) -> str:
    """--date: an ISO date (or date and time) in range, without a time zone offset."""
    if not value.strip():
        raise ValueError("--date is empty: give the publication date as YYYY-MM-DD")
    when, problem = check_date(value)
    if problem or when is None:
        raise ValueError(f"--date {value!r} {problem or 'is not a date'} (give YYYY-MM-DD)")
    if re.search(r"[T ].*(?:[+-]\d\d(?::?\d\d)?|Z)$", value.strip()):
        raise ValueError(
            f"--date {value!r} has a time zone offset: give the article's local date and time"
        )
    return when
