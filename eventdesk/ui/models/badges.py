"""The Badges screen's two small tables, as adapters over service records.

`BadgeCountTableModel` shows `services.badges.overview.badge_counts` (printed and not yet
printed per ticket type, with a total row); `BadgeNoteTableModel` shows the notes of the last
batch (`BadgeNote`: a badge without a name, a character no bundled font has). Both are
read-only and small, so they reset on every change instead of diffing rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont

from eventdesk.services.badges.batches import BadgeNote
from eventdesk.services.badges.overview import BadgeCount
from eventdesk.ui.models.attendees import ticket_label
from eventdesk.ui.models.list_table import AnyIndex, ListTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("BadgeModels", text)


class BadgeRole(IntEnum):
    RECORD = Qt.ItemDataRole.UserRole + 1
    """The service record of the row (a `BadgeCount` or a `BadgeNote`)."""
    ATTENDEE_ID = Qt.ItemDataRole.UserRole + 2
    """For a note: the attendee it is about, to open them in the attendee list."""
    IS_TOTAL = Qt.ItemDataRole.UserRole + 3
    """For a count: True on the total row under the ticket types."""


class _SmallTable(ListTableModel):
    """What the two tables add to a list table: the row's record and the roles by name."""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == BadgeRole.RECORD:
            return self._rows[index.row()] if self._valid(index) else None
        return super().data(index, role)

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update({int(role): role.name.lower().encode() for role in BadgeRole})
        return names


_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class BadgeCountColumn(IntEnum):
    TICKET_TYPE = 0
    REGISTERED = 1
    PRINTED = 2
    UNPRINTED = 3
    REPRINTED = 4


class BadgeCountTableModel(_SmallTable):
    """Registered, printed, not yet printed and reprinted per ticket type, and their total."""

    def __init__(self, parent: Any = None, number: Callable[[int], str] = str) -> None:
        super().__init__(parent)
        self.headers = (
            _tr("Ticket type"),
            _tr("People"),
            _tr("Printed"),
            _tr("To print"),
            _tr("Reprinted"),
        )
        self.header_tips = (
            "",
            _tr("Registered attendees (cancelled tickets get no badge)"),
            _tr("Their current badge has been printed"),
            _tr("Their current badge has not been printed yet"),
            _tr("On a newer badge version: their earlier badge no longer opens the door."),
        )
        self._number = number
        self._bold = QFont()
        self._bold.setBold(True)

    def set_counts(self, counts: Sequence[BadgeCount]) -> None:
        total = BadgeCount(
            "",
            sum(c.registered for c in counts),
            sum(c.printed for c in counts),
            sum(c.reprinted for c in counts),
        )
        self.set_rows([*counts, total])

    def total(self) -> BadgeCount | None:
        return self._rows[-1] if self._rows else None

    def cell(self, record: BadgeCount, column: int, role: int) -> Any:
        is_total = record.ticket_type == ""
        if role == BadgeRole.IS_TOTAL:
            return is_total
        if role == Qt.ItemDataRole.DisplayRole:
            if column == BadgeCountColumn.TICKET_TYPE:
                return _tr("All ticket types") if is_total else ticket_label(record.ticket_type)
            values = (record.registered, record.printed, record.unprinted, record.reprinted)
            return self._number(values[column - 1])
        if role == Qt.ItemDataRole.TextAlignmentRole and column != BadgeCountColumn.TICKET_TYPE:
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and is_total:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and column != BadgeCountColumn.TICKET_TYPE:
            return self.header_tips[column]
        return None


class BadgeNoteColumn(IntEnum):
    ATTENDEE = 0
    NOTE = 1


class BadgeNoteTableModel(_SmallTable):
    """What a person should check after a batch, one line per note."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = (_tr("Attendee"), _tr("Note"))
        self.header_tips = ("", "")

    def set_notes(self, notes: Sequence[BadgeNote]) -> None:
        self.set_rows(notes)

    def cell(self, record: BadgeNote, column: int, role: int) -> Any:
        if role == BadgeRole.ATTENDEE_ID:
            return record.attendee_id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == BadgeNoteColumn.ATTENDEE:
                return f"{record.name}  (#{record.attendee_id})" if record.name else f"#{record.attendee_id}"
            return record.message
        if role == Qt.ItemDataRole.ToolTipRole and column == BadgeNoteColumn.NOTE:
            return record.message
        return None
