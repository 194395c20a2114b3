"""The matchmaking problem as the solver sees it: numbers and names, no database rows.

Slot times are aware datetimes in the event's own time zone, because every message and
printout shows them as wall-clock times there. Pair scores are integer *points*
(`POINTS_PER_UNIT` per unit of score): the min-cost-flow solver works in integers, and a
fixed scale makes "the optimum" mean the same thing in the solver, the ILP used by the tests
and the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

POINTS_PER_UNIT = 100

Pair = tuple[int, int]
"""(attendee id, company id)."""


class Objective(StrEnum):
    FAIR = "fair"
    TOTAL = "total"

    @property
    def label(self) -> str:
        return _OBJECTIVE_LABELS[self]


_OBJECTIVE_LABELS = {
    Objective.FAIR: "Fair: as many people as possible get a first meeting, then a second, …",
    Objective.TOTAL: "Total: the highest sum of match scores",
}


class MeetingStatus(StrEnum):
    """What the exhibitor ticks on their printed list after the meeting."""

    SCHEDULED = "scheduled"
    ATTENDED = "attended"
    NO_SHOW = "no_show"


def to_points(score: float) -> int:
    return round(score * POINTS_PER_UNIT)


def to_score(points: int) -> float:
    return points / POINTS_PER_UNIT


@dataclass(frozen=True)
class Slot:
    index: int
    start: datetime
    end: datetime

    @property
    def label(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class Break:
    start: datetime
    end: datetime
    label: str = "Break"


@dataclass(frozen=True)
class AttendeeSpec:
    id: int
    name: str
    unavailable: frozenset[int] = frozenset()
    """Slot indexes this person cannot meet in (outside their availability windows)."""


@dataclass(frozen=True)
class CompanySpec:
    id: int
    name: str
    tables: int
    unavailable: frozenset[int] = frozenset()


@dataclass(frozen=True, order=True)
class Meeting:
    """One meeting; `table` counts from 1 within its company, `slot` is a slot index."""

    slot: int
    company: int
    table: int
    attendee: int
    points: int = field(default=0, compare=False)
    locked: bool = field(default=False, compare=False)

    @property
    def pair(self) -> Pair:
        return (self.attendee, self.company)

    @property
    def place(self) -> tuple[int, int, int]:
        """Where it happens: (slot, company, table) — one meeting per place."""
        return (self.slot, self.company, self.table)


@dataclass(frozen=True)
class Problem:
    """Everything the solver and the validator need.

    `points` holds the candidate pairs: only these may be generated (never-pairs are left
    out by scoring); `must` pairs are met in every schedule the solver returns; `locks` are
    meetings fixed in place by the organiser (or by re-planning).
    """

    slots: tuple[Slot, ...]
    attendees: Mapping[int, AttendeeSpec]
    companies: Mapping[int, CompanySpec]
    points: Mapping[Pair, int]
    max_meetings: int
    must: frozenset[Pair] = frozenset()
    never: frozenset[Pair] = frozenset()
    locks: tuple[Meeting, ...] = ()
    breaks: tuple[Break, ...] = ()

    def slot_label(self, index: int) -> str:
        if 0 <= index < len(self.slots):
            return self.slots[index].label
        return f"slot {index + 1}"

    def attendee_name(self, attendee_id: int) -> str:
        spec = self.attendees.get(attendee_id)
        return spec.name if spec else f"attendee #{attendee_id}"

    def company_name(self, company_id: int) -> str:
        spec = self.companies.get(company_id)
        return spec.name if spec else f"company #{company_id}"

    def attendee_free_slots(self, attendee_id: int) -> list[int]:
        unavailable = self.attendees[attendee_id].unavailable
        return [s.index for s in self.slots if s.index not in unavailable]

    def company_free_slots(self, company_id: int) -> list[int]:
        unavailable = self.companies[company_id].unavailable
        return [s.index for s in self.slots if s.index not in unavailable]

    def attendee_cap(self, attendee_id: int) -> int:
        """At most K meetings, and never more than the slots the person can attend."""
        return min(self.max_meetings, len(self.attendee_free_slots(attendee_id)))

    def company_capacity(self, company_id: int) -> int:
        return self.companies[company_id].tables * len(self.company_free_slots(company_id))

    def pair_points(self, pair: Pair) -> int:
        return self.points.get(pair, 0)
