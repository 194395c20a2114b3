"""Shared by the matchmaking service tests: the stored schedule through the validator."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select

from eventdesk.domain.enums import ScanVerdict
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Meeting as MeetingRow
from eventdesk.persistence.tables import Scan
from eventdesk.services.importing import ImportReport, import_file
from eventdesk.services.matchmaking.plan import current_meeting_rows, load_problem, meeting_of
from tests.domain.matchmaking_helpers import assert_valid


def stored_rows(doc: EventDocument) -> list[MeetingRow]:
    with doc.session() as session:
        return list(session.execute(select(MeetingRow).order_by(MeetingRow.id)).scalars())


def assert_stored_schedule_valid(doc: EventDocument) -> None:
    """The schedule as saved, checked against the rules as the event states them now."""
    with doc.session() as session:
        loaded = load_problem(session)
        meetings = [meeting_of(r) for r in current_meeting_rows(session)]
    assert_valid(loaded.problem, meetings)


def check_in(doc: EventDocument, attendee_ids: list[int]) -> None:
    with doc.session() as session:
        for a in attendee_ids:
            session.add(
                Scan(
                    id=str(uuid.uuid4()),
                    scanned_text="test",
                    verdict=ScanVerdict.ADMITTED.value,
                    attendee_id=a,
                    desk="Desk 1",
                    device_time=datetime(2027, 3, 12, 8, 30, tzinfo=UTC),
                )
            )


def import_kind(kind: str, **arguments: object) -> ImportReport:
    """The shared importer's report for a matchmaking kind, as the window and CLI import it."""
    return import_file(kind=kind, **arguments).report
