"""The door: turn whatever a scanner, a camera or a name search produced into a verdict.

Every scan, accepted or not, is appended to the scan log and committed *before* the verdict
is returned, so a verdict a person has seen is never lost to a crash or a power cut. The
log is never rewritten: an undone check-in is a new row with the verdict `undone`.

Reading a scan (keyboard-layout repair, signature, platform codes) is shared with the
exhibitor booth in `eventdesk.services.door.code_reader`; this module adds the door's rules.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import and_, func, insert, select
from sqlmodel import Session

from eventdesk.domain.enums import AttendeeStatus, ScanVerdict, TicketType
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.event import to_local, utc_now
from eventdesk.domain.tokens import TokenCheck, TokenStatus
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, BadgePrint, Event, Scan
from eventdesk.services.door.attendance import ATTENDANCE_VERDICTS, Attendance, attendance_from
from eventdesk.services.door.code_reader import CodeReader, Resolution

MAX_LOGGED_CHARS = 4096

HEADLINES = {
    ScanVerdict.ADMITTED: "ADMITTED",
    ScanVerdict.ALREADY_ADMITTED: "ALREADY CHECKED IN",
    ScanVerdict.UNKNOWN: "UNKNOWN CODE",
    ScanVerdict.FORGED: "FORGED BADGE",
    ScanVerdict.OTHER_EVENT: "OTHER EVENT",
    ScanVerdict.CANCELLED: "TICKET CANCELLED",
    ScanVerdict.REVOKED: "BADGE REPLACED",
    ScanVerdict.UNDONE: "CHECK-IN UNDONE",
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

    @property
    def admitted(self) -> bool:
        return self.verdict is ScanVerdict.ADMITTED

    @property
    def headline(self) -> str:
        return HEADLINES[self.verdict]

    @property
    def ticket_label(self) -> str:
        try:
            return TicketType(self.ticket_type).label
        except ValueError:
            return self.ticket_type

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
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
    timezone: str
    reentry_allowed: bool


class _Person(NamedTuple):
    """What the door needs of an attendee; read with their attendance in one query."""

    id: int
    given_name: str
    family_name: str
    organisation: str
    ticket_type: str
    status: str
    badge_version: int


_PERSON_COLUMNS = (
    Attendee.id,
    Attendee.given_name,
    Attendee.family_name,
    Attendee.organisation,
    Attendee.ticket_type,
    Attendee.status,
    Attendee.badge_version,
)


def _person_and_attendance(session: Session, attendee_id: int) -> tuple[_Person | None, Attendance]:
    """The attendee and their admitted/undone scans in one indexed query (primary key, then
    ix_scan_attendee_time): a desk on a shared PostgreSQL event pays one round trip, not two."""
    rows = session.execute(
        select(*_PERSON_COLUMNS, Scan.verdict, Scan.device_time, Scan.desk)
        .outerjoin(Scan, and_(Scan.attendee_id == Attendee.id, Scan.verdict.in_(ATTENDANCE_VERDICTS)))
        .where(Attendee.id == attendee_id)
        .order_by(Scan.device_time, Scan.recorded_at)
    ).all()
    if not rows:
        return None, Attendance(inside=False)
    person = _Person(*rows[0][: len(_PERSON_COLUMNS)])
    return person, attendance_from([row for row in rows if row.verdict is not None])


def display_name(given: str, family: str, organisation: str = "") -> str:
    name = " ".join(part for part in (given.strip(), family.strip()) if part)
    return name or organisation.strip() or "(no name)"


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
        self._reader = CodeReader(event_code=self._facts.code, public_key=self._facts.public_key)

    def _load_facts(self) -> _EventFacts:
        with self.doc.session() as session:
            event = session.execute(select(Event)).scalar_one()
            return _EventFacts(event.code, event.public_key, event.timezone, event.reentry_allowed)

    def reload_rules(self) -> None:
        """Pick up a changed re-entry setting."""
        self._facts = self._load_facts()

    @property
    def timezone(self) -> str:
        return self._facts.timezone

    # -- the three ways in -------------------------------------------------------------------

    def scan(self, scanned: str, *, device_time: datetime | None = None) -> Verdict:
        """Judge a scanned or typed code, log it, and return the verdict."""
        with self.doc.session() as session:
            resolution = self._reader.resolve(session, scanned)
            return self._judge_and_log(session, scanned, resolution, device_time or utc_now())

    def admit(self, attendee_id: int, *, how: str = "name search") -> Verdict:
        """Check in someone found by name, applying the same rules as a scan."""
        with self.doc.session() as session:
            resolution = Resolution(None, attendee_id, matched_as=how)
            return self._judge_and_log(session, f"#{attendee_id} ({how})", resolution, utc_now())

    def undo(self, attendee_id: int, *, reason: str) -> Verdict:
        """Take back a check-in; the log keeps both the admission and this undo."""
        reason = reason.strip()
        if not reason:
            raise ValidationError("Say why the check-in is undone (for the log).")
        with self.doc.session() as session:
            attendee, standing = _person_and_attendance(session, attendee_id)
            if attendee is None:
                raise ValidationError(f"There is no attendee #{attendee_id} in this event.")
            if not standing.inside or standing.last_admitted_at is None:
                raise ValidationError(
                    f"{display_name(attendee.given_name, attendee.family_name)} is not checked in."
                )
            # An undo follows the admission it takes back, even when that desk's clock ran ahead.
            when = max(utc_now(), standing.last_admitted_at + timedelta(milliseconds=1))
            return self._log(
                session,
                scanned=f"#{attendee_id} (undo)",
                verdict=ScanVerdict.UNDONE,
                reason=reason,
                attendee=attendee,
                device_time=when,
            )

    # -- rules and the log -------------------------------------------------------------------

    def _judge_and_log(
        self, session: Session, scanned: str, resolution: Resolution, device_time: datetime
    ) -> Verdict:
        if resolution.verdict is not None:
            return self._log(
                session,
                scanned=scanned,
                verdict=resolution.verdict,
                reason=resolution.reason,
                attendee=None,
                device_time=device_time,
            )
        attendee, standing = (
            _person_and_attendance(session, resolution.attendee_id)
            if resolution.attendee_id
            else (None, Attendance(inside=False))
        )
        if attendee is None:
            return self._log(
                session,
                scanned=scanned,
                verdict=ScanVerdict.UNKNOWN,
                reason="This badge belongs to someone no longer in this event.",
                attendee=None,
                device_time=device_time,
                matched_as=resolution.matched_as,
            )
        tz = self._facts.timezone
        if resolution.token is not None:
            revoked = resolution.token.against_version(attendee.badge_version)
            if revoked.status is TokenStatus.REVOKED:
                replaced = _replaced_at(session, attendee, resolution.token)
                when = f" on {to_local(replaced, tz):%d %b at %H:%M}" if replaced else ""
                return self._log(
                    session,
                    scanned=scanned,
                    verdict=ScanVerdict.REVOKED,
                    reason=f"This badge was replaced by a reprint{when}; ask for the new badge.",
                    attendee=attendee,
                    device_time=device_time,
                    matched_as=resolution.matched_as,
                    replaced_at=replaced,
                )
        if attendee.status == AttendeeStatus.CANCELLED.value:
            return self._log(
                session,
                scanned=scanned,
                verdict=ScanVerdict.CANCELLED,
                reason="This ticket was cancelled or refunded.",
                attendee=attendee,
                device_time=device_time,
                matched_as=resolution.matched_as,
            )
        if standing.inside and not self._facts.reentry_allowed:
            first = standing.first_admitted_at
            when = f" at {to_local(first, tz):%H:%M}" if first else ""
            where = f" at desk “{standing.first_desk}”" if standing.first_desk else ""
            return self._log(
                session,
                scanned=scanned,
                verdict=ScanVerdict.ALREADY_ADMITTED,
                reason=f"Already checked in{when}{where}.",
                attendee=attendee,
                device_time=device_time,
                matched_as=resolution.matched_as,
                first_admitted_at=first,
                first_desk=standing.first_desk,
            )
        reason = "Welcome back (re-entry)." if standing.inside else "Welcome."
        return self._log(
            session,
            scanned=scanned,
            verdict=ScanVerdict.ADMITTED,
            reason=reason,
            attendee=attendee,
            device_time=device_time,
            matched_as=resolution.matched_as,
        )

    def _log(
        self,
        session: Session,
        *,
        scanned: str,
        verdict: ScanVerdict,
        reason: str,
        attendee: _Person | None,
        device_time: datetime,
        matched_as: str = "",
        first_admitted_at: datetime | None = None,
        first_desk: str = "",
        replaced_at: datetime | None = None,
    ) -> Verdict:
        scan_id = str(uuid.uuid4())
        # A Core insert: the scan log is append-only, the ORM's unit of work adds nothing here.
        session.execute(
            insert(Scan).values(
                id=scan_id,
                scanned_text=_loggable(scanned),
                verdict=verdict.value,
                attendee_id=attendee.id if attendee else None,
                desk=self.desk,
                device_time=device_time,
                reason=reason,
                recorded_at=utc_now(),
            )
        )
        # Committed here, before anyone sees the verdict: a shown verdict is a stored scan.
        session.commit()
        tz = self._facts.timezone
        return Verdict(
            verdict=verdict,
            reason=reason,
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


def _loggable(scanned: str) -> str:
    # PostgreSQL text cannot hold NUL; keep everything else exactly as the desk received it.
    return scanned.replace("\x00", "\\x00")[:MAX_LOGGED_CHARS]


def _replaced_at(session: Session, attendee: _Person, check: TokenCheck) -> datetime | None:
    """When the badge that replaced this one was made, if the print log knows."""
    token = check.token
    if token is None:
        return None
    return session.execute(
        select(func.min(BadgePrint.printed_at)).where(
            BadgePrint.attendee_id == attendee.id, BadgePrint.version > token.version
        )
    ).scalar_one_or_none()
