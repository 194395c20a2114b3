"""Whether an open event document is an exhibitor kit, and whose.

Apart from `services.leads.kits` (which makes and merges kits and pulls in the lead, contact and
token machinery): the window asks this of every document it opens, before its first paint,
and must not pay for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlmodel import Session

from eventdesk.domain.event import to_local
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Company, Event, KitInfo


@dataclass(frozen=True)
class KitSummary:
    """What the app shows about an open kit (`kit_info` returns None for the organiser's event)."""

    company_id: int
    company_name: str
    event_name: str
    source_event_code: str
    made_at: datetime


def kit_info(*, doc: EventDocument) -> KitSummary | None:
    with doc.session() as session:
        return kit_summary(session)


def kit_summary(session: Session) -> KitSummary | None:
    kit = session.execute(select(KitInfo)).scalars().first()
    if kit is None:
        return None
    event = session.execute(select(Event.name, Event.timezone)).one()
    company = session.get(Company, kit.company_id)
    return KitSummary(
        company_id=kit.company_id,
        company_name=company.name if company else f"company #{kit.company_id}",
        event_name=event.name,
        source_event_code=kit.source_event_code,
        made_at=to_local(kit.made_at, event.timezone),
    )
