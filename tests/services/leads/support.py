"""Helpers shared by the lead, kit and lead-export tests: badges, people, meetings, and the
check that reads a kit file with sqlite3 (not through eventdesk) for traces of people who
did not agree to share their details."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from eventdesk.domain.enums import AttendeeStatus
from eventdesk.domain.tokens import encode_token
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Company, Event, ExternalCode, Lead, Meeting
from tests.factories import event_seed


def event_row(doc: EventDocument) -> Event:
    with doc.session() as session:
        return session.execute(select(Event)).scalar_one()


def token(doc: EventDocument, attendee_id: int) -> str:
    event = event_row(doc)
    with doc.session() as session:
        version = session.get(Attendee, attendee_id).badge_version
    assert event.signing_key is not None
    return encode_token(
        event_code=event.code, serial=attendee_id, version=version, private_key=event_seed(event)
    )


def visitors(doc: EventDocument, *, consent: bool, count: int, skip: int = 0) -> list[Attendee]:
    """Registered visitors (no company) with a name, an e-mail and a phone number."""
    with doc.session() as session:
        found = (
            session.execute(
                select(Attendee)
                .where(
                    Attendee.company_id.is_(None),
                    Attendee.status == AttendeeStatus.REGISTERED.value,
                    Attendee.consent_share.is_(consent),
                    Attendee.given_name != "",
                    Attendee.email.is_not(None),
                    Attendee.phone != "",
                )
                .order_by(Attendee.id)
                .offset(skip)
                .limit(count)
            )
            .scalars()
            .all()
        )
    assert len(found) == count, f"the demo event has too few {'consenting' if consent else 'other'} visitors"
    return list(found)


def company_with_staff(doc: EventDocument) -> tuple[Company, list[Attendee]]:
    with doc.session() as session:
        for company in session.execute(select(Company).order_by(Company.id)).scalars():
            staff = session.execute(select(Attendee).where(Attendee.company_id == company.id)).scalars().all()
            if staff:
                return company, list(staff)
    raise AssertionError("no company with staff in the demo event")


def add_meetings(doc: EventDocument, *, company_id: int, attendee_ids: list[int], status: str) -> list[int]:
    """Meetings as the schedule stores them, one slot each from the event's start."""
    start = event_row(doc).starts_at + timedelta(hours=1)
    ids = []
    with doc.session() as session:
        first_slot = session.execute(select(func.count()).select_from(Meeting)).scalar_one()
        for n, attendee_id in enumerate(attendee_ids, start=first_slot):
            meeting = Meeting(
                attendee_id=attendee_id,
                company_id=company_id,
                table_number=1,
                slot_index=n,
                starts_at=start + timedelta(minutes=20 * n),
                ends_at=start + timedelta(minutes=20 * n + 15),
                status=status,
                note=f"meeting note {n}",
            )
            session.add(meeting)
            session.flush()
            ids.append(meeting.id)
    return ids


def lead_count(doc: EventDocument) -> int:
    with doc.session() as session:
        return session.execute(select(func.count()).select_from(Lead)).scalar_one()


def lead_rows(doc: EventDocument) -> list[tuple[object, ...]]:
    with doc.session() as session:
        rows = session.execute(select(Lead).order_by(Lead.id)).scalars().all()
        return [
            (r.id, r.company_id, r.attendee_id, r.source, r.rating, r.notes, tuple(r.tags), r.visits)
            for r in rows
        ]


@dataclass(frozen=True)
class Outsider:
    """Someone the kit must know nothing of."""

    id: int
    given_name: str
    family_name: str
    email: str
    phone: str


def _met(company_id: int) -> object:
    """Registered people with a meeting with the company: the rule shows them their profile."""
    return Attendee.id.in_(  # type: ignore[union-attr]
        select(Meeting.attendee_id).where(Meeting.company_id == company_id)
    ) & (Attendee.status == AttendeeStatus.REGISTERED.value)


def outsiders(source: EventDocument, company_id: int) -> list[Outsider]:
    """Every attendee of the source event who did not agree to share, except the company's staff
    and its registered meeting partners."""
    with source.session() as session:
        rows = session.execute(
            select(Attendee).where(
                Attendee.consent_share.is_(False),
                (Attendee.company_id != company_id) | Attendee.company_id.is_(None),
                ~_met(company_id),  # type: ignore[operator]
            )
        ).scalars()
        return [Outsider(a.id, a.given_name, a.family_name, a.email or "", a.phone) for a in rows]


def silent_partners(source: EventDocument, company_id: int) -> list[Outsider]:
    """The company's registered meeting partners who did not agree to share: in the kit by
    name and profile, never by e-mail or phone."""
    with source.session() as session:
        rows = session.execute(
            select(Attendee).where(
                Attendee.consent_share.is_(False),
                (Attendee.company_id != company_id) | Attendee.company_id.is_(None),
                _met(company_id),
            )
        ).scalars()
        return [Outsider(a.id, a.given_name, a.family_name, a.email or "", a.phone) for a in rows]


def _innocent_text(source: EventDocument, company_id: int) -> str:
    """Everything the kit may legitimately hold, to tell a shared surname from a leak."""
    with source.session() as session:
        allowed = session.execute(
            select(Attendee).where(
                Attendee.consent_share.is_(True)  # type: ignore[operator]
                | (Attendee.company_id == company_id)
                | _met(company_id)
            )
        ).scalars()
        parts = [
            " ".join(
                (
                    a.given_name,
                    a.family_name,
                    a.email or "",
                    a.organisation,
                    a.job_title,
                    a.degree,
                    a.field_of_work,
                    *a.interests,
                )
            )
            for a in allowed
        ]
        company = session.get(Company, company_id)
        event = session.execute(select(Event)).scalar_one()
        parts += [company.name, company.description, company.website, event.name, event.venue]
    return "\n".join(parts).casefold()


def assert_kit_holds_nothing_of_outsiders(kit: Path, source: EventDocument, company_id: int) -> int:
    """Read every cell of every table of the kit file with sqlite3; return how many cells were read."""
    people = outsiders(source, company_id)
    assert people, "the check needs people who did not agree to share"
    with source.session() as session:
        codes = session.execute(select(ExternalCode.code)).scalars().all()
    raw = kit.read_bytes()
    for person in [*people, *silent_partners(source, company_id)]:
        assert person.email.encode() not in raw, f"{person.email} is in the kit file"
        if person.phone:
            assert person.phone.encode() not in raw, f"{person.phone} is in the kit file"
    for code in codes:
        assert code.encode() not in raw, f"ticket code {code} is in the kit file"

    innocent = _innocent_text(source, company_id)
    distinctive = [p for p in people if len(p.family_name) >= 4 and p.family_name.casefold() not in innocent]
    assert distinctive, "the check needs surnames that only people who did not agree have"
    ids = {p.id for p in people}
    names = {(p.given_name, p.family_name) for p in people}
    cells = 0
    conn = sqlite3.connect(f"{kit.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            attendee_columns = {
                r[3] for r in conn.execute(f'PRAGMA foreign_key_list("{table}")') if r[2] == "attendee"
            }
            if table == "attendee":
                attendee_columns.add("id")
                for given, family in conn.execute("SELECT given_name, family_name FROM attendee"):
                    assert (given, family) not in names, f"{given} {family} is in the kit"
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for column, value in zip(columns, row, strict=True):
                    cells += 1
                    if column in attendee_columns:
                        assert value not in ids, (
                            f"{table}.{column} holds the id {value} of someone who did not agree"
                        )
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", errors="ignore")
                    if not isinstance(value, str):
                        continue
                    folded = value.casefold()
                    for person in people:
                        assert person.email.casefold() not in folded, f"{table}.{column} holds {person.email}"
                        assert not person.phone or person.phone not in value, (
                            f"{table}.{column} holds a phone"
                        )
                    for person in distinctive:
                        assert person.family_name.casefold() not in folded, (
                            f"{table}.{column} holds the surname {person.family_name}"
                        )
    finally:
        conn.close()
    return cells
