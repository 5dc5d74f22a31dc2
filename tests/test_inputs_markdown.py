"""Markdown: markup left out of what the NLP reads, spans still index the file."""

import re

import pytest

from claimx.formats import nlp_text, words
from claimx.formats.markdown import markup, read_markdown
from tests.conftest import SEEDS

ARTICLE = """---
title: Strike ends after 47 days
date: 2026-03-02
author: [Ana Souza, Rui Lima]
url: https://example.com/strike
site: Folha do Sul
---
# Strike ends after 47 days

**PORTO ALEGRE, Brazil** — Workers at the plant voted on Monday to end a strike that
lasted **47** days, the [union](https://example.com/union "Union") said.

> "We got what we came for," said [Maria Lima](https://example.com/lima), the union's president.

> The city is quiet again.

What comes next
---------------
The company said it would rehire 1,200 workers by *April*.

![A picket line](https://example.com/a.jpg)

```
var total = 300;
```
"""


def nlp_copy(text: str) -> str:
    removed, _breaks, _headings = markup(text)
    out, pos = [], 0
    for a, b in removed:
        out.append(text[pos:a])
        pos = b
    return "".join(out) + text[pos:]


@pytest.mark.parametrize(
    "markdown, plain",
    [
        ("# Title", "Title"),
        ("## Section ##", "Section"),
        ("**47** workers", "47 workers"),
        ("__bold__ and _em_ and *em*", "bold and em and em"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("[the union](https://x.org/u) said", "the union said"),
        ("[the union][1] said", "the union said"),
        ("see <https://x.org>", "see https://x.org"),
        ("![a photo](a.jpg)The end", "The end"),
        ("`code` here", "code here"),
        ("~~old~~ new", "old new"),
        ("a footnote[^1].", "a footnote."),
        ("> quoted words", "quoted words"),
        ("> > nested", "nested"),
        ("- item one", "item one"),
        ("12. item twelve", "item twelve"),
        ("\\*not emphasis\\*", "*not emphasis*"),
        ("text <span class='x'>inside</span> tags", "text inside tags"),
        ("a <!-- hidden --> b", "a  b"),
        ("---", ""),
        ("[1]: https://x.org/u", ""),
        ("| a | b |", " a | b "),
        ("|---|:---:|", ""),
        ("```\ncode = 300\n```", "\n\n"),
        ("Title\n=====", "Title\n"),
    ],
)
def test_markup_left_out(markdown, plain):
    assert nlp_copy(markdown) == plain


def test_spans_index_the_file_and_text_has_no_markup(rules):
    article = read_markdown(ARTICLE.encode(), "a.md", rules.articles)
    mapped = nlp_text(article)
    for needle in ("**", "](", "![", "```", "300", "> ", "---", "#"):
        assert needle not in mapped.text, needle
    assert "lasted 47 days" in mapped.text
    start = mapped.text.index("47 days, the union")
    span = mapped.to_original(start, start + len("47 days"))
    assert ARTICLE[span.start : span.end] == "47** days"
    assert words(article, span) == "47 days"


def test_headings_are_paragraphs_of_their_own(rules):
    article = read_markdown(ARTICLE.encode(), "a.md", rules.articles)
    lines = nlp_text(article).text.split("\n")
    assert "Strike ends after 47 days" in lines
    assert "What comes next" in lines
    # The setext heading is followed directly by text in the file: a blank line in the copy.
    text = nlp_text(article).text
    assert "What comes next\n\nThe company" in text


def test_hard_wrapped_heading_is_not_joined(rules):
    text = "# A heading\nA first paragraph line that goes on\nand wraps here.\n\nAnother line.\n"
    text += "\n".join(["More words on a short line", "and more words.", ""] * 3)
    article = read_markdown(text.encode(), "w.md", rules.articles)
    assert nlp_text(article).text.startswith("A heading\n\nA first paragraph")


def test_front_matter_metadata(rules):
    article = read_markdown(ARTICLE.encode(), "a.md", rules.articles)
    assert article.format == "markdown"
    assert article.title == "Strike ends after 47 days"
    assert article.author == "Ana Souza, Rui Lima"
    assert article.url == "https://example.com/strike"
    assert article.site == "Folha do Sul"
    assert (article.published, article.published_from) == ("2026-03-02", "front-matter")


@pytest.mark.parametrize(
    "text, title",
    [
        ("# **Bold** title\n\nBody.", "Bold title"),
        ("Title line\n===\n\nBody.", "Title line"),
        ("Plain *first* line\n\nBody.", "Plain first line"),
    ],
)
def test_title_without_markup(text, title, rules):
    assert read_markdown(text.encode(), "t.md", rules.articles).title == title


def test_facts_from_markdown(extract_text_as):
    sheet = extract_text_as(ARTICLE, "a.md")
    quotes = {(q.kind, q.speaker, q.text) for q in sheet.quotes}
    assert ("direct", "Maria Lima", "We got what we came for,") in quotes
    # A blockquote that does not say whose is not a quote.
    assert not any("quiet" in q.text for q in sheet.quotes)
    figures = [f.text for f in sheet.figures]
    assert figures.count("47 days") == 2  # the heading once, the body once
    assert "1,200 workers" in figures
    assert not any(f.value == 300 for f in sheet.figures)  # in a code block
    for record in (*sheet.quotes, *sheet.dates, *sheet.figures):
        assert "*" not in record.text and "](" not in record.text


def as_markdown(seed: str, published: str | None) -> str:
    """A seed written as a Markdown article: front matter, H1, emphasis, links, a section."""
    lines = [line.strip() for line in seed.splitlines() if line.strip()]
    title = re.sub(r"^date \S+ ", "", lines[0])
    body = []
    for i, para in enumerate(lines[1:]):
        para = re.sub(r"\b(Lee Jae Myung|Takaichi)\b", r"**\1**", para)
        para = re.sub(r"\b(Japan)\b", r"[\1](https://en.wikipedia.org/wiki/Japan)", para, count=1)
        if i == 3:
            body.append("## Background")
        body.append(para)
    front = f'---\ntitle: "{title}"\ndate: {published}\nauthor: Kim Min-ji\n---\n'
    return front + f"# {title}\n\n" + "\n\n".join(body) + "\n"


def facts(sheet) -> set[tuple]:
    return (
        {("q", q.kind, q.speaker, q.text) for q in sheet.quotes}
        | {("d", d.text, d.value) for d in sheet.dates}
        | {("f", f.text, f.value, f.unit) for f in sheet.figures}
    )


@pytest.mark.parametrize("name", ["000_418a29abe9d5b535.txt", "001_9775a9a2b76a2485.txt"])
def test_same_facts_as_the_plain_text(name, seed_sheets, extract_text_as):
    seed = (SEEDS / name).read_text(encoding="utf-8")
    published = seed_sheets[name].source.published
    sheet = extract_text_as(as_markdown(seed, published), "seed.md")
    assert facts(sheet) == facts(seed_sheets[name])
    assert sheet.source.published_from == "front-matter"
