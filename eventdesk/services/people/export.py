"""Every attendee or company of an event as a spreadsheet (CSV or XLSX).

All stored fields go out, plus what is derived: "checked in" from the scan log (the rule in
`services.door.attendance`), the exhibitor company's name, and the platform ticket codes as
"platform:code; …". Times are the event's local wall-clock time. The attendee headers are
the ones the importer recognises as an eventdesk export, so a list can be edited in Excel
and imported back (matched on e-mail and ticket codes).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from eventdesk.domain.event import to_local
from eventdesk.domain.progress import NO_PROGRESS, Progress
from eventdesk.exports.spreadsheet import Cell, write_table
from eventdesk.i18n import ngettext
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Company, Event, ExternalCode
from eventdesk.services.door.attendance import checked_in_ids
from eventdesk.services.export_audit import ExportKind, audit_export

ATTENDEE_HEADERS = (
    "ID",
    "Given name",
    "Family name",
    "E-mail",
    "Phone",
    "Organisation",
    "Job title",
    "Degree",
    "Field of work",
    "Interests",
    "Ticket type",
    "Status",
    "Consent to share",
    "Exhibitor company",
    "Checked in",
    "External codes",
    "Badge version",
    "Created",
    "Updated",
)
COMPANY_HEADERS = (
    "ID",
    "Name",
    "Sector",
    "Booth",
    "Meeting tables",
    "Hiring tags",
    "Website",
    "Description",
    "Contact person",
    "Contact e-mail",
    "Contact phone",
    "Staff",
    "Created",
    "Updated",
)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int

    @property
    def summary(self) -> str:
        return ngettext("Wrote {n} row to {path}.", "Wrote {n} rows to {path}.", self.rows, path=self.path)


def _local(moment: datetime, timezone: str) -> datetime:
    """Wall-clock time at the event, without a zone (spreadsheets have none)."""
    return to_local(moment, timezone).replace(tzinfo=None, microsecond=0)


def _timezone(session: Session) -> str:
    return str(session.execute(select(Event.timezone)).scalar_one())


def attendee_rows(session: Session) -> Iterator[list[Cell]]:
    """The export's rows in id order, read in one pass (no query per person)."""
    timezone = _timezone(session)
    inside = checked_in_ids(session=session)
    companies = dict(session.execute(select(Company.id, Company.name)).all())
    codes: defaultdict[int, list[str]] = defaultdict(list)
    for attendee_id, platform, code in session.execute(
        select(ExternalCode.attendee_id, ExternalCode.platform, ExternalCode.code).order_by(
            ExternalCode.platform, ExternalCode.code
        )
    ):
        codes[attendee_id].append(f"{platform}:{code}")
    columns = select(
        Attendee.id,
        Attendee.given_name,
        Attendee.family_name,
        Attendee.email,
        Attendee.phone,
        Attendee.organisation,
        Attendee.job_title,
        Attendee.degree,
        Attendee.field_of_work,
        Attendee.interests,
        Attendee.ticket_type,
        Attendee.status,
        Attendee.consent_share,
        Attendee.company_id,
        Attendee.badge_version,
        Attendee.created_at,
        Attendee.updated_at,
    ).order_by(Attendee.id)
    # Core rows rather than ORM objects: a tenth of the time for 50,000 people.
    for a in session.connection().execute(columns):
        yield [
            a.id,
            a.given_name,
            a.family_name,
            a.email or "",
            a.phone,
            a.organisation,
            a.job_title,
            a.degree,
            a.field_of_work,
            "; ".join(a.interests or []),
            a.ticket_type,
            a.status,
            a.consent_share,
            companies.get(a.company_id, "") if a.company_id else "",
            a.id in inside,
            "; ".join(codes.get(a.id, [])),
            a.badge_version,
            _local(a.created_at, timezone),
            _local(a.updated_at, timezone),
        ]


def company_rows(session: Session) -> Iterator[list[Cell]]:
    timezone = _timezone(session)
    staff = dict(
        session.execute(
            select(Attendee.company_id, func.count())
            .where(Attendee.company_id.is_not(None))
            .group_by(Attendee.company_id)
        ).all()
    )
    for c in session.execute(select(Company).order_by(Company.name)).scalars():
        yield [
            c.id,
            c.name,
            c.sector,
            c.booth,
            c.meeting_tables,
            "; ".join(c.hiring_tags or []),
            c.website,
            c.description,
            c.contact_name,
            c.contact_email,
            c.contact_phone,
            staff.get(c.id, 0),
            _local(c.created_at, timezone),
            _local(c.updated_at, timezone),
        ]


def export_attendees(
    *, doc: EventDocument, path: str | os.PathLike[str], progress: Progress = NO_PROGRESS
) -> ExportResult:
    with doc.session() as session:
        total = session.execute(select(func.count()).select_from(Attendee)).scalar_one()
        rows = list(attendee_rows(session))
    written = write_table(path, ATTENDEE_HEADERS, rows, title="Attendees", total=total, progress=progress)
    with doc.session() as session:
        ids = session.execute(select(Attendee.id)).scalars().all()
    audit_export(doc=doc, kind=ExportKind.ATTENDEES, path=written, attendee_ids=ids)
    return ExportResult(written, len(rows))


def export_companies(
    *, doc: EventDocument, path: str | os.PathLike[str], progress: Progress = NO_PROGRESS
) -> ExportResult:
    with doc.session() as session:
        rows = list(company_rows(session))
    written = write_table(path, COMPANY_HEADERS, rows, title="Companies", total=len(rows), progress=progress)
    # Company contacts are people too (name, e-mail, phone of the exhibitor's contact).
    audit_export(doc=doc, kind=ExportKind.COMPANIES, path=written, people=len(rows))
    return ExportResult(written, len(rows))
