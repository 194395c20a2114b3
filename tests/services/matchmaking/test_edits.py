"""Hand edits of the stored schedule: applied when allowed, refused and explained otherwise."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventdesk.domain.changes import Entity
from eventdesk.domain.matchmaking.edits import ScheduleConflict
from eventdesk.domain.matchmaking.model import MeetingStatus
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Meeting as MeetingRow
from eventdesk.services.matchmaking.edits import (
    add_meeting,
    delete_meeting,
    move_conflict,
    move_meeting,
    set_meeting_locked,
    set_meeting_status,
    swap_conflict,
    swap_meetings,
)
from eventdesk.services.matchmaking.plan import SetupOverrides, generate_schedule
from eventdesk.services.matchmaking.view import schedule_view
from tests.factories import EventFactory
from tests.services.matchmaking.support import assert_stored_schedule_valid, stored_rows


@pytest.fixture
def doc(events: EventFactory) -> Iterator[EventDocument]:
    document = events.demo(attendees=160, companies=12, seed=8)
    # Few meetings each and many slots, so that free cells exist to move into.
    generate_schedule(doc=document, overrides=SetupOverrides(max_meetings=2, slot_count=12))
    yield document
    document.close()


def snapshot(doc: EventDocument) -> list[tuple[int, int, int, int, bool]]:
    return [(r.attendee_id, r.company_id, r.slot_index, r.table_number, r.locked) for r in stored_rows(doc)]


def free_cell(doc: EventDocument, row: MeetingRow) -> tuple[int, int] | None:
    view = schedule_view(doc=doc)
    busy = {m.slot for m in view.meetings if m.attendee_id == row.attendee_id}
    for slot in view.slots:
        for table in (t.table for t in view.tables if t.company_id == row.company_id):
            if slot.index not in busy and view.cell(slot.index, row.company_id, table) is None:
                return slot.index, table
    return None


def test_move_to_a_free_cell_updates_the_row_and_its_times(doc: EventDocument) -> None:
    for row in stored_rows(doc):
        cell = free_cell(doc, row)
        if cell is not None:
            break
    else:
        pytest.fail("no free cell")
    assert move_conflict(doc=doc, meeting_id=row.id, slot=cell[0], table=cell[1]) is None
    changes = move_meeting(doc=doc, meeting_id=row.id, slot=cell[0], table=cell[1], company_id=row.company_id)
    assert changes.touches(Entity.MEETINGS) and changes.summary.startswith("Moved ")
    moved = next(r for r in stored_rows(doc) if r.id == row.id)
    view = schedule_view(doc=doc)
    assert (moved.slot_index, moved.table_number) == cell
    assert moved.starts_at == view.slots[cell[0]].start
    assert view.edited_at is not None
    assert_stored_schedule_valid(doc)


def test_a_conflicting_move_is_refused_and_nothing_changes(doc: EventDocument) -> None:
    rows = stored_rows(doc)
    a = rows[0]
    b = next(r for r in rows if r.company_id == a.company_id and r.slot_index != a.slot_index)
    before = snapshot(doc)
    reason = move_conflict(doc=doc, meeting_id=a.id, slot=b.slot_index, table=b.table_number)
    assert reason is not None and reason.endswith("Swap the two meetings instead.")
    with pytest.raises(ScheduleConflict, match=r"would seat .* Swap the two meetings instead\."):
        move_meeting(doc=doc, meeting_id=a.id, slot=b.slot_index, table=b.table_number)
    assert snapshot(doc) == before


def test_swap_lock_delete_and_add(doc: EventDocument) -> None:
    rows = stored_rows(doc)
    a = rows[0]
    b = next(
        r
        for r in rows
        if r.company_id == a.company_id and r.slot_index != a.slot_index and r.attendee_id != a.attendee_id
    )
    reason = swap_conflict(doc=doc, first_id=a.id, second_id=b.id)
    try:
        swap_meetings(doc=doc, first_id=a.id, second_id=b.id)
    except ScheduleConflict as conflict:
        assert "at the same time" in str(conflict) and reason == str(conflict)
    else:
        assert reason is None
        swapped = {r.id: (r.slot_index, r.table_number) for r in stored_rows(doc)}
        assert swapped[a.id] == (b.slot_index, b.table_number) and swapped[b.id] == (
            a.slot_index,
            a.table_number,
        )
    assert_stored_schedule_valid(doc)

    set_meeting_locked(doc=doc, meeting_id=a.id, locked=True)
    with pytest.raises(ScheduleConflict, match="is locked; unlock it before you delete it"):
        delete_meeting(doc=doc, meeting_id=a.id)
    set_meeting_locked(doc=doc, meeting_id=a.id, locked=False)
    a = next(r for r in stored_rows(doc) if r.id == a.id)
    delete_meeting(doc=doc, meeting_id=a.id)
    assert a.id not in {r.id for r in stored_rows(doc)}

    with pytest.raises(ScheduleConflict, match="is no longer in the schedule"):
        delete_meeting(doc=doc, meeting_id=a.id)
    add_meeting(
        doc=doc, attendee_id=a.attendee_id, company_id=a.company_id, slot=a.slot_index, table=a.table_number
    )
    again = next(
        r for r in stored_rows(doc) if (r.attendee_id, r.company_id) == (a.attendee_id, a.company_id)
    )
    assert (again.slot_index, again.table_number) == (a.slot_index, a.table_number)
    assert again.score == pytest.approx(a.score)
    assert_stored_schedule_valid(doc)


def test_adding_a_second_meeting_of_a_pair_is_refused(doc: EventDocument) -> None:
    row = stored_rows(doc)[0]
    cell = free_cell(doc, row)
    assert cell is not None
    with pytest.raises(ScheduleConflict, match="a pair meets once"):
        add_meeting(
            doc=doc, attendee_id=row.attendee_id, company_id=row.company_id, slot=cell[0], table=cell[1]
        )


def test_the_exhibitor_ticks_attended_or_no_show(doc: EventDocument) -> None:
    row = stored_rows(doc)[0]
    set_meeting_status(
        doc=doc, meeting_id=row.id, status=MeetingStatus.NO_SHOW, note="Left a CV at the booth"
    )
    stored = next(r for r in stored_rows(doc) if r.id == row.id)
    assert (stored.status, stored.note) == ("no_show", "Left a CV at the booth")
    assert next(m for m in schedule_view(doc=doc).meetings if m.id == row.id).status is MeetingStatus.NO_SHOW


def test_edits_are_undoable_steps(doc: EventDocument) -> None:
    from eventdesk.services.undo import history

    start = snapshot(doc)
    row = next(r for r in stored_rows(doc) if free_cell(doc, r) is not None)
    cell = free_cell(doc, row)
    assert cell is not None
    move_meeting(doc=doc, meeting_id=row.id, slot=cell[0], table=cell[1])
    moved = snapshot(doc)
    assert history(doc).undo_label.startswith("Moved ")
    history(doc).undo(doc)
    assert snapshot(doc) == start
    history(doc).redo(doc)
    assert snapshot(doc) == moved
    delete_meeting(doc=doc, meeting_id=row.id)
    history(doc).undo(doc)
    assert snapshot(doc) == moved
    set_meeting_status(doc=doc, meeting_id=row.id, status=MeetingStatus.ATTENDED)
    history(doc).undo(doc)
    assert next(r for r in stored_rows(doc) if r.id == row.id).status == "scheduled"
    assert_stored_schedule_valid(doc)


def test_ticking_attended_makes_the_person_a_lead_in_the_same_undo_step(doc: EventDocument) -> None:
    from eventdesk.services.leads.booth import list_leads
    from eventdesk.services.undo import history

    row = stored_rows(doc)[0]
    no_show = set_meeting_status(doc=doc, meeting_id=row.id, status=MeetingStatus.NO_SHOW)
    assert not no_show.touches(Entity.LEADS)
    assert list_leads(doc=doc, company_id=row.company_id) == []
    changes = set_meeting_status(doc=doc, meeting_id=row.id, status=MeetingStatus.ATTENDED, note="Strong CV")
    assert changes.touches(Entity.MEETINGS, Entity.LEADS)
    leads = list_leads(doc=doc, company_id=row.company_id)
    assert [(lead.source, lead.notes) for lead in leads] == [("meeting", "Strong CV")]
    # Ticking again changes nothing (no second lead, no step); undoing the tick removes the lead.
    set_meeting_status(doc=doc, meeting_id=row.id, status=MeetingStatus.ATTENDED)
    assert len(list_leads(doc=doc, company_id=row.company_id)) == 1
    assert history(doc).undo_label == "Meeting marked attended"
    history(doc).undo(doc)
    assert list_leads(doc=doc, company_id=row.company_id) == []
    assert next(r for r in stored_rows(doc) if r.id == row.id).status == "no_show"
    history(doc).redo(doc)
    assert len(list_leads(doc=doc, company_id=row.company_id)) == 1
