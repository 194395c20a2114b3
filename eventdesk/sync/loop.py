"""The desk's background sync: a thread that runs rounds, quickly online, backing off offline.

Online a round runs every `ONLINE_INTERVAL_S`, so a desk is at most about two seconds behind
the hub (one interval plus one round). Offline it waits 0.5, 1, 2, then 4 s between attempts
and comes back by itself when the hub answers; a local scan or edit wakes it at once (the
sooner a scan reaches the hub, the sooner other desks know). It never touches a widget: the
window reads `status` and `overview`, and is told through `on_round` what arrived.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from eventdesk.persistence.document import EventDocument
from eventdesk.sync.desks import DeskRow, DoubleAdmission, double_admissions, list_desks
from eventdesk.sync.link import is_connection_problem
from eventdesk.sync.rounds import DeskSync, RoundReport
from eventdesk.sync.status import SyncStatus

ONLINE_INTERVAL_S = 1.0
BACKOFF_S = (0.5, 1.0, 2.0, 4.0)
OVERVIEW_EVERY = 5  # rounds between two reads of the hub's desk list and double admissions

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HubOverview:
    desks: list[DeskRow] = field(default_factory=list)
    doubles: list[DoubleAdmission] = field(default_factory=list)


class SyncLoop:
    def __init__(
        self,
        desk: DeskSync,
        *,
        on_round: Callable[[RoundReport], None] | None = None,
        online_interval_s: float = ONLINE_INTERVAL_S,
    ) -> None:
        self.desk = desk
        self.on_round = on_round
        self.online_interval_s = online_interval_s
        self.overview = HubOverview()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="eventdesk-sync", daemon=True)
        self.rounds = 0
        self.failure: str = ""

    @property
    def status(self) -> SyncStatus:
        return self.desk.status

    def start(self) -> SyncLoop:
        self._thread.start()
        return self

    def wake(self) -> None:
        """Something was queued here: send it now rather than at the next tick."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        misses = 0
        while not self._stop.is_set():
            try:
                report = self.desk.run_round()
            except Exception as exc:  # a bug must not end the desk's sync for the rest of the day
                log.exception("sync round failed")
                self.failure = str(exc)
                report = RoundReport(False, problem=str(exc))
            self.rounds += 1
            if report.reached:
                misses = 0
                if self.rounds % OVERVIEW_EVERY == 1:
                    self._read_overview()
            else:
                misses += 1
            if self.on_round is not None:
                with contextlib.suppress(Exception):
                    self.on_round(report)
            wait = self.online_interval_s if report.reached else BACKOFF_S[min(misses, len(BACKOFF_S)) - 1]
            self._wake.wait(wait)
            self._wake.clear()

    def _read_overview(self) -> None:
        hub = EventDocument(self.desk.info.hub_url, self.desk.engine, None)
        try:
            self.overview = HubOverview(list_desks(doc=hub), double_admissions(doc=hub))
        except Exception as exc:
            if not is_connection_problem(exc):
                log.exception("reading the hub's desks failed")
