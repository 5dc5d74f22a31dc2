"""A tokenizer guard: long runs of punctuation split into one token per mark.

spaCy's tokenizer peels prefixes and suffixes off a whitespace-delimited chunk
one at a time, copying the rest each time: a run of 100,000 quotation marks
with no space takes hours. Runs of at least `RUN` marks are cut out before the
tokenizer sees them and come back as one token per character, so the Doc's
text is unchanged and tokenizing stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

RUN = 64
_RUNS = re.compile(r"[^\w\s]{" + str(RUN) + ",}")


class RunGuard:
    """Wraps a spaCy tokenizer; everything but calling it goes to the wrapped one."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        runs = list(_RUNS.finditer(text))
        if not runs:
            return self.tokenizer(text)
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for run in runs:
            self._add(text[pos : run.start()], words, spaces)
            words.extend(run.group())
            spaces.extend([False] * len(run.group()))
            pos = run.end()
        self._add(text[pos:], words, spaces)
        return Doc(self.tokenizer.vocab, words=words, spaces=spaces)  # type: ignore[attr-defined]

    def _add(self, piece: str, words: list[str], spaces: list[bool]) -> None:
        if piece:
            for token in self.tokenizer(piece):
                words.append(token.text)
                spaces.append(bool(token.whitespace_))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "tokenizer":  # copying and unpickling
            raise AttributeError(name)
        return getattr(self.tokenizer, name)
