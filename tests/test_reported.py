"""Reported speech beyond "X said": documents that show, shares of people in polls."""

import pytest


def indirect(extract_text, text):
    sheet = extract_text(text)
    return [(q.text, q.cue) for q in sheet.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(
    "text, clause, cue",
    [
        # documents, data and images report what they show
        (
            "New polls show Mendes with a narrow lead in the north.",
            "Mendes with a narrow lead in the north",
            "show",
        ),
        (
            "Video of the arrest shows that the driver had his hands raised.",
            "the driver had his hands raised",
            "shows",
        ),
        (
            "The Reuters poll showed the mayor doing better than in earlier surveys.",
            "the mayor doing better than in earlier surveys",
            "showed",
        ),
        # a finding is reported as a clause, whoever finds it
        (
            "The report found that the agency had ignored repeated warnings.",
            "the agency had ignored repeated warnings",
            "found",
        ),
        # a share of people in a poll speaks
        (
            "Forty-seven percent of voters said the economy was their main worry.",
            "the economy was their main worry",
            "said",
        ),
        (
            "Another 19 percent said they would not pick either candidate.",
            "they would not pick either candidate",
            "said",
        ),
    ],
)
def test_reported_by_documents_and_shares(extract_text, text, clause, cue):
    assert indirect(extract_text, text) == [(clause, cue)]


@pytest.mark.parametrize(
    "text",
    [
        # a person who shows something reports nothing
        "He showed support for the new stadium plan.",
        "Maria Santos showed the visitors around the old harbour.",
        # "find" with an object is no finding ("companies find ways")
        "Many companies found ways to cut their tax bills sharply.",
        # a number that is not a share of people never speaks
        "Prices rose by 5 percent in March and fell again in April.",
    ],
)
def test_not_reported(extract_text, text):
    assert indirect(extract_text, text) == []
