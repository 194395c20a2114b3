"""A person's edit history: every field changed at a desk or on the hub, and which value won.

When two desks edit one person offline, the later edit wins field by field and the other value
is kept (`attendee_edit`, filled by the hub and pulled by every desk). This is where it is read
back, so the attendee dialog and `eventdesk people history` show the same lines: the field,
old → new, which desk, when (in the event's time zone, written as the window's language writes
dates), and whether that value is the one the person has now or was outvoted by a later edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.event import to_local
from eventdesk.i18n import C_, _, pgettext
from eventdesk.i18n.formats import format_datetime
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.sync_tables import AttendeeEdit
from eventdesk.persistence.tables import Attendee, Company, Event

_FIELD_LABELS = {
    "given_name": C_("attendee field", "Given name"),
    "family_name": C_("attendee field", "Family name"),
    "email": C_("attendee field", "E-mail"),
    "phone": C_("attendee field", "Phone"),
    "organisation": C_("attendee field", "Organisation"),
    "job_title": C_("attendee field", "Job title"),
    "degree": C_("attendee field", "Degree"),
    "field_of_work": C_("attendee field", "Field of work"),
    "interests": C_("attendee field", "Interests"),
    "ticket_type": C_("attendee field", "Ticket type"),
    "status": C_("attendee field", "Status"),
    "consent_share": C_("attendee field", "Consent to share"),
    "company_id": C_("attendee field", "Exhibitor company"),
    "badge_version": C_("attendee field", "Badge version"),
    "language": C_("attendee field", "Language"),
}
_STATUS_LABELS = {
    AttendeeStatus.REGISTERED.value: C_("attendee status", "Registered"),
    AttendeeStatus.CANCELLED.value: C_("attendee status", "Cancelled"),
}


@dataclass(frozen=True)
class HistoryEntry:
    """One changed field, ready to show: every text is in the current language."""

    field: str
    label: str
    previous: str
    value: str
    desk: str
    edited_at: datetime  # in the event's time zone
    when: str
    applied: bool

    @property
    def outcome(self) -> str:
        return _("kept") if self.applied else _("outvoted by a later edit")

    def as_dict(self) -> dict[str, object]:
        return {
            "field": self.field,
            "label": self.label,
            "previous": self.previous,
            "value": self.value,
            "desk": self.desk,
            "edited_at": self.edited_at.isoformat(timespec="seconds"),
            "applied": self.applied,
        }


def field_label(field: str) -> str:
    found = _FIELD_LABELS.get(field)
    return pgettext("attendee field", found) if found else field


def person_history(*, doc: EventDocument, attendee_id: int) -> list[HistoryEntry]:
    """The person's recorded edits, newest first; an unknown id is one sentence."""
    with doc.session() as session:
        if session.get(Attendee, attendee_id) is None:
            raise ValidationError(_("There is no attendee {id}.", id=attendee_id))
        timezone = session.execute(select(Event.timezone)).scalar_one()
        edits = session.execute(
            select(AttendeeEdit)
            .where(AttendeeEdit.attendee_id == attendee_id)
            .order_by(AttendeeEdit.edited_at.desc(), AttendeeEdit.recorded_at.desc())  # type: ignore[attr-defined]
        ).scalars()
        rows = [(e.field, e.previous, e.value, e.desk, e.edited_at, e.applied) for e in edits]
        company_ids = {
            int(v) for f, p, n, *_rest in rows if f == "company_id" for v in (p, n) if v is not None
        }
        companies = (
            dict(session.execute(select(Company.id, Company.name).where(Company.id.in_(company_ids))).all())  # type: ignore[union-attr]
            if company_ids
            else {}
        )
    return [
        HistoryEntry(
            field=field,
            label=field_label(field),
            previous=_shown(field, previous, companies),
            value=_shown(field, value, companies),
            desk=desk or _("the organiser (on the hub)"),
            edited_at=(local := to_local(edited_at, timezone)),
            when=format_datetime(local),
            applied=applied,
        )
        for field, previous, value, desk, edited_at, applied in rows
    ]


def _shown(field: str, value: object, companies: dict[int, str]) -> str:
    """A stored value as a person reads it: names for ids and codes, yes/no, lists joined."""
    if value is None or value == "" or value == []:
        return "—"
    if field == "consent_share":
        return _("yes") if value else _("no")
    if field == "interests" and isinstance(value, Sequence) and not isinstance(value, str):
        return ", ".join(str(v) for v in value)
    if field == "company_id":
        return companies.get(int(str(value)), _("company {id} (deleted)", id=value))
    if field == "ticket_type" and value in {t.value for t in TicketType}:
        return TicketType(str(value)).label
    if field == "status" and value in _STATUS_LABELS:
        return pgettext("attendee status", _STATUS_LABELS[str(value)])
    return str(value)
