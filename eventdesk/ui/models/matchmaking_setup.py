"""Small models behind the Matchmaking setup panel: the breaks, which tags count, the
companies' tables, and who is only available part of the day.

Adapters over the core's records (`MatchmakingSettings.breaks`, `SetupOverview`,
`CompanyRow`); what they produce goes back through `save_settings` or `edit_company`,
which validate. The breaks and tags models hold the person's edits until the setup is saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTime, Signal

from eventdesk.i18n import ngettext
from eventdesk.services.matchmaking.overview import Restriction, TagUse
from eventdesk.services.people.lists import CompanyRow
from eventdesk.ui.models.list_table import AnyIndex, ListTableModel

_ROOT = QModelIndex()


def _tr(text: str) -> str:
    return QCoreApplication.translate("MatchmakingSetup", text)


class _Table(ListTableModel):
    header_context = "MatchmakingSetup"


# -- breaks -----------------------------------------------------------------------------------


@dataclass
class BreakRow:
    label: str
    start: QTime
    end: QTime


class BreakColumn(IntEnum):
    LABEL = 0
    START = 1
    END = 2


class BreaksModel(_Table):
    """Breaks and lunch, edited in place (times with a time editor); slots skip them."""

    headers = ("Break", "From", "Until")
    edited = Signal()

    def cell(self, row: BreakRow, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == BreakColumn.LABEL:
                return row.label
            value = row.start if column == BreakColumn.START else row.end
            return value if role == Qt.ItemDataRole.EditRole else value.toString("HH:mm")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if flags else flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._valid(index) or role != Qt.ItemDataRole.EditRole:
            return False
        row = self._rows[index.row()]
        if index.column() == BreakColumn.LABEL:
            text = str(value).strip()
            if not text:
                return False
            row.label = text
        else:
            if not isinstance(value, QTime) or not value.isValid():
                return False
            if index.column() == BreakColumn.START:
                row.start = value
            else:
                row.end = value
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        self.edited.emit()
        return True

    def add_break(self, label: str, start: QTime, end: QTime) -> int:
        position = len(self._rows)
        self.beginInsertRows(_ROOT, position, position)
        self._rows.append(BreakRow(label, start, end))
        self.endInsertRows()
        self.edited.emit()
        return position

    def remove_break(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            return
        self.beginRemoveRows(_ROOT, row, row)
        del self._rows[row]
        self.endRemoveRows()
        self.edited.emit()


# -- which tags count ---------------------------------------------------------------------------


class TagColumn(IntEnum):
    TAG = 0
    USE = 1


class TagChoiceModel(_Table):
    """Every tag in play, ticked when it counts towards a pair's score."""

    headers = ("Tag", "Wanted · hiring")
    edited = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._counted: set[str] = set()

    def set_tags(self, tags: Iterable[TagUse], counted: Iterable[str]) -> None:
        self.beginResetModel()
        self._rows = list(tags)
        self._counted = set(counted)
        self.endResetModel()

    def cell(self, row: TagUse, column: int, role: int) -> Any:
        if column == TagColumn.TAG:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.label
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row.key in self._counted else Qt.CheckState.Unchecked
        elif role == Qt.ItemDataRole.DisplayRole:
            return _tr("{wanted} · {hiring}").format(wanted=row.attendees, hiring=row.companies)
        if role == Qt.ItemDataRole.ToolTipRole:
            return " ".join(
                (
                    ngettext(
                        "{n} participant wants {tag};",
                        "{n} participants want {tag};",
                        row.attendees,
                        tag=row.label,
                    ),
                    ngettext("{n} company hires for it.", "{n} companies hire for it.", row.companies),
                )
            )
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if flags and index.column() == TagColumn.TAG:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not self._valid(index)
            or index.column() != TagColumn.TAG
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        key = self._rows[index.row()].key
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._counted.add(key)
        else:
            self._counted.discard(key)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.edited.emit()
        return True

    def set_all(self, counted: bool) -> None:
        self._counted = {t.key for t in self._rows} if counted else set()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, 0), [Qt.ItemDataRole.CheckStateRole]
            )
        self.edited.emit()

    def ignored(self) -> list[str]:
        """The tags left unticked, as keys: the setup's `tags_ignored`."""
        return sorted(t.key for t in self._rows if t.key not in self._counted)


# -- tables per company -------------------------------------------------------------------------


class CompanyTablesColumn(IntEnum):
    COMPANY = 0
    BOOTH = 1
    TABLES = 2


class CompanyTablesModel(_Table):
    """Each company's own meeting tables (from Companies), editable here."""

    headers = ("Company", "Booth", "Tables")
    tables_edited = Signal(int, int)
    """(company id, tables): the person typed a new number; the screen saves it."""

    def cell(self, row: CompanyRow, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == CompanyTablesColumn.COMPANY:
                return row.name
            if column == CompanyTablesColumn.BOOTH:
                return row.booth
            return row.meeting_tables if role == Qt.ItemDataRole.EditRole else str(row.meeting_tables)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == CompanyTablesColumn.TABLES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == CompanyTablesColumn.TABLES:
            return _tr("Double-click to change how many meeting tables {company} has.").format(
                company=row.name
            )
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if flags and index.column() == CompanyTablesColumn.TABLES:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not self._valid(index)
            or index.column() != CompanyTablesColumn.TABLES
            or role != Qt.ItemDataRole.EditRole
        ):
            return False
        try:
            tables = int(value)
        except (TypeError, ValueError):
            return False
        row: CompanyRow = self._rows[index.row()]
        if tables == row.meeting_tables:
            return False
        self._rows[index.row()] = row._replace(meeting_tables=tables)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        self.tables_edited.emit(row.id, tables)
        return True


# -- who is restricted ------------------------------------------------------------------------


class RestrictionColumn(IntEnum):
    WHO = 0
    KIND = 1
    AVAILABLE = 2
    MISSED = 3


class RestrictionsModel(_Table):
    headers = ("Who", "Kind", "Available", "Slots missed")

    def cell(self, row: Restriction, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == RestrictionColumn.WHO:
                return row.name
            if column == RestrictionColumn.KIND:
                return _tr("Company") if row.kind == "company" else _tr("Attendee")
            if column == RestrictionColumn.AVAILABLE:
                return row.windows_text
            return str(row.unavailable_slots)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == RestrictionColumn.MISSED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
