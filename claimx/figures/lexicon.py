"""The figure rules compiled into regular expressions, and numbers read from them.

`lexicon(rules)` builds the patterns once per content of the rules (not per
object), so equal rules loaded twice share one compiled lexicon.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from claimx.figures.rules import FigureRules
from claimx.figures.units import MoneyMatcher, UnitMatcher
from claimx.model import Span

# --- patterns -----------------------------------------------------------------

# Thousands grouped by threes, the Indian way ("12,34,567"), or not at all.
# (At most 18 digits in a row: longer runs are codes, not figures, and do not fit a float.)
# Also grouped by spaces ("40 000", "1 414 021 100"; thin and no-break ones too), and a
# decimal without its zero (".08", "batting .300").
DIGITS = (
    r"(?:(?:\d{1,3}(?:,\d{3}){1,6}|\d{1,2}(?:,\d\d){1,6},\d{3}"
    r"|(?<![^\W\d_])\d{1,3}(?:[\u00a0\u202f\u2009]\d{3}){1,6}(?!\d)"
    r"|(?<![^\W\d_])\d{1,3}(?: \d{3}){1,6}(?![\d/])"
    r"|\d{1,18})(?:\.\d{1,12})?|(?<![^\s(])\.\d{1,12})"
)
# Unicode fractions, alone ("½ cup") or after a whole number ("2½").
_VULGAR = {"½": "0.5", "¼": "0.25", "¾": "0.75", "⅓": "1/3", "⅔": "2/3", "⅛": "0.125"}
# A whole number with a fraction ("7 3/4", "101 1/4", "2½") and a power of ten
# ("4e14", "1.99×10−30").
_NUMBER = (
    rf"(?:(?P<int>{DIGITS})(?:[ \u00a0](?P<num>\d)/(?P<den>\d{{1,2}})(?![\d/])"
    rf"|[ \u00a0]?(?P<vul>[{''.join(_VULGAR)}]))?|(?P<alone>[{''.join(_VULGAR)}]))"
    r"(?:[eE](?P<exp1>[+-]?\d{1,2})(?!\w)|[ \u00a0]?[×x][ \u00a0]?10\^?(?P<exp2>[−+-]?\d{1,2}))?"
)
_NUMBER_RE = re.compile(_NUMBER)


def word_pattern(word: str) -> str:
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
    return "|".join(word_pattern(w) for w in parts) or r"(?!x)x"


def _joined(word: str) -> str:
    """A connector or post-qualifier: words need spaces around them, signs do not."""
    if word[:1].isalnum():
        return r"\s+" + word_pattern(word)
    return r"\s*" + re.escape(word)


@dataclass(frozen=True)
class Lexicon:
    """The rules compiled into the regular expressions the reader uses."""

    number: re.Pattern[str]
    number_at: re.Pattern[str]
    qualifier_before: re.Pattern[str]
    negative_before: re.Pattern[str]
    opener_before: re.Pattern[str]
    blocker_before: re.Pattern[str]
    determiner_before: re.Pattern[str]
    street_after: re.Pattern[str]
    period_before: re.Pattern[str]
    span_before: re.Pattern[str]
    ratio_after: re.Pattern[str]
    age_before: re.Pattern[str]
    per_after: re.Pattern[str]
    rate_noun_after: re.Pattern[str]
    rate_blocker_after: re.Pattern[str]
    suspended_after: re.Pattern[str]
    index_before: re.Pattern[str]
    index_cue_before: re.Pattern[str]
    phone_before: re.Pattern[str]
    month_before: re.Pattern[str]
    connector_after: re.Pattern[str]
    post_qualifier_after: re.Pattern[str]
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
    vague: frozenset[str]
    shares: dict[str, Decimal]
    multiples: dict[str, Decimal]
    joiners: frozenset[str]
    articles: frozenset[str]
    fractions: dict[str, Decimal]
    units: UnitMatcher
    money: MoneyMatcher

    @classmethod
    def build(cls, rules: FigureRules) -> Lexicon:
        ci = re.I
        words = {k.lower(): Decimal(str(v)) for k, v in rules.number_words.items()}
        scales = {k.lower(): Decimal(str(v)) for k, v in rules.scale_words.items()}
        suffixes = {k: Decimal(str(v)) for k, v in rules.scale_suffixes.items()}
        vague = _decimals(rules.vague_phrases)
        phrases = {**_decimals(rules.number_phrases), **vague}
        shares = _decimals(rules.percent_words)
        multiples = _decimals(rules.multiple_words)
        units = rules.units or {}
        unit_kind = {u.lower(): kind for kind, names in units.items() for u in names}

        fractions = _decimals(rules.scale_fractions)
        word_num = f"(?:{_alt(words)}|{_alt(scales)})"
        article = rf"(?:(?:{_alt(rules.article_words)})\s+(?=(?:{_alt(scales)})))?"
        joiner = rf"\s+(?:{_alt(rules.number_joiners)})\s+"
        # "two and a half": a whole number and a fraction of one
        # ("one-and-a-half years": hyphens for spaces)
        half = (
            rf"(?:[\s-]+(?:{_alt(rules.number_joiners)})[\s-]+"
            rf"(?:(?:{_alt(rules.article_words)})[\s-]+)?(?:{_alt(fractions)})(?![\w-]))?"
        )
        spelled = rf"{article}{word_num}(?:(?:[\s-]+|{joiner}){word_num})*{half}"
        # "five and a half million": the scale after the fraction
        spelled += rf"(?:(?<=[^\W\d_])\s+(?:{_alt(scales)}))?" if rules.scale_fractions else ""
        suffix_alt = "|".join(map(re.escape, _longest(suffixes))) or r"(?!x)x"
        # "8 B people", "$3 bn": a scale abbreviation after one space, as written
        spaced_alt = "|".join(map(re.escape, _longest(rules.spaced_scale_suffixes))) or r"(?!x)x"
        digits = (
            r"(?<![\d:/_])(?<!\d[.,])"
            + re.sub(r"\?P<\w+>", "?:", _NUMBER)
            + rf"(?:(?:\s+(?:{_alt(scales)})){{1,2}}|(?-i:{suffix_alt})(?![\w])"
            + rf"|(?-i:[ \u00a0](?:{spaced_alt}))(?![\w&'’-]|\.\w))?"
            r"(?![\d:_]|/\d|[.,]\d)"
        )
        special = _alt([*phrases, *shares, *multiples])
        # "a quarter million", "half a billion", "three quarters billion"
        article_alt = _alt(rules.article_words)
        fraction = (
            rf"(?:(?:{article_alt})\s+)?(?:{_alt(fractions)})\s+(?:(?:{article_alt})\s+)?"
            rf"(?:{_alt(k for k, v in scales.items() if v >= 1000)})(?![\w])"
        )
        # Words start a number only at a word's start: one test instead of every word.
        number_src = (
            rf"(?P<fraction>(?<!\w){fraction})|(?P<special>(?<![^\W\d_]){special})"
            rf"|(?P<digits>{digits})|(?P<words>(?<!\w){spelled})"
        )
        return cls(
            number=re.compile(number_src, ci),
            number_at=re.compile(rf"(?P<digits>{digits})|(?P<words>{spelled})", ci),
            qualifier_before=re.compile(rf"(?:{_alt(rules.qualifiers or {})})\s+$", ci),
            negative_before=re.compile(rf"(?:{_alt(rules.negative_words)})\s+$", ci),
            opener_before=re.compile(rf"(?:{_alt(rules.range_openers or {})})\s+$", ci),
            blocker_before=re.compile(rf"(?:{_alt(rules.range_blockers)})\s+$", ci),
            determiner_before=re.compile(rf"(?:{_alt(rules.anaphoric_determiners)})\s+$", ci),
            period_before=re.compile(rf"(?:{_alt(rules.period_words)})\s+$", ci),
            # "over the past two years": a span a figure is measured over
            span_before=re.compile(
                rf"(?:{_alt(rules.period_spans)})\s+(?:(?:{_alt(rules.anaphoric_determiners)})\s+)?$",
                ci,
            ),
            per_after=re.compile(rf"\s*/\s*|\s+(?:{_alt(rules.per_words)})\s+", ci),
            rate_noun_after=re.compile(rf"(?:{_alt(rules.rate_nouns)})", ci),
            rate_blocker_after=re.compile(rf"\s+(?:{_alt(rules.rate_blockers)})", ci),
            # "aged 19", "ages 18 to 24", "aged 19 and 23", "aged between 18 and 24"
            age_before=re.compile(
                rf"(?<!\w)(?:{_alt(rules.age_cues)})\s+(?:of\s+)?"
                rf"(?:(?:{_alt(rules.range_openers or {})})\s+)?"
                r"(?:\d{1,3}\s*(?:,|and|or|to|-|–)\s*)*$",
                ci,
            ),
            ratio_after=re.compile(rf"\s+(?:{_alt(rules.ratio_words)})\s+", ci),
            # "8- to 16-meter": the low end's unit left to the high end's
            suspended_after=re.compile(
                rf"-[ \t]+(?:{_alt(c for c in rules.range_connectors if c.isalpha())})[ \t]+", ci
            ),
            index_cue_before=re.compile(rf"(?:{_alt(rules.index_cues)})\s+$", ci),
            index_before=re.compile(rf"(?<![\w&])(?:{_alt(rules.index_names)})(?![\w&])"),
            street_after=re.compile(
                rf"(?:[ \t]+[A-Z][\w.'-]*){{0,3}}[ \t]+(?:{_alt(rules.street_words)})(?![\w])"
            ),
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
            age_after=re.compile(
                "|".join(_joined(w) for w in _longest(rules.age_suffixes)) + r"(?![\w])"
                if rules.age_suffixes
                else "(?!x)x",
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
            vague=frozenset(vague),
            shares=shares,
            multiples=multiples,
            units=UnitMatcher(
                unit_kind,
                rules.unit_names or {},
                frozenset(rules.not_units),
                frozenset(rules.glued_unit_letters),
            ),
            money=MoneyMatcher(
                rules.currencies or {},
                frozenset(rules.currency_needs_scale),
                frozenset(rules.not_currency_prefixes),
            ),
            joiners=frozenset(w.lower() for w in rules.number_joiners),
            articles=frozenset(w.lower() for w in rules.article_words),
            fractions=fractions,
        )


def _decimals(mapping: dict[str, float] | None) -> dict[str, Decimal]:
    return {k.lower(): Decimal(str(v)) for k, v in (mapping or {}).items()}


def _longest(words: Iterable[str]) -> list[str]:
    return sorted(set(words), key=len, reverse=True)


def blocked_spans(text: str, patterns: Iterable[re.Pattern[str]]) -> list[Span]:
    return [Span(m.start(), m.end()) for p in patterns for m in p.finditer(text)]


def overlaps(span: Span, others: Iterable[Span]) -> bool:
    return any(span.start < o.end and o.start < span.end for o in others)


# --- reading numbers --------------------------------------------------------


@dataclass(frozen=True)
class Number:
    value: Decimal
    start: int
    end: int
    spelled: bool  # written in words ("two"), not digits
    scaled: bool  # carries its own scale ("12 million", "1.5bn")
    suffix: str | None  # the abbreviated scale used, if any ("m" in "£150m")
    word: str  # the lowercased text


def read_number(m: re.Match[str], lex: Lexicon) -> Number | None:
    """The value of a number match; None when its words do not make one number."""
    raw = m.group(0)
    if m.group("digits"):
        return _read_digits(raw, m.start(), lex)
    if "fraction" in m.re.groupindex and m.group("fraction"):
        return _read_fraction(raw, m.start(), lex)
    return _read_words(raw, m.start(), lex)


def _read_fraction(raw: str, start: int, lex: Lexicon) -> Number | None:
    """ "a quarter million" is 250,000; "half a billion" 500,000,000."""
    folded = lookup_key(raw)
    scale = next((v for k, v in lex.scales.items() if folded.endswith(" " + k)), None)
    part = next((v for k, v in lex.fractions.items() if f" {k} " in f" {folded} "), None)
    if scale is None or part is None:
        return None
    return Number(part * scale, start, start + len(raw), True, True, None, folded)


def _fraction(text: str) -> Decimal:
    if "/" in text:
        num, den = text.split("/")
        return Decimal(num) / Decimal(den)
    return Decimal(text)


def _read_digits(raw: str, start: int, lex: Lexicon) -> Number:
    num = _NUMBER_RE.match(raw)
    assert num is not None  # the digits group always starts with a number
    if num.group("alone"):
        value = _fraction(_VULGAR[num.group("alone")])
    else:
        value = Decimal(re.sub(r"[,\s]", "", num.group("int")))
    if num.group("num") and num.group("den") and 0 < int(num.group("num")) < int(num.group("den")):
        value += Decimal(num.group("num")) / Decimal(num.group("den"))
    if num.group("vul"):
        value += _fraction(_VULGAR[num.group("vul")])
    exp = num.group("exp1") or num.group("exp2")
    if exp and len(num.group("int") or "") < 40:  # a power of ten, bounded: "1e999" is no figure
        value *= Decimal(10) ** int(exp.replace("−", "-"))
    rest = raw[num.end() :]
    scale_words = rest.lower().split()
    suffix = None
    if scale_words and all(w in lex.scales for w in scale_words):
        for word in scale_words:  # "5 lakh crore" is 5 x 100,000 x 10,000,000
            value *= lex.scales[word]
    elif rest.lstrip(" \u00a0") in lex.suffixes:  # "1.5bn", "8 B"
        suffix = rest.lstrip(" \u00a0")
        value *= lex.suffixes[suffix]
    return Number(value, start, start + len(raw), False, bool(rest), suffix, raw.lower())


def _read_words(raw: str, start: int, lex: Lexicon) -> Number | None:
    """Add and multiply number words: "one hundred and five" is 105, "two dozen" 24.

    Stops before an "and" that does not follow a hundred or more ("five and ten"
    are two numbers) and before a word that cannot continue the number.
    """
    total = current = Decimal(0)
    tail = re.search(r"\s+([^\W\d_]+)$", raw)
    if tail and tail.group(1).lower() in lex.scales:
        # "five and a half million": the whole with its fraction, then the scale
        inner = _read_words(raw[: tail.start()], start, lex)
        if (
            inner is not None
            and inner.end == start + tail.start()
            and inner.value != inner.value.to_integral_value()
        ):
            value = inner.value * lex.scales[tail.group(1).lower()]
            end = start + len(raw)
            return dataclasses.replace(inner, value=value, end=end, scaled=True, word=raw.lower())
    fraction = _fraction_tail(raw, start, lex)
    if fraction is not None:
        return fraction
    seen = False
    end = 0
    previous: str | None = None
    for token in re.finditer(r"[^\W\d_]+", raw):
        word = token.group(0).lower()
        if word in lex.joiners:
            if previous is None or lex.scales.get(previous, Decimal(0)) < 100:
                break
            continue
        if word in lex.words:
            if (
                previous is not None
                and previous in lex.words
                and (lex.words[previous] < 20 or lex.words[word] >= 10)
            ):
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
    return Number(total + current, start, start + end, True, scaled, None, text.lower())


def _fraction_tail(raw: str, start: int, lex: Lexicon) -> Number | None:
    """ "two and a half" is 2.5, "one-and-a-half" 1.5, "a million and a half" 1,500,000."""
    flat = raw.replace("-", " ").lower()
    articles = "|".join(map(re.escape, lex.articles)) or "(?!x)x"
    for key in sorted(lex.fractions, key=len, reverse=True):
        written = re.escape(key.replace("-", " ")).replace(r"\ ", r"\s+")
        m = re.search(rf"\s+(\w+)\s+(?:(?:{articles})\s+)?{written}$", flat)
        if m is None or m.group(1) not in lex.joiners:
            continue
        whole = _read_words(raw[: m.start()], start, lex)
        if whole is None or whole.end != start + m.start():
            return None
        last = whole.word.split()[-1] if whole.word.split() else ""
        scale = lex.scales.get(last, Decimal(0))
        part = lex.fractions[key] * (scale if scale >= 1000 else 1)  # "a million and a half"
        value = whole.value + part
        return dataclasses.replace(whole, value=value, end=start + len(raw), word=raw.lower())
    return None


def lookup_key(written: str) -> str:
    return re.sub(r"\s+", " ", written.strip()).lower()


def unscaled(num: Number, lex: Lexicon) -> Decimal:
    """The number before its scale: 10 for "10 million"."""
    head = re.match(DIGITS, num.word)
    return Decimal(re.sub(r"[,\s]", "", head.group(0))) if head else num.value


def plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


_BUILT: dict[str, Lexicon] = {}


_LAST: list[tuple[FigureRules, Lexicon]] = []


def lexicon(rules: FigureRules) -> Lexicon:
    """The compiled patterns for `rules`, built once per content of the rules."""
    if _LAST and _LAST[0][0] is rules:  # the same object again: no need to read it
        return _LAST[0][1]
    key = json.dumps(dataclasses.asdict(rules), sort_keys=True, default=str)
    built = _BUILT.get(key)
    if built is None:
        if len(_BUILT) >= 8:  # a long-lived process trying many rule sets
            _BUILT.clear()
        built = _BUILT[key] = Lexicon.build(rules)
    _LAST[:] = [(rules, built)]
    return built
