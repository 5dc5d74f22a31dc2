"""`claimx corroborate`: claims grouped across articles, through the real pipeline.

The article sets under tests/data/corroborate/ are written by hand: each is
several outlets' reports of one made-up event, with agreements, differences and
traps planted in them. The seeds are five real outlets' reports of one event.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from claimx.cli import app
from claimx.corroborate import Group, Report, group_sources
from claimx.corroborate.figures import _interval
from claimx.corroborate.names import fold_tokens, sound, spelling_key
from claimx.corroborate.render import report_data, to_yaml_text
from claimx.corroborate.rules import load_corroborate_rules
from claimx.corroborate.sources import citations, load_sources
from claimx.model import Figure, Span
from tests.conftest import ROOT

DATA = Path("tests/data/corroborate")


@cache
def report(name: str) -> Report:
    """The report of one article set (or `seeds`), paths relative to the project root."""
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        rules = load_corroborate_rules()
        path = "seeds" if name == "seeds" else str(DATA / name)
        loaded = load_sources([path], rules)
        assert not loaded.errors, loaded.errors
        return group_sources(loaded.sources, rules)
    finally:
        os.chdir(here)


def members(group: Group) -> set[tuple[str, str]]:
    """(file stem, record text) of each member."""
    return {(Path(m.source.path).stem[:3], str(m.record["text"])) for m in group.members}


def find(name: str, section: str, member: tuple[str, str]) -> Group:
    for group in report(name).groups:
        if group.section == section and member in members(group):
            return group
    raise AssertionError(f"no {section} group in {name} holds {member}")


# What each set must show: a group holding exactly these members, with this status.
EXPECTED = [
    # Figures: same counted noun and act; values within their qualifiers.
    ("wildfire", "figures", "differ", {("her", "12 people"), ("tri", "14 people")}),
    (
        "wildfire",
        "figures",
        "agree",
        {("her", "more than 300 homes"), ("tri", "over 300 homes")},
    ),
    (
        "wildfire",
        "figures",
        "agree",
        {("her", "about 4,000 residents"), ("tri", "Roughly 4,000 residents")},
    ),
    ("wildfire", "figures", "differ", {("her", "40 percent"), ("tri", "45 percent")}),
    ("explosion", "figures", "agree", {("cou", "nine workers"), ("pos", "nine workers")}),
    # "27 people died" / "killing 29 workers": people counted, one family of acts.
    ("factory", "figures", "differ", {("gaz", "27 people"), ("obs", "29 workers")}),
    ("factory", "figures", "differ", {("gaz", "$12 million"), ("obs", "$15 million")}),
    (
        "wire",
        "figures",
        "agree",
        {("age", "about 60,000 vehicles"), ("rou", "about 60,000 vehicles")},
    ),
    # Dates: one event (one predicate family, a shared participant).
    ("explosion", "dates", "differ", {("cou", "Tuesday"), ("pos", "Wednesday")}),
    ("explosion", "dates", "agree", {("cou", "1987"), ("pos", "1987")}),
    # "the fire broke out on Tuesday" / "the blaze started on Monday"
    ("factory", "dates", "differ", {("gaz", "Tuesday"), ("obs", "Monday")}),
    # "the trial ... will begin on May 3" / "goes on trial on May 4"
    ("factory", "dates", "differ", {("gaz", "May 3"), ("obs", "May 4")}),
    # "The factory was built in 1962" / "Built in 1962, the factory ..."
    ("factory", "dates", "agree", {("gaz", "1962"), ("obs", "1962")}),
    # "said on Thursday" dates a statement, not an event: compared as a quote.
    ("names", "dates", "single", {("dis", "Thursday")}),
    # Quotes: the same words, trimmed or not; speakers compared.
    (
        "quotes",
        "quotes",
        "differ",
        {
            (
                "glo",
                "We never wanted this dispute to last so long, and we are glad it is behind us,",
            ),
            ("led", "We never wanted this dispute to last so long,"),
        },
    ),
    # Names: spellings of one name across sources.
    ("names", "names", "agree", {("dis", "Volodymyr Zelenskyy"), ("wir", "Volodymyr Zelensky")}),
    ("names", "names", "agree", {("dis", "Moammar Gaddafi"), ("wir", "Muammar Qaddafi")}),
    ("names", "names", "agree", {("dis", "Kyiv"), ("wir", "Kiev")}),
]


@pytest.mark.parametrize("name, section, status, expected", EXPECTED)
def test_expected_groups(name, section, status, expected):
    group = find(name, section, next(iter(sorted(expected))))
    found = {m for m in members(group) if m[0] in {e[0] for e in expected}}
    assert expected <= found, group.why
    assert group.status == status, group.why
    assert group.why


def test_a_trimmed_quote_agrees_with_its_speaker():
    group = find(
        "quotes", "quotes", ("led", "gives our members the security they have fought for.")
    )
    assert group.status == "agree"
    assert {m.record["speaker"] for m in group.members} == {"Amira Haddad"}
    assert "trimmed" in group.why


# Things that look alike and must never share a group.
TRAPS = [
    ("wildfire", ("her", "12 people"), ("her", "Twelve fire engines")),
    ("wildfire", ("her", "$2 million"), ("tri", "$5 million")),
    ("explosion", ("cou", "1987"), ("cou", "2019")),
    ("factory", ("gaz", "450 people"), ("obs", "29 workers")),
    ("factory", ("gaz", "450 people"), ("gaz", "27 people")),
    ("factory", ("gaz", "Tuesday"), ("obs", "May 4")),
    ("explosion", ("pos", "1987"), ("pos", "2021")),
    ("explosion", ("cou", "2019"), ("pos", "2021")),
    ("seeds", ("000", "183 workers"), ("000", "136 forcibly mobilized Koreans")),
    ("seeds", ("000", "Jan. 5"), ("001", "Tuesday")),
]


@pytest.mark.parametrize("name, a, b", TRAPS)
def test_traps_are_not_grouped(name, a, b):
    for group in report(name).groups:
        found = members(group)
        assert not (a in found and b in found), group.why


def test_two_spellings_in_one_article_are_two_names():
    # wire.txt writes both Kemal Arslan and Kamal Arslan: two people.
    for group in report("names").groups:
        if group.section == "names":
            texts = {m.record["text"] for m in group.members}
            assert not {"Kemal Arslan", "Kamal Arslan"} <= texts


def test_no_group_mixes_two_values_from_one_article():
    for name in ("wildfire", "explosion", "factory", "quotes", "names", "wire", "seeds"):
        for group in report(name).groups:
            if group.section in ("figures", "dates"):
                per_source: dict[int, set[object]] = {}
                for m in group.members:
                    per_source.setdefault(m.source.index, set()).add(m.record["value"])
                # An article may repeat a value, or give it at a finer grain.
                for values in per_source.values():
                    assert len(values) == 1 or group.section == "dates", group.why


# The seeds: five outlets on one event.


def test_seeds_dead_and_koreans_agree_across_articles():
    dead = find("seeds", "figures", ("000", "183 workers"))
    assert dead.status == "agree"
    assert members(dead) >= {("000", "183 workers"), ("001", "183 workers"), ("002", "183 people")}
    koreans = find("seeds", "figures", ("000", "136 forcibly mobilized Koreans"))
    assert koreans.status == "agree"
    assert {"000", "001", "003"} <= {m[0] for m in members(koreans)}


def test_seeds_meeting_date_differs_with_both_values():
    group = find("seeds", "dates", ("001", "Tuesday"))
    assert group.status == "differ"
    values = {(m.record["text"], m.record["value"], m.record["at"]) for m in group.members}
    assert ("Tuesday", "2026-01-13", "seeds/001_9775a9a2b76a2485.txt:5:93") in values
    assert ("Monday", "2026-01-12", "seeds/002_639d3b14e8c139b0.txt:13:30") in values


@pytest.mark.parametrize(
    "spellings",
    [{"Chosei", "Josei", "Chōsei"}, {"Lee Jae Myung", "Lee Jae-myung"}],
)
def test_seeds_spellings_are_one_name(spellings):
    groups = [
        g
        for g in report("seeds").groups
        if g.section == "names" and spellings & {m.record["text"] for m in g.members}
    ]
    assert len(groups) == 1
    assert spellings <= {m.record["text"] for m in groups[0].members}


def test_independence():
    wire = find("wire", "figures", ("age", "about 60,000 vehicles"))
    independent, why = wire.independent
    assert not independent  # one agency twice, and an aggregator citing [1][2]
    assert "aggregator" in why
    wildfire = find("wildfire", "figures", ("her", "12 people"))
    assert wildfire.independent[0]


# Mechanisms


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Lee Jae Myung", "Lee Jae-myung", True),
        ("Sanae Takaichi", "Takaichi Sanae", True),
        ("Chōsei", "Chosei", True),
        ("Josei", "Chosei", False),  # alike, but not the same letters: needs context
    ],
)
def test_fold_tokens(a, b, same):
    assert (sorted(fold_tokens(a)) == sorted(fold_tokens(b))) is same


@pytest.mark.parametrize(
    "a, b, same",
    [("chosei", "josei", True), ("gaddafi", "qaddafi", True), ("seoul", "sejong", False)],
)
def test_sound(a, b, same):
    assert (sound(a) == sound(b)) is same


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("South Korea’s", "South Korea", True),
        ("Nara Prefecture", "NARA", True),
        ("Lee Jae-myung", "Lee Jae Myung", False),
    ],
)
def test_spelling_key(a, b, same):
    words = load_corroborate_rules().place_words
    assert (spelling_key(a, words) == spelling_key(b, words)) is same


@pytest.mark.parametrize(
    "value, qualifier, inside, outside",
    [
        (80, ">", 81, 80),
        (80, ">=", 80, 79),
        (180, "~", 190, 200),
        (183, "=", 183, 185),
    ],
)
def test_qualifier_intervals(value, qualifier, inside, outside):
    low, high = _interval(Figure(text="x", value=value, qualifier=qualifier, span=Span(0, 1)))
    assert low <= inside <= high
    assert not low <= outside <= high


@pytest.mark.parametrize(
    "text, cites",
    [("A barge hit a pier [1][2]. Three were hurt [1].", ("[1]", "[2]")), ("See [1].", ())],
)
def test_citations(text, cites):
    assert citations(text, load_corroborate_rules()) == cites


# The YAML contract and the command


def test_yaml_contract():
    data = yaml.safe_load(to_yaml_text(report("explosion")))
    assert data["corroborate"] == 1
    assert {s["path"] for s in data["sources"]} == {
        str(DATA / "explosion" / "courier.txt"),
        str(DATA / "explosion" / "post.txt"),
    }
    for group in data["groups"]:
        assert group["section"] in ("quotes", "dates", "figures", "names")
        assert group["status"] in ("agree", "differ", "single")
        assert group["why"] and group["sources"] == len(
            {m["at"].split(":")[0] for m in group["members"]}
        )
        assert isinstance(group["independent"], bool)
        for member in group["members"]:
            assert member["at"].startswith(str(DATA / "explosion"))
    summary = data["summary"]
    assert summary["groups"] == summary["agree"] + summary["differ"] + summary["single"]


def test_conflicts_only():
    data = report_data(report("explosion"), conflicts=True)
    assert data["groups"] and all(g["status"] == "differ" for g in data["groups"])


@pytest.mark.parametrize("name, code", [("explosion", 1), ("wire", 0)])
def test_cli_exit_codes(name, code, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, ["corroborate", str(DATA / name)])
    assert result.exit_code == code, result.output
    assert "claimx corroborate" in result.output


def test_cli_missing_path_exits_2(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["corroborate", "nowhere"])
    assert result.exit_code == 2
    assert "nowhere" in result.output


def test_fact_sheets_give_the_same_groups(monkeypatch, tmp_path):
    """Sheets written by `claimx extract` corroborate as their articles do."""
    monkeypatch.chdir(ROOT)
    runner = CliRunner()
    out = tmp_path / "sheets"
    result = runner.invoke(app, ["extract", str(DATA / "explosion"), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    from_sheets = runner.invoke(app, ["corroborate", str(out), "--format", "yaml"])
    from_articles = runner.invoke(app, ["corroborate", str(DATA / "explosion"), "--format", "yaml"])
    assert from_sheets.exit_code == from_articles.exit_code == 1
    groups = yaml.safe_load(from_sheets.stdout)["groups"]
    assert groups == yaml.safe_load(from_articles.stdout)["groups"]


def test_readme_excerpt_is_real_output():
    """The report excerpt in the README is today's output on the seeds, line for line."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```\n$ claimx corroborate seeds/\n") + len(
        "```\n$ claimx corroborate seeds/\n"
    )
    excerpt = readme[start : readme.index("```", start)]
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, ["corroborate", "seeds/"], terminal_width=200)
    finally:
        os.chdir(here)
    lines = result.stdout.splitlines()
    shown = [line for line in excerpt.splitlines() if line.strip() and line.strip() != "..."]
    missing = [line for line in shown if line not in lines]
    assert not missing, f"README corroborate lines not in today's output: {missing}"


def test_fact_sheets_without_their_articles(monkeypatch, tmp_path):
    """Sheets whose article is gone are compared by their records alone: agreeing
    figures are still found, with a warning naming each sheet."""
    for golden in sorted((ROOT / "tests" / "golden").glob("00[012]_*.yaml")):
        text = golden.read_text(encoding="utf-8").replace("path: seeds/", "path: gone/")
        (tmp_path / golden.name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["corroborate", ".", "--format", "yaml"])
    assert result.exit_code == 0, result.output
    assert "gone/000_418a29abe9d5b535.txt: article text not found" in result.stderr
    groups = yaml.safe_load(result.stdout)["groups"]
    dead = [g for g in groups if any(m.get("text") == "183 people" for m in g["members"])]
    assert dead and dead[0]["status"] == "agree" and dead[0]["sources"] == 3
