"""How long the event keeps personal data (GDPR Art. 5(1)(e), storage limitation).

The default follows what lead-retrieval services promise exhibitors: 30 days after the
event's last day. From that date the window shows a banner until the organiser anonymises.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from eventdesk.domain.errors import ValidationError
from eventdesk.domain.event import to_local, utc_now, zone
from eventdesk.i18n import _
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Event
from eventdesk.services.hub_only import refuse_at_desk

DEFAULT_RETENTION_DAYS = 30


def default_retention(ends_at: datetime, timezone: str) -> datetime:
    """Midnight (event time) at the start of the 30th day after the last day."""
    last_day = to_local(ends_at, timezone).date()
    return datetime.combine(last_day + timedelta(days=DEFAULT_RETENTION_DAYS), time(0), zone(timezone))


@dataclass(frozen=True)
class RetentionStatus:
    retention_local: datetime
    is_default: bool
    anonymised_local: datetime | None
    now_local: datetime

    @property
    def anonymised(self) -> bool:
        return self.anonymised_local is not None

    @property
    def overdue(self) -> bool:
        """The banner: the date has come and personal data is still there."""
        return not self.anonymised and self.now_local >= self.retention_local

    @property
    def banner(self) -> str:
        return _(
            "This event keeps personal data until {day}; that date has passed. Anonymise it "
            "(Event › Privacy › Anonymise personal data…) to keep only the figures.",
            day=self.retention_local.date(),
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "retention_until": self.retention_local.isoformat(timespec="minutes"),
            "is_default": self.is_default,
            "anonymised_at": self.anonymised_local.isoformat(timespec="seconds")
            if self.anonymised_local
            else None,
            "overdue": self.overdue,
        }


def retention_status(*, doc: EventDocument, now: datetime | None = None) -> RetentionStatus:
    with doc.session() as session:
        event = session.execute(select(Event)).scalar_one()
        tz = event.timezone
        chosen = event.retention_until
        until = to_local(chosen, tz) if chosen else default_retention(event.ends_at, tz)
        return RetentionStatus(
            retention_local=until,
            is_default=chosen is None,
            anonymised_local=to_local(event.anonymised_at, tz) if event.anonymised_at else None,
            now_local=to_local(now or utc_now(), tz),
        )


def set_retention(*, doc: EventDocument, until: date | None) -> RetentionStatus:
    """A chosen retention day (event time, start of day), or None for the default."""
    with doc.session() as session:
        refuse_at_desk(session)
        event = session.execute(select(Event)).scalar_one()
        if until is None:
            event.retention_until = None
        else:
            last_day = to_local(event.ends_at, event.timezone).date()
            if until <= last_day:
                raise ValidationError(
                    _("The retention date must come after the event's last day ({day}).", day=last_day)
                )
            event.retention_until = datetime.combine(until, time(0), zone(event.timezone))
        session.add(event)
    return retention_status(doc=doc)
