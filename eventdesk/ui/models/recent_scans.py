"""The last scans at this desk, under the verdict panel.

An adapter over `services.door.arrivals.recent_scans`.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from eventdesk.domain.enums import ScanVerdict
from eventdesk.services.door.arrivals import RecentScan
from eventdesk.ui.models.list_table import AnyIndex, ListTableModel
from eventdesk.ui.verdict_looks import LOOKS, headline_of, look_of


class RecentScanRole(IntEnum):
    SCAN = Qt.ItemDataRole.UserRole + 1
    """The `RecentScan` record of the row."""
    ATTENDEE_ID = Qt.ItemDataRole.UserRole + 2
    """Who the scan named (None for an unknown or forged code): what undo needs."""
    VERDICT = Qt.ItemDataRole.UserRole + 3
    """The `ScanVerdict` value string."""


class RecentScansModel(ListTableModel):
    """Newest first: time, verdict, name, reason; each verdict cell in the panel's colour."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = (self.tr("Time"), self.tr("Verdict"), self.tr("Name"), self.tr("Details"))

    def set_scans(self, scans: Sequence[RecentScan]) -> None:
        self.set_rows(scans)

    def scan_at(self, row: int) -> RecentScan | None:
        return self.row_at(row)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # An index of another model (a proxy's, say) answers nothing, whatever its row says.
        return super().data(index, role) if index.model() is self else None

    def cell(self, scan: RecentScan, column: int, role: int) -> Any:
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
