"""Rows of an availability list → windows in which an attendee or a company can meet.

Columns: `attendee` (e-mail or id) or `company` (name or id), `from` and `to` — a time
(HH:MM on the matchmaking day) or a full date and time, in the event's time zone. The
windows in a file replace those of each person or company it names, so importing it twice
changes nothing. As with wishes, one row naming someone unknown refuses the whole file.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import delete, or_, select
from sqlmodel import Session

from eventdesk.domain.changes import Entity
from eventdesk.domain.event import to_local, to_utc
from eventdesk.persistence.tables import Availability, Event, MatchmakingSetup
from eventdesk.services.importing.fields import FieldSpec
from eventdesk.services.importing.kinds import ImportContext, ImportKind, SinkResult
from eventdesk.services.importing.rows import MappedRow
from eventdesk.services.importing.wishes import (
    ATTENDEE_FIELD,
    COMPANY_FIELD,
    Directory,
    MatchmakingImportError,
    header_keys,
    refuse_if_rejected,
    reject_cell,
)

AVAILABILITY_FIELDS: tuple[FieldSpec, ...] = (
    ATTENDEE_FIELD,
    COMPANY_FIELD,
    FieldSpec("from", "Available from", header_keys("from", "available from", "start", "starts", "van")),
    FieldSpec("to", "Available until", header_keys("to", "available to", "until", "end", "ends", "tot")),
)


def _moment(text: str, day: date, timezone: str) -> datetime | None:
    text = text.strip()
    try:
        if len(text) <= 5:
            hours, minutes = text.replace(".", ":").split(":")
            local = datetime.combine(day, time(int(hours), int(minutes)))
        else:
            local = datetime.fromisoformat(text)
    except ValueError:
        return None
    return to_utc(local, timezone)


class AvailabilitySink:
    def __init__(self, session: Session, context: ImportContext) -> None:
        self.session = session
        self.context = context
        self.report = context.report
        self.who = Directory.load(session)
        event = session.execute(select(Event)).scalar_one()
        self.timezone = event.timezone
        setup = session.execute(select(MatchmakingSetup)).scalars().first()
        first = setup.first_start if setup else event.starts_at
        self.day = to_local(first, self.timezone).date()
        self.windows: list[Availability] = []
        self.checked = False

    def add(self, row: MappedRow) -> None:
        if not self.checked:
            require = ("from", "to")
            missing = [n for n in require if not row.fields.columns.get(n)]
            if missing or not (row.fields.columns.get("attendee") or row.fields.columns.get("company")):
                raise MatchmakingImportError(
                    "An availability file needs an attendee or a company column and the columns "
                    "from and to; choose them in the mapping step (or pass --mapping)."
                )
            self.checked = True
        rejected = 0

        def reject(field: str, reason: str) -> None:
            nonlocal rejected
            rejected += 1
            reject_cell(self.report, row, field, reason, first=rejected == 1)

        attendee = company = None
        if row.value("attendee"):
            attendee, why = self.who.attendee(row.value("attendee"))
            if attendee is None:
                reject("attendee", why)
        elif row.value("company"):
            company, why = self.who.company(row.value("company"))
            if company is None:
                reject("company", why)
        else:
            reject("attendee", "neither an attendee nor a company is given")
        start = _moment(row.value("from"), self.day, self.timezone)
        end = _moment(row.value("to"), self.day, self.timezone)
        for field, value in (("from", start), ("to", end)):
            if value is None:
                reject(field, f"'{row.value(field)}' is not a time (HH:MM)")
        if start is not None and end is not None and end <= start:
            reject("to", f"the window ends before it starts ({row.value('from')})")
        if rejected or start is None or end is None:
            return
        self.windows.append(
            Availability(
                attendee_id=attendee,
                company_id=company,
                available_from=start.astimezone(UTC),
                available_to=end.astimezone(UTC),
            )
        )

    def finish(self) -> SinkResult:
        refuse_if_rejected(self.report, self.context.path.name)
        people = {w.attendee_id for w in self.windows if w.attendee_id is not None}
        firms = {w.company_id for w in self.windows if w.company_id is not None}
        replaced = or_(Availability.attendee_id.in_(people), Availability.company_id.in_(firms))
        old = list(self.session.execute(select(Availability).where(replaced)).scalars())
        if old:
            self.context.recorder.deleted(Availability, [w.model_dump() for w in old])
            self.session.execute(delete(Availability).where(replaced))
            self.report.updated = len({(w.attendee_id, w.company_id) for w in old})
        self.session.add_all(self.windows)
        self.session.flush()
        self.report.created = len(self.windows)
        self.context.recorder.created(Availability, [w.id for w in self.windows])
        return SinkResult()


AVAILABILITY = ImportKind(
    name="availability",
    label="Matchmaking availability",
    fields=AVAILABILITY_FIELDS,
    platforms=(),
    entities=frozenset({Entity.MEETINGS}),
    start=AvailabilitySink,
    needs_one_of=("attendee", "company"),
)
