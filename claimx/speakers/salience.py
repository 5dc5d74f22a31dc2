"""Salience: when each entity was last mentioned, and last mentioned prominently.

Resolution runs in document order. A full mention (an event of the index)
counts once resolution has passed it; a resolved mention counts at once. A
prominent mention is the subject of a clause, an apposition, or a speaker.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable

from claimx.speakers.index import Entity, Event, Index
from claimx.speakers.mentions import is_prominent


class Salience:
    def __init__(
        self, events: Iterable[Event], index: Index, quoted: Callable[[int], bool] | None = None
    ) -> None:
        self._events = deque(events)
        self._index = index
        # Whether a character offset lies in quoted or reported words: a name there
        # is what someone talked about, not who the article is following.
        self._quoted = quoted or (lambda offset: False)
        self._seen: dict[int, int] = {}
        self._prominent: dict[int, int] = {}
        # Entities by their latest mention, the latest last: pronouns walk it backwards.
        self._recent: dict[int, Entity] = {}

    def quoted(self, offset: int) -> bool:
        """Whether a character offset lies in quoted or reported words."""
        return self._quoted(offset)

    def last_seen(self, entity: Entity) -> int:
        """Token index of the entity's latest mention so far, -1 before the first."""
        return self._seen.get(entity.seq, -1)

    def last_prominent(self, entity: Entity) -> int:
        return self._prominent.get(entity.seq, -1)

    def seen(self, token_i: int, entity: Entity, prominent: bool) -> None:
        key = entity.seq
        if token_i >= self._seen.get(key, -1):
            self._seen[key] = token_i
            self._recent.pop(key, None)
            self._recent[key] = entity
        if prominent and token_i > self._prominent.get(key, -1):
            self._prominent[key] = token_i

    def advance(self, upto: int) -> None:
        """Let every full mention before token `upto` count."""
        while self._events and self._events[0].start < upto:
            event = self._events.popleft()
            entity = event.entity
            if entity is None and event.surname is not None:
                named = self._index.with_part(event.surname, "person")
                entity = max(named, key=self.last_seen, default=None)
                if entity is None or self.last_seen(entity) < 0:
                    continue
            if entity is None:
                continue
            prominent = is_prominent(event.span) and not self._quoted(event.span.start_char)
            self.seen(event.start, entity, prominent)

    def seen_entities(self) -> list[Entity]:
        """Every entity mentioned so far, in the order they were first named."""
        return sorted(self._recent.values(), key=lambda e: e.seq)
