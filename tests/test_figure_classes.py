"""The failure classes of unseen news (issue 12), one parametrised table each.

Each row: a sentence and the figures expected in it, as (text, value, value_max,
unit, kind); an empty list means the sentence holds no figure.
"""

import pytest

from claimx.figures import find_figures


def figures(nlp, rules, text):
    return [
        (f.text, f.value, f.value_max, f.unit, f.kind)
        for f in find_figures(nlp(text), rules.figures).records
    ]


GLUED_UNITS = [
    ("The phone has 256GB of storage.", [("256GB", 256, None, "gigabyte", "measure")]),
    ("Winds hit 50mph overnight.", [("50mph", 50, None, "mile per hour", "measure")]),
    ("The heater draws 6kW.", [("6kW", 6, None, "kilowatt", "measure")]),
    ("It runs at 2.4GHz.", [("2.4GHz", 2.4, None, "gigahertz", "measure")]),
    ("Rain fell at 1.5mm an hour.", [("1.5mm", 1.5, None, "millimetre", "measure")]),
    ("The trip takes 40min.", [("40min", 40, None, "minute", "duration")]),
    ("The battery stores 5.5kWh.", [("5.5kWh", 5.5, None, "kilowatt hour", "measure")]),
    ("He weighs 200lbs.", [("200lbs", 200, None, "pound-mass", "measure")]),
    ("It warmed 2.14degF.", [("2.14degF", 2.14, None, "degree fahrenheit", "measure")]),
    (
        "She ran the 100m in 11 seconds.",
        [("100m", 100, None, "metre", "measure"), ("11 seconds", 11, None, "second", "duration")],
    ),
]

CURRENCIES = [
    ("The deal is worth AUD1.5m.", [("AUD1.5m", 1500000, None, "AUD", "money")]),
    ("It raised US$17m.", [("US$17m", 17000000, None, "USD", "money")]),
    ("Costs were $US55,931,000.", [("$US55,931,000", 55931000, None, "USD", "money")]),
    ("A C$300 million charge.", [("C$300 million", 300000000, None, "CAD", "money")]),
    ("It sold for HK$2.5bn.", [("HK$2.5bn", 2500000000, None, "HKD", "money")]),
    ("It costs USD115.", [("USD115", 115, None, "USD", "money")]),
    ("It costs 115.5USD.", [("115.5USD", 115.5, None, "USD", "money")]),
    ("I paid EUR 125 for it.", [("EUR 125", 125, None, "EUR", "money")]),
    ("The fee is GBP 350.", [("GBP 350", 350, None, "GBP", "money")]),
    ("Tickets cost 100元.", [("100元", 100, None, "CNY", "money")]),
    ("It costs 15€.", [("15€", 15, None, "EUR", "money")]),
    ("It only cost 15 dollars 50.", [("15 dollars 50", 15.5, None, "USD", "money")]),
    (
        "It only cost thirteen dollars and forty-five cents.",
        [("thirteen dollars and forty-five cents", 13.45, None, "USD", "money")],
    ),
    (
        "It costs a quarter million dollars.",
        [("a quarter million dollars", 250000, None, "USD", "money")],
    ),
    (
        "Losses reached half a billion euros.",
        [("half a billion euros", 500000000, None, "EUR", "money")],
    ),
    (
        "The fund lost three quarters billion dollars.",
        [("three quarters billion dollars", 750000000, None, "USD", "money")],
    ),
    (
        "Petrobras raised 1.5 billion reais.",
        [("1.5 billion reais", 1500000000, None, "BRL", "money")],
    ),
    (
        "The Nokia deal was 420 million Finnish markka.",
        [("420 million Finnish markka", 420000000, None, "FIM", "money")],
    ),
]

SCALES_AND_NOTATION = [
    ("Output hit 12.3m tonnes.", [("12.3m tonnes", 12300000, None, "tonne", "measure")]),
    ("The club has 25k members.", [("25k members", 25000, None, "members", "count")]),
    ("The mass is 1.99×10−30 kg.", [("1.99×10−30 kg", 1.99e-30, None, "kilogram", "measure")]),
    ("He bought 12,34,567 shares.", [("12,34,567 shares", 1234567, None, "shares", "count")]),
    (
        "Its population is 1 414 021 100.",
        [("1 414 021 100", 1414021100, None, "population", "count")],
    ),
    ("Some 40\u202f000 fans came.", [("Some 40\u202f000 fans", 40000, None, "fans", "count")]),
    ("It was valued at 10 000 dollars.", [("10 000 dollars", 10000, None, "USD", "money")]),
    ("He is batting .300 this season.", [(".300", 0.3, None, None, "count")]),
    ("The target is US$ 1MM.", [("US$ 1MM", 1000000, None, "USD", "money")]),
    ("In 2019 100 people died.", [("100 people", 100, None, "people", "count")]),
    ("A 75-300mm lens.", [("75-300mm", 75, 300, "millimetre", "measure")]),
    ("The bond yields 7 3/4 %.", [("7 3/4 %", 7.75, None, "percent", "percent")]),
    ("The bond trades at 101 1/4.", [("101 1/4", 101.25, None, None, "count")]),
    ("Add ½ cup of milk.", [("½ cup", 0.5, None, "cup", "measure")]),
    ("They walked two and a half miles.", [("two and a half miles", 2.5, None, "mile", "measure")]),
    ("Its GDP is $2.174T.", [("$2.174T", 2174000000000, None, "USD", "money")]),
    ("Two-thirds of voters agreed.", [("Two-thirds", 66.67, None, "percent", "percent")]),
    ("A tenth of the budget went.", [("A tenth", 10, None, "percent", "percent")]),
    ("One fourth of the population.", [("One fourth", 25, None, "percent", "percent")]),
]

AGES = [
    ("The 15-year-old students left.", [("15-year-old", 15, None, "year", "age")]),
    ("When she was five years old, she moved.", [("five years old", 5, None, "year", "age")]),
    ("Jamie Armstrong, 25, was charged.", [("25", 25, None, "year", "age")]),
]

RATIOS = [
    ("About 1 in 5 adults had symptoms.", [("About 1 in 5 adults", 1, 5, "adults", "ratio")]),
    ("One in four children is poor.", [("One in four children", 1, 4, "children", "ratio")]),
    ("It found 3 out of 10 had no savings.", [("3 out of 10", 3, 10, None, "ratio")]),
    # the whole has a unit or is a year: no ratio
    (
        "He scored 2 in 3 minutes.",
        [("2", 2, None, None, "count"), ("3 minutes", 3, None, "minute", "duration")],
    ),
]

SPACED_AND_VAGUE_SCALES = [
    ("The world has 8 B people.", [("8 B people", 8000000000, None, "people", "count")]),
    ("The fund manages $3 bn.", [("$3 bn", 3000000000, None, "USD", "money")]),
    ("Plan B 2 was dropped.", []),
    (
        "Five and a half million fish live here.",
        [("Five and a half million fish", 5500000, None, "fish", "count")],
    ),
    ("It took one-and-a-half years.", [("one-and-a-half years", 1.5, None, "year", "duration")]),
    (
        "About a million and a half people came.",
        [("About a million and a half people", 1500000, None, "people", "count")],
    ),
    ("Thousands of people marched.", [("Thousands of people", 1000, None, "people", "count")]),
    ("Dozens of homes were hit.", [("Dozens of homes", 12, None, "homes", "count")]),
    (
        "Tens of thousands of troops massed.",
        [("Tens of thousands of troops", 10000, None, "troops", "count")],
    ),
    ("Millions of dollars were lost.", [("Millions of dollars", 1000000, None, "USD", "money")]),
    (
        "Several hundred people gathered.",
        [("Several hundred people", 100, None, "people", "count")],
    ),
]

WEAK_ONE = [
    ("One person was killed.", []),
    ("It was one hell of a way to lose, he said in one tweet.", []),
    ("No one came, and one of them left.", []),
    ("Korea should not take one side or the other.", []),
    ("One million people were killed.", [("One million people", 1000000, None, "people", "count")]),
]

DURATIONS_IN_TEXT = [
    ("Prices doubled over the past two years.", [("two years", 2, None, "year", "duration")]),
    ("Sales will grow over the next 10 years.", [("10 years", 10, None, "year", "duration")]),
    ("It fell in the last five years.", [("five years", 5, None, "year", "duration")]),
    ("They looked back on the past 60 years.", []),
    ("Plans for the next 60 years.", []),
    ("He got a 10-year sentence.", [("10-year", 10, None, "year", "duration")]),
]

SUSPENDED_RANGES = [
    ("A planned 8- to 16-meter telescope.", [("8- to 16-meter", 8, 16, "metre", "measure")]),
    ("A 320- to 640-inch mirror.", [("320- to 640-inch", 320, 640, "inch", "measure")]),
    ("The rate is 5.25%-5.5%.", [("5.25%-5.5%", 5.25, 5.5, "percent", "percent")]),
    ("The number range is 1000-5000.", [("1000-5000", 1000, 5000, "range", "count")]),
]

ACCOUNTING = [
    ("The annual revenue is ($99.99).", [("($99.99)", -99.99, None, "USD", "money")]),
    ("It posted a loss of (12.5) in May.", [("(12.5)", -12.5, None, None, "count")]),
    # an aside after an amount is a conversion, not a negative
    (
        "It earned £5m ($6.5m) last year.",
        [("£5m", 5000000, None, "GBP", "money"), ("$6.5m", 6500000, None, "USD", "money")],
    ),
]

INDEX_LEVELS = [
    ("The Dow closed at 34,500.12 on Friday.", [("34,500.12", 34500.12, None, "points", "index")]),
    (
        "The FTSE 100 rose 20 points to 7,500.",
        [("20 points", 20, None, "points", "index"), ("7,500", 7500, None, "points", "index")],
    ),
    ("The S&P 500 fell 1.2%.", [("1.2%", 1.2, None, "percent", "percent")]),
    ("The Nikkei ended above 33,000.", [("above 33,000", 33000, None, "points", "index")]),
    ("The FTSE fell, and Shell said it will hire 500.", [("500", 500, None, None, "count")]),
]

UNIT_DATA = [
    ("Italy covers 301,338 km2.", [("301,338 km2", 301338, None, "square kilometre", "measure")]),
    ("The plot is 50 m² in all.", [("50 m²", 50, None, "square metre", "measure")]),
    ("The dose is 120 μg.", [("120 μg", 120, None, "microgram", "measure")]),
    ("The file is 100 MB.", [("100 MB", 100, None, "megabyte", "measure")]),
    ("Code 24703m212 failed.", []),
    ("Intel sells the Processor 2.80 GHz chip.", [("2.80 GHz", 2.8, None, "gigahertz", "measure")]),
    ("Each block now pays 6.25 BTC.", [("6.25 BTC", 6.25, None, "BTC", "money")]),
    ("The supply limit is ₿21,000,000.", [("₿21,000,000", 21000000, None, "BTC", "money")]),
]

RATES = [
    ("The wage rises to $15 an hour.", [("$15 an hour", 15, None, "USD per hour", "money")]),
    ("Oil hit $85 a barrel.", [("$85 a barrel", 85, None, "USD per barrel", "money")]),
    ("It earned $1.34 a share.", [("$1.34 a share", 1.34, None, "USD per share", "money")]),
    ("Gas costs $3.50 per gallon.", [("$3.50 per gallon", 3.5, None, "USD per gallon", "money")]),
    ("Gallium sold at $680/kg.", [("$680/kg", 680, None, "USD per kilogram", "money")]),
    ("He was paid $5 a week ago.", [("$5", 5, None, "USD", "money")]),
]

AGES_AFTER_CUES = [
    (
        "Police arrested two men, aged 19 and 23.",
        [
            ("two men", 2, None, "men", "count"),
            ("19", 19, None, "year", "age"),
            ("23", 23, None, "year", "age"),
        ],
    ),
    ("Voters ages 18 to 24 stayed home.", [("18 to 24", 18, 24, "year", "age")]),
    ("He retired at the age of 65.", [("65", 65, None, "year", "age")]),
]

NEWS_SPELLINGS = [
    ("The club paid 50 million pounds.", [("50 million pounds", 50000000, None, "GBP", "money")]),
    ("He weighs 180 pounds.", [("180 pounds", 180, None, "pound-mass", "measure")]),
    ("Shares rose 5pc in London.", [("5pc", 5, None, "percent", "percent")]),
    ("The Fed cut by 25bps.", [("25bps", 25, None, "basis points", "percent")]),
    ("The budget is Rs 5 lakh crore.", [("Rs 5 lakh crore", 5 * 10**12, None, "INR", "money")]),
    (
        "It lost $3.2 million, or 15 cents a share.",
        [
            ("$3.2 million", 3200000, None, "USD", "money"),
            ("15 cents a share", 15, None, "cents per share", "money"),
        ],
    ),
]

SCORES_AFTER_NAMES = [
    ("The Senate voted 51 to 49 to confirm her.", [("51 to 49", 51, 49, None, "score")]),
    ("Rates rose 6 to 8 percent after the vote.", [("6 to 8 percent", 6, 8, "percent", "percent")]),
    ("The Lakers beat the Celtics 110-102.", [("110-102", 110, 102, None, "score")]),
    ("The Boeing 747-400 landed.", []),
]

NOT_FIGURES = [
    "He lives at 575 Wilbraham Road.",
    "Photo 1 of 12",
    "It was the No. 1 song at the COP28 talks.",
    "Share this article 12 Comments 3 min read",
    "The office is at 16-18 Industrial Avenue.",
    "The new Galaxy S23 sold out.",
    "Flight MH17 was shot down.",
    "The i7 chip is fast.",
    "It was the 21st attempt.",
    "The 13F filing shows the stake.",
    "It chartered a Boeing 777F to fly supplies.",
    "The Nikkei 225 index opened late.",
    "Tencent (0700.HK) and Samsung Electronics (005930.KS) opened late.",
    "Toyota (TYO: 7203) opened late.",
]

SCORES = [
    ("The Senate voted 74-24 to pass it.", [("74-24", 74, 24, None, "score")]),
    ("Arsenal won 2-0 on Sunday.", [("2-0", 2, 0, None, "score")]),
    ("The referendum split 52-48.", [("52-48", 52, 48, None, "score")]),
    ("The court ruled 4-5 against him.", [("4-5", 4, 5, None, "score")]),
    ("Between 5-10 people came.", [("Between 5-10 people", 5, 10, "people", "count")]),
]

RANGES = [
    (
        "They were given between 44 mg and 50 mg.",
        [("between 44 mg and 50 mg", 44, 50, "milligram", "measure")],
    ),
    ("The trip takes 25 – 40min.", [("25 – 40min", 25, 40, "minute", "duration")]),
    (
        "It fell from 4.8% to 4.7%.",
        [("4.8%", 4.8, None, "percent", "percent"), ("4.7%", 4.7, None, "percent", "percent")],
    ),
    ("Rates rose 5% to 7%.", [("5% to 7%", 5, 7, "percent", "percent")]),
]

COUNTED_NOUNS = [
    (
        "There are about 20 coal-fired power plants.",
        [("about 20 coal-fired power plants", 20, None, "plants", "count")],
    ),
]

SIGNS_AND_COMPOUNDS = [
    (
        "It fell to -5 degree fahrenheit.",
        [("-5 degree fahrenheit", -5, None, "degree fahrenheit", "measure")],
    ),
    ("Revenue was $-99.99.", [("$-99.99", -99.99, None, "USD", "money")]),
    ("He is 5 feet 2 inches tall.", [("5 feet 2 inches", 5 + 2 / 12, None, "foot", "measure")]),
    ("The six-mile trip took an hour.", [("six-mile", 6, None, "mile", "measure")]),
    ("A five-year-old boy.", [("five-year-old", 5, None, "year", "age")]),
    ("Leaders met for a two-day summit.", []),
    ("ALL 5 solutions are wrong.", [("5 solutions", 5, None, "solutions", "count")]),
]

TEMPERATURES = [
    ("It was 40 deg celsius.", [("40 deg celsius", 40, None, "degree Celsius", "measure")]),
    ("Water boils at 100° Celsius.", [("100° Celsius", 100, None, "degree Celsius", "measure")]),
    ("It hit 90 degrees F.", [("90 degrees F", 90, None, "degree fahrenheit", "measure")]),
    ("It reached 45C on Tuesday.", [("45C", 45, None, "degree Celsius", "measure")]),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    GLUED_UNITS
    + CURRENCIES
    + SCALES_AND_NOTATION
    + AGES
    + SCORES
    + RANGES
    + COUNTED_NOUNS
    + TEMPERATURES
    + SIGNS_AND_COMPOUNDS
    + RATIOS
    + SPACED_AND_VAGUE_SCALES
    + WEAK_ONE
    + DURATIONS_IN_TEXT
    + SUSPENDED_RANGES
    + ACCOUNTING
    + INDEX_LEVELS
    + UNIT_DATA
    + RATES
    + AGES_AFTER_CUES
    + NEWS_SPELLINGS
    + SCORES_AFTER_NAMES,
)
def test_figure_classes(nlp, rules, text, expected):
    assert figures(nlp, rules, text) == expected


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures(nlp, rules, text):
    assert figures(nlp, rules, text) == []
