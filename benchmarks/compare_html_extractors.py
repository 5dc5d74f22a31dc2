"""Compare main-text extractors on saved-news-like pages built around the seed articles.

usage: python benchmarks/compare_html_extractors.py

Each seed's paragraphs are wrapped in three kinds of page (tests/pages.py: a public
broadcaster's, a newspaper's and a wire service's, with scripts, styles, JSON-LD,
navigation, cookie banners, captions, related links, inline advertising labels). For
every extractor installed (trafilatura, readability-lxml, jusText) it prints:

- paragraphs: how many of the article's paragraphs come out whole;
- furniture: how many furniture strings (tests/pages.FURNITURE) leak into the text;
- seconds for all pages.

`claimx` is trafilatura as claimx runs it (rules/articles.yaml's `html_prune` XPaths
before, its furniture lines after). claimx depends on trafilatura only; install
readability-lxml and jusText by hand to compare them.
"""

from __future__ import annotations

import html
import importlib.util
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pages import BUILDERS, FURNITURE  # noqa: E402


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def with_trafilatura(page: str) -> str:
    import trafilatura

    return (
        trafilatura.extract(page, include_comments=False, include_tables=False, deduplicate=False)
        or ""
    )


def with_readability(page: str) -> str:
    import lxml.html
    from readability import Document

    summary = lxml.html.fromstring(Document(page).summary())
    return "\n".join(p.text_content() for p in summary.iter("p", "h1", "h2", "li"))


def with_justext(page: str) -> str:
    import justext

    paras = justext.justext(page.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paras if not p.is_boilerplate)


def with_claimx(page: str) -> str:
    """What claimx reads: trafilatura with rules/articles.yaml's html_prune and furniture."""
    from claimx.formats.html import read_html
    from claimx.rules import cached_rules

    article = read_html(page.encode("utf-8"), "page.html", cached_rules().articles)
    kept, pos = [], 0
    for start, end in article.removed:
        kept.append(article.text[pos:start])
        pos = max(pos, end)
    return "".join(kept) + article.text[pos:]


EXTRACTORS: dict[str, tuple[str, Callable[[str], str]]] = {
    "claimx": ("trafilatura", with_claimx),
    "trafilatura": ("trafilatura", with_trafilatura),
    "readability-lxml": ("readability", with_readability),
    "jusText": ("justext", with_justext),
}


def seed_articles() -> list[tuple[Path, str, list[str]]]:
    out = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        lines = [line for line in lines if line]
        title = re.sub(r"^date \S+ ", "", lines[0])
        out.append((path, title, lines[1:]))
    return out


def seed_as_read(path: Path) -> list[str]:
    """The seed's paragraphs after its first line, as claimx reads the .txt file."""
    from claimx.reader import read_article
    from claimx.rules import cached_rules

    article = read_article(path.read_bytes(), str(path), cached_rules().articles)
    kept, pos = [], 0
    for start, end in article.removed:
        kept.append(article.text[pos:start])
        pos = max(pos, end)
    lines = [line.strip() for line in ("".join(kept) + article.text[pos:]).splitlines()]
    return [line for line in lines if line][1:]


def main() -> None:
    articles = seed_articles()
    print(f"{len(articles)} articles x {len(BUILDERS)} page kinds")
    print(f"{'extractor':18} {'paragraphs':>16} {'furniture':>10} {'seconds':>8}")
    for name, (module, run) in EXTRACTORS.items():
        if importlib.util.find_spec(module) is None:
            print(f"{name:18} not installed")
            continue
        found = total = leaked = 0
        started = time.perf_counter()
        for path, title, paragraphs in articles:
            body = " ".join(paragraphs)
            # claimx leaves page furniture out of any article, a .txt file too: what it
            # should find is what it reads from the seed file itself.
            wanted = seed_as_read(path) if name == "claimx" else paragraphs
            for build in BUILDERS.values():
                page = build(title, "2026-01-12T08:06:00Z", "Kim Min-ji", paragraphs)
                text = _norm(run(page))
                total += len(wanted)
                found += sum(_norm(p) in text for p in wanted)
                leaked += sum(f in text and f not in body for f in FURNITURE)
        seconds = time.perf_counter() - started
        print(f"{name:18} {found:>7}/{total:<8} {leaked:>10} {seconds:>8.2f}")


if __name__ == "__main__":
    main()
