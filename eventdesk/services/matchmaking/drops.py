"""Many "would this drop be refused?" questions against one reading of the schedule.

While a meeting is dragged across the grid, the window asks about every cell the pointer
reaches. `matchmaking_edits.move_conflict` answers one question by reading the whole event
first (a quarter of a second at a 3,000-person fair); `DropRules` reads it once and then
answers each question with the same domain edit and validator, in memory. It is a
snapshot: the grid makes a new one whenever the schedule changes, and the drop itself is
checked again by the edit service against the event as it is then.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventdesk.domain.matchmaking import edits
from eventdesk.domain.matchmaking.model import Meeting, Problem
from eventdesk.persistence.document import EventDocument
from eventdesk.services.matchmaking.plan import current_meeting_rows, load_problem, meeting_of


@dataclass(frozen=True)
class DropRules:
    problem: Problem
    meetings: dict[int, Meeting]
    """The current meetings by id."""

    @classmethod
    def load(cls, *, doc: EventDocument) -> DropRules:
        with doc.session() as session:
            loaded = load_problem(session, score=False)
            rows = current_meeting_rows(session)
            return cls(loaded.problem, {r.id or 0: meeting_of(r) for r in rows})

    def _meeting(self, meeting_id: int) -> Meeting:
        try:
            return self.meetings[meeting_id]
        except KeyError:
            raise edits.ScheduleConflict(f"Meeting #{meeting_id} is no longer in the schedule.") from None

    def move_conflict(
        self, *, meeting_id: int, slot: int, table: int, company_id: int | None = None
    ) -> str | None:
        """Why `move_meeting` would refuse this drop, or None if it would move it."""
        try:
            edits.move_meeting(
                self.problem,
                list(self.meetings.values()),
                self._meeting(meeting_id),
                slot=slot,
                table=table,
                company=company_id,
            )
        except edits.ScheduleConflict as conflict:
            return str(conflict)
        return None

    def swap_conflict(self, *, first_id: int, second_id: int) -> str | None:
        """Why `swap_meetings` would refuse to swap these two, or None."""
        try:
            edits.swap_meetings(
                self.problem, list(self.meetings.values()), self._meeting(first_id), self._meeting(second_id)
            )
        except edits.ScheduleConflict as conflict:
            return str(conflict)
        return None
