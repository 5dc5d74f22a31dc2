"""Who speaks through a cue: subjects, names beside the verb, sources before a colon."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from spacy.tokens import Doc, Token


def lemma_of(token: Token, forms: Mapping[str, str] | None = None) -> str:
    """The token's lemma, lower-cased; `forms` corrects the model's ("hoped" -> "hope")."""
    if forms:
        fixed = forms.get(token.lower_)
        if fixed is not None:
            return fixed
    return token.lemma_.lower()


def is_cue(token: Token, verbs: set[str], forms: Mapping[str, str] | None = None) -> bool:
    """A speech verb in the active voice ("X is expected to" reports no one's words)."""
    if lemma_of(token, forms) not in verbs or not token.tag_.startswith("VB"):
        return False
    deps = {c.dep_ for c in token.children}
    return not ("auxpass" in deps and "agent" not in deps)


NOT_SOURCES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
# A share of people speaks in polls: "47 percent said", "a third of voters say".
SHARES = {"PERCENT"}


def subject_of(cue: Token, quoted: list[bool] | None = None) -> Token | None:
    """Who speaks through `cue`; never a date, a number or an expletive ("it is said").

    `quoted` marks the tokens inside quotation marks: the parser sometimes
    takes a word of the quote ("If it doesn't," said Acton) for the subject.
    """
    subject = _find_subject(cue, quoted or [False] * len(cue.doc))
    if subject is None or subject.dep_ == "expl":
        return None
    if subject.ent_type_ in NOT_SOURCES and not _share(subject):
        return None
    return _named_in_apposition(subject)


def _share(subject: Token) -> bool:
    """ "47 percent (of voters) said": a share of people, the subject of a verb."""
    return subject.ent_type_ in SHARES and subject.dep_ == "nsubj" and subject.pos_ == "NOUN"


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
        if root.i != cue.i and subject is not None and agent_like(subject):
            return subject
    beside = _name_next_to(cue)
    if beside is not None:
        return beside
    # "listeners who said they had misgivings": the speaker is the noun "who" stands for.
    relative = any(c.dep_ == "nsubj" and c.tag_ in ("WP", "WDT") for c in cue.children)
    if relative and cue.dep_ == "relcl" and cue.head.pos_ in ("NOUN", "PROPN"):
        return cue.head
    return None


def source_in_lead(lead: list[Token], source_preps: Collection[str]) -> Token | None:
    """ "From the ministry" or a bare short name ("Spokesman Tom Li") before a colon."""
    if not lead or len(lead) > 6 or any(t.pos_ in ("VERB", "AUX") for t in lead):
        return None
    if lead[0].lower_ in source_preps:
        pobj = next((c for c in lead[0].children if c.dep_ == "pobj"), None)
        return pobj
    names = [t for t in lead if t.tag_ in ("NNP", "NNPS")]
    return names[-1] if names and names[-1].i == lead[-1].i else None


def byline_name(doc: Doc, start: int) -> Token | None:
    """A name standing alone after a dash, to the end of its line or sentence."""
    k = start
    while k < len(doc) and doc[k].tag_ in ("NNP", "NNPS", "HYPH") and "\n" not in doc[k].text:
        k += 1
    end_ok = k >= len(doc) or doc[k].is_space or doc[k].text in (",", ".") or "\n" in doc[k].text
    if k == start or not end_ok:
        return None
    token = doc[k - 1]
    return token if token.tag_ != "HYPH" else None


def agent_like(token: Token) -> bool:
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
