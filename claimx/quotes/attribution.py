"""Attribution: which cue and subject each quoted segment hangs off.

Each quoted span is attributed through the parse (the quote hangs off a
speech verb: `"...," Lee noted`, `what she described as his "strong
support"`), else through the frame around it in the same paragraph, the one
speech verb of its sentence, or punctuation (`From the ministry:`, a dash
byline). Unattributed quotes continue the previous attribution in the
paragraph, or the previous paragraph's for a paragraph that is all quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimx.quotes.marks import Segment, words
from claimx.quotes.rules import SENTENCE_END, QuoteRules
from claimx.quotes.subjects import agent_like, byline_name, is_cue, source_in_lead, subject_of

# A speaker's name in capitals before a colon, starting a quote: "PENCE: ...", "MR. LEE: ...".
_LABEL = re.compile(r"\s*((?:[A-Z][A-Z'\.\-]+ ){0,2}[A-Z][A-Z'\-]+):\s")


@dataclass
class Quoted:
    """A segment being attributed: its tokens, and the cue and subject found for it."""

    segment: Segment
    tokens: list[Token]
    cue: Token | None = None
    subject: Token | None = None
    inherited: bool = False

    @property
    def start(self) -> int:
        return self.segment.start

    @property
    def end(self) -> int:
        return self.segment.end

    @property
    def paragraph(self) -> int:
        return self.segment.paragraph

    @property
    def open_mark(self) -> int:
        return self.segment.open_mark

    @property
    def close_mark(self) -> int | None:
        return self.segment.close_mark

    @property
    def continues(self) -> bool:
        return self.segment.continues


class Attributor:
    """What the parse says about the quoted segments of one Doc.

    It reads the segments (to know which tokens are quoted) and never changes
    them: `tokens[k]` holds the tokens of `segments[k]`.
    """

    def __init__(self, doc: Doc, rules: QuoteRules, segments: Sequence[Segment]) -> None:
        self.doc = doc
        self.rules = rules
        self.speech = {v.lower() for v in rules.speech_verbs}
        self.thought = {v.lower() for v in rules.thought_verbs}
        self.document = {v.lower() for v in rules.document_verbs}
        self.intention = {v.lower() for v in rules.intention_verbs}
        self.topic = {v.lower() for v in rules.topic_verbs}
        self.forms = {k.lower(): v.lower() for k, v in (rules.lemma_forms or {}).items()}
        self.personal = {p.lower() for p in rules.personal_pronouns}
        self.text = doc.text  # Doc.text is rebuilt on every access
        # Offsets where each line starts, to tell a quote that opens its line.
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self._cues_by_sentence: dict[int, list[Token]] = {}
        # The line each token stands on: two tokens share a paragraph when it is the same.
        self.line: list[int] = []
        line = 0
        for token in doc:
            self.line.append(line)
            line += token.text.count("\n") + token.whitespace_.count("\n")
        self.quoted = [False] * len(doc)
        self.tokens: list[list[Token]] = []
        for seg in segments:
            tokens = list(doc.char_span(seg.start, seg.end, alignment_mode="expand") or [])
            self.tokens.append(tokens)
            for t in tokens:
                self.quoted[t.i] = True
            for mark in (seg.open_mark, seg.close_mark):
                if mark is not None:
                    tok = doc.char_span(mark, mark + 1, alignment_mode="expand")
                    if tok is not None:
                        for t in tok:
                            self.quoted[t.i] = True
        # Jumps over quoted tokens and what was found before an index, made when
        # first needed: quotes side by side must not each walk over all the others.
        self._next_out: list[int] | None = None
        self._prev_out: list[int] | None = None
        self._prev_word_out: list[int] | None = None
        self._lead_cues: dict[int, Token | None] = {}

    def outside(self, token: Token) -> bool:
        return not self.quoted[token.i]

    def next_outside(self, i: int) -> int:
        """The first token at or after `i` outside the quotes (`len(doc)` when none)."""
        if self._next_out is None:
            n = len(self.quoted)
            self._next_out = [n] * (n + 1)
            for k in range(n - 1, -1, -1):
                self._next_out[k] = self._next_out[k + 1] if self.quoted[k] else k
        return self._next_out[i]

    def prev_outside(self, i: int) -> int:
        """The last token at or before `i` outside the quotes (-1 when none)."""
        if self._prev_out is None:
            self._prev_out = []
            last = -1
            for k, inside in enumerate(self.quoted):
                last = last if inside else k
                self._prev_out.append(last)
        return self._prev_out[i] if i >= 0 else -1

    def prev_word_outside(self, i: int) -> int:
        """The last token at or before `i` outside the quotes and not space (-1 when none)."""
        if self._prev_word_out is None:
            self._prev_word_out = []
            last = -1
            for k, token in enumerate(self.doc):
                last = last if self.quoted[k] or token.is_space else k
                self._prev_word_out.append(last)
        return self._prev_word_out[i] if i >= 0 else -1

    def same_paragraph(self, a: int, b: int) -> bool:
        return self.line[a] == self.line[b]

    def by_parse(self, seg: Quoted) -> Token | None:
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
                if self.outside(head) and is_cue(head, self.speech, self.forms):
                    if best is None or abs(head.i - token.i) < abs(best.i - token.i):
                        best = head
                    break
                if head.head.i == head.i:
                    break
                head = head.head
                steps += 1
        return best

    def by_frame(self, seg: Quoted) -> Token | None:
        """A speech verb right after the quote (`," Lee noted.`) or right before it (`said:`)."""
        doc = self.doc
        first, last = seg.tokens[0].i, seg.tokens[-1].i
        # After: up to the end of the sentence or the next quote.
        ends_open = self.text[seg.start : seg.end].rstrip()[-1:] in (",", "?", "!", "\u2014", "-")
        i = self.next_outside(last + 1)
        after: list[Token] = []  # only the first 8 can be the cue
        while i < len(doc) and len(after) < 8 and self.outside(doc[i]) and "\n" not in doc[i].text:
            if doc[i].text in SENTENCE_END:
                break
            after.append(doc[i])
            i += 1
        starts_frame = bool(after) and after[0].text in (",", "\u2014")
        if ends_open or starts_frame:
            for tok in after:
                if is_cue(tok, self.speech, self.forms):
                    return tok
        # Before: back to the sentence start or the previous quote.
        i = self.prev_outside(first - 1)
        if i not in self._lead_cues:
            self._lead_cues[i] = self._lead_cue(i)
        return self._lead_cues[i]

    def _lead_cue(self, i: int) -> Token | None:
        """The speech verb of a lead-in ending at token `i` (`Lee said:`, `said that`)."""
        doc = self.doc
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
            lead_in = (
                tail.text in (":", ",")
                or is_cue(tail, self.speech, self.forms)
                or tail.lower_ == "that"
            )
            if lead_in:
                for tok in reversed(before):
                    if is_cue(tok, self.speech, self.forms):
                        return tok
        return None

    def by_punctuation(self, seg: Quoted) -> tuple[Token, Token] | None:
        """No speech verb, but a colon or a dash names the source.

        "From the ministry: '...'", "Spokesman Tom Li: '...'", "'...' — Maria Santos",
        and a quote paragraph after one that ends "Smith said:".
        """
        doc = self.doc
        first = seg.tokens[0].i
        i = self.prev_word_outside(first - 1)
        if i >= 0 and doc[i].text == ":":
            lead = self._frame_before(i)
            source = source_in_lead(lead, self.rules.source_prepositions)
            if source is not None and self.same_paragraph(i, first):
                return doc[i], source
            # "Tom Reyes, the city engineer, said:" ending the paragraph before.
            cue = next((t for t in reversed(lead) if is_cue(t, self.speech, self.forms)), None)
            subject = subject_of(cue, self.quoted) if cue is not None else None
            if cue is not None and subject is not None:
                return cue, subject
            # "Sanders made the following comment:": whoever the lead-in is about.
            root = lead[-1].sent.root if lead else None
            subject = subject_of(root, self.quoted) if root is not None else None
            if subject is not None and agent_like(subject) and subject.pos_ != "PRON":
                return doc[i], subject
        # Characters, not tokens: the tokenizer may glue the mark and the dash ("”―").
        if seg.close_mark is not None:
            after = self.text[seg.close_mark + 1 : seg.close_mark + 8]
            dash = re.match(r"[ \t]*(?:[\u2014\u2013\u2015]|--?)[ \t]*", after)
            if dash is not None and dash.end() < len(after):
                at = seg.close_mark + 1 + dash.end()
                span = doc.char_span(at, at + 1, alignment_mode="expand")
                name = byline_name(doc, span[0].i) if span is not None and len(span) else None
                if name is not None:
                    dash_at = seg.close_mark + 1 + after.index(dash.group().strip()[0])
                    dash_span = doc.char_span(dash_at, dash_at + 1, alignment_mode="expand")
                    if dash_span is not None and len(dash_span):
                        return dash_span[0], name
                    return name, name
        return None

    def by_label(self, seg: Quoted) -> tuple[Token, Token] | None:
        """A transcript quoted whole: `"PENCE: Well, the question ..."`: the speaker's
        name in capitals before a colon, at the start of the quote."""
        label = _LABEL.match(self.text, seg.start, seg.end)
        if label is None:
            return None
        doc = self.doc
        name = doc.char_span(label.start(1), label.end(1), alignment_mode="expand")
        colon = doc.char_span(label.end(1), label.end(1) + 1, alignment_mode="expand")
        if name is None or colon is None or not len(name) or not len(colon):
            return None
        return colon[0], name[-1]

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

    def by_sentence(self, seg: Quoted) -> Token | None:
        """A partial quote in the reporter's sentence: the one speech verb of that sentence."""
        sent = seg.tokens[0].sent
        cues = self._cues_by_sentence.get(sent.start)
        if cues is None:
            cues = [t for t in sent if self.outside(t) and is_cue(t, self.speech, self.forms)]
            self._cues_by_sentence[sent.start] = cues
        if len(cues) == 1 and self.same_paragraph(cues[0].i, seg.tokens[0].i):
            return cues[0]
        return None


def paragraph_of(paras: list[tuple[int, int]], starts: list[int], offset: int) -> int:
    """The index of the paragraph holding `offset`, or -1; `starts` are the paragraphs' starts."""
    k = bisect_right(starts, offset) - 1
    return k if k >= 0 and offset <= paras[k][1] else -1


def propagate(
    segments: list[Quoted],
    paras: list[tuple[int, int]],
    attributor: Attributor,
    reported: dict[int, tuple[Token, Token]],
) -> None:
    """Unattributed quotes take the attribution next to them (same speaker, same voice).

    `reported` maps a paragraph to the subject of its reported speech, so a
    paragraph of pure quotation after "Lee said this year would ..." is Lee's.
    Changes the `Quoted` records of `segments`: the finder's own working records.
    """
    by_para: dict[int, list[Quoted]] = {}
    for seg in segments:
        by_para.setdefault(seg.paragraph, []).append(seg)
    last_in_para: dict[int, Quoted] = {}
    for p in sorted(by_para):
        group = by_para[p]
        # The next quote with a cue of its own, for each quote of the paragraph.
        following: list[Quoted | None] = [None] * len(group)
        for i in range(len(group) - 2, -1, -1):
            after = group[i + 1]
            following[i] = after if after.cue is not None else following[i + 1]
        all_quote: bool | None = None  # computed once, when first needed
        prev: Quoted | None = None  # the last quote with a cue, own or inherited
        for i, seg in enumerate(group):
            if seg.cue is None:
                nxt = following[i]
                donor = prev or (nxt if _adjacent(seg, nxt, attributor) else None)
                if donor is None:
                    if all_quote is None:
                        all_quote = _all_quote(paras[p], group, attributor)
                    if all_quote:
                        donor = last_in_para.get(p - 1)
                        if donor is None and p - 1 in reported:
                            seg.cue, seg.subject = reported[p - 1]
                            seg.inherited = True
                # A paragraph that reopens a quote continues the one before it.
                if donor is None and not seg.inherited:
                    before = by_para.get(p - 1, [])
                    cont = next((g for g in before if g.continues), None)
                    donor = cont if cont is not None and (cont.cue or cont.inherited) else None
                if donor is not None and donor.subject is not None:
                    seg.cue, seg.subject, seg.inherited = donor.cue, donor.subject, True
            if seg.cue is not None or seg.inherited:
                prev = seg
        attributed = [g for g in group if g.subject is not None]
        if attributed:
            last_in_para[p] = attributed[-1]
        elif p in reported:
            last_in_para.pop(p, None)
    # A multi-paragraph quote attributed at its end gives that speaker to its beginning.
    for seg in reversed(segments):
        if seg.continues and seg.subject is None:
            next_para = by_para.get(seg.paragraph + 1)
            if next_para and next_para[0].subject is not None:
                first = next_para[0]
                seg.cue, seg.subject, seg.inherited = first.cue, first.subject, True


def _adjacent(seg: Quoted, nxt: Quoted | None, attributor: Attributor) -> bool:
    if nxt is None:
        return False
    between = attributor.text[seg.end : nxt.start]
    return len(words(between)) == 0


def _all_quote(para: tuple[int, int], group: list[Quoted], attributor: Attributor) -> bool:
    """True when the paragraph has no words outside its quotation marks."""
    text = attributor.text
    rest: list[str] = []
    pos = para[0]
    for seg in group:
        lo = max(seg.open_mark, para[0])
        hi = min((seg.close_mark + 1) if seg.close_mark is not None else seg.end, para[1])
        if lo > pos:
            rest.append(text[pos:lo])
        pos = max(pos, hi)
    rest.append(text[pos : para[1]])
    return not words(" ".join(rest))


def kind_of(seg: Quoted, attributor: Attributor) -> str:
    """direct when the quote stands as its own sentence, partial when embedded."""
    if seg.inherited and seg.close_mark is None:
        return "direct"
    text = attributor.text
    content = text[seg.start : seg.end].lstrip()
    before = text[max(0, seg.open_mark - 20) : seg.open_mark].rstrip()
    starts_upper = content[:1].isupper() or content[:1].isdigit()
    lead_in = (
        not before
        or before[-1] in "\n:,.!?\u2014"
        or before.endswith(tuple(attributor.rules.lead_in_words))
    )
    starts = attributor.line_starts
    line_start = starts[bisect_right(starts, seg.open_mark) - 1]
    fresh = not text[line_start : seg.open_mark].strip()
    if fresh or (starts_upper and lead_in):
        return "direct"
    return "partial"
