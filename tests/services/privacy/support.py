"""An event with everything privacy must reach: check-ins, leads with notes, meetings with
notes, company contacts; and the raw-bytes check that reads the files beside the event."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from eventdesk.domain.event import utc_now
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Company, Lead, Meeting
from eventdesk.services.door.checkin import CheckInDesk
from tests.services.leads.support import token


def busy_event(doc: EventDocument, *, arrivals: int = 60) -> dict[str, list[int]]:
    """Check in `arrivals` people by badge, give a third of them a lead and a meeting with notes."""
    with doc.session() as session:
        people = (
            session.execute(
                select(Attendee.id).where(Attendee.company_id.is_(None)).order_by(Attendee.id).limit(arrivals)
            )
            .scalars()
            .all()
        )
        companies = session.execute(select(Company.id).order_by(Company.id)).scalars().all()
    desk = CheckInDesk(doc=doc, desk="Door A")
    start = utc_now() - timedelta(hours=3)
    for number, attendee_id in enumerate(people):
        desk.scan(token(doc, attendee_id), device_time=start + timedelta(minutes=2 * number))
    with doc.session() as session:
        for number, attendee_id in enumerate(people[::3]):
            person = session.get(Attendee, attendee_id)
            company = companies[number % len(companies)]
            session.add(
                Lead(
                    id=str(uuid.uuid4()),
                    company_id=company,
                    attendee_id=attendee_id,
                    staff="Marieke Jansen",
                    notes=f"Met {person.given_name} {person.family_name}; mail {person.email}",
                    tags=["phd"],
                )
            )
            session.add(
                Meeting(
                    attendee_id=attendee_id,
                    company_id=company,
                    table_number=1,
                    slot_index=number,
                    starts_at=start,
                    ends_at=start + timedelta(minutes=15),
                    status="attended",
                    note=f"{person.family_name} asked about relocation",
                )
            )
    return {"arrived": list(people), "with_leads": list(people[::3])}


def personal_values(doc: EventDocument) -> dict[str, set[str]]:
    """Every e-mail, phone and name of attendees and company contacts, as stored now."""
    with doc.session() as session:
        rows = session.execute(
            select(Attendee.email, Attendee.phone, Attendee.given_name, Attendee.family_name)
        ).all()
        contacts = session.execute(
            select(Company.contact_email, Company.contact_phone, Company.contact_name)
        ).all()
    emails = {r[0] for r in rows if r[0]} | {c[0] for c in contacts if c[0]}
    phones = {r[1] for r in rows if r[1]} | {c[1] for c in contacts if c[1]}
    names = {r[2] for r in rows if r[2]} | {r[3] for r in rows if r[3]} | {c[2] for c in contacts if c[2]}
    return {"emails": emails, "phones": phones, "names": names}


def raw_bytes(path: Path) -> bytes:
    """The file and every companion SQLite may keep (WAL, journal), as a thief would read them."""
    data = b""
    for suffix in ("", "-wal", "-journal"):
        part = Path(f"{path}{suffix}")
        if part.exists():
            data += part.read_bytes()
    return data


def kept_text(path: Path) -> str:
    """All text still in the event (company names, descriptions …), read with plain sqlite3."""
    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()
