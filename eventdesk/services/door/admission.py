"""A person's first admission, decided once however many desks scan them at the same instant.

Reading "already inside?" and then writing the admission is a race unless nothing can come
between the two. The decision therefore runs with the attendee locked: on PostgreSQL the
attendee's row is locked (`SELECT … FOR NO KEY UPDATE`, which still lets other transactions
insert scans that point at the row), and the standing is read in a *second* statement, because
under READ COMMITTED a statement that waited for the lock still sees the snapshot it started
with, without the admission it waited for. On SQLite the caller's transaction began
IMMEDIATE (`EventDocument.door_session`), which takes the whole file's write lock first.

The same `admit_first` runs wherever the decision is made: at a desk on its own event file or
directly on the server, and in the hub for scans desks send it. The scan's UUID makes it
idempotent: a scan sent twice is stored once, and the second call returns the first verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any, NamedTuple

from sqlalchemy import Select, insert, or_, select
from sqlmodel import Session

from eventdesk.domain.enums import AttendeeStatus, ScanVerdict
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.event import to_local, utc_now
from eventdesk.domain.tokens import TokenCheck, TokenStatus
from eventdesk.i18n import N_, Message, gettext, message
from eventdesk.i18n.stored import dump_message, load_message
from eventdesk.persistence.tables import Attendee, Event, Scan
from eventdesk.services.door.attendance import ATTENDANCE_VERDICTS, attendance_from

MAX_LOGGED_CHARS = 4096


class DoorPerson(NamedTuple):
    """What the door needs of an attendee, read in the statement that locks them."""

    id: int
    given_name: str
    family_name: str
    organisation: str
    ticket_type: str
    status: str
    badge_version: int
    erased_at: datetime | None = None  # erased on request (GDPR Art. 17): the badge is withdrawn


_PERSON_COLUMNS = (
    Attendee.id,
    Attendee.given_name,
    Attendee.family_name,
    Attendee.organisation,
    Attendee.ticket_type,
    Attendee.status,
    Attendee.badge_version,
    Attendee.erased_at,
)


@dataclass(frozen=True)
class DoorRules:
    """The event's rules the decision depends on; read once per desk, or per call in the hub."""

    timezone: str
    reentry_allowed: bool

    @classmethod
    def of_event(cls, session: Session) -> DoorRules:
        timezone, reentry = session.execute(select(Event.timezone, Event.reentry_allowed)).one()
        return cls(timezone, reentry)


@dataclass(frozen=True)
class Admission:
    """Admitted, or already inside (since when, by which desk); times in UTC as stored."""

    verdict: ScanVerdict
    scan_id: str
    reason: str
    first_admitted_at: datetime | None = None
    first_desk: str = ""
    already_logged: bool = False
    """This scan's UUID was in the log already (a repeated push): nothing was written."""
    message: Message | None = field(default=None, compare=False, repr=False)
    """The reason with its values, for a display in another language (None: read from the log)."""

    @property
    def admitted(self) -> bool:
        return self.verdict is ScanVerdict.ADMITTED


class Barrier(Enum):
    """Why a known person is turned away before their standing is looked at."""

    ERASED = "erased"
    REPLACED_BADGE = "replaced badge"
    CANCELLED = "cancelled"


def barrier(person: DoorPerson, token: TokenCheck | None) -> Barrier | None:
    """The refusals that come before the standing, in the order the door says them; one
    function so the hub's pipelined path and every desk refuse exactly the same people."""
    if person.erased_at is not None:
        return Barrier.ERASED
    if token is not None and token.against_version(person.badge_version).status is TokenStatus.REVOKED:
        return Barrier.REPLACED_BADGE
    if person.status == AttendeeStatus.CANCELLED.value:
        return Barrier.CANCELLED
    return None


def lock_attendee(session: Session, attendee_id: int) -> DoorPerson | None:
    """The attendee, locked until the transaction ends (nothing to lock on SQLite, whose
    door transaction holds the file's write lock already)."""
    row = session.execute(
        select(*_PERSON_COLUMNS).where(Attendee.id == attendee_id).with_for_update(key_share=True)
    ).first()
    return DoorPerson(*row) if row is not None else None


def admit_first(
    session: Session,
    *,
    attendee_id: int,
    scan_id: str,
    desk: str,
    at: datetime,
    scanned_text: str = "",
    rules: DoorRules | None = None,
) -> Admission:
    """Admit the attendee unless they are inside already, and log the scan; the caller commits.

    Raises `ValidationError` when the event has no such attendee.
    """
    person = lock_attendee(session, attendee_id)
    if person is None:
        raise ValidationError(gettext("There is no attendee #{id} in this event.", id=attendee_id))
    return decide_locked(
        session,
        person=person,
        scan_id=scan_id,
        desk=desk,
        at=at,
        scanned_text=scanned_text or f"#{attendee_id}",
        rules=rules or DoorRules.of_event(session),
    )


def decide_locked(
    session: Session,
    *,
    person: DoorPerson,
    scan_id: str,
    desk: str,
    at: datetime,
    scanned_text: str,
    rules: DoorRules,
) -> Admission:
    """`admit_first` for a caller that holds the lock (`lock_attendee`) and has checked the badge."""
    rows = session.execute(standing_query(person.id, scan_id)).all()
    outcome = decide_from_rows(rows, scan_id=scan_id, rules=rules)
    if not outcome.already_logged:
        log_scan(
            session,
            scan_id=scan_id,
            scanned=scanned_text,
            verdict=outcome.verdict,
            attendee_id=person.id,
            desk=desk,
            device_time=at,
            reason=outcome.reason,
            reason_message=outcome.message,
        )
    return outcome


def standing_query(attendee_id: int, scan_id: str) -> Select[Any]:
    """One query for the person's standing and for "was this very scan stored already?"; it
    must run as a statement of its own after the lock was taken (see the module's docstring)."""
    return (
        select(Scan.id, Scan.verdict, Scan.device_time, Scan.desk, Scan.reason, Scan.reason_message)
        .where(
            Scan.attendee_id == attendee_id, or_(Scan.verdict.in_(ATTENDANCE_VERDICTS), Scan.id == scan_id)
        )
        .order_by(Scan.device_time, Scan.recorded_at)
    )


def decide_from_rows(rows: Sequence[Any], *, scan_id: str, rules: DoorRules) -> Admission:
    """The decision itself, from `standing_query`'s rows (no database): shared by the door's
    session path and the hub's pipelined one (`sync.hub_verdict`), so both judge alike."""
    earlier = [row for row in rows if row.id != scan_id and row.verdict in ATTENDANCE_VERDICTS]
    standing = attendance_from(earlier)
    repeat = next((row for row in rows if row.id == scan_id), None)
    if repeat is not None:
        return Admission(
            verdict=ScanVerdict(repeat.verdict),
            scan_id=scan_id,
            reason=repeat.reason,
            first_admitted_at=standing.first_admitted_at,
            first_desk=standing.first_desk,
            already_logged=True,
            message=load_message(repeat.reason_message) if repeat.reason_message else None,
        )
    if standing.inside and not rules.reentry_allowed:
        first = standing.first_admitted_at
        why = already_reason(to_local(first, rules.timezone) if first else None, standing.first_desk)
        outcome = Admission(
            verdict=ScanVerdict.ALREADY_ADMITTED,
            scan_id=scan_id,
            reason=why.render(),
            first_admitted_at=first,
            first_desk=standing.first_desk,
            message=why,
        )
    else:
        why = message("Welcome back (re-entry).") if standing.inside else message(WELCOME)
        outcome = Admission(verdict=ScanVerdict.ADMITTED, scan_id=scan_id, reason=why.render(), message=why)
    return outcome


WELCOME = N_("Welcome.")


def logged_reason(outcome: Admission) -> dict[str, str | None]:
    """The `reason` and `reason_message` columns of an outcome's scan row (see `log_scan`)."""
    if outcome.message is None:
        return {"reason": outcome.reason, "reason_message": None}
    return {"reason": outcome.message.source(), "reason_message": dump_message(outcome.message)}


def already_reason(first: datetime | None, desk: str) -> Message:
    """Four whole sentences, not one built from fragments: word order differs per language."""
    if first and desk:
        return message("Already checked in at {time} at desk “{desk}”.", time=first.time(), desk=desk)
    if first:
        return message("Already checked in at {time}.", time=first.time())
    if desk:
        return message("Already checked in at desk “{desk}”.", desk=desk)
    return message("Already checked in.")


def log_scan(
    session: Session,
    *,
    scan_id: str,
    scanned: str,
    verdict: ScanVerdict,
    attendee_id: int | None,
    desk: str,
    device_time: datetime,
    reason: str,
    reason_message: Message | None = None,
) -> None:
    """Append one row to the scan log (a Core insert: the log is append-only, the ORM's unit
    of work adds nothing here). A reason given as a message is kept as one, with its English
    sentence beside it, so each desk reads the log in its own language."""
    session.execute(
        insert(Scan).values(
            id=scan_id,
            scanned_text=loggable(scanned),
            verdict=verdict.value,
            attendee_id=attendee_id,
            desk=desk,
            device_time=device_time,
            reason=reason_message.source() if reason_message is not None else reason,
            reason_message=dump_message(reason_message) if reason_message is not None else None,
            recorded_at=utc_now(),
        )
    )


def loggable(scanned: str) -> str:
    # PostgreSQL text cannot hold NUL; keep everything else exactly as the desk received it.
    return scanned.replace("\x00", "\\x00")[:MAX_LOGGED_CHARS]
