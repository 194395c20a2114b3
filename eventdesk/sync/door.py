"""The door at a desk replica: the hub decides while it answers in time, the replica otherwise.

While the hub answers within the budget (250 ms), a scan is judged *in the hub* by the same
`CheckInDesk` every desk uses, whose first admission is taken under a row lock — two online
desks never both admit one badge — and the hub's scan row is copied into the replica at once.
When the hub is known to be offline, or misses the budget, the replica judges the scan itself
with the same rules and the scan is queued for the hub, marked offline. A verdict never waits
on the network for longer than the budget, and the volunteer does nothing different.

The late case is covered too: a hub call that misses the budget may still commit in the hub.
Both decisions carry the same scan UUID, so the hub keeps one row, and the push sets it to
what this desk showed (the person was told that verdict and acted on it).
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import replace
from datetime import datetime

from sqlalchemy import Connection, insert, select

from eventdesk.domain.errors import EventdeskError
from eventdesk.domain.event import utc_now
from eventdesk.i18n.stored import dump_message
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Scan
from eventdesk.services.door.admission import loggable
from eventdesk.services.door.checkin import CheckInDesk, Verdict
from eventdesk.sync import outbox
from eventdesk.sync.hub_verdict import HubCheckIn
from eventdesk.sync.link import is_connection_problem
from eventdesk.sync.rounds import DeskSync

ONLINE_BUDGET_S = 0.25


class ReplicaDoor:
    """Drop-in for `CheckInDesk` on a replica: `scan`, `admit`, `undo`, `timezone`."""

    def __init__(
        self,
        *,
        doc: EventDocument,
        sync: DeskSync,
        desk: str | None = None,
        budget_s: float = ONLINE_BUDGET_S,
        always_ask_hub: bool = False,
    ) -> None:
        self.doc = doc
        self.sync = sync
        self.local = CheckInDesk(doc=doc, desk=desk or sync.info.desk_name)
        self.desk = self.local.desk
        self.budget_s = budget_s
        # A one-off command has no sync loop to say whether the hub is up: it just asks.
        self.always_ask_hub = always_ask_hub
        self._hub_desk: HubCheckIn | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventdesk-hub-door")
        # The hub's row is copied into the replica after the verdict is shown (its own commit
        # to disk would double the wait); in the same order, one at a time.
        self._copier = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventdesk-door-copy")
        self._late: Future[tuple[Verdict, float]] | None = None
        self.last_waited_for_hub = False
        """The last verdict asked the hub first (and, if offline, waited for its budget)."""
        self.last_cpu_s = 0.0
        """CPU seconds the last verdict cost this process, on every thread that worked on it: on
        a loaded machine the wall time says little, this says whether the door itself is slow."""
        self._hub_cpu_s = 0.0

    @property
    def timezone(self) -> str:
        return self.local.timezone

    def reload_rules(self) -> None:
        self.local.reload_rules()
        self._hub_desk = None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._copier.shutdown(wait=True)

    # -- the ways in ---------------------------------------------------------------------------

    def scan(self, scanned: str, *, device_time: datetime | None = None) -> Verdict:
        started = time.thread_time()
        try:
            return self._scan(scanned, device_time)
        finally:
            self.last_cpu_s = time.thread_time() - started + self._hub_cpu_s

    def _scan(self, scanned: str, device_time: datetime | None) -> Verdict:
        scan_id = str(uuid.uuid4())
        at = device_time or utc_now()
        online = self._ask_hub(lambda hub: hub.scan(scanned, device_time=at, scan_id=scan_id))
        if online is not None:
            self._copier.submit(self._copy_into_replica, online, scanned, at)
            return online
        self._copier.submit(lambda: None).result()  # the hub's last rows are in before we judge
        verdict = self.local.scan(scanned, device_time=at, scan_id=scan_id, new_here=True)
        return self._mark_offline(verdict)

    def admit(self, attendee_id: int, *, how: str = "name search") -> Verdict:
        online = self._ask_hub(lambda hub: hub.admit(attendee_id, how=how))
        if online is not None:
            self._copier.submit(self._copy_into_replica, online, f"#{attendee_id} ({how})", None)
            return online
        self._copier.submit(lambda: None).result()
        return self._mark_offline(self.local.admit(attendee_id, how=how))

    def undo(self, attendee_id: int, *, reason: str) -> Verdict:
        """Undone here and sent up: an undo never needs the hub's answer to be safe."""
        return self.local.undo(attendee_id, reason=reason)

    # -- the hub, within the budget ------------------------------------------------------------

    def _hub(self) -> HubCheckIn:
        if self._hub_desk is None:
            hub_doc = EventDocument(self.sync.info.hub_url, self.sync.engine, None)
            self._hub_desk = HubCheckIn(doc=hub_doc, desk=self.desk)
        return self._hub_desk

    def _ask_hub(self, decide):  # type: ignore[no-untyped-def]
        self.last_waited_for_hub = False
        self._hub_cpu_s = 0.0
        if not (self.always_ask_hub or self.sync.status.online):
            return None
        if self._late is not None and not self._late.done():
            return None  # the last call is still stuck on the line: do not queue behind it
        self.last_waited_for_hub = True

        def timed() -> tuple[Verdict, float]:
            started = time.thread_time()
            verdict = decide(self._hub())
            return verdict, time.thread_time() - started

        future = self._pool.submit(timed)
        try:
            verdict, self._hub_cpu_s = future.result(timeout=self.budget_s)
            return verdict
        except FutureTimeout:
            # One slow answer is not an outage (a busy hub, a retransmitted packet): the next
            # scans decide here without waiting while this call is out, and go back to the hub
            # as soon as it answers. Only a call that fails says "offline".
            self._late = future
            future.add_done_callback(self._late_answer)
            return None
        except EventdeskError:
            self.sync.mark_offline()  # the door's own sentence for a server that does not answer
            return None
        except Exception as exc:
            if not is_connection_problem(exc):
                raise
            self.sync.mark_offline()
            return None

    def _late_answer(self, future: Future[tuple[Verdict, float]]) -> None:
        if future.cancelled() or future.exception() is not None:
            self.sync.mark_offline()

    def _copy_into_replica(self, verdict: Verdict, scanned: str, at: datetime | None) -> None:
        """The hub's scan row into the replica at once (not queued: the hub has it), so "already
        checked in" holds here even if the hub goes away before the next pull."""
        with self.doc.engine.connect() as conn, _without_fsync(conn):
            attendee = verdict.attendee_id
            if (
                attendee is not None
                and conn.execute(select(Attendee.id).where(Attendee.id == attendee)).first() is None
            ):
                attendee = None  # a walk-in from another desk, not pulled yet: the pull links it
            outbox.begin_applying(conn)
            conn.execute(
                insert(Scan)
                .values(
                    id=verdict.scan_id, scanned_text=loggable(scanned), verdict=verdict.verdict.value,
                    attendee_id=attendee, desk=verdict.desk, device_time=at or verdict.scanned_at,
                    reason=verdict.reason_message.source() if verdict.reason_message else verdict.reason,
                    reason_message=dump_message(verdict.reason_message) if verdict.reason_message else None,
                    recorded_at=utc_now(), offline=False,
                )
                .prefix_with("OR IGNORE")
            )  # fmt: skip
            outbox.end_applying(conn)

    def _mark_offline(self, verdict: Verdict) -> Verdict:
        # No second write for the flag: every queued scan goes up marked offline (push.py),
        # and a second commit to disk per scan would double the offline verdict's time.
        self.sync.note_queued()
        return replace(verdict, decided_offline=True)


@contextlib.contextmanager
def _without_fsync(conn: Connection) -> Iterator[None]:
    """One transaction committed without waiting for the disk (`synchronous=NORMAL`), then the
    connection back to FULL for whoever uses it next.

    Only for rows the hub already holds durably: a copy lost to a power cut is pulled again,
    because the pull cursor that passes it is committed later with FULL sync, and that fsync of
    the write-ahead log covers every frame before it. The disk's flush is then paid once by the
    next durable commit instead of once per online scan, and the write lock is held shorter,
    so an offline verdict does not queue behind it.
    """
    conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
    conn.commit()
    try:
        with conn.begin():
            yield
    finally:
        conn.exec_driver_sql("PRAGMA synchronous=FULL")
        conn.commit()
