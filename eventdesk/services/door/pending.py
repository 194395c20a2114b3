"""Scans a desk made while the event's server did not answer, kept until it answers again.

A desk working directly on a PostgreSQL event (no replica of its own) cannot decide without
the server, but a scan it saw must not be lost: the person may have walked in on a staff
member's word. So the scan is appended to a small file beside the user's data, one JSON line
per scan with its UUID, flushed and fsync'd before the desk says "not recorded yet"; when the
server answers, each is judged and logged with that UUID, and a line saying so is appended.
The UUID makes delivery idempotent (`admit_first`, `CheckInDesk.scan(scan_id=…)`): a desk
killed between storing a scan on the server and noting its delivery sends it again next
start, and it is stored once. The file is only ever appended to, and emptied (atomically)
when nothing in it is waiting any more.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from eventdesk.domain.errors import EventdeskError
from eventdesk.i18n import gettext

DATA_DIR_VARIABLE = "EVENTDESK_DATA_DIR"


class PendingFileError(EventdeskError):
    """The pending-scans file cannot be written (disk full, permissions)."""


@dataclass(frozen=True)
class PendingScan:
    scan_id: str
    scanned: str
    device_time: datetime
    desk: str


def data_dir() -> Path:
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("eventdesk", appauthor=False))


def pending_file_for(location: str) -> Path:
    """One file per event location (a URL without its password), under the user's data."""
    digest = hashlib.sha256(location.encode("utf-8")).hexdigest()[:20]
    return data_dir() / "pending-scans" / f"{digest}.jsonl"


class PendingScans:
    """The append-only file of scans still to be delivered; safe to use from several threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def waiting(self) -> list[PendingScan]:
        """Scans added and not yet marked delivered, oldest first."""
        with self._lock:
            return self._waiting()

    def _waiting(self) -> list[PendingScan]:
        if not self.path.exists():
            return []
        added: dict[str, PendingScan] = {}
        delivered: set[str] = set()
        for line in self.path.read_text("utf-8").splitlines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut short by a crash mid-write: it was never acknowledged
            if "delivered" in entry:
                delivered.add(entry["delivered"])
            elif "id" in entry:
                added[entry["id"]] = PendingScan(
                    entry["id"], entry["scanned"], datetime.fromisoformat(entry["at"]), entry["desk"]
                )
        return [scan for scan_id, scan in added.items() if scan_id not in delivered]

    def count(self) -> int:
        return len(self.waiting())

    def add(self, scan: PendingScan) -> None:
        at = scan.device_time.isoformat()
        self._append({"id": scan.scan_id, "scanned": scan.scanned, "at": at, "desk": scan.desk})

    def mark_delivered(self, scan_id: str) -> None:
        self._append({"delivered": scan_id})
        with self._lock:
            if not self._waiting():
                self._empty()

    def _append(self, entry: dict[str, str]) -> None:
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self._lock:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a+b") as handle:
                    # A line a crash cut short must not swallow this one.
                    if handle.tell() > 0:
                        handle.seek(-1, os.SEEK_END)
                        if handle.read(1) != b"\n":
                            line = "\n" + line
                    handle.write(line.encode("utf-8"))
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as exc:
                raise PendingFileError(
                    gettext(
                        "The scan could not be kept for later in {path} ({reason}); it was not recorded.",
                        path=self.path,
                        reason=exc.strerror,
                    )
                ) from exc

    def _empty(self) -> None:
        part = self.path.with_name(self.path.name + ".part")
        with contextlib.suppress(OSError):
            part.write_text("")
            part.replace(self.path)
