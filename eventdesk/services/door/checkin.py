"""The door: turn whatever a scanner, a camera or a name search produced into a verdict.

Every scan, accepted or not, is appended to the scan log and committed *before* the verdict
is returned, so a verdict a person has seen is never lost to a crash or a power cut. The
log is never rewritten: an undone check-in is a new row with the verdict `undone`.

Reading a scan (keyboard-layout repair, signature, platform codes) is shared with the
exhibitor booth in `eventdesk.services.door.code_reader`; this module adds the door's rules.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from eventdesk.domain.enums import ScanVerdict, TicketType
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.event import to_local, utc_now
from eventdesk.domain.names import display_name
from eventdesk.domain.tokens import TokenCheck
from eventdesk.i18n import N_, Message, gettext, message, using_language
from eventdesk.i18n.stored import load_message
from eventdesk.i18n.values import DayMonth
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import BadgePrint, Event, RetiredKey, Scan
from eventdesk.services.door.admission import (
    MAX_LOGGED_CHARS,
    WELCOME,
    Admission,
    Barrier,
    DoorPerson,
    DoorRules,
    barrier,
    decide_locked,
    lock_attendee,
    log_scan,
)
from eventdesk.services.door.attendance import attendance_of
from eventdesk.services.door.code_reader import CodeReader, Resolution
from eventdesk.services.door.faults import ServerNotAnsweringError, door_faults

__all__ = ["MAX_LOGGED_CHARS", "CheckInDesk", "Verdict", "display_name"]

HEADLINES = {
    ScanVerdict.ADMITTED: N_("ADMITTED"),
    ScanVerdict.ALREADY_ADMITTED: N_("ALREADY CHECKED IN"),
    ScanVerdict.UNKNOWN: N_("UNKNOWN CODE"),
    ScanVerdict.FORGED: N_("FORGED BADGE"),
    ScanVerdict.OTHER_EVENT: N_("OTHER EVENT"),
    ScanVerdict.CANCELLED: N_("TICKET CANCELLED"),
    ScanVerdict.REVOKED: N_("BADGE REPLACED"),
    ScanVerdict.UNDONE: N_("CHECK-IN UNDONE"),
}


@dataclass(frozen=True)
class Verdict:
    """What the desk shows and the CLI prints; times are in the event's time zone."""

    verdict: ScanVerdict
    reason: str
    scan_id: str
    scanned_at: datetime
    desk: str
    attendee_id: int | None = None
    name: str = ""
    organisation: str = ""
    ticket_type: str = ""
    first_admitted_at: datetime | None = None
    first_desk: str = ""
    replaced_at: datetime | None = None
    matched_as: str = ""
    # The reason with its values, so an attendee-facing display can show it in another language.
    reason_message: Message | None = field(default=None, compare=False, repr=False)
    # Decided by a desk replica on its own because the hub did not answer in time (sync.door).
    decided_offline: bool = False

    @property
    def admitted(self) -> bool:
        return self.verdict is ScanVerdict.ADMITTED

    @property
    def headline(self) -> str:
        return gettext(HEADLINES[self.verdict])

    def headline_in(self, language: str | None) -> str:
        with using_language(language):
            return gettext(HEADLINES[self.verdict])

    def reason_in(self, language: str | None) -> str:
        """The reason in `language` (the attendee's), or as logged when it has no message."""
        return self.reason_message.render(language) if self.reason_message else self.reason

    @property
    def plain_welcome(self) -> bool:
        """An ordinary admission, whose reason a screen need not repeat."""
        return self.reason_message is not None and self.reason_message.text == WELCOME

    @property
    def ticket_label(self) -> str:
        try:
            return TicketType(self.ticket_type).label
        except ValueError:
            return self.ticket_type

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data.pop("reason_message", None)
        for key in ("scanned_at", "first_admitted_at", "replaced_at"):
            if data[key] is not None:
                data[key] = data[key].isoformat()
        data["verdict"] = self.verdict.value
        data["headline"] = self.headline
        return data


@dataclass
class _EventFacts:
    code: str
    public_key: bytes
    rules: DoorRules
    retired_keys: tuple[tuple[bytes, datetime], ...] = ()


class CheckInDesk:
    """One desk at the door of one event; cheap to keep for the whole shift.

    The event's key and rules are read once; attendees, codes and attendance are read per
    scan, so several desks on one PostgreSQL event (or a walk-in added a minute ago) are
    always seen as they are now.
    """

    def __init__(self, *, doc: EventDocument, desk: str) -> None:
        desk = desk.strip()
        if not desk:
            raise ValidationError("A check-in desk needs a name, such as “Door A”.")
        self.doc = doc
        self.desk = desk
        self._facts = self._load_facts()
        self._reader = self._new_reader()

    def _new_reader(self) -> CodeReader:
        return CodeReader(
            event_code=self._facts.code,
            public_key=self._facts.public_key,
            retired_keys=self._facts.retired_keys,
            timezone=self._facts.rules.timezone,
        )

    def _load_facts(self) -> _EventFacts:
        # The door's session: on a server, the watchdog bounds this read as it bounds a scan.
        with door_faults(self.doc), self.doc.door_session() as session:
            event = session.execute(select(Event)).scalar_one()
            rules = DoorRules(event.timezone, event.reentry_allowed)
            retired = tuple(
                tuple(r) for r in session.execute(select(RetiredKey.public_key, RetiredKey.retired_at))
            )
            return _EventFacts(event.code, event.public_key, rules, retired_keys=retired)

    def reload_rules(self) -> None:
        """Pick up a changed re-entry setting (or a replaced badge key)."""
        self._facts = self._load_facts()
        self._reader = self._new_reader()

    @property
    def timezone(self) -> str:
        return self._facts.rules.timezone

    # -- the three ways in -------------------------------------------------------------------

    def scan(
        self,
        scanned: str,
        *,
        device_time: datetime | None = None,
        scan_id: str | None = None,
        new_here: bool = False,
    ) -> Verdict:
        """Judge a scanned or typed code, log it, and return the verdict.

        `scan_id` is the scan's UUID when it was made earlier (a scan delivered late): the
        same UUID is stored once, however often it is judged. `new_here` says that UUID was
        never judged on this database (a replica deciding after the hub missed its budget), so
        the look-up that would find it is skipped: one statement less on the offline verdict.
        """
        given = scan_id is not None and not new_here
        scan_id = scan_id or str(uuid.uuid4())
        at = device_time or utc_now()

        def attempt(again: bool) -> Verdict:
            with self.doc.door_session() as session:
                if given or again:
                    stored = self._stored_verdict(session, scan_id)
                    if stored is not None:
                        return stored
                resolution = self._reader.resolve(session, scanned)
                return self._judge_and_log(session, scanned, resolution, at, scan_id)

        return self._once_more_if_stale(attempt)

    def _once_more_if_stale(self, attempt: Callable[[bool], Verdict]) -> Verdict:
        """Run a door transaction; when it met a connection the server had dropped meanwhile
        (a restart, an idle timeout), run it once more on a fresh one.

        The door's engine does not ping a connection before each scan (a round trip per scan
        on a LAN); this is the same recovery, paid only when needed. The retry keeps the
        scan's UUID and looks it up first, so a commit that did arrive is not stored twice.
        A server that is silent or refuses connections is not retried: the desk says so now.
        """
        try:
            with door_faults(self.doc):
                return attempt(False)
        except ServerNotAnsweringError as error:
            cause = error.__cause__
            if not (isinstance(cause, DBAPIError) and cause.connection_invalidated):
                raise
        with door_faults(self.doc):
            return attempt(True)

    def _stored_verdict(self, session: Session, scan_id: str) -> Verdict | None:
        """The verdict of a scan already in the log (delivered before, the desk then killed)."""
        row = session.execute(
            select(Scan.verdict, Scan.reason, Scan.reason_message, Scan.device_time, Scan.attendee_id).where(
                Scan.id == scan_id
            )
        ).first()
        if row is None:
            return None
        person = lock_attendee(session, row.attendee_id) if row.attendee_id is not None else None
        stored = load_message(row.reason_message) if row.reason_message else None
        return self._verdict(
            scan_id=scan_id,
            verdict=ScanVerdict(row.verdict),
            reason=stored.render() if stored is not None else row.reason,
            reason_message=stored,
            attendee=person,
            device_time=row.device_time,
        )

    def admit(self, attendee_id: int, *, how: str = "name search") -> Verdict:
        """Check in someone found by name, applying the same rules as a scan."""
        scan_id, at = str(uuid.uuid4()), utc_now()

        def attempt(again: bool) -> Verdict:
            with self.doc.door_session() as session:
                stored = self._stored_verdict(session, scan_id) if again else None
                if stored is not None:
                    return stored
                resolution = Resolution(None, attendee_id, matched_as=how)
                return self._judge_and_log(session, f"#{attendee_id} ({how})", resolution, at, scan_id)

        return self._once_more_if_stale(attempt)

    def undo(self, attendee_id: int, *, reason: str) -> Verdict:
        """Take back a check-in; the log keeps both the admission and this undo."""
        reason = reason.strip()
        if not reason:
            raise ValidationError(gettext("Say why the check-in is undone (for the log)."))
        scan_id = str(uuid.uuid4())

        def attempt(again: bool) -> Verdict:
            with self.doc.door_session() as session:
                stored = self._stored_verdict(session, scan_id) if again else None
                if stored is not None:
                    return stored
                return self._undo_locked(session, attendee_id, reason, scan_id)

        return self._once_more_if_stale(attempt)

    def _undo_locked(self, session: Session, attendee_id: int, reason: str, scan_id: str) -> Verdict:
        """The undo itself, with the attendee locked as an admission locks them."""
        attendee = lock_attendee(session, attendee_id)
        if attendee is None:
            raise ValidationError(gettext("There is no attendee #{id} in this event.", id=attendee_id))
        standing = attendance_of(session=session, attendee_id=attendee_id)
        if not standing.inside or standing.last_admitted_at is None:
            raise ValidationError(
                gettext(
                    "{name} is not checked in.",
                    name=display_name(attendee.given_name, attendee.family_name),
                )
            )
        # An undo follows the admission it takes back, even when that desk's clock ran ahead.
        when = max(utc_now(), standing.last_admitted_at + timedelta(milliseconds=1))
        return self._log(
            session,
            scan_id=scan_id,
            scanned=f"#{attendee_id} (undo)",
            verdict=ScanVerdict.UNDONE,
            reason=Message("{reason}", {"reason": reason}),
            attendee=attendee,
            device_time=when,
        )

    # -- rules and the log -------------------------------------------------------------------

    def _judge_and_log(
        self, session: Session, scanned: str, resolution: Resolution, device_time: datetime, scan_id: str
    ) -> Verdict:
        refused = functools.partial(
            self._log, session, scan_id=scan_id, scanned=scanned, device_time=device_time
        )
        if resolution.verdict is not None:
            why = resolution.message or message("Not a badge or ticket code of this event.")
            return refused(verdict=resolution.verdict, reason=why, attendee=None)
        # Locked from here to the commit: no other desk decides about this person meanwhile.
        attendee = lock_attendee(session, resolution.attendee_id) if resolution.attendee_id else None
        if attendee is None:
            return refused(
                verdict=ScanVerdict.UNKNOWN,
                reason=message("This badge belongs to someone no longer in this event."),
                attendee=None,
                matched_as=resolution.matched_as,
            )
        turned_away = barrier(attendee, resolution.token)
        if turned_away is Barrier.ERASED:
            return refused(
                verdict=ScanVerdict.CANCELLED,
                reason=message("This badge was withdrawn: the person's data was erased at their request."),
                attendee=attendee,
                matched_as=resolution.matched_as,
            )
        if turned_away is Barrier.REPLACED_BADGE:
            assert resolution.token is not None
            replaced = _replaced_at(session, attendee, resolution.token)
            local = to_local(replaced, self.timezone) if replaced else None
            return refused(
                verdict=ScanVerdict.REVOKED,
                reason=message(
                    "This badge was replaced by a reprint on {day} at {time}; ask for the new badge.",
                    day=DayMonth(local.date()),
                    time=local.time(),
                )
                if local
                else message("This badge was replaced by a reprint; ask for the new badge."),
                attendee=attendee,
                matched_as=resolution.matched_as,
                replaced_at=replaced,
            )
        if turned_away is Barrier.CANCELLED:
            return refused(
                verdict=ScanVerdict.CANCELLED,
                reason=message("This ticket was cancelled or refunded."),
                attendee=attendee,
                matched_as=resolution.matched_as,
            )
        outcome = decide_locked(
            session,
            person=attendee,
            scan_id=scan_id,
            desk=self.desk,
            at=device_time,
            scanned_text=scanned,
            rules=self._facts.rules,
        )
        # Committed here, before anyone sees the verdict: a shown verdict is a stored scan.
        session.commit()
        return self._decided(outcome, attendee, device_time, resolution.matched_as)

    def _log(
        self,
        session: Session,
        *,
        scan_id: str,
        scanned: str,
        verdict: ScanVerdict,
        reason: Message,
        attendee: DoorPerson | None,
        device_time: datetime,
        matched_as: str = "",
        replaced_at: datetime | None = None,
    ) -> Verdict:
        log_scan(
            session,
            scan_id=scan_id,
            scanned=scanned,
            verdict=verdict,
            attendee_id=attendee.id if attendee else None,
            desk=self.desk,
            device_time=device_time,
            reason=reason.render(),
            reason_message=reason,
        )
        # Committed here, before anyone sees the verdict: a shown verdict is a stored scan.
        session.commit()
        return self._verdict(
            scan_id=scan_id,
            verdict=verdict,
            reason=reason.render(),
            reason_message=reason,
            attendee=attendee,
            device_time=device_time,
            matched_as=matched_as,
            replaced_at=replaced_at,
        )

    def _decided(
        self, outcome: Admission, attendee: DoorPerson, device_time: datetime, matched_as: str
    ) -> Verdict:
        """The verdict of a decision by the standing, shown alike by every desk and the hub."""
        return self._verdict(
            scan_id=outcome.scan_id,
            verdict=ScanVerdict(outcome.verdict),
            reason=outcome.reason,
            reason_message=outcome.message,
            attendee=attendee,
            device_time=device_time,
            matched_as=matched_as,
            first_admitted_at=outcome.first_admitted_at,
            first_desk=outcome.first_desk,
        )

    def _verdict(
        self,
        *,
        scan_id: str,
        verdict: ScanVerdict,
        reason: str,
        attendee: DoorPerson | None,
        device_time: datetime,
        reason_message: Message | None = None,
        matched_as: str = "",
        first_admitted_at: datetime | None = None,
        first_desk: str = "",
        replaced_at: datetime | None = None,
    ) -> Verdict:
        tz = self.timezone
        return Verdict(
            verdict=verdict,
            reason=reason,
            reason_message=reason_message,
            scan_id=scan_id,
            scanned_at=to_local(device_time, tz),
            desk=self.desk,
            attendee_id=attendee.id if attendee else None,
            name=display_name(attendee.given_name, attendee.family_name, attendee.organisation)
            if attendee
            else "",
            organisation=attendee.organisation if attendee else "",
            ticket_type=attendee.ticket_type if attendee else "",
            first_admitted_at=to_local(first_admitted_at, tz) if first_admitted_at else None,
            first_desk=first_desk,
            replaced_at=to_local(replaced_at, tz) if replaced_at else None,
            matched_as=matched_as,
        )


def _replaced_at(session: Session, attendee: DoorPerson, check: TokenCheck) -> datetime | None:
    """When the badge that replaced this one was made, if the print log knows."""
    token = check.token
    if token is None:
        return None
    return session.execute(
        select(func.min(BadgePrint.printed_at)).where(
            BadgePrint.attendee_id == attendee.id, BadgePrint.version > token.version
        )
    ).scalar_one_or_none()
