"""A desk working directly on the event's PostgreSQL server, whose scans outlive an outage.

Without a replica of its own such a desk cannot tell a genuine badge from a copied one while
the server is away, so it admits nobody then; but it keeps every scan it saw
(`eventdesk.services.door.pending`) and delivers them, in order and each under its own UUID,
as soon as the server answers: before the next scan, or when the window's door line retries.
"""

from __future__ import annotations

import time
import uuid
from datetime import datetime

from eventdesk.domain.errors import EventdeskError
from eventdesk.domain.event import utc_now
from eventdesk.i18n import ngettext
from eventdesk.services.door.checkin import CheckInDesk, Verdict
from eventdesk.services.door.faults import ServerNotAnsweringError
from eventdesk.services.door.pending import PendingScan, PendingScans, pending_file_for


class ScanKeptForLater(EventdeskError):
    """The server did not answer; the scan waits in the pending file and nobody was admitted."""

    exit_code = 3  # neither admitted (0) nor refused (1): a script should try again later

    def __init__(self, waiting: int) -> None:
        self.detail = ngettext(
            "The server does not answer; the scan will be sent when it answers ({n} waiting). "
            "Do not admit on this scan alone.",
            "The server does not answer; the scan will be sent when it answers ({n} waiting). "
            "Do not admit on this scan alone.",
            waiting,
        )
        """The sentence under a "not recorded yet" headline."""
        super().__init__(
            ngettext(
                "Not recorded yet — the server does not answer; the scan will be sent when it answers "
                "({n} waiting). Do not admit on this scan alone.",
                "Not recorded yet — the server does not answer; the scan will be sent when it answers "
                "({n} waiting). Do not admit on this scan alone.",
                waiting,
            )
        )
        self.waiting = waiting


RECHECK_AFTER_S = 3.0
"""After the server failed to answer, scans in the next seconds are kept at once instead of each
waiting the full timeout: a queue of people is not held up by a server known to be away."""


class ServerDesk:
    """`CheckInDesk.scan` with a pending queue in front of it, for server events."""

    def __init__(self, desk: CheckInDesk, pending: PendingScans | None = None) -> None:
        self.desk = desk
        self.pending = pending or PendingScans(pending_file_for(desk.doc.display_location))
        self._away_until = 0.0

    @property
    def waiting(self) -> int:
        return self.pending.count()

    def scan(self, scanned: str, *, device_time: datetime | None = None) -> Verdict:
        """The verdict, or `ScanKeptForLater` when the server does not answer."""
        scan = PendingScan(str(uuid.uuid4()), scanned, device_time or utc_now(), self.desk.desk)
        if time.monotonic() < self._away_until:
            self.pending.add(scan)
            raise ScanKeptForLater(self.pending.count())
        try:
            if self.pending.count():
                self.deliver()  # older scans first: the log keeps the order they were made in
            return self.desk.scan(scan.scanned, device_time=scan.device_time, scan_id=scan.scan_id)
        except ServerNotAnsweringError as error:
            self._away_until = time.monotonic() + RECHECK_AFTER_S
            self.pending.add(scan)
            raise ScanKeptForLater(self.pending.count()) from error

    def deliver(self) -> list[Verdict]:
        """Send every waiting scan; raises `ServerNotAnsweringError` (the rest keep waiting)."""
        delivered = []
        try:
            for scan in self.pending.waiting():
                delivered.append(
                    self.desk.scan(scan.scanned, device_time=scan.device_time, scan_id=scan.scan_id)
                )
                self.pending.mark_delivered(scan.scan_id)
        except ServerNotAnsweringError:
            self._away_until = time.monotonic() + RECHECK_AFTER_S
            raise
        self._away_until = 0.0
        return delivered
