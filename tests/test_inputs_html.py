"""Saved web pages: only the article's words reach the sheet, with the page's metadata."""

import re

import pytest
import yaml
from typer.testing import CliRunner

from claimx.cli import app
from claimx.formats.html import decode_page, extract_page, page_text_of, read_html
from claimx.pipeline import find_inputs
from tests.conftest import SEEDS
from tests.pages import BUILDERS, FURNITURE

SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))


def seed_parts(name: str) -> tuple[str, list[str]]:
    lines = [line.strip() for line in (SEEDS / name).read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    return re.sub(r"^date \S+ ", "", lines[0]), lines[1:]


def page(kind: str, name: str = SEED_NAMES[0], published: str = "2026-01-12T08:06:00Z") -> str:
    title, paragraphs = seed_parts(name)
    return BUILDERS[kind](title, published, "Kim Min-ji", paragraphs)


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_only_the_article_text_is_read(kind, rules):
    text, _meta, _warnings = page_text_of(page(kind).encode(), "p.html", rules.articles)
    title, paragraphs = seed_parts(SEED_NAMES[0])
    assert text.startswith(title + "\n\n")
    for para in paragraphs:
        assert para in text
    article = read_html(page(kind).encode(), "p.html", rules.articles)
    kept = "".join(
        ch for i, ch in enumerate(article.text) if not any(a <= i < b for a, b in article.removed)
    )
    leaked = [f for f in FURNITURE if f in kept and f not in " ".join(paragraphs)]
    assert leaked == []
    assert "<" not in kept and "{" not in kept


@pytest.mark.parametrize(
    "kind, site, url",
    [
        ("bbc", "BBC News", "https://www.bbc.co.uk/news/articles/c0000000000o"),
        ("guardian", "The Guardian", "https://www.theguardian.com/world/2026/jan/12/seoul"),
        ("ap", "AP News", "https://apnews.com/article/seoul-tokyo-0123456789abcdef"),
    ],
)
def test_metadata_from_the_page(kind, site, url, rules):
    article = read_html(page(kind).encode(), "p.html", rules.articles)
    assert article.format == "html"
    assert article.title == seed_parts(SEED_NAMES[0])[0]
    assert article.author == "Kim Min-ji"
    assert article.site == site
    assert article.url == url
    assert (article.published, article.published_from) == ("2026-01-12", "page")


def test_date_option_wins_over_the_page(rules):
    article = read_html(page("bbc").encode(), "p.html", rules.articles, "2026-02-01")
    assert (article.published, article.published_from) == ("2026-02-01", "option")


@pytest.mark.parametrize(
    "data, expected",
    [
        ('<meta charset="iso-8859-1"><p>caf\xe9</p>'.encode("latin-1"), "café"),
        ('<meta charset="utf-8"><p>café</p>'.encode(), "café"),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
            "<p>\u201cyes\u201d</p>".encode("cp1252"),
            "\u201cyes\u201d",
        ),
    ],
)
def test_declared_charset(data, expected):
    text, warnings = decode_page(data, "p.html")
    assert expected in text and warnings == []


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<html><head><script>var x = 'He said \"no\"';</script></head><body></body></html>",
        "<html><head><style>p { margin: 0 0 1em; }</style></head><body></body></html>",
    ],
)
def test_a_page_without_article_text_fails_by_name(html, rules):
    from claimx.errors import InputError

    with pytest.raises(InputError, match=r"p\.html: no article text"):
        read_html(html.encode(), "p.html", rules.articles)


def test_nothing_from_scripts_styles_or_json_ld():
    meta = extract_page(page("bbc"))
    assert meta is not None
    for leak in ("gtag", "G-XYZ123", "margin:", "@context", "ReportageNewsArticle"):
        assert leak not in meta["text"]


def facts(sheet) -> set[tuple]:
    return (
        {("q", q.kind, q.speaker, q.text) for q in sheet.quotes}
        | {("d", d.text, d.value) for d in sheet.dates}
        | {("f", f.text, f.value, f.unit) for f in sheet.figures}
    )


@pytest.mark.parametrize("name", SEED_NAMES[:3])
def test_same_facts_as_the_plain_text(name, tmp_path, full_nlp, rules, seed_sheets):
    """A seed as three saved pages gives the seed's own quotes, dates and figures."""
    from claimx.pipeline import extract

    published = seed_sheets[name].source.published
    for kind in BUILDERS:
        (tmp_path / f"{kind}.html").write_text(page(kind, name, published or ""), "utf-8")
    results = list(extract(find_inputs([str(tmp_path)]), full_nlp, rules))
    assert [r.error for r in results] == [None] * len(BUILDERS)
    want = facts(seed_sheets[name])
    for result in results:
        assert facts(result.sheet) == want, result.input.path
        text = result.text
        for section in (result.sheet.quotes, result.sheet.dates, result.sheet.figures):
            for record in section:
                assert text[record.span[0] : record.span[1]] == record.text


def test_output_dir_has_the_text_the_spans_index(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "story.html").write_text(page("guardian"), "utf-8")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    sheet = yaml.safe_load((tmp_path / "out" / "story.yaml").read_text("utf-8"))
    text = (tmp_path / "out" / "story.txt").read_text("utf-8")
    assert sheet["source"]["format"] == "html"
    assert sheet["source"]["site"] == "The Guardian"
    records = sheet["quotes"] + sheet["dates"] + sheet["figures"]
    assert records
    for record in records:
        assert text[record["span"][0] : record["span"][1]] == record["text"]
    printed = CliRunner().invoke(app, ["text", str(tmp_path / "in" / "story.html")])
    assert printed.exit_code == 0
    assert printed.stdout == text


def test_a_page_on_standard_input_is_read_as_html():
    result = CliRunner().invoke(app, ["extract", "-", "--only", "dates"], input=page("bbc"))
    assert result.exit_code == 0, result.output
    (doc,) = [d for d in yaml.safe_load_all(result.stdout) if d]
    assert doc["source"]["format"] == "html" and doc["source"]["site"] == "BBC News"
    assert {d["text"] for d in doc["dates"]} >= {"Tuesday"}
