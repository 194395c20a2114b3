"""The base of the small read-mostly tables: a list of records under fixed column titles.

For tables of tens to hundreds of rows (badge counts, the last scans, an import report,
re-plan changes …) that need neither precomputed sort keys nor an in-model row filter;
large lists use `records.RecordTableModel`. A subclass sets `headers` (and optionally
`header_tips`) and answers `cell(record, column, role)`; the bounds checks, row and column
counts and a reset on `set_rows` are here, once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class ListTableModel(QAbstractTableModel):
    headers: Sequence[str] = ()
    header_tips: Sequence[str] = ()
    header_context: str = ""
    """When set, `headers` are English source texts translated in this context as they are
    shown; otherwise they are shown as they are (already translated by the subclass)."""

    def __init__(self, parent: Any = None, *, rows: Iterable[Any] = ()) -> None:
        super().__init__(parent)
        self._rows: list[Any] = list(rows)

    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        """The record of `row`, or None outside the table."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            title = self.headers[section]
            return QCoreApplication.translate(self.header_context, title) if self.header_context else title
        if role == Qt.ItemDataRole.ToolTipRole and section < len(self.header_tips):
            return self.header_tips[section] or None
        return None

    def _valid(self, index: AnyIndex) -> bool:
        return (
            index.isValid() and 0 <= index.row() < len(self._rows) and 0 <= index.column() < len(self.headers)
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def cell(self, record: Any, column: int, role: int) -> Any:
        raise NotImplementedError

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return _ITEM_FLAGS if self._valid(index) else Qt.ItemFlag.NoItemFlags
