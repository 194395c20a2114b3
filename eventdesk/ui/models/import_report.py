"""An import report's entries (line, outcome, column, reason) for the report dialog."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from eventdesk.services.importing import ImportReport, Outcome, ReportEntry

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportReport", text)


class EntryColumn(IntEnum):
    LINE = 0
    OUTCOME = 1
    COLUMN = 2
    REASON = 3


_HEADERS = ("Line", "Outcome", "Column", "Reason")
_COLOURS = {Outcome.REJECTED: QColor("#b42318"), Outcome.WARNING: QColor("#9a6700")}


class ImportEntriesModel(QAbstractTableModel):
    def __init__(self, report: ImportReport | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ReportEntry] = report.sorted_entries() if report else []

    def set_report(self, report: ImportReport | None) -> None:
        self.beginResetModel()
        self._rows = report.sorted_entries() if report else []
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(_HEADERS[section]) if 0 <= section < len(_HEADERS) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (
            0 <= index.row() < len(self._rows) and 0 <= index.column() < len(_HEADERS)
        ):
            return None
        entry = self._rows[index.row()]
        column = EntryColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                EntryColumn.LINE: entry.lines,
                EntryColumn.OUTCOME: _tr(entry.outcome.value),
                EntryColumn.COLUMN: entry.column,
                EntryColumn.REASON: entry.reason,
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == EntryColumn.OUTCOME:
            return _COLOURS.get(entry.outcome)
        if role == Qt.ItemDataRole.ToolTipRole and column == EntryColumn.REASON:
            return entry.reason
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
