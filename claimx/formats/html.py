"""Saved web pages: the article's main text and its metadata, by trafilatura.

trafilatura (with htmldate for the publication date) finds the main text of a page
and leaves out navigation, scripts, styles, cookie banners, captions and related
links; claimx compared it with readability-lxml and jusText on pages built like real
news sites (benchmarks/compare_html_extractors.py; README, "Why trafilatura for HTML").

The text claimx reads is the headline, a blank line, then the main text's paragraphs
separated by blank lines. Every span of the sheet indexes that text, not the HTML:
`claimx text PAGE.html` prints it and `extract -o DIR` writes it beside the sheet.
The page's own furniture lines (rules/articles.yaml) are then left out as for any
article, and `html_prune` XPath expressions remove promos trafilatura would keep.

trafilatura is imported on the first page read, so the rest of claimx starts fast.
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import logging
import re
from datetime import date
from typing import Any

from claimx.errors import InputError
from claimx.reader import Article, ArticleRules, decode, read_article

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_page(data: bytes, path: str) -> tuple[str, list[str]]:
    """A byte order mark, else the page's `<meta charset>`, else UTF-8 or cp1252."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, path)
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace")
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = None
        if codec is not None and codec != "utf-8":
            text = data.decode(codec, errors="replace")
            bad = ["page is not valid " + name + ": some characters replaced"]
            return text, bad if "\ufffd" in text and b"\xef\xbf\xbd" not in data else []
    return decode(data, path)


def extract_page(page: str, prune: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """trafilatura's main text and metadata of one page, or None when it finds no text."""
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    from trafilatura import bare_extraction

    found: Any = bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
        prune_xpath=list(prune) or None,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if found is None:
        return None
    get = found.get if isinstance(found, dict) else lambda key: getattr(found, key, None)
    return {key: get(key) for key in ("text", "title", "author", "date", "url", "sitename")}


def page_text(title: str | None, body: str) -> str:
    """The headline, then one paragraph per line of trafilatura's text, blank-line separated."""
    paragraphs = [line.strip() for line in body.split("\n") if line.strip()]
    if title and (not paragraphs or paragraphs[0] != title.strip()):
        paragraphs.insert(0, title.strip())
    return "\n\n".join(paragraphs) + "\n"


def page_text_of(data: bytes, path: str, rules: ArticleRules) -> tuple[str, dict, list[str]]:
    """The text claimx reads from a page, its metadata and the decoding warnings."""
    page, warnings = decode_page(data, path)
    try:
        meta = extract_page(page, tuple(getattr(rules, "html_prune", ())))
    except Exception as exc:  # a parser failure on one page fails that page only
        raise InputError(path, f"cannot read the HTML page ({exc.__class__.__name__})") from exc
    if meta is None or not (meta.get("text") or "").strip():
        raise InputError(path, "no article text found in the HTML page")
    title = _clean(meta.get("title"))
    return page_text(title, meta["text"]), meta, warnings


def read_html(data: bytes, path: str, rules: ArticleRules, published: str | None = None) -> Article:
    """An Article whose text is the page's main text; metadata from the page."""
    text, meta, warnings = page_text_of(data, path, rules)
    article = read_article(text.encode("utf-8"), path, rules, published)
    page_date = _date(meta.get("date"))
    when, when_from = article.published, article.published_from
    if published is None and page_date is not None:
        when, when_from = page_date, "page"
    return dataclasses.replace(
        article,
        sha256=hashlib.sha256(data).hexdigest(),
        format="html",
        title=_clean(meta.get("title")) or article.title,
        author=_clean(meta.get("author")),
        site=_clean(meta.get("sitename")),
        url=_clean(meta.get("url")),
        published=when,
        published_from=when_from,
        warnings=(*warnings, *article.warnings),
    )


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value)).strip()
    return text or None


def _date(value: object) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None
