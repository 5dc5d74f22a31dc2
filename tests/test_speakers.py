"""Who said it: every source typed and resolved (issue 11), one row per bullet."""

import pytest

MARCOS = "Marcos Silva, the mayor, opened the meeting on Monday.\n\n"


def speakers(sheet, kinds=("direct", "partial", "indirect")):
    return [(q.speaker, q.speaker_type, q.via) for q in sheet.quotes if q.kind in kinds]


@pytest.mark.parametrize(
    "text, expected",
    [
        # unnamed sources keep the article's phrase, typed
        (
            '"The count was wrong," a senior campaign aide said.',
            [("a senior campaign aide", "anonymous", "description")],
        ),
        (
            "Republican lawmakers said the bill would pass easily.",
            [("Republican lawmakers", "group", "description")],
        ),
        (
            "The FBI report found that the servers were never secured.",
            [("The FBI report", "document", "description")],
        ),
        # a named organisation
        (
            "The Health Ministry said all clinics would stay open.",
            [("Health Ministry", "organisation", "organisation")],
        ),
        # names, surnames, pronouns, continuation
        (
            'Ana Ruiz, a nurse, spoke first.\n\n"We are tired," Ruiz said.',
            [("Ana Ruiz", "person", "surname")],
        ),
        (
            '"We did our best," said Ana Ruiz.\n\n"Nobody could have done more."',
            [("Ana Ruiz", "person", "name"), ("Ana Ruiz", "person", "continuation")],
        ),
    ],
)
def test_sources_are_typed_and_say_how_they_were_found(extract_text, text, expected):
    assert speakers(extract_text(text)) == expected


def test_the_aide_later_is_the_same_unnamed_source(extract_text):
    text = (
        '"The count was wrong," a senior campaign aide said on Monday.\n\n'
        "The mayor spoke next.\n\n"
        '"We will appeal," the aide added.'
    )
    got = [s for s, _, _ in speakers(extract_text(text), ("direct",))]
    assert got == ["a senior campaign aide", "a senior campaign aide"]


def test_pronoun_takes_the_gender_of_a_given_name_from_the_name_list(extract_text):
    # "Marina" is in no hand-written list: the gender comes from gender-guesser.
    text = (
        MARCOS + '"Rain will come," said Marina Costa, a forecaster at MetSul. '
        '"It will not stop before Friday," she warned.'
    )
    got = [s for s, _, _ in speakers(extract_text(text), ("direct",))]
    assert got == ["Marina Costa", "Marina Costa"]


def test_scare_quotes_are_not_quote_records(extract_text):
    sheet = extract_text('The bank sold "toxic assets" to pension funds in 2007.')
    assert [q.text for q in sheet.quotes if q.kind != "indirect"] == []


def test_they_is_the_group_named_last(extract_text):
    text = 'Nurses at the hospital walked out on Monday.\n\n"We are exhausted," they said.'
    assert speakers(extract_text(text), ("direct",)) == [("Nurses", "group", "pronoun")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a description the article never gave as a role: the person in view
        (
            "Mike Pence spoke in Ohio on Monday.\n\n"
            "The Indiana governor said the debate would be decided on the economy.",
            "Mike Pence",
        ),
        # an organisation by its initials after its full name
        (
            "The International Monetary Fund cut its forecast on Tuesday.\n\n"
            "The IMF said growth would slow to 1.6 percent next year.",
            "International Monetary Fund",
        ),
        # a transcript quoted whole: the capitalised name before the colon
        (
            'Mike Pence spoke to Chris Wallace on Sunday.\n\n"WALLACE: Do you see them as equal?"',
            "Chris Wallace",
        ),
    ],
)
def test_descriptions_and_transcript_labels(extract_text, text, expected):
    assert [s for s, _, _ in speakers(extract_text(text))][-1] == expected


def last_speaker(sheet):
    return [(q.speaker, q.speaker_type) for q in sheet.quotes][-1]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a full name met only in a possessive is learnt; the surname the tagger took
        # for a common noun ("Poulter/NN") is still that person
        (
            'Ian Poulter\'s punishment was harsh, critics said.\n\n"I accept it," Poulter said.',
            ("Ian Poulter", "person"),
        ),
        # an organisation by one word of its full name
        (
            "Exxon Mobil Corporation sold the field in 2012.\n\n"
            "In a statement, Exxon said the sale was fair.",
            ("Exxon Mobil Corporation", "organisation"),
        ),
        (
            "The New York Times reported the loss on Saturday.\n\n"
            "The Times wrote that the loss was large.",
            ("New York Times", "organisation"),
        ),
        # "the fund", "the commission": the organisation whose name has that word
        (
            "The International Monetary Fund cut its forecast on Tuesday.\n\n"
            "The fund warned that trade would slow.",
            ("International Monetary Fund", "organisation"),
        ),
        (
            "The Ontario Civilian Police Commission met on Monday.\n\n"
            "The commission said it would publish its findings.",
            ("Ontario Civilian Police Commission", "organisation"),
        ),
        # a Title Case headline is no name: the body says which words are
        (
            "Ben Carson Defends Remarks On Muslims\n\n"
            "Carson said on Sunday that he stood by his remarks.",
            ("Ben Carson", "person"),
        ),
        (
            "Limited Tools to Fight Terrorism: The United Nations was set up in 1945.\n\n"
            '"We need more," he said.',
            (None, None),
        ),
        # "he" is the person the article follows (the subject), not one named in the
        # words he reported nor one in apposition to an object
        (
            "White House spokesman Josh Earnest said Monday that President Barack Obama "
            "has long called for tax fairness. He said Obama hopes his successor will act.",
            ("Josh Earnest", "person"),
        ),
        (
            "Loretta Lynch spoke at the event on Monday.\n\n"
            "She met Bill Clinton while the department was investigating his wife, "
            'Hillary Clinton, over her email server.\n\n"People tend not to say those '
            'things," she said.',
            ("Loretta Lynch", "person"),
        ),
        # a surname two people share counts, in order, for the one seen last
        (
            "Anna Berg met Tom Berg on Monday.\n\nBerg said the talks went well.",
            ("Tom Berg", "person"),
        ),
    ],
)
def test_resolution(extract_text, text, expected):
    assert last_speaker(extract_text(text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # sources named together are kept together, as a group
        (
            '"The results are clear," Dr Robert Laurenson and Dr Vivek Trivedi said.',
            ("Robert Laurenson and Vivek Trivedi", "group", "joint"),
        ),
        (
            "Sens. Jeff Merkley (D-Ore.), Sherrod Brown (D-Ohio) and Robert Menendez (D-N.J.) "
            "all suggested that those claims could be grounds for a case.",
            ("Jeff Merkley, Sherrod Brown and Robert Menendez", "group", "joint"),
        ),
        (
            "World leaders and diplomats almost universally expressed outrage over the test.",
            ("World leaders and diplomats", "group", "joint"),
        ),
        # two roles of one person are not two sources
        (
            "Ana Ruiz, a lawyer and a writer, said the law was unfair.",
            ("Ana Ruiz", "person", "name"),
        ),
        # an unnamed source keeps the words that place it
        (
            '"Republicans are in a frenzy," said one Democratic source on the panel.',
            ("one Democratic source on the panel", "anonymous", "description"),
        ),
        (
            "Small groups of protesters continued to call for more information.",
            ("Small groups of protesters", "group", "description"),
        ),
        # outside quoted words, "I" is the author and "you" the readers
        (
            "When he asked to talk to me, I told him that the trade spat was over.",
            ("the author", "anonymous", "pronoun"),
        ),
        (
            "You might say that a state university is worth the money.",
            ("readers", "group", "pronoun"),
        ),
    ],
)
def test_joint_placed_and_narrating_sources(extract_text, text, expected):
    assert speakers(extract_text(text))[-1] == expected


def test_i_inside_a_quote_is_not_the_author(extract_text):
    sheet = extract_text('"I think we will win," Ana Ruiz said.')
    assert "the author" not in [s for s, _, _ in speakers(sheet)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # one member of a party, with "the", is the person in view
        (
            "Donald Trump spoke in Ohio on Friday.\n\n"
            "The Republican is also encouraging his supporters to ask why Clinton did not.",
            ("Donald Trump", "person", "role"),
        ),
        # unnamed sources the rules list: indefinite pronouns, shares of people, roles
        (
            "Then someone asked how Clinton could inspire young people.",
            ("someone", "anonymous", "description"),
        ),
        (
            "Another 19 percent said they would not pick either candidate.",
            ("Another 19 percent", "group", "description"),
        ),
        ('"It\'s 3 a.m.," the announcer said.', ("the announcer", "anonymous", "description")),
        # "they" is the group named last, before an organisation named later
        (
            "Democrats met the committee on Monday. They noted the attorney offered to appear.",
            ("Democrats", "group", "pronoun"),
        ),
        # an organisation the tagger got as ORG once and PERSON elsewhere is a person
        (
            "Trump met donors on Monday. Donald Trump said the campaign was strong. "
            "It was a long day.",
            ("Donald Trump", "person", "name"),
        ),
    ],
)
def test_descriptions_groups_and_they(extract_text, text, expected):
    assert speakers(extract_text(text))[-1] == expected


def test_the_newspaper_is_the_organisation_just_named(extract_text):
    text = (
        "The Washington Post first reported the issue on Monday.\n\n"
        "The newspaper said that the foundation spent the money on portraits."
    )
    assert speakers(extract_text(text))[-1] == ("Washington Post", "organisation", "organisation")


@pytest.mark.parametrize(
    "text, expected",
    [
        # titles go to role, the name after the title speaks
        (
            "Senate Majority Leader Chuck Schumer, D-N.Y., said the bill was dead.",
            ("Chuck Schumer", "name"),
        ),
        ("Councillor Rachel Green said the road would close.", ("Rachel Green", "name")),
        # a hyphenated name is one name, found by name (not by surname), its title the role
        (
            "Press secretary Karine Jean-Pierre said the president was resting.",
            ("Karine Jean-Pierre", "name"),
        ),
    ],
)
def test_titles_are_roles_and_names_are_names(extract_text, text, expected):
    quote = extract_text(text).quotes[-1]
    assert (quote.speaker, quote.via) == expected
    assert quote.role and quote.speaker not in quote.role


def test_name_variants_are_one_person_per_article(extract_text):
    text = (
        "President Lee Jae Myung visited Tokyo on Monday.\n\n"
        "Lee Jae-myung said the summit went well.\n\n"
        '"We agreed on much," Lee Jae\u2011myung said.'
    )
    got = {(q.speaker, q.via) for q in extract_text(text).quotes}
    assert len(got) == 1 and next(iter(got))[1] == "name"
