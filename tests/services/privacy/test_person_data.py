from __future__ import annotations

import json
import re
import subprocess

import pypdfium2 as pdfium
from sqlalchemy import select

from eventdesk.persistence.tables import Attendee
from eventdesk.services.export_audit import audit_entries
from eventdesk.services.privacy.person_data import export_person_data
from tests.services.privacy.support import busy_event


def test_a_persons_export_holds_their_profile_consent_scans_meetings_leads_and_prints(events, tmp_path):
    doc = events.demo(attendees=120, companies=6)
    try:
        people = busy_event(doc, arrivals=12)
        target = people["with_leads"][0]
        with doc.session() as session:
            person = session.get(Attendee, target)
            person.consent_origin = "import:registrations.csv:Share with exhibitors"
            session.add(person)
        made = export_person_data(doc=doc, attendee_id=target, output=tmp_path / "their data.pdf")
        data = json.loads(made.json.read_text(encoding="utf-8"))
        assert data["profile"]["email"] == person.email
        assert (
            data["consent"]["origin"] == "imported from column “Share with exhibitors” of registrations.csv"
        )
        assert len(data["scans"]) == 1 and data["scans"][0]["desk"] == "Door A"
        assert len(data["meetings"]) == 1 and person.family_name in data["meetings"][0]["note"]
        assert len(data["leads"]) == 1 and person.email in data["leads"][0]["notes"]
        pdf = pdfium.PdfDocument(str(made.pdf))
        text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        assert person.email in text and "Door A" in text and "registrations.csv" in text
        # The stored vocabularies in words, as the desk says them, not as the database spells them.
        assert "ADMITTED" in text and "Attended" in text
        raw = r"\b(visitor|exhibitor|speaker|registered|cancelled|admitted|attended)\b"
        assert not re.search(raw, text)
        assert (made.pdf.stat().st_mode & 0o777) == 0o600
        assert audit_entries(doc=doc)[0].kind == "person's data (Art. 15)"
    finally:
        doc.close()


def test_consent_records_where_it_came_from_import_walk_in_and_edit(events, tmp_path):
    from dataclasses import replace

    from eventdesk.domain.people import AttendeeDraft
    from eventdesk.services.importing.runner import import_file
    from eventdesk.services.people.edit import add_attendee, edit_attendee, get_attendee

    doc = events.empty()
    try:
        csv = tmp_path / "registrations.csv"
        csv.write_text(
            "First name,Last name,Email,Share my details with exhibitors\n"
            "Ana,Ødegård,ana@example.org,yes\nBo,Li,bo@example.org,no\n",
            encoding="utf-8",
        )
        import_file(doc=doc, path=csv, kind="attendees")
        with doc.session() as session:
            origins = dict(session.execute(select(Attendee.email, Attendee.consent_origin)).all())
        assert origins == {
            "ana@example.org": "import:registrations.csv:Share my details with exhibitors",
            "bo@example.org": "import:registrations.csv:Share my details with exhibitors",
        }
        walk_in = add_attendee(
            doc=doc,
            draft=AttendeeDraft(given_name="Cy", family_name="Ng", consent_share=True),
            consent_origin="walk-in:Door B",
        )
        with doc.session() as session:
            assert session.get(Attendee, walk_in.id).consent_origin == "walk-in:Door B"
        draft = get_attendee(doc=doc, attendee_id=walk_in.id).draft
        edit_attendee(doc=doc, attendee_id=walk_in.id, draft=replace(draft, consent_share=False))
        with doc.session() as session:
            assert session.get(Attendee, walk_in.id).consent_origin == "edit"
    finally:
        doc.close()


def test_the_pdf_is_in_the_events_language_with_its_dates_in_the_event_time_zone(events, tmp_path):
    from datetime import UTC, datetime

    from eventdesk.persistence.tables import Event, Meeting, Scan

    doc = events.demo(attendees=60, companies=4)
    try:
        people = busy_event(doc, arrivals=6)
        target = people["with_leads"][0]
        with doc.session() as session:
            event = session.execute(select(Event)).scalar_one()
            event.language, event.timezone = "de", "Europe/Brussels"
            session.add(event)
            scan = session.execute(select(Scan).where(Scan.attendee_id == target)).scalars().one()
            scan.device_time = datetime(2026, 12, 7, 13, 5, tzinfo=UTC)  # 14:05 in Brussels
            session.add(scan)
            meeting = session.execute(select(Meeting).where(Meeting.attendee_id == target)).scalars().one()
            meeting.status = "scheduled"
            session.add(meeting)
        made = export_person_data(doc=doc, attendee_id=target, output=tmp_path / "their data")
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(made.pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "7. Dez. 2026 14:05" in text
        # The PDF's own words in the same language; the JSON's keys stay as they are.
        assert "Scans Ihres Badges am Einlass" in text and "gemäß Art. 15 DSGVO" in text
        assert "Scans of your badge" not in text
        assert "EINLASS" in text and "Geplant" in text  # the door's verdict, the meeting ahead
        assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text)  # no ISO stamp left anywhere
        assert json.loads(made.json.read_text("utf-8"))["scans"][0]["when"] == "2026-12-07T14:05:00+01:00"
    finally:
        doc.close()
