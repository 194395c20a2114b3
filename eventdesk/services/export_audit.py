"""The audit of exports: every file that carried personal data out of the event.

The GDPR asks an organiser to know where the data went (Art. 5(2) accountability, Art. 30
records); a kit or a badge batch is a copy outside the event that erasure cannot reach, so
`Erase this person` reads this table to say which copies still hold them.

A flat module below the feature packages rather than part of `services/privacy`: every
exporting feature calls it (the door's fire marshal's list among them), and privacy itself
needs the people search, which reads codes through the door; inside privacy it would close
an import circle.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from eventdesk.domain.event import to_local, utc_now
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Company, Event, ExportAudit


class ExportKind(StrEnum):
    ATTENDEES = "attendee list"
    COMPANIES = "company list"
    LEADS = "lead export"
    KIT = "exhibitor kit"
    SCHEDULES = "schedule PDF"
    MEETINGS = "meetings export"
    FIRE_MARSHAL = "fire marshal's list"
    BADGES = "badge batch"
    PERSON = "person's data (Art. 15)"
    COPY = "copy of the event"


def this_desk() -> str:
    """The machine's name: which laptop a file left from, as a person would say it."""
    return os.environ.get("EVENTDESK_DESK") or socket.gethostname()


def record_export(
    session: Session,
    *,
    kind: ExportKind,
    path: str | os.PathLike[str],
    attendee_ids: Iterable[int] = (),
    people: int | None = None,
    company_id: int | None = None,
    desk: str | None = None,
) -> None:
    """Add one audit row in the caller's transaction (so no export goes unrecorded)."""
    ids = sorted({int(i) for i in attendee_ids})
    session.add(
        ExportAudit(
            kind=kind.value,
            made_at=utc_now(),
            desk=desk or this_desk(),
            people=len(ids) if people is None else people,
            file_name=str(path),
            company_id=company_id,
            attendee_ids=ids,
        )
    )


def audit_export(
    *,
    doc: EventDocument,
    kind: ExportKind,
    path: str | os.PathLike[str],
    attendee_ids: Iterable[int] = (),
    people: int | None = None,
    company_id: int | None = None,
) -> None:
    """`record_export` in a transaction of its own, for exports that read in several."""
    with doc.session() as session:
        record_export(
            session, kind=kind, path=path, attendee_ids=attendee_ids, people=people, company_id=company_id
        )


@dataclass(frozen=True)
class AuditEntry:
    kind: str
    made_local: datetime
    desk: str
    people: int
    file_name: str
    company: str

    @property
    def short_file_name(self) -> str:
        return Path(self.file_name).name if self.file_name else ""

    def as_dict(self) -> dict[str, object]:
        return {
            "what": self.kind,
            "when": self.made_local.isoformat(timespec="seconds"),
            "desk": self.desk,
            "people": self.people,
            "file": self.file_name,
            "company": self.company,
        }


def audit_entries(*, doc: EventDocument) -> list[AuditEntry]:
    """Newest first, in the event's time zone."""
    with doc.session() as session:
        tz = session.execute(select(Event.timezone)).scalar_one()
        names = dict(session.execute(select(Company.id, Company.name)).all())
        rows = session.execute(
            select(ExportAudit).order_by(ExportAudit.made_at.desc(), ExportAudit.id.desc())  # type: ignore[attr-defined]
        ).scalars()
        return [
            AuditEntry(
                kind=row.kind,
                made_local=to_local(row.made_at, tz),
                desk=row.desk,
                people=row.people,
                file_name=row.file_name,
                company=names.get(row.company_id, "") if row.company_id is not None else "",
            )
            for row in rows
        ]


@dataclass(frozen=True)
class CopyHolding:
    """An earlier export that contains a given person."""

    kind: str
    made_local: datetime
    file_name: str
    company: str


def copies_holding(session: Session, attendee_id: int) -> list[CopyHolding]:
    """Exports made earlier that contain this person (oldest first)."""
    tz = session.execute(select(Event.timezone)).scalar_one()
    names = dict(session.execute(select(Company.id, Company.name)).all())
    found = []
    for row in session.execute(select(ExportAudit).order_by(ExportAudit.made_at)).scalars():
        if attendee_id in (row.attendee_ids or []):
            found.append(
                CopyHolding(
                    kind=row.kind,
                    made_local=to_local(row.made_at, tz),
                    file_name=row.file_name,
                    company=names.get(row.company_id, "") if row.company_id is not None else "",
                )
            )
    return found
