"""The record every mutating operation returns, so each screen can refresh what it shows.

Following Anki's pattern: operations do not poke at widgets; they say what kinds of things
changed and the UI emits one signal that every screen filters for itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Entity(StrEnum):
    EVENT = "event"
    ATTENDEES = "attendees"
    COMPANIES = "companies"
    BADGES = "badges"
    SCANS = "scans"
    MEETINGS = "meetings"
    LEADS = "leads"


@dataclass(frozen=True)
class Changes:
    entities: frozenset[Entity] = field(default_factory=frozenset)
    summary: str = ""

    @classmethod
    def of(cls, *entities: Entity, summary: str = "") -> Changes:
        return cls(frozenset(entities), summary)

    def touches(self, *entities: Entity) -> bool:
        return bool(self.entities.intersection(entities))

    def __or__(self, other: Changes) -> Changes:
        summary = "; ".join(s for s in (self.summary, other.summary) if s)
        return Changes(self.entities | other.entities, summary)
