"""Who is inside: derived from the append-only scan log, never stored on the attendee.

An attendee is checked in when their latest *admitted* or *undone* scan is an admission.
Refused scans (already admitted, forged, …) do not change attendance. Scans are ordered by
the desk's device time, then by the time they were recorded, so logs merged from several
desks still agree on who is inside.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import Subquery, func, select
from sqlmodel import Session

from eventdesk.domain.enums import ScanVerdict
from eventdesk.persistence.tables import Scan

ATTENDANCE_VERDICTS = (ScanVerdict.ADMITTED.value, ScanVerdict.UNDONE.value)


def _latest_attendance_scans():  # type: ignore[no-untyped-def]
    ranked = (
        select(
            Scan.attendee_id,
            Scan.verdict,
            Scan.device_time,
            Scan.desk,
            func.row_number()
            .over(
                partition_by=Scan.attendee_id,
                order_by=(Scan.device_time.desc(), Scan.recorded_at.desc()),
            )
            .label("rank"),
        )
        .where(Scan.verdict.in_(ATTENDANCE_VERDICTS), Scan.attendee_id.is_not(None))
        .subquery()
    )
    return select(ranked.c.attendee_id).where(
        ranked.c.rank == 1, ranked.c.verdict == ScanVerdict.ADMITTED.value
    )


def checked_in_subquery() -> Subquery:
    """The ids of the people inside, one row each, for lists that show it beside every person
    (joining this costs one pass over the scans instead of a lookup per row)."""
    return _latest_attendance_scans().subquery("checked_in")


def checked_in_ids(*, session: Session) -> set[int]:
    return set(session.execute(_latest_attendance_scans()).scalars())


def checked_in_count(*, session: Session) -> int:
    return int(
        session.execute(select(func.count()).select_from(_latest_attendance_scans().subquery())).scalar_one()
    )


@dataclass(frozen=True)
class Attendance:
    """One person's standing at the door: inside or not, and their first admission."""

    inside: bool
    first_admitted_at: datetime | None = None
    first_desk: str = ""
    last_admitted_at: datetime | None = None


def attendance_of(*, session: Session, attendee_id: int) -> Attendance:
    rows = session.execute(
        select(Scan.verdict, Scan.device_time, Scan.desk)
        .where(Scan.attendee_id == attendee_id, Scan.verdict.in_(ATTENDANCE_VERDICTS))
        .order_by(Scan.device_time, Scan.recorded_at)
    ).all()
    return attendance_from(rows)


class AttendanceRow(Protocol):
    verdict: str
    device_time: datetime
    desk: str


def attendance_from(rows: Sequence[AttendanceRow]) -> Attendance:
    """One person's standing from their admitted/undone scans, oldest first.

    Separate from the query so the door can read the person and their scans in one query.
    """
    if not rows:
        return Attendance(inside=False)
    admissions = [row for row in rows if row.verdict == ScanVerdict.ADMITTED.value]
    inside = rows[-1].verdict == ScanVerdict.ADMITTED.value
    if not admissions:
        return Attendance(inside=False)
    # After an undo, "first admitted" restarts: the undone entry did not happen.
    last_undo = max((i for i, row in enumerate(rows) if row.verdict == ScanVerdict.UNDONE.value), default=-1)
    current = [row for row in rows[last_undo + 1 :] if row.verdict == ScanVerdict.ADMITTED.value]
    first = current[0] if current else None
    return Attendance(
        inside=inside,
        first_admitted_at=first.device_time if first else None,
        first_desk=first.desk if first else "",
        last_admitted_at=admissions[-1].device_time,
    )
