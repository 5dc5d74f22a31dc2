"""Figures: the numbers a fact-checker would check, with what they count.

`find_figures` reads numbers from the Doc text (digits, number words, scales),
widens each one to its qualifier, currency, range and unit, and asks the
dependency parse for the noun it counts. All words come from `rules/figures.yaml`
(`FigureRules`); this module holds the mechanisms only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from spacy.tokens import Doc, Token

from claimx.model import Figure, Span


@dataclass(frozen=True)
class FigureRules:
    # Numbers written as words and their values: one: 1, twenty: 20.
    number_words: dict[str, float]
    # Words multiplying what precedes them: dozen: 12, million: 1000000.
    scale_words: dict[str, float]
    # Scale abbreviations written straight after digits ("1.5bn", "£150m"); case-sensitive.
    scale_suffixes: dict[str, float]
    # One-letter suffixes that are a scale only next to a currency ("100m" alone is metres).
    suffixes_need_currency: tuple[str, ...] = ()
    # Words read as one before a scale word: "a dozen", "a million".
    article_words: tuple[str, ...] = ()
    # Number words that are figures only with a scale, unit or qualifier ("one side").
    weak_words: tuple[str, ...] = ()
    # Phrases standing for a number before a counted noun: "a couple of": 2.
    number_phrases: dict[str, float] | None = None
    # Fractions read as percent of a whole: half: 50.
    percent_words: dict[str, float] | None = None
    # Words one of which must follow a fraction word for it to be a share: "half of".
    percent_word_followers: tuple[str, ...] = ()
    # Words stating a multiple on their own: twice: 2.
    multiple_words: dict[str, float] | None = None
    # Nouns making "N <noun>" a multiple: "three times", "five-fold".
    multiple_nouns: tuple[str, ...] = ()
    # Words after "N times" that make it a multiple rather than a count of occasions.
    multiple_followers: tuple[str, ...] = ()
    # Qualifier phrases before a number, to = ~ > >= < <=.
    qualifiers: dict[str, str] | None = None
    # Qualifier phrases after a number ("or more", "-odd", "+").
    post_qualifiers: dict[str, str] | None = None
    # Words turning the next number negative ("minus 20 degrees").
    negative_words: tuple[str, ...] = ()
    # Words or signs between the low and high end of a range.
    range_connectors: tuple[str, ...] = ()
    # Words opening a range, to the word closing its low end: between: and.
    range_openers: dict[str, str] | None = None
    # Words before a number after which "to" is a change, not a range ("from 5 to 7").
    range_blockers: tuple[str, ...] = ()
    # Currency symbols, codes and names (before or after the amount) to ISO codes.
    currencies: dict[str, str] | None = None
    # Currency words that need a currency sign or a scale to be money ("2 million won").
    currency_needs_scale: tuple[str, ...] = ()
    # Unit words by kind of figure (percent, duration, measure, money for cents).
    units: dict[str, tuple[str, ...]] | None = None
    # Unit spellings reported under another name: "%": percent.
    unit_names: dict[str, str] | None = None
    # Suffixes after a hyphenated unit that keep it a figure: "34-year-old".
    age_suffixes: tuple[str, ...] = ()
    # Words right before a number that make it a name: Route, Gate, Boeing (case-sensitive).
    identifier_words: tuple[str, ...] = ()
    # Regular expressions for text that holds digits but no figure (phones, times, COVID-19).
    not_figure_patterns: tuple[str, ...] = ()
    # Words after a number that make it a time of day: a.m., GMT.
    time_words: tuple[str, ...] = ()
    # Words right before a number that make it a phone number: call, dial.
    phone_cues: tuple[str, ...] = ()
    # Month names and abbreviations (case-sensitive): a number next to one is a date.
    months: tuple[str, ...] = ()
    # Lowest bare four-digit number read as a year.
    year_min: int = 1000
    # Highest bare four-digit number read as a year.
    year_max: int = 2100
    # Qualifier words that are prepositions before a duration: "over 10 years".
    period_prepositions: tuple[str, ...] = ()
    # Words before a number making it a period relative to now: "the past 60 years".
    period_words: tuple[str, ...] = ()
    # Determiners before a written-out count that make it a reference ("the two leaders").
    anaphoric_determiners: tuple[str, ...] = ()
    # Penn Treebank tags of nouns a number may count.
    noun_tags: tuple[str, ...] = ("NN", "NNS", "NNP", "NNPS")


def find_figures(doc: Doc, rules: FigureRules, skip: Sequence[Span] = ()) -> Iterator[Figure]:
    """The figures of `doc` in text order.

    None overlaps a `skip` span (the dates found first), except durations: "80
    years" stays a figure when a date extractor reads "80 years later" as a date.
    """
    lex = _lexicon(rules)
    text = doc.text
    blocked = _blocked_spans(text, lex.not_figure)
    pos = 0
    while True:
        m = lex.number.search(text, pos)
        if m is None:
            return
        reading = _Reader(doc, text, lex, rules, m, floor=pos).read()
        if reading is None:
            pos = m.end()
            continue
        figure, consumed = reading
        pos = max(consumed, m.end())
        if figure is None or _overlaps(figure.span, blocked):
            continue
        # A duration is a figure even inside a date phrase: "more than 80 years later"
        # is a date to the date extractor and "more than 80 years" to a fact-checker.
        if figure.kind != "duration" and _overlaps(figure.span, skip):
            continue
        yield figure


_LEXICONS: dict[int, tuple[FigureRules, _Lexicon]] = {}


def _lexicon(rules: FigureRules) -> _Lexicon:
    """The compiled patterns for `rules`, built once per rules object."""
    cached = _LEXICONS.get(id(rules))
    if cached is None or cached[0] is not rules:
        cached = _LEXICONS[id(rules)] = (rules, _Lexicon.build(rules))
    return cached[1]


# --- patterns -----------------------------------------------------------------

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"


def _word(word: str) -> str:
    """`word` as a regex, bounded where it starts or ends with a letter or digit."""
    body = re.escape(word).replace(r"\ ", r"\s+")
    if word[:1].isalnum():
        body = r"(?<![\w])" + body
    if word[-1:].isalnum() or word[-1:] == ".":
        body += r"(?![\w])"
    return body


def _alt(words: Iterable[str]) -> str:
    """An alternation trying longer words first; never matches when `words` is empty."""
    parts = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(_word(w) for w in parts) or r"(?!x)x"


def _joined(word: str) -> str:
    """A connector or post-qualifier: words need spaces around them, signs do not."""
    if word[:1].isalnum():
        return r"\s+" + _word(word)
    return r"\s*" + re.escape(word)


@dataclass(frozen=True)
class _Lexicon:
    """The rules compiled into the regular expressions the reader uses."""

    number: re.Pattern[str]
    number_at: re.Pattern[str]
    qualifier_before: re.Pattern[str]
    currency_before: re.Pattern[str]
    negative_before: re.Pattern[str]
    opener_before: re.Pattern[str]
    blocker_before: re.Pattern[str]
    determiner_before: re.Pattern[str]
    period_before: re.Pattern[str]
    phone_before: re.Pattern[str]
    month_before: re.Pattern[str]
    connector_after: re.Pattern[str]
    post_qualifier_after: re.Pattern[str]
    currency_after: re.Pattern[str]
    unit_after: re.Pattern[str]
    age_after: re.Pattern[str]
    time_after: re.Pattern[str]
    month_after: re.Pattern[str]
    multiple_after: re.Pattern[str]
    follower_after: re.Pattern[str]
    percent_follower_after: re.Pattern[str]
    not_figure: tuple[re.Pattern[str], ...]
    words: dict[str, Decimal]
    scales: dict[str, Decimal]
    suffixes: dict[str, Decimal]
    phrases: dict[str, Decimal]
    shares: dict[str, Decimal]
    multiples: dict[str, Decimal]
    unit_kind: dict[str, str]

    @classmethod
    def build(cls, rules: FigureRules) -> _Lexicon:
        ci = re.I
        words = {k.lower(): Decimal(str(v)) for k, v in rules.number_words.items()}
        scales = {k.lower(): Decimal(str(v)) for k, v in rules.scale_words.items()}
        suffixes = {k: Decimal(str(v)) for k, v in rules.scale_suffixes.items()}
        phrases = _decimals(rules.number_phrases)
        shares = _decimals(rules.percent_words)
        multiples = _decimals(rules.multiple_words)
        units = rules.units or {}
        unit_kind = {u.lower(): kind for kind, names in units.items() for u in names}
        currencies = rules.currencies or {}

        word_num = f"(?:{_alt(words)}|{_alt(scales)})"
        article = rf"(?:(?:{_alt(rules.article_words)})\s+(?=(?:{_alt(scales)})))?"
        spelled = rf"{article}{word_num}(?:(?:[\s-]+|\s+and\s+){word_num})*"
        attached_unit = rf"(?=(?:{_alt(unit_kind)})(?![\w]))"
        suffix_alt = "|".join(map(re.escape, _longest(suffixes))) or r"(?!x)x"
        digits = (
            rf"(?<![\w:/]){_DIGITS}"
            rf"(?:\s+(?:{_alt(scales)})|(?:{suffix_alt})(?![\w]))?"
            rf"(?:{attached_unit}|(?![\w:/]|[.,]\d))"
        )
        special = _alt([*phrases, *shares, *multiples])
        number_src = rf"(?P<special>{special})|(?P<digits>{digits})|(?P<words>{spelled})"
        return cls(
            number=re.compile(number_src, ci),
            number_at=re.compile(rf"(?P<digits>{digits})|(?P<words>{spelled})", ci),
            qualifier_before=re.compile(rf"(?:{_alt(rules.qualifiers or {})})\s+$", ci),
            currency_before=re.compile(rf"(?:{_alt(currencies)})\s?$", ci),
            negative_before=re.compile(rf"(?:{_alt(rules.negative_words)})\s+$", ci),
            opener_before=re.compile(rf"(?:{_alt(rules.range_openers or {})})\s+$", ci),
            blocker_before=re.compile(rf"(?:{_alt(rules.range_blockers)})\s+$", ci),
            determiner_before=re.compile(rf"(?:{_alt(rules.anaphoric_determiners)})\s+$", ci),
            period_before=re.compile(rf"(?:{_alt(rules.period_words)})\s+$", ci),
            phone_before=re.compile(rf"(?:{_alt(rules.phone_cues)})\s+$", ci),
            month_before=re.compile(rf"(?:{_alt(rules.months)})\s+$"),
            connector_after=re.compile(
                "|".join(_joined(c) + r"\s*" for c in _longest(rules.range_connectors)) or "(?!x)x",
                ci,
            ),
            post_qualifier_after=re.compile(
                "|".join(_joined(q) for q in _longest(rules.post_qualifiers or {})) or "(?!x)x",
                ci,
            ),
            currency_after=re.compile(rf"\s*(?:{_alt(currencies)})", ci),
            unit_after=re.compile(rf"(?P<sep>\s*-\s*|\s*)(?P<unit>{_alt(unit_kind)})", ci),
            age_after=re.compile(
                rf"(?:{'|'.join(map(re.escape, rules.age_suffixes)) or '(?!x)x'})"
                r"(?![\w])",
                ci,
            ),
            time_after=re.compile(rf"\s*(?:{_alt(rules.time_words)})", ci),
            month_after=re.compile(rf"\s+(?:{_alt(rules.months)})"),
            multiple_after=re.compile(
                rf"(?:\s+|-)(?:{_alt(n.lstrip('-') for n in rules.multiple_nouns)})", ci
            ),
            follower_after=re.compile(rf"\s+(?:{_alt(rules.multiple_followers)})", ci),
            percent_follower_after=re.compile(rf"\s+(?:{_alt(rules.percent_word_followers)})", ci),
            not_figure=tuple(re.compile(p) for p in rules.not_figure_patterns),
            words=words,
            scales=scales,
            suffixes=suffixes,
            phrases=phrases,
            shares=shares,
            multiples=multiples,
            unit_kind=unit_kind,
        )


def _decimals(mapping: dict[str, float] | None) -> dict[str, Decimal]:
    return {k.lower(): Decimal(str(v)) for k, v in (mapping or {}).items()}


def _longest(words: Iterable[str]) -> list[str]:
    return sorted(set(words), key=len, reverse=True)


def _blocked_spans(text: str, patterns: Iterable[re.Pattern[str]]) -> list[Span]:
    return [Span(m.start(), m.end()) for p in patterns for m in p.finditer(text)]


def _overlaps(span: Span, others: Iterable[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


# --- reading numbers --------------------------------------------------------


@dataclass(frozen=True)
class _Number:
    value: Decimal
    start: int
    end: int
    spelled: bool  # written in words ("two"), not digits
    scaled: bool  # carries its own scale ("12 million", "1.5bn")
    suffix: str | None  # the abbreviated scale used, if any ("m" in "£150m")
    word: str  # the lowercased text


def _read_number(m: re.Match[str], lex: _Lexicon) -> _Number | None:
    """The value of a number match; None when its words do not make one number."""
    raw = m.group(0)
    if m.group("digits"):
        return _read_digits(raw, m.start(), lex)
    return _read_words(raw, m.start(), lex)


def _read_digits(raw: str, start: int, lex: _Lexicon) -> _Number:
    num = re.match(_DIGITS, raw)
    assert num is not None  # the digits group always starts with digits
    value = Decimal(num.group(0).replace(",", ""))
    rest = raw[num.end() :]
    scale_word = rest.strip().lower()
    suffix = None
    if scale_word in lex.scales:
        value *= lex.scales[scale_word]
    elif rest in lex.suffixes:
        value *= lex.suffixes[rest]
        suffix = rest
    return _Number(value, start, start + len(raw), False, bool(rest), suffix, raw.lower())


def _read_words(raw: str, start: int, lex: _Lexicon) -> _Number | None:
    """Add and multiply number words: "one hundred and five" is 105, "two dozen" 24.

    Stops before an "and" that does not follow a hundred or more ("five and ten"
    are two numbers) and before a word that cannot continue the number.
    """
    total = current = Decimal(0)
    seen = False
    end = 0
    previous = None
    for token in re.finditer(r"[^\W\d_]+", raw):
        word = token.group(0).lower()
        if word == "and":
            if previous is None or lex.scales.get(previous, Decimal(0)) < 100:
                break
            continue
        if word in lex.words:
            if previous in lex.words and (lex.words[previous] < 20 or lex.words[word] >= 10):
                break  # "five six" or "twenty thirty": not one number
            current += lex.words[word]
        elif word in lex.scales:
            scale = lex.scales[word]
            current = (current or Decimal(1)) * scale
            if scale >= 1000:
                total += current
                current = Decimal(0)
        elif previous is None:
            continue  # the article of "a dozen"
        else:
            break
        seen = True
        previous = word
        end = token.end()
    if not seen:
        return None
    text = raw[:end]
    scaled = any(w.lower() in lex.scales for w in re.findall(r"[^\W\d_]+", text))
    return _Number(total + current, start, start + end, True, scaled, None, text.lower())


# --- widening a number into a figure ------------------------------------------


class _Reader:
    """Widens one number match into a figure, or decides it is none.

    `read()` returns None when the match is not a figure, else the figure (or
    None when it is rejected after consuming text, such as a year range) and the
    offset up to which the text is used.
    """

    def __init__(
        self, doc: Doc, text: str, lex: _Lexicon, rules: FigureRules, m: re.Match[str], floor: int
    ) -> None:
        self.doc, self.lex, self.rules, self.m, self.floor = doc, lex, rules, m, floor
        self.text = text  # Doc.text is rebuilt on every access: pass it down once

    def read(self) -> tuple[Figure | None, int] | None:
        if self.m.group("special"):
            return self._read_special()
        low = _read_number(self.m, self.lex)
        if low is None:
            return None
        if self._is_name_or_time(low):
            return None, self._range_tail(low)
        year_end = self._year_end(low)
        if year_end is not None:
            return None, year_end
        return self._read_amount(low)

    # -- the number's surroundings --

    def _left(self, end: int, pattern: re.Pattern[str]) -> _Shifted | None:
        window = self.text[max(self.floor, end - 40) : end]
        m = pattern.search(window)
        if m is None:
            return None
        return _Shifted(m, end - len(window))

    def _is_name_or_time(self, num: _Number) -> bool:
        lex, text = self.lex, self.text
        if lex.time_after.match(text, num.end) or lex.month_after.match(text, num.end):
            return True
        if self._left(num.start, lex.month_before) or self._left(num.start, lex.phone_before):
            return True
        return self._follows_name(num.start)

    def _follows_name(self, start: int) -> bool:
        """A capitalised name right before the number: "Route 66", "Boeing 737"."""
        before = self._token_before(start)
        if before is None or not before.whitespace_:
            return False
        if before.text in self.rules.identifier_words:
            return True
        if before.tag_ not in ("NNP", "NNPS") or not before.text[:1].isupper():
            return False
        words = {w.lower() for w in (self.rules.qualifiers or {})} | set(self.rules.months)
        return before.text.lower() not in words and before.text not in words

    def _token_before(self, start: int) -> Token | None:
        token = _token_at(self.doc, start)
        if token is None or token.i == 0:
            return None
        return self.doc[token.i - 1]

    def _year_end(self, num: _Number) -> int | None:
        """Where a bare year (or year range, "1910-45") ends; None if `num` is no year."""
        if not self._year_like(num):
            return None
        if self._counts_plural_noun(num) or self._left(num.start, self.lex.currency_before):
            return None
        if self.lex.unit_after.match(self.text, num.end) or self.lex.currency_after.match(
            self.text, num.end
        ):
            return None
        return self._range_tail(num)

    def _range_tail(self, num: _Number) -> int:
        """The end of a number with the other end of its range: "1910-45", "Sept. 16-19"."""
        conn = self.lex.connector_after.match(self.text, num.end)
        if conn:
            nxt = self.lex.number_at.match(self.text, conn.end())
            if nxt and nxt.group("digits") and re.fullmatch(r"\d{1,4}", nxt.group(0)):
                return nxt.end()
        return num.end

    def _year_like(self, num: _Number) -> bool:
        return (
            not num.spelled
            and re.fullmatch(r"\d{4}", num.word) is not None
            and self.rules.year_min <= int(num.word) <= self.rules.year_max
        )

    def _counts_plural_noun(self, num: _Number) -> bool:
        noun = _counted_noun(self.doc, num.start, num.end, self.rules)
        return noun is not None and noun.tag_ in ("NNS", "NNPS")

    # -- widening --

    def _read_amount(self, low: _Number) -> tuple[Figure | None, int] | None:
        lex, text = self.lex, self.text
        start = low.start
        currency = self._left(start, lex.currency_before)
        if currency and currency.group(0).strip().islower():
            currency = None  # "he won 52 per cent": names of currencies come after amounts
        iso = None
        if currency:
            iso = self._iso(currency.group(0).strip())
            start = currency.start()
        negative = self._left(start, lex.negative_before)
        if negative:
            start = negative.start()
        low_start = start
        qualifier = self._left(start, lex.qualifier_before)
        if qualifier:
            start = qualifier.start()
        opener = self._left(start, lex.opener_before)

        high, end = self._range_end(low, opener is not None, start)
        if opener and high is None:
            opener = None
        if opener:
            start = opener.start()
        value, value_max = low.value, high.value if high else None
        if high and high.scaled and not low.scaled:
            value *= high.value / _unscaled(high, lex)

        unit_ahead = lex.unit_after.match(text, end)
        if qualifier and unit_ahead and self._period_preposition(qualifier, unit_ahead):
            start, qualifier = (opener.start() if opener else low_start), None
        qual = self._qualifier(qualifier, start)
        post = lex.post_qualifier_after.match(text, end)
        if post:
            qual = (self.rules.post_qualifiers or {}).get(_lookup_key(post.group(0)), qual)
            end = post.end()
        if negative:
            value, value_max = -value, (-value_max if value_max is not None else None)
        if self._descriptor(low, end):
            return None, end

        unit, kind, end, value, value_max, iso = self._unit(low, end, iso, value, value_max)
        if kind == "duration" and self._left(start, lex.period_before):
            return None, end
        if kind == "multiple":
            unit = None
        about = None
        noun_end = end
        if unit is None and kind == "count":
            unit, about, noun_end = self._counted(low, end)
        if (
            low.suffix in self.rules.suffixes_need_currency
            and iso is None
            and not (unit and noun_end > end and self._counts_plural_noun(low))
        ):
            return None  # "100m" alone is metres; "2.3m people" are millions
        if self._weak(low, high, qualifier or post, unit if kind != "count" else None, iso):
            return None, end
        if low.spelled and self._left(start, lex.determiner_before) and not low.scaled:
            return None, max(end, noun_end)
        if about is None:
            about = self._event(low.start, end)
        return self._figure(
            start, max(end, noun_end), value, value_max, qual, unit, kind, about
        ), max(end, noun_end)

    def _period_preposition(self, qualifier: _Shifted, unit: re.Match[str]) -> bool:
        """ "over 10 years" is a period ("cost $3.5 trillion over 10 years"), not "> 10"."""
        words = {w.lower() for w in self.rules.period_prepositions}
        kind = self.lex.unit_kind.get(unit.group("unit").lower())
        return kind == "duration" and _lookup_key(qualifier.group(0)) in words

    def _iso(self, written: str) -> str | None:
        table = {k.lower(): v for k, v in (self.rules.currencies or {}).items()}
        return table.get(written.lower())

    def _qualifier(self, match: _Shifted | None, start: int) -> str:
        if match is None:
            return "="
        return (self.rules.qualifiers or {}).get(_lookup_key(match.group(0)), "=")

    def _range_end(self, low: _Number, opened: bool, start: int) -> tuple[_Number | None, int]:
        """The high end of "252-287", "5 to 10", "between 5 and 10" and where it ends."""
        lex, text = self.lex, self.text
        if opened:
            closer = "|".join(_word(w) for w in (self.rules.range_openers or {}).values())
            conn = re.compile(rf"\s+(?:{closer})\s+", re.I).match(text, low.end)
        else:
            conn = lex.connector_after.match(text, low.end)
            if conn and conn.group(0).strip().isalpha() and self._left(start, lex.blocker_before):
                conn = None
        if conn is None:
            return None, low.end
        pos = conn.end()
        currency = lex.currency_after.match(text, pos)
        if currency and not currency.group(0).strip()[:1].isalnum():
            pos = currency.end()
        nxt = lex.number_at.match(text, pos)
        high = _read_number(nxt, lex) if nxt else None
        if high is None or high.spelled != low.spelled or high.value <= low.value:
            return None, low.end
        return high, high.end

    def _unit(
        self, low: _Number, end: int, iso: str | None, value: Decimal, value_max: Decimal | None
    ) -> tuple[str | None, str, int, Decimal, Decimal | None, str | None]:
        """The unit written after the number, its kind, and the end of the figure."""
        lex, text = self.lex, self.text
        rules = self.rules
        after = lex.currency_after.match(text, end)
        if after and iso is None:
            word = after.group(0).strip()
            needs_scale = word.lower() in {w.lower() for w in rules.currency_needs_scale}
            if not needs_scale or low.scaled:
                iso = self._iso(word)
                end = after.end()
        if iso:
            return iso, "money", end, value, value_max, iso
        unit = lex.unit_after.match(text, end)
        if unit:
            word = unit.group("unit")
            end = unit.end()
            age = lex.age_after.match(text, end) if "-" in unit.group("sep") else None
            if age:
                end = age.end()
            kind = lex.unit_kind[word.lower()]
            name = _lookup_key(word)
            named = {k.lower(): v for k, v in (rules.unit_names or {}).items()}
            shown = word.lower() if word.istitle() else word
            return named.get(name, shown), kind, end, value, value_max, None
        multiple = lex.multiple_after.match(text, end)
        if multiple and (
            text[multiple.start()] == "-" or lex.follower_after.match(text, multiple.end())
        ):
            return None, "multiple", multiple.end(), value, value_max, None
        joined = re.match(r"-([^\W\d_]+)(?![\w-])", text[end : end + 40])
        if joined and not low.spelled:
            # "a 22-point defeat", "a 30-member team": the joined word is what is counted
            return joined.group(1), "count", end + joined.end(), value, value_max, None
        return None, "count", end, value, value_max, None

    def _descriptor(self, low: _Number, end: int) -> bool:
        """A written-out number joined to a word by a hyphen: "two-track", "one-sided"."""
        return low.spelled and re.match(r"-[A-Za-z]", self.text[end : end + 2]) is not None

    def _weak(
        self,
        low: _Number,
        high: _Number | None,
        qualified: object,
        unit: str | None,
        iso: str | None,
    ) -> bool:
        """A weak word ("one") standing alone, without scale, unit or qualifier."""
        if high is not None or low.scaled or qualified or unit or iso:
            return False
        weak = {w.lower() for w in self.rules.weak_words}
        return low.word in weak

    def _counted(self, low: _Number, end: int) -> tuple[str | None, str | None, int]:
        """The counted noun (unit), the concept it belongs to, and the figure's end."""
        noun = _counted_noun(self.doc, low.start, end, self.rules)
        if noun is not None:
            return _noun_unit(noun), None, noun.idx + len(noun.text)
        part = _partitive_noun(self.doc, end, self.rules)
        if part is not None:
            return _noun_unit(part), None, end
        subject = _predicate_subject(self.doc, low.start, end, self.rules)
        if subject is not None:
            return _noun_unit(subject), _phrase(subject), end
        return None, None, end

    def _event(self, start: int, end: int) -> str | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        return _event_of(span.root)

    def _read_special(self) -> tuple[Figure | None, int] | None:
        """Phrases with their own meaning: "twice", "half of", "a couple of weeks"."""
        lex, text, m = self.lex, self.text, self.m
        key = _lookup_key(m.group(0))
        start, end = m.start(), m.end()
        qualifier = self._left(start, lex.qualifier_before)
        if qualifier:
            start = qualifier.start()
        qual = self._qualifier(qualifier, start)
        if key in lex.multiples:
            return self._figure(
                start,
                end,
                lex.multiples[key],
                None,
                qual,
                None,
                "multiple",
                self._event(m.start(), end),
            ), end
        if key in lex.shares:
            if not lex.percent_follower_after.match(text, end) or self._left(
                m.start(), lex.determiner_before
            ):
                return None
            return self._figure(
                start, end, lex.shares[key], None, qual, "percent", "percent", None
            ), end
        num = _Number(lex.phrases[key], m.start(), end, True, False, None, key)
        unit, kind, end, *_ = self._unit(num, end, None, num.value, None)
        if unit is None:
            unit, _about, end = self._counted(num, end)
            kind = "count"
        if unit is None:
            return None
        return self._figure(start, end, num.value, None, qual, unit, kind, None), end

    def _figure(
        self,
        start: int,
        end: int,
        value: Decimal,
        value_max: Decimal | None,
        qualifier: str,
        unit: str | None,
        kind: str,
        about: str | None,
    ) -> Figure:
        return Figure(
            text=self.text[start:end],
            value=_plain(value),
            value_max=_plain(value_max) if value_max is not None else None,
            qualifier=qualifier,
            unit=unit,
            kind=kind,
            about=about,
            span=Span(start, end),
        )


class _Shifted:
    """A match found in a window of the text, with offsets into the whole text."""

    def __init__(self, m: re.Match[str], offset: int) -> None:
        self._m, self._offset = m, offset

    def group(self, index: int = 0) -> str:
        return self._m.group(index)

    def start(self) -> int:
        return self._m.start() + self._offset


def _lookup_key(written: str) -> str:
    return re.sub(r"\s+", " ", written.strip()).lower()


def _unscaled(num: _Number, lex: _Lexicon) -> Decimal:
    """The number before its scale: 10 for "10 million"."""
    head = re.match(_DIGITS, num.word)
    return Decimal(head.group(0).replace(",", "")) if head else num.value


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


# --- the parse: counted nouns and events --------------------------------------


def _token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _head_of(tokens: list[Token]) -> Token | None:
    """The token of a number whose head lies outside the number."""
    inside = {t.i for t in tokens}
    for token in reversed(tokens):
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[-1] if tokens else None


_MODIFIER_TAGS = {"JJ", "JJR", "JJS", "VBN", "VBG", "RB", "HYPH", "NNP", "NNPS", "NN", "CD"}


def _counted_noun(doc: Doc, start: int, end: int, rules: FigureRules) -> Token | None:
    """The noun after the number that it counts: "183 workers", "136 forcibly mobilized Koreans".

    The parse says which noun the number modifies; only nouns a few modifiers to
    the right count, so a number is never tied to a noun across a comma.
    """
    tokens = _tokens(doc, start, end)
    head = _head_of(tokens)
    if head is None:
        return None
    last = tokens[-1].i
    candidate = head.head if head.head.i > last else None
    if candidate is None or candidate.tag_ not in rules.noun_tags:
        candidate = _next_noun(doc, last, rules)
    if candidate is None or candidate.i - last > 5:
        return None
    between = doc[last + 1 : candidate.i]
    if any(t.tag_ not in _MODIFIER_TAGS or (t.is_punct and t.text != "-") for t in between):
        return None
    return _compound_end(candidate, rules)


def _next_noun(doc: Doc, last: int, rules: FigureRules) -> Token | None:
    """The first noun right of the number past its modifiers, when the parse is no help."""
    for token in doc[last + 1 : last + 6]:
        if token.tag_ in ("NNS", "NNPS") or (
            token.tag_ in rules.noun_tags and token.dep_ != "compound"
        ):
            return token
        if token.tag_ not in _MODIFIER_TAGS:
            return None
    return None


def _compound_end(noun: Token, rules: FigureRules) -> Token:
    """Follow a compound to its head: "12 Asia-Pacific economies" counts economies."""
    while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.tag_ in rules.noun_tags:
        noun = noun.head
    return noun


def _partitive_noun(doc: Doc, end: int, rules: FigureRules) -> Token | None:
    """ "14 of the 20 victims" counts victims."""
    after = _token_at(doc, end + 1)
    if after is None or after.idx != end + 1 or after.lower_ != "of":
        return None
    for child in after.children:
        if child.dep_ == "pobj" and child.tag_ in ("NNS", "NNPS"):
            return child
    return None


def _predicate_subject(doc: Doc, start: int, end: int, rules: FigureRules) -> Token | None:
    """What a bare number is said of: "exchanges now around 12 million", "the toll is 27"."""
    head = _head_of(_tokens(doc, start, end))
    if head is None:
        return None
    if head.dep_ == "appos" and head.head.i < head.i and head.head.tag_ in ("NNS", "NNPS"):
        return head.head
    if head.dep_ == "attr" and head.head.lemma_ == "be":
        for child in head.head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.tag_ in rules.noun_tags:
                return child
    return None


def _noun_unit(noun: Token) -> str:
    """The noun as a unit, with a hyphenated first part: "forced-laborers"."""
    doc = noun.doc
    if noun.i < 2:
        return noun.text
    first, hyphen = doc[noun.i - 2], doc[noun.i - 1]
    if hyphen.text == "-" and not hyphen.whitespace_ and not first.whitespace_:
        return first.text + "-" + noun.text
    return noun.text


def _phrase(noun: Token) -> str:
    """The noun with its compound and noun modifiers: "people-to-people exchanges"."""
    left = [c for c in noun.lefts if c.dep_ in ("compound", "nmod")]
    start = min((c.left_edge.i for c in left), default=noun.i)
    return noun.doc[start : noun.i + 1].text


def _event_of(token: Token) -> str | None:
    """The verb a counted thing is the object or subject of: "killing 183 workers" -> kill."""
    noun = token
    for _ in range(4):
        if noun.dep_ in ("nummod", "quantmod", "compound") and noun.head.i != noun.i:
            noun = noun.head
            continue
        if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
            return noun.head.lemma_
        if noun.dep_ == "pobj" and noun.head.lemma_ in ("include", "including"):
            noun = noun.head.head
            continue
        return None
    return None
