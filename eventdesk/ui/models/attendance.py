"""The exhibitor's tick list: one company's meetings, each ticked attended or no-show.

An adapter over the core's `GridMeeting` records. Ticking does not change the row
directly for good: it asks (`status_requested`) and the screen saves it through
`set_meeting_status`, which also makes an attended person the company's lead; the row
shows the tick at once and the reload that follows confirms it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal

from eventdesk.domain.matchmaking.model import MeetingStatus, Slot
from eventdesk.services.matchmaking.view import GridMeeting
from eventdesk.ui.models.list_table import AnyIndex, ListTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("Attendance", text)


class AttendanceColumn(IntEnum):
    TIME = 0
    TABLE = 1
    ATTENDEE = 2
    ATTENDED = 3
    NO_SHOW = 4


_HEADERS = {
    AttendanceColumn.TIME: "Time",
    AttendanceColumn.TABLE: "Table",
    AttendanceColumn.ATTENDEE: "Attendee",
    AttendanceColumn.ATTENDED: "Attended",
    AttendanceColumn.NO_SHOW: "No-show",
}
_TICKS = {AttendanceColumn.ATTENDED: MeetingStatus.ATTENDED, AttendanceColumn.NO_SHOW: MeetingStatus.NO_SHOW}
MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 60


class AttendanceModel(ListTableModel):
    headers = tuple(_HEADERS[column] for column in AttendanceColumn)
    header_context = "Attendance"
    status_requested = Signal(int, object)
    """(meeting id, MeetingStatus) after a tick or untick."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._slots: dict[int, Slot] = {}

    def set_meetings(self, meetings: Iterable[GridMeeting], slots: Iterable[Slot]) -> None:
        self._slots = {s.index: s for s in slots}
        self.set_rows(sorted(meetings, key=lambda m: (m.slot, m.table)))

    def meetings(self) -> list[GridMeeting]:
        return self.rows()

    def cell(self, meeting: GridMeeting, column: int, role: int) -> Any:
        column = AttendanceColumn(column)
        if role == MEETING_ID_ROLE:
            return meeting.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == AttendanceColumn.TIME:
                slot = self._slots.get(meeting.slot)
                return slot.label if slot else str(meeting.slot + 1)
            if column == AttendanceColumn.TABLE:
                return str(meeting.table)
            if column == AttendanceColumn.ATTENDEE:
                return meeting.attendee
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column in _TICKS:
            return Qt.CheckState.Checked if meeting.status is _TICKS[column] else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column == AttendanceColumn.ATTENDEE and meeting.why:
            return _tr("Shared interests: {tags}").format(tags=", ".join(meeting.why))
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if flags and index.column() in _TICKS:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._valid(index) or role != Qt.ItemDataRole.CheckStateRole or index.column() not in _TICKS:
            return False
        meeting = self._rows[index.row()]
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked
        status = _TICKS[AttendanceColumn(index.column())] if ticked else MeetingStatus.SCHEDULED
        if status is meeting.status:
            return False
        self._rows[index.row()] = replace(meeting, status=status)
        self.dataChanged.emit(
            self.index(index.row(), AttendanceColumn.ATTENDED),
            self.index(index.row(), AttendanceColumn.NO_SHOW),
            [Qt.ItemDataRole.CheckStateRole],
        )
        self.status_requested.emit(meeting.id, status)
        return True

    def counts(self) -> tuple[int, int, int]:
        """(meetings, attended, no-shows)."""
        attended = sum(1 for m in self._rows if m.status is MeetingStatus.ATTENDED)
        no_show = sum(1 for m in self._rows if m.status is MeetingStatus.NO_SHOW)
        return len(self._rows), attended, no_show
