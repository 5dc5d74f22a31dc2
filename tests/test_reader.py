import codecs

import pytest

from claimx.errors import InputError
from claimx.reader import decode, read_article, validate_date_option
from claimx.text import LineIndex, clean


@pytest.mark.parametrize(
    "data, text, warned",
    [
        (b"plain", "plain", False),
        (codecs.BOM_UTF8 + "caf\u00e9".encode(), "caf\u00e9", False),
        ("\u201cHi,\u201d he said".encode("utf-16"), "\u201cHi,\u201d he said", False),
        ("\u201cHi,\u201d he said".encode("cp1252"), "\u201cHi,\u201d he said", True),
        (b"", "", False),
    ],
)
def test_decode(data, text, warned):
    got, warnings = decode(data, "a.txt")
    assert got == text
    assert bool(warnings) is warned


def test_binary_is_refused_with_its_name():
    with pytest.raises(InputError, match=r"b\.bin: binary file"):
        decode(b"\x89PNG\x00\x00\x01", "b.bin")


@pytest.mark.parametrize(
    "text, title, published, source",
    [
        (
            " date 2026-01-12 Seoul eyes talks\n\nBody.",
            "Seoul eyes talks",
            "2026-01-12",
            "dateline",
        ),
        (
            "Korea, Japan agree\n\nJan 14, 2026, 08:06 am\n\nBody.",
            "Korea, Japan agree",
            "2026-01-14T08:06",
            "dateline",
        ),
        (
            "---\ntitle: Front\ndate: 2025-03-04\nurl: https://x.test/a\n---\nBody text.",
            "Front",
            "2025-03-04",
            "front-matter",
        ),
        ("Top Headlines\n\nFeeds\n\nThe real title\n\nBody.", "The real title", None, None),
        ("No date here.\nSecond line.", "No date here.", None, None),
    ],
)
def test_metadata(rules, text, title, published, source):
    article = read_article(text.encode(), "a.txt", rules.articles)
    assert (article.title, article.published, article.published_from) == (title, published, source)


def test_dateline_stamp_is_metadata_title_is_content(rules):
    article = read_article(b" date 2026-01-12 Seoul eyes talks\n\nBody.", "a.txt", rules.articles)
    text = clean(article.text, article.removed).text
    assert "2026" not in text
    assert text.startswith("Seoul eyes talks")


def test_time_stamp_line_is_metadata_not_content(rules):
    article = read_article(b"Title\n\nJan 14, 2026, 08:06 am\n\nBody.", "a.txt", rules.articles)
    assert "08:06" not in clean(article.text, article.removed).text


def test_date_option_wins(rules):
    article = read_article(b" date 2026-01-12 T\n\nBody.", "a.txt", rules.articles, "2020-05-06")
    assert (article.published, article.published_from) == ("2020-05-06", "option")


def test_bad_front_matter_is_a_warning_not_a_failure(rules):
    article = read_article(b"---\ntitle: [unclosed\n---\nBody.", "a.txt", rules.articles)
    assert any("front matter" in w for w in article.warnings)


def test_furniture_is_removed_from_the_nlp_text(rules):
    text = "Title\n\nfacebook share\n\nLee said so [1][2]. Next.\n#Korea #Japan\nCopyright by X"
    article = read_article(text.encode(), "a.txt", rules.articles)
    mapped = clean(article.text, article.removed)
    assert "facebook" not in mapped.text
    assert "[1]" not in mapped.text
    assert "#Korea" not in mapped.text
    assert "Copyright" not in mapped.text
    assert "Lee said so. Next." in mapped.text


def test_clean_maps_every_span_back_to_the_original():
    original = "Lee\u00a0Jae\u2011myung said\r\n\u201cyes\u200b sir\u201d and ``no''."
    mapped = clean(original)
    assert mapped.text == 'Lee Jae-myung said\n\u201cyes sir\u201d and "no".'
    start = mapped.text.index("yes sir")
    span = mapped.to_original(start, start + len("yes sir"))
    assert original[span.start : span.end] == "yes\u200b sir"
    start = mapped.text.index("no")
    assert original[slice(*mapped.to_original(start, start + 2))] == "no"


def test_hard_wrapped_paragraphs_are_joined_for_the_nlp():
    para = "The mayor said on Monday that the\nbridge would reopen in the spring,\nafter repairs."
    original = "\n\n".join([para] * 3)
    mapped = clean(original)
    assert mapped.text.split("\n\n")[0] == para.replace("\n", " ")
    assert len(mapped.text) == len(original)


def test_unwrapped_text_keeps_its_lines():
    original = "Headline\nUpdated (2 articles)\nA long paragraph " + "word " * 30
    assert clean(original).text == original


def test_line_index():
    index = LineIndex("ab\ncd\n\nef")
    assert [index.line_col(i) for i in (0, 1, 3, 7)] == [(1, 1), (1, 2), (2, 1), (4, 1)]


def test_line_index_counts_every_kind_of_line_end():
    index = LineIndex("a\r\nb\rc\nd")
    assert [index.line_col(i) for i in (0, 3, 5, 7)] == [(1, 1), (2, 1), (3, 1), (4, 1)]


def test_a_lone_cr_ends_a_line_for_the_nlp_too():
    mapped = clean("Title\rLee said so.\r")
    assert mapped.text == "Title\nLee said so.\n"
    assert mapped.to_original(5, 6) == (5, 6)


@pytest.mark.parametrize(
    "data, text, warning",
    [
        ("\u201cHi,\u201d he said".encode("utf-32"), "\u201cHi,\u201d he said", None),
        (codecs.BOM_UTF32_BE + "Hi".encode("utf-32-be"), "Hi", None),
        ("Lee said hello.".encode("utf-16-le"), "Lee said hello.", "UTF-16-LE"),
        ("Lee said hello.".encode("utf-16-be"), "Lee said hello.", "UTF-16-BE"),
    ],
)
def test_utf32_by_bom_and_utf16_without_one(data, text, warning):
    got, warnings = decode(data, "a.txt")
    assert got == text
    assert [w for w in warnings if warning and warning in w] == warnings


def _laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines)


@pytest.mark.parametrize(
    "front, warning",
    [
        ("date: 2026-01-12T25:00:00", "front matter date '2026-01-12T25:00:00' is not a date"),
        ("date: 2026-13-45", "is not a date"),
        ("date: 0001-01-01", "is out of range"),
        ("date: 9999-12-31", "is out of range"),
        ("title: [a, b]", "front matter title is not text"),
        (_laughs(), "aliases expand beyond the size of the text"),
        ("x: " + "[" * 50_000 + "]" * 50_000, "nested deeper than"),
        ("date: !!python/object/apply:os.system ['true']", "not allowed"),
    ],
)
def test_bad_front_matter_costs_the_article_nothing_but_a_warning(rules, front, warning):
    data = f"---\n{front}\n---\nLee said the bridge reopened.\n".encode()
    article = read_article(data, "a.txt", rules.articles)
    assert any(warning in w for w in article.warnings), article.warnings
    assert article.published is None
    assert "Lee said the bridge reopened." in clean(article.text, article.removed).text


@pytest.mark.parametrize(
    "front, published",
    [
        ("date: 2025-03-04", "2025-03-04"),
        ("date: '2025-03-04'", "2025-03-04"),
        ("date: 2026-01-14 08:06", "2026-01-14T08:06"),
        ("date: 2026-01-14T08:06:30Z", "2026-01-14T08:06:30Z"),
        ("date: 2026-01-14T08:06:00+09:00", "2026-01-14T08:06"),
    ],
)
def test_front_matter_dates_are_read_as_text_and_checked(rules, front, published):
    article = read_article(f"---\n{front}\n---\nBody.".encode(), "a.txt", rules.articles)
    assert article.published == published
    assert article.warnings == ()


@pytest.mark.parametrize(
    "value, message",
    [
        ("", "is empty"),
        ("  ", "is empty"),
        ("9999-12-31", "out of range"),
        ("0001-01-01", "out of range"),
        ("2026-02-30", "is not a date"),
        ("2026-01-12T08:00+09:00", "time zone offset"),
        ("2026-01-12T08:00Z", "time zone offset"),
    ],
)
def test_date_option_is_checked(value, message):
    with pytest.raises(ValueError, match=message):
        validate_date_option(value)
