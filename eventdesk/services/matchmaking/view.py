"""The current schedule as the Matchmaking grid, the printouts and the exports read it.

Read-only records (no ORM objects) so the UI can hold them and a worker thread can build
them; `why` carries the shared interests that made each pair a match, as tag labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from eventdesk.domain.matchmaking.model import Break, MeetingStatus, Slot
from eventdesk.domain.text import fold
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import ScheduleRun
from eventdesk.services.matchmaking.plan import Exhibitor, Participant, current_meeting_rows, load_problem


@dataclass(frozen=True)
class GridTable:
    company_id: int
    company: str
    booth: str
    table: int


@dataclass(frozen=True)
class GridMeeting:
    id: int
    attendee_id: int
    attendee: str
    company_id: int
    company: str
    table: int
    slot: int
    score: float
    locked: bool
    printed: bool
    status: MeetingStatus
    why: tuple[str, ...]


@dataclass(frozen=True)
class ScheduleView:
    """The current schedule, ready for the grid, the printouts and the exports."""

    event_name: str
    timezone: str
    version: int
    generated_at: datetime | None
    edited_at: datetime | None
    slots: tuple[Slot, ...]
    breaks: tuple[Break, ...]
    tables: tuple[GridTable, ...]
    meetings: tuple[GridMeeting, ...]
    people: dict[int, Participant] = field(default_factory=dict)
    companies: dict[int, Exhibitor] = field(default_factory=dict)
    _cells: dict[tuple[int, int, int], GridMeeting] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_cells", {(m.slot, m.company_id, m.table): m for m in self.meetings})

    def cell(self, slot: int, company_id: int, table: int) -> GridMeeting | None:
        return self._cells.get((slot, company_id, table))

    def of_attendee(self, attendee_id: int) -> list[GridMeeting]:
        return sorted((m for m in self.meetings if m.attendee_id == attendee_id), key=lambda m: m.slot)


def schedule_view(*, doc: EventDocument) -> ScheduleView:
    with doc.session() as session:
        loaded = load_problem(session, score=False)
        rows = current_meeting_rows(session)
        run = session.execute(select(ScheduleRun).order_by(ScheduleRun.version.desc())).scalars().first()
    problem = loaded.problem
    tables = tuple(
        GridTable(c.id, c.name, c.booth, t)
        for c in sorted(loaded.companies.values(), key=lambda c: (fold(c.name), c.id))
        for t in range(1, c.tables + 1)
    )
    meetings = tuple(
        GridMeeting(
            id=r.id or 0,
            attendee_id=r.attendee_id,
            attendee=problem.attendee_name(r.attendee_id),
            company_id=r.company_id,
            company=problem.company_name(r.company_id),
            table=r.table_number,
            slot=r.slot_index,
            score=r.score,
            locked=r.locked,
            printed=r.printed_at is not None,
            status=MeetingStatus(r.status),
            why=tuple(loaded.why(r.attendee_id, r.company_id)),
        )
        for r in rows
    )
    return ScheduleView(
        event_name=loaded.event.name,
        timezone=loaded.event.timezone,
        version=run.version if run else 0,
        generated_at=run.generated_at if run else None,
        edited_at=run.edited_at if run else None,
        slots=problem.slots,
        breaks=loaded.settings.breaks,
        tables=tables,
        meetings=meetings,
        people=loaded.people,
        companies=loaded.companies,
    )
