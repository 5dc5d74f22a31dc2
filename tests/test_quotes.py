"""Quotes and speakers on small articles: one row per attribution shape."""

import pytest

from claimx.quotes import find_quotes, pair_marks


def quotes(extract_text, text, kinds=("direct", "partial")):
    sheet = extract_text(text)
    return [(q.text, q.speaker) for q in sheet.quotes if q.kind in kinds]


MARIA = "Maria Santos, a spokeswoman for the Lisbon city council, spoke on Monday.\n\n"


@pytest.mark.parametrize(
    "text, expected",
    [
        # X said / said X / X told Y, with mixed straight and curly marks
        (
            MARIA + '"The budget is balanced,\u201d Santos said.',
            [("The budget is balanced,", "Maria Santos")],
        ),
        (
            MARIA + "\u201cThe budget is balanced,\u201d said Maria Santos.",
            [("The budget is balanced,", "Maria Santos")],
        ),
        (
            'Omar Haddad, an economist at Cairo University, told Reuters: "Prices will rise."',
            [("Prices will rise.", "Omar Haddad")],
        ),
        # colon lead-in and the nominal "the spokeswoman"
        (
            MARIA + 'The spokeswoman added, "We will publish the accounts."',
            [("We will publish the accounts.", "Maria Santos")],
        ),
        # an interrupted quote is two records with one speaker
        (
            '"We did our best," Ana Ruiz noted. "Nobody could have done more."',
            [("We did our best,", "Ana Ruiz"), ("Nobody could have done more.", "Ana Ruiz")],
        ),
        # a quote paragraph with no attribution continues the previous speaker
        (
            '"We did our best," said Ana Ruiz.\n\n"Nobody could have done more."',
            [("We did our best,", "Ana Ruiz"), ("Nobody could have done more.", "Ana Ruiz")],
        ),
        # partial quotes inside the reporter's sentence
        (
            "Carla Diaz praised what she called a \u201cbold and fair\u201d plan.",
            [("bold and fair", "Carla Diaz")],
        ),
        # colon lead-ins and dash bylines: no speech verb
        (
            "From the Health Ministry: \u201cAll clinics stay open on Sunday.\u201d",
            [("All clinics stay open on Sunday.", "Health Ministry")],
        ),
        (
            "\u201cWe will win this fight for the river.\u201d \u2014 Maria Santos",
            [("We will win this fight for the river.", "Maria Santos")],
        ),
        (
            "Tom Reyes, the city engineer, said:\n\n\u201cThe bridge is safe to use.\u201d",
            [("The bridge is safe to use.", "Tom Reyes")],
        ),
        # British style: curly single marks, long quotes included
        (
            "\u2018We inherited a service on its knees, and we will not pretend otherwise to anyone"
            " who has waited months for treatment in this country or any other,\u2019 said"
            " Wes Streeting.",
            [
                (
                    "We inherited a service on its knees, and we will not pretend otherwise to"
                    " anyone who has waited months for treatment in this country or any other,",
                    "Wes Streeting",
                )
            ],
        ),
        # the parser's subject inside the quote; a parenthesis after the name
        (
            '"If it holds, we win," said James Acton, a physicist.',
            [("If it holds, we win,", "James Acton")],
        ),
        (
            '"He would be a great senator," Rep. Elijah Cummings (D-Md.) said.',
            [("He would be a great senator,", "Elijah Cummings")],
        ),
        # a common noun with the name in apposition
        (
            'His niece, state delegate Marcia Price, shouted: "The nation is watching."',
            [("The nation is watching.", "Marcia Price")],
        ),
        # scare quotes: no source
        (
            "The so-called \u201cpeace dividend\u201d never arrived.",
            [("peace dividend", None)],
        ),
        # apostrophes are not marks
        (
            "\u201cKorea\u2019s view hasn\u2019t changed,\u201d said Park Ji-hoon.",
            [("Korea\u2019s view hasn\u2019t changed,", "Park Ji-hoon")],
        ),
    ],
)
def test_direct_and_partial(extract_text, text, expected):
    assert quotes(extract_text, text) == expected


def test_surname_goes_to_the_person_last_introduced(extract_text):
    text = (
        "Kim Min-jun, a professor at Yonsei University, said the talks matter.\n\n"
        '"It is a turning point," Kim said.\n\n'
        "Kim Soo-ah, director of the Seoul Policy Forum, disagreed.\n\n"
        '"Nothing has changed," Kim said.\n\n'
        '"The professor is too hopeful," the director added.'
    )
    assert quotes(extract_text, text) == [
        ("It is a turning point,", "Kim Min-jun"),
        ("Nothing has changed,", "Kim Soo-ah"),
        ("The professor is too hopeful,", "Kim Soo-ah"),
    ]


def test_pronoun_skips_an_organisation_paragraph(extract_text):
    text = (
        '"Exports will suffer," said Laura Chen, a trade analyst at the Pacific Institute.\n\n'
        "The Commerce Ministry said on Tuesday it would restrict shipments of chips.\n\n"
        '"Firms will look elsewhere," she said.'
    )
    got = quotes(extract_text, text)
    assert got[-1] == ("Firms will look elsewhere,", "Laura Chen")


def test_name_variants_are_one_person(extract_text):
    text = (
        "Prime Minister Sanae Takaichi met reporters.\n\n"
        '"We agreed," Takaichi Sanae said.\n\n'
        '"Talks went well," Takaichi said.'
    )
    speakers = {s for _, s in quotes(extract_text, text)}
    assert speakers == {"Sanae Takaichi"}


def test_role_comes_from_title_or_appositive(extract_text):
    sheet = extract_text(
        'President Joao Silva spoke first. "We are ready," Silva said.\n\n'
        "Rita Gomes, a researcher at the Lisbon Institute, said: \u201cThey are not.\u201d"
    )
    roles = {q.speaker: q.role for q in sheet.quotes if q.kind == "direct"}
    assert roles == {
        "Joao Silva": "President",
        "Rita Gomes": "researcher at the Lisbon Institute",
    }


@pytest.mark.parametrize(
    "text, clause, speaker, cue",
    [
        (
            "Maria Santos said the city would cut bus fares next year.",
            "the city would cut bus fares next year",
            "Maria Santos",
            "said",
        ),
        (
            "The Finance Ministry announced that taxes will rise.",
            "taxes will rise",
            "Finance Ministry",
            "announced",
        ),
        (
            "Taxes will rise next year, Maria Santos told reporters.",
            "Taxes will rise next year",
            "Maria Santos",
            "told",
        ),
        (
            "The new bridge, Mayor Ana Lopez said, will open in the spring.",
            "The new bridge, Mayor Ana Lopez said, will open in the spring",
            "Ana Lopez",
            "said",
        ),
        (
            "Farmers who said the new rules would ruin them protested in Lyon.",
            "the new rules would ruin them",
            "Farmers",
            "said",
        ),
        (
            "Ana Ruiz closed the meeting early, adding that the vote would wait until May.",
            "the vote would wait until May",
            "Ana Ruiz",
            "adding",
        ),
        (
            "Senator Paul Hart appeared to suggest that the tax would be repealed.",
            "the tax would be repealed",
            "Paul Hart",
            "suggest",
        ),
        (
            "Investors doubted Carlos Mendes's claim that the mine was profitable.",
            "the mine was profitable",
            "Carlos Mendes",
            "claim",
        ),
        (
            "The union has called for an immediate review of the contract.",
            "an immediate review of the contract",
            "The union",
            "called",
        ),
        (
            "According to the Interior Ministry, 40 people were arrested.",
            "40 people were arrested",
            "Interior Ministry",
            "According",
        ),
    ],
)
def test_indirect(extract_text, text, clause, speaker, cue):
    sheet = extract_text(text)
    indirect = [(q.text, q.speaker, q.cue) for q in sheet.quotes if q.kind == "indirect"]
    assert indirect == [(clause, speaker, cue)]


def test_unnamed_source_keeps_the_articles_phrase(extract_text):
    sheet = extract_text('"The vote was rigged," officials said.')
    (quote,) = [q for q in sheet.quotes if q.kind == "direct"]
    assert (quote.speaker, quote.speaker_type, quote.via) == ("officials", "group", "description")
    assert quote.mention == "officials"


def test_multi_paragraph_quote(rules):
    text = (
        '"First part of the statement goes on,\n\n"and the second part ends here," said Ana Ruiz.'
    )
    segments, warnings = pair_marks(text, rules.quotes)
    assert [text[s.start : s.end] for s in segments] == [
        "First part of the statement goes on,",
        "and the second part ends here,",
    ]
    assert warnings == ()


def test_multi_paragraph_quote_shares_its_speaker(nlp, rules):
    doc = nlp(
        '"First part of the statement goes on,\n\n"and the second part ends here," said Ana Ruiz.'
    )
    found = find_quotes(doc, rules.quotes, rules.speakers).records
    assert [q.speaker for q in found if q.kind != "indirect"] == ["Ana Ruiz", "Ana Ruiz"]


@pytest.mark.parametrize(
    "text, contents, warning",
    [
        # an unclosed quote too short to trust is dropped, with a warning
        ('He said "yes and no.', [], "unbalanced quotation mark"),
        # a longer one runs to the end of its paragraph
        (
            'She said "the plan will work for all of us.\n\nNext paragraph.',
            ["the plan will work for all of us."],
            "unbalanced quotation mark",
        ),
        (
            'Stray close" here and "a real one" there.',
            ["a real one"],
            "stray closing quotation mark",
        ),
        ('Balanced "one" and \u201ctwo\u201d.', ["one", "two"], None),
        # a curly quotation inside a straight one is part of it
        (
            'She said: "We asked them \u201cwhy now?\u201d and got no answer."',
            ["We asked them \u201cwhy now?\u201d and got no answer."],
            None,
        ),
        # markup and bare numbers are not quotes
        ('<a data-id="672138489358585856" href="x">He said "hi there" to us.', ["hi there"], None),
    ],
)
def test_unbalanced_marks_warn_and_keep_going(rules, text, contents, warning):
    segments, warnings = pair_marks(text, rules.quotes)
    assert [text[s.start : s.end] for s in segments] == contents
    assert [w for w, _ in warnings] == ([warning] if warning else [])


def test_unbalanced_quote_is_a_sheet_warning(extract_text):
    sheet = extract_text('Lee said "the plan will work for all of us.\n\nNext paragraph here.')
    assert "unbalanced quotation mark at 1:10" in sheet.warnings, sheet.warnings
    assert [q.text for q in sheet.quotes if q.kind != "indirect"] == [
        "the plan will work for all of us."
    ]


def test_pronoun_agrees_with_a_given_name(extract_text):
    text = (
        '"We need more nurses," said Mary Jones, who runs the county hospital.\n\n'
        "John Smith, the county executive, said the budget was fixed.\n\n"
        '"Then the budget is wrong," she said.'
    )
    got = quotes(extract_text, text)
    assert got[-1] == ("Then the budget is wrong,", "Mary Jones")


def test_surname_before_the_full_name(extract_text):
    text = (
        '"We will win," Okafor said on Monday.\n\n'
        "Grace Okafor, the party's candidate, spoke to supporters in Lagos."
    )
    assert quotes(extract_text, text) == [("We will win,", "Grace Okafor")]


def test_title_case_headline_keeps_only_the_person(extract_text):
    sheet = extract_text(
        "Junot Diaz Stressed The Importance Of Reading That Diverse Authors Matter"
    )
    speakers = {q.speaker for q in sheet.quotes}
    assert speakers <= {"Junot Diaz", None}, speakers


def test_headline_surname_takes_the_full_name(extract_text):
    text = (
        "Okafor Vows To Win\n\n"
        "Grace Okafor, the party's candidate, spoke in Lagos.\n\n"
        '"We will win," Okafor said.'
    )
    assert quotes(extract_text, text) == [("We will win,", "Grace Okafor")]


def test_a_date_is_never_the_speaker_and_the_name_beside_the_verb_is(nlp, rules):
    # "Monday" stands next to the verb: a date is never the speaker.
    doc = nlp(
        "\u201cWe will achieve justice in this case,\u201d Tulsa police Chief Chuck Jordan"
        " said Monday."
    )
    found = [
        q for q in find_quotes(doc, rules.quotes, rules.speakers).records if q.kind == "direct"
    ]
    assert [q.speaker for q in found] == ["Chuck Jordan"]


def test_a_surname_with_a_title_gives_the_role(extract_text):
    text = (
        "Okafor Says The Vote Is Safe\n\n"
        "LAGOS -- Governor Okafor spoke on Monday.\n\n"
        '"The count is fair," the governor said.'
    )
    sheet = extract_text(text)
    (quote,) = [q for q in sheet.quotes if q.kind == "direct"]
    assert (quote.speaker, quote.role) == ("Okafor", "Governor")


@pytest.mark.parametrize(
    "text",
    [
        '"One." "Two." "Three," Lee said. "Four."',
        'Lee said: "A" "B" \u201cC\u201d "D," he added.',
        '"Only a quote."',
        "No quotes at all, said Lee.",
    ],
)
def test_the_jumps_over_quoted_tokens_are_the_walks_they_replace(nlp, text):
    from claimx.quotes.attribution import Attributor
    from claimx.rules import load_rules

    doc = nlp(text)
    rules = load_rules().quotes
    paired = pair_marks(doc.text, rules, [(0, len(doc.text))])
    at = Attributor(doc, rules, paired.records)
    assert any(at.quoted) == ('"' in text)
    n = len(doc)
    for i in range(-1, n + 1):
        if i >= 0:
            j = i
            while j < n and not at.outside(doc[j]):
                j += 1
            assert at.next_outside(i) == j
        j = min(i, n - 1)
        while j >= 0 and not at.outside(doc[j]):
            j -= 1
        assert at.prev_outside(min(i, n - 1)) == j
        j = min(i, n - 1)
        while j >= 0 and (not at.outside(doc[j]) or doc[j].is_space):
            j -= 1
        assert at.prev_word_outside(min(i, n - 1)) == j
