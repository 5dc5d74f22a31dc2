"""Mentions: the noun phrase a speaker is named by, and the text of names."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the rules read name_parts without spaCy
    from spacy.tokens import Span, Token

SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def name_parts(text: str) -> tuple[str, ...]:
    """Lower-cased name parts, so "Lee Jae-myung" and "Lee Jae Myung" are one person."""
    return tuple(p for p in re.split(r"[\s\-\u2010\u2011.]+", text.lower()) if p)


def noun_phrase(head: Token) -> Span:
    """The mention headed by `head`: its left modifiers and name parts, no clauses."""
    doc = head.doc
    if head.pos_ == "PRON":
        return doc[head.i : head.i + 1]
    start = head.i
    for child in head.lefts:
        if child.dep_ in ("compound", "flat", "amod", "det", "poss", "nmod", "punct", "nummod"):
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("flat", "compound") or (child.dep_ == "punct" and child.text == "-"):
            end = max(end, child.right_edge.i + 1)
        else:
            break
    # Hyphenated names split by the tokenizer: "Won", "-", "deog".
    while (
        end < len(doc) - 1
        and doc[end].text == "-"
        and doc[end + 1].pos_ == "PROPN"
        and not doc[end].whitespace_
    ):
        end += 2
    # The whole named entity, however the parser split it: "Cheong Wa Dae".
    if head.ent_iob_ != "O" and head.ent_type_:
        first, last = entity_bounds(head)
        start, end = min(start, first), max(end, last)
    # A name the sentence splitter cut in two ("Cheong | Wa Dae announced").
    if head.pos_ == "PROPN":
        while (
            start > 0 and _name_word(doc[start - 1]) and not doc[start - 1].whitespace_.count("\n")
        ):
            start -= 1
    while start < head.i and doc[start].is_punct:
        start += 1
    return doc[start:end]


def entity_bounds(token: Token) -> tuple[int, int]:
    """Token bounds of the named entity `token` is in, from the IOB tags.

    `doc.ents` (and `Span.ents`) rebuild every entity of the document on each access.
    """
    doc = token.doc
    first, last = token.i, token.i + 1
    while doc[first].ent_iob_ == "I" and first > 0:
        first -= 1
    while last < len(doc) and doc[last].ent_iob_ == "I":
        last += 1
    return first, last


def first_entity(mention: Span, label: str) -> tuple[int, int] | None:
    """Bounds of the first entity labelled `label` that lies wholly inside `mention`."""
    for token in mention:
        if token.ent_iob_ == "B" and token.ent_type_ == label:
            first, last = entity_bounds(token)
            if last <= mention.end:
                return first, last
    return None


def _name_word(token: Token) -> bool:
    # The fine tag: the coarse one can be odd ("Wa" in "Cheong Wa Dae" is AUX/NNP).
    return (
        token.tag_ in ("NNP", "NNPS")
        and token.text[:1].isupper()
        and not any(ch.isdigit() for ch in token.text)
        and token.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL")
    )


def capitalised_word(token: Token) -> bool:
    return token.tag_ == "NNP" and token.text[:1].isupper() and token.text.isalpha()


def appositive(ent: Span) -> str | None:
    """ ", a professor of Japanese studies at Kookmin University," after a name."""
    root = ent.root
    for child in root.rights:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and child.i >= ent.end:
            span = child.doc[child.left_edge.i : child.right_edge.i + 1]
            words = list(span)
            while words and words[0].dep_ == "det":
                words = words[1:]
            while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
                words = words[:-1]
            if words:
                return child.doc[words[0].i : words[-1].i + 1].text
    return None


def head_is_subject(span: Span) -> bool:
    return span.root.dep_ in SUBJECT_DEPS


def is_prominent(span: Span) -> bool:
    """A mention the article is following: the subject of a clause ("Lynch said"), or a
    name in apposition to one ("the minister, Ana Ruiz, said"); not a name in apposition
    to an object ("to mention the author, Muhammad Ali")."""
    root = span.root
    return root.dep_ in SUBJECT_DEPS or (root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPS)


def is_definite(mention: Span, definite: Collection[str]) -> bool:
    return any(t.lower_ in definite or t.dep_ == "poss" for t in mention) or not any(
        t.dep_ == "det" for t in mention
    )


def strip_article(text: str, articles: Collection[str]) -> str:
    """ "the Health Ministry's" -> "Health Ministry"."""
    text = text.strip()
    lead = re.match(r"([^\W\d_]+)\s+", text)
    if lead is not None and lead.group(1).lower() in articles:
        text = text[lead.end() :]
    return re.sub(r"(?:'s|’s)$", "", text).strip()


def clean_name(text: str) -> str:
    text = re.sub(r"(?:'s|’s)$", "", text.strip())
    return re.sub(r"\s+", " ", text)
