"""Widening one number into a figure: qualifier, currency, range, unit, counted noun."""

from __future__ import annotations

import re
from decimal import Decimal

from spacy.tokens import Doc, Token

from claimx.figures import shapes
from claimx.figures.lexicon import (
    Lexicon,
    Number,
    lookup_key,
    plain,
    read_number,
    unscaled,
    word_pattern,
)
from claimx.figures.parse import (
    counted_noun,
    event_of,
    noun_unit,
    partitive_noun,
    phrase,
    predicate_subject,
    token_at,
)
from claimx.figures.rules import FigureRules
from claimx.model import Figure, Span

# --- widening a number into a figure ------------------------------------------


class Reader:
    """Widens one number match into a figure, or decides it is none.

    `read()` returns None when the match is not a figure, else the figure (or
    None when it is rejected after consuming text, such as a year range) and the
    offset up to which the text is used.
    """

    def __init__(
        self, doc: Doc, text: str, lex: Lexicon, rules: FigureRules, m: re.Match[str], floor: int
    ) -> None:
        self.doc, self.lex, self.rules, self.m, self.floor = doc, lex, rules, m, floor
        self.text = text  # Doc.text is rebuilt on every access: pass it down once

    def read(self) -> tuple[Figure | None, int] | None:
        if self.m.group("special"):
            return self._read_special()
        low = read_number(self.m, self.lex)
        if low is None:
            return None
        if not low.spelled and not self._glued_ok(low):
            return None, low.end  # "MH17", "i7", "3D", "1st": a name or an ordinal
        if self._is_name_or_time(low):
            # "the Lakers beat the Celtics 110-102": a score after a team's name
            tally = shapes.score(self, low) if shapes.tally_cue(self, low.start) else None
            return tally or (None, self._range_tail(low))
        year_end = self._year_end(low)
        if year_end is not None:
            return None, year_end
        return (
            shapes.score(self, low)
            or shapes.ratio(self, low)
            or shapes.age_of_person(self, low)
            or self._read_amount(low)
        )

    # -- the number's surroundings --

    def _glued_ok(self, num: Number) -> bool:
        """Letters written against digits are a currency code or a unit, or no figure."""
        text, lex = self.text, self.lex
        if num.start and text[num.start - 1].isalpha():
            hit = lex.money.before(text, num.start)
            if hit is None or not hit.glued:
                return False
        if num.end < len(text) and text[num.end].isalpha():
            unit = lex.units.at(text, num.end)
            if unit is not None and unit.glued:
                return True
            money = lex.money.after(text, num.end, num.scaled)
            return money is not None and money.glued
        return True

    def left(self, end: int, pattern: re.Pattern[str]) -> _Shifted | None:
        window = self.text[max(self.floor, end - 40) : end]
        m = pattern.search(window)
        if m is None:
            return None
        return _Shifted(m, end - len(window))

    def _is_name_or_time(self, num: Number) -> bool:
        lex, text = self.lex, self.text
        if lex.time_after.match(text, num.end) or lex.month_after.match(text, num.end):
            return True
        if lex.street_after.match(text, self._range_tail(num)):
            return True  # "575 Wilbraham Road", "16-18 Industrial Avenue"
        if self.left(num.start, lex.month_before) or self.left(num.start, lex.phone_before):
            return True
        if not self._follows_name(num.start):
            return False
        # "Processor 2.80 GHz", "Petrobras 1.5 billion reais": a unit makes it a measure
        unit = lex.units.at(text, num.end)
        if unit is not None and unit.glued and unit.end - unit.start < 2:
            unit = None  # "Boeing 777F": a letter of the name
        return unit is None and lex.money.after(text, num.end, num.scaled) is None

    def _follows_name(self, start: int) -> bool:
        """A capitalised name right before the number: "Route 66", "Boeing 737"."""
        before = self._token_before(start)
        if before is None or not before.whitespace_:
            return False
        if self.lex.money.before(self.text, start):
            return False  # "EUR 125", "GBP 350": a currency code, not a name
        if before.text in self.rules.identifier_words:
            return True
        if before.tag_ not in ("NNP", "NNPS") or not before.text[:1].isupper():
            return False
        words = {w.lower() for w in (self.rules.qualifiers or {})} | set(self.rules.months)
        return before.text.lower() not in words and before.text not in words

    def _token_before(self, start: int) -> Token | None:
        token = token_at(self.doc, start)
        if token is None or token.i == 0:
            return None
        return self.doc[token.i - 1]

    def _year_end(self, num: Number) -> int | None:
        """Where a bare year (or year range, "1910-45") ends; None if `num` is no year."""
        if not self.year_like(num):
            return None
        if self._counts_plural_noun(num) or self.lex.money.before(self.text, num.start):
            return None
        if self.lex.units.at(self.text, num.end) or self.lex.money.after(
            self.text, num.end, num.scaled
        ):
            return None
        tail = self._range_tail(num)
        other = re.search(r"\d+$", self.text[num.end : tail])
        if other and len(other.group(0)) == 4 and int(other.group(0)) > self.rules.year_max:
            return None  # "1000-5000": a range of numbers, not of years
        return tail

    def _range_tail(self, num: Number) -> int:
        """The end of a number with the other end of its range: "1910-45", "Sept. 16-19"."""
        conn = self.lex.connector_after.match(self.text, num.end)
        if conn:
            nxt = self.lex.number_at.match(self.text, conn.end())
            if nxt and nxt.group("digits") and re.fullmatch(r"\d{1,4}", nxt.group(0)):
                return nxt.end()
        return num.end

    def year_like(self, num: Number) -> bool:
        return (
            not num.spelled
            and re.fullmatch(r"\d{4}", num.word) is not None
            and self.rules.year_min <= int(num.word) <= self.rules.year_max
        )

    def _counts_plural_noun(self, num: Number) -> bool:
        noun = counted_noun(self.doc, num.start, num.end, self.rules)
        return noun is not None and noun.tag_ in ("NNS", "NNPS")

    # -- widening --

    def _read_amount(self, low: Number) -> tuple[Figure | None, int] | None:
        lex, text = self.lex, self.text
        start = low.start
        # "$-99.99": the minus sign between the currency and the amount
        signed = start > 1 and text[start - 1] in "-−" and lex.money.before(text, start - 1)
        currency = lex.money.before(text, start - 1 if signed else start)
        iso = None
        if currency and currency.start >= self.floor:
            iso = currency.name
            start = currency.start
        negative = self.left(start, lex.negative_before)
        minus = bool(signed) or (negative is None and self._minus_sign(start))
        if negative:
            start = negative.start()
        elif minus and not signed:
            start -= 1
        low_start = start
        qualifier = self.left(start, lex.qualifier_before)
        if qualifier:
            start = qualifier.start()
        opener = self.left(start, lex.opener_before)

        high, end = self._range_end(low, opener is not None, start)
        if opener and high is None:
            opener = None
        if opener:
            start = opener.start()
        value, value_max = low.value, high.value if high else None
        if high and high.scaled and not low.scaled:
            value *= high.value / unscaled(high, lex)

        unit_ahead = lex.units.at(text, end)
        if qualifier and unit_ahead and self._period_preposition(qualifier, unit_ahead.kind):
            start, qualifier = (opener.start() if opener else low_start), None
        qual = self.qualifier_of(qualifier, start)
        post = lex.post_qualifier_after.match(text, end)
        if post:
            qual = (self.rules.post_qualifiers or {}).get(lookup_key(post.group(0)), qual)
            end = post.end()
        if negative or minus:
            value, value_max = -value, (-value_max if value_max is not None else None)
        if self._descriptor(low, end):
            return None, end

        unit, kind, end, value, value_max, iso = self._unit(low, end, iso, value, value_max)
        period = self.left(start, lex.period_before) if kind == "duration" else None
        if period is not None and not self.left(period.start(), lex.span_before):
            return None, end  # "for the next 60 years": a time expression, not a figure
        if unit is not None and self._glued_label(low, end, kind):
            return None, end  # "the 13F filing", "a 10K run": a name, not 13 °F
        if kind == "multiple":
            unit = None
        about = None
        noun_end = end
        if unit is None and kind == "count":
            unit, about, noun_end = self.counted(low, end)
        if (
            low.suffix in self.rules.suffixes_need_currency
            and iso is None
            and kind == "count"
            and not (unit and noun_end > end and self._counts_plural_noun(low))
        ):
            # "2.3m people" are millions; "a 100m sprint", "48m" alone are metres
            letter = lex.units.at(text, low.end - len(low.suffix))
            if letter is None or not letter.glued or high is not None:
                return None
            if self._glued_label(low, letter.end, letter.kind):
                return None, letter.end
            value, unit, kind, end = unscaled(low, lex), letter.name, letter.kind, letter.end
            noun_end, about = end, None
        if self._weak(low, high, qualifier or post, unit if kind != "count" else None, iso):
            return None, end
        if (
            low.spelled
            and kind == "count"
            and self.left(start, lex.determiner_before)
            and not low.scaled
        ):
            return None, max(end, noun_end)
        end = max(end, noun_end)
        # "a loss of ($99.99)": an amount in parentheses after a verb is negative
        bare = kind == "money" or (kind == "count" and unit is None)
        if bare and self._accounting(start, end):
            value, value_max = -value, (-value_max if value_max is not None else None)
            start, end = start - 1, end + 1
        if kind == "count" and (unit is None or noun_end == end) and self._aged(start):
            # "aged 19 and 23", "ages 18 to 24": ages in years
            return self.figure(
                start, end, value, value_max, qual, self.rules.age_unit, "age", None
            ), end
        points = self.rules.index_unit
        if kind == "count" and (unit is None or unit.lower() in (points, points.rstrip("s"))):
            # "the Dow closed at 34,500", "the FTSE rose 20 points": an index's level or move
            index = self._index_level(start)
            if index is not None:
                return self.figure(start, end, value, value_max, qual, points, "index", index), end
        if about is None:
            about = self.event(low.start, end)
        return self.figure(start, end, value, value_max, qual, unit, kind, about), end

    def _aged(self, start: int) -> bool:
        window = self.text[max(0, start - 60) : start]
        return self.lex.age_before.search(window) is not None

    def _glued_label(self, low: Number, end: int, kind: str) -> bool:
        """A one-letter temperature glued to digits and naming the next noun: "13F filing"."""
        text = self.text
        if kind != "measure" or low.spelled or end - low.end > 1 or end < 1:
            return False
        if not text[end - 1 : end].isalpha() or text[end : end + 1] not in (" ", "\u00a0"):
            return False
        unit = self.lex.units.at(text, end - 1)
        if unit is None or unit.name not in self.lex.units.temperature_names:
            return False
        number, noun = token_at(self.doc, low.start), token_at(self.doc, end + 1)
        if number is None or noun is None or noun.tag_ not in ("NN", "NNS"):
            return False
        return noun.text[:1].islower() and (number.head.i == noun.i or number.i + 1 == noun.i)

    def _accounting(self, start: int, end: int) -> bool:
        text = self.text
        if start < 2 or text[start - 1] != "(" or text[end : end + 1] != ")":
            return False
        before = self._token_before(start - 1)
        return before is not None and before.pos_ in self.rules.accounting_heads

    def _index_level(self, start: int) -> str | None:
        """The stock index a bare number is the level of: "the Dow closed at 34,500"."""
        points = self.rules.index_unit.rstrip("s")
        if not self.left(start, self.lex.index_cue_before) and not re.match(
            rf"\S*\s+{points}", self.text[start : start + 40], re.I
        ):
            return None
        token = token_at(self.doc, start)
        if token is None:
            return None
        sent = token.sent
        found = None
        for m in self.lex.index_before.finditer(self.text, sent.start_char, start):
            found = m.group(0)
        return found

    def _period_preposition(self, qualifier: _Shifted, kind: str) -> bool:
        """ "over 10 years" is a period ("cost $3.5 trillion over 10 years"), not "> 10"."""
        words = {w.lower() for w in self.rules.period_prepositions}
        return kind == "duration" and lookup_key(qualifier.group(0)) in words

    def qualifier_of(self, match: _Shifted | None, start: int) -> str:
        if match is None:
            return "="
        return (self.rules.qualifiers or {}).get(lookup_key(match.group(0)), "=")

    def _range_end(self, low: Number, opened: bool, start: int) -> tuple[Number | None, int]:
        """The high end of "252-287", "5 to 10", "between 5 and 10" and where it ends."""
        lex, text = self.lex, self.text
        # "between 44 mg and 50 mg", "5% to 7%": the unit written on both ends
        inner = lex.units.at(text, low.end)
        after_low = inner.end if inner is not None and not inner.hyphen else low.end
        conn = None
        if opened:
            closer = "|".join(word_pattern(w) for w in (self.rules.range_openers or {}).values())
            conn = re.compile(rf"\s+(?:{closer})\s+", re.I).match(text, after_low)
        if conn is None:
            conn = lex.suspended_after.match(text, low.end) or lex.connector_after.match(
                text, after_low
            )
            if (
                conn
                and conn.group(0).strip("- \t").isalpha()
                and self.left(start, lex.blocker_before)
            ):
                conn = None
        if conn is None and after_low != low.end:
            return None, low.end
        if conn is None:
            return None, low.end
        pos = conn.end()
        sign = re.match(r"[^\w\s]{1,2}|[A-Z]{1,3}[^\w\s]", text[pos : pos + 4])
        if sign and lex.money.code(sign.group(0)):
            pos += sign.end()
        nxt = lex.number_at.match(text, pos)
        high = read_number(nxt, lex) if nxt else None
        if high is None or high.spelled != low.spelled or high.value <= low.value:
            return None, low.end
        if after_low != low.end:
            again = lex.units.at(text, high.end)
            if inner is None or again is None or again.name != inner.name:
                return None, low.end
        return high, high.end

    def _unit(
        self, low: Number, end: int, iso: str | None, value: Decimal, value_max: Decimal | None
    ) -> tuple[str | None, str, int, Decimal, Decimal | None, str | None]:
        """The unit written after the number, its kind, and the end of the figure."""
        lex, text = self.lex, self.text
        after = lex.money.after(text, end, low.scaled) if iso is None else None
        if after:
            iso, end = after.name, after.end
            if not after.symbol and value_max is None:
                # "3 dollars 50 cents", "thirteen dollars and forty-five cents": one amount
                cents, end = self._hundredths(end)
                value += cents
        if iso:
            per, end = self._per(end)  # "$15 an hour", "$85 a barrel": a rate
            return (f"{iso} per {per}" if per else iso), "money", end, value, value_max, iso
        unit = lex.units.at(text, end)
        if unit and unit.kind == "money":
            per, stop = self._per(unit.end)  # "15 cents a share"
            name = f"{unit.name} per {per}" if per else unit.name
            return name, "money", stop, value, value_max, None
        if unit:
            end = unit.end
            age = lex.age_after.match(text, end) if unit.kind == "duration" else None
            if age:
                return unit.name, "age", age.end(), value, value_max, None
            if value_max is None:
                # "5 feet 2 inches", "2 hours and 30 minutes": one measure in the larger unit
                part, end = self._smaller_unit(unit.name, end)
                value += part
            return unit.name, unit.kind, end, value, value_max, None
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

    def _per(self, end: int) -> tuple[str | None, int]:
        """The unit of a rate after an amount ("an hour", "per gallon", "/kg"), and its end."""
        lex, text = self.lex, self.text
        link = lex.per_after.match(text, end)
        if link is None:
            return None, end
        unit = lex.units.at(text, link.end())
        if unit is not None and unit.kind in ("duration", "measure"):
            name, stop = unit.name, unit.end
        else:
            noun = lex.rate_noun_after.match(text, link.end())
            if noun is None:
                return None, end
            name, stop = lookup_key(noun.group(0)), noun.end()
        if lex.rate_blocker_after.match(text, stop):
            return None, end  # "$5 a week ago"
        return name, stop

    def _smaller_unit(self, name: str, end: int) -> tuple[Decimal, int]:
        """The smaller unit written after a unit, in the larger one, and its end (or 0, `end`)."""
        lex, text = self.lex, self.text
        parts = (self.rules.compound_units or {}).get(name)
        if not parts:
            return Decimal(0), end
        joiners = "|".join(word_pattern(w) for w in self.rules.number_joiners) or "(?!x)x"
        gap = re.compile(rf"(?:,?\s+(?:{joiners}))?\s+", re.I).match(text, end)
        nxt = lex.number_at.match(text, gap.end()) if gap else None
        small = read_number(nxt, lex) if nxt else None
        unit = lex.units.at(text, small.end) if small is not None else None
        if small is None or unit is None or unit.name not in parts:
            return Decimal(0), end
        return small.value / Decimal(str(parts[unit.name])), unit.end

    def _hundredths(self, end: int) -> tuple[Decimal, int]:
        """The cents written after a currency name, and where they end (none: 0, `end`)."""
        lex, text = self.lex, self.text
        joiners = "|".join(word_pattern(w) for w in self.rules.number_joiners) or "(?!x)x"
        gap = re.compile(rf"(?:\s+(?:{joiners}))?\s+", re.I).match(text, end)
        nxt = lex.number_at.match(text, gap.end()) if gap else None
        cents = read_number(nxt, lex) if nxt else None
        if cents is None or cents.scaled or not 0 < cents.value < 100:
            return Decimal(0), end
        if cents.value != cents.value.to_integral_value():
            return Decimal(0), end
        unit = lex.units.at(text, cents.end)
        if unit is not None and unit.kind == "money":
            return cents.value / 100, unit.end
        if re.match(r"\s*(?:[.,;!?)]|$)", text[cents.end : cents.end + 3]):
            return cents.value / 100, cents.end
        return Decimal(0), end

    def _minus_sign(self, start: int) -> bool:
        """ "-5 degrees", "($-99.99)": a minus sign against the number, not a dash after a word."""
        text = self.text
        if start < 1 or text[start - 1] not in "-−":
            return False
        return start < 2 or text[start - 2] in " \t\n([$€£"

    def _descriptor(self, low: Number, end: int) -> bool:
        """A written-out number joined to a word by a hyphen: "two-track", "one-sided".

        Not when the word is a measure ("a six-mile trip" is six miles) or an age
        ("a five-year-old"); a duration stays a descriptor ("a two-day summit").
        """
        if not low.spelled or re.match(r"-[A-Za-z]", self.text[end : end + 2]) is None:
            return False
        unit = self.lex.units.at(self.text, end)
        if unit is None or not unit.hyphen:
            return True
        if unit.kind == "duration":
            return self.lex.age_after.match(self.text, unit.end) is None
        return False

    def _weak(
        self,
        low: Number,
        high: Number | None,
        qualified: object,
        unit: str | None,
        iso: str | None,
    ) -> bool:
        """A weak word ("one") standing alone, without scale, unit or qualifier."""
        if high is not None or low.scaled or qualified or unit or iso:
            return False
        weak = {w.lower() for w in self.rules.weak_words}
        return low.word in weak

    def counted(self, low: Number, end: int) -> tuple[str | None, str | None, int]:
        """The counted noun (unit), the concept it belongs to, and the figure's end."""
        noun = counted_noun(self.doc, low.start, end, self.rules)
        if noun is not None:
            return noun_unit(noun), None, noun.idx + len(noun.text)
        part = partitive_noun(self.doc, end, self.rules)
        if part is not None:
            return noun_unit(part), None, end
        subject = predicate_subject(self.doc, low.start, end, self.rules)
        if subject is not None:
            return noun_unit(subject), phrase(subject), end
        return None, None, end

    def event(self, start: int, end: int) -> str | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        return event_of(span.root, self.rules)

    def _read_special(self) -> tuple[Figure | None, int] | None:
        """Phrases with their own meaning: "twice", "half of", "a couple of weeks"."""
        lex, text, m = self.lex, self.text, self.m
        key = lookup_key(m.group(0))
        start, end = m.start(), m.end()
        qualifier = self.left(start, lex.qualifier_before)
        if qualifier:
            start = qualifier.start()
        qual = self.qualifier_of(qualifier, start)
        if key in lex.multiples:
            return self.figure(
                start,
                end,
                lex.multiples[key],
                None,
                qual,
                None,
                "multiple",
                self.event(m.start(), end),
            ), end
        if key in lex.shares:
            if not lex.percent_follower_after.match(text, end) or self.left(
                m.start(), lex.determiner_before
            ):
                return None
            return self.figure(
                start, end, lex.shares[key], None, qual, "percent", "percent", None
            ), end
        if key in lex.vague and qualifier is None:
            qual = ">"  # "thousands of people": more than a thousand
        num = Number(lex.phrases[key], m.start(), end, True, False, None, key)
        unit, kind, end, *_ = self._unit(num, end, None, num.value, None)
        if unit is None:
            unit, _about, end = self.counted(num, end)
            kind = "count"
        if unit is None:
            return None
        return self.figure(start, end, num.value, None, qual, unit, kind, None), end

    def figure(
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
            value=plain(value),
            value_max=plain(value_max) if value_max is not None else None,
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
