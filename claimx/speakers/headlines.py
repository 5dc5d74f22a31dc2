"""Title Case lines (headlines, section headings): every word looks like a name there.

"Ben Carson Defends Remarks On Muslims", "Derelict Obama", "Concrete Timeline": on
such a line the tagger runs names into the words around them. A name there keeps
only the words the article's body confirms (names the tagger finds in running
text) and given names; a heading with neither names nobody.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Token

# Words Title Case leaves in lower case ("Clinton Plan for Taxes Is Not the Answer").
_SMALL = frozenset(
    {"a", "an", "the", "of", "on", "in", "to", "for", "and", "or", "nor", "at", "by", "with"}
    | {"as", "but", "from", "vs", "via", "up", "is", "are", "be", "it", "its"}
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_JOINERS = frozenset({"-", "\u2010", "\u2011", "."})
# Share of a line's content words that must be capitalised for it to be Title Case.
_CAPITALISED_SHARE = 0.85


def is_title_case(line: str) -> bool:
    words = [w for w in _WORD.findall(line) if w.lower() not in _SMALL]
    if len(words) < 2:
        return False
    return sum(w[:1].isupper() for w in words) >= _CAPITALISED_SHARE * len(words)


class Headlines:
    """Which tokens stand on a Title Case line, and which words the body confirms as names."""

    def __init__(self, doc: Doc) -> None:
        self.lines: list[tuple[int, int]] = []
        offset = 0
        for line in doc.text.split("\n"):
            # A run-in heading: "Limited Tools to Fight Terrorism: The United Nations was..."
            head = line.split(": ", 1)[0]
            if is_title_case(head):
                self.lines.append((offset, offset + len(head)))
            offset += len(line) + 1
        # Words of the names the tagger finds in running text ("Carson said").
        self.confirmed: set[str] = {
            token.lower_
            for token in doc
            if token.ent_type_ == "PERSON"
            and token.is_alpha
            and token.text[:1].isupper()
            and self._line(token) is None
        }
        # Capitalised words of running text: enough for a one-word name ("Trump Says").
        self.capitalised: set[str] = {
            token.lower_
            for token in doc
            if token.is_alpha
            and token.text[:1].isupper()
            and token.tag_ in ("NNP", "NNPS")
            and self._line(token) is None
        }

    def _line(self, token: Token) -> tuple[int, int] | None:
        for start, end in self.lines:
            if start <= token.idx < end:
                return start, end
        return None

    def on_title_line(self, token: Token) -> bool:
        return bool(self.lines) and self._line(token) is not None

    def trim(self, tokens: Iterable[Token], is_given: Callable[[str], bool]) -> list[Token]:
        """The words of a name on a Title Case line that are a name: confirmed by the
        body or given names, the longest run of them; all of a name that is the whole
        line and starts with a given name (a signature: "Chris Smith.")."""
        tokens = list(tokens)
        if not tokens or not self.on_title_line(tokens[0]):
            return tokens
        start, end = self._line(tokens[0]) or (0, 0)
        line = tokens[0].doc.text[start:end]
        words = [w for w in _WORD.findall(line) if w.rstrip(".") and w.lower() not in _SMALL]
        texts = [t.text for t in tokens if t.is_alpha]
        if texts and [w.rstrip(".") for w in words] == texts and is_given(texts[0]):
            return tokens
        runs: list[list[Token]] = [[]]
        for token in tokens:
            if token.lower_ in self.confirmed or (token.is_alpha and is_given(token.text)):
                runs[-1].append(token)
            elif token.text in _JOINERS and runs[-1]:
                runs[-1].append(token)  # "Jean-Pierre", "Leonard E. Burman"
            else:
                runs.append([])
        best = max(runs, key=len)
        while best and best[-1].is_punct:
            best.pop()
        # A run of given names alone ("Will Grant") is no name the body confirms.
        if not any(t.lower_ in self.confirmed for t in best):
            one = len(tokens) == 1 and tokens[0].lower_ in self.capitalised
            return tokens if one else []
        return best
