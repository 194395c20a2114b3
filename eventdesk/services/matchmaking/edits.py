"""Hand edits of the schedule for the Matchmaking grid: move, swap, lock, delete, add —
each one step in the document's undo history (Ctrl+Z on the grid).

Each edit runs the domain edit (`domain.matchmaking.edits`), which checks the schedule as it
would be afterwards with the independent validator and refuses a conflict with a sentence
naming who, where and when; only then are the rows changed, in one transaction. A meeting
moved to another time loses its `printed_at`: the paper the attendee holds is wrong now.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.event import utc_now
from eventdesk.domain.matchmaking import edits
from eventdesk.domain.matchmaking.model import Meeting, MeetingStatus
from eventdesk.i18n import N_, _, gettext
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Lead, ScheduleRun
from eventdesk.persistence.tables import Meeting as MeetingRow
from eventdesk.services.leads.booth import add_meeting_leads
from eventdesk.services.matchmaking.plan import (
    LoadedProblem,
    current_meeting_rows,
    load_problem,
    meeting_of,
    meeting_row,
)
from eventdesk.services.undo import StepRecorder, history


def _edit(
    doc: EventDocument,
    summary: Callable[[LoadedProblem, dict[int, Meeting]], str],
    change: Callable[[LoadedProblem, dict[int, Meeting], list[Meeting]], list[Meeting]],
    *,
    score: bool = False,
) -> Changes:
    """Apply a domain edit to the stored schedule (one undoable step); other rows stay as they are."""
    with doc.session() as session:
        loaded = load_problem(session, score=score)
        rows = current_meeting_rows(session)
        by_id = {r.id or 0: meeting_of(r) for r in rows}
        before = list(by_id.values())
        after = change(loaded, by_id, before)
        text = summary(loaded, by_id)
        recorder = StepRecorder(text, Entity.MEETINGS)
        _apply(session, loaded, rows, after, recorder)
        run = session.execute(select(ScheduleRun).order_by(ScheduleRun.version.desc())).scalars().first()
        if run is not None:
            run.edited_at = utc_now()
    history(doc).push(recorder.step())
    return Changes.of(Entity.MEETINGS, summary=text)


_TRACKED = ("slot_index", "table_number", "locked", "starts_at", "ends_at", "printed_at", "status", "note")


def _snapshot(row: MeetingRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in _TRACKED}


def _apply(
    session: Session,
    loaded: LoadedProblem,
    rows: list[MeetingRow],
    after: list[Meeting],
    recorder: StepRecorder,
) -> None:
    """Rows match meetings by pair (a pair meets once): move, re-flag, delete or add."""
    wanted = {m.pair: m for m in after}
    slots = loaded.problem.slots
    now = utc_now()
    for row in rows:
        m = wanted.pop((row.attendee_id, row.company_id), None)
        if m is None:
            recorder.deleted(MeetingRow, [row.model_dump()])
            session.delete(row)
            continue
        if (row.slot_index, row.table_number, row.locked) != (m.slot, m.table, m.locked):
            old = _snapshot(row)
            if row.slot_index != m.slot:
                row.printed_at = None  # the printed time is no longer right
            row.slot_index, row.table_number, row.locked = m.slot, m.table, m.locked
            row.starts_at = slots[m.slot].start.astimezone(UTC)
            row.ends_at = slots[m.slot].end.astimezone(UTC)
            row.updated_at = now
            recorder.updated(MeetingRow, row.id, old, _snapshot(row))
    added = [meeting_row(m, slots, now=now) for m in wanted.values()]
    if added:
        session.add_all(added)
        session.flush()
        recorder.created(MeetingRow, [row.id for row in added])


def _meeting(by_id: dict[int, Meeting], meeting_id: int) -> Meeting:
    try:
        return by_id[meeting_id]
    except KeyError:
        raise edits.ScheduleConflict(
            _("Meeting #{id} is no longer in the schedule.", id=meeting_id)
        ) from None


def _describe(loaded: LoadedProblem, m: Meeting) -> str:
    p = loaded.problem
    return _("{person} with {company}", person=p.attendee_name(m.attendee), company=p.company_name(m.company))


def move_meeting(
    *, doc: EventDocument, meeting_id: int, slot: int, table: int, company_id: int | None = None
) -> Changes:
    """Drag and drop onto a cell: (slot, company, table). Refused with a reason on conflict."""
    return _edit(
        doc,
        lambda lp, by_id: _(
            "Moved {meeting} to {slot}",
            meeting=_describe(lp, _meeting(by_id, meeting_id)),
            slot=lp.problem.slot_label(slot),
        ),
        lambda lp, by_id, before: edits.move_meeting(
            lp.problem, before, _meeting(by_id, meeting_id), slot=slot, table=table, company=company_id
        ),
    )


def _conflict(
    doc: EventDocument, change: Callable[[LoadedProblem, dict[int, Meeting], list[Meeting]], object]
) -> str | None:
    with doc.session() as session:
        loaded = load_problem(session, score=False)
        by_id = {r.id or 0: meeting_of(r) for r in current_meeting_rows(session)}
        try:
            change(loaded, by_id, list(by_id.values()))
        except edits.ScheduleConflict as conflict:
            return str(conflict)
    return None


def move_conflict(
    *, doc: EventDocument, meeting_id: int, slot: int, table: int, company_id: int | None = None
) -> str | None:
    """Why dropping the meeting on this cell would be refused, or None if it may go there.

    Changes nothing: the grid asks while a meeting is dragged, to show the reason at once.
    """
    return _conflict(
        doc,
        lambda lp, by_id, before: edits.move_meeting(
            lp.problem, before, _meeting(by_id, meeting_id), slot=slot, table=table, company=company_id
        ),
    )


def swap_conflict(*, doc: EventDocument, first_id: int, second_id: int) -> str | None:
    """Why swapping these two meetings would be refused, or None; changes nothing."""
    return _conflict(
        doc,
        lambda lp, by_id, before: edits.swap_meetings(
            lp.problem, before, _meeting(by_id, first_id), _meeting(by_id, second_id)
        ),
    )


def swap_meetings(*, doc: EventDocument, first_id: int, second_id: int) -> Changes:
    return _edit(
        doc,
        lambda lp, by_id: _(
            "Swapped {first} and {second}",
            first=_describe(lp, _meeting(by_id, first_id)),
            second=_describe(lp, _meeting(by_id, second_id)),
        ),
        lambda lp, by_id, before: edits.swap_meetings(
            lp.problem, before, _meeting(by_id, first_id), _meeting(by_id, second_id)
        ),
    )


def set_meeting_locked(*, doc: EventDocument, meeting_id: int, locked: bool) -> Changes:
    said = N_("Locked {meeting}") if locked else N_("Unlocked {meeting}")
    return _edit(
        doc,
        lambda lp, by_id: gettext(said, meeting=_describe(lp, _meeting(by_id, meeting_id))),
        lambda lp, by_id, before: edits.set_locked(lp.problem, before, _meeting(by_id, meeting_id), locked),
    )


def delete_meeting(*, doc: EventDocument, meeting_id: int) -> Changes:
    return _edit(
        doc,
        lambda lp, by_id: _("Deleted {meeting}", meeting=_describe(lp, _meeting(by_id, meeting_id))),
        lambda lp, by_id, before: edits.delete_meeting(lp.problem, before, _meeting(by_id, meeting_id)),
    )


def add_meeting(*, doc: EventDocument, attendee_id: int, company_id: int, slot: int, table: int) -> Changes:
    """A meeting by hand: any participant with any company, if the place and rules allow."""

    def change(lp: LoadedProblem, _by_id: dict[int, Meeting], before: list[Meeting]) -> list[Meeting]:
        if attendee_id not in lp.problem.attendees:
            raise edits.ScheduleConflict(
                _(
                    "Attendee #{id} does not take part in matchmaking "
                    "(only registered visitors with interests or wishes do).",
                    id=attendee_id,
                )
            )
        return edits.add_meeting(
            lp.problem, before, attendee=attendee_id, company=company_id, slot=slot, table=table
        )

    return _edit(
        doc,
        lambda lp, _by: _(
            "Added {person} with {company}",
            person=lp.problem.attendee_name(attendee_id),
            company=lp.problem.company_name(company_id),
        ),
        change,
        score=True,
    )


_MARKED = {
    MeetingStatus.SCHEDULED: N_("Meeting marked scheduled"),
    MeetingStatus.ATTENDED: N_("Meeting marked attended"),
    MeetingStatus.NO_SHOW: N_("Meeting marked no-show"),
}


def set_meeting_status(
    *, doc: EventDocument, meeting_id: int, status: MeetingStatus, note: str | None = None
) -> Changes:
    """The exhibitor's tick: attended or no-show (and a note), from their printed list.

    A meeting ticked attended makes the person the company's lead (source "meeting") in the
    same transaction and undo step, so the booth's lead list is complete without a separate
    sync, and undoing the tick takes that lead away again.
    """
    status = MeetingStatus(status)
    label = gettext(_MARKED[status])
    attended = status is MeetingStatus.ATTENDED
    entities = (Entity.MEETINGS, Entity.LEADS) if attended else (Entity.MEETINGS,)
    recorder = StepRecorder(label, *entities)
    with doc.session() as session:
        row = session.get(MeetingRow, meeting_id)
        if row is None:
            raise edits.ScheduleConflict(_("Meeting #{id} is no longer in the schedule.", id=meeting_id))
        old = _snapshot(row)
        row.status = status.value
        if note is not None:
            row.note = note
        row.updated_at = utc_now()
        recorder.updated(MeetingRow, row.id, old, _snapshot(row))
        if attended:
            session.flush()
            recorder.created(Lead, [lead.id for lead in add_meeting_leads(session, meeting_ids=[meeting_id])])
    history(doc).push(recorder.step())
    return Changes.of(*entities, summary=label)
