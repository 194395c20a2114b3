"""One sync round for a desk replica: push the outbox, pull the feed, report to the hub.

`DeskSync` owns the desk's engine on the hub and the current `SyncStatus`. A round that cannot
reach the hub changes nothing locally except "offline since"; the next round simply tries
again. The loop (`sync.loop`) and `eventdesk sync` both run rounds through this one class.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine, func, select, update

from eventdesk.domain.event import utc_now
from eventdesk.i18n import _, ngettext
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.sync_tables import SyncDesk, SyncReplica
from eventdesk.persistence.tables import Event
from eventdesk.services.search import attendees_changed
from eventdesk.sync import outbox
from eventdesk.sync.link import (
    HubSchemaError,
    check_hub_schema,
    first_line,
    hub_engine,
    is_connection_problem,
    is_desk_disk_full,
)
from eventdesk.sync.pull import PullReport, pull
from eventdesk.sync.push import PushReport, push
from eventdesk.sync.replica import ReplicaInfo, require_replica
from eventdesk.sync.status import DESK_ACTIVE_SECONDS, SyncStatus
from eventdesk.sync.wording import rows_moved


def disk_full_sentence() -> str:
    return _(
        "The disk of this desk is full: other desks' changes cannot be received until space is freed "
        "on it; nothing recorded here is lost, and it still goes to the hub."
    )


@dataclass
class RoundReport:
    reached: bool
    sent: PushReport = field(default_factory=PushReport)
    received: PullReport = field(default_factory=PullReport)
    problem: str = ""
    # The round stopped for a reason the hub's answer cannot change (a full disk here, a hub
    # on another schema): `problem` is the whole sentence.
    blocked: bool = False

    def summary(self) -> str:
        if self.blocked:
            return self.problem
        if not self.reached:
            return _(
                "The hub was not reached ({problem}); everything stays queued on this desk.",
                problem=self.problem,
            )
        s = self.sent
        r = self.received
        sent = [
            ngettext("{n} scan", "{n} scans", s.scans),
            ngettext("{n} walk-in", "{n} walk-ins", s.walk_ins),
            ngettext("{n} edited field", "{n} edited fields", s.edits),
            *(rows_moved(t, n) for t, n in sorted(s.rows.items())),
        ]
        kept = (
            ngettext(
                " ({n} older than the hub's and kept as history)",
                " ({n} older than the hub's and kept as history)",
                s.edits_kept_as_history,
            )
            if s.edits_kept_as_history
            else ""
        )
        got = [rows_moved(t, n) for t, n in sorted(r.rows.items()) if n]
        if r.deleted:
            got.append(ngettext("{n} removed", "{n} removed", r.deleted))
        return _(
            "Hub reached: sent {sent}{kept}; received {received}.",
            sent=", ".join(sent),
            kept=kept,
            received=", ".join(got) or _("no changes"),
        )


class DeskSync:
    """A replica's link to its hub; thread-safe, one round at a time."""

    def __init__(self, doc: EventDocument, info: ReplicaInfo | None = None) -> None:
        self.doc = doc
        self.info = info or require_replica(doc)
        with doc.engine.connect() as conn:
            row = conn.execute(select(SyncReplica.last_sync_at, SyncReplica.offline_since)).first()
            self.timezone = conn.execute(select(Event.timezone)).scalar_one()
            has_key = conn.execute(select(Event.signing_key)).scalar() is not None
            scans, edits = outbox.unsent_counts(conn)
        self.keep_signing_key = has_key
        self.engine: Engine = hub_engine(
            self.info.hub_url, dict(self.info.connect_args), self.info.certificate_pem
        )
        self._lock = threading.Lock()
        self._schema_checked = False
        self.status = SyncStatus(
            online=False,
            last_sync_at=row.last_sync_at if row else None,
            offline_since=(row.offline_since or utc_now()) if row else utc_now(),
            unsent_scans=scans,
            unsent_edits=edits,
            timezone=self.timezone,
        )

    def close(self) -> None:
        self.engine.dispose()

    @property
    def where(self) -> str:
        from sqlalchemy.engine import make_url

        url = make_url(self.info.hub_url)
        return f"{url.host}:{url.port}"

    def run_round(self) -> RoundReport:
        with self._lock:
            try:
                if not self._schema_checked:
                    check_hub_schema(self.engine, self.where)
                    self._schema_checked = True
                sent = push(self.doc.engine, self.engine, desk_number=self.info.desk_number)
                received = pull(self.doc.engine, self.engine, keep_signing_key=self.keep_signing_key)
                # Lists reload when the window hears of the round; the name search (the door's,
                # the booth's) holds its own index, which learns of other desks' people here.
                attendees_changed(self.doc, received.attendee_ids)
                if not sent.total:
                    from eventdesk.sync.push import report_contact

                    report_contact(self.doc.engine, self.engine, desk_number=self.info.desk_number)
                desks = self._active_desks()
            except HubSchemaError as exc:
                return self._offline(
                    _("{problem} Everything stays queued on this desk.", problem=str(exc)), shown=True
                )
            except Exception as exc:
                if is_desk_disk_full(exc):
                    return self._offline(disk_full_sentence(), shown=True)
                if not is_connection_problem(exc):
                    raise
                return self._offline(first_line(exc))
            with self.doc.engine.connect() as conn:
                scans, edits = outbox.unsent_counts(conn)
            self.status = SyncStatus(
                online=True,
                desks=desks,
                last_sync_at=utc_now(),
                unsent_scans=scans,
                unsent_edits=edits,
                timezone=self.timezone,
            )
            return RoundReport(True, sent, received)

    def _active_desks(self) -> int:
        since = utc_now() - timedelta(seconds=DESK_ACTIVE_SECONDS)
        with self.engine.connect() as hub:
            return int(hub.execute(select(func.count()).where(SyncDesk.last_contact >= since)).scalar_one())

    def _offline(self, problem: str, *, shown: bool = False) -> RoundReport:
        # After any gap the hub may come back upgraded (the host restarted on a newer eventdesk).
        self._schema_checked = False
        previous = self.status
        since = previous.offline_since if not previous.online and previous.offline_since else utc_now()
        try:
            with self.doc.engine.begin() as conn:
                conn.execute(update(SyncReplica).values(offline_since=since))
        except Exception as exc:
            if not is_desk_disk_full(exc):
                raise
            problem, shown = disk_full_sentence(), True  # "offline since" is shown from memory meanwhile
        with self.doc.engine.connect() as conn:
            scans, edits = outbox.unsent_counts(conn)
        self.status = SyncStatus(
            online=False,
            desks=0,
            last_sync_at=previous.last_sync_at,
            offline_since=since,
            unsent_scans=scans,
            unsent_edits=edits,
            problem=problem if shown else "",
            timezone=self.timezone,
        )
        return RoundReport(False, problem=problem, blocked=shown)

    def mark_offline(self, problem: str = "") -> None:
        """The door saw the hub miss its budget: show it at once, before the next round."""
        if self.status.online:
            self._offline(problem)

    def note_queued(self, scans: int = 1) -> None:
        """A scan was queued at this desk: count it without asking the database."""
        s = self.status
        self.status = dataclasses.replace(s, unsent_scans=s.unsent_scans + scans)

    def refresh_counts(self) -> None:
        with self.doc.engine.connect() as conn:
            scans, edits = outbox.unsent_counts(conn)
        s = self.status
        self.status = SyncStatus(
            s.online, s.desks, s.last_sync_at, s.offline_since, scans, edits, s.problem, s.timezone
        )


def last_sync(doc: EventDocument) -> datetime | None:
    with doc.engine.connect() as conn:
        return conn.execute(select(SyncReplica.last_sync_at)).scalar()
