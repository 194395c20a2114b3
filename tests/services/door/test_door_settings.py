"""The desk's small core services: the entry rule, the counter, the poll mark, the kiosk PIN."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from eventdesk.domain.changes import Entity
from eventdesk.domain.enums import ScanVerdict
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.tokens import encode_token
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Event
from eventdesk.services.door.arrivals import door_count, recent_scans, scan_log_mark
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.services.door.kiosk_pin import check_kiosk_pin, has_kiosk_pin, set_kiosk_pin
from eventdesk.services.events import event_summary, set_reentry_allowed
from eventdesk.settings import KIOSK_PIN, Settings
from tests.factories import EventFactory, event_seed


@pytest.fixture
def doc(events: EventFactory) -> Iterator[EventDocument]:
    document = events.demo(attendees=60, companies=4, seed=3)
    yield document
    document.close()


def _token(doc: EventDocument, offset: int = 0) -> tuple[int, str]:
    with doc.session() as session:
        event = session.execute(select(Event)).scalar_one()
        attendee = (
            session.execute(
                select(Attendee).where(Attendee.status == "registered").order_by(Attendee.id).offset(offset)
            )
            .scalars()
            .first()
        )
        assert attendee is not None
        token = encode_token(
            event_code=event.code, serial=attendee.id, version=1, private_key=event_seed(event)
        )
        return attendee.id, token


def test_re_entry_is_an_event_setting_that_desks_pick_up(doc: EventDocument) -> None:
    _, token = _token(doc)
    desk = CheckInDesk(doc=doc, desk="Door A")
    assert desk.scan(token).verdict is ScanVerdict.ADMITTED
    assert desk.scan(token).verdict is ScanVerdict.ALREADY_ADMITTED
    changes = set_reentry_allowed(doc=doc, allowed=True)
    assert changes.touches(Entity.EVENT)
    assert event_summary(doc=doc).reentry_allowed
    desk.reload_rules()
    assert desk.scan(token).verdict is ScanVerdict.ADMITTED
    set_reentry_allowed(doc=doc, allowed=False)
    assert CheckInDesk(doc=doc, desk="Door B").scan(token).verdict is ScanVerdict.ALREADY_ADMITTED


def test_the_door_counter_and_the_poll_mark_follow_the_log(doc: EventDocument) -> None:
    before = door_count(doc=doc)
    assert before.checked_in == 0 and before.registered > 0
    mark = scan_log_mark(doc=doc)
    attendee_id, token = _token(doc, 1)
    CheckInDesk(doc=doc, desk="Door A").scan(token)
    assert door_count(doc=doc).checked_in == 1
    assert scan_log_mark(doc=doc) != mark
    (latest,) = recent_scans(doc=doc, desk="Door A", limit=1)
    assert latest.attendee_id == attendee_id
    CheckInDesk(doc=doc, desk="Door A").scan("nonsense")
    assert recent_scans(doc=doc, limit=1)[0].attendee_id is None


def test_the_kiosk_pin_is_kept_hashed_and_checked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(tmp_path / "settings.json")
    assert not has_kiosk_pin(settings=settings)
    assert not check_kiosk_pin(settings=settings, pin="")
    set_kiosk_pin(settings=settings, pin=" 4711 ")
    assert has_kiosk_pin(settings=settings)
    assert "4711" not in settings.get(KIOSK_PIN)
    assert check_kiosk_pin(settings=settings, pin="4711")
    assert not check_kiosk_pin(settings=settings, pin="4712")
    for bad in ("12", "abcd", "1234567890123", "１２３４"):
        with pytest.raises(ValidationError):
            set_kiosk_pin(settings=settings, pin=bad)
