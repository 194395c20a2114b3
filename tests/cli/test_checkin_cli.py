from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from eventdesk.cli import main
from eventdesk.domain.tokens import encode_token
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Event
from tests.factories import EventFactory, event_seed


def _first_token(path: str) -> tuple[int, str]:
    doc = EventDocument.open(path)
    try:
        with doc.session() as session:
            event = session.execute(select(Event)).scalar_one()
            attendee = (
                session.execute(select(Attendee).where(Attendee.status == "registered").order_by(Attendee.id))
                .scalars()
                .first()
            )
            return attendee.id, encode_token(
                event_code=event.code, serial=attendee.id, version=1, private_key=event_seed(event)
            )
    finally:
        doc.close()


def test_exit_status_is_zero_only_when_admitted(
    events: EventFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(events.demo_path(attendees=30, companies=2))
    attendee_id, token = _first_token(path)
    assert main(["checkin", path, token, "--desk", "Door B", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert (
        first["verdict"] == "admitted" and first["desk"] == "Door B" and first["attendee_id"] == attendee_id
    )
    assert main(["checkin", path, token]) == 1
    assert capsys.readouterr().out.startswith("ALREADY CHECKED IN")
    assert main(["checkin", path, "not-a-code"]) == 1
    assert "UNKNOWN CODE" in capsys.readouterr().out
    assert main(["checkin", path, "--undo", str(attendee_id), "--reason", "wrong person"]) == 0
    assert main(["checkin", path, token]) == 0


def test_usage_errors_are_one_sentence(events: EventFactory, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(events.demo_path(attendees=5, companies=1))
    assert main(["checkin", path]) == 2
    assert "Give either a CODE" in capsys.readouterr().err
    assert main(["checkin", path, "--undo", "999999", "--reason", "x"]) == 2
    assert "no attendee #999999" in capsys.readouterr().err
