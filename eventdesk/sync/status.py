"""The one status object the window (and `eventdesk sync`) shows; no widget talks to the network.

The sync loop replaces it after every round; readers take the current snapshot. Its text is
what a volunteer needs at a glance: online and how fresh, or offline since when and how much
is waiting — never a dialog, never a button to press.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from eventdesk.domain.event import to_local, utc_now

DESK_ACTIVE_SECONDS = 60  # a desk heard from within this counts as at work


@dataclass(frozen=True)
class SyncStatus:
    online: bool
    desks: int = 0
    last_sync_at: datetime | None = None
    offline_since: datetime | None = None
    unsent_scans: int = 0
    unsent_edits: int = 0
    problem: str = ""  # one sentence when the hub answers but cannot be used
    timezone: str = "UTC"

    def text(self, now: datetime | None = None) -> str:
        now = now or utc_now()
        if self.online:
            parts = ["Online", f"{self.desks} desk" + ("" if self.desks == 1 else "s")]
            if self.last_sync_at is not None:
                ago = max(0, int((now - self.last_sync_at).total_seconds()))
                parts.append(f"synced {_ago(ago)} ago")
            if self.unsent_scans:
                parts.append(f"{self.unsent_scans} scans sending")
            return " · ".join(parts)
        since = self.offline_since or now
        parts = [f"Offline since {to_local(since, self.timezone):%H:%M}"]
        waiting = self.unsent_scans
        parts.append(f"{waiting} scan{'' if waiting == 1 else 's'} waiting")
        if self.unsent_edits:
            parts.append(f"{self.unsent_edits} change{'' if self.unsent_edits == 1 else 's'} waiting")
        if self.problem:
            parts.append(self.problem)
        return " · ".join(parts)


def _ago(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h"
