"""The dashboard's "Desks on the hub" section: every desk's last contact and what it still has
to send, and the people admitted twice ("admitted twice — Door A 10:02 (offline), Door B 10:05").

Shown for an event that has desks: on a desk replica the figures come from the sync loop (it
reads them from the hub every few rounds, on its own thread); for the organiser's window on
the hub itself they are read on the worker every few seconds. No widget talks to the network.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableView,
    QVBoxLayout,
)

from eventdesk.domain.event import to_local, utc_now
from eventdesk.ui.context import EventContext
from eventdesk.ui.models.list_table import ListTableModel
from eventdesk.ui.worker import BackgroundTask, run_in_background

if TYPE_CHECKING:
    from eventdesk.persistence.document import EventDocument
    from eventdesk.sync.desks import DeskRow, DoubleAdmission
    from eventdesk.sync.loop import HubOverview

POLL_MS = 5000


class HubDesksModel(ListTableModel):
    """Desks registered with the hub: an adapter over `sync.desks.list_desks`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = (
            self.tr("Desk"),
            self.tr("Last contact"),
            self.tr("Scans to send"),
            self.tr("Changes to send"),
        )
        self.timezone = "UTC"

    def cell(self, desk: DeskRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return desk.name
            if column == 1:
                if desk.last_contact is None:
                    return self.tr("never")
                ago = int((utc_now() - desk.last_contact).total_seconds())
                when = f"{to_local(desk.last_contact, self.timezone):%H:%M:%S}"
                return (
                    when
                    if ago >= 60
                    else self.tr("{when} ({seconds} s ago)").format(when=when, seconds=max(ago, 0))
                )
            return f"{(desk.unsent_scans, desk.unsent_edits)[column - 2]:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1 and not desk.active:
            from PySide6.QtGui import QColor

            return QColor("#b45309")
        return None


class HubDesks(QFrame):
    def __init__(self, context: EventContext) -> None:
        super().__init__()
        self.setObjectName("card")
        self.context = context
        self.task: BackgroundTask | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        heading = QLabel(self.tr("Desks on the hub"))
        heading.setObjectName("sectionTitle")
        layout.addWidget(heading)
        self.model = HubDesksModel(self)
        self.table = QTableView()
        self.table.setObjectName("hubDesksTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(170)
        layout.addWidget(self.table)
        self.twice_title = QLabel()
        self.twice_title.setObjectName("sectionTitle")
        layout.addWidget(self.twice_title)
        self.twice = QListWidget()
        self.twice.setObjectName("admittedTwiceList")
        self.twice.setMaximumHeight(150)
        layout.addWidget(self.twice)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.reload)
        self.hide()
        context.document_changed.connect(self._document_changed)
        self._link_connected = False
        self._document_changed()

    def _document_changed(self) -> None:
        link = self.context.desk_sync
        if link is not None and not self._link_connected:
            link.overview_changed.connect(self.show_overview)
            self._link_connected = True
        self.model.set_rows([])
        self.hide()
        if self._source():
            self._timer.start()
        else:
            self._timer.stop()
        self.reload()

    def _source(self) -> str:
        document = self.context.document
        link = self.context.desk_sync
        if document is None:
            return ""
        if link is not None and link.active:
            return "replica"
        return "" if document.is_sqlite else "hub"

    def reload(self) -> BackgroundTask | None:
        source = self._source()
        if source == "replica":
            self.show_overview(self.context.desk_sync.overview)
            return None
        if source != "hub" or (self.task is not None and self.task.is_running):
            return None
        document = self.context.require_document()
        self.task = run_in_background(
            lambda _progress: _read_overview(document),
            parent=None,
            title=self.tr("Reading the desks"),
            on_result=self.show_overview,
            on_error=lambda _message: None,  # the next poll tries again
            show_progress_after_ms=None,
        )
        return self.task

    def show_overview(self, overview: HubOverview) -> None:
        if self.context.document is None:
            return
        self.model.timezone = self.context.summary.timezone
        self.model.set_rows(overview.desks)
        self._show_doubles(overview.doubles)
        self.setVisible(bool(overview.desks or overview.doubles))

    def _show_doubles(self, doubles: Sequence[DoubleAdmission]) -> None:
        self.twice.clear()
        if not doubles:
            self.twice_title.setText(self.tr("Admitted twice: nobody"))
            self.twice.hide()
            return
        self.twice_title.setText(self.tr("Admitted twice: {n}").format(n=len(doubles)))
        for double in doubles:
            self.twice.addItem(double.text())
        self.twice.show()


def _read_overview(document: EventDocument) -> HubOverview:
    # The sync package (PostgreSQL statements, the desks' rounds) is imported by the hub's
    # first poll, not with the dashboard: a file on one desk, most events, never needs it.
    from eventdesk.sync.desks import double_admissions, list_desks
    from eventdesk.sync.loop import HubOverview

    return HubOverview(list_desks(doc=document), double_admissions(doc=document))
