"""`eventdesk export checkins EVENT -o OUT.csv|OUT.pdf`: the fire marshal's list from the command line."""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from eventdesk.cli import main
from eventdesk.domain.tokens import encode_token
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Event
from eventdesk.services.door.checkin import CheckInDesk
from tests.factories import EventFactory, event_seed


def _event_with_three_inside(events: EventFactory) -> tuple[Path, list[str]]:
    path = events.demo_path(attendees=50, companies=3)
    doc = EventDocument.open(path)
    try:
        with doc.session() as session:
            event = session.execute(select(Event)).scalar_one()
            people = (
                session.execute(
                    select(Attendee).where(Attendee.status == "registered").order_by(Attendee.id).limit(4)
                )
                .scalars()
                .all()
            )
        desk = CheckInDesk(doc=doc, desk="Door A")
        for person in people:
            token = encode_token(
                event_code=event.code, serial=person.id, version=1, private_key=event_seed(event)
            )
            desk.scan(token)
        desk.undo(people[3].id, reason="left again")
        return path, [person.family_name for person in people[:3]]
    finally:
        doc.close()


def test_who_is_inside_as_csv_and_as_pdf(
    events: EventFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, families = _event_with_three_inside(events)
    out = tmp_path / "inside.csv"
    assert main(["export", "checkins", str(path), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"Wrote 3 people inside to {out}."
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    assert len(rows) == 3 and {row["Desk"] for row in rows} == {"Door A"}
    pdf = tmp_path / "inside.pdf"
    assert main(["export", "checkins", str(path), "-o", str(pdf)]) == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for family in families:
        assert family.split()[-1] in text


def test_a_suffix_it_cannot_write_is_one_line(
    events: EventFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = events.demo_path(attendees=10, companies=2)
    assert main(["export", "checkins", str(path), "-o", str(tmp_path / "inside.docx")]) != 0
    assert "checkins can be exported as .csv, .pdf, .xlsx" in capsys.readouterr().err
