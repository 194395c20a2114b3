from __future__ import annotations

import csv
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from eventdesk.domain.enums import ScanVerdict
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee
from eventdesk.services.door.arrivals import arrivals_by_quarter, desks_seen, people_inside, recent_scans
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.services.door.inside_export import export_people_inside
from tests.factories import EventFactory, event_seed

NINE_UTC = datetime(2027, 3, 12, 8, 0, tzinfo=UTC)  # 09:00 in Amsterdam


@pytest.fixture
def doc(events: EventFactory) -> Iterator[EventDocument]:
    document = events.demo(attendees=80, companies=4, seed=5)
    yield document
    document.close()


def _people(doc: EventDocument, n: int) -> list[Attendee]:
    with doc.session() as session:
        return list(
            session.execute(
                select(Attendee).where(Attendee.status == "registered").order_by(Attendee.id).limit(n)
            ).scalars()
        )


def _admit(doc: EventDocument, desk: str, attendee: Attendee, at: datetime) -> None:
    # Scans carry the desk's device time; admit() uses "now", so log through scan() by id token.
    from eventdesk.domain.tokens import encode_token
    from eventdesk.persistence.tables import Event

    with doc.session() as session:
        event = session.execute(select(Event)).scalar_one()
    token = encode_token(event_code=event.code, serial=attendee.id, version=1, private_key=event_seed(event))
    verdict = CheckInDesk(doc=doc, desk=desk).scan(token, device_time=at)
    assert verdict.verdict is ScanVerdict.ADMITTED, verdict.reason


def test_arrivals_are_counted_per_local_quarter_hour_with_gaps_kept(doc: EventDocument) -> None:
    people = _people(doc, 5)
    for person, minutes in zip(people, (1, 7, 14, 16, 50), strict=True):
        _admit(doc, "Door A", person, NINE_UTC + timedelta(minutes=minutes))
    buckets = arrivals_by_quarter(doc=doc)
    assert [(f"{b.starts:%H:%M}", b.admitted) for b in buckets] == [
        ("09:00", 3),
        ("09:15", 1),
        ("09:30", 0),
        ("09:45", 1),
    ]


def test_desks_seen_and_recent_scans(doc: EventDocument) -> None:
    a, b = _people(doc, 2)
    _admit(doc, "Door A", a, NINE_UTC)
    _admit(doc, "Door B", b, NINE_UTC + timedelta(minutes=3))
    CheckInDesk(doc=doc, desk="Door B").scan("rubbish", device_time=NINE_UTC + timedelta(minutes=4))
    desks = {d.desk: d for d in desks_seen(doc=doc)}
    assert (desks["Door A"].scans, desks["Door A"].admitted) == (1, 1)
    assert (desks["Door B"].scans, desks["Door B"].admitted) == (2, 1)
    assert f"{desks['Door B'].last_scan:%H:%M}" == "09:04"
    recent = recent_scans(doc=doc, desk="Door B")
    assert [r.verdict for r in recent] == [ScanVerdict.UNKNOWN, ScanVerdict.ADMITTED]


def test_people_inside_leaves_out_undone_check_ins_and_exports_for_the_fire_marshal(
    doc: EventDocument, tmp_path: Path
) -> None:
    people = _people(doc, 4)
    for n, person in enumerate(people):
        _admit(doc, "Door A", person, NINE_UTC + timedelta(minutes=n))
    CheckInDesk(doc=doc, desk="Door A").undo(people[0].id, reason="left early")
    inside = people_inside(doc=doc)
    assert {p.attendee_id for p in inside} == {p.id for p in people[1:]}
    assert [p.family_name.casefold() for p in inside] == sorted(p.family_name.casefold() for p in inside)

    csv_path, count = export_people_inside(doc=doc, path=tmp_path / "inside.csv")
    with csv_path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert count == 3 and {int(r["Attendee ID"]) for r in rows} == {p.id for p in people[1:]}

    pdf_path, _ = export_people_inside(doc=doc, path=tmp_path / "inside.pdf")
    text = subprocess.run(
        ["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for person in inside:
        assert person.family_name in text
    fonts = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    font_rows = fonts.splitlines()[2:]
    assert font_rows and all(" yes " in row for row in font_rows), fonts
    assert "Helvetica" not in fonts
