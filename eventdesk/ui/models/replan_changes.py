"""The changes a re-plan makes, one row each: removed, moved or added meetings."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from eventdesk.domain.matchmaking.replan import ChangeKind
from eventdesk.services.matchmaking.plan import ChangeLine
from eventdesk.ui.models.list_table import ListTableModel

KIND_ROLE = Qt.ItemDataRole.UserRole + 70


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReplanChanges", text)


class ChangeColumn(IntEnum):
    CHANGE = 0
    ATTENDEE = 1
    COMPANY = 2
    BEFORE = 3
    AFTER = 4
    REASON = 5


_KIND_TEXT = {ChangeKind.REMOVED: "Removed", ChangeKind.MOVED: "Moved", ChangeKind.ADDED: "Added"}
_KIND_COLOUR = {
    ChangeKind.REMOVED: QColor("#b42318"),
    ChangeKind.MOVED: QColor("#9a6700"),
    ChangeKind.ADDED: QColor("#166534"),
}
_ORDER = {ChangeKind.REMOVED: 0, ChangeKind.MOVED: 1, ChangeKind.ADDED: 2}


class ReplanChangesModel(ListTableModel):
    headers = ("Change", "Attendee", "Company", "Before", "After", "Why")
    header_context = "ReplanChanges"

    def __init__(self, changes: Iterable[ChangeLine] = (), parent: Any = None) -> None:
        super().__init__(parent, rows=_sorted(changes))

    def set_changes(self, changes: Iterable[ChangeLine]) -> None:
        self.set_rows(_sorted(changes))

    def cell(self, change: ChangeLine, column: int, role: int) -> Any:
        column = ChangeColumn(column)
        if role == KIND_ROLE:
            return change.kind.value
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                ChangeColumn.CHANGE: _tr(_KIND_TEXT[change.kind]),
                ChangeColumn.ATTENDEE: change.attendee,
                ChangeColumn.COMPANY: change.company,
                ChangeColumn.BEFORE: change.before or "—",
                ChangeColumn.AFTER: change.after or "—",
                ChangeColumn.REASON: change.reason,
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == ChangeColumn.CHANGE:
            return _KIND_COLOUR[change.kind]
        return None


def _sorted(changes: Iterable[ChangeLine]) -> list[ChangeLine]:
    return sorted(changes, key=lambda c: (_ORDER[c.kind], c.attendee.casefold(), c.company.casefold()))
