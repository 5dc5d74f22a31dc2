"""The words and limits quote finding uses (`rules/quotes.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass

SENTENCE_END = {".", "!", "?"}


@dataclass(frozen=True)
class QuoteRules:
    # Lemmas of verbs that report speech or writing: cues for every kind of quote.
    speech_verbs: tuple[str, ...] = ()
    # Lemmas that report thoughts or plans ("believe", "expect"): cues for indirect quotes only.
    thought_verbs: tuple[str, ...] = ()
    # Word forms the model lemmatizes wrongly, with their lemma: {"hoped": "hope"}.
    lemma_forms: dict[str, str] | None = None
    # Lemmas of verbs that report an aim or plan: cues for the infinitive they take.
    intention_verbs: tuple[str, ...] = ()
    # Lemmas of verbs that report what was spoken about: cues for indirect quotes only.
    topic_verbs: tuple[str, ...] = ()
    # Prepositions after a topic verb that hold the topic: "spoke of", "talked about".
    topic_prepositions: tuple[str, ...] = ()
    # Lemmas by which documents, data and images report ("the poll shows", "a study found"):
    # speech verbs when the subject is not a person, thought verbs when it is.
    document_verbs: tuple[str, ...] = ()
    # Pronouns that name people, so a document verb beside one is a thought ("he found").
    personal_pronouns: tuple[str, ...] = ()
    # Nouns that report speech when a that-clause follows: "Trump's claim that ...".
    speech_nouns: tuple[str, ...] = ()
    # Phrases before a source that make it one: "according to X".
    source_phrases: tuple[str, ...] = ()
    # Words just before a quotation mark that introduce a whole sentence: `said "We ..."`.
    lead_in_words: tuple[str, ...] = ()
    # Prepositions after a speech verb that hold what was said: "called for", "warned of".
    content_prepositions: tuple[str, ...] = ()
    # Verbs whose object is the person spoken to ("told reporters"), not what was said.
    addressee_verbs: tuple[str, ...] = ()
    # Words that introduce a reported clause ("said that ..."), dropped from its start.
    complementizers: tuple[str, ...] = ()
    # Prepositions that name a source before a colon: "From the ministry: ...".
    source_prepositions: tuple[str, ...] = ()
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
