"""`export checkins`: the list of who is inside, as CSV/XLSX for a spreadsheet or PDF to print."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import select

from eventdesk.domain.enums import TicketType
from eventdesk.domain.event import to_local, utc_now
from eventdesk.exports.atomic import ExportError, atomic_output
from eventdesk.exports.people_inside_pdf import InsideLine, write_people_inside_pdf
from eventdesk.exports.spreadsheet import write_table
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Event
from eventdesk.services.door.arrivals import people_inside
from eventdesk.services.export_audit import ExportKind, audit_export

HEADERS = ("Attendee ID", "Name", "Organisation", "Ticket type", "Checked in at", "Desk")


def _label(ticket_type: str) -> str:
    try:
        return TicketType(ticket_type).label
    except ValueError:
        return ticket_type


def export_people_inside(*, doc: EventDocument, path: str | os.PathLike[str]) -> tuple[Path, int]:
    """Write the list; returns where, and how many people are on it."""
    target = Path(path).expanduser()
    people = people_inside(doc=doc)
    if target.suffix.lower() != ".pdf":
        write_table(
            target,
            HEADERS,
            (
                (
                    p.attendee_id,
                    p.name,
                    p.organisation,
                    p.ticket_type,
                    p.admitted_at.isoformat(timespec="seconds"),
                    p.desk,
                )
                for p in people
            ),
            title="People inside",
        )
        audit_export(
            doc=doc, kind=ExportKind.FIRE_MARSHAL, path=target, attendee_ids=[p.attendee_id for p in people]
        )
        return target, len(people)
    if not target.parent.is_dir():
        raise ExportError(f"The folder {target.parent} does not exist.")
    with doc.session() as session:
        event = session.execute(select(Event.name, Event.timezone, Event.language)).one()
    with atomic_output(target) as part:
        write_people_inside_pdf(
            path=part,
            event_name=event.name,
            made_at=to_local(utc_now(), event.timezone),
            language=event.language,
            lines=[
                InsideLine(p.name, p.organisation, _label(p.ticket_type), p.admitted_at, p.desk)
                for p in people
            ],
        )
    audit_export(
        doc=doc, kind=ExportKind.FIRE_MARSHAL, path=target, attendee_ids=[p.attendee_id for p in people]
    )
    return target, len(people)
