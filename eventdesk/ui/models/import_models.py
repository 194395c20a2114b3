"""The import wizard's tables, as adapters over what `services.importing` returns.

`PreviewTableModel` shows the first rows of the file as they were read (so a wrong
encoding shows as wrong letters); `ColumnMappingModel` holds one row per file column and
the field it goes into, editable through a combo box; `ReportEntryModel` lists what
happened to the rows that were not simply created or updated.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from eventdesk.services.importing import ColumnMapping, Outcome, ReportEntry
from eventdesk.services.importing.fields import FieldSpec
from eventdesk.services.importing.mapping import header_labels
from eventdesk.services.importing.sources import RawRow
from eventdesk.ui.models.list_table import ListTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
CODE_PREFIX = "code:"
SAMPLE_VALUES = 3
_NEWLINE = " ⏎ "


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _one_line(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", _NEWLINE)


def field_label(name: str | None, specs: Sequence[FieldSpec]) -> str:
    """What a person reads for a field: its label, or the platform of a ticket-code field."""
    if not name:
        return _tr("ColumnMappingModel", "— not imported —")
    for spec in specs:
        if spec.name == name:
            return spec.label
    if name.startswith(CODE_PREFIX):
        return _tr("ColumnMappingModel", "Ticket code ({platform})").format(platform=name[len(CODE_PREFIX) :])
    return name


class PreviewTableModel(QAbstractTableModel):
    """The first rows of the file; one column per file column, line numbers as row headers."""

    def __init__(self, headers: Sequence[str] = (), rows: Sequence[RawRow] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._labels = header_labels(headers)
        self._rows = list(rows)

    def set_preview(self, headers: Sequence[str], rows: Sequence[RawRow]) -> None:
        self.beginResetModel()
        self._labels = header_labels(headers)
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._labels)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < len(self._labels)):
            return None
        cells = self._rows[row].cells
        text = cells[column] if column < len(cells) else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return _one_line(text)
        if role == Qt.ItemDataRole.ToolTipRole and text:
            return text
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._labels):
            return self._labels[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(self._rows[section].line)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class MappingColumn(IntEnum):
    HEADER = 0
    SAMPLE = 1
    FIELD = 2


class MappingRole(IntEnum):
    FIELD_NAME = Qt.ItemDataRole.UserRole + 1
    """The field a file column goes into ("" when it is not imported)."""


class ColumnMappingModel(QAbstractTableModel):
    """One row per column of the file: its header, a few values, and the field it feeds.

    The field column is editable (EditRole and `MappingRole.FIELD_NAME` take a field name,
    "" for none); `mapping()` is the result the import takes.
    """

    def __init__(
        self,
        mapping: ColumnMapping | None = None,
        specs: Sequence[FieldSpec] = (),
        sample: Sequence[RawRow] = (),
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._specs: tuple[FieldSpec, ...] = tuple(specs)
        self._mapping = mapping or ColumnMapping((), ())
        self._labels = header_labels(self._mapping.headers)
        self._samples = self._sample_texts(sample)
        self._proposed = self._mapping

    def set_mapping(
        self, mapping: ColumnMapping, specs: Sequence[FieldSpec], sample: Sequence[RawRow]
    ) -> None:
        self.beginResetModel()
        self._specs = tuple(specs)
        self._mapping = self._proposed = mapping
        self._labels = header_labels(mapping.headers)
        self._samples = self._sample_texts(sample)
        self.endResetModel()

    def _sample_texts(self, sample: Sequence[RawRow]) -> list[str]:
        texts = []
        for column in range(len(self._mapping.headers)):
            values = [
                _one_line(row.cells[column].strip())
                for row in sample
                if column < len(row.cells) and row.cells[column].strip()
            ]
            texts.append(" · ".join(list(dict.fromkeys(values))[:SAMPLE_VALUES]))
        return texts

    def mapping(self) -> ColumnMapping:
        return self._mapping

    @property
    def is_changed(self) -> bool:
        """The person corrected something the proposal said."""
        return self._mapping != self._proposed

    def choices(self, column: int) -> list[tuple[str, str]]:
        """(label, field name) a column can go into: every field, plus its current one."""
        options = [(field_label(None, self._specs), "")]
        options += [(spec.label, spec.name) for spec in self._specs]
        current = self._mapping.fields[column] if 0 <= column < len(self._mapping.fields) else None
        if current and all(name != current for _, name in options):
            options.append((field_label(current, self._specs), current))
        return options

    def set_field(self, column: int, field: str | None) -> None:
        if not 0 <= column < len(self._mapping.fields) or (self._mapping.fields[column] or "") == (
            field or ""
        ):
            return
        self._mapping = self._mapping.with_field(column, field or None)
        index = self.index(column, MappingColumn.FIELD)
        self.dataChanged.emit(index, index)

    # -- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._mapping.headers)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(MappingColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._labels) and 0 <= column < len(MappingColumn)):
            return None
        field = self._mapping.fields[row]
        if role == MappingRole.FIELD_NAME or (
            role == Qt.ItemDataRole.EditRole and column == MappingColumn.FIELD
        ):
            return field or ""
        if role == Qt.ItemDataRole.DisplayRole:
            if column == MappingColumn.HEADER:
                return self._labels[row]
            if column == MappingColumn.SAMPLE:
                return self._samples[row]
            return field_label(field, self._specs)
        if role == Qt.ItemDataRole.ToolTipRole and column == MappingColumn.SAMPLE:
            return self._samples[row] or None
        if role == Qt.ItemDataRole.ForegroundRole and not field and column != MappingColumn.SAMPLE:
            return QColor("#8a979f")
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != MappingColumn.FIELD
            or role not in (Qt.ItemDataRole.EditRole, MappingRole.FIELD_NAME)
            or not 0 <= index.row() < len(self._labels)
        ):
            return False
        self.set_field(index.row(), str(value or ""))
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = {
            MappingColumn.HEADER: _tr("ColumnMappingModel", "Column in the file"),
            MappingColumn.SAMPLE: _tr("ColumnMappingModel", "First values"),
            MappingColumn.FIELD: _tr("ColumnMappingModel", "Imported as"),
        }
        return titles.get(MappingColumn(section)) if 0 <= section < len(MappingColumn) else None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() == MappingColumn.FIELD:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names[int(MappingRole.FIELD_NAME)] = b"field_name"
        return names


class ReportColumn(IntEnum):
    LINE = 0
    OUTCOME = 1
    COLUMN = 2
    REASON = 3


_OUTCOME_COLOURS = {
    Outcome.REJECTED: QColor("#b42318"),
    Outcome.WARNING: QColor("#9a6700"),
    Outcome.SKIPPED: QColor("#5b6b75"),
    Outcome.NOTE: QColor("#1d5fa8"),
}


def outcome_label(outcome: Outcome) -> str:
    labels = {
        Outcome.CREATED: _tr("ReportEntryModel", "created"),
        Outcome.UPDATED: _tr("ReportEntryModel", "updated"),
        Outcome.UNCHANGED: _tr("ReportEntryModel", "unchanged"),
        Outcome.MERGED: _tr("ReportEntryModel", "merged"),
        Outcome.SKIPPED: _tr("ReportEntryModel", "skipped"),
        Outcome.REJECTED: _tr("ReportEntryModel", "rejected"),
        Outcome.WARNING: _tr("ReportEntryModel", "warning"),
        Outcome.NOTE: _tr("ReportEntryModel", "note"),
    }
    return labels[outcome]


class ReportEntryModel(ListTableModel):
    """The report's row stories, by line; rejected rows red, warnings amber."""

    headers = ("Line", "Outcome", "Column", "Reason")
    header_context = "ReportEntryModel"

    def __init__(self, entries: Sequence[ReportEntry] = (), parent: Any = None) -> None:
        super().__init__(parent, rows=entries)

    def set_entries(self, entries: Sequence[ReportEntry]) -> None:
        self.set_rows(entries)

    def entry_at(self, row: int) -> ReportEntry:
        return self._rows[row]

    def cell(self, entry: ReportEntry, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == ReportColumn.LINE:
                return entry.lines
            if column == ReportColumn.OUTCOME:
                return outcome_label(entry.outcome)
            if column == ReportColumn.COLUMN:
                return entry.column
            return entry.reason
        if role == Qt.ItemDataRole.ForegroundRole and column == ReportColumn.OUTCOME:
            return _OUTCOME_COLOURS.get(entry.outcome)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ReportColumn.LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
