"""Property tests: on generated news-like articles, every sheet keeps the contract.

Every span indexes the decoded original and `at` names its line and column;
IDs are unique; no YAML value is folded over lines; the sheet reads back equal
through claimx's own reader, as YAML and as JSON Lines.

A few hundred examples per run; `make fuzz` runs thousands
(CLAIMX_FUZZ_EXAMPLES).
"""

import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimx.model import ExtractorInfo, FactSheet, Figure, Quote, Source, Span
from claimx.pipeline import Input, extract
from claimx.sections import SECTIONS
from claimx.sheet import dump_jsonl, dump_yaml, load_sheets
from claimx.text import LineIndex

EXAMPLES = int(os.environ.get("CLAIMX_FUZZ_EXAMPLES", "0")) or None
FAST = settings(
    max_examples=EXAMPLES or 300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SLOW = settings(
    max_examples=EXAMPLES or 60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Characters that break naive readers and writers.
ODD = "\u0085\u2028\u2029\u00a0\u202f\u200b\ufeff\u00ad\u202e\u2066\t\x0b\x0c\x1b\x7f"
ODD += "\u0301é漢😀\U0010fffd"
MARKS = ['"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "\u00ab", "\u00bb", "``", "''", "\u201e"]
NAMES = ["Lee Won-deog", "Ana Lopez", "Choi Eun-mi", "the minister", "She", "Mr. Park", "Reuters"]
CUES = ["said", "says", "told reporters", "added", "noted", "according to", "warned"]
DATES = [
    "Tuesday",
    "on Jan. 14, 2026",
    "last year",
    "in March",
    "2026-01-12",
    "Dec. 31, 9999",
    "year 0001",
    "Feb 30, 2026",
    "13/45/2026",
    "the 1990s",
    "next week",
]
NUMBERS = [
    "$4 million",
    "183 workers",
    "about 12%",
    "1,000,000",
    "nearly 3.5 billion won",
    "-7",
    "1e999",
    "half",
]


def _piece() -> st.SearchStrategy[str]:
    # No NUL: a text file with one is refused as binary, rightly (tests/test_reader.py).
    words = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)
    odd = st.text(alphabet=ODD, min_size=1, max_size=3)
    quote = st.builds(
        lambda o, body, c, n, cue: f"{o}{body},{c} {n} {cue}.",
        st.sampled_from(MARKS),
        st.sampled_from(["We will reopen the bridge", "it is not enough", "", "no\ncomment"]),
        st.sampled_from(MARKS),
        st.sampled_from(NAMES),
        st.sampled_from(CUES),
    )
    indirect = st.builds(
        lambda n, cue, d, x: f"{n} {cue} the plan would cost {x} {d}.",
        st.sampled_from(NAMES),
        st.sampled_from(CUES),
        st.sampled_from(DATES),
        st.sampled_from(NUMBERS),
    )
    return st.one_of(quote, indirect, words, odd, st.sampled_from(MARKS + DATES + NUMBERS))


def _front_matter() -> st.SearchStrategy[str]:
    value = st.one_of(
        st.sampled_from(
            ["2026-01-12", "2026-01-12T25:00:00", "2026-13-45", "0001-01-01", "9999-12-31"]
        ),
        st.sampled_from(["[unclosed", "&a [*a, *a]", "{a: {b: {c: [1]}}}", "'quoted'", "yes"]),
        st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\r\n\x00"), max_size=20),
    )
    return st.builds(
        lambda t, d, u: f"---\ntitle: {t}\ndate: {d}\nurl: {u}\n---\n",
        value,
        value,
        value,
    )


SEPARATORS = st.sampled_from([" ", "\n", "\n\n", "\r\n", "\r", "\r\n\r\n", "\u2028"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"])


@st.composite
def articles(draw) -> tuple[bytes, str]:
    parts = draw(st.lists(_piece(), min_size=1, max_size=12))
    seps = draw(st.lists(SEPARATORS, min_size=len(parts), max_size=len(parts)))
    body = "".join(p + s for p, s in zip(parts, seps, strict=True))
    head = draw(st.one_of(st.just(""), _front_matter(), st.just(" date 2026-01-12 Seoul talks\n")))
    text = head + body
    encoding = draw(ENCODINGS)
    data = text.encode(encoding, errors="replace" if encoding == "cp1252" else "surrogatepass")
    return data, encoding


class _Bytes(Input):
    def read(self, stdin=None, max_bytes=None):
        return self.file_bytes


def _input(data: bytes) -> Input:
    item = _Bytes("gen/article.txt", Path("article.txt"))
    object.__setattr__(item, "file_bytes", data)
    return item


_LINE = re.compile(r"---|( *)(- )?[a-z_0-9]+:( .*)?|( *)- .*")


def check_contract(sheet: FactSheet, original: str) -> None:
    lines = LineIndex(original)
    ids = [r.id for name in SECTIONS for r in sheet.records[name]]
    assert len(ids) == len(set(ids)), ids
    for name, section in SECTIONS.items():
        for record in sheet.records[name]:
            start, end = record.span
            assert original[start:end] == record.text
            line, col = lines.line_col(start)
            assert record.at == f"{sheet.source.path}:{line}:{col}"
            for field in section.span_fields:
                span = getattr(record, field)
                if span is not None and field != "span":
                    assert original[span[0] : span[1]] == getattr(record, field[: -len("_span")])


def check_round_trip(sheet: FactSheet) -> None:
    text = dump_yaml(sheet)
    for line in text.split("\n")[:-1]:
        assert _LINE.fullmatch(line), f"folded value: {line!r}"
    with tempfile.TemporaryDirectory() as tmp:
        for suffix, dump in ((".yaml", dump_yaml), (".jsonl", dump_jsonl)):
            path = Path(tmp) / f"sheet{suffix}"
            path.write_text(dump(sheet), encoding="utf-8", newline="\n")
            assert list(load_sheets(path)) == [sheet]


@SLOW
@given(article=articles())
def test_generated_articles_keep_the_contract(full_nlp, rules, article):
    data, _encoding = article
    (result,) = extract([_input(data)], full_nlp, rules)
    assert result.sheet is not None, result.error
    assert result.problems == ()
    check_contract(result.sheet, result.text)
    check_round_trip(result.sheet)


# The writer and reader alone, on any text at all.

TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
SPAN = st.builds(
    lambda a, b: Span(min(a, b), max(a, b)), st.integers(0, 10**6), st.integers(0, 10**6)
)


@FAST
@given(
    title=st.one_of(st.none(), TEXT),
    text=TEXT,
    speaker=st.one_of(st.none(), TEXT),
    value=st.one_of(st.integers(-(10**15), 10**15), st.floats(allow_nan=False)),
    warnings=st.lists(TEXT, max_size=3),
    span=SPAN,
)
def test_any_values_read_back_equal(title, text, speaker, value, warnings, span):
    sheet = FactSheet(
        source=Source(path=text or "-", sha256="0" * 64, title=title, published="2026-01-12"),
        extractor=ExtractorInfo(version="0.1.0", model="m", rules="r"),
        quotes=(Quote(id="q-1", kind="direct", speaker=speaker, text=text, span=span, at="a:1:1"),),
        figures=(Figure(id="f-1", text=text, value=value, span=span, at="a:1:1"),),
        warnings=tuple(warnings),
    )
    check_round_trip(sheet)
