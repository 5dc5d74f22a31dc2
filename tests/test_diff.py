"""`claimx diff`: pairing claims across versions, folding dependent records, the CLI.

The CLI tests run real extraction on edited copies of the seeds
(tests/data/diff/README.md lists the edits); spaCy loads once per process
(`pipeline.load_pipeline` is cached), and each article pair is extracted once per module.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from rich.console import Console
from typer.testing import CliRunner

from claimx.cli import app
from claimx.diff import (
    ArticleDiff,
    Change,
    Entry,
    Extractor,
    Report,
    SheetDiff,
    diff_sheets,
    render_text,
    render_yaml,
    word_diff,
)
from claimx.model import (
    DateMention,
    ExtractorInfo,
    FactSheet,
    Figure,
    Quote,
    Source,
    Span,
    content_id,
    record_identity,
)
from claimx.sheet import dump_jsonl, dump_yaml

DATA = Path(__file__).resolve().parent / "data" / "diff"
V1, V2 = DATA / "v1" / "article.txt", DATA / "v2" / "article.txt"
runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, ["diff", *map(str, args)])


def run_yaml(*args: object) -> tuple[object, dict]:
    result = run(*args, "--format", "yaml")
    assert result.exit_code in (0, 1), result.output
    return result, yaml.safe_load(result.stdout)


# Hand-built fact sheets


def with_ids(section: str, records: list) -> tuple:
    return tuple(
        dataclasses.replace(r, id=content_id(section, *record_identity(section, r)))
        for r in records
    )


def quote(text: str, start: int, speaker: str | None = "Ann Lee", **kw) -> Quote:
    mention = kw.pop("mention", speaker.split()[-1] if speaker else None)
    mention_span = kw.pop("mention_span", Span(start + len(text) + 2, start + len(text) + 6))
    return Quote(
        kind=kw.pop("kind", "direct"),
        speaker=speaker,
        mention=mention,
        mention_span=mention_span if mention else None,
        cue=kw.pop("cue", "said"),
        text=text,
        span=Span(start, start + len(text)),
        at=f"a.txt:{start}:1",
        **kw,
    )


def figure(text: str, value: float, start: int, unit: str | None = "workers", **kw) -> Figure:
    return Figure(
        text=text,
        value=value,
        unit=unit,
        span=Span(start, start + len(text)),
        at=f"a.txt:{start}:1",
        **kw,
    )


def date(text: str, value: str, start: int) -> DateMention:
    return DateMention(
        text=text,
        value=value,
        anchor="absolute",
        span=Span(start, start + len(text)),
        at=f"a.txt:{start}:1",
    )


def sheet(quotes=(), dates=(), figures=(), rules: str = "r1", path: str = "a.txt") -> FactSheet:
    return FactSheet(
        source=Source(path=path, sha256="0" * 64),
        extractor=ExtractorInfo(version="0.1.0", model="en_core_web_sm 3.8.0", rules=rules),
        quotes=with_ids("quotes", list(quotes)),
        dates=with_ids("dates", list(dates)),
        figures=with_ids("figures", list(figures)),
    )


def shifted(records, by: int) -> list:
    """The records after a paragraph above them moved: new spans and `at`, same claims."""
    out = []
    for r in records:
        changes = {"span": Span(r.span.start + by, r.span.end + by), "at": f"a.txt:{by}:9"}
        if getattr(r, "mention_span", None) is not None:
            changes["mention_span"] = Span(r.mention_span.start + by, r.mention_span.end + by)
        out.append(dataclasses.replace(r, **changes))
    return out


def summary(diff: SheetDiff) -> set[tuple[str, str, tuple[str, ...]]]:
    return (
        {("added", e.section, ()) for e in diff.added}
        | {("removed", e.section, ()) for e in diff.removed}
        | {("changed", c.section, c.fields) for c in diff.changed}
    )


QUOTES = [
    quote("We will rebuild the tunnel and recover every one of the remains.", 100),
    quote("The talks were long but they were useful for both sides.", 300, "Bo Kim"),
    quote("Nobody expected the pact to pass this quickly.", 500, "Cy Park"),
]
FIGURES = [
    figure("183 workers", 183, 700, about="kill"),
    figure("12 economies", 12, 800, unit="economies"),
]
DATES = [date("Jan. 23", "2026-01-23", 750), date("1945", "1945", 900)]


def test_moved_records_are_the_same_facts():
    old = sheet(QUOTES, DATES, FIGURES)
    new = sheet(shifted(QUOTES, 40), shifted(DATES, -20), shifted(FIGURES, 5))
    assert diff_sheets(old, new).same


def test_rewrapped_and_restyled_quote_is_the_same():
    old = sheet([quote("We will rebuild the tunnel and recover every one of the remains.", 100)])
    new = sheet([quote("We will rebuild the tunnel\nand recover every one of the remains", 100)])
    assert diff_sheets(old, new).same


def test_reworded_quote_same_speaker_is_a_text_change():
    new_q = quote("We will rebuild the mine and recover all of the remains.", 100)
    diff = diff_sheets(sheet(QUOTES), sheet([new_q, *QUOTES[1:]]))
    assert summary(diff) == {("changed", "quotes", ("text",))}
    assert diff.changed[0].old.text.startswith("We will rebuild the tunnel")


def test_same_words_another_speaker_is_a_reattribution():
    moved = quote(QUOTES[1].text, 300, "Dee Choi")
    diff = diff_sheets(sheet(QUOTES), sheet([QUOTES[0], moved, QUOTES[2]]))
    assert summary(diff) == {("changed", "quotes", ("speaker", "mention"))}
    change = diff.changed[0]
    assert (change.old.speaker, change.new.speaker) == ("Bo Kim", "Dee Choi")


def test_other_words_by_another_speaker_are_added_and_removed():
    other = quote("Prices of coal will fall sharply next winter.", 300, "Dee Choi")
    diff = diff_sheets(sheet(QUOTES), sheet([QUOTES[0], other, QUOTES[2]]))
    assert summary(diff) == {("added", "quotes", ()), ("removed", "quotes", ())}
    assert diff.added[0].record.speaker == "Dee Choi"
    assert diff.removed[0].record.speaker == "Bo Kim"


def test_figure_value_change_paired_by_its_neighbours():
    new_f = figure("185 workers", 185, 700, about="kill")
    diff = diff_sheets(sheet(QUOTES, DATES, FIGURES), sheet(QUOTES, DATES, [new_f, FIGURES[1]]))
    assert summary(diff) == {("changed", "figures", ("text", "value"))}


def around(sentence: str, claim, speaker: str = "Media"):
    """An indirect quote holding `claim`: the words a sheet shows around it."""
    start = claim.span.start - sentence.index(claim.text)
    return quote(sentence, start, speaker, kind="indirect")


def test_figure_with_the_same_unit_elsewhere_is_not_a_change():
    old_f = figure("183 workers", 183, 116)
    new_f = figure("40 workers", 40, 416)
    old = sheet([around("Flooding killed 183 workers at the mine in 1942", old_f)], figures=[old_f])
    new = sheet(
        [around("The union now counts 40 workers on strike over pay in Seoul", new_f)],
        figures=[new_f],
    )
    diff = diff_sheets(old, new)
    assert summary(diff) == {("added", "quotes", ()), ("removed", "quotes", ())}


def test_date_change_paired_by_its_sentence():
    sentence = "Takaichi may dissolve the house after the Diet opens on Jan. {}"
    old_d = date("Jan. 23", "2026-01-23", 200)
    new_d = date("Jan. 26", "2026-01-26", 200)
    old = sheet([around(sentence.format(23), old_d)], [old_d])
    new = sheet([around(sentence.format(26), new_d)], [new_d])
    diff = diff_sheets(old, new)
    assert summary(diff) == {("changed", "dates", ("text", "value"))}


def test_date_change_paired_by_its_place_between_unchanged_claims():
    # No words around it in the sheet: the same records before and after it say
    # where it stands.
    old_d, new_d = date("Jan. 23", "2026-01-23", 400), date("Jan. 26", "2026-01-26", 400)
    diff = diff_sheets(sheet(QUOTES, [old_d]), sheet(QUOTES, [new_d]))
    assert summary(diff) == {("changed", "dates", ("text", "value"))}


def test_dates_in_unrelated_places_are_not_paired():
    old_d, new_d = date("Jan. 23", "2026-01-23", 50), date("Jan. 26", "2026-01-26", 900)
    diff = diff_sheets(sheet(QUOTES, [old_d]), sheet(QUOTES, [new_d]))
    assert summary(diff) == {("added", "dates", ()), ("removed", "dates", ())}


def test_repeated_claim_loses_the_occurrence_whose_sentence_went():
    first, second = date("1945", "1945", 116), date("1945", "1945", 416)
    war = around("The war ended in 1945 after the bombings of two cities", first)
    ships = around("Ships sank near the coast in 1945 while carrying workers home", second)
    moved = date("1945", "1945", 116 + 27)
    diff = diff_sheets(
        sheet([war, ships], [first, second]),
        sheet(shifted([ships], -273), [moved]),
    )
    assert summary(diff) == {("removed", "quotes", ())}
    assert [e.record.span.start for e in diff.removed[0].also] == [first.span.start]


def test_continuation_follows_its_reattributed_attribution():
    # `"A," Bo said. "B."`: both records share the mention; one edit reattributes both.
    mention = Span(160, 162)
    a = quote(
        "The talks were long but they were useful for both sides.",
        100,
        "Bo Kim",
        mention="Kim",
        mention_span=mention,
    )
    b = quote("We meet again in spring to settle the rest.", 170, "Bo Kim", mention=None, cue=None)
    a2 = dataclasses.replace(a, speaker="Dee Choi", mention="Choi")
    b2 = dataclasses.replace(b, speaker="Dee Choi")
    diff = diff_sheets(sheet([a, b]), sheet([a2, b2]))
    assert summary(diff) == {("changed", "quotes", ("speaker", "mention"))}
    (change,) = diff.changed
    assert change.new.text == a2.text
    assert [c.new.text for c in change.also] == [b2.text]


def test_removed_attribution_takes_its_continuation_along():
    a = quote("The talks were long but they were useful for both sides.", 100, "Bo Kim")
    b = quote("We meet again in spring to settle the rest.", 170, "Bo Kim", mention=None, cue=None)
    diff = diff_sheets(sheet([QUOTES[0], a, b]), sheet([QUOTES[0]]))
    assert summary(diff) == {("removed", "quotes", ())}
    assert [e.record.text for e in diff.removed[0].also] == [b.text]


def test_quote_added_under_an_old_attribution_stays_visible():
    a = quote("The talks were long but they were useful for both sides.", 100, "Bo Kim")
    b = quote("We meet again in spring to settle the rest.", 170, "Bo Kim", mention=None, cue=None)
    diff = diff_sheets(sheet([a]), sheet([a, b]))
    assert summary(diff) == {("added", "quotes", ())}


def indirect_with_partial() -> tuple[Quote, Quote]:
    """Kim's reported clause and the partial quote inside it, one attribution."""
    mention = Span(90, 93)
    indirect = quote(
        'the trip "can serve as a form of balancing" for Seoul',
        100,
        "Bo Kim",
        kind="indirect",
        mention="Kim",
        mention_span=mention,
    )
    partial = quote(
        "can serve as a form of balancing",
        110,
        "Bo Kim",
        kind="partial",
        mention="Kim",
        mention_span=mention,
    )
    return indirect, partial


def test_reworded_partial_quote_explains_its_indirect_record():
    indirect, partial = indirect_with_partial()
    indirect2 = dataclasses.replace(
        indirect, text='the trip "may serve as a kind of balance" for Seoul'
    )
    partial2 = dataclasses.replace(partial, text="may serve as a kind of balance")
    diff = diff_sheets(sheet([indirect, partial]), sheet([indirect2, partial2]))
    assert summary(diff) == {("changed", "quotes", ("text",))}
    (change,) = diff.changed
    assert change.new.kind == "partial"
    assert [c.new.kind for c in change.also] == ["indirect"]


def test_indirect_record_with_its_own_edit_is_reported_too():
    indirect, partial = indirect_with_partial()
    indirect2 = dataclasses.replace(indirect, text='the visit "may serve as balancing" for Tokyo')
    partial2 = dataclasses.replace(partial, text="may serve as balancing")
    diff = diff_sheets(sheet([indirect, partial]), sheet([indirect2, partial2]))
    assert len(diff.changed) == 2


def test_reattributed_sentence_with_indirect_and_partial_is_one_change():
    # `X announced the summit is "a turning point"`: both records share the mention
    # and the partial lies in the indirect; reattributing X changes both, once.
    mention = Span(80, 93)
    indirect = quote(
        'the summit is "a turning point" for both',
        100,
        "Cheong Wa Dae",
        kind="indirect",
        mention="Cheong Wa Dae",
        mention_span=mention,
    )
    partial = quote(
        "a turning point",
        115,
        "Cheong Wa Dae",
        kind="partial",
        mention="Cheong Wa Dae",
        mention_span=mention,
    )
    new = [
        dataclasses.replace(r, speaker="foreign ministry", mention="The foreign ministry")
        for r in (indirect, partial)
    ]
    diff = diff_sheets(sheet([indirect, partial]), sheet(new))
    assert summary(diff) == {("changed", "quotes", ("speaker", "mention"))}
    assert len(diff.changed[0].also) == 1


def test_pronoun_follows_a_reattribution_before_it():
    # `"A," Lee said.` ... `"B," he said.`: renaming Lee moves the `he` along.
    a = quote("The talks were long but they were useful for both sides.", 100, "Bo Kim")
    b = quote("We meet again in spring to settle the rest.", 400, "Bo Kim", mention="he")
    a2 = dataclasses.replace(a, speaker="Dan Choi", mention="Choi")
    b2 = dataclasses.replace(b, speaker="Dan Choi")
    diff = diff_sheets(sheet([a, b]), sheet([a2, b2]))
    assert summary(diff) == {("changed", "quotes", ("speaker", "mention"))}
    assert [c.new.text for c in diff.changed[0].also] == [b.text]


def test_pronoun_follows_an_added_speaker_before_it():
    b = quote("We meet again in spring to settle the rest.", 400, "Bo Kim", mention="he")
    added = quote("Seoul should not overreach.", 300, "Dan Choi")
    diff = diff_sheets(sheet([b]), sheet([added, dataclasses.replace(b, speaker="Dan Choi")]))
    assert summary(diff) == {("added", "quotes", ())}
    assert len(diff.added[0].also) == 1


def test_pronoun_change_without_a_cause_is_reported():
    b = quote("We meet again in spring to settle the rest.", 400, "Bo Kim", mention="he")
    diff = diff_sheets(sheet([b]), sheet([dataclasses.replace(b, speaker="Dan Choi")]))
    assert summary(diff) == {("changed", "quotes", ("speaker",))}


def test_a_speakers_role_edited_once_is_one_change():
    records = [
        quote(
            f"Quote number {n} is about the summit in Nara.",
            100 * n,
            "Bo Kim",
            role="professor at Kookmin Univeristy",
        )
        for n in range(1, 5)
    ]
    fixed = [dataclasses.replace(r, role="professor at Kookmin University") for r in records]
    diff = diff_sheets(sheet(records), sheet(fixed))
    assert summary(diff) == {("changed", "quotes", ("role",))}
    assert diff.changed[0].new.span.start == 100
    assert len(diff.changed[0].also) == 3


def test_speaker_resolved_differently_under_the_same_mention_is_no_change():
    # The introduction `Choi Eun-mi, a research fellow, said` was reworded above:
    # a later `Choi said` resolves to `Choi`, `the fellow said` to nobody.
    a = quote(
        "The talks were long but they were useful for both sides.",
        100,
        "Choi Eun-mi",
        mention="Choi",
        role="research fellow",
    )
    b = quote(
        "We meet again in spring to settle the rest.",
        300,
        "Choi Eun-mi",
        mention="the fellow",
        role="research fellow",
    )
    a2 = dataclasses.replace(a, speaker="Choi", role=None)
    b2 = dataclasses.replace(b, speaker=None, role=None)
    assert diff_sheets(sheet([a, b]), sheet([a2, b2])).same
    # Another person under the same mention is a change.
    a3 = dataclasses.replace(a, speaker="Choi Min-ho", role=None)
    assert summary(diff_sheets(sheet([a]), sheet([a3]))) == {
        ("changed", "quotes", ("speaker", "role"))
    }


def test_figure_inside_an_added_quote_belongs_to_it():
    new_q = quote("The DNA work could take 18 months to finish.", 1000, "Kim Soo-jin")
    months = figure("18 months", 18, 1024, unit="months", kind="duration")
    diff = diff_sheets(
        sheet(QUOTES, DATES, FIGURES), sheet([*QUOTES, new_q], DATES, [*FIGURES, months])
    )
    assert summary(diff) == {("added", "quotes", ())}
    assert [e.record.text for e in diff.added[0].also] == ["18 months"]


def test_date_change_inside_an_indirect_quote_is_the_change():
    text_old = "Media have reported that the Diet opens on Jan. 23, making it a busy month."
    text_new = text_old.replace("Jan. 23", "Jan. 26")
    start = text_old.index("the Diet")
    end = text_old.index(", making")
    ind_old = quote(text_old[start:end], start, "Media", kind="indirect")
    ind_new = quote(text_new[start:end], start, "Media", kind="indirect")
    at = text_old.index("Jan.")
    diff = diff_sheets(
        sheet([ind_old], [date("Jan. 23", "2026-01-23", at)]),
        sheet([ind_new], [date("Jan. 26", "2026-01-26", at)]),
    )
    assert summary(diff) == {("changed", "dates", ("text", "value"))}
    assert [c.section for c in diff.changed[0].also] == ["quotes"]


def test_non_positional_field_change_counts():
    new_f = dataclasses.replace(FIGURES[0], about="die")
    diff = diff_sheets(sheet(figures=FIGURES), sheet(figures=[new_f, FIGURES[1]]))
    assert summary(diff) == {("changed", "figures", ("about",))}


def test_different_extractor_is_a_warning():
    diff = diff_sheets(sheet(QUOTES, rules="r1"), sheet(QUOTES, rules="r2"))
    assert diff.same
    assert diff.warnings == ("the versions were extracted with different rule digests (r1 → r2)",)


def test_yaml_shape_matches_fact_sheets():
    new_f = figure("185 workers", 185, 700, about="kill")
    diff = diff_sheets(sheet(QUOTES, DATES, FIGURES), sheet(QUOTES[:2], DATES, [new_f, FIGURES[1]]))
    text = render_yaml(Report((_article(diff),)))
    assert "fields: [text, value]" in text
    assert "span: [700, 711]" in text
    data = yaml.safe_load(text)
    assert list(data) == ["warnings", "added", "removed", "changed"]
    (removed,) = data["removed"]
    assert list(removed)[:3] == ["section", "id", "kind"]
    assert removed["speaker"] == "Cy Park"
    (change,) = data["changed"]
    assert change["section"] == "figures"
    assert (change["old"]["value"], change["new"]["value"]) == (183, 185)


def test_text_report_is_plain_without_a_terminal():
    new_q = quote("We will rebuild the mine and recover all of the remains.", 100)
    diff = diff_sheets(sheet(QUOTES), sheet([new_q, *QUOTES[1:]]))
    console = Console(record=True, width=200, force_terminal=False)
    render_text(Report((_article(diff),)), console)
    out = console.export_text()
    assert "\x1b[" not in out
    assert "Changed (1)" in out
    assert "[-tunnel-]{+mine+}" in out
    assert "at a.txt:100:1 → a.txt:100:1" in out


def test_word_diff_cuts_long_unchanged_runs():
    old = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    plain = word_diff("zero " + old, "zero " + old.replace("seven", "7")).plain
    assert plain == (
        "… one two three four five six [-seven-]{+7+} eight nine ten eleven twelve thirteen …"
    )


def _article(diff: SheetDiff):
    from claimx.diff import ArticleDiff

    return ArticleDiff("a.txt", "a.txt", "a.txt", diff)


# The CLI, on real extraction


@pytest.fixture(scope="module")
def pair() -> tuple[object, dict]:
    return run_yaml(V1, V2)


def _changes(data: dict) -> dict[str, dict]:
    """The changes by section and first field, for readable assertions."""
    return {f"{c['section']}:{','.join(c['fields'])}": c for c in data["changed"]}


def test_cli_reports_exactly_the_six_edits(pair):
    result, data = pair
    assert result.exit_code == 1, result.output
    assert data["warnings"] == [], result.output
    assert [(e["section"], e["speaker"]) for e in data["removed"]] == [("quotes", "Choi Eun-mi")], (
        result.output
    )
    assert [(e["section"], e["speaker"]) for e in data["added"]] == [("quotes", "Park Ji-hoon")], (
        result.output
    )
    changes = _changes(data)
    assert sorted(changes) == [
        "dates:text,value",
        "figures:text,value",
        "quotes:speaker,role,mention",
        "quotes:text",
    ], result.output


def test_cli_change_details(pair):
    result, data = pair
    changes = _changes(data)
    figure_change = changes["figures:text,value"]
    assert (figure_change["old"]["text"], figure_change["new"]["text"]) == (
        "183 workers",
        "185 workers",
    ), result.output
    date_change = changes["dates:text,value"]
    assert (date_change["old"]["value"], date_change["new"]["value"]) == (
        "2026-01-23",
        "2026-01-26",
    ), result.output
    moved = changes["quotes:speaker,role,mention"]
    assert (moved["old"]["speaker"], moved["new"]["speaker"]) == ("Yang Kee-ho", "Choi Eun-mi")
    assert moved["old"]["text"] == moved["new"]["text"], result.output
    # The continuation quote under the same attribution is reported with it, once.
    assert [a["section"] for a in moved.get("also", [])] == ["quotes"], result.output
    reworded = changes["quotes:text"]
    assert "all the more important" in reworded["old"]["text"], result.output
    assert "even more important" in reworded["new"]["text"], result.output
    assert reworded["old"]["at"].startswith(f"{V1}:15:"), result.output
    assert reworded["new"]["at"].startswith(f"{V2}:13:"), result.output


def test_cli_moved_paragraph_and_typo_report_nothing(pair):
    result, _data = pair
    assert "Jan. 5" not in result.stdout, result.output
    assert "reinforces" not in result.stdout, result.output


def test_cli_other_shapes_of_edits():
    # Containment: a removed indirect quote holding a date and a figure, an added
    # quote holding a figure, a figure edited inside an indirect quote.
    result, data = run_yaml(DATA / "pair2" / "v1.txt", DATA / "pair2" / "v2.txt")
    assert result.exit_code == 1, result.output
    assert [(e["section"], e["kind"], len(e.get("also", []))) for e in data["removed"]] == [
        ("quotes", "indirect", 2)
    ], result.output
    assert [(e["section"], e["speaker"]) for e in data["added"]] == [("quotes", "Kim Soo-jin")], (
        result.output
    )
    assert sorted(_changes(data)) == [
        "dates:text,value",
        "figures:text,value",
        "quotes:speaker,role,mention",
        "quotes:text",
    ], result.output
    partial = _changes(data)["quotes:text"]
    assert (partial["old"]["text"], partial["new"]["text"]) == ("strong support", "firm support"), (
        result.output
    )


def test_cli_file_against_itself_exits_0():
    result, data = run_yaml(V1, V1)
    assert result.exit_code == 0, result.output
    assert data == {"warnings": [], "added": [], "removed": [], "changed": []}, result.output


def test_cli_folders_pair_files_by_relative_path():
    result, data = run_yaml(DATA / "v1", DATA / "v2")
    assert result.exit_code == 1, result.output
    assert data["articles_added"] == ["extra.txt"], result.output
    assert data["articles_removed"] == [], result.output
    (article,) = data["articles"]
    assert article["path"] == "article.txt", result.output
    assert (len(article["added"]), len(article["removed"]), len(article["changed"])) == (1, 1, 4), (
        result.output
    )


@pytest.fixture(scope="module")
def sheets(tmp_path_factory) -> Path:
    """The two versions' fact sheets as files, extracted once."""
    base = tmp_path_factory.mktemp("sheets")
    versions = Extractor()([("old", str(V1), V1), ("new", str(V2), V2)])
    for version in versions:
        (base / f"{version.key}.yaml").write_text(dump_yaml(version.sheet), encoding="utf-8")
        (base / f"{version.key}.jsonl").write_text(dump_jsonl(version.sheet), encoding="utf-8")
    return base


def test_cli_sheet_against_sheet(sheets, pair):
    result, data = run_yaml(sheets / "old.yaml", sheets / "new.jsonl")
    assert result.exit_code == 1, result.output
    assert sorted(_changes(data)) == sorted(_changes(pair[1])), result.output
    assert len(data["added"]) == len(data["removed"]) == 1, result.output


def test_cli_two_sheets_report_exactly_what_their_two_articles_do(sheets, pair):
    from_sheets = run(sheets / "old.yaml", sheets / "new.yaml", "--format", "yaml")
    assert from_sheets.stdout == pair[0].stdout
    assert run(sheets / "old.yaml", sheets / "new.yaml").stdout == run(V1, V2).stdout


def test_cli_text_report(sheets):
    result = run(sheets / "old.yaml", sheets / "new.yaml")
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert "\x1b[" not in out, result.output
    for expected in (
        "Removed (1)",
        "Added (1)",
        "Changed (4)",
        "Yang Kee-ho → Choi Eun-mi",
        "value: 183 → 185",
        "[-all the-]{+even+}",
        f"at {V1}:63:",
    ):
        assert expected in out, result.output


def test_cli_different_rules_digest_warns_then_compares(sheets, tmp_path):
    other = tmp_path / "other.yaml"
    text = (sheets / "new.yaml").read_text(encoding="utf-8")
    digest = yaml.safe_load(text)["extractor"]["rules"]
    other.write_text(text.replace(f"rules: {digest}", "rules: 0123456789ab"), encoding="utf-8")
    result, data = run_yaml(sheets / "old.yaml", other)
    assert result.exit_code == 1, result.output
    warning = f"the versions were extracted with different rule digests ({digest} → 0123456789ab)"
    assert data["warnings"] == [warning], result.output
    assert f"claimx: warning: {warning}" in result.stderr, result.output
    assert len(data["changed"]) == 4, result.output


def test_cli_folders_of_sheets(sheets, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    for folder, version in ((old, "old"), (new, "new")):
        (folder / "2026").mkdir(parents=True)
        (folder / "2026" / "a.yaml").write_text(
            (sheets / f"{version}.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    (old / "gone.yaml").write_text((sheets / "old.yaml").read_text(encoding="utf-8"))
    (new / "same.yaml").write_text((sheets / "new.yaml").read_text(encoding="utf-8"))
    (old / "same.yaml").write_text((sheets / "new.yaml").read_text(encoding="utf-8"))
    result, data = run_yaml(old, new)
    assert result.exit_code == 1, result.output
    assert data["articles_removed"] == ["gone.yaml"], result.output
    assert data["articles_added"] == [], result.output
    assert [a["path"] for a in data["articles"]] == ["2026/a.yaml"], result.output
    text = run(old, new)
    assert "2 articles compared: 1 changed, 0 added, 1 removed." in text.stdout, text.output


def test_cli_streams_of_sheets_pair_articles_by_path(sheets, tmp_path):
    # `claimx extract DIR > all.yaml` for two archive folders: articles pair by
    # their path below each stream's common folder.
    old_text = (sheets / "old.yaml").read_text(encoding="utf-8")
    gone = old_text.replace("v1/article.txt", "v1/gone.txt")
    (tmp_path / "old.yaml").write_text(old_text + gone, encoding="utf-8")
    result, data = run_yaml(tmp_path / "old.yaml", sheets / "new.yaml")
    assert result.exit_code == 1, result.output
    assert data["articles_removed"] == ["gone.txt"], result.output
    assert [(a["path"], len(a["changed"])) for a in data["articles"]] == [("article.txt", 4)], (
        result.output
    )


def test_cli_missing_path_exits_2(tmp_path):
    result = run(V1, tmp_path / "nope.txt")
    assert result.exit_code == 2, result.output
    assert "nope.txt: no such file or directory" in result.stderr, result.output


def test_cli_yaml_that_is_not_a_fact_sheet_exits_2(tmp_path):
    bogus = tmp_path / "bogus.yaml"
    bogus.write_text("title: not a fact sheet\n", encoding="utf-8")
    result = run(bogus, bogus)
    assert result.exit_code == 2, result.output
    assert "bogus.yaml: not a claimx fact sheet" in result.stderr, result.output


def test_cli_file_against_folder_exits_2():
    result = run(V1, DATA / "v2")
    assert result.exit_code == 2, result.output
    assert "cannot compare a file with a folder" in result.stderr, result.output


def test_entry_and_change_are_plain_data():
    # The YAML renderer and library users rely on these fields.
    assert [f.name for f in dataclasses.fields(Entry)] == ["section", "record", "added", "also"]
    assert [f.name for f in dataclasses.fields(Change)] == [
        "section",
        "fields",
        "old",
        "new",
        "also",
    ]


@pytest.mark.parametrize("seed", ["000_418a29abe9d5b535.txt", "001_9775a9a2b76a2485.txt"])
def test_rewrapping_a_whole_article_reports_nothing(tmp_path, seed):
    import textwrap

    original = (Path(__file__).resolve().parent.parent / "seeds" / seed).read_text()
    wrapped = "\n\n".join(textwrap.fill(p, 72) for p in original.split("\n\n"))
    (tmp_path / "wrapped.txt").write_text(wrapped)
    result = run(
        Path(__file__).resolve().parent.parent / "seeds" / seed,
        tmp_path / "wrapped.txt",
        "--format",
        "yaml",
    )
    assert result.exit_code == 0, result.output


# Standard input, hostile sheets, terminal safety


def test_cli_sheet_from_standard_input(sheets):
    files = run(sheets / "old.yaml", sheets / "new.yaml", "--format", "yaml")
    for old, new, fed in (
        ("-", sheets / "new.yaml", "old.yaml"),
        (sheets / "old.yaml", "-", "new.jsonl"),
    ):
        piped = runner.invoke(
            app, ["diff", str(old), str(new), "--format", "yaml"], input=(sheets / fed).read_bytes()
        )
        assert piped.exit_code == 1, piped.output
        assert yaml.safe_load(piped.stdout)["changed"] == yaml.safe_load(files.stdout)["changed"]


def test_cli_article_from_standard_input():
    piped = runner.invoke(app, ["diff", "-", str(V2), "--format", "yaml"], input=V1.read_bytes())
    assert piped.exit_code == 1, piped.output
    data = yaml.safe_load(piped.stdout)
    assert len(data["changed"]) == 4, piped.output


def test_cli_both_sides_from_standard_input_exit_2():
    result = run("-", "-")
    assert result.exit_code == 2, result.output
    assert "standard input" in result.stderr, result.output


@pytest.mark.parametrize(
    "edit",
    [
        ("claimx: 2", "claimx: .inf"),
        ("claimx: 2", "claimx: 99"),
        ("- id: q-", "- id: [1]\n  x: q-"),
        ("source:", "source: &a [*a]\nx:"),
        ("source:", "source: " + "[" * 50_000 + "]" * 50_000 + "\nx:"),
        (
            "source:",
            "a: &a ["
            + ",".join(["x"] * 9)
            + "]\n"
            + "".join(
                f"b{i}: &b{i} [" + ",".join([f"*{'a' if i == 0 else f'b{i - 1}'}"] * 9) + "]\n"
                for i in range(12)
            )
            + "source:",
        ),
    ],
    ids=["inf-version", "unknown-version", "id-list", "self-alias", "deep-nesting", "alias-bomb"],
)
def test_cli_hostile_sheet_exits_2_without_traceback(sheets, tmp_path, edit):
    text = (sheets / "new.yaml").read_text(encoding="utf-8")
    assert edit[0] in text
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    result = run(sheets / "old.yaml", bad)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "bad.yaml" in result.stderr, result.output


def test_text_report_shows_terminal_escapes_escaped():
    evil = quote("We will \x1b[2Jrebuild the tunnel and \x9b31m recover the remains.", 100)
    diff = diff_sheets(sheet(QUOTES), sheet([evil, *QUOTES[1:]]))
    console = Console(record=True, width=200, force_terminal=False)
    render_text(Report((ArticleDiff("a\x1b]0;x\x07.txt", "a.txt", "a.txt", diff),)), console)
    out = console.export_text()
    assert "\x1b" not in out and "\x9b" not in out, out
    assert "\\x1b[2Jrebuild" in out and "\\x9b31m" in out, out


def test_many_unmatched_records_pair_as_scoring_every_pair_does(monkeypatch):
    # Beyond `ALL_PAIRS` only candidate pairs are scored: the same result here.
    from claimx.diff import pairing

    sentence = (
        "the ministry said on tuesday that talks with unions over pay and pensions would "
        "resume after the election while steel imports fell for a third month in a row"
    )
    words = sentence.split()
    olds, news = [], []
    for i in range(60):
        text = " ".join([*words[(i * 7) % 20 :][:12], f"w{i}", f"v{i % 7}"])
        olds.append(quote(text, 100 + i * 200, f"Person {i % 5}"))
        news.append(quote(text.replace(f"w{i}", f"x{i}"), 120 + i * 200, f"Person {i % 5}"))
    old, new = sheet(olds), sheet(news)
    monkeypatch.setattr(pairing, "ALL_PAIRS", 10**9)
    every = diff_sheets(old, new)
    monkeypatch.setattr(pairing, "ALL_PAIRS", 100)
    blocked = diff_sheets(old, new)
    assert summary(blocked) == summary(every)
    assert [(c.old.id, c.new.id) for c in blocked.changed] == [
        (c.old.id, c.new.id) for c in every.changed
    ]
    assert len(every.changed) == 60
