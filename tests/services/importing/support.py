"""Helpers shared by the import tests: where the sample files are and what an event holds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import select

from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Company, ExternalCode

SAMPLES = Path(__file__).parents[2] / "data" / "import"


@dataclass(frozen=True)
class Stored:
    id: int
    given: str
    family: str
    email: str | None
    phone: str
    organisation: str
    ticket_type: str
    status: str
    codes: frozenset[tuple[str, str]]
    email_key: str | None
    search_text: str
    degree: str
    job_title: str
    field_of_work: str
    interests: tuple[str, ...]
    consent: bool
    company_id: int | None


def people(doc: EventDocument) -> dict[str, Stored]:
    """Attendees by "Given Family" (tests use unique names)."""
    with doc.session() as session:
        codes: dict[int, set[tuple[str, str]]] = {}
        for code in session.exec(select(ExternalCode)):
            codes.setdefault(code.attendee_id, set()).add((code.platform, code.code))
        found = {}
        for a in session.exec(select(Attendee)):
            key = " ".join(p for p in (a.given_name, a.family_name) if p)
            found[key] = Stored(
                a.id,  # type: ignore[arg-type]
                a.given_name,
                a.family_name,
                a.email,
                a.phone,
                a.organisation,
                a.ticket_type,
                a.status,
                frozenset(codes.get(a.id, set())),  # type: ignore[arg-type]
                a.email_key,
                a.search_text,
                a.degree,
                a.job_title,
                a.field_of_work,
                tuple(a.interests),
                a.consent_share,
                a.company_id,
            )
        return found


def companies(doc: EventDocument) -> dict[str, Company]:
    with doc.session() as session:
        return {c.name: c for c in session.exec(select(Company))}


def snapshot(doc: EventDocument) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Every attendee, code and company row, to compare an event before and after."""
    with doc.session() as session:
        attendees = [
            tuple(a.model_dump().items()) for a in session.exec(select(Attendee).order_by(Attendee.id))
        ]
        codes = sorted((c.attendee_id, c.platform, c.code) for c in session.exec(select(ExternalCode)))
        firms = [
            tuple(c.model_dump(exclude={"logo"}).items())
            for c in session.exec(select(Company).order_by(Company.id))
        ]
    return attendees, codes, firms
