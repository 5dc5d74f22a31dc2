"""Quotes: direct, partial and indirect, each with its cue and speaker.

1. Quotation marks are paired paragraph by paragraph. A straight `"` takes its
   role (open or close) from the characters around it, so mixed pairs such as
   `"...”` pair; a stray mark becomes a warning, never a lost article.
2. Each quoted span is attributed through the parse (the quote hangs off a
   speech verb: `"...," Lee noted`, `what she described as his "strong
   support"`), else through the frame around it in the same paragraph, the
   one speech verb of its sentence, or punctuation (`From the ministry:`,
   a dash byline). Unattributed quotes continue the previous attribution in
   the paragraph, or the previous paragraph's for a paragraph that is all
   quote.
3. Reported speech becomes `indirect` records: clauses (`Lee cautioned that
   ...`, `..., officials said`, `X, Lee said, Y`), complements (`urged
   supporters to ...`, `called for ...`), participles (`..., adding that`),
   speech nouns (`Trump's claim that ...`) and `according to X`.
4. Speaker mentions are resolved in document order by `speakers.Registry`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from claimx.model import Quote, Span
from claimx.speakers import Registry, Resolution, SpeakerRules
from claimx.text import is_hard_wrapped

SENTENCE_END = {".", "!", "?"}


@dataclass(frozen=True)
class QuoteRules:
    # Lemmas of verbs that report speech or writing: cues for every kind of quote.
    speech_verbs: tuple[str, ...] = ()
    # Lemmas that report thoughts or plans ("believe", "expect"): cues for indirect quotes only.
    thought_verbs: tuple[str, ...] = ()
    # Nouns that report speech when a that-clause follows: "Trump's claim that ...".
    speech_nouns: tuple[str, ...] = ()
    # Phrases before a source that make it one: "according to X".
    source_phrases: tuple[str, ...] = ()
    # Quotation marks by role; the `either` marks decide their role from context.
    open_marks: str = "\u201c\u201e\u00ab"
    close_marks: str = "\u201d\u00bb"
    either_marks: str = '"'
    single_open: str = "\u2018"
    single_close: str = "\u2019"
    single_either: str = "'"
    # Longest quote in straight single marks ('...'), which are also apostrophes.
    single_max_words: int = 25
    # Longest quote in curly single marks (British style), which open unambiguously.
    single_curly_max_words: int = 200
    # A quote of at most this many words with no cue of its own is a scare quote.
    scare_max_words: int = 3
    # An unclosed quote runs to the end of its paragraph if it has at least this many words.
    unclosed_min_words: int = 4


# 1. Pairing marks


@dataclass
class Segment:
    """The content of one pair of quotation marks, in Doc character offsets."""

    start: int
    end: int
    paragraph: int
    open_mark: int
    close_mark: int | None  # None: runs on into the next paragraph, or unclosed
    continues: bool = False  # reopened in the next paragraph (news convention)
    tokens: list[Token] = field(default_factory=list)
    cue: Token | None = None
    subject: Token | None = None
    inherited: bool = False


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph ranges: lines, or blank-line blocks when the text is hard-wrapped.

    Text that went through `text.clean` is never wrapped any more; a Doc made
    by someone else's pipeline may be.
    """
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    if not is_hard_wrapped(text):
        return [(s, e) for s, e in lines if text[s:e].strip()]
    blocks: list[tuple[int, int]] = []
    start = None
    last_end = 0
    for s, e in lines:
        if text[s:e].strip():
            start = s if start is None else start
            last_end = e
        elif start is not None:
            blocks.append((start, last_end))
            start = None
    if start is not None:
        blocks.append((start, last_end))
    return blocks


def _role(text: str, i: int, opens: str, closes: str) -> str:
    """ "open" or "close" for the mark at `i`, from its neighbours first, its glyph second."""
    left = text[i - 1] if i > 0 else " "
    right = text[i + 1] if i + 1 < len(text) else " "
    can_open = not right.isspace() and (
        left.isspace() or left in "([{\u2014\u2013-/\"'\u201c\u2018:"
    )
    can_close = not left.isspace() and (
        right.isspace() or right in ".,;:!?)]}\u2014\u2013-\"'\u201d\u2019"
    )
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    if text[i] in opens:
        return "open"
    if text[i] in closes:
        return "close"
    return "close" if left.isalnum() or left in ".,!?" else "open"


def pair_marks(
    text: str,
    rules: QuoteRules,
    warnings: list[tuple[str, int]],
    paras: list[tuple[int, int]] | None = None,
) -> list[Segment]:
    """Quoted segments, paired within paragraphs; stray marks become warnings."""
    doubles = rules.open_marks + rules.close_marks + rules.either_marks
    paras = paragraphs(text) if paras is None else paras
    segments: list[Segment] = []
    for p_index, (p_start, p_end) in enumerate(paras):
        open_at: int | None = None
        for i in range(p_start, p_end):
            if text[i] not in doubles:
                continue
            role = _role(text, i, rules.open_marks, rules.close_marks)
            if role == "open":
                if open_at is not None:
                    warnings.append(("unbalanced quotation mark", open_at))
                open_at = i
            elif open_at is None:
                warnings.append(("stray closing quotation mark", i))
            else:
                if _speech_like(text, open_at, i):
                    segments.append(Segment(open_at + 1, i, p_index, open_at, i))
                open_at = None
        if open_at is not None:
            segments.extend(_unclosed(text, open_at, p_index, paras, rules, doubles, warnings))
    segments.extend(_single_quoted(text, paras, segments, rules))
    segments.sort(key=lambda s: s.start)
    return segments


def _unclosed(text, open_at, p_index, paras, rules, doubles, warnings) -> list[Segment]:
    _, p_end = paras[p_index]
    content = text[open_at + 1 : p_end].rstrip()
    if not content:
        return []
    reopens = False
    if p_index + 1 < len(paras):
        n_start, n_end = paras[p_index + 1]
        para = text[n_start:n_end]
        first = n_start + len(para) - len(para.lstrip())  # the next paragraph's first mark
        reopens = text[first : first + 1] in doubles and (
            _role(text, first, rules.open_marks, rules.close_marks) == "open"
        )
    if reopens:
        return [
            Segment(open_at + 1, open_at + 1 + len(content), p_index, open_at, None, continues=True)
        ]
    warnings.append(("unbalanced quotation mark", open_at))
    if len(_words(content)) >= rules.unclosed_min_words:
        return [Segment(open_at + 1, open_at + 1 + len(content), p_index, open_at, None)]
    return []


def _single_quoted(text, paras, doubles_found, rules) -> list[Segment]:
    """Top-level single-quoted spans (headline style); apostrophes are not marks."""
    marks = rules.single_open + rules.single_close + rules.single_either
    inside = [
        (s.open_mark, s.close_mark if s.close_mark is not None else s.end) for s in doubles_found
    ]
    found = []
    for p_index, (p_start, p_end) in enumerate(paras):
        open_at = None
        for i in range(p_start, p_end):
            if text[i] not in marks or any(a <= i <= b for a, b in inside):
                continue
            left = text[i - 1] if i > p_start else " "
            right = text[i + 1] if i + 1 < p_end else " "
            if left.isalnum() and right.isalnum():
                continue  # an apostrophe: Korea's, weren't
            if open_at is None:
                if not right.isspace() and right.isalnum() and not left.isalnum():
                    open_at = i
            elif not left.isspace() and not right.isalnum() and (left.isalpha() or left in ".,!?"):
                words = _words(text[open_at + 1 : i])
                curly = text[open_at] in rules.single_open and text[i] in rules.single_close
                limit = rules.single_curly_max_words if curly else rules.single_max_words
                if 1 <= len(words) <= limit:
                    found.append(Segment(open_at + 1, i, p_index, open_at, i))
                open_at = None
    return found


def _speech_like(text: str, open_at: int, close_at: int) -> bool:
    """Words in the marks, not markup: no `data-id="6721384"`, no quoted numbers alone."""
    content = text[open_at + 1 : close_at]
    if not any(ch.isalpha() for ch in content):
        return False
    return text[open_at - 1 : open_at] != "=" if open_at else True


def _words(text: str) -> list[str]:
    return [w for w in text.split() if any(c.isalnum() for c in w)]


# 2. Attribution


def _is_cue(token: Token, verbs: set[str]) -> bool:
    """A speech verb in the active voice ("X is expected to" reports no one's words)."""
    if token.lemma_.lower() not in verbs or not token.tag_.startswith("VB"):
        return False
    deps = {c.dep_ for c in token.children}
    return not ("auxpass" in deps and "agent" not in deps)


NOT_SOURCES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


def _subject(cue: Token, quoted: list[bool] | None = None) -> Token | None:
    """Who speaks through `cue`; never a date, a number or an expletive ("it is said").

    `quoted` marks the tokens inside quotation marks: the parser sometimes
    takes a word of the quote ("If it doesn't," said Acton) for the subject.
    """
    subject = _find_subject(cue, quoted or [False] * len(cue.doc))
    if subject is None or subject.ent_type_ in NOT_SOURCES or subject.dep_ == "expl":
        return None
    return _named_in_apposition(subject)


def _named_in_apposition(subject: Token) -> Token:
    """ "Scott's niece, state Del. Marcia Price, shouted": the name beside the noun speaks."""
    if subject.pos_ != "NOUN":
        return subject
    name = next(
        (c for c in subject.rights if c.dep_ == "appos" and c.tag_ in ("NNP", "NNPS")), None
    )
    return name if name is not None and name.ent_type_ in ("PERSON", "") else subject


def _find_subject(cue: Token, quoted: list[bool]) -> Token | None:
    for child in cue.children:
        if quoted[child.i]:
            continue
        if child.dep_ in ("nsubj", "nsubjpass") and child.tag_ not in ("WDT", "WP", "IN"):
            if child.dep_ == "nsubjpass":
                agent = next((c for c in cue.children if c.dep_ == "agent"), None)
                if agent is not None:
                    pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
            return child
    # "..., said Choi Eun-mi": a subject the parser hung elsewhere after the verb.
    for child in cue.rights:
        named = child.dep_ in ("dobj", "attr", "npadvmod", "appos") and child.pos_ == "PROPN"
        if named and not quoted[child.i] and child.ent_type_ not in NOT_SOURCES:
            return child
    # A conjoined verb shares the subject: "Lee smiled and said"; an infinitive
    # takes its governor's ("appeared to suggest that", "refused to say").
    if cue.dep_ in ("conj", "xcomp") and cue.head.pos_ in ("VERB", "AUX"):
        shared = _find_subject(cue.head, quoted)
        if shared is not None:
            return shared
    # "..., adding that ...", "tweets saying that ...": the participle speaks for the
    # sentence's subject, wherever the parser attached it.
    if cue.tag_ == "VBG" and cue.dep_ in ("advcl", "acl", "conj", "pcomp"):
        root = cue.sent.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if root.i != cue.i and subject is not None and _agent_like(subject):
            return subject
    beside = _name_next_to(cue)
    if beside is not None:
        return beside
    # "listeners who said they had misgivings": the speaker is the noun "who" stands for.
    relative = any(c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT") for c in cue.children)
    if relative and cue.dep_ == "relcl" and cue.head.pos_ in ("NOUN", "PROPN"):
        return cue.head
    return None


def _source_in_lead(lead: list[Token]) -> Token | None:
    """ "From the ministry" or a bare short name ("Spokesman Tom Li") before a colon."""
    if not lead or len(lead) > 6 or any(t.pos_ in ("VERB", "AUX") for t in lead):
        return None
    if lead[0].lower_ == "from":
        pobj = next((c for c in lead[0].children if c.dep_ == "pobj"), None)
        return pobj
    names = [t for t in lead if t.tag_ in ("NNP", "NNPS")]
    return names[-1] if names and names[-1].i == lead[-1].i else None


def _byline_name(doc: Doc, start: int) -> Token | None:
    """A name standing alone after a dash, to the end of its line or sentence."""
    k = start
    while k < len(doc) and doc[k].tag_ in ("NNP", "NNPS", "HYPH") and "\n" not in doc[k].text:
        k += 1
    end_ok = k >= len(doc) or doc[k].is_space or doc[k].text in (",", ".") or "\n" in doc[k].text
    if k == start or not end_ok:
        return None
    token = doc[k - 1]
    return token if token.tag_ != "HYPH" else None


def _agent_like(token: Token) -> bool:
    """A name, a pronoun, or a named organisation: something that can speak."""
    return token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")


def _name_next_to(cue: Token) -> Token | None:
    """A misparsed parenthetical ("..., Lee Ki-tae explained, ..."): the name beside the verb."""
    doc = cue.doc
    before = cue.i - 1
    # "Rep. Elijah E. Cummings (D-Md.) said": look past the parenthesis.
    if before > 0 and doc[before].text == ")":
        while before > 0 and doc[before].text != "(":
            before -= 1
        before -= 1
    for i in (before, cue.i + 1):
        if 0 <= i < len(doc) and (doc[i].pos_ == "PROPN" or doc[i].tag_ == "PRP"):
            token = doc[i]
            # Climb to the head of the name ("Lee Ki-tae": "tae").
            while token.dep_ in ("compound", "flat") and token.head.pos_ == "PROPN":
                token = token.head
            return token
    return None


class Attributor:
    def __init__(self, doc: Doc, rules: QuoteRules, segments: list[Segment]) -> None:
        self.doc = doc
        self.speech = {v.lower() for v in rules.speech_verbs}
        self.thought = {v.lower() for v in rules.thought_verbs}
        self.text = doc.text  # Doc.text is rebuilt on every access
        # The line each token stands on: two tokens share a paragraph when it is the same.
        self.line: list[int] = []
        line = 0
        for token in doc:
            self.line.append(line)
            line += token.text.count("\n") + token.whitespace_.count("\n")
        self.quoted = [False] * len(doc)
        for seg in segments:
            seg.tokens = [
                t for t in doc.char_span(seg.start, seg.end, alignment_mode="expand") or []
            ]
            for t in seg.tokens:
                self.quoted[t.i] = True
            for mark in (seg.open_mark, seg.close_mark):
                if mark is not None:
                    tok = doc.char_span(mark, mark + 1, alignment_mode="expand")
                    if tok is not None:
                        for t in tok:
                            self.quoted[t.i] = True

    def outside(self, token: Token) -> bool:
        return not self.quoted[token.i]

    def same_paragraph(self, a: int, b: int) -> bool:
        return self.line[a] == self.line[b]

    def by_parse(self, seg: Segment) -> Token | None:
        """The speech verb the quote hangs off: `"..." Lee noted`, `what she described as "..."`."""
        best: Token | None = None
        for token in seg.tokens:
            head = token.head
            if head.i == token.i or (
                not self.outside(head) and head.i in range(seg.tokens[0].i, seg.tokens[-1].i + 1)
            ):
                continue
            steps = 0
            while steps < 12 and self.same_paragraph(token.i, head.i):
                if self.outside(head) and _is_cue(head, self.speech):
                    if best is None or abs(head.i - token.i) < abs(best.i - token.i):
                        best = head
                    break
                if head.head.i == head.i:
                    break
                head = head.head
                steps += 1
        return best

    def by_frame(self, seg: Segment) -> Token | None:
        """A speech verb right after the quote (`," Lee noted.`) or right before it (`said:`)."""
        doc = self.doc
        first, last = seg.tokens[0].i, seg.tokens[-1].i
        # After: up to the end of the sentence or the next quote.
        ends_open = self.text[seg.start : seg.end].rstrip()[-1:] in (",", "?", "!", "\u2014", "-")
        i = last + 1
        while i < len(doc) and not self.outside(doc[i]):
            i += 1
        after: list[Token] = []
        while i < len(doc) and self.outside(doc[i]) and "\n" not in doc[i].text:
            if doc[i].text in SENTENCE_END:
                break
            after.append(doc[i])
            i += 1
        starts_frame = bool(after) and after[0].text in (",", "\u2014")
        if ends_open or starts_frame:
            for tok in after[:8]:
                if _is_cue(tok, self.speech):
                    return tok
        # Before: back to the sentence start or the previous quote.
        i = first - 1
        while i >= 0 and not self.outside(doc[i]):
            i -= 1
        before: list[Token] = []
        while (
            i >= 0
            and self.outside(doc[i])
            and "\n" not in doc[i].text
            and doc[i].text not in SENTENCE_END
        ):
            before.append(doc[i])
            i -= 1
        before.reverse()
        if before:
            tail = before[-1]
            lead_in = tail.text in (":", ",") or _is_cue(tail, self.speech) or tail.lower_ == "that"
            if lead_in:
                for tok in reversed(before):
                    if _is_cue(tok, self.speech):
                        return tok
        return None

    def by_punctuation(self, seg: Segment) -> tuple[Token, Token] | None:
        """No speech verb, but a colon or a dash names the source.

        "From the ministry: '...'", "Spokesman Tom Li: '...'", "'...' — Maria Santos",
        and a quote paragraph after one that ends "Smith said:".
        """
        doc = self.doc
        first = seg.tokens[0].i
        i = first - 1
        while i >= 0 and (not self.outside(doc[i]) or doc[i].is_space):
            i -= 1
        if i >= 0 and doc[i].text == ":":
            lead = self._frame_before(i)
            source = _source_in_lead(lead)
            if source is not None and self.same_paragraph(i, first):
                return doc[i], source
            # "Tom Reyes, the city engineer, said:" ending the paragraph before.
            cue = next((t for t in reversed(lead) if _is_cue(t, self.speech)), None)
            subject = _subject(cue, self.quoted) if cue is not None else None
            if subject is not None:
                return cue, subject
            # "Sanders made the following comment:": whoever the lead-in is about.
            root = lead[-1].sent.root if lead else None
            subject = _subject(root, self.quoted) if root is not None else None
            if subject is not None and _agent_like(subject) and subject.pos_ != "PRON":
                return doc[i], subject
        # Characters, not tokens: the tokenizer may glue the mark and the dash ("”―").
        if seg.close_mark is not None:
            after = self.text[seg.close_mark + 1 : seg.close_mark + 8]
            dash = re.match(r"[ \t]*(?:[\u2014\u2013\u2015]|--?)[ \t]*", after)
            if dash is not None and dash.end() < len(after):
                at = seg.close_mark + 1 + dash.end()
                span = doc.char_span(at, at + 1, alignment_mode="expand")
                name = _byline_name(doc, span[0].i) if span is not None and len(span) else None
                if name is not None:
                    dash_at = seg.close_mark + 1 + after.index(dash.group().strip()[0])
                    cue = doc.char_span(dash_at, dash_at + 1, alignment_mode="expand")
                    return (cue[0] if cue is not None and len(cue) else name), name
        return None

    def _frame_before(self, colon: int) -> list[Token]:
        """The words of the colon's paragraph before it, back to a sentence end."""
        doc = self.doc
        lead: list[Token] = []
        k = colon - 1
        while k >= 0 and "\n" not in doc[k].text and "\n" not in doc[k].whitespace_:
            if doc[k].text in SENTENCE_END or not self.outside(doc[k]):
                break
            lead.append(doc[k])
            k -= 1
        lead.reverse()
        return lead

    def by_sentence(self, seg: Segment) -> Token | None:
        """A partial quote in the reporter's sentence: the one speech verb of that sentence."""
        sent = seg.tokens[0].sent
        cues = [t for t in sent if self.outside(t) and _is_cue(t, self.speech)]
        if len(cues) == 1 and self.same_paragraph(cues[0].i, seg.tokens[0].i):
            return cues[0]
        return None


def find_quotes(
    doc: Doc,
    rules: QuoteRules,
    speaker_rules: SpeakerRules,
    warnings: list[tuple[str, int]] | None = None,
) -> Iterator[Quote]:
    """Every quote in `doc`: direct and partial from quotation marks, indirect from the parse."""
    sink: list[tuple[str, int]] = [] if warnings is None else warnings
    text = doc.text
    paras = paragraphs(text)
    segments = pair_marks(text, rules, sink, paras)
    attributor = Attributor(doc, rules, segments)
    segments = [s for s in segments if s.tokens]

    for seg in segments:
        seg.cue = (
            attributor.by_parse(seg) or attributor.by_frame(seg) or attributor.by_sentence(seg)
        )
        if seg.cue is not None:
            seg.subject = _subject(seg.cue, attributor.quoted)
            if seg.subject is not None and not attributor.same_paragraph(seg.subject.i, seg.cue.i):
                seg.subject = None
        else:
            found = attributor.by_punctuation(seg)
            if found is not None:
                seg.cue, seg.subject = found
    indirect = list(_indirect(doc, rules, attributor))
    reported = {
        _paragraph_of(paras, cue.idx): (cue, subject)
        for _, _, cue, subject in indirect
        if subject is not None
    }
    _propagate(segments, paras, attributor, reported)

    registry = Registry(doc, speaker_rules)
    # Resolve every speaker mention in document order: salience depends on order.
    mentions: dict[int, tuple[Token, Token | None]] = {}
    for seg in segments:
        if seg.subject is not None:
            mentions[seg.subject.i] = (seg.subject, seg.cue)
    for _, _, cue, subject in indirect:
        if subject is not None:
            mentions[subject.i] = (subject, cue)
    resolved = {i: registry.resolve(*mentions[i]) for i in sorted(mentions)}

    for seg in segments:
        res = resolved.get(seg.subject.i) if seg.subject is not None else None
        if seg.cue is None and len(_words(text[seg.start : seg.end])) <= rules.scare_max_words:
            res = None  # a scare quote: nobody's words
        yield _quote(_kind(text, seg), res, seg.cue, text, seg.start, seg.end)
    for start, end, cue, subject in indirect:
        res = resolved.get(subject.i) if subject is not None else None
        yield _quote("indirect", res, cue, text, start, end)


def _quote(kind: str, res: Resolution | None, cue: Token | None, text: str, start: int, end: int):
    mention = res.span if res is not None else None
    return Quote(
        kind=kind,
        speaker=res.speaker if res else None,
        role=res.role if res else None,
        mention=mention.text if mention is not None else None,
        mention_span=Span(mention.start_char, mention.end_char) if mention is not None else None,
        cue=cue.text if cue is not None else None,
        text=text[start:end],
        span=Span(start, end),
    )


def _paragraph_of(paras: list[tuple[int, int]], offset: int) -> int:
    return next((i for i, (s, e) in enumerate(paras) if s <= offset <= e), -1)


def _propagate(
    segments: list[Segment],
    paras: list[tuple[int, int]],
    attributor: Attributor,
    reported: dict[int, tuple[Token, Token]],
) -> None:
    """Unattributed quotes take the attribution next to them (same speaker, same voice).

    `reported` maps a paragraph to the subject of its reported speech, so a
    paragraph of pure quotation after "Lee said this year would ..." is Lee's.
    """
    by_para: dict[int, list[Segment]] = {}
    for seg in segments:
        by_para.setdefault(seg.paragraph, []).append(seg)
    last_in_para: dict[int, Segment] = {}
    for p in sorted(by_para):
        group = by_para[p]
        for i, seg in enumerate(group):
            if seg.cue is not None:
                continue
            prev = next((g for g in reversed(group[:i]) if g.cue is not None or g.inherited), None)
            nxt = next((g for g in group[i + 1 :] if g.cue is not None), None)
            donor = prev or (nxt if _adjacent(seg, nxt, attributor) else None)
            if donor is None and _all_quote(paras[p], group, attributor):
                donor = last_in_para.get(p - 1)
                if donor is None and p - 1 in reported:
                    seg.cue, seg.subject = reported[p - 1]
                    seg.inherited = True
                    continue
            # A paragraph that reopens a quote continues the one before it.
            if donor is None:
                cont = next((g for g in segments if g.paragraph == p - 1 and g.continues), None)
                donor = cont if cont is not None and (cont.cue or cont.inherited) else None
            if donor is not None and donor.subject is not None:
                seg.cue, seg.subject, seg.inherited = donor.cue, donor.subject, True
        attributed = [g for g in group if g.subject is not None]
        if attributed:
            last_in_para[p] = attributed[-1]
        elif p in reported:
            last_in_para.pop(p, None)
    # A multi-paragraph quote attributed at its end gives that speaker to its beginning.
    for seg in reversed(segments):
        if seg.continues and seg.subject is None:
            nxt = next((g for g in segments if g.paragraph == seg.paragraph + 1), None)
            if nxt is not None and nxt.subject is not None:
                seg.cue, seg.subject, seg.inherited = nxt.cue, nxt.subject, True


def _adjacent(seg: Segment, nxt: Segment | None, attributor: Attributor) -> bool:
    if nxt is None:
        return False
    between = attributor.text[seg.end : nxt.start]
    return len(_words(between)) == 0


def _all_quote(para: tuple[int, int], group: list[Segment], attributor: Attributor) -> bool:
    """True when the paragraph has no words outside its quotation marks."""
    text = attributor.text
    covered = [False] * (para[1] - para[0])
    for seg in group:
        lo = max(seg.open_mark, para[0])
        hi = min((seg.close_mark + 1) if seg.close_mark is not None else seg.end, para[1])
        for k in range(lo - para[0], hi - para[0]):
            covered[k] = True
    rest = "".join(ch for k, ch in enumerate(text[para[0] : para[1]]) if not covered[k])
    return not _words(rest)


def _kind(text: str, seg: Segment) -> str:
    """direct when the quote stands as its own sentence, partial when embedded."""
    if seg.inherited and seg.close_mark is None:
        return "direct"
    content = text[seg.start : seg.end].lstrip()
    before = text[max(0, seg.open_mark - 20) : seg.open_mark].rstrip()
    starts_upper = content[:1].isupper() or content[:1].isdigit()
    lead_in = (
        not before or before[-1] in "\n:,.!?\u2014" or before.endswith(("said", "says", "added"))
    )
    para_start = text.rfind("\n", 0, seg.open_mark)
    fresh = not text[para_start + 1 : seg.open_mark].strip()
    if fresh or (starts_upper and lead_in):
        return "direct"
    return "partial"


# 3. Reported speech


def _indirect(
    doc: Doc, rules: QuoteRules, attributor: Attributor
) -> Iterator[tuple[int, int, str, Token | None]]:
    """(start, end, cue, subject) of every reported clause outside quotation marks."""
    verbs = attributor.speech | attributor.thought
    taken: list[tuple[int, int]] = []
    for token in doc:
        if not attributor.outside(token) or not _is_cue(token, verbs):
            continue
        bounds = _reported(token, attributor.speech)
        if bounds is None:
            continue
        lo, hi = bounds
        # "the president's trip ... 'can serve'": a clause around a partial quote still counts.
        inside = sum(1 for t in doc[lo:hi] if not attributor.outside(t))
        if inside >= (hi - lo) * 0.8:
            continue  # the clause is a direct quote, already a record
        lo, hi = _trim(doc, lo, hi)
        if hi - lo < 3:
            continue
        subject = _subject(token, attributor.quoted)
        # The subject may stand inside the span only within the cue's own
        # parenthetical ("The bridge, Mayor Lopez said, will open").
        in_cue = token.left_edge.i <= subject.i <= token.right_edge.i if subject else False
        if (
            subject is None
            or (subject.i in range(lo, hi) and not in_cue)
            or not attributor.same_paragraph(subject.i, token.i)
        ):
            continue
        span = _claim(doc, lo, hi, taken)
        if span is not None:
            yield *span, token, subject
    yield from _speech_nouns(doc, rules, attributor, taken)
    yield from _according_to(doc, rules, attributor, taken)


def _speech_nouns(doc, rules, attributor, taken) -> Iterator[tuple[int, int, Token, Token | None]]:
    """ "Trump's claim that ...", "a New York Times report that ...": owner, noun, clause."""
    nouns = {n.lower() for n in rules.speech_nouns}
    for token in doc:
        if (
            token.pos_ != "NOUN"
            or token.lemma_.lower() not in nouns
            or not attributor.outside(token)
        ):
            continue
        clause = next(
            (
                c
                for c in token.rights
                if c.dep_ in ("acl", "ccomp", "relcl")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ),
            None,
        )
        owner = next(
            (c for c in token.lefts if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")), None
        )
        if owner is None:
            owner = next(
                (
                    c
                    for c in reversed(list(token.lefts))
                    if c.dep_ == "compound" and c.tag_ in ("NNP", "NNPS")
                ),
                None,
            )
        if clause is None or owner is None:
            continue
        lo, hi = _trim(doc, clause.left_edge.i, clause.right_edge.i + 1)
        span = _claim(doc, lo, hi, taken) if hi - lo >= 3 else None
        if span is not None:
            yield *span, token, owner


# Prepositions after a speech verb that hold what was said: "called for", "warned of".
_CONTENT_PREPS = {"for", "of", "against", "about"}

# Verbs whose object is the person spoken to ("told reporters"), not what was said.
_ADDRESSEE_VERBS = {"tell", "inform", "notify", "ask", "assure", "remind", "warn", "thank", "brief"}


def _reported(cue: Token, speech: set[str]) -> tuple[int, int] | None:
    """Token bounds of what `cue` reports: a clause, an infinitive, or a weighty object.

    "said (that) X", "promised to X", "urged supporters to X", "criticized
    Trump for X": reported speech comes as a clausal complement, an open
    complement, or (for speech verbs) an object with what hangs off it.
    """
    # The clause may come first: "Taxes will rise, Maria Santos told reporters."
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    children = list(cue.rights)
    if clause is not None:
        return clause.left_edge.i, clause.right_edge.i + 1
    around = _parenthetical(cue)
    if around is not None:
        return around
    if cue.lemma_.lower() not in speech:
        return None
    xcomp = next((c for c in children if c.dep_ == "xcomp"), None)
    obj = next((c for c in children if c.dep_ in ("dobj", "dative")), None)
    if obj is not None and cue.lemma_.lower() in _ADDRESSEE_VERBS and xcomp is None:
        return None
    parts = [c for c in children if c.dep_ in ("dobj", "xcomp", "oprd")]
    if obj is not None:
        parts += [c for c in children if c.dep_ == "prep" and c.i > obj.i]
    if not parts:
        # "has called for the complete repeal", "warned of a recession": what the preposition holds.
        prep = next((c for c in children if c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if pobj is None or pobj.right_edge.i - pobj.left_edge.i < 2:
            return None
        return pobj.left_edge.i, pobj.right_edge.i + 1
    lo = min(p.left_edge.i for p in parts)
    hi = max(p.right_edge.i for p in parts) + 1
    if obj is not None and xcomp is None and (obj.pos_ == "PRON" or hi - lo < 3):
        return None
    return lo, hi


def _trim(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    """Token bounds without a leading "that" or punctuation, or trailing punctuation.

    A closing quotation mark stays: it belongs to a partial quote at the end.
    """
    while lo < hi and (doc[lo].lower_ == "that" or doc[lo].is_punct):
        lo += 1
    while hi > lo and doc[hi - 1].is_punct and doc[hi - 1].text not in ("\u201d", '"'):
        hi -= 1
    return lo, hi


def _claim(doc: Doc, lo: int, hi: int, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The character span of tokens [lo, hi), unless an earlier record already holds it."""
    span = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
    if any(a < span[1] and span[0] < b for a, b in taken):
        return None
    taken.append(span)
    return span


def _parenthetical(cue: Token) -> tuple[int, int] | None:
    """ "The museum, Mr. Bush said, celebrated his heroes": the clause around the cue.

    The parser hangs such a cue off the main verb it interrupts (or trails);
    the reported words are that verb's clause. The span runs over the
    attribution in the middle: records are contiguous.
    """
    head = cue.head
    if cue.dep_ not in ("parataxis", "advcl", "ccomp", "conj") or head.i == cue.i:
        return None
    if head.pos_ not in ("VERB", "AUX") or not _subject_before(head):
        return None
    doc = cue.doc
    first = cue.left_edge
    # The opening comma belongs to the cue's subtree or stands just before it.
    comma = first.text == "," or (first.i > 0 and doc[first.i - 1].text == ",")
    if not comma or not any(c.dep_ == "nsubj" for c in cue.children):
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in cue.rights):
        return None
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    return (lo, hi) if hi - lo >= 5 else None


def _subject_before(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.lefts)


def _according_to(doc, rules, attributor, taken) -> Iterator[tuple[int, int, str, Token | None]]:
    phrases = [tuple(p.lower().split()) for p in rules.source_phrases]
    for sent in doc.sents:
        words = [t.lower_ for t in sent]
        for phrase in phrases:
            n = len(phrase)
            for k in range(len(words) - n + 1):
                if tuple(words[k : k + n]) != phrase:
                    continue
                last = sent[k + n - 1]
                source = next((c for c in last.children if c.dep_ == "pobj"), None)
                if source is None or not attributor.outside(source):
                    continue
                phrase_end = source.right_edge.i + 1
                if k == 0:  # "According to X, CLAUSE."
                    lo, hi = phrase_end, sent.end
                else:  # "CLAUSE, according to X."
                    lo, hi = sent.start, sent[k].i
                lo, hi = _trim(doc, lo, hi)
                span = _claim(doc, lo, hi, taken) if hi - lo >= 3 else None
                if span is not None:
                    yield *span, sent[k], source  # cue: the phrase's first word
