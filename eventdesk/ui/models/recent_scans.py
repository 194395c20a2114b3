"""The last scans at this desk, under the verdict panel: an adapter over `services.arrivals.recent_scans`."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from eventdesk.domain.enums import ScanVerdict
from eventdesk.services.arrivals import RecentScan
from eventdesk.ui.widgets.verdict_panel import LOOKS, headline_of, look_of

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class RecentScanRole(IntEnum):
    SCAN = Qt.ItemDataRole.UserRole + 1
    """The `RecentScan` record of the row."""
    ATTENDEE_ID = Qt.ItemDataRole.UserRole + 2
    """Who the scan named (None for an unknown or forged code): what undo needs."""
    VERDICT = Qt.ItemDataRole.UserRole + 3
    """The `ScanVerdict` value string."""


class RecentScansModel(QAbstractTableModel):
    """Newest first: time, verdict, name, reason; each verdict cell in the panel's colour."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RecentScan] = []
        self._titles = (self.tr("Time"), self.tr("Verdict"), self.tr("Name"), self.tr("Details"))

    def set_scans(self, scans: Sequence[RecentScan]) -> None:
        self.beginResetModel()
        self._rows = list(scans)
        self.endResetModel()

    def scan_at(self, row: int) -> RecentScan | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._titles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        return self._titles[section] if horizontal and 0 <= section < len(self._titles) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.model() is not self:
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < len(self._titles)):
            return None
        scan = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                f"{scan.when:%H:%M:%S}",
                headline_of(scan.verdict),
                scan.name or "—",
                scan.reason,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{scan.when:%d %b %H:%M:%S} · {scan.desk}\n{scan.reason}"
        if role == Qt.ItemDataRole.BackgroundRole and column == 1:
            return QBrush(QColor(LOOKS[look_of(scan.verdict)].background))
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QBrush(QColor(LOOKS[look_of(scan.verdict)].foreground))
        if role == RecentScanRole.SCAN:
            return scan
        if role == RecentScanRole.ATTENDEE_ID:
            return scan.attendee_id
        if role == RecentScanRole.VERDICT:
            return scan.verdict.value
        return None

    def undoable_row(self) -> int | None:
        """The newest admission, the one an undo most likely means."""
        for number, scan in enumerate(self._rows):
            if scan.verdict is ScanVerdict.ADMITTED and scan.attendee_id is not None:
                return number
        return None
