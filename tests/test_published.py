"""Publication dates from bylines, headers and front matter."""

from __future__ import annotations

import pytest

from claimx.published import byline, parse_stamp
from claimx.reader import read_article


@pytest.mark.parametrize(
    "line, value, cue",
    [
        # AP
        ("Published 11:42 PM EST, March 22, 2024", "2024-03-22T23:42-05:00", "published"),
        ("Updated 6:02 AM GMT+1, March 3, 2024", "2024-03-03T06:02+01:00", "updated"),
        ("Published 6:02 AM ET, March 3, 2024", "2024-03-03T06:02-05:00", "published"),
        ("Published 6:02 AM ET, July 3, 2024", "2024-07-03T06:02-04:00", "published"),
        # The Guardian
        ("Wed 26 Jun 2024 14.05 BST", "2024-06-26T14:05+01:00", ""),
        ("Last modified on Wed 26 Jun 2024 16.30 BST", "2024-06-26T16:30+01:00", "updated"),
        # Reuters, also as pasted from the page
        ("March 22, 2024 11:42 PM GMT", "2024-03-22T23:42Z", ""),
        ("March 22, 20242:31 PM GMTUpdated 2 hours ago", "2024-03-22T14:31Z", ""),
        # CNN, BBC, Al Jazeera, many
        ("Updated 2:14 PM EDT, Wed June 26, 2024", "2024-06-26T14:14-04:00", "updated"),
        ("June 26, 2024, 5:00 a.m. ET", "2024-06-26T05:00-04:00", ""),
        ("Published On 26 Jun 2024", "2024-06-26", "published"),
        ("By JANE DOE, Associated Press  Updated 6:02 AM GMT+1, March 3, 2024",
         "2024-03-03T06:02+01:00", "updated"),
        ("2024-06-26", "2024-06-26", ""),
        ("Date: 12 October 2011", "2011-10-12", "published"),
        # Dates in figures (Politico, many European sites) and the published stamp of
        # a line that also has the update (The Hindu, NYT).
        ("03/22/2024 11:42 PM EDT", "2024-03-22T23:42-04:00", ""),
        ("22/03/2024", "2024-03-22", ""),
        ("22.03.2024 11:42", "2024-03-22T11:42", ""),
        ("2024/03/22", "2024-03-22", ""),
        ("March 22, 2024 11:42 pm | Updated March 23, 2024 06:00 am", "2024-03-22T23:42", ""),
        ("Published March 22, 2024 Updated March 23, 2024, 5:01 a.m. ET", "2024-03-22",
         "published"),
        ("Published: 10:48 EDT, 23 March 2024 | Updated: 11:05 EDT, 23 March 2024",
         "2024-03-23T10:48-04:00", "published"),
        ("Posted Sat 23 Mar 2024 at 6:00am", "2024-03-23T06:00", "published"),
        ("Thu, Mar 21, 2024, 4:24 PM EDT", "2024-03-21T16:24-04:00", ""),
        ("Published 9:00 AM EDT, Sun April 7, 2013", "2013-04-07T09:00-04:00", "published"),
        ("Published: April 7, 2013 9:00 a.m.", "2013-04-07T09:00", "published"),
        # An impossible clock time is left out; the date stands.
        ("Published 25:42 PM EST, March 22, 2024", "2024-03-22", ""),
    ],
)  # fmt: skip
def test_bylines(rules, line, value, cue):
    stamp = byline(line, rules.dates)
    assert stamp is not None
    assert (stamp.value, stamp.cue) == (value, cue)


@pytest.mark.parametrize(
    "line",
    [
        "On March 3, 2024, the court ruled that the law was void and must be rewritten.",
        "The company reported its results for the quarter on Tuesday.",
        "February 30, 2024",
        "By Jane Doe",
        "On July 6, 2015, Sanders made the following comment:",
        "Sept. 5, 2024 was a Thursday.",
        "13/13/2024",
        "Call 12/10/2024 for details on the sale, said the manager of the company.",
    ],
)
def test_not_bylines(rules, line):
    assert byline(line, rules.dates) is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ("14 October 2025", "2025-10-14"),
        ("2024-03-22T23:42:00+01:00", "2024-03-22T23:42+01:00"),
        ("2024-03-22T23:42:00Z", "2024-03-22T23:42Z"),
        ("Fri, 22 Mar 2024 23:42:00 GMT", "2024-03-22T23:42Z"),
        ("Fri, 22 Mar 2024 23:42:00 -0500", "2024-03-22T23:42-05:00"),
        ("2024-03-22 23:42", "2024-03-22T23:42"),
        ("2026-01-12T25:00:00", None),
        ("2026-13-45", None),
        ("yesterday", None),
        ("9999-12-31", "9999-12-31"),
    ],
)
def test_front_matter_values(rules, value, expected):
    assert parse_stamp(value, rules.dates) == expected


AP = """Hospital strike ends after three days

By JANE DOE
Published 11:42 PM EST, March 22, 2024
Updated 6:02 AM EST, March 23, 2024

Nurses returned to work on Friday after the deal.
"""
GUARDIAN = """Nurses end strike
Wed 26 Jun 2024 14.05 BST
Last modified on Wed 26 Jun 2024 16.30 BST

Nurses returned to work on Tuesday.
"""


@pytest.mark.parametrize(
    "text, published, where",
    [
        (AP, "2024-03-22T23:42-05:00", "byline"),
        (GUARDIAN, "2024-06-26T14:05+01:00", "byline"),
        ('---\npubDate: "Fri, 22 Mar 2024 23:42:00 GMT"\n---\nNurses struck.\n',
         "2024-03-22T23:42Z", "front-matter"),
        ('---\ndate: "14 October 2025"\n---\nNurses struck.\n', "2025-10-14", "front-matter"),
        ("---\npublished: 2024-03-22T23:42:00+01:00\n---\nNurses struck.\n",
         "2024-03-22T23:42+01:00", "front-matter"),
    ],
)  # fmt: skip
def test_reader_finds_the_publication_date(rules, text, published, where):
    article = read_article(text.encode(), "a.txt", rules.articles, None, rules.dates)
    assert (article.published, article.published_from) == (published, where)
    assert not any("no publication date" in w for w in article.warnings)


def test_byline_lines_are_not_content(rules):
    article = read_article(AP.encode(), "a.txt", rules.articles, None, rules.dates)
    removed = [AP[s:e] for s, e in article.removed]
    assert "Published 11:42 PM EST, March 22, 2024" in removed
    assert article.title == "Hospital strike ends after three days"


def test_no_publication_date_is_a_warning(rules):
    article = read_article(
        b"Nurses struck on Friday.\n", "a.txt", rules.articles, None, rules.dates
    )
    assert article.published is None
    assert any("no publication date" in w for w in article.warnings)


def test_relative_dates_resolve_against_the_byline(extract_text):
    sheet = extract_text(AP)
    friday = next(d for d in sheet.dates if d.text == "Friday")
    assert (friday.value, friday.anchor) == ("2024-03-22", "published")
