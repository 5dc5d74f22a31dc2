import pytest

from claimx.errors import RulesError
from claimx.figures import FigureRules, find_figures
from claimx.model import Span
from claimx.rules import build


def run(nlp, rules, text, skip=()):
    return list(find_figures(nlp(text), rules.figures, skip).records)


def brief(nlp, rules, text):
    """(text, value, value_max, qualifier, unit, kind) per figure, in text order."""
    return [
        (f.text, f.value, f.value_max, f.qualifier, f.unit, f.kind) for f in run(nlp, rules, text)
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # Digits and words.
        ("The flood killed 183 workers.", [("183 workers", 183, "workers")]),
        ("Rescuers found eight bodies.", [("eight bodies", 8, "bodies")]),
        ("The club signed twelve players.", [("twelve players", 12, "players")]),
        (
            "The museum welcomed one hundred and five visitors.",
            [("one hundred and five visitors", 105, "visitors")],
        ),
        ("Officials counted 1,942 ballots.", [("1,942 ballots", 1942, "ballots")]),
        ("Officials counted 1942 ballots.", [("1942 ballots", 1942, "ballots")]),
        ("The river rose 3.5 metres.", [("3.5 metres", 3.5, "metre")]),
        ("Twenty-five officers were hurt.", [("Twenty-five officers", 25, "officers")]),
        # Multipliers and scales.
        ("The city has 12 million residents.", [("12 million residents", 12000000, "residents")]),
        ("Sales reached 1.5bn dollars.", [("1.5bn dollars", 1500000000, "USD")]),
        ("Debt hit $2.3 trillion.", [("$2.3 trillion", 2300000000000, "USD")]),
        ("The firm employs 300,000 people.", [("300,000 people", 300000, "people")]),
        ("Police arrested two dozen protesters.", [("two dozen protesters", 24, "protesters")]),
        ("A dozen schools closed.", [("A dozen schools", 12, "schools")]),
        ("The UN said 2.3m people had fled.", [("2.3m people", 2300000, "people")]),
    ],
)
def test_numbers_and_scales(nlp, rules, text, expected):
    got = [(t, v, u) for t, v, _max, _q, u, _k in brief(nlp, rules, text)]
    assert got == expected


def test_values_keep_ints_and_floats(nlp, rules):
    whole, part = run(nlp, rules, "Exports hit $12 million, up 3.5 percent.")
    assert isinstance(whole.value, int) and whole.value == 12000000
    assert isinstance(part.value, float) and part.value == 3.5


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Around 40 people came.", ("Around 40 people", "~")),
        ("About 40 people came.", ("About 40 people", "~")),
        ("Nearly 40 people came.", ("Nearly 40 people", "~")),
        ("Roughly 40 people came.", ("Roughly 40 people", "~")),
        ("More than 40 people came.", ("More than 40 people", ">")),
        ("Over 40 people came.", ("Over 40 people", ">")),
        ("At least 40 people came.", ("At least 40 people", ">=")),
        ("Fewer than 40 people came.", ("Fewer than 40 people", "<")),
        ("Under 40 people came.", ("Under 40 people", "<")),
        ("Up to 40 people came.", ("Up to 40 people", "<=")),
        ("Exactly 40 people came.", ("Exactly 40 people", "=")),
        ("40 people came.", ("40 people", "=")),
        ("Households making $100,000 or more voted.", ("$100,000 or more", ">=")),
        ("Turnout was under 50%.", ("under 50%", "<")),
    ],
)
def test_qualifiers(nlp, rules, text, expected):
    (got,) = run(nlp, rules, text)
    assert (got.text, got.qualifier) == expected
    assert got.value in (40, 100000, 50)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Polls give the party 252-287 seats.", ("252-287 seats", 252, 287, "seats")),
        (
            "Between 5 and 10 soldiers were wounded.",
            ("Between 5 and 10 soldiers", 5, 10, "soldiers"),
        ),
        ("The strike lasted two or three weeks.", ("two or three weeks", 2, 3, "week")),
        (
            "Estimates put the count at 5 to 10 million people.",
            ("5 to 10 million people", 5000000, 10000000, "people"),
        ),
    ],
)
def test_ranges(nlp, rules, text, expected):
    (got,) = run(nlp, rules, text)
    assert (got.text, got.value, got.value_max, got.unit) == expected


def test_from_to_is_a_change_not_a_range(nlp, rules):
    got = brief(nlp, rules, "Unemployment rose from 5 to 7 percent.")
    assert [(t, v, m) for t, v, m, *_ in got] == [("5", 5, None), ("7 percent", 7, None)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tickets cost $6.", ("$6", 6, "USD", "money")),
        ("Each household gets 2 million won.", ("2 million won", 2000000, "KRW", "money")),
        ("Entry is ¥500.", ("¥500", 500, "JPY", "money")),
        ("The deal is worth €3bn.", ("€3bn", 3000000000, "EUR", "money")),
        ("Britain pledged £150m.", ("£150m", 150000000, "GBP", "money")),
        ("The scheme costs Rs 2,000 crore.", ("Rs 2,000 crore", 20000000000, "INR", "money")),
        (
            "Shares closed at 16.125 Canadian dollars.",
            ("16.125 Canadian dollars", 16.125, "CAD", "money"),
        ),
        ("The dividend is five cents.", ("five cents", 5, "cents", "money")),
        ("Turnout was 19 per cent.", ("19 per cent", 19, "percent", "percent")),
        ("Turnout was 5%.", ("5%", 5, "percent", "percent")),
        ("Half of the respondents agreed.", ("Half", 50, "percent", "percent")),
        ("A fifth of the staff quit.", ("A fifth", 20, "percent", "percent")),
        ("Nearly one-tenth of the loans failed.", ("Nearly one-tenth", 10, "percent", "percent")),
        (
            "Rates rose 0.75 percentage point.",
            ("0.75 percentage point", 0.75, "percentage points", "percent"),
        ),
        ("He ran for 40 yards.", ("40 yards", 40, "yard", "measure")),
        ("It makes 275 pound-feet of torque.", ("275 pound-feet", 275, "pound-foot", "measure")),
        ("Winds reached 180 km/h.", ("180 km/h", 180, "kilometre per hour", "measure")),
        ("The rocket climbed 100 km.", ("100 km", 100, "kilometre", "measure")),
        ("The talks lasted 88 minutes.", ("88 minutes", 88, "minute", "duration")),
        ("Negotiations took seven months.", ("seven months", 7, "month", "duration")),
        ("It happened more than 80 years ago.", ("more than 80 years", 80, "year", "duration")),
        ("A 30-minute delay followed.", ("30-minute", 30, "minute", "duration")),
        ("A 34-year-old man was arrested.", ("34-year-old", 34, "year", "age")),
        ("Overnight it fell to minus 20 degrees.", ("minus 20 degrees", -20, "degree", "measure")),
    ],
)
def test_money_percent_measures_durations(nlp, rules, text, expected):
    (got,) = run(nlp, rules, text)
    assert (got.text, got.value, got.unit, got.kind) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Lee has visited Japan twice.", [("twice", 2, None, "multiple")]),
        ("Prices rose three times as fast as wages.", [("three times", 3, None, "multiple")]),
        ("He was arrested three times.", [("three times", 3, "times", "count")]),
        ("Lee held five bilateral summits.", [("five bilateral summits", 5, "summits", "count")]),
        (
            "Japan leads a pact among 12 Asia-Pacific economies.",
            [("12 Asia-Pacific economies", 12, "economies", "count")],
        ),
        (
            "The remains of 136 Korean forced-laborers were found.",
            [("136 Korean forced-laborers", 136, "forced-laborers", "count")],
        ),
        (
            "Officials said 14 of the 20 victims were children.",
            [("14", 14, "victims", "count"), ("20 victims", 20, "victims", "count")],
        ),
        ("Observers said the majority was 15.", [("15", 15, "majority", "count")]),
        (
            "After a 22-point defeat she hired a 30-member team.",
            [("22-point", 22, "point", "count"), ("30-member", 30, "member", "count")],
        ),
    ],
)
def test_counted_nouns_and_multiples(nlp, rules, text, expected):
    assert [(t, v, u, k) for t, v, _m, _q, u, k in brief(nlp, rules, text)] == expected


def test_counted_noun_and_event_from_the_parse(nlp, rules):
    text = "The tunnel was flooded, killing 183 workers, including 136 forcibly mobilized Koreans."
    workers, koreans = run(nlp, rules, text)
    assert (workers.text, workers.unit, workers.about) == ("183 workers", "workers", "kill")
    assert (koreans.text, koreans.value, koreans.unit) == (
        "136 forcibly mobilized Koreans",
        136,
        "Koreans",
    )


def test_number_predicated_of_a_noun_counts_that_noun(nlp, rules):
    text = (
        "Ties are central, with annual people-to-people exchanges now around 12 million, Lee said."
    )
    (got,) = run(nlp, rules, text)
    assert (got.text, got.value, got.qualifier) == ("around 12 million", 12000000, "~")
    assert got.unit == "exchanges"
    assert got.about == "people-to-people exchanges"


@pytest.mark.parametrize(
    "text",
    [
        # Dates and years.
        "The mine flooded on Feb. 3, 1942.",
        "Japan ruled the peninsula from 1910 to 1945.",
        "The war ended in 1945.",
        "Japan's 1910-45 colonial rule left scars.",
        "The 2013 ban still stands.",
        "The survey ran September 16-19.",
        "The talks took place on 3 March 2021.",
        "Crime fell in the 1990s.",
        " date 2026-01-12 Seoul eyes cooperation",
        # Ordinals.
        "She finished third in the 60th edition.",
        "It was his second trip and fifth summit.",
        # Times of day.
        "The meeting starts at 9:30 a.m. and ends at 5 p.m.",
        "Jan 14, 2026, 08:06 am",
        "Lee departs at 00:55 UTC.",
        # Identifiers and names.
        "Route 66 is closed.",
        "Passengers waited at Gate 7.",
        "The Boeing 737 landed.",
        "G20 leaders met.",
        "COVID-19 cases fell.",
        "5G networks expanded.",
        "Article 9 renounces war.",
        "The F-35 flew over Apollo 11's launch site.",
        "Apple unveiled the iPhone 16.",
        "The airline filed for Chapter 11 protection.",
        # Reference markers, phone numbers, furniture.
        "Tokyo urged Seoul to lift the restriction [1][2][3].",
        "For details call 555-123-4567 or +44 20 7946 0958.",
        "In an emergency, call 911.",
        "What to watch:\n1) The race for second.\n2. The art of front-running.",
        # Words that are not counts.
        "Korea should not take one side or the other.",
        "No one expected it, and one of the ministers resigned.",
        # Counts of the article's own protagonists ("the two leaders") are not required.
        "The two leaders met, and its two largest neighbors watched.",
        # Hyphenated descriptors.
        "A two-track approach and a two-day summit were agreed.",
        # "100m" alone is more often metres than millions.
    ],
)
def test_not_figures(nlp, rules, text):
    assert brief(nlp, rules, text) == []


def test_numbers_beside_dates_are_still_found(nlp, rules):
    text = "The Chosei mine flooded on Feb. 3, 1942, killing 183 workers."
    assert brief(nlp, rules, text) == [("183 workers", 183, None, "=", "workers", "count")]


def test_skip_spans_drop_overlapping_figures(nlp, rules):
    text = "Sales rose 40 percent in 2019 and 12 people quit."
    assert [f.text for f in run(nlp, rules, text)] == ["40 percent", "12 people"]
    start = text.index("40")
    got = run(nlp, rules, text, skip=[Span(start, start + 2)])
    assert [f.text for f in got] == ["12 people"]


def test_durations_survive_a_date_phrase_skip(nlp, rules):
    text = "The remains were found more than 80 years later."
    start = text.index("80")
    got = run(nlp, rules, text, skip=[Span(start, text.index("."))])
    assert [(f.text, f.value, f.qualifier) for f in got] == [("more than 80 years", 80, ">")]


def test_spans_are_doc_slices_in_text_order(nlp, rules):
    text = "About 40 per cent of 1,200 staff, or nearly 500, left within 3 months for $2,000."
    doc = nlp(text)
    got = list(find_figures(doc, rules.figures).records)
    assert [f.text for f in got] == [
        "About 40 per cent",
        "1,200 staff",
        "nearly 500",
        "3 months",
        "$2,000",
    ]
    for fig in got:
        assert doc.text[fig.span.start : fig.span.end] == fig.text
        assert fig.id == "" and fig.at == ""
    assert [f.span for f in got] == sorted(f.span for f in got)


def test_rules_reject_unknown_keys():
    with pytest.raises(RulesError, match="unknown key 'numbers'"):
        build(FigureRules, {"numbers": {}}, "figures.yaml")


def test_rules_are_data(nlp, rules):
    words = dict(rules.figures.number_words)
    words["zwölf"] = 12
    custom = build(
        FigureRules,
        {
            "number_words": words,
            "scale_words": dict(rules.figures.scale_words),
            "scale_suffixes": dict(rules.figures.scale_suffixes),
        },
        "figures.yaml",
    )
    (got,) = find_figures(nlp("They saw zwölf ships."), custom).records
    assert (got.text, got.value, got.unit) == ("zwölf ships", 12, "ships")
