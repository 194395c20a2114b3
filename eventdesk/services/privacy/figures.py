"""The figures an organiser needs for next year's report, which anonymising must keep.

Computed only from rows that anonymising keeps (ticket types, scan verdicts and times,
meeting and lead rows per company), so the same function gives the same answer before and
after: that is how the tests, and the organiser, see that nothing they need was lost.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import func, select

from eventdesk.domain.enums import AttendeeStatus, ScanVerdict
from eventdesk.domain.event import to_local
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Company, Event, Lead, Meeting, Scan

BUCKET_MINUTES = 15


@dataclass(frozen=True)
class ReportFigures:
    by_ticket_type: dict[str, int]
    arrivals_per_15_minutes: dict[str, int]
    meetings_per_company: dict[str, int]
    leads_per_company: dict[str, int]
    registered: int
    arrived: int

    @property
    def no_show_rate(self) -> float:
        return 0.0 if self.registered == 0 else round(1 - self.arrived / self.registered, 4)

    def as_dict(self) -> dict[str, object]:
        return asdict(self) | {"no_show_rate": self.no_show_rate}


def _bucket(moment: datetime, tz: str) -> str:
    local = to_local(moment, tz)
    return local.replace(
        minute=local.minute - local.minute % BUCKET_MINUTES, second=0, microsecond=0
    ).strftime("%Y-%m-%d %H:%M")


def report_figures(*, doc: EventDocument) -> ReportFigures:
    with doc.session() as session:
        tz = session.execute(select(Event.timezone)).scalar_one()
        registered = AttendeeStatus.REGISTERED.value
        by_type = dict(
            session.execute(
                select(Attendee.ticket_type, func.count())
                .where(Attendee.status == registered)
                .group_by(Attendee.ticket_type)
            ).all()
        )
        first_in = session.execute(
            select(Scan.attendee_id, func.min(Scan.device_time))
            .where(Scan.verdict == ScanVerdict.ADMITTED.value, Scan.attendee_id.is_not(None))  # type: ignore[union-attr]
            .group_by(Scan.attendee_id)
        ).all()
        arrivals = Counter(_bucket(when, tz) for _, when in first_in)
        names = dict(session.execute(select(Company.id, Company.name)).all())
        meetings = dict(
            session.execute(select(Meeting.company_id, func.count()).group_by(Meeting.company_id)).all()
        )
        leads = dict(session.execute(select(Lead.company_id, func.count()).group_by(Lead.company_id)).all())
        registered_count = sum(by_type.values())
        arrived = session.execute(
            select(func.count(func.distinct(Scan.attendee_id)))
            .join(Attendee, Attendee.id == Scan.attendee_id)
            .where(Scan.verdict == ScanVerdict.ADMITTED.value, Attendee.status == registered)
        ).scalar_one()
        return ReportFigures(
            by_ticket_type=dict(sorted(by_type.items())),
            arrivals_per_15_minutes=dict(sorted(arrivals.items())),
            meetings_per_company={names.get(k, f"#{k}"): v for k, v in sorted(meetings.items())},
            leads_per_company={names.get(k, f"#{k}"): v for k, v in sorted(leads.items())},
            registered=registered_count,
            arrived=arrived,
        )
