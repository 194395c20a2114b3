"""The window's side of a desk replica: the sync loop's thread, the status line, the door.

When the open event is a desk replica (made by File › Join an event… or `eventdesk join`),
this starts the background sync loop (`eventdesk.sync.loop`) — never a network call on the
GUI thread — and shows its state in the status bar without a dialog ("Online · 4 desks ·
synced 1 s ago" / "Offline since 10:14 · 37 scans waiting"). It polls the loop's status
object twice a second; when a round brought other desks' scans or changes, it tells every
screen through `EventContext.notify`, so lists, the dashboard and booth mode refresh. The
check-in desk gets a `ReplicaDoor` from here, so the hub decides while it answers in time.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QStatusBar

from eventdesk.domain.changes import Changes, Entity
from eventdesk.sync.replica import replica_info
from eventdesk.ui.context import EventContext

if TYPE_CHECKING:
    # The sync machinery loads when a desk replica is opened: every window builds this link,
    # and most events are not replicas.
    from eventdesk.sync.door import ReplicaDoor
    from eventdesk.sync.loop import HubOverview, SyncLoop
    from eventdesk.sync.rounds import DeskSync, RoundReport
    from eventdesk.sync.status import SyncStatus

POLL_MS = 500
_SYNCED = Changes.of(
    Entity.ATTENDEES, Entity.SCANS, Entity.COMPANIES, Entity.BADGES, Entity.LEADS, Entity.EVENT
)


class DeskSyncLink(QObject):
    """Owns the sync loop of the open replica (if the open event is one)."""

    status_changed = Signal(object)
    """The `SyncStatus` shown, after each poll that changed its text."""
    overview_changed = Signal(object)
    """A `HubOverview` (the hub's desks and double admissions), read every few rounds."""

    def __init__(self, context: EventContext, status_bar: QStatusBar | None = None) -> None:
        super().__init__(context)
        self.context = context
        self.label = QLabel()
        self.label.setObjectName("syncStatus")
        self.label.hide()
        if status_bar is not None:
            status_bar.addPermanentWidget(self.label)
        self.loop: SyncLoop | None = None
        self.sync: DeskSync | None = None
        self._door: ReplicaDoor | None = None
        self._arrived = 0
        self._arrived_lock = threading.Lock()
        self._shown_overview: HubOverview | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        context.document_changed.connect(self._document_changed)
        context.changed.connect(self._local_change)
        context.desk_sync = self
        self._document_changed()

    @property
    def active(self) -> bool:
        return self.loop is not None

    @property
    def status(self) -> SyncStatus | None:
        return self.sync.status if self.sync is not None else None

    @property
    def overview(self) -> HubOverview:
        from eventdesk.sync.loop import HubOverview

        return self.loop.overview if self.loop is not None else HubOverview()

    def door(self) -> ReplicaDoor:
        assert self.sync is not None
        if self._door is None or self._door.doc is not self.context.document:
            from eventdesk.sync.door import ReplicaDoor

            self._door = ReplicaDoor(doc=self.context.require_document(), sync=self.sync)
        return self._door

    # -- life cycle -------------------------------------------------------------------------

    def _document_changed(self) -> None:
        self.stop()
        document = self.context.document
        info = replica_info(document) if document is not None else None
        if document is None or info is None:
            self.label.hide()
            return
        from eventdesk.sync.loop import SyncLoop
        from eventdesk.sync.rounds import DeskSync

        self.sync = DeskSync(document, info)
        self.loop = SyncLoop(self.sync, on_round=self._round_done).start()
        self.label.show()
        self._timer.start()
        self._poll()

    def stop(self) -> None:
        self._timer.stop()
        if self._door is not None:
            self._door.close()
            self._door = None
        if self.loop is not None:
            self.loop.stop()
            self.loop = None
        if self.sync is not None:
            self.sync.close()
            self.sync = None

    # -- the loop's thread → the GUI thread ----------------------------------------------------

    def _round_done(self, report: RoundReport) -> None:
        """On the loop's thread: only count, the GUI thread picks it up at its next poll."""
        if report.reached and report.received.total:
            with self._arrived_lock:
                self._arrived += report.received.total

    def _poll(self) -> None:
        if self.sync is None:
            return
        status = self.sync.status
        text = status.text()
        if text != self.label.text():
            self.label.setText(text)
            self.label.setProperty("online", status.online)
            self.label.style().unpolish(self.label)
            self.label.style().polish(self.label)
            self.status_changed.emit(status)
        with self._arrived_lock:
            arrived, self._arrived = self._arrived, 0
        if arrived:
            self.context.notify(_SYNCED)
        overview = self.overview
        if overview is not self._shown_overview:
            self._shown_overview = overview
            self.overview_changed.emit(overview)

    def _local_change(self, changes: Changes) -> None:
        # Something done at this desk: while online, send it now rather than within a second.
        if (
            changes is not _SYNCED
            and self.loop is not None
            and self.sync is not None
            and self.sync.status.online
        ):
            self.loop.wake()
