"""Reported speech beyond "X said": documents that show, shares of people in polls, aims."""

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
        # an aim or a plan, with the infinitive that says it
        (
            "Mayor Ana Lopez wants to double the number of buses by 2030.",
            "to double the number of buses by 2030",
            "wants",
        ),
        (
            "The ministry plans to publish its figures next week.",
            "to publish its figures next week",
            "plans",
        ),
        # a form the model lemmatizes wrongly ("hoping" -> "hop")
        (
            "Rita Gomes is hoping to win a second term in the autumn.",
            "to win a second term in the autumn",
            "hoping",
        ),
        # an aside the parser missed: the sentence around ", Mayor Ana Lopez said,"
        (
            "To understand the old harbour, Mayor Ana Lopez said, one should walk its walls.",
            "To understand the old harbour, Mayor Ana Lopez said, one should walk its walls",
            "said",
        ),
        (
            "If the plan fails, Mr. Okafor argues, there are other tools in the box.",
            "If the plan fails, Mr. Okafor argues, there are other tools in the box",
            "argues",
        ),
        # what was spoken about
        (
            "Mayor Ana Lopez spoke of the long history of the harbour.",
            "the long history of the harbour",
            "spoke",
        ),
        (
            "Okafor discussed his plans for the new bridge.",
            "his plans for the new bridge",
            "discussed",
        ),
        # what a call is for: a clause, a gerund
        ("Okafor called for the president to resign.", "the president to resign", "called"),
        (
            "The union has repeatedly called for ending the ban on strikes.",
            "ending the ban on strikes",
            "called",
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
        # an aside before a quotation: the quotation is the record
        'After the vote, Lee said, "We will govern for everyone."',
        # speaking on condition of anonymity is no topic
        "An official spoke on the condition of anonymity because the talks were private.",
        # a topic verb beside a quotation is no cue of it
        '"We will win," Lee said, speaking to reporters in Seoul.',
        # an intention verb's object is no aim
        "The mayor wants more buses and fewer cars in the old town.",
        # a number that is not a share of people never speaks
        "Prices rose by 5 percent in March and fell again in April.",
    ],
)
def test_not_reported(extract_text, text):
    assert indirect(extract_text, text) == []
