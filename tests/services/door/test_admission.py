"""`admit_first`: the door's decision as the hub runs it for scans desks send it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from eventdesk.domain.enums import ScanVerdict
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.event import utc_now
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Scan
from eventdesk.services.door.admission import admit_first
from tests.factories import EventFactory
from tests.services.door.race_support import badge_tokens


@pytest.fixture
def doc(events: EventFactory) -> Iterator[EventDocument]:
    document = events.demo(attendees=30, companies=3, seed=21)
    yield document
    document.close()


def _admit(doc: EventDocument, attendee_id: int, scan_id: str, desk: str, minutes: int = 0):  # type: ignore[no-untyped-def]
    with doc.door_session() as session:
        return admit_first(
            session,
            attendee_id=attendee_id,
            scan_id=scan_id,
            desk=desk,
            at=utc_now().replace(hour=9, minute=minutes, second=0, microsecond=0),
        )


def test_the_first_desk_admits_and_the_second_hears_by_whom_and_when(doc: EventDocument) -> None:
    [(attendee, _)] = badge_tokens(doc, 1)
    first = _admit(doc, attendee, str(uuid.uuid4()), "Door A", minutes=2)
    second = _admit(doc, attendee, str(uuid.uuid4()), "Door B", minutes=5)
    assert first.admitted and first.reason == "Welcome."
    assert second.verdict is ScanVerdict.ALREADY_ADMITTED
    assert second.first_desk == "Door A"
    assert second.first_admitted_at is not None
    assert second.first_admitted_at.replace(tzinfo=None) == first_time(doc, first.scan_id)
    assert "at desk “Door A”" in second.reason


def first_time(doc: EventDocument, scan_id: str):  # type: ignore[no-untyped-def]
    with doc.session() as session:
        return session.get(Scan, scan_id).device_time.replace(tzinfo=None)


def test_a_scan_sent_twice_is_stored_once_with_its_first_verdict(doc: EventDocument) -> None:
    [(attendee, _)] = badge_tokens(doc, 1)
    scan_id = str(uuid.uuid4())
    first = _admit(doc, attendee, scan_id, "Door A")
    again = _admit(doc, attendee, scan_id, "Door A")
    assert first.admitted and not first.already_logged
    assert again.admitted and again.already_logged  # the same verdict, not "already inside"
    later = _admit(doc, attendee, str(uuid.uuid4()), "Door B", minutes=9)
    refused_again = _admit(doc, attendee, later.scan_id, "Door B", minutes=9)
    assert refused_again.verdict is ScanVerdict.ALREADY_ADMITTED and refused_again.already_logged
    with doc.session() as session:
        assert session.execute(select(func.count()).select_from(Scan)).scalar_one() == 2


def test_re_entry_when_the_event_allows_it(doc: EventDocument) -> None:
    from eventdesk.services.door.admission import DoorRules

    [(attendee, _)] = badge_tokens(doc, 1)
    rules = DoorRules(timezone="Europe/Amsterdam", reentry_allowed=True)
    with doc.door_session() as session:
        admit_first(session, attendee_id=attendee, scan_id=str(uuid.uuid4()), desk="A", at=utc_now())
    with doc.door_session() as session:
        again = admit_first(
            session,
            attendee_id=attendee,
            scan_id=str(uuid.uuid4()),
            desk="B",
            at=utc_now() + timedelta(minutes=1),
            rules=rules,
        )
    assert again.admitted and again.reason == "Welcome back (re-entry)."


def test_an_attendee_the_event_does_not_have_is_one_sentence(doc: EventDocument) -> None:
    with pytest.raises(ValidationError, match="There is no attendee #999999 in this event"):
        _admit(doc, 999_999, str(uuid.uuid4()), "Door A")
