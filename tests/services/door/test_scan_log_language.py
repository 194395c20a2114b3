"""The scan log reads in the reader's language, whichever language the deciding desk spoke."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from eventdesk.domain.enums import ScanVerdict
from eventdesk.domain.tokens import encode_token
from eventdesk.i18n import using_language
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Event, Scan
from eventdesk.services.door.arrivals import recent_scans
from eventdesk.services.door.checkin import CheckInDesk
from tests.factories import EventFactory, event_seed

NINE_UTC = datetime(2027, 3, 12, 8, 0, tzinfo=UTC)  # 09:00 in Amsterdam


@pytest.fixture
def doc(events: EventFactory) -> Iterator[EventDocument]:
    document = events.demo(attendees=30, companies=2, seed=3)
    yield document
    document.close()


def _badge(doc: EventDocument) -> str:
    with doc.session() as session:
        event = session.execute(select(Event)).scalar_one()
        person = (
            session.execute(select(Attendee).where(Attendee.status == "registered").order_by(Attendee.id))
            .scalars()
            .first()
        )
    assert person is not None
    return encode_token(event_code=event.code, serial=person.id, version=1, private_key=event_seed(event))


def test_a_log_written_in_french_and_danish_reads_in_german(doc: EventDocument) -> None:
    badge = _badge(doc)
    with using_language("fr"):
        admitted = CheckInDesk(doc=doc, desk="Porte A").scan(badge, device_time=NINE_UTC)
        CheckInDesk(doc=doc, desk="Porte A").scan("rubbish", device_time=NINE_UTC + timedelta(minutes=1))
    with using_language("da"):
        again = CheckInDesk(doc=doc, desk="Dør B").scan(badge, device_time=NINE_UTC + timedelta(minutes=2))
    assert admitted.verdict is ScanVerdict.ADMITTED and again.verdict is ScanVerdict.ALREADY_ADMITTED
    assert again.reason.startswith("Allerede tjekket ind"), "the deciding desk still speaks its language"

    with using_language("de"):
        reasons = [scan.reason for scan in recent_scans(doc=doc)]
    assert reasons == [
        "Bereits eingelassen um 09:00 am Schalter „Porte A“.",
        "Weder ein Badge noch ein Ticketcode dieser Veranstaltung.",
        "Willkommen.",
    ]
    with using_language("en"):
        assert recent_scans(doc=doc)[-1].reason == "Welcome."
    with doc.session() as session:
        stored = set(session.execute(select(Scan.reason)).scalars())
    assert "Welcome." in stored and "Bienvenue." not in stored, "the plain column keeps the English sentence"


def test_rows_from_before_show_as_they_were_written(doc: EventDocument) -> None:
    CheckInDesk(doc=doc, desk="Balie 1").scan("rubbish", device_time=NINE_UTC)
    with doc.session() as session:  # as a desk before migration 0011 left it
        session.execute(update(Scan).values(reason="Geen badge of ticketcode.", reason_message=None))
        session.commit()
    with using_language("fr"):
        assert [scan.reason for scan in recent_scans(doc=doc)] == ["Geen badge of ticketcode."]


def test_how_a_scan_was_matched_reads_in_the_language() -> None:
    from eventdesk.services.door.code_reader import matched_as_label

    with using_language("fr"):
        assert matched_as_label("badge") == "badge"
        assert matched_as_label("name search") == "recherche par nom"
        read = matched_as_label("Tito ticket, read as AZERTY (Belgium)")
        assert read == "billet Tito, lu comme AZERTY (Belgium)"
    with using_language("de"):
        assert matched_as_label("badge, read as AZERTY (Belgium)") == "Badge, gelesen als AZERTY (Belgium)"
