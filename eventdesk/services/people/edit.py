"""Adding, editing, cancelling, re-typing and deleting attendees and companies.

Every function here is one undoable operation: it validates (the same rules as imports,
from `domain.people`), writes in one transaction, records its undo step, tells the people
search what changed and returns a `Changes` record for the screens. Bulk actions take any
number of ids and are one step: "Cancel 40 attendees" is undone with one Ctrl+Z.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.contact import region_for_timezone
from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.event import utc_now
from eventdesk.domain.people import (
    AttendeeDraft,
    CompanyDraft,
    InvalidField,
    attendee_search_text,
    company_key,
)
from eventdesk.domain.text import email_key
from eventdesk.i18n import _, ngettext
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Company, Event, ExternalCode, Scan
from eventdesk.services.door.attendance import checked_in_ids
from eventdesk.services.privacy.consent import describe_consent_origin
from eventdesk.services.search import attendees_changed
from eventdesk.services.undo import StepRecorder, delete_recorded, history

_ATTENDEE_FIELDS = tuple(AttendeeDraft.__dataclass_fields__)
_COMPANY_FIELDS = tuple(CompanyDraft.__dataclass_fields__)


@dataclass(frozen=True)
class Saved:
    """A new row's id, and what changed (for the screens)."""

    id: int
    changes: Changes


@dataclass(frozen=True)
class AttendeeDetails:
    """Everything the edit dialog shows about one person."""

    id: int
    draft: AttendeeDraft
    codes: tuple[tuple[str, str], ...]
    checked_in: bool
    badge_version: int
    company_name: str
    created_at: datetime
    updated_at: datetime
    consent_origin: str = ""  # in words: "imported from column … of registrations.csv"
    consent_at: datetime | None = None


@dataclass(frozen=True)
class CompanyDetails:
    id: int
    draft: CompanyDraft
    staff: tuple[tuple[int, str], ...]
    created_at: datetime
    updated_at: datetime


def _region(session: Session) -> str:
    return region_for_timezone(session.execute(select(Event.timezone)).scalar_one())


def _attendee_values(attendee: Attendee) -> dict[str, Any]:
    values = {
        name: getattr(attendee, name)
        for name in (*_ATTENDEE_FIELDS, "email_key", "search_text", "updated_at")
    }
    values["interests"] = list(values["interests"] or [])
    return values


def _codes_of(session: Session, attendee_id: int) -> list[tuple[str, str]]:
    rows = session.execute(
        select(ExternalCode.platform, ExternalCode.code)
        .where(ExternalCode.attendee_id == attendee_id)
        .order_by(ExternalCode.platform, ExternalCode.code)
    )
    return [(p, c) for p, c in rows]


def _search_text(draft: AttendeeDraft, codes: Iterable[tuple[str, str]]) -> str:
    return attendee_search_text(
        given_name=draft.given_name,
        family_name=draft.family_name,
        email=draft.email,
        organisation=draft.organisation,
        codes=[code for _, code in sorted(codes)],
    )


def _check_attendee(session: Session, draft: AttendeeDraft, *, attendee_id: int | None) -> AttendeeDraft:
    clean = draft.validated(region=_region(session))
    key = email_key(clean.email)
    if key:
        query = select(Attendee.id, Attendee.given_name, Attendee.family_name).where(
            Attendee.email_key == key
        )
        if attendee_id is not None:
            current = session.get(Attendee, attendee_id)
            if current is not None and current.email_key == key:
                key = None  # unchanged e-mail: a buyer's address shared by a group is fine
            query = query.where(Attendee.id != attendee_id)
        other = session.execute(query).first() if key else None
        if other is not None:
            name = " ".join(p for p in (other.given_name, other.family_name) if p)
            raise InvalidField(
                f"{clean.email} is already the e-mail of {name} (attendee {other.id}).", field="email"
            )
    if clean.company_id is not None and session.get(Company, clean.company_id) is None:
        raise InvalidField(f"There is no company {clean.company_id}.", field="company_id")
    return clean


def check_attendee(
    *, doc: EventDocument, draft: AttendeeDraft, attendee_id: int | None = None
) -> AttendeeDraft:
    """The draft as it would be saved, or InvalidField naming the field: an edit dialog asks
    before saving, so the sentence can stand beside the field the person has to fix."""
    with doc.session() as session:
        return _check_attendee(session, draft, attendee_id=attendee_id)


def _finish(
    doc: EventDocument, recorder: StepRecorder, attendee_ids: Iterable[int], changes: Changes
) -> Changes:
    history(doc).push(recorder.step())
    ids = set(attendee_ids)
    if ids:
        attendees_changed(doc, ids)
    return changes


# -- attendees ---------------------------------------------------------------------------------


def get_attendee(*, doc: EventDocument, attendee_id: int) -> AttendeeDetails:
    with doc.session() as session:
        attendee = session.get(Attendee, attendee_id)
        if attendee is None:
            raise ValidationError(_("There is no attendee {id}.", id=attendee_id))
        draft = AttendeeDraft(**{name: getattr(attendee, name) for name in _ATTENDEE_FIELDS})
        company = session.get(Company, attendee.company_id) if attendee.company_id else None
        return AttendeeDetails(
            id=attendee_id,
            draft=AttendeeDraft(**{**asdict(draft), "interests": tuple(draft.interests)}),
            codes=tuple(_codes_of(session, attendee_id)),
            checked_in=attendee_id in checked_in_ids(session=session),
            badge_version=attendee.badge_version,
            company_name=company.name if company else "",
            created_at=attendee.created_at,
            updated_at=attendee.updated_at,
            consent_origin=describe_consent_origin(attendee.consent_origin),
            consent_at=attendee.consent_at,
        )


def add_attendee(*, doc: EventDocument, draft: AttendeeDraft, consent_origin: str = "edit") -> Saved:
    """`consent_origin` says where the consent answer came from: "edit" (the attendee
    dialog) or "walk-in:DESK" (the desk's walk-in registration)."""
    return _insert_attendee(
        doc, draft, label=_("Add attendee"), entities=(Entity.ATTENDEES,), consent_origin=consent_origin
    )


def _insert_attendee(
    doc: EventDocument,
    draft: AttendeeDraft,
    *,
    label: str,
    entities: tuple[Entity, ...],
    consent_origin: str = "edit",
) -> Saved:
    recorder = StepRecorder(label, *entities)
    with doc.session() as session:
        clean = _check_attendee(session, draft, attendee_id=None)
        now = utc_now()
        attendee = Attendee(
            **{**asdict(clean), "interests": list(clean.interests)},
            email_key=email_key(clean.email),
            search_text=_search_text(clean, ()),
            consent_origin=consent_origin,
            consent_at=now,
            created_at=now,
            updated_at=now,
        )
        session.add(attendee)
        session.flush()
        assert attendee.id is not None
        new_id = attendee.id
        recorder.created(Attendee, [new_id])
    name = " ".join(p for p in (clean.given_name, clean.family_name) if p) or clean.email or ""
    changes = Changes.of(*entities, summary=_("Added {name}", name=name))
    return Saved(new_id, _finish(doc, recorder, [new_id], changes))


def edit_attendee(*, doc: EventDocument, attendee_id: int, draft: AttendeeDraft) -> Changes:
    """Save the edit dialog; nothing is written (and no undo step made) if nothing changed."""
    recorder = StepRecorder(_("Edit attendee"), Entity.ATTENDEES)
    with doc.session() as session:
        attendee = session.get(Attendee, attendee_id)
        if attendee is None:
            raise ValidationError(_("There is no attendee {id}.", id=attendee_id))
        clean = _check_attendee(session, draft, attendee_id=attendee_id)
        before = _attendee_values(attendee)
        after = {**asdict(clean), "interests": list(clean.interests)}
        after["email_key"] = email_key(clean.email)
        after["search_text"] = _search_text(clean, _codes_of(session, attendee_id))
        if all(before[k] == v for k, v in after.items()):
            return Changes()
        after["updated_at"] = utc_now()
        if after["consent_share"] != before["consent_share"]:
            before = {**before, "consent_origin": attendee.consent_origin, "consent_at": attendee.consent_at}
            after["consent_origin"], after["consent_at"] = "edit", after["updated_at"]
        for name, value in after.items():
            setattr(attendee, name, value)
        recorder.updated(Attendee, attendee_id, before, after)
    name = " ".join(p for p in (clean.given_name, clean.family_name) if p) or clean.email or ""
    return _finish(
        doc, recorder, [attendee_id], Changes.of(Entity.ATTENDEES, summary=_("Edited {name}", name=name))
    )


def set_codes(*, doc: EventDocument, attendee_id: int, codes: Sequence[tuple[str, str]]) -> Changes:
    """Replace a person's platform ticket codes (the door accepts each of them)."""
    wanted = list(dict.fromkeys((p.strip(), c.strip()) for p, c in codes if p.strip() and c.strip()))
    recorder = StepRecorder(_("Edit ticket codes"), Entity.ATTENDEES)
    with doc.session() as session:
        attendee = session.get(Attendee, attendee_id)
        if attendee is None:
            raise ValidationError(_("There is no attendee {id}.", id=attendee_id))
        for platform, code in wanted:
            owner = session.execute(
                select(ExternalCode.attendee_id).where(
                    ExternalCode.platform == platform, ExternalCode.code == code
                )
            ).scalar_one_or_none()
            if owner is not None and owner != attendee_id:
                raise ValidationError(
                    _(
                        "The {platform} code {code} already belongs to attendee {owner}.",
                        platform=platform,
                        code=code,
                        owner=owner,
                    )
                )
        current = {
            (row.platform, row.code): row.id
            for row in session.execute(
                select(ExternalCode).where(ExternalCode.attendee_id == attendee_id)
            ).scalars()
        }
        gone = [key for code, key in current.items() if code not in wanted]
        if not gone and all(code in current for code in wanted):
            return Changes()
        delete_recorded(session, recorder, ExternalCode, gone)
        added = [
            ExternalCode(attendee_id=attendee_id, platform=p, code=c)
            for p, c in wanted
            if (p, c) not in current
        ]
        session.add_all(added)
        session.flush()
        recorder.created(ExternalCode, [code.id for code in added])
        before = _attendee_values(attendee)
        draft = AttendeeDraft(**{name: getattr(attendee, name) for name in _ATTENDEE_FIELDS})
        attendee.search_text = _search_text(draft, wanted)
        attendee.updated_at = utc_now()
        recorder.updated(Attendee, attendee_id, before, _attendee_values(attendee))
    return _finish(
        doc, recorder, [attendee_id], Changes.of(Entity.ATTENDEES, summary=_("Edited ticket codes"))
    )


def _bulk_set(
    doc: EventDocument,
    ids: Sequence[int],
    label: str,
    values: dict[str, Any],
    summary: Callable[[int], str] | None = None,
) -> Changes:
    recorder = StepRecorder(label, Entity.ATTENDEES)
    changed: list[int] = []
    with doc.session() as session:
        now = utc_now()
        for chunk in _chunks(list(dict.fromkeys(ids))):
            for attendee in session.execute(select(Attendee).where(Attendee.id.in_(chunk))).scalars():
                before = _attendee_values(attendee)
                if all(before[k] == v for k, v in values.items()):
                    continue
                for name, value in values.items():
                    setattr(attendee, name, value)
                attendee.updated_at = now
                recorder.updated(Attendee, attendee.id, before, {**values, "updated_at": now})
                changed.append(attendee.id)  # type: ignore[arg-type]
    if not changed:
        return Changes()
    said = (
        summary(len(changed))
        if summary is not None
        else _("{label}: {count}", label=label, count=len(changed))
    )
    return _finish(doc, recorder, changed, Changes.of(Entity.ATTENDEES, summary=said))


def _chunks(items: list[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def set_status(*, doc: EventDocument, attendee_ids: Sequence[int], status: str) -> Changes:
    if status not in {s.value for s in AttendeeStatus}:
        raise ValidationError(_("“{value}” is not an attendee status.", value=status))
    cancel = status == AttendeeStatus.CANCELLED.value

    def summary(n: int) -> str:
        if cancel:
            return ngettext("Cancelled the ticket of {n} person", "Cancelled the tickets of {n} people", n)
        return ngettext("Restored the ticket of {n} person", "Restored the tickets of {n} people", n)

    label = _("Cancel attendees") if cancel else _("Restore attendees")
    return _bulk_set(doc, attendee_ids, label, {"status": status}, summary)


def cancel_attendees(*, doc: EventDocument, attendee_ids: Sequence[int]) -> Changes:
    """Cancelled people stay in the event, so the door can tell them why it says no."""
    return set_status(doc=doc, attendee_ids=attendee_ids, status=AttendeeStatus.CANCELLED.value)


def set_ticket_type(*, doc: EventDocument, attendee_ids: Sequence[int], ticket_type: str) -> Changes:
    if ticket_type not in {t.value for t in TicketType}:
        raise ValidationError(_("“{value}” is not a ticket type.", value=ticket_type))
    label = _("Change ticket type to {kind}", kind=TicketType(ticket_type).label)
    kind = TicketType(ticket_type).label

    def summary(n: int) -> str:
        return ngettext(
            "Changed the ticket type of {n} person to {kind}",
            "Changed the ticket type of {n} people to {kind}",
            n,
            kind=kind,
        )

    return _bulk_set(doc, attendee_ids, label, {"ticket_type": ticket_type}, summary)


def delete_attendees(*, doc: EventDocument, attendee_ids: Sequence[int]) -> Changes:
    """Delete people with their codes, badge prints, wishes and meetings; scans and leads keep
    their rows but lose the link. All of it comes back with undo."""
    ids = list(dict.fromkeys(attendee_ids))
    recorder = StepRecorder(
        ngettext("Delete {n} attendee", "Delete {n} attendees", len(ids)), Entity.ATTENDEES
    )
    with doc.session() as session:
        found = (
            set(session.execute(select(Attendee.id).where(Attendee.id.in_(ids))).scalars()) if ids else set()
        )
        missing = [i for i in ids if i not in found]
        if missing:
            raise ValidationError(_("There is no attendee {id}.", id=missing[0]))
        _clear_scan_texts(session, recorder, ids)
        delete_recorded(session, recorder, Attendee, ids)
    entities = _touched_entities(recorder, Entity.ATTENDEES)
    changes = Changes(entities, ngettext("Deleted {n} attendee", "Deleted {n} attendees", len(ids)))
    return _finish(doc, recorder, ids, changes)


def _clear_scan_texts(session: Session, recorder: StepRecorder, ids: list[int]) -> None:
    """A deleted person's scans keep their verdict and time (the counts) but not the text
    that names them (their badge token, "#ID (name search)"); undo puts the text back."""
    for chunk in _chunks(ids):
        rows = session.execute(
            select(Scan.id, Scan.scanned_text).where(Scan.attendee_id.in_(chunk), Scan.scanned_text != "")
        ).all()
        for scan_id, text in rows:
            recorder.updated(Scan, scan_id, {"scanned_text": text}, {"scanned_text": ""})
        session.execute(update(Scan).where(Scan.attendee_id.in_(chunk)).values(scanned_text=""))


_TABLE_ENTITIES = {
    "attendee": Entity.ATTENDEES,
    "company": Entity.COMPANIES,
    "scan": Entity.SCANS,
    "badge_print": Entity.BADGES,
    "meeting": Entity.MEETINGS,
    "wish": Entity.MEETINGS,
    "availability": Entity.MEETINGS,
    "lead": Entity.LEADS,
}


def _touched_entities(recorder: StepRecorder, *base: Entity) -> frozenset[Entity]:
    """What a delete touched, cascades included, so every affected screen refreshes."""
    step = recorder.step()
    entities = set(base)
    if step is not None:
        names = (*step.deleted, *step.updated)
        entities |= {_TABLE_ENTITIES[n] for n in names if n in _TABLE_ENTITIES}
        step.entities = frozenset(entities)
    return frozenset(entities)


# -- companies ---------------------------------------------------------------------------------


def _check_company(session: Session, draft: CompanyDraft, *, company_id: int | None) -> CompanyDraft:
    clean = draft.validated(region=_region(session))
    key = company_key(clean.name)
    for other_id, other_name in session.execute(select(Company.id, Company.name)):
        if other_id != company_id and company_key(other_name) == key:
            raise InvalidField(f"There is already a company called {other_name}.", field="name")
    return clean


def check_company(*, doc: EventDocument, draft: CompanyDraft, company_id: int | None = None) -> CompanyDraft:
    """The draft as it would be saved, or InvalidField naming the field (see check_attendee)."""
    with doc.session() as session:
        return _check_company(session, draft, company_id=company_id)


def get_company(*, doc: EventDocument, company_id: int) -> CompanyDetails:
    with doc.session() as session:
        company = session.get(Company, company_id)
        if company is None:
            raise ValidationError(_("There is no company {id}.", id=company_id))
        values = {name: getattr(company, name) for name in _COMPANY_FIELDS}
        values["hiring_tags"] = tuple(values["hiring_tags"] or ())
        staff = session.execute(
            select(Attendee.id, Attendee.given_name, Attendee.family_name)
            .where(Attendee.company_id == company_id)
            .order_by(Attendee.family_name, Attendee.given_name)
        )
        return CompanyDetails(
            id=company_id,
            draft=CompanyDraft(**values),
            staff=tuple((i, " ".join(p for p in (g, f) if p)) for i, g, f in staff),
            created_at=company.created_at,
            updated_at=company.updated_at,
        )


def add_company(*, doc: EventDocument, draft: CompanyDraft) -> Saved:
    recorder = StepRecorder(_("Add company"), Entity.COMPANIES)
    with doc.session() as session:
        clean = _check_company(session, draft, company_id=None)
        now = utc_now()
        company = Company(
            **{**asdict(clean), "hiring_tags": list(clean.hiring_tags)}, created_at=now, updated_at=now
        )
        session.add(company)
        session.flush()
        assert company.id is not None
        new_id = company.id
        recorder.created(Company, [new_id])
    changes = Changes.of(Entity.COMPANIES, summary=_("Added {name}", name=clean.name))
    return Saved(new_id, _finish(doc, recorder, [], changes))


def edit_company(*, doc: EventDocument, company_id: int, draft: CompanyDraft) -> Changes:
    recorder = StepRecorder(_("Edit company"), Entity.COMPANIES)
    with doc.session() as session:
        company = session.get(Company, company_id)
        if company is None:
            raise ValidationError(_("There is no company {id}.", id=company_id))
        clean = _check_company(session, draft, company_id=company_id)
        before = {name: getattr(company, name) for name in (*_COMPANY_FIELDS, "updated_at")}
        before["hiring_tags"] = list(before["hiring_tags"] or [])
        after = {**asdict(clean), "hiring_tags": list(clean.hiring_tags)}
        if all(before[k] == v for k, v in after.items()):
            return Changes()
        after["updated_at"] = utc_now()
        for name, value in after.items():
            setattr(company, name, value)
        recorder.updated(Company, company_id, before, after)
    return _finish(
        doc, recorder, [], Changes.of(Entity.COMPANIES, summary=_("Edited {name}", name=clean.name))
    )


def delete_companies(*, doc: EventDocument, company_ids: Sequence[int]) -> Changes:
    """Delete companies; their staff stay as attendees without a company. Undoable."""
    ids = list(dict.fromkeys(company_ids))
    label = ngettext("Delete {n} company", "Delete {n} companies", len(ids))
    recorder = StepRecorder(label, Entity.COMPANIES)
    with doc.session() as session:
        found = (
            set(session.execute(select(Company.id).where(Company.id.in_(ids))).scalars()) if ids else set()
        )
        missing = [i for i in ids if i not in found]
        if missing:
            raise ValidationError(_("There is no company {id}.", id=missing[0]))
        query = select(Attendee.id).where(Attendee.company_id.in_(ids))
        staff = list(session.execute(query).scalars()) if ids else []
        delete_recorded(session, recorder, Company, ids)
    entities = _touched_entities(recorder, Entity.COMPANIES)
    return _finish(doc, recorder, staff, Changes(entities, label.replace("Delete", "Deleted")))


def add_staff(*, doc: EventDocument, company_id: int, draft: AttendeeDraft) -> Saved:
    """A new exhibitor staff member of a company (ticket type exhibitor, linked to it)."""
    with doc.session() as session:
        company = session.get(Company, company_id)
        if company is None:
            raise ValidationError(_("There is no company {id}.", id=company_id))
        organisation = draft.organisation or company.name
    staff = AttendeeDraft(
        **{
            **asdict(draft),
            "interests": tuple(draft.interests),
            "ticket_type": TicketType.EXHIBITOR.value,
            "company_id": company_id,
            "organisation": organisation,
        }
    )
    return _insert_attendee(
        doc,
        staff,
        label=_("Add staff to {company}", company=company.name),
        entities=(Entity.ATTENDEES, Entity.COMPANIES),
    )
