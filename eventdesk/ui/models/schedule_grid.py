"""The Matchmaking grid: an adapter over the core's `ScheduleView`.

Rows are the companies' meeting tables and columns the slots. At a large fair (120
companies × 2 tables, 16 slots) that gives 240 rows a person scrolls down with the wheel
and 16 short time headers across, where the transpose would need a very wide scroll past
long company names. Each cell holds at most one meeting; the view paints it through a
delegate, never a widget per cell.

Dragging a meeting carries its id; dropping it on a cell is turned into a *request*
(`move_requested` or `swap_requested`). The model decides nothing: the screen hands the
request to the core's edit service, which refuses a conflict with a sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from eventdesk.domain.matchmaking.model import MeetingStatus
from eventdesk.domain.text import fold
from eventdesk.services.matchmaking.view import GridMeeting, GridTable, ScheduleView
from eventdesk.ui.models.quick_filter import QuickFilterProxy

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
MEETING_MIME = "application/x-eventdesk-meeting"

LOCKED_BACKGROUND = QColor("#fff4d6")
ATTENDED_BACKGROUND = QColor("#e3f4ea")
NO_SHOW_BACKGROUND = QColor("#fbe4e2")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ScheduleGrid", text)


class GridRole(IntEnum):
    MEETING = Qt.ItemDataRole.UserRole + 40
    """The `GridMeeting` in the cell, or None for a free table."""
    MEETING_ID = Qt.ItemDataRole.UserRole + 41
    SLOT = Qt.ItemDataRole.UserRole + 42
    COMPANY_ID = Qt.ItemDataRole.UserRole + 43
    TABLE = Qt.ItemDataRole.UserRole + 44
    LOCKED = Qt.ItemDataRole.UserRole + 45
    STATUS = Qt.ItemDataRole.UserRole + 46
    """The meeting's `MeetingStatus` value ("scheduled", "attended", "no_show")."""
    AFTER_BREAK = Qt.ItemDataRole.UserRole + 47
    """True when a break lies between this slot and the one before it."""
    ATTENDEE_KEY = Qt.ItemDataRole.UserRole + 48
    """The attendee's name folded (accents and case ignored), for the search highlight."""
    FIRST_OF_COMPANY = Qt.ItemDataRole.UserRole + 49
    """True on a company's first table row: the delegate draws a rule above it."""
    COMPANY_BAND = Qt.ItemDataRole.UserRole + 50
    """0 or 1, alternating per company (not per row), so a company's tables read as one band."""
    LOOK = Qt.ItemDataRole.UserRole + 51
    """A `CellLook`: everything the delegate paints, in one call through the filter proxy."""


class CellLook(NamedTuple):
    meeting: GridMeeting | None
    band: int
    first_of_company: bool
    after_break: bool
    background: QColor | None
    attendee_key: str
    unavailable: bool = False
    """The company cannot meet in this slot (outside its availability windows)."""


class HeaderRole(IntEnum):
    """Parts of a table row's header, so the view can keep the table number visible."""

    COMPANY = Qt.ItemDataRole.UserRole + 55
    DETAIL = Qt.ItemDataRole.UserRole + 56
    """"T2 · B11": the table number (when the company has several) and the booth."""


@dataclass(frozen=True)
class CellTarget:
    """A grid cell as the edit services name it."""

    slot: int
    company_id: int
    table: int


class ScheduleGridModel(QAbstractTableModel):
    move_requested = Signal(int, object)
    """(meeting id, CellTarget): a meeting was dropped on a free table."""
    swap_requested = Signal(int, int)
    """(dragged meeting id, meeting id in the target cell)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._view: ScheduleView | None = None
        self._tables: tuple[GridTable, ...] = ()
        self._cells: dict[tuple[int, int], GridMeeting] = {}
        self._by_id: dict[int, tuple[int, int]] = {}
        self._after_break: frozenset[int] = frozenset()
        self._table_counts: dict[int, int] = {}
        self._row_text: list[str] = []
        self._band: list[int] = []
        self._folded: dict[int, str] = {}
        self._unavailable: dict[int, frozenset[int]] = {}

    # -- content ----------------------------------------------------------------------------

    def set_view(
        self, view: ScheduleView | None, unavailable: Mapping[int, frozenset[int]] | None = None
    ) -> None:
        """Show `view`; `unavailable` gives, per company id, the slots it cannot meet in."""
        self.beginResetModel()
        self._view = view
        self._unavailable = dict(unavailable or {})
        self._tables = view.tables if view else ()
        row_of = {(t.company_id, t.table): n for n, t in enumerate(self._tables)}
        self._cells = {}
        self._by_id = {}
        if view is not None:
            for m in view.meetings:
                row = row_of.get((m.company_id, m.table))
                if row is not None and 0 <= m.slot < len(view.slots):
                    self._cells[(row, m.slot)] = m
                    self._by_id[m.id] = (row, m.slot)
        self._after_break = frozenset(_slots_after_breaks(view)) if view else frozenset()
        self._table_counts = {}
        for t in self._tables:
            self._table_counts[t.company_id] = self._table_counts.get(t.company_id, 0) + 1
        self._band = []
        company_number = -1
        for n, t in enumerate(self._tables):
            if n == 0 or self._tables[n - 1].company_id != t.company_id:
                company_number += 1
            self._band.append(company_number % 2)
        # Folded once here, not on every paint: the delegate asks for each visible cell.
        self._folded = {m.id: fold(m.attendee) for m in self._cells.values()}
        names: dict[int, list[str]] = {}
        for (row, _slot), m in self._cells.items():
            names.setdefault(row, []).append(m.attendee)
        self._row_text = [
            fold(" ".join((t.company, t.booth, *names.get(n, ())))) for n, t in enumerate(self._tables)
        ]
        self.endResetModel()

    @property
    def schedule(self) -> ScheduleView | None:
        return self._view

    def meeting_at(self, row: int, column: int) -> GridMeeting | None:
        return self._cells.get((row, column))

    def target_at(self, row: int, column: int) -> CellTarget | None:
        if not (0 <= row < len(self._tables) and self._view and 0 <= column < len(self._view.slots)):
            return None
        table = self._tables[row]
        return CellTarget(column, table.company_id, table.table)

    def index_of_meeting(self, meeting_id: int) -> QModelIndex:
        place = self._by_id.get(meeting_id)
        return self.index(*place) if place else QModelIndex()

    def row_search_text(self, row: int) -> str:
        return self._row_text[row] if 0 <= row < len(self._row_text) else ""

    def table_at(self, row: int) -> GridTable | None:
        return self._tables[row] if 0 <= row < len(self._tables) else None

    # -- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._tables)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        if parent.isValid() or self._view is None:
            return 0
        return len(self._view.slots)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._view is None:
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._tables) and 0 <= column < len(self._view.slots)):
            return None
        meeting = self._cells.get((row, column))
        table = self._tables[row]
        if role == GridRole.LOOK:
            return CellLook(
                meeting,
                self._band[row],
                self._first_of_company(row),
                column in self._after_break,
                self._background(meeting),
                self._folded.get(meeting.id, "") if meeting else "",
                column in self._unavailable.get(table.company_id, ()),
            )
        if role == Qt.ItemDataRole.DisplayRole:
            return meeting.attendee if meeting else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(meeting, table, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(meeting)
        if role == GridRole.MEETING:
            return meeting
        if role == GridRole.MEETING_ID:
            return meeting.id if meeting else None
        if role == GridRole.SLOT:
            return column
        if role == GridRole.COMPANY_ID:
            return table.company_id
        if role == GridRole.TABLE:
            return table.table
        if role == GridRole.LOCKED:
            return bool(meeting and meeting.locked)
        if role == GridRole.STATUS:
            return meeting.status.value if meeting else None
        if role == GridRole.AFTER_BREAK:
            return column in self._after_break
        if role == GridRole.ATTENDEE_KEY:
            return self._folded.get(meeting.id, "") if meeting else ""
        if role == GridRole.FIRST_OF_COMPANY:
            return self._first_of_company(row)
        if role == GridRole.COMPANY_BAND:
            return self._band[row]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            slot = self._view.slots[column]
            where = _tr("{company}, table {table}, {time}").format(
                company=table.company, table=table.table, time=slot.label
            )
            return f"{meeting.attendee}, {where}" if meeting else _tr("Free: {where}").format(where=where)
        return None

    def _first_of_company(self, row: int) -> bool:
        return row == 0 or self._tables[row - 1].company_id != self._tables[row].company_id

    @staticmethod
    def _background(meeting: GridMeeting | None) -> QColor | None:
        if meeting is None:
            return None
        if meeting.status is MeetingStatus.ATTENDED:
            return ATTENDED_BACKGROUND
        if meeting.status is MeetingStatus.NO_SHOW:
            return NO_SHOW_BACKGROUND
        return LOCKED_BACKGROUND if meeting.locked else None

    def _tooltip(self, meeting: GridMeeting | None, table: GridTable, column: int) -> str:
        assert self._view is not None
        slot = self._view.slots[column]
        place = _tr("{time} · {company}, table {table}").format(
            time=slot.label, company=table.company, table=table.table
        )
        if table.booth:
            place += _tr(" (booth {booth})").format(booth=table.booth)
        if meeting is None:
            if column in self._unavailable.get(table.company_id, ()):
                return _tr("{company} is not available at this time\n{place}").format(
                    company=table.company, place=place
                )
            return _tr("Free table\n{place}\nDrag a meeting here to move it.").format(place=place)
        lines = [meeting.attendee, place, _tr("Match score {score:.2f}").format(score=meeting.score)]
        if meeting.why:
            lines.append(_tr("Why matched: shared interests in {tags}").format(tags=", ".join(meeting.why)))
        else:
            lines.append(_tr("Why matched: a wish or an imported score, no shared interest tag"))
        flags = []
        if meeting.locked:
            flags.append(_tr("locked"))
        if meeting.printed:
            flags.append(_tr("printed on the attendee's schedule"))
        if meeting.status is MeetingStatus.ATTENDED:
            flags.append(_tr("attended"))
        elif meeting.status is MeetingStatus.NO_SHOW:
            flags.append(_tr("no-show"))
        if flags:
            lines.append(" · ".join(flags))
        return "\n".join(lines)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self._view is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._view.slots):
                return None
            slot = self._view.slots[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{slot.start:%H:%M}"
            if role == Qt.ItemDataRole.ToolTipRole:
                text = _tr("Slot {number}: {time}").format(number=section + 1, time=slot.label)
                brk = _break_before(self._view, section)
                if brk is not None:
                    text += "\n" + _tr("after {label} ({start}–{end})").format(
                        label=brk.label, start=f"{brk.start:%H:%M}", end=f"{brk.end:%H:%M}"
                    )
                return text
            return None
        if not 0 <= section < len(self._tables):
            return None
        table = self._tables[section]
        if role == Qt.ItemDataRole.DisplayRole:
            if self._table_counts.get(table.company_id, 1) > 1:
                return _tr("{company} · table {table}").format(company=table.company, table=table.table)
            return table.company
        if role == HeaderRole.COMPANY:
            return table.company
        if role == HeaderRole.DETAIL:
            parts = []
            if self._table_counts.get(table.company_id, 1) > 1:
                parts.append(_tr("T{table}").format(table=table.table))
            if table.booth:
                parts.append(table.booth)
            return " · ".join(parts)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = table.company
            if table.booth:
                text += "\n" + _tr("Booth {booth}").format(booth=table.booth)
            return (
                text
                + "\n"
                + _tr("Table {table} of {count}").format(
                    table=table.table, count=self._table_counts.get(table.company_id, 1)
                )
            )
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDropEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if (index.row(), index.column()) in self._cells:
            base |= Qt.ItemFlag.ItemIsDragEnabled
        return base

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update({int(role): QByteArray(role.name.lower().encode()) for role in GridRole})
        return names

    # -- drag and drop ----------------------------------------------------------------------

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MEETING_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData | None:
        for index in indexes:
            meeting = self._cells.get((index.row(), index.column())) if index.isValid() else None
            if meeting is not None:
                data = QMimeData()
                data.setData(MEETING_MIME, QByteArray(str(meeting.id).encode("ascii")))
                data.setText(meeting.attendee)
                return data
        return None

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        return (
            data is not None
            and data.hasFormat(MEETING_MIME)
            and action in (Qt.DropAction.MoveAction, Qt.DropAction.CopyAction)
            and self._drop_cell(row, column, parent) is not None
        )

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        """Emit the move or swap this drop asks for; the screen carries it out (or refuses)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        meeting_id = meeting_id_of(data)
        cell = self._drop_cell(row, column, parent)
        if meeting_id is None or cell is None or meeting_id not in self._by_id:
            return False
        if self._by_id[meeting_id] == cell:
            return False
        target = self._cells.get(cell)
        if target is not None:
            self.swap_requested.emit(meeting_id, target.id)
        else:
            place = self.target_at(*cell)
            assert place is not None
            self.move_requested.emit(meeting_id, place)
        return True

    def _drop_cell(self, row: int, column: int, parent: AnyIndex) -> tuple[int, int] | None:
        # A table view drops *on* an item: the target is `parent`, row and column are -1.
        if parent.isValid():
            row, column = parent.row(), parent.column()
        if self.target_at(row, column) is None:
            return None
        return (row, column)

    def meeting_by_id(self, meeting_id: int) -> GridMeeting | None:
        place = self._by_id.get(meeting_id)
        return self._cells.get(place) if place else None


def meeting_id_of(data: QMimeData | None) -> int | None:
    if data is None or not data.hasFormat(MEETING_MIME):
        return None
    try:
        return int(bytes(data.data(MEETING_MIME).data()).decode("ascii"))
    except ValueError:
        return None


def _break_before(view: ScheduleView, column: int) -> Any:
    if column == 0:
        return None
    previous, current = view.slots[column - 1], view.slots[column]
    for brk in view.breaks:
        if previous.end <= brk.start and brk.end <= current.start:
            return brk
    return None


def _slots_after_breaks(view: ScheduleView) -> list[int]:
    return [n for n in range(1, len(view.slots)) if _break_before(view, n) is not None]


class ScheduleGridFilter(QuickFilterProxy):
    """Shows the tables of matching companies, or the tables where a matching person meets.

    Every typed word must appear (accents and case ignored) in the company's name, its
    booth, or the name of someone meeting at that table; the delegate highlights the people.
    """

    def source(self) -> ScheduleGridModel:
        model = self.sourceModel()
        assert isinstance(model, ScheduleGridModel)
        return model

    def search_text(self, source_row: int) -> str:
        return self.source().row_search_text(source_row)

    def matches_attendee(self, attendee_key: str) -> bool:
        """True when the search words pick out this (folded) attendee name."""
        return bool(self._words) and bool(attendee_key) and all(w in attendee_key for w in self._words)
