"""`leads export`: a company's lead list as CSV/XLSX for its CRM, or PDF to read and print.

What each row names follows `domain.sharing.shown_to`: e-mail and phone only for people who
agreed to share them with exhibitors, name and profile also for the company's meeting
partners; every other row keeps the rating, notes, tags, time and source, so the company
still sees how busy its booth was. Formula-like cells are neutralised by
`write_table` (CSV and XLSX): notes are typed by booth staff and names come from sign-up
forms, both places where "=HYPERLINK(…)" can arrive.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from eventdesk.domain.event import to_local, utc_now
from eventdesk.domain.progress import NO_PROGRESS, Progress
from eventdesk.exports.atomic import ExportError, atomic_output
from eventdesk.exports.leads_pdf import LeadLine, write_leads_pdf
from eventdesk.exports.spreadsheet import write_table
from eventdesk.i18n import gettext, ngettext
from eventdesk.persistence.document import EventDocument
from eventdesk.services.events import event_summary
from eventdesk.services.export_audit import ExportKind, audit_export
from eventdesk.services.leads.booth import NOT_SHARED, LeadView, booth_for, list_leads, sync_meeting_leads

HEADERS = (
    # Words a person reads in Excel, not code names (the importer maps them back by meaning).
    "Name",
    "Organisation",
    "Job title",
    "E-mail",
    "Phone",
    "Rating",
    "Notes",
    "Tags",
    "Time",
    "Source",
    "Staff",
    "Visits",
    "Details shared",
)
SUFFIXES = (".csv", ".xlsx", ".pdf")


@dataclass(frozen=True)
class LeadsExported:
    path: Path
    company_name: str
    leads: int
    shared: int

    @property
    def summary(self) -> str:
        return ngettext(
            "{n} lead of {company} written to {path} ({shared} with contact details).",
            "{n} leads of {company} written to {path} ({shared} with contact details).",
            self.leads,
            company=self.company_name,
            path=self.path,
            shared=self.shared,
        )


def _row(lead: LeadView) -> tuple[str | int, ...]:
    return (
        lead.name,
        lead.organisation,
        lead.job_title,
        lead.email,
        lead.phone,
        lead.rating,
        lead.notes,
        "; ".join(lead.tags),
        f"{lead.captured_at:%Y-%m-%d %H:%M}",
        lead.source,
        lead.staff,
        lead.visits,
        "yes" if lead.shared else "no",
    )


def export_leads(
    *,
    doc: EventDocument,
    company_id: int | None,
    path: str | os.PathLike[str],
    progress: Progress = NO_PROGRESS,
) -> LeadsExported:
    """Write the company's leads, oldest first (the order they came to the booth)."""
    target = Path(path).expanduser()
    if target.suffix.lower() not in SUFFIXES:
        raise ExportError(f"{target.name}: choose a file ending in .csv, .xlsx or .pdf.")
    if not target.parent.is_dir():
        raise ExportError(f"The folder {target.parent} does not exist.")
    booth = booth_for(doc=doc, company_id=company_id)
    sync_meeting_leads(doc=doc, company_id=booth.company_id)
    leads = list(reversed(list_leads(doc=doc, company_id=booth.company_id)))
    shared = sum(1 for lead in leads if lead.shared)
    result = LeadsExported(target, booth.company_name, len(leads), shared)
    if target.suffix.lower() != ".pdf":
        write_table(
            target,
            HEADERS,
            (_row(lead) for lead in leads),
            title=f"Leads {booth.company_name}",
            total=len(leads),
            progress=progress,
        )
        _audit(doc, booth.company_id, target, leads)
        return result
    event = event_summary(doc=doc)
    with atomic_output(target) as part:
        write_leads_pdf(
            path=part,
            company_name=booth.company_name,
            event_name=event.name,
            event_when=event.when,
            made_at=to_local(utc_now(), booth.timezone),
            lines=[_line(lead) for lead in leads],
            not_shared_label=gettext(NOT_SHARED),
        )
    _audit(doc, booth.company_id, target, leads)
    return result


def _audit(doc: EventDocument, company_id: int | None, target: Path, leads: list[LeadView]) -> None:
    named = [lead.attendee_id for lead in leads if lead.attendee_id is not None]
    audit_export(doc=doc, kind=ExportKind.LEADS, path=target, attendee_ids=named, company_id=company_id)


def _line(lead: LeadView) -> LeadLine:
    return LeadLine(
        shared=lead.shared,
        name=lead.name,
        organisation=lead.organisation,
        job_title=lead.job_title,
        email=lead.email,
        phone=lead.phone,
        rating=lead.rating,
        rating_label=lead.rating_label if lead.rating else "",
        notes=lead.notes,
        tags=lead.tags,
        captured_at=lead.captured_at,
        source=lead.source,
        staff=lead.staff,
        visits=lead.visits,
    )
