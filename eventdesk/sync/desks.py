"""The organiser's view of the desks: who is at work, what each still has to send, and the
people admitted twice.

A double admission is read from the scan log, not stored: two admissions of one person with no
undo between them, in an event without re-entry. It can only arise from a desk that decided
offline (online, the hub decides first admissions under a row lock), so deriving it means a
late offline scan is flagged the moment it reaches the hub, with nothing to forget to update.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from eventdesk.domain.enums import ScanVerdict
from eventdesk.domain.event import to_local, utc_now
from eventdesk.i18n import _
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.sync_tables import SyncDesk
from eventdesk.persistence.tables import Attendee, Event, Scan
from eventdesk.services.door.attendance import ATTENDANCE_VERDICTS
from eventdesk.services.door.checkin import display_name
from eventdesk.sync.status import DESK_ACTIVE_SECONDS


@dataclass(frozen=True)
class DeskRow:
    number: int
    name: str
    joined_at: datetime
    last_contact: datetime | None
    unsent_scans: int
    unsent_edits: int
    may_print: bool
    active: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "number": self.number,
            "name": self.name,
            "joined_at": self.joined_at.isoformat(),
            "last_contact": self.last_contact.isoformat() if self.last_contact else None,
            "unsent_scans": self.unsent_scans,
            "unsent_edits": self.unsent_edits,
            "may_print": self.may_print,
            "active": self.active,
        }


@dataclass(frozen=True)
class AdmissionMark:
    desk: str
    at: datetime  # in the event's time zone
    offline: bool

    def text(self) -> str:
        desk = self.desk or _("a desk")
        if self.offline:
            return _("{desk} {time} (offline)", desk=desk, time=self.at.time())
        return _("{desk} {time}", desk=desk, time=self.at.time())


@dataclass(frozen=True)
class DoubleAdmission:
    attendee_id: int
    name: str
    first: AdmissionMark
    second: AdmissionMark

    @property
    def online_both(self) -> bool:
        return not (self.first.offline or self.second.offline)

    def text(self) -> str:
        return _(
            "{name}: admitted twice — {first}, {second}",
            name=self.name,
            first=self.first.text(),
            second=self.second.text(),
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "attendee_id": self.attendee_id,
            "name": self.name,
            "first": {
                "desk": self.first.desk,
                "at": self.first.at.isoformat(),
                "offline": self.first.offline,
            },
            "second": {
                "desk": self.second.desk,
                "at": self.second.at.isoformat(),
                "offline": self.second.offline,
            },
            "text": self.text(),
        }


def list_desks(*, doc: EventDocument) -> list[DeskRow]:
    now = utc_now()
    with Session(doc.engine) as session:
        rows = session.execute(select(SyncDesk).order_by(SyncDesk.name, SyncDesk.number)).scalars().all()
    return [
        DeskRow(
            number=r.number or 0,
            name=r.name,
            joined_at=r.joined_at,
            last_contact=r.last_contact,
            unsent_scans=r.unsent_scans,
            unsent_edits=r.unsent_edits,
            may_print=r.may_print,
            active=r.last_contact is not None
            and (now - r.last_contact).total_seconds() <= DESK_ACTIVE_SECONDS,
        )
        for r in rows
    ]


def double_admissions(*, doc: EventDocument) -> list[DoubleAdmission]:
    """Every second admission without an undo in between, oldest first."""
    with Session(doc.engine) as session:
        timezone, reentry = session.execute(select(Event.timezone, Event.reentry_allowed)).one()
        if reentry:
            return []
        rows = session.execute(
            select(
                Scan.attendee_id, Scan.verdict, Scan.device_time, Scan.desk, Scan.offline,
                Attendee.given_name, Attendee.family_name, Attendee.organisation,
            )
            .join(Attendee, Attendee.id == Scan.attendee_id)
            .where(Scan.verdict.in_(ATTENDANCE_VERDICTS))
            .order_by(Scan.attendee_id, Scan.device_time, Scan.recorded_at)
        ).all()  # fmt: skip
    found: list[DoubleAdmission] = []
    inside: dict[int, AdmissionMark] = {}
    for row in rows:
        if row.verdict == ScanVerdict.UNDONE.value:
            inside.pop(row.attendee_id, None)
            continue
        mark = AdmissionMark(row.desk, to_local(row.device_time, timezone), bool(row.offline))
        first = inside.get(row.attendee_id)
        if first is None:
            inside[row.attendee_id] = mark
            continue
        name = display_name(row.given_name, row.family_name, row.organisation)
        found.append(DoubleAdmission(row.attendee_id, name, first, mark))
    found.sort(key=lambda d: d.second.at)
    return found
