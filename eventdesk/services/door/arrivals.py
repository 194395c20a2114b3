"""What the door has seen: arrivals over time, the desks at work, who is inside, recent scans.

All of it is read from the scan log, so several desks on one event (or merged logs) agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from eventdesk.domain.enums import AttendeeStatus, ScanVerdict, TicketType
from eventdesk.domain.event import to_local
from eventdesk.domain.names import display_name
from eventdesk.i18n.stored import shown
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Event, Scan
from eventdesk.services.door.attendance import checked_in_count, checked_in_ids, checked_in_subquery

BUCKET_MINUTES = 15


@dataclass(frozen=True)
class ArrivalBucket:
    starts: datetime  # local time of the event
    admitted: int


@dataclass(frozen=True)
class DeskActivity:
    desk: str
    scans: int
    admitted: int
    last_scan: datetime  # local time


@dataclass(frozen=True)
class PersonInside:
    attendee_id: int
    name: str
    family_name: str
    organisation: str
    ticket_type: str
    admitted_at: datetime  # local time
    desk: str


@dataclass(frozen=True)
class RecentScan:
    scan_id: str
    when: datetime  # local time
    verdict: ScanVerdict
    name: str
    desk: str
    reason: str
    attendee_id: int | None = None  # who the scan named, so the desk can undo a check-in


def _timezone(doc: EventDocument) -> str:
    with doc.session() as session:
        return session.execute(select(Event.timezone)).scalar_one()


def arrivals_by_quarter(*, doc: EventDocument) -> list[ArrivalBucket]:
    """Admissions per quarter hour, with empty quarters in between kept (a chart needs them).

    Quarters are counted in UTC and shown in local time: every time zone an event can be in
    is offset by whole quarter hours, and UTC has no summer-time jumps to step over.
    """
    tz = _timezone(doc)
    with doc.session() as session:
        times = session.execute(
            select(Scan.device_time).where(Scan.verdict == ScanVerdict.ADMITTED.value)
        ).scalars()
        counts: dict[datetime, int] = {}
        for moment in times:
            start = moment.replace(
                minute=moment.minute - moment.minute % BUCKET_MINUTES, second=0, microsecond=0
            )
            counts[start] = counts.get(start, 0) + 1
    if not counts:
        return []
    step = timedelta(minutes=BUCKET_MINUTES)
    buckets = []
    current, last = min(counts), max(counts)
    while current <= last:
        buckets.append(ArrivalBucket(to_local(current, tz), counts.get(current, 0)))
        current += step
    return buckets


def desks_seen(*, doc: EventDocument) -> list[DeskActivity]:
    tz = _timezone(doc)
    with doc.session() as session:
        rows = session.execute(
            select(
                Scan.desk,
                func.count(),
                func.count().filter(Scan.verdict == ScanVerdict.ADMITTED.value),
                func.max(Scan.device_time),
            )
            .group_by(Scan.desk)
            .order_by(Scan.desk)
        ).all()
    return [DeskActivity(desk, scans, ok, to_local(last, tz)) for desk, scans, ok, last in rows]


def people_inside(*, doc: EventDocument) -> list[PersonInside]:
    """Who is in the building now, for the fire marshal: alphabetical by family name."""
    tz = _timezone(doc)
    with doc.session() as session:
        inside = checked_in_ids(session=session)
        if not inside:
            return []
        latest = (
            select(Scan.attendee_id, func.max(Scan.device_time).label("at"))
            .where(Scan.verdict == ScanVerdict.ADMITTED.value)
            .group_by(Scan.attendee_id)
            .subquery()
        )
        rows = session.execute(
            select(
                Attendee.id,
                Attendee.given_name,
                Attendee.family_name,
                Attendee.organisation,
                Attendee.ticket_type,
                latest.c.at,
                Scan.desk,
            )
            .join(latest, latest.c.attendee_id == Attendee.id)
            .join(Scan, (Scan.attendee_id == Attendee.id) & (Scan.device_time == latest.c.at))
            .where(Attendee.id.in_(inside))
        ).all()
    people: dict[int, PersonInside] = {}
    for attendee_id, given, family, organisation, ticket, at, desk in rows:
        people.setdefault(
            attendee_id,
            PersonInside(
                attendee_id,
                display_name(given, family, organisation),
                family,
                organisation,
                ticket,
                to_local(at, tz),
                desk,
            ),
        )
    return sorted(people.values(), key=lambda p: (p.family_name.casefold(), p.name.casefold()))


def recent_scans(*, doc: EventDocument, desk: str | None = None, limit: int = 10) -> list[RecentScan]:
    tz = _timezone(doc)
    query = (
        select(
            Scan.id,
            Scan.device_time,
            Scan.verdict,
            Scan.desk,
            Scan.reason,
            Scan.reason_message,
            Scan.attendee_id,
            Attendee.given_name,
            Attendee.family_name,
            Attendee.organisation,
        )
        .outerjoin(Attendee, Attendee.id == Scan.attendee_id)
        .order_by(Scan.device_time.desc(), Scan.recorded_at.desc())
        .limit(limit)
    )
    if desk is not None:
        query = query.where(Scan.desk == desk)
    with doc.session() as session:
        rows = session.execute(query).all()
    return [
        RecentScan(
            scan_id=row.id,
            when=to_local(row.device_time, tz),
            verdict=ScanVerdict(row.verdict),
            name=display_name(row.given_name or "", row.family_name or "", row.organisation or "")
            if row.given_name is not None
            else "",
            desk=row.desk,
            reason=shown(row.reason, row.reason_message),
            attendee_id=row.attendee_id,
        )
        for row in rows
    ]


def scan_log_mark(*, doc: EventDocument) -> tuple[int, datetime | None]:
    """A cheap fingerprint of the scan log (rows, newest record), for desks that poll.

    Another desk on a shared PostgreSQL event writes scans this desk never hears about;
    comparing the mark every few seconds tells the screens when to reload.
    """
    with doc.session() as session:
        count, newest = session.execute(select(func.count(), func.max(Scan.recorded_at))).one()
    return int(count), newest


@dataclass(frozen=True)
class DoorCount:
    checked_in: int
    registered: int


def door_count(*, doc: EventDocument) -> DoorCount:
    """The desk's big counter: who is inside of everyone with a valid ticket.

    Two counts rather than the dashboard's full statistics: the desk refreshes it after
    every scan.
    """
    with doc.session() as session:
        registered = session.execute(
            select(func.count())
            .select_from(Attendee)
            .where(Attendee.status == AttendeeStatus.REGISTERED.value)
        ).scalar_one()
        return DoorCount(checked_in_count(session=session), int(registered))


def checked_in_by_ticket_type(*, doc: EventDocument) -> dict[str, int]:
    """Who is inside per ticket type (every type present, zero included), for the dashboard."""
    with doc.session() as session:
        inside = checked_in_subquery()
        rows = session.execute(
            select(Attendee.ticket_type, func.count())
            .join(inside, inside.c.attendee_id == Attendee.id)
            .group_by(Attendee.ticket_type)
        ).all()
    return {ticket.value: 0 for ticket in TicketType} | {ticket: int(count) for ticket, count in rows}
