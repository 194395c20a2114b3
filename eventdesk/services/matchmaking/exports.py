"""Printing and exporting the schedule: PDFs per attendee, per company, the master grid;
iCalendar files per attendee; the CSV of all meetings.

Printing the attendees' schedules records `printed_at` on their meetings in the same
transaction that finishes the file, so re-planning knows what people hold on paper.
PDFs are written to a temporary name and renamed: a failed export leaves no half file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from enum import StrEnum
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, update

from eventdesk.domain.errors import EventdeskError
from eventdesk.domain.event import to_local, utc_now
from eventdesk.domain.progress import NO_PROGRESS, Progress
from eventdesk.domain.sharing import Recipient, shown_to
from eventdesk.domain.taxonomy import tag_label
from eventdesk.domain.tokens import sign_header, token_header
from eventdesk.exports.atomic import atomic_output
from eventdesk.exports.calendar import write_calendars
from eventdesk.exports.meetings_csv import MeetingLine, write_meetings_csv
from eventdesk.exports.schedules import (
    CompanyMeeting,
    CompanySheet,
    GridColumn,
    PersonMeeting,
    PersonSheet,
    ScheduleSheet,
    SheetSlot,
    write_attendee_schedules,
    write_company_schedules,
    write_master_grid,
)
from eventdesk.exports.schedules.sheet import SheetBreak
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Event
from eventdesk.persistence.tables import Meeting as MeetingRow
from eventdesk.services.export_audit import ExportKind, audit_export, record_export
from eventdesk.services.matchmaking.plan import normalise_tag
from eventdesk.services.matchmaking.view import ScheduleView, schedule_view
from eventdesk.services.privacy.keys import KeyUnavailable, signing_seed


class ScheduleExportError(EventdeskError):
    """The schedule cannot be exported (none yet, or the file cannot be written)."""


class PerWhat(StrEnum):
    ATTENDEE = "attendee"
    COMPANY = "company"
    GRID = "grid"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    pages: int
    items: int
    """People, companies or tables in the file."""
    missing_qr: bool = False
    """True when the event copy has no signing key, so personal pages carry no badge QR."""


def _event(doc: EventDocument) -> Event:
    with doc.session() as session:
        return session.execute(select(Event)).scalar_one()


def _view(doc: EventDocument) -> ScheduleView:
    view = schedule_view(doc=doc)
    if not view.meetings:
        raise ScheduleExportError("There is no schedule yet; generate one first (eventdesk schedule EVENT).")
    return view


def _sheet(view: ScheduleView, event: Event) -> ScheduleSheet:
    tz = event.timezone
    generated = to_local(view.generated_at or utc_now(), tz)
    return ScheduleSheet(
        event_name=event.name,
        venue=event.venue,
        version=view.version,
        generated_at=generated,
        edited_at=to_local(view.edited_at, tz) if view.edited_at else None,
        slots=tuple(SheetSlot(s.index, s.start, s.end) for s in view.slots),
        breaks=tuple(SheetBreak(b.start, b.end, b.label) for b in view.breaks),
        language=event.language or "en",
    )


def _people(doc: EventDocument, view: ScheduleView, event: Event, with_qr: bool) -> list[PersonSheet]:
    booths = {c.id: c.booth for c in view.companies.values()}
    by_person: dict[int, list[PersonMeeting]] = {}
    for m in view.meetings:
        by_person.setdefault(m.attendee_id, []).append(
            PersonMeeting(m.slot, m.table, m.company, booths.get(m.company_id, ""), m.why)
        )
    versions: dict[int, int] = {}
    languages: dict[int, str] = {}
    with doc.session() as session:
        for attendee_id, version, language in session.execute(
            select(Attendee.id, Attendee.badge_version, Attendee.language).where(
                Attendee.id.in_(list(by_person))
            )
        ).all():
            versions[attendee_id] = version
            languages[attendee_id] = language
    if not with_qr:
        versions = {}
    seed = None
    if with_qr and event.signing_key:
        # Without the organiser's key here the schedules print without QR codes (missing_qr).
        with doc.session() as session, contextlib.suppress(KeyUnavailable):
            seed = signing_seed(session)
    key = Ed25519PrivateKey.from_private_bytes(seed) if seed else None
    people = []
    for attendee_id, meetings in by_person.items():
        person = view.people.get(attendee_id)
        token = None
        if key is not None and attendee_id in versions:
            token = sign_header(
                token_header(event_code=event.code, serial=attendee_id, version=versions[attendee_id]), key
            )
        people.append(
            PersonSheet(
                attendee_id=attendee_id,
                name=person.name if person else f"attendee #{attendee_id}",
                degree=person.degree if person else "",
                field_of_work=person.field_of_work if person else "",
                meetings=tuple(sorted(meetings, key=lambda m: m.slot)),
                qr_token=token,
                language=languages.get(attendee_id, ""),
            )
        )
    people.sort(key=lambda p: (p.name.casefold(), p.attendee_id))
    return people


def export_attendee_schedules(
    *,
    doc: EventDocument,
    output: str | os.PathLike[str],
    attendee_ids: Sequence[int] | None = None,
    progress: Progress = NO_PROGRESS,
) -> ExportResult:
    """One page per person with meetings (optionally only some people); marks them printed."""
    event = _event(doc)
    view = _view(doc)
    people = _people(doc, view, event, with_qr=True)
    if attendee_ids is not None:
        wanted = set(attendee_ids)
        people = [p for p in people if p.attendee_id in wanted]
    target = Path(output)
    with atomic_output(target, error=ScheduleExportError) as part:
        pages = write_attendee_schedules(str(part), _sheet(view, event), people, progress=progress)
        progress.check()
        with doc.session() as session:
            session.execute(
                update(MeetingRow)
                .where(MeetingRow.attendee_id.in_([p.attendee_id for p in people]))
                .values(printed_at=utc_now())
            )
            record_export(
                session, kind=ExportKind.SCHEDULES, path=target, attendee_ids=[p.attendee_id for p in people]
            )
    return ExportResult(target, pages, len(people), missing_qr=event.signing_key is None)


def export_company_schedules(
    *, doc: EventDocument, output: str | os.PathLike[str], progress: Progress = NO_PROGRESS
) -> ExportResult:
    """Every company with tables: a list per table with tick boxes and note lines.

    Each company gets what `domain.sharing.shown_to` lets it see of the people it meets:
    their name and profile (and never an e-mail or phone, which a printed list has no use for).
    """
    event = _event(doc)
    view = _view(doc)
    with doc.session() as session:
        consenting = set(
            session.execute(select(Attendee.id).where(Attendee.consent_share.is_(True))).scalars()  # type: ignore[attr-defined]
        )
    meetings: dict[int, list[CompanyMeeting]] = {}
    for m in view.meetings:
        shown = shown_to(Recipient.COMPANY, consent_share=m.attendee_id in consenting, meets_company=True)
        person = view.people.get(m.attendee_id) if shown.profile else None
        meetings.setdefault(m.company_id, []).append(
            CompanyMeeting(
                m.slot,
                m.table,
                m.attendee if shown.profile else "",
                person.degree if person else "",
                person.field_of_work if person else "",
                tuple(tag_label(normalise_tag(t)) for t in person.interests) if person else (),
            )
        )
    companies = [
        CompanySheet(c.id, c.name, c.booth, c.tables, tuple(meetings.get(c.id, ())))
        for c in sorted(view.companies.values(), key=lambda c: (c.name.casefold(), c.id))
        if c.tables > 0
    ]
    target = Path(output)
    with atomic_output(target, error=ScheduleExportError) as part:
        pages = write_company_schedules(str(part), _sheet(view, event), companies, progress=progress)
    audit_export(
        doc=doc, kind=ExportKind.SCHEDULES, path=target, attendee_ids=[m.attendee_id for m in view.meetings]
    )
    return ExportResult(target, pages, len(companies))


def export_master_grid(
    *, doc: EventDocument, output: str | os.PathLike[str], progress: Progress = NO_PROGRESS
) -> ExportResult:
    event = _event(doc)
    view = _view(doc)
    columns = [GridColumn(t.company_id, t.company, t.booth, t.table) for t in view.tables]
    cells = {(m.slot, m.company_id, m.table): (m.attendee_id, m.attendee) for m in view.meetings}
    target = Path(output)
    with atomic_output(target, error=ScheduleExportError) as part:
        pages = write_master_grid(str(part), _sheet(view, event), columns, cells, progress=progress)
    audit_export(
        doc=doc, kind=ExportKind.SCHEDULES, path=target, attendee_ids=[m.attendee_id for m in view.meetings]
    )
    return ExportResult(target, pages, len(columns))


def export_schedule_pdf(
    *, doc: EventDocument, per: PerWhat, output: str | os.PathLike[str], progress: Progress = NO_PROGRESS
) -> ExportResult:
    writers = {
        PerWhat.ATTENDEE: export_attendee_schedules,
        PerWhat.COMPANY: export_company_schedules,
        PerWhat.GRID: export_master_grid,
    }
    return writers[PerWhat(per)](doc=doc, output=output, progress=progress)


def export_calendars(
    *, doc: EventDocument, folder: str | os.PathLike[str], progress: Progress = NO_PROGRESS
) -> list[Path]:
    """An .ics file per attendee with meetings, in `folder` (created if missing)."""
    event = _event(doc)
    view = _view(doc)
    target = Path(folder).expanduser()
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScheduleExportError(f"The folder {target} cannot be created: {exc.strerror}.") from exc
    people = _people(doc, view, event, with_qr=False)
    stamp = (view.edited_at or view.generated_at or utc_now()).astimezone(UTC)
    return write_calendars(
        target, _sheet(view, event), people, event_code=event.code, stamp=stamp, progress=progress
    )


def export_meetings_csv(
    *, doc: EventDocument, output: str | os.PathLike[str], progress: Progress = NO_PROGRESS
) -> ExportResult:
    """Every meeting, one row each (CSV, or XLSX by the suffix)."""
    view = _view(doc)
    slots = {s.index: s for s in view.slots}
    lines = [
        MeetingLine(
            attendee_id=m.attendee_id,
            attendee_email=view.people[m.attendee_id].email if m.attendee_id in view.people else "",
            attendee_name=m.attendee,
            company_id=m.company_id,
            company=m.company,
            start=slots[m.slot].start,
            end=slots[m.slot].end,
            table=m.table,
            score=m.score,
        )
        for m in sorted(view.meetings, key=lambda m: (m.slot, m.company.casefold(), m.table))
    ]
    path = write_meetings_csv(Path(output), lines, progress=progress)
    audit_export(doc=doc, kind=ExportKind.MEETINGS, path=path, attendee_ids=[m.attendee_id for m in lines])
    return ExportResult(path, pages=0, items=len(lines))
