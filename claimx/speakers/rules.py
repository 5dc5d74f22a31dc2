"""The words speaker resolution uses, as typed rules and as lookup sets built once."""

from __future__ import annotations

from dataclasses import dataclass

from claimx.speakers.mentions import name_parts


@dataclass(frozen=True)
class SpeakerRules:
    # Personal pronouns and the kind of antecedent they take: male, female, person, group, self.
    pronouns: dict[str, str]
    # Titles written before a name: "President", "Prime Minister", "Sen.".
    titles: tuple[str, ...] = ()
    # Nouns that name a person by role: "the professor", "the spokeswoman".
    role_nouns: tuple[str, ...] = ()
    # Head nouns that make a phrase an organisation: "ministry", "media".
    organisation_nouns: tuple[str, ...] = ()
    # Titles that tell a gender: {"mr": male}.
    gendered_titles: dict[str, str] | None = None
    # Common given names by gender, so "he said" skips the woman named last: {female: [...]}.
    given_names: dict[str, tuple[str, ...]] | None = None
    # Nouns for one unnamed person ("a source", "one insider"), besides the role nouns.
    unnamed_nouns: tuple[str, ...] = ()
    # Head nouns of documents that speak: "the report found", "a poll shows".
    document_nouns: tuple[str, ...] = ()
    # Singular nouns for several unnamed people: "another 19 percent said", "a majority".
    group_nouns: tuple[str, ...] = ()
    # Words that are never part of a person's name even when tagged so ("Jan", "Korea").
    not_names: tuple[str, ...] = ()
    # Determiners that make a noun phrase definite ("the professor", "this agency").
    definite_determiners: tuple[str, ...] = ()
    # Articles dropped from the front of a name ("the Health Ministry" -> "Health Ministry").
    articles: tuple[str, ...] = ()
    # Who "I" and "you" are outside quoted words: the article's author, its readers.
    author: str = "the author"
    readers: str = "readers"


class Lexicon:
    """`SpeakerRules` as lower-cased lookup sets, built once per rules object."""

    def __init__(self, rules: SpeakerRules) -> None:
        self.rules = rules
        self.pronouns = {k.lower(): v for k, v in rules.pronouns.items()}
        self.titles = sorted((name_parts(t) for t in rules.titles), key=len, reverse=True)
        self.title_words = {t[0] for t in self.titles if len(t) == 1}
        self.title_last_words = {t[-1].rstrip(".") for t in self.titles}
        self.role_nouns = {r.lower() for r in rules.role_nouns}
        self.org_nouns = {o.lower() for o in rules.organisation_nouns}
        self.document_nouns = {d.lower() for d in rules.document_nouns}
        self.unnamed_nouns = {u.lower() for u in rules.unnamed_nouns}
        self.group_nouns = {g.lower() for g in rules.group_nouns}
        self.not_names = {n.lower() for n in rules.not_names}
        self.gendered = {k.lower().rstrip("."): v for k, v in (rules.gendered_titles or {}).items()}
        self.given = {
            name.lower(): gender
            for gender, names in (rules.given_names or {}).items()
            for name in names
        }
        self.definite = {d.lower() for d in rules.definite_determiners}
        self.articles = tuple(a.lower() for a in rules.articles)
