"""What the Badges screen and the attendee list ask about badges before printing any.

Per ticket type, how many registered attendees have their current badge printed; for one
person, when their current badge was printed (printing it again gives a second copy that
works, a reprint revokes it — the window asks which); and whether a logo file can be printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, BadgePrint


@dataclass(frozen=True)
class BadgeCount:
    ticket_type: str
    registered: int
    printed: int  # current badge version printed
    reprinted: int  # on a badge version above 1

    @property
    def unprinted(self) -> int:
        return self.registered - self.printed


def badge_counts(*, doc: EventDocument) -> list[BadgeCount]:
    """One row per ticket type, in the vocabulary's order (unknown types after), zeros included."""
    printed = (
        select(BadgePrint.id)
        .where(BadgePrint.attendee_id == Attendee.id, BadgePrint.version == Attendee.badge_version)
        .exists()
    )
    query = (
        select(
            Attendee.ticket_type,
            func.count(),
            func.count().filter(printed),
            func.count().filter(Attendee.badge_version > 1),
        )
        .where(Attendee.status == AttendeeStatus.REGISTERED.value)
        .group_by(Attendee.ticket_type)
    )
    with doc.session() as session:
        found = {row[0]: BadgeCount(row[0], row[1], row[2], row[3]) for row in session.execute(query)}
    known = [t.value for t in TicketType]
    rows = [found.pop(t, BadgeCount(t, 0, 0, 0)) for t in known]
    return rows + sorted(found.values(), key=lambda c: c.ticket_type)


@dataclass(frozen=True)
class BadgeStatus:
    attendee_id: int
    version: int
    printed_at: datetime | None  # first print of the current version; None: never printed


def badge_status(*, doc: EventDocument, attendee_ids: Sequence[int]) -> dict[int, BadgeStatus]:
    ids = sorted(set(attendee_ids))
    found: dict[int, BadgeStatus] = {}
    first_print = (
        select(func.min(BadgePrint.printed_at))
        .where(BadgePrint.attendee_id == Attendee.id, BadgePrint.version == Attendee.badge_version)
        .scalar_subquery()
    )
    with doc.session() as session:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = session.execute(
                select(Attendee.id, Attendee.badge_version, first_print).where(
                    Attendee.id.in_(chunk)  # type: ignore[union-attr]
                )
            )
            for attendee_id, version, printed_at in rows:
                found[attendee_id] = BadgeStatus(attendee_id, version, printed_at)
    return found


def check_logo(*, path: str | Path) -> None:
    """Raise a `BadgeError` that says why `path` cannot be a badge logo; return if it can."""
    # Imported here: the attendee list asks this module about badges without needing reportlab.
    from eventdesk.exports.badges.batch import raise_logo_unreadable
    from eventdesk.exports.badges.render import load_logo

    source = Path(path).expanduser()
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise_logo_unreadable(source, exc)
    load_logo(data, str(source))
