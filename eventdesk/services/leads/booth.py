"""Exhibitor leads: the people a company met at its booth or in a meeting, rated and annotated.

What a lead shows is the rule of `domain.sharing.shown_to`: e-mail and phone only for a
person who agreed to share their contact details with exhibitors; name and profile also for
the company's meeting partners; anyone else still counts as a visit, but no view, message
or export of the lead names them. In the organiser's own event their lead keeps the
attendee id internally (so a second scan finds the same lead and the organiser's figures
stay right); in an exhibitor kit there is nothing about them at all, so a scan of their
badge — genuine, but of nobody in the kit — records only that a visit happened, and when.

Badges are read by the same `CodeReader` as the check-in desk (layout repair, signature,
platform codes), with only the event's public key. An older badge version still identifies
its holder: the door decides who may enter; a booth only records who stopped by.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.enums import AttendeeStatus, ScanVerdict
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.event import to_local, utc_now
from eventdesk.domain.matchmaking.model import MeetingStatus
from eventdesk.domain.sharing import Recipient, shown_to
from eventdesk.i18n import N_, _, gettext, ngettext
from eventdesk.i18n.values import Count
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Company, Event, KitInfo, Lead, Meeting
from eventdesk.services.door.code_reader import CodeReader
from eventdesk.services.undo import StepRecorder, history

RATING_WORDS = ("hot", "warm", "cold")
RATING_SCORES = ("5", "4", "3", "2", "1")
RATINGS = RATING_WORDS + RATING_SCORES
MAX_NOTE_CHARS = 4000
MAX_TAG_CHARS = 40
NOT_SHARED = N_("Visitor (details not shared)")


def _visit_sentence(local: datetime) -> str:
    return _(
        "Visit recorded at {time}: this visitor did not agree to share their details with exhibitors.",
        time=local.time(),
    )


class LeadSource(StrEnum):
    SCAN = "scan"
    MEETING = "meeting"


class ScanOutcome(StrEnum):
    """What a booth scan did; the Leads screen shows each differently."""

    NEW = "new"  # a new lead with the person's details
    AGAIN = "again"  # this person is already a lead: it was reopened, nothing duplicated
    VISIT = "visit"  # a new visit of someone who did not agree to share their details
    REFUSED = "refused"  # not a badge of a visitor of this event: nothing was recorded


def parse_rating(text: str) -> str:
    """ "" (no rating), hot/warm/cold, or a score from 1 to 5, as typed by a person."""
    cleaned = text.strip().lower()
    if cleaned in ("", "-", "none"):
        return ""
    if cleaned.endswith("/5"):
        cleaned = cleaned[:-2].strip()
    if cleaned in RATINGS:
        return cleaned
    raise ValidationError(
        _("“{text}” is not a rating: use hot, warm or cold, or a score from 1 to 5.", text=text.strip())
    )


def rating_label(rating: str) -> str:
    if rating in RATING_SCORES:
        return f"{rating}/5"
    return rating.capitalize()


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, without empties or case-insensitive repeats, in the order first given."""
    seen: set[str] = set()
    kept: list[str] = []
    for tag in tags:
        tag = " ".join(tag.split())[:MAX_TAG_CHARS]
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            kept.append(tag)
    return tuple(kept)


def _clean_notes(notes: str) -> str:
    notes = notes.strip()
    if len(notes) > MAX_NOTE_CHARS:
        raise ValidationError(
            _(
                "Notes are limited to {limit} characters (these have {count}).",
                limit=Count(MAX_NOTE_CHARS),
                count=Count(len(notes)),
            )
        )
    return notes


@dataclass(frozen=True)
class LeadView:
    """A lead as the Leads screen and the exports may show it: contact fields are empty
    unless the person agreed to share them (`shared`). Times are in the event's time zone."""

    id: str
    company_id: int
    source: str
    staff: str
    rating: str
    notes: str
    tags: tuple[str, ...]
    visits: int
    captured_at: datetime
    last_seen_at: datetime
    shared: bool
    name: str = ""
    organisation: str = ""
    job_title: str = ""
    email: str = ""
    phone: str = ""
    degree: str = ""
    field_of_work: str = ""
    interests: tuple[str, ...] = ()
    # For whoever is named: the export audit records whose details left in a lead export.
    attendee_id: int | None = None

    @property
    def label(self) -> str:
        # A meeting partner who did not agree to share contact details is still named: the
        # company met them (domain/sharing.py).
        return self.name if self.name else gettext(NOT_SHARED)

    @property
    def rating_label(self) -> str:
        return rating_label(self.rating)

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["captured_at"] = self.captured_at.isoformat(timespec="seconds")
        data["last_seen_at"] = self.last_seen_at.isoformat(timespec="seconds")
        data["tags"] = list(self.tags)
        data["interests"] = list(self.interests)
        return data


@dataclass(frozen=True)
class BoothScan:
    """The answer to one booth scan. `refusal` says why nothing was recorded."""

    outcome: ScanOutcome
    message: str
    scanned_at: datetime
    lead: LeadView | None = None
    refusal: ScanVerdict | None = None
    matched_as: str = ""
    changes: Changes = field(default_factory=Changes)

    @property
    def recorded(self) -> bool:
        return self.outcome is not ScanOutcome.REFUSED

    def as_dict(self) -> dict[str, object]:
        return {
            "outcome": self.outcome.value,
            "message": self.message,
            "scanned_at": self.scanned_at.isoformat(timespec="seconds"),
            "refusal": self.refusal.value if self.refusal else None,
            "matched_as": self.matched_as,
            "lead": self.lead.as_dict() if self.lead else None,
        }


@dataclass(frozen=True)
class LeadEdit:
    """What to change on a lead; None leaves a field as it is, "" or () clears it."""

    rating: str | None = None
    notes: str | None = None
    tags: Sequence[str] | None = None


@dataclass(frozen=True)
class LeadSaved:
    lead: LeadView
    changes: Changes


@dataclass(frozen=True)
class Booth:
    """Which company a booth works for, and whether the document is an exhibitor kit."""

    company_id: int
    company_name: str
    event_name: str
    timezone: str
    is_kit: bool


def display_name(given: str, family: str) -> str:
    return " ".join(part for part in (given.strip(), family.strip()) if part) or "(no name)"


def _timezone(session: Session) -> str:
    return session.execute(select(Event.timezone)).scalar_one()


def booth_for(*, doc: EventDocument, company_id: int | None) -> Booth:
    """The company a booth scans for. A kit knows its company; the organiser's event needs one."""
    with doc.session() as session:
        return _booth(session, company_id)


def _booth(session: Session, company_id: int | None) -> Booth:
    event = session.execute(select(Event.name, Event.timezone)).one()
    kit = session.execute(select(KitInfo)).scalars().first()
    if kit is not None:
        if company_id is not None and company_id != kit.company_id:
            company = session.get(Company, kit.company_id)
            name = company.name if company else _("company #{id}", id=kit.company_id)
            raise ValidationError(
                _(
                    "This kit is for {name} (#{id}), not for company #{other}.",
                    name=name,
                    id=kit.company_id,
                    other=company_id,
                )
            )
        company_id = kit.company_id
    if company_id is None:
        raise ValidationError(_("Choose the company whose leads these are (its id, as in --company 3)."))
    company = session.get(Company, company_id)
    if company is None:
        raise ValidationError(_("There is no company #{id} in this event.", id=company_id))
    return Booth(company_id, company.name, event.name, event.timezone, kit is not None)


def _meets(session: Session, company_id: int, attendee_id: int | None) -> bool:
    """Whether the person has a meeting with the company in the schedule."""
    if attendee_id is None:
        return False
    found = session.execute(
        select(Meeting.id)
        .where(Meeting.company_id == company_id, Meeting.attendee_id == attendee_id)
        .limit(1)
    ).first()
    return found is not None


def _view(lead: Lead, attendee: Attendee | None, timezone: str, *, meets: bool = False) -> LeadView:
    """The lead as the company may see it: the rule of `domain.sharing.shown_to`."""
    shown = (
        shown_to(
            Recipient.COMPANY,
            consent_share=attendee.consent_share,
            meets_company=meets or lead.source == LeadSource.MEETING,
        )
        if attendee is not None
        else None
    )
    shared = shown is not None and shown.contact
    base = {
        "id": lead.id,
        "company_id": lead.company_id,
        "source": lead.source,
        "staff": lead.staff,
        "rating": lead.rating,
        "notes": lead.notes,
        "tags": tuple(lead.tags or ()),
        "visits": lead.visits,
        "captured_at": to_local(lead.captured_at, timezone),
        "last_seen_at": to_local(lead.last_seen_at, timezone),
        "shared": shared,
    }
    if attendee is None or shown is None or not shown.profile:
        return LeadView(**base)  # type: ignore[arg-type]
    profile = {
        "name": display_name(attendee.given_name, attendee.family_name),
        "organisation": attendee.organisation,
        "job_title": attendee.job_title,
        "degree": attendee.degree,
        "field_of_work": attendee.field_of_work,
        "interests": tuple(attendee.interests or ()),
        "attendee_id": attendee.id,
    }
    if not shown.contact:
        return LeadView(**base, **profile)  # type: ignore[arg-type]
    return LeadView(
        **base,  # type: ignore[arg-type]
        **profile,  # type: ignore[arg-type]
        email=attendee.email or "",
        phone=attendee.phone,
    )


def _snapshot(lead: Lead) -> dict[str, object]:
    return {
        "rating": lead.rating,
        "notes": lead.notes,
        "tags": list(lead.tags or ()),
        "visits": lead.visits,
        "last_seen_at": lead.last_seen_at,
        "updated_at": lead.updated_at,
    }


def _apply(lead: Lead, *, rating: str | None, notes: str | None, tags: Sequence[str] | None) -> None:
    if rating is not None:
        lead.rating = rating
    if notes is not None:
        lead.notes = notes
    if tags is not None:
        lead.tags = list(clean_tags(tags))


def _append_note(existing: str, note: str) -> str:
    return f"{existing}\n{note}" if existing and note else existing or note


class LeadScanner:
    """One booth of one company, staffed by one person; cheap to keep for the whole fair.

    Works the same on the organiser's event and on an exhibitor kit (where only the
    public key and the consenting attendees are present).
    """

    def __init__(self, *, doc: EventDocument, company_id: int | None, staff: str) -> None:
        staff = " ".join(staff.split())
        if not staff:
            raise ValidationError(_("Say who is at the booth (the staff member's name), for the lead list."))
        self.doc = doc
        self.staff = staff
        with doc.session() as session:
            self.booth = _booth(session, company_id)
            self._reader = CodeReader.for_event(session)
        sync_meeting_leads(doc=doc, company_id=self.booth.company_id)

    @property
    def company_id(self) -> int:
        return self.booth.company_id

    def scan(
        self,
        scanned: str,
        *,
        rating: str | None = None,
        note: str = "",
        tags: Sequence[str] = (),
        when: datetime | None = None,
    ) -> BoothScan:
        """Record a scanned badge as a lead (or a visit), or say plainly why nothing was recorded.

        `rating`, `note` and `tags` are applied to the lead straight away, so that a script
        (or a staff member with the form already filled in) captures everything in one step.
        """
        rating = parse_rating(rating) if rating is not None else None
        note = _clean_notes(note)
        moment = when or utc_now()
        try:
            return self._scan(scanned, rating, note, tags, moment)
        except IntegrityError:
            # Another booth laptop on the same PostgreSQL event made this lead a moment ago:
            # the second attempt finds it and reopens it.
            return self._scan(scanned, rating, note, tags, moment)

    def _scan(
        self, scanned: str, rating: str | None, note: str, tags: Sequence[str], moment: datetime
    ) -> BoothScan:
        tz = self.booth.timezone
        local = to_local(moment, tz)
        recorder = StepRecorder(_("Booth scan"), Entity.LEADS)
        with self.doc.session() as session:
            found = self._reader.resolve(session, scanned)
            if not found.found:
                verdict = found.verdict or ScanVerdict.UNKNOWN
                return self._refused(verdict, found.reason, local)
            attendee = session.get(Attendee, found.attendee_id)
            if attendee is None:
                if not (self.booth.is_kit and found.token is not None):
                    return self._refused(
                        ScanVerdict.UNKNOWN,
                        _("This badge belongs to someone no longer in this event."),
                        local,
                    )
                # A genuine badge of this event, of nobody in the kit: someone who did not agree
                # to share their details. Only the visit is kept — not even the badge serial.
                lead = self._new_lead(session, None, moment, rating, note, tags)
                recorder.created(Lead, [lead.id])
                result = BoothScan(
                    ScanOutcome.VISIT,
                    _visit_sentence(local),
                    local,
                    _view(lead, None, tz),
                    matched_as=found.matched_as,
                    changes=Changes.of(Entity.LEADS, summary=_("Visit recorded")),
                )
            elif attendee.company_id == self.company_id:
                return self._refused(
                    ScanVerdict.UNKNOWN,
                    _(
                        "{name} works for {company}: staff badges are not leads.",
                        name=display_name(attendee.given_name, attendee.family_name),
                        company=self.booth.company_name,
                    ),
                    local,
                )
            else:
                result = self._lead_for(
                    session, attendee, moment, rating, note, tags, recorder, found.matched_as
                )
        history(self.doc).push(recorder.step())
        return result

    def add_person(self, attendee_id: int, *, when: datetime | None = None) -> BoothScan:
        """Make someone found by name a lead (their badge is at home, the scanner is broken).

        The same rules as a scan: a repeat reopens the lead, someone who did not agree to
        share their details is only a visit, the company's own staff are not leads. Only in
        the organiser's event: a kit holds only people who agreed, and finding them by name
        instead of by their badge would let a booth list everyone who did.
        """
        if self.booth.is_kit:
            raise ValidationError(_("In an exhibitor kit, leads come from scanned badges only."))
        moment = when or utc_now()
        try:
            return self._add_person(attendee_id, moment)
        except IntegrityError:
            return self._add_person(attendee_id, moment)  # another booth laptop was quicker

    def _add_person(self, attendee_id: int, moment: datetime) -> BoothScan:
        local = to_local(moment, self.booth.timezone)
        recorder = StepRecorder(_("Booth lead"), Entity.LEADS)
        with self.doc.session() as session:
            attendee = session.get(Attendee, attendee_id)
            if attendee is None:
                return self._refused(ScanVerdict.UNKNOWN, _("This person is no longer in this event."), local)
            if attendee.company_id == self.company_id:
                return self._refused(
                    ScanVerdict.UNKNOWN,
                    _(
                        "{name} works for {company}: staff are not leads.",
                        name=display_name(attendee.given_name, attendee.family_name),
                        company=self.booth.company_name,
                    ),
                    local,
                )
            result = self._lead_for(session, attendee, moment, None, "", (), recorder, "name search")
        history(self.doc).push(recorder.step())
        return result

    def _refused(self, verdict: ScanVerdict, reason: str, local: datetime) -> BoothScan:
        return BoothScan(
            ScanOutcome.REFUSED, _("{reason} Nothing was recorded.", reason=reason), local, refusal=verdict
        )

    def _new_lead(
        self,
        session: Session,
        attendee_id: int | None,
        moment: datetime,
        rating: str | None,
        note: str,
        tags: Sequence[str],
    ) -> Lead:
        lead = Lead(
            id=str(uuid.uuid4()),
            company_id=self.company_id,
            attendee_id=attendee_id,
            source=LeadSource.SCAN.value,
            staff=self.staff,
            rating=rating or "",
            notes=note,
            tags=list(clean_tags(tags)),
            captured_at=moment,
            last_seen_at=moment,
            updated_at=utc_now(),
        )
        session.add(lead)
        session.flush()
        return lead

    def _lead_for(
        self,
        session: Session,
        attendee: Attendee,
        moment: datetime,
        rating: str | None,
        note: str,
        tags: Sequence[str],
        recorder: StepRecorder,
        matched_as: str,
    ) -> BoothScan:
        tz = self.booth.timezone
        local = to_local(moment, tz)
        lead = session.execute(
            select(Lead).where(Lead.company_id == self.company_id, Lead.attendee_id == attendee.id)
        ).scalar_one_or_none()
        if lead is None:
            lead = self._new_lead(session, attendee.id, moment, rating, note, tags)
            recorder.created(Lead, [lead.id])
            view = _view(lead, attendee, tz, meets=_meets(session, self.company_id, attendee.id))
            if view.shared:
                message = (
                    _("New lead: {name}, {organisation}.", name=view.name, organisation=view.organisation)
                    if view.organisation
                    else _("New lead: {name}.", name=view.name)
                )
                outcome = ScanOutcome.NEW
            else:
                message = _visit_sentence(local)
                outcome = ScanOutcome.VISIT
            return BoothScan(
                outcome,
                message,
                local,
                view,
                matched_as=matched_as,
                changes=Changes.of(Entity.LEADS, summary=message),
            )
        before = _snapshot(lead)
        lead.visits += 1
        lead.last_seen_at = max(lead.last_seen_at, moment)
        _apply(
            lead,
            rating=rating,
            notes=_append_note(lead.notes, note) if note else None,
            tags=[*(lead.tags or ()), *tags] if tags else None,
        )
        lead.updated_at = utc_now()
        recorder.updated(Lead, lead.id, before, _snapshot(lead))
        view = _view(lead, attendee, tz, meets=_meets(session, self.company_id, attendee.id))
        first = view.captured_at
        who = view.name if view.shared else _("This visitor")
        since = first
        message = (
            _(
                "{who} is already a lead (since {since} by {staff}); the lead is open again.",
                who=who,
                since=since,
                staff=lead.staff,
            )
            if lead.staff
            else _("{who} is already a lead (since {since}); the lead is open again.", who=who, since=since)
        )
        return BoothScan(
            ScanOutcome.AGAIN,
            message,
            local,
            view,
            matched_as=matched_as,
            changes=Changes.of(Entity.LEADS, summary=_("Lead reopened")),
        )


# -- reading and editing leads ------------------------------------------------------------------


def list_leads(*, doc: EventDocument, company_id: int | None) -> list[LeadView]:
    """The company's leads, newest first (in a kit, `company_id` may be None)."""
    with doc.session() as session:
        booth = _booth(session, company_id)
        rows = session.execute(
            select(Lead, Attendee)
            .outerjoin(Attendee, Lead.attendee_id == Attendee.id)
            .where(Lead.company_id == booth.company_id)
            .order_by(Lead.captured_at.desc(), Lead.id)
        ).all()
        partners = set(
            session.execute(
                select(Meeting.attendee_id).where(Meeting.company_id == booth.company_id)
            ).scalars()
        )
        return [
            _view(lead, attendee, booth.timezone, meets=lead.attendee_id in partners)
            for lead, attendee in rows
        ]


def get_lead(*, doc: EventDocument, lead_id: str) -> LeadView:
    with doc.session() as session:
        lead = _lead(session, lead_id)
        attendee = session.get(Attendee, lead.attendee_id) if lead.attendee_id else None
        return _view(
            lead, attendee, _timezone(session), meets=_meets(session, lead.company_id, lead.attendee_id)
        )


def _lead(session: Session, lead_id: str) -> Lead:
    lead = session.get(Lead, lead_id)
    if lead is None:
        raise ValidationError(
            _("There is no lead {id} in this event (it may have been deleted).", id=lead_id)
        )
    return lead


def update_lead(*, doc: EventDocument, lead_id: str, edit: LeadEdit) -> LeadSaved:
    """Rate a lead, rewrite its notes or its tags; undoable."""
    rating = parse_rating(edit.rating) if edit.rating is not None else None
    notes = _clean_notes(edit.notes) if edit.notes is not None else None
    recorder = StepRecorder(_("Edit lead"), Entity.LEADS)
    with doc.session() as session:
        lead = _lead(session, lead_id)
        before = _snapshot(lead)
        _apply(lead, rating=rating, notes=notes, tags=edit.tags)
        after = _snapshot(lead)
        if after != before:
            lead.updated_at = utc_now()
            recorder.updated(Lead, lead.id, before, _snapshot(lead))
        attendee = session.get(Attendee, lead.attendee_id) if lead.attendee_id else None
        view = _view(
            lead, attendee, _timezone(session), meets=_meets(session, lead.company_id, lead.attendee_id)
        )
    history(doc).push(recorder.step())
    return LeadSaved(view, Changes.of(Entity.LEADS, summary=_("Lead of {name} saved", name=view.label)))


def delete_lead(*, doc: EventDocument, lead_id: str) -> Changes:
    """Remove a lead scanned by mistake; undoable."""
    recorder = StepRecorder(_("Delete lead"), Entity.LEADS)
    with doc.session() as session:
        lead = _lead(session, lead_id)
        row = {column.name: getattr(lead, column.name) for column in Lead.__table__.columns}  # type: ignore[attr-defined]
        session.delete(lead)
        recorder.deleted(Lead, [row])
    history(doc).push(recorder.step())
    return Changes.of(Entity.LEADS, summary=_("Lead deleted"))


def booth_staff(*, doc: EventDocument, company_id: int | None) -> list[str]:
    """Names of the company's active staff, for the booth's "who is scanning" choice.

    A cancelled ticket holder is not at the booth: offered first (the list is alphabetical),
    they became the default "Scanning:" name on every lead.
    """
    with doc.session() as session:
        booth = _booth(session, company_id)
        rows = session.execute(
            select(Attendee.given_name, Attendee.family_name)
            .where(
                Attendee.company_id == booth.company_id,
                Attendee.status == AttendeeStatus.REGISTERED.value,
            )
            .order_by(Attendee.family_name, Attendee.given_name)
        ).all()
    return [display_name(r.given_name, r.family_name) for r in rows]


def add_meeting_leads(
    session: Session, *, company_id: int | None = None, meeting_ids: Sequence[int] | None = None
) -> list[Lead]:
    """Add a lead (source "meeting") for each attended meeting whose pair has none yet.

    In the caller's session, so ticking a meeting attended and the lead it brings are one
    transaction and one undo step (`matchmaking_edits.set_meeting_status`).
    """
    query = (
        select(Meeting)
        .outerjoin(Lead, (Lead.company_id == Meeting.company_id) & (Lead.attendee_id == Meeting.attendee_id))
        .where(Meeting.status == MeetingStatus.ATTENDED.value, Lead.id.is_(None))
    )
    if company_id is not None:
        query = query.where(Meeting.company_id == company_id)
    if meeting_ids is not None:
        query = query.where(Meeting.id.in_(list(meeting_ids)))
    meetings = session.execute(query).scalars().all()
    now = utc_now()
    leads = [
        Lead(
            id=str(uuid.uuid4()),
            company_id=meeting.company_id,
            attendee_id=meeting.attendee_id,
            source=LeadSource.MEETING.value,
            notes=meeting.note.strip(),
            captured_at=meeting.starts_at,
            last_seen_at=meeting.starts_at,
            updated_at=now,
        )
        for meeting in meetings
    ]
    session.add_all(leads)
    session.flush()
    return leads


def sync_meeting_leads(*, doc: EventDocument, company_id: int | None = None) -> Changes:
    """Meetings marked attended become leads (source "meeting"), once per company and person.

    Safe to call as often as wanted: a person who is already the company's lead (scanned at
    the booth, or from an earlier call) is left as they are, with their rating and notes.
    """
    with doc.session() as session:
        added = len(add_meeting_leads(session, company_id=company_id))
    if not added:
        return Changes()
    return Changes.of(
        Entity.LEADS,
        summary=ngettext(
            "{n} attended meeting added as a lead", "{n} attended meetings added as leads", added
        ),
    )
