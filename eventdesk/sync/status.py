"""The one status object the window (and `eventdesk sync`) shows; no widget talks to the network.

The sync loop replaces it after every round; readers take the current snapshot. Its text is
what a volunteer needs at a glance: online and how fresh, or offline since when and how much
is waiting — never a dialog, never a button to press.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from eventdesk.domain.event import to_local, utc_now
from eventdesk.i18n import _, ngettext

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
            parts = [_("Online"), ngettext("{n} desk", "{n} desks", self.desks)]
            if self.last_sync_at is not None:
                ago = max(0, int((now - self.last_sync_at).total_seconds()))
                parts.append(_("synced {ago} ago", ago=_ago(ago)))
            if self.unsent_scans:
                parts.append(ngettext("{n} scan sending", "{n} scans sending", self.unsent_scans))
            return " · ".join(parts)
        since = self.offline_since or now
        parts = [_("Offline since {time}", time=to_local(since, self.timezone).time())]
        parts.append(ngettext("{n} scan waiting", "{n} scans waiting", self.unsent_scans))
        if self.unsent_edits:
            parts.append(ngettext("{n} change waiting", "{n} changes waiting", self.unsent_edits))
        if self.problem:
            parts.append(self.problem)
        return " · ".join(parts)


def _ago(seconds: int) -> str:
    if seconds < 60:
        return _("{count} s", count=seconds)
    if seconds < 3600:
        return _("{count} min", count=seconds // 60)
    return _("{count} h", count=seconds // 3600)
