"""Read-only lists of attendees and companies, shaped for tables that show thousands of rows.

The lists select only the columns a table shows, with SQLAlchemy Core rather than ORM
objects: building 50,000 mapped instances (identity map, attribute instrumentation, JSON
columns) costs several times what the table needs. Rows are small frozen records, so the
UI cannot mistake them for something it may edit in place; editing goes through services.
They are NamedTuples rather than frozen dataclasses because a frozen dataclass pays an
`object.__setattr__` per field in `__init__`: for 50,000 rows that alone is ~70 ms against
~20 ms for tuples built at C speed, a large part of the table's load budget.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import func, select

from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Company
from eventdesk.services.door.attendance import checked_in_subquery


class AttendeeRow(NamedTuple):
    """One attendee as a list shows them; `search_text` is the stored, folded search text."""

    id: int
    given_name: str
    family_name: str
    organisation: str
    email: str
    ticket_type: str
    status: str
    consent_share: bool
    company_id: int | None
    company_name: str
    search_text: str
    checked_in: bool = False
    """Inside now, by the scan log's rule (`services.door.attendance`)."""

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)


class CompanyRow(NamedTuple):
    id: int
    name: str
    sector: str
    booth: str
    meeting_tables: int
    hiring_tags: tuple[str, ...]
    staff_count: int


def list_attendee_rows(*, doc: EventDocument, company_id: int | None = None) -> list[AttendeeRow]:
    """Every attendee (or one company's staff), in id order: the order they were added."""
    inside = checked_in_subquery()
    query = (
        select(
            Attendee.id,
            Attendee.given_name,
            Attendee.family_name,
            Attendee.organisation,
            func.coalesce(Attendee.email, ""),
            Attendee.ticket_type,
            Attendee.status,
            Attendee.consent_share,
            Attendee.company_id,
            func.coalesce(Company.name, ""),
            Attendee.search_text,
            inside.c.attendee_id.is_not(None),
        )
        .select_from(Attendee)
        .outerjoin(Company, Company.id == Attendee.company_id)
        .outerjoin(inside, inside.c.attendee_id == Attendee.id)
        .order_by(Attendee.id)
    )
    if company_id is not None:
        query = query.where(Attendee.company_id == company_id)
    with doc.engine.connect() as conn:
        return list(map(AttendeeRow._make, conn.execute(query)))


def list_company_rows(*, doc: EventDocument) -> list[CompanyRow]:
    """Every company with its number of exhibitor staff, in name order."""
    staff = (
        select(Attendee.company_id, func.count().label("staff"))
        .where(Attendee.company_id.is_not(None))
        .group_by(Attendee.company_id)
        .subquery()
    )
    query = (
        select(
            Company.id,
            Company.name,
            Company.sector,
            Company.booth,
            Company.meeting_tables,
            Company.hiring_tags,
            func.coalesce(staff.c.staff, 0),
        )
        .outerjoin(staff, staff.c.company_id == Company.id)
        .order_by(func.lower(Company.name), Company.id)
    )
    with doc.engine.connect() as conn:
        return [
            CompanyRow(cid, name, sector, booth, tables, tuple(tags or ()), count)
            for cid, name, sector, booth, tables, tags, count in conn.execute(query)
        ]
