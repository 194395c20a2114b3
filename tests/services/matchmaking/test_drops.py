"""DropRules answers exactly what the edit services would say, from one reading of the event."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventdesk.persistence.document import EventDocument
from eventdesk.services.matchmaking.drops import DropRules
from eventdesk.services.matchmaking.edits import move_conflict, set_meeting_locked, swap_conflict
from eventdesk.services.matchmaking.plan import SetupOverrides, generate_schedule
from eventdesk.services.matchmaking.view import schedule_view
from tests.factories import EventFactory


@pytest.fixture
def doc(events: EventFactory) -> Iterator[EventDocument]:
    document = events.demo(attendees=140, companies=10, seed=9)
    generate_schedule(doc=document, overrides=SetupOverrides(max_meetings=2, slot_count=8))
    yield document
    document.close()


def test_answers_match_the_edit_services_for_every_cell(doc: EventDocument) -> None:
    view = schedule_view(doc=doc)
    set_meeting_locked(doc=doc, meeting_id=view.meetings[1].id, locked=True)
    rules = DropRules.load(doc=doc)
    asked = refused = 0
    for meeting in view.meetings[:3]:
        for table in view.tables:
            for slot in view.slots[::3]:
                expected = move_conflict(
                    doc=doc,
                    meeting_id=meeting.id,
                    slot=slot.index,
                    table=table.table,
                    company_id=table.company_id,
                )
                got = rules.move_conflict(
                    meeting_id=meeting.id, slot=slot.index, table=table.table, company_id=table.company_id
                )
                assert got == expected
                asked += 1
                refused += expected is not None
        for other in view.meetings[:12]:
            assert rules.swap_conflict(first_id=meeting.id, second_id=other.id) == swap_conflict(
                doc=doc, first_id=meeting.id, second_id=other.id
            )
    assert 0 < refused < asked, "both answers occur"
    assert "is locked" in (rules.move_conflict(meeting_id=view.meetings[1].id, slot=0, table=1) or "")
    assert rules.move_conflict(meeting_id=999_999, slot=0, table=1) == (
        "Meeting #999999 is no longer in the schedule."
    )
