from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select, update

from eventdesk.domain.enums import AttendeeStatus, ScanVerdict
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.signing import new_key_pair
from eventdesk.domain.tokens import encode_token
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, BadgePrint, Event, ExternalCode, Scan
from eventdesk.scanning.keyboard_layouts import type_as
from eventdesk.services.door.checkin import CheckInDesk
from tests.factories import EventFactory, event_seed


@pytest.fixture
def doc(events: EventFactory) -> Iterator[EventDocument]:
    document = events.demo(attendees=120, companies=6, seed=11)
    yield document
    document.close()


def _event(doc: EventDocument) -> Event:
    with doc.session() as session:
        return session.execute(select(Event)).scalar_one()


def _registered(doc: EventDocument, offset: int = 0) -> Attendee:
    with doc.session() as session:
        return (
            session.execute(
                select(Attendee)
                .where(Attendee.status == AttendeeStatus.REGISTERED.value, Attendee.given_name != "")
                .order_by(Attendee.id)
                .offset(offset)
            )
            .scalars()
            .first()
        )


def _token(doc: EventDocument, attendee: Attendee, version: int | None = None) -> str:
    event = _event(doc)
    return encode_token(
        event_code=event.code,
        serial=attendee.id,
        version=version or attendee.badge_version,
        private_key=event_seed(event),
    )


def _scan_count(doc: EventDocument) -> int:
    with doc.session() as session:
        return session.execute(select(func.count()).select_from(Scan)).scalar_one()


def test_a_genuine_badge_is_admitted_and_logged_before_the_verdict_returns(doc: EventDocument) -> None:
    attendee = _registered(doc)
    desk = CheckInDesk(doc=doc, desk="Door A")
    verdict = desk.scan(_token(doc, attendee) + "\r\n")
    assert verdict.verdict is ScanVerdict.ADMITTED
    assert verdict.name.startswith(attendee.given_name)
    assert verdict.organisation == attendee.organisation
    # A second connection sees the scan: it was committed, not just flushed.
    other = EventDocument.open(doc.display_location)
    try:
        with other.session() as session:
            row = session.get(Scan, verdict.scan_id)
            assert row is not None and row.verdict == "admitted" and row.desk == "Door A"
    finally:
        other.close()


def test_a_second_scan_says_when_and_where_they_came_in(doc: EventDocument) -> None:
    attendee = _registered(doc)
    CheckInDesk(doc=doc, desk="Door B").scan(_token(doc, attendee))
    again = CheckInDesk(doc=doc, desk="Door A").scan(_token(doc, attendee))
    assert again.verdict is ScanVerdict.ALREADY_ADMITTED
    assert again.first_desk == "Door B"
    assert "Door B" in again.reason and f"{again.first_admitted_at:%H:%M}" in again.reason


def test_re_entry_is_an_event_setting(doc: EventDocument) -> None:
    with doc.session() as session:
        session.execute(update(Event).values(reentry_allowed=True))
    attendee = _registered(doc)
    desk = CheckInDesk(doc=doc, desk="Door A")
    assert desk.scan(_token(doc, attendee)).admitted
    assert desk.scan(_token(doc, attendee)).admitted


@pytest.mark.parametrize(
    "layout", ["AZERTY (Belgium)", "AZERTY (France)", "QWERTZ (Germany)", "Nordic (Denmark)"]
)
def test_a_badge_garbled_by_the_laptop_keyboard_layout_is_still_admitted(
    doc: EventDocument, layout: str
) -> None:
    attendee = _registered(doc)
    garbled = type_as(_token(doc, attendee), layout)
    verdict = CheckInDesk(doc=doc, desk="Door A").scan(garbled)
    assert verdict.verdict is ScanVerdict.ADMITTED, verdict.reason
    assert verdict.attendee_id == attendee.id


def test_one_changed_character_is_forged_and_truncation_is_unknown(doc: EventDocument) -> None:
    token = _token(doc, _registered(doc))
    flipped = token[:-5] + ("0" if token[-5] != "0" else "1") + token[-4:]
    desk = CheckInDesk(doc=doc, desk="Door A")
    assert desk.scan(flipped).verdict is ScanVerdict.FORGED
    assert desk.scan(token[:40]).verdict is ScanVerdict.UNKNOWN


def test_a_token_signed_with_another_key_is_forged(doc: EventDocument) -> None:
    event = _event(doc)
    attendee = _registered(doc)
    fake = encode_token(
        event_code=event.code, serial=attendee.id, version=1, private_key=new_key_pair().private_raw
    )
    assert CheckInDesk(doc=doc, desk="D").scan(fake).verdict is ScanVerdict.FORGED


def test_a_badge_of_another_event_is_named_as_such(doc: EventDocument, events: EventFactory) -> None:
    other = events.demo(attendees=10, companies=1, seed=2)
    try:
        foreign = _token(other, _registered(other))
    finally:
        other.close()
    verdict = CheckInDesk(doc=doc, desk="D").scan(foreign)
    assert verdict.verdict is ScanVerdict.OTHER_EVENT
    assert "another event" in verdict.reason


def test_cancelled_tickets_are_refused_even_with_a_genuine_badge(doc: EventDocument) -> None:
    attendee = _registered(doc)
    with doc.session() as session:
        session.execute(update(Attendee).where(Attendee.id == attendee.id).values(status="cancelled"))
    verdict = CheckInDesk(doc=doc, desk="D").scan(_token(doc, attendee))
    assert verdict.verdict is ScanVerdict.CANCELLED
    assert "cancelled" in verdict.reason


def test_a_replaced_badge_is_refused_and_says_when_it_was_replaced(doc: EventDocument) -> None:
    attendee = _registered(doc)
    old = _token(doc, attendee, version=1)
    with doc.session() as session:
        session.execute(update(Attendee).where(Attendee.id == attendee.id).values(badge_version=2))
        session.add(BadgePrint(attendee_id=attendee.id, version=2, layout="a6-portrait"))
    verdict = CheckInDesk(doc=doc, desk="D").scan(old)
    assert verdict.verdict is ScanVerdict.REVOKED
    assert verdict.replaced_at is not None
    assert f"{verdict.replaced_at:%H:%M}" in verdict.reason
    attendee.badge_version = 2
    assert CheckInDesk(doc=doc, desk="D").scan(_token(doc, attendee)).admitted


def test_platform_ticket_codes_are_admitted_even_through_a_garbling_layout(doc: EventDocument) -> None:
    with doc.session() as session:
        code = session.execute(select(ExternalCode).order_by(ExternalCode.id)).scalars().first()
        attendee = session.get(Attendee, code.attendee_id)
        session.execute(update(Attendee).where(Attendee.id == attendee.id).values(status="registered"))
    verdict = CheckInDesk(doc=doc, desk="D").scan(type_as(code.code, "AZERTY (Belgium)"))
    assert verdict.verdict is ScanVerdict.ADMITTED, verdict.reason
    assert verdict.attendee_id == code.attendee_id
    assert code.platform in verdict.matched_as


@pytest.mark.parametrize(
    "garbage",
    ["", "   ", "x" * 10_240, "\x00\x01\x02\x1b[31m", "'; DROP TABLE attendee; --", "ED1-ZZZZZZ-1-1-"],
)
def test_bad_input_gets_a_red_verdict_is_logged_and_the_desk_goes_on(
    doc: EventDocument, garbage: str
) -> None:
    desk = CheckInDesk(doc=doc, desk="D")
    before = _scan_count(doc)
    verdict = desk.scan(garbage)
    assert verdict.verdict is ScanVerdict.UNKNOWN
    assert verdict.reason
    assert _scan_count(doc) == before + 1
    assert desk.scan(_token(doc, _registered(doc))).admitted
    with doc.session() as session:
        assert session.execute(select(func.count()).select_from(Attendee)).scalar_one() > 0


def test_undo_needs_a_reason_and_lets_the_person_in_again(doc: EventDocument) -> None:
    attendee = _registered(doc)
    desk = CheckInDesk(doc=doc, desk="D")
    desk.scan(_token(doc, attendee))
    with pytest.raises(ValidationError):
        desk.undo(attendee.id, reason=" ")
    undone = desk.undo(attendee.id, reason="scanned the wrong badge")
    assert undone.verdict is ScanVerdict.UNDONE
    with pytest.raises(ValidationError, match="not checked in"):
        desk.undo(attendee.id, reason="again")
    assert desk.scan(_token(doc, attendee)).admitted


def test_admit_by_name_search_follows_the_same_rules(doc: EventDocument) -> None:
    attendee = _registered(doc, offset=3)
    desk = CheckInDesk(doc=doc, desk="D")
    assert desk.admit(attendee.id).admitted
    assert desk.admit(attendee.id).verdict is ScanVerdict.ALREADY_ADMITTED
