"""`find_quotes`: every quote of a Doc, with its cue and resolved speaker."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from claimx.model import Found, Quote, Span
from claimx.quotes.attribution import Attributor, Quoted, kind_of, paragraph_of, propagate
from claimx.quotes.marks import pair_marks, paragraphs, words
from claimx.quotes.reported import reported_speech
from claimx.quotes.rules import QuoteRules
from claimx.quotes.subjects import subject_of
from claimx.speakers import Registry, Resolution, SpeakerRules


def find_quotes(doc: Doc, rules: QuoteRules, speaker_rules: SpeakerRules) -> Found[Quote]:
    """Every quote in `doc`: direct and partial from quotation marks, indirect from the parse."""
    text = doc.text
    paras = paragraphs(text)
    paired = pair_marks(text, rules, paras)
    attributor = Attributor(doc, rules, paired.records)
    segments = [
        Quoted(seg, tokens)
        for seg, tokens in zip(paired.records, attributor.tokens, strict=True)
        if tokens
    ]

    for seg in segments:
        seg.cue = (
            attributor.by_parse(seg) or attributor.by_frame(seg) or attributor.by_sentence(seg)
        )
        if seg.cue is not None:
            seg.subject = subject_of(seg.cue, attributor.quoted)
            if seg.subject is not None and not attributor.same_paragraph(seg.subject.i, seg.cue.i):
                seg.subject = None
        else:
            found = attributor.by_punctuation(seg) or attributor.by_label(seg)
            if found is not None:
                seg.cue, seg.subject = found
    indirect = list(reported_speech(doc, rules, attributor))
    starts = [s for s, _ in paras]
    reported = {
        paragraph_of(paras, starts, cue.idx): (cue, subject)
        for _, _, cue, subject in indirect
        if subject is not None
    }
    propagate(segments, paras, attributor, reported)

    quoted = [(seg.start, seg.end) for seg in segments] + [(s, e) for s, e, _, _ in indirect]
    registry = Registry(doc, speaker_rules, quoted=quoted)
    # Resolve every speaker mention in document order: salience depends on order.
    mentions: dict[int, tuple[Token, Token | None]] = {}
    for seg in segments:
        if seg.subject is not None:
            mentions[seg.subject.i] = (seg.subject, seg.cue)
    for _, _, cue, subject in indirect:
        if subject is not None:
            mentions[subject.i] = (subject, cue)
    resolved = {i: registry.resolve(*mentions[i]) for i in sorted(mentions)}

    records = []
    for seg in segments:
        if seg.cue is None and len(words(text[seg.start : seg.end])) <= rules.scare_max_words:
            continue  # a scare quote: words held at arm's length, nobody's statement
        res = resolved.get(seg.subject.i) if seg.subject is not None else None
        if res is not None and seg.inherited:
            res = replace(res, via="continuation")
        records.append(_quote(kind_of(seg, attributor), res, seg.cue, text, seg.start, seg.end))
    for start, end, cue, subject in indirect:
        res = resolved.get(subject.i) if subject is not None else None
        records.append(_quote("indirect", res, cue, text, start, end))
    return Found(tuple(records), paired.warnings)


def _quote(
    kind: str, res: Resolution | None, cue: Token | None, text: str, start: int, end: int
) -> Quote:
    mention = res.span if res is not None else None
    return Quote(
        kind=kind,
        speaker=res.speaker if res else None,
        speaker_type=res.speaker_type if res else None,
        via=res.via if res and res.speaker else None,
        role=res.role if res else None,
        mention=mention.text if mention is not None else None,
        mention_span=Span(mention.start_char, mention.end_char) if mention is not None else None,
        cue=cue.text if cue is not None else None,
        text=text[start:end],
        span=Span(start, end),
    )
