"""Everything the event holds about one person (GDPR Art. 15), as JSON and a readable PDF.

One mapping feeds both files, so they agree. Consent shows where it came from (which
import file and column, the walk-in dialog at which desk, an edit by hand). The export is
itself an export of personal data and is audited like any other.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from eventdesk.domain.errors import ValidationError
from eventdesk.domain.event import to_local, utc_now
from eventdesk.exports.atomic import atomic_output
from eventdesk.exports.person_data_pdf import write_person_data_pdf
from eventdesk.i18n import N_
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import (
    Attendee,
    BadgePrint,
    Company,
    Event,
    ExternalCode,
    Lead,
    Meeting,
    Scan,
)
from eventdesk.services.export_audit import ExportKind, copies_holding, record_export
from eventdesk.services.privacy.consent import describe_consent_origin

# English in the JSON; the PDF shows it in the person's language (`gettext(EXPLANATION)`).
EXPLANATION = N_(
    "It lists everything this event's file holds about you: your profile, your consent and "
    "where it came from, the scans of your badge, your meetings, what exhibitors noted about "
    "you, and the badges printed for you."
)


def _iso(moment: Any, tz: str) -> str | None:
    return to_local(moment, tz).isoformat(timespec="seconds") if moment is not None else None


def person_data(*, doc: EventDocument, attendee_id: int) -> dict[str, Any]:
    with doc.session() as session:
        event = session.execute(select(Event)).scalar_one()
        tz = event.timezone
        person = session.get(Attendee, attendee_id)
        if person is None:
            raise ValidationError(f"There is no attendee {attendee_id} in this event.")
        companies = dict(session.execute(select(Company.id, Company.name)).all())
        codes = session.execute(
            select(ExternalCode.platform, ExternalCode.code).where(ExternalCode.attendee_id == attendee_id)
        ).all()
        scans = session.execute(
            select(Scan).where(Scan.attendee_id == attendee_id).order_by(Scan.device_time)
        ).scalars()
        meetings = session.execute(
            select(Meeting).where(Meeting.attendee_id == attendee_id).order_by(Meeting.starts_at)
        ).scalars()
        leads = session.execute(select(Lead).where(Lead.attendee_id == attendee_id)).scalars()
        prints = session.execute(
            select(BadgePrint).where(BadgePrint.attendee_id == attendee_id).order_by(BadgePrint.printed_at)
        ).scalars()
        copies = copies_holding(session, attendee_id)
        return {
            "about": {
                "event": event.name,
                "attendee_id": attendee_id,
                "made_at": to_local(utc_now(), tz).isoformat(timespec="seconds"),
                # The PDF's dates are written as this language writes them (the JSON keeps ISO).
                "language": person.language or event.language,
                "explanation": EXPLANATION,
            },
            "profile": {
                "given_name": person.given_name,
                "family_name": person.family_name,
                "email": person.email,
                "phone": person.phone,
                "organisation": person.organisation,
                "job_title": person.job_title,
                "degree": person.degree,
                "field_of_work": person.field_of_work,
                "interests": list(person.interests),
                "ticket_type": person.ticket_type,
                "status": person.status,
                "company": companies.get(person.company_id) if person.company_id else None,
                "ticket_codes": [f"{platform}: {code}" for platform, code in codes],
                "registered_at": _iso(person.created_at, tz),
                "last_changed_at": _iso(person.updated_at, tz),
            },
            "consent": {
                "share_with_exhibitors": person.consent_share,
                "origin": describe_consent_origin(person.consent_origin),
                "recorded_at": _iso(person.consent_at, tz),
            },
            "scans": [
                {"when": _iso(s.device_time, tz), "desk": s.desk, "verdict": s.verdict, "reason": s.reason}
                for s in scans
            ],
            "meetings": [
                {
                    "when": _iso(m.starts_at, tz),
                    "company": companies.get(m.company_id, ""),
                    "table": m.table_number,
                    "status": m.status,
                    "note": m.note,
                }
                for m in meetings
            ],
            "leads": [
                {
                    "company": companies.get(lead.company_id, ""),
                    "captured_at": _iso(lead.captured_at, tz),
                    "rating": lead.rating,
                    "notes": lead.notes,
                    "tags": list(lead.tags),
                }
                for lead in leads
            ],
            "badge_prints": [
                {"version": b.version, "printed_at": _iso(b.printed_at, tz), "layout": b.layout}
                for b in prints
            ],
            "exports": [
                {
                    "what": c.kind,
                    "when": c.made_local.isoformat(timespec="seconds"),
                    "for": c.company,
                    "file": Path(c.file_name).name,
                }
                for c in copies
            ],
        }


@dataclass(frozen=True)
class PersonExported:
    pdf: Path
    json: Path


def export_person_data(
    *, doc: EventDocument, attendee_id: int, output: str | os.PathLike[str]
) -> PersonExported:
    """OUTPUT.pdf and OUTPUT.json side by side (whichever suffix `output` has)."""
    base = Path(output).expanduser()
    if base.suffix.lower() in (".pdf", ".json"):
        base = base.with_suffix("")
    pdf_path, json_path = base.with_name(base.name + ".pdf"), base.with_name(base.name + ".json")
    data = person_data(doc=doc, attendee_id=attendee_id)
    with atomic_output(json_path) as part:
        part.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    with atomic_output(pdf_path) as part:
        write_person_data_pdf(path=part, data=data)
    for made in (pdf_path, json_path):
        if os.name == "posix":
            made.chmod(0o600)
    with doc.session() as session:
        record_export(session, kind=ExportKind.PERSON, path=pdf_path, attendee_ids=[attendee_id])
    return PersonExported(pdf_path, json_path)
