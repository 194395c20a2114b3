"""Creating an event document, reading what it is, and counting what it holds."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import select

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.event import EventDraft, to_local
from eventdesk.i18n import _, current_language, gettext, language_name, normalise_language
from eventdesk.i18n.formats import format_datetime, format_time, format_weekday_date
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Company, Event, ExternalCode, Scan
from eventdesk.services.door.attendance import checked_in_count
from eventdesk.services.hub_only import refuse_at_desk


def create_event(
    *, target: str | os.PathLike[str], draft: EventDraft, overwrite: bool = False
) -> EventDocument:
    """A new event document with its own signing key; nothing is left behind on failure."""
    # Here, not at the top: the window imports this module to show the dashboard, and the
    # signing library (cryptography) and the keyring are not needed to open an event.
    from eventdesk.domain.signing import new_event_code, new_key_pair
    from eventdesk.services.privacy.keys import seal_with_keyring

    draft = draft.validated()
    doc = EventDocument.create_empty(target, overwrite=overwrite)
    try:
        keys = new_key_pair()
        with doc.session() as session:
            session.add(
                Event(
                    name=draft.name,
                    venue=draft.venue,
                    starts_at=draft.starts_utc,
                    ends_at=draft.ends_utc,
                    timezone=draft.timezone,
                    language=draft.language,
                    code=new_event_code(),
                    signing_key=seal_with_keyring(keys.private_raw, keys.public_raw),
                    public_key=keys.public_raw,
                )
            )
    except BaseException:
        doc.discard_new()
        raise
    return doc.commit_new()


@dataclass(frozen=True)
class EventSummary:
    name: str
    venue: str
    code: str
    timezone: str
    starts_local: datetime
    ends_local: datetime
    reentry_allowed: bool
    can_sign: bool
    language: str = "en"

    @property
    def when(self) -> str:
        """The event's dates as the current language writes them."""
        start, end = self.starts_local, self.ends_local
        language = current_language()
        if start.date() == end.date():
            return f"{format_weekday_date(start.date(), language)}, {format_time(start)}–{format_time(end)}"
        return f"{format_datetime(start, language)} – {format_datetime(end, language)}"


def event_summary(*, doc: EventDocument) -> EventSummary:
    with doc.session() as session:
        event = session.exec(select(Event)).one()
        return EventSummary(
            name=event.name,
            venue=event.venue,
            code=event.code,
            timezone=event.timezone,
            starts_local=to_local(event.starts_at, event.timezone),
            ends_local=to_local(event.ends_at, event.timezone),
            reentry_allowed=event.reentry_allowed,
            can_sign=event.signing_key is not None,
            language=event.language or "en",
        )


@dataclass(frozen=True)
class EventStats:
    event: str
    location: str
    attendees: int
    registered: int
    cancelled: int
    checked_in: int
    consenting: int
    companies: int
    exhibitor_staff: int
    external_codes: int
    scans: int
    by_ticket_type: dict[str, int]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def event_stats(*, doc: EventDocument) -> EventStats:
    """The dashboard's counts, read from indexes (no attendee table page is read): they are
    computed each time an event opens, and a protected file decrypts every page it reads."""
    with doc.session() as session:
        name = session.exec(select(Event.name)).one()
        # One pass over ix_attendee_status_ticket_consent gives all three attendee counts.
        groups = session.exec(
            select(Attendee.status, Attendee.ticket_type, Attendee.consent_share, func.count()).group_by(
                Attendee.status, Attendee.ticket_type, Attendee.consent_share
            )
        ).all()
        by_status: dict[str, int] = {}
        by_type = {t.value: 0 for t in TicketType}
        consenting = 0
        for status, ticket_type, consent, count in groups:
            by_status[status] = by_status.get(status, 0) + count
            if status == AttendeeStatus.REGISTERED.value:
                by_type[ticket_type] = by_type.get(ticket_type, 0) + count
            if consent:
                consenting += count
        return EventStats(
            event=name,
            location=doc.display_location,
            attendees=sum(by_status.values()),
            registered=by_status.get(AttendeeStatus.REGISTERED.value, 0),
            cancelled=by_status.get(AttendeeStatus.CANCELLED.value, 0),
            checked_in=checked_in_count(session=session),
            consenting=consenting,
            companies=session.exec(select(func.count()).select_from(Company)).one(),
            exhibitor_staff=session.exec(
                select(func.count()).select_from(Attendee).where(Attendee.company_id.is_not(None))
            ).one(),
            # Every code has its attendee: the condition makes SQLite count the small integer
            # index, not the index of the codes' text (a third of the pages to read).
            external_codes=session.exec(
                select(func.count()).select_from(ExternalCode).where(ExternalCode.attendee_id.is_not(None))
            ).one(),
            scans=session.exec(select(func.count()).select_from(Scan)).one(),
            by_ticket_type=by_type,
        )


def set_event_language(*, doc: EventDocument, language: str) -> Changes:
    """What is printed for attendees without a language of their own (badges, schedules, lists)."""
    code = normalise_language(language)
    if code is None:
        raise ValidationError(gettext("'{value}' is not a language eventdesk prints in.", value=language))
    with doc.session() as session:
        refuse_at_desk(session)
        event = session.exec(select(Event)).one()
        event.language = code
        session.add(event)
    return Changes.of(Entity.EVENT, summary=gettext("Printed in {language}", language=language_name(code)))


def set_reentry_allowed(*, doc: EventDocument, allowed: bool) -> Changes:
    """Single entry or re-entry for the whole event: every desk reads it, so it lives in the event.

    Desks keep the rule they read at start; they pick up the change through the `EVENT`
    entity of the returned record (or, on another machine, the next time they reload).
    """
    with doc.session() as session:
        refuse_at_desk(session)
        event = session.exec(select(Event)).one()
        event.reentry_allowed = bool(allowed)
        session.add(event)
    said = _("Check-in: re-entry allowed") if allowed else _("Check-in: single entry")
    return Changes.of(Entity.EVENT, summary=said)
