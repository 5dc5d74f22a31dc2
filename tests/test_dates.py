"""Dates: TIMEX3 values for small sentences, resolved against a publication date."""

from __future__ import annotations

import pytest

from claimx.dates import find_dates

MONDAY = "2026-01-12"  # seed 000's date: a Monday
TUESDAY = "2026-01-13"
WEDNESDAY_MORNING = "2026-01-14T08:06"


def dates(nlp, rules, text, published):
    doc = nlp(text)
    return [(d.text, d.value) for d in find_dates(doc, rules.dates, published).records]


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # Full dates and years: the text says it all.
        (
            "The disaster dates to Feb. 3, 1942, when a tunnel flooded.",
            None,
            [("Feb. 3, 1942", "1942-02-03")],
        ),
        (
            "Dec 4, 2025 \u2013 South Korea announces a visit.",
            None,
            [("Dec 4, 2025", "2025-12-04")],
        ),
        ("The report was filed on 2026-01-12 in Seoul.", None, [("2026-01-12", "2026-01-12")]),
        ("They met in September 2025 in Busan.", MONDAY, [("September 2025", "2025-09")]),
        ("It was settled under a 1965 treaty.", MONDAY, [("1965", "1965")]),
        ("He met them on 3 March 2024.", MONDAY, [("3 March 2024", "2024-03-03")]),
        # Month and day without a year: the year that fits the date and the tense.
        ("Lee met Xi on Jan. 5 in Beijing.", MONDAY, [("Jan. 5", "2026-01-05")]),
        ("The Diet opens on Jan. 23.", MONDAY, [("Jan. 23", "2026-01-23")]),
        ("President Lee landed in Japan on Jan 13.", WEDNESDAY_MORNING, [("Jan 13", "2026-01-13")]),
        ("The offer was extended to Nov. 20.", "1989-11-02", [("Nov. 20", "1989-11-20")]),
        ("The court ruled on Dec. 28.", "2026-01-03", [("Dec. 28", "2025-12-28")]),
        ("Jan. 5 was a cold day.", None, [("Jan. 5", "XXXX-01-05")]),
        # Weekdays, by tense and news convention, in a Monday 2026-01-12 article.
        (
            "The summit set for Tuesday in Nara will be closely watched.",
            MONDAY,
            [("Tuesday", "2026-01-13")],
        ),
        (
            "Cheong Wa Dae announced Friday the summit is expected to help.",
            MONDAY,
            [("Friday", "2026-01-09")],
        ),
        ("The two leaders are set to visit on Wednesday.", MONDAY, [("Wednesday", "2026-01-14")]),
        ("Lee delivered the message on Tuesday in Nara.", TUESDAY, [("Tuesday", "2026-01-13")]),
        (
            "South Korea and Japan agreed Monday to excavate the mine.",
            WEDNESDAY_MORNING,
            [("Monday", "2026-01-12")],
        ),
        (
            "On Tuesday, he is scheduled to visit the temple.",
            WEDNESDAY_MORNING,
            [("Tuesday", "2026-01-13")],
        ),
        ("Officials will meet next Friday.", MONDAY, [("next Friday", "2026-01-16")]),
        ("He spoke last Monday.", MONDAY, [("last Monday", "2026-01-05")]),
        ("He spoke on Tuesday, Jan. 13.", None, [("Tuesday, Jan. 13", "XXXX-01-13")]),
        (
            "The paper said in an editorial on Saturday, April 25: the court erred.",
            "1998-04-24",
            [("Saturday, April 25", "1998-04-25")],
        ),
        ("Talks resumed Friday morning.", MONDAY, [("Friday morning", "2026-01-09TMO")]),
        ("It happened on Friday.", None, [("Friday", "XXXX-WXX-5")]),
        # A month alone: past tense looks back, future tense looks ahead.
        (
            "The strains have sharpened since Takaichi's remarks in November.",
            MONDAY,
            [("November", "2025-11")],
        ),
        ("Remains were discovered only in August.", TUESDAY, [("August", "2025-08")]),
        ("Lee will travel to Japan in January.", "2025-12-04", [("January", "2026-01")]),
        ("He has been in office since taking power in June.", TUESDAY, [("June", "2025-06")]),
        ("The case is heard in May in the appeals court.", "2000-03-29", [("May", "2000-05")]),
        ("Prices peaked in late November.", MONDAY, [("late November", "2025-11")]),
        # Relative expressions.
        ("Lee said this year would be the first of a new era.", TUESDAY, [("this year", "2026")]),
        ("The two countries marked the anniversary last year.", TUESDAY, [("last year", "2025")]),
        (
            "Remains were found in August last year.",
            WEDNESDAY_MORNING,
            [("August last year", "2025-08")],
        ),
        ("Shares fell yesterday.", MONDAY, [("yesterday", "2026-01-11")]),
        ("The vote is tomorrow.", MONDAY, [("tomorrow", "2026-01-13")]),
        ("Prices rose next month, they predicted.", MONDAY, [("next month", "2026-02")]),
        ("The law passed a week ago.", MONDAY, [("a week ago", "2026-W02")]),
        ("The deal closed two months ago.", MONDAY, [("two months ago", "2025-11")]),
        ("Sales rose last week.", "2013-03-22", [("last week", "2013-W11")]),
        ("Sales rose in the third quarter.", "1989-11-02", [("the third quarter", "1989-Q3")]),
        (
            "Profit rose in the first quarter of 2026.",
            MONDAY,
            [("the first quarter of 2026", "2026-Q1")],
        ),
        (
            "Profit rose in the third quarter, from $3 a year earlier.",
            "1989-11-02",
            [("the third quarter", "1989-Q3"), ("a year earlier", "1988-Q3")],
        ),
        ("The economy is now growing.", MONDAY, [("now", "PRESENT_REF")]),
        ("Earlier this year, rates fell.", MONDAY, [("Earlier this year", "2026")]),
        ("Demand will slow this summer.", MONDAY, [("this summer", "2026-SU")]),
        # Decades and spans.
        (
            "Since the early 1990s, activists have worked together.",
            TUESDAY,
            [("the early 1990s", "199X")],
        ),
        (
            "Japan occupied the peninsula from 1910 to 1945.",
            MONDAY,
            [("from 1910 to 1945", "1910/1945")],
        ),
        ("Disputes from Japan's 1910-45 colonial rule linger.", MONDAY, [("1910-45", "1910/1945")]),
        ("It was the 20th century.", MONDAY, [("the 20th century", "19")]),
        # Times.
        (
            "Jan 13, 2026 (00:55 UTC) \u2013 Lee departs Seoul for Nara.",
            None,
            [("Jan 13, 2026 (00:55 UTC)", "2026-01-13T00:55Z")],
        ),
        ("Jan 14, 2026, 08:06 am", None, [("Jan 14, 2026, 08:06 am", "2026-01-14T08:06")]),
        (
            "The blast occurred at about 10:35 a.m. Friday.",
            MONDAY,
            [("10:35 a.m. Friday", "2026-01-09T10:35")],
        ),
        ("The vote closes at 5 p.m. today.", MONDAY, [("5 p.m. today", "2026-01-12T17:00")]),
        (
            "Bids are due by 5 p.m. EST Jan. 20.",
            MONDAY,
            [("5 p.m. EST Jan. 20", "2026-01-20T17:00-05:00")],
        ),
        (
            "The crew left at 6 a.m. ten days before the launch.",
            MONDAY,
            [("6 a.m.", "2026-01-12T06:00")],
        ),
        ("Talks broke off at noon Friday.", MONDAY, [("noon Friday", "2026-01-09T12:00")]),
        # Tense: a plan overtaken ("had been due"), and "is to" looking ahead.
        (
            "The offer had been due to expire Friday evening.",
            MONDAY,
            [("Friday evening", "2026-01-09TEV")],
        ),
        ("The bank is to reopen its doors Friday.", MONDAY, [("Friday", "2026-01-16")]),
        # Holidays that move with the weekday.
        ("Voters go to the polls on Election Day.", "2024-10-20", [("Election Day", "2024-11-05")]),
        ("The family met on Thanksgiving Day.", MONDAY, [("Thanksgiving Day", "2025-11-27")]),
        # Anaphors count from the date last mentioned.
        (
            "The fire broke out on Oct. 3, 2024. Later that day, the roads closed.",
            MONDAY,
            [("Oct. 3, 2024", "2024-10-03"), ("Later that day", "2024-10-03")],
        ),
        (
            "He moved to Paris in 1996 and married the following year.",
            MONDAY,
            [("1996", "1996"), ("the following year", "1997")],
        ),
        (
            "Rebels struck on Jan. 5. Troops arrived the next day.",
            MONDAY,
            [("Jan. 5", "2026-01-05"), ("the next day", "2026-01-06")],
        ),
        (
            "Rebels struck on Jan. 5. Scouts had warned the day before.",
            MONDAY,
            [("Jan. 5", "2026-01-05"), ("the day before", "2026-01-04")],
        ),
        # Year spans joined by "and" need "between".
        ("Sales fell between 1982 and 1992.", MONDAY, [("between 1982 and 1992", "1982/1992")]),
        ("Earnings will dip in both 1990 and 1991.", MONDAY, [("1990", "1990"), ("1991", "1991")]),
        # Years said aloud, and years before a plural noun after a determiner.
        ("The bomb went off in nineteen ninety-six.", MONDAY, [("nineteen ninety-six", "1996")]),
        (
            "Plans for the year two thousand were dropped.",
            MONDAY,
            [("the year two thousand", "2000")],
        ),
        ("Leaders of the 1992 protests have moved.", MONDAY, [("1992", "1992")]),
        ("The company's 1989 operating results will suffer.", MONDAY, [("1989", "1989")]),
        # "The year" alone is the reference year; "year-ago" moves a quarter back a year.
        ("Sales for the full year rose 13%.", MONDAY, [("the full year", "2026")]),
        (
            "Profit fell in the year-ago third quarter.",
            "1989-10-26",
            [("the year-ago third quarter", "1988-Q3")],
        ),
        # Reference words.
        ("The firm currently employs 300 people.", MONDAY, [("currently", "PRESENT_REF")]),
        ("Prices have soared in recent years.", MONDAY, [("recent years", "PAST_REF")]),
    ],
)
def test_values(nlp, rules, text, published, expected):
    assert dates(nlp, rules, text, published) == expected


@pytest.mark.parametrize(
    "text, published",
    [
        # Durations are figures, not dates.
        ("Lee has visited Japan twice in seven months.", MONDAY),
        ("They talked for a total of 88 minutes.", MONDAY),
        ("Remains were found more than 80 years later.", MONDAY),
        ("The treaty has stood for 60 years.", MONDAY),
        ("The summit covered the next 60 years of ties.", MONDAY),
        # Numbers that only look like years.
        ("The strike involved 1,942 workers.", MONDAY),
        ("The strike involved 1942 workers.", MONDAY),
        ("Revenue was $2013 million.", MONDAY),
        ("Unemployment hit 1999 percent in the model.", MONDAY),
        # Ordinals, frequencies and words that are not dates.
        ("It was his third meeting and fifth summit.", MONDAY),
        ("They marked the 60th anniversary.", MONDAY),
        ("Such rallies are held daily.", MONDAY),
        ("You may go, and troops march on.", MONDAY),
        ("Jan Egeland spoke to reporters.", MONDAY),
        ("The now-defunct agency closed.", MONDAY),
        ("A two-day summit and a 60-year era.", MONDAY),
        ("As today's summit demonstrates, ties matter.", MONDAY),
        ("Prices rose over the past two months.", MONDAY),
        ("It met the day before the vote.", MONDAY),
        ("They lunch at noon.", MONDAY),
        ("Two thousand people marched.", MONDAY),
    ],
)
def test_not_dates(nlp, rules, text, published):
    assert dates(nlp, rules, text, published) == []


@pytest.mark.parametrize(
    "published, expected_anchor",
    [(MONDAY, "published"), (None, "inferred")],
)
def test_anchor_of_a_relative_date(nlp, rules, published, expected_anchor):
    text = "Timeline:\nJan 13, 2026 \u2013 Lee lands. She took office in October."
    found = find_dates(nlp(text), rules.dates, published).records
    october = next(d for d in found if d.text == "October")
    assert (october.value, october.anchor) == ("2025-10", expected_anchor)
    assert found[0].anchor == "absolute"


@pytest.mark.parametrize(
    "text, value",
    [
        # One date in a caption says nothing of when the article was written.
        ("Photo: the dam in September 24, 2010. The vote is on Friday.", "XXXX-WXX-5"),
        ("Officials met on Sept. 24, 2010, and again on Friday.", "XXXX-WXX-5"),
        # A dateline, a timeline entry, or a day stated twice is evidence.
        ("NAIROBI, Kenya, Aug. 7, 1998 \u2014 A bomb exploded on Friday.", "1998-08-07"),
        ("- March 2, 2024: talks open.\n- March 5, 2024: talks failed on Friday.", "2024-03-01"),
        (
            "On March 5, 2024 talks failed; March 5, 2024 was a Tuesday. They met Friday.",
            "2024-03-01",
        ),
    ],
)
def test_inferred_anchor_needs_strong_evidence(nlp, rules, text, value):
    found = find_dates(nlp(text), rules.dates, None).records
    assert next(d.value for d in found if d.text == "Friday") == value


def test_no_reference_keeps_only_what_is_known(nlp, rules):
    found = find_dates(nlp("She spoke in March and again on Tuesday."), rules.dates, None).records
    assert [(d.value, d.anchor) for d in found] == [("XXXX-03", "none"), ("XXXX-WXX-2", "none")]


def test_spans_are_doc_offsets_in_text_order(nlp, rules):
    text = "On Friday, officials said a vote set for Jan. 23 would follow talks in 1945."
    doc = nlp(text)
    found = find_dates(doc, rules.dates, MONDAY).records
    assert [d.text for d in found] == ["Friday", "Jan. 23", "1945"]
    for d in found:
        assert doc.text[d.span.start : d.span.end] == d.text
        assert d.id == "" and d.at == ""
    assert [d.type for d in found] == ["date", "date", "date"]


def test_time_type(nlp, rules):
    found = find_dates(
        nlp("Jan 13, 2026 (02:38 UTC) \u2013 Lee arrives."), rules.dates, None
    ).records
    assert [(d.type, d.anchor) for d in found] == [("time", "absolute")]


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # A deadline is the nearest such day; an event reported is behind.
        ("Lawmakers face a May 10 deadline.", "2024-05-02", "2024-05-10"),
        ("Shares were tendered by the Tuesday deadline.", "1989-11-02", "1989-10-31"),
        ("Police are investigating a June 20 shooting.", "2024-03-12", "2023-06-20"),
        # A clock time alone belongs to the day its paragraph is about.
        ("The plane crashed on March 3, 2024. It vanished from radar at 10:57 GMT.",
         "2024-03-10", "2024-03-03T10:57Z"),
        ("The bridge was closed on Oct. 3, 2011 at 10:57.", "2011-10-12", "2011-10-03T10:57"),
        ("Police arrived at 10:57 on 11 October 2011.", "2011-10-12", "2011-10-11T10:57"),
        ("Police arrived at 10:57 on Oct. 11.", "2011-10-12", "2011-10-11T10:57"),
        # Anaphora.
        ("Rebels struck on Jan. 5. Earlier in the day, scouts had warned.", "2026-01-12",
         "2026-01-05"),
        ("The plant closed exactly two years ago.", "2024-03-22", "2022-03-22"),
        ("The strike began on Friday, March 15, 2024 and lasted until 7am on the "
         "following Tuesday.", "2024-03-25", "2024-03-19T07:00"),
        # Parts of the day.
        ("Troops moved in Thursday night.", "2024-03-22", "2024-03-21TNI"),
        ("The talks ended this morning.", "2024-03-22", "2024-03-22TMO"),
        ("The vote was held Tuesday evening.", "2024-03-22", "2024-03-19TEV"),
    ],
)  # fmt: skip
def test_classes_of_news_dates(nlp, rules, text, published, expected):
    found = find_dates(nlp(text), rules.dates, published).records
    assert expected in [d.value for d in found]


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # Dates in figures: month first unless the first number cannot be a month.
        ("The vote was held on 11/20.", "2024-03-22", [("11/20", "2023-11-20")]),
        ("The vote is set for Tuesday 11/26.", "2024-11-20", [("Tuesday 11/26", "2024-11-26")]),
        ("Results came out 3/5/2024.", "2024-03-22", [("3/5/2024", "2024-03-05")]),
        ("They met on 21/3/2024 in Rome.", None, [("21/3/2024", "2024-03-21")]),
        ("The strike began on 5/3/18.", "2024-03-22", [("5/3/18", "2018-05-03")]),
        ("Filed 2024/03/22 in Seoul.", None, [("2024/03/22", "2024-03-22")]),
        ("Posted 23.04.2022 in Berlin.", None, [("23.04.2022", "2022-04-23")]),
        # Not dates: fractions, shares, names, no context word, not on the calendar.
        ("Sales rose by 1/2 of that.", "2024-03-22", []),
        ("The shop is open 24/7.", "2024-03-22", []),
        ("Security was tightened after 9/11.", "2024-03-22", []),
        ("The team won 3/4 of its games.", "2024-03-22", []),
        ("He scored 11/20 in the test.", "2024-03-22", []),
        ("The form is dated 2/30/2024.", "2024-03-22", []),
        ("Version 1.2.2024.5 shipped.", "2024-03-22", []),
    ],
)  # fmt: skip
def test_dates_in_figures(nlp, rules, text, published, expected):
    assert dates(nlp, rules, text, published) == expected


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # "in <n> <unit>" ahead of the reference date, in a future clause only.
        ("The company will report in two weeks.", "2024-03-22", [("in two weeks", "2024-W14")]),
        ("The court will rule in 10 days.", "2024-03-22", [("in 10 days", "2024-04-01")]),
        ("Elections will be held in two years' time.", "2024-03-22",
         [("in two years' time", "2026")]),
        ("The plant was built in two years.", "2024-03-22", []),
        ("It was the first drop in two years.", "2024-03-22", []),
        ("It will be the biggest rise in 10 years.", "2024-03-22", []),
        ("Taxes will be low in a quarter that lost money.", "2024-03-22", []),
    ],
)  # fmt: skip
def test_in_offsets(nlp, rules, text, published, expected):
    assert dates(nlp, rules, text, published) == expected


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # A part of the day named with its day.
        ("It happened on the night of March 3.", "2024-03-22",
         [("the night of March 3", "2024-03-03TNI")]),
        ("Gunmen struck in the early hours of Sunday.", "2024-03-22",
         [("the early hours of Sunday", "2024-03-17TMO")]),
        ("Police came on the morning of 3 March 2023.", "2024-03-22",
         [("the morning of 3 March 2023", "2023-03-03TMO")]),
        ("Shots rang out on the evening of Friday, March 15.", "2024-03-22",
         [("the evening of Friday, March 15", "2024-03-15TEV")]),
        # Alone, in a past or future clause: the day of the paragraph, else the story's.
        ("The fire broke out in the early hours of the morning.", "2024-03-22",
         [("the early hours of the morning", "2024-03-22TMO")]),
        ("Rebels struck on Jan. 5. By mid-afternoon, troops had arrived.", "2026-01-12",
         [("Jan. 5", "2026-01-05"), ("mid-afternoon", "2026-01-05TAF")]),
        ("Markets fell Friday.\n\nDealers sold heavily in the morning.", "2024-03-25",
         [("Friday", "2024-03-22"), ("the morning", "2024-03-22TMO")]),
        ("He jogs in the morning.", "2024-03-22", []),
        ("He will speak in the morning meetings.", "2024-03-22", []),
        ("Trump attacked her in early-morning tweets.", "2024-03-22", []),
        # Anaphora: the day last stated, or one after it.
        ("The fire broke out on Oct. 3, 2024. That night, the roads closed.", "2026-01-12",
         [("Oct. 3, 2024", "2024-10-03"), ("That night", "2024-10-03TNI")]),
        ("Rebels struck on Jan. 5. The next morning, troops arrived.", "2026-01-12",
         [("Jan. 5", "2026-01-05"), ("The next morning", "2026-01-06TMO")]),
        ("That night was cold.", "2024-03-22", []),
        # A clock time told by its part of the day.
        ("He will leave at 4 in the morning Thursday.", "2000-04-05",
         [("4 in the morning Thursday", "2000-04-06T04:00")]),
        ("The shots were fired at 9 in the evening.", "2024-03-22",
         [("9 in the evening", "2024-03-22T21:00")]),
        ("He was seen at 16 in the afternoon.", "2024-03-22", []),
        # "the year" before a year number is that year.
        ("Sales fell in the year 2008.", "2024-03-22", [("2008", "2008")]),
    ],
)  # fmt: skip
def test_parts_of_the_day(nlp, rules, text, published, expected):
    assert dates(nlp, rules, text, published) == expected


@pytest.mark.parametrize(
    "text, published, expected",
    [
        # A deadline ("by", "before", "ahead of") looks ahead unless its clause is past.
        ("Officials hope to have a deal by the weekend.", "2024-03-25", "2024-W13-WE"),
        ("The deal must be signed by the weekend, officials said.", "2024-03-25", "2024-W13-WE"),
        ("Traders will square positions ahead of the weekend.", "1989-10-30", "1989-W44-WE"),
        ("Talks broke down over the weekend.", "2024-03-25", "2024-W12-WE"),
        ("The rebels had fled by Friday.", "2024-03-25", "2024-03-22"),
        ("He must leave by Friday.", "2024-03-25", "2024-03-29"),
        ("The INS ordered him to return the boy by Jan. 14.", "2000-01-15", "2000-01-14"),
        ("The plan must be ready by March.", "2024-04-10", "2025-03"),
        # A season alone, the one the clause points to.
        ("The bill passed over the summer.", "2024-10-17", "2024-SU"),
        ("The bill will pass in the spring.", "2024-10-17", "2025-SP"),
        ("Snow fell during the winter.", "2024-02-10", "2023-WI"),
        # A day continuing a date.
        ("The summit is set for April 24 and 25.", "2024-03-17", "2024-04-25"),
        ("Talks ran on Oct. 3-5, 2023.", "2024-03-17", "2023-10-05"),
    ],
)  # fmt: skip
def test_deadlines_seasons_and_day_lists(nlp, rules, text, published, expected):
    found = find_dates(nlp(text), rules.dates, published).records
    assert expected in [d.value for d in found]


@pytest.mark.parametrize(
    "text",
    [
        "The fall in prices hurt sales.",
        "He wrote about the summer months in the spring edition.",
        "On March 3, 5 people died.",
        "The score was 3-5 in March.",
    ],
)
def test_not_seasons_or_day_lists(nlp, rules, text):
    found = find_dates(nlp(text), rules.dates, "2024-03-17").records
    assert not any(
        d.value.endswith(("-SU", "-SP", "-FA")) or d.value == "2024-03-05" for d in found
    )
