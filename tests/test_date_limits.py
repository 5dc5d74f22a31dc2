"""Dates never raise and never write an invalid TIMEX3 value, whatever the numbers say."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimx.dates import find_dates
from claimx.dates.timex import is_valid

# Relative expressions of every kind, resolved at the ends of the calendar.
RELATIVE = (
    "He left yesterday and returns tomorrow. Next year, last year, the next century, "
    "two weeks ago, three months from now, a decade ago, next month, last week. "
    "It happened on Friday night, the weekend before, last weekend, on March 3, in May, "
    "in the third quarter, the latest quarter, the year-ago quarter, this summer, "
    "last winter, on Thanksgiving, on Christmas Eve, at noon Sunday, at 5 p.m. tomorrow, "
    "the following day, the previous year, that month, the '80s, 10 years later."
)
EDGES = ["0001-01-01", "0001-01-07", "0001-12-31", "9999-01-01", "9999-12-25", "9999-12-31"]


@pytest.mark.parametrize("published", [*EDGES, None, "2026-13-45", "0000-00-00", "garbage"])
def test_relative_dates_at_the_ends_of_the_calendar(nlp, rules, published):
    found = find_dates(nlp(RELATIVE), rules.dates, published).records
    assert found, "the text has dates"
    assert [d.value for d in found if not is_valid(d.value)] == []


@pytest.mark.parametrize(
    "text",
    [
        "It was signed on 2026-13-45 and on 2026-02-30.",
        "The meeting is at 2026-01-12T25:00 and 2026-01-12T23:61.",
        "Born 0000-01-01, died 9999-12-31T24:00.",
        "He arrived on February 30, 2024 and left on April 31.",
        "They met at about 8.40am on Saturday and at 25:00 GMT.",
        "Doors open at 13 p.m. and at 0 a.m.",
        "The 0th century and the 100th century.",
        "Between 9998 and 9999, from 1999 to 1998.",
    ],
)
def test_impossible_dates_are_not_dates(nlp, rules, text):
    for published in ("2026-01-12", "9999-12-31", "0001-01-01"):
        found = find_dates(nlp(text), rules.dates, published).records
        assert [d.value for d in found if not is_valid(d.value)] == []


MONTHS = ["January", "Feb.", "march", "Sept", "December", "Dec"]
TEMPLATES = [
    "{mon} {d}, {y}",
    "{d} {mon} {y}",
    "on {mon} {d}",
    "{y}-{m:02d}-{d:02d}",
    "{y}-{m:02d}-{d:02d}T{h:02d}:{mi:02d}Z",
    "at {h}:{mi:02d} a.m. on {mon} {d}",
    "{h}:{mi:02d} GMT",
    "{n} years ago",
    "{n} weeks later",
    "in {mon} {y}",
    "the {n}th century",
    "from {y} to {y2}",
]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    template=st.sampled_from(TEMPLATES),
    mon=st.sampled_from(MONTHS),
    y=st.integers(0, 10000),
    y2=st.integers(0, 99),
    m=st.integers(0, 13),
    d=st.integers(0, 32),
    h=st.integers(0, 99),
    mi=st.integers(0, 99),
    n=st.integers(0, 20000),
    published=st.one_of(
        st.none(), st.sampled_from(EDGES), st.dates().map(lambda day: day.isoformat())
    ),
)
def test_generated_dates_never_raise_nor_give_invalid_values(
    nlp, rules, template, mon, y, y2, m, d, h, mi, n, published
):
    text = "It happened " + template.format(mon=mon, y=y, y2=y2, m=m, d=d, h=h, mi=mi, n=n) + "."
    found = find_dates(nlp(text), rules.dates, published).records
    assert [d.value for d in found if not is_valid(d.value)] == []
