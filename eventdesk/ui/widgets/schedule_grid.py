"""The Matchmaking grid view: drag a meeting to another table or time, or onto another
meeting to swap them; lock, delete and tick from the context menu or the keyboard.

While a meeting is dragged, the view asks the core whether dropping it on the cell under
the pointer would be refused (`DropChecks`); a refused cell gets the forbidden cursor and
the core's sentence as a tooltip and in the hint line. The view never decides a rule: the
drop becomes a request that the screen hands to the edit service, which checks it again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QContextMenuEvent,
    QCursor,
    QDrag,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from eventdesk.domain.matchmaking.model import MeetingStatus
from eventdesk.services.matchmaking.view import GridMeeting
from eventdesk.ui.models.schedule_grid import (
    CellLook,
    CellTarget,
    GridRole,
    HeaderRole,
    ScheduleGridFilter,
    ScheduleGridModel,
    meeting_id_of,
)
from eventdesk.ui.theme import ACCENT
from eventdesk.ui.widgets.drop_checks import DropChecks

CELL_WIDTH = 148
CELL_HEIGHT = 34
HEADER_WIDTH = 250

_CHIP = QColor("#e6f2f0")
_CHIP_BORDER = QColor("#b9d8d3")
_MATCH = QColor("#fde68a")
_MATCH_BORDER = QColor("#d97706")
_BAND = QColor("#f6f8fa")
_COMPANY_RULE = QColor("#c3ced5")
_BREAK_RULE = QColor("#8a979f")
_TEXT = QColor("#1c2b33")
_UNAVAILABLE = QBrush(QColor("#c9d1d6"), Qt.BrushStyle.BDiagPattern)


@dataclass(frozen=True)
class DropIntent:
    """What dropping the dragged meeting on a cell would ask for."""

    meeting: GridMeeting
    target: CellTarget
    other: GridMeeting | None
    """The meeting already in the target cell: the drop asks for a swap."""
    time: str = ""
    """The target slot's start, as the column header shows it."""

    @property
    def key(self) -> str:
        return f"{self.meeting.id}:{self.target.slot}:{self.target.company_id}:{self.target.table}"

    @property
    def is_noop(self) -> bool:
        return self.other is not None and self.other.id == self.meeting.id


ConflictSource = Callable[[DropIntent], str | None]


class ScheduleCellDelegate(QStyledItemDelegate):
    """Paints a meeting as a chip: the person's name, a padlock when locked, ✓ or ✗ once
    ticked; a rule above each company's first table and before the slot after a break."""

    def __init__(self, search: ScheduleGridFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._elided: dict[tuple[str, int, bool], str] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(CELL_WIDTH, CELL_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        look: CellLook | None = index.data(GridRole.LOOK)
        if look is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRect(option.rect)
        if look.band:
            painter.fillRect(rect, _BAND)
        if look.unavailable:
            painter.fillRect(rect.adjusted(1, 1, -1, -1), _UNAVAILABLE)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if look.meeting is not None:
            self._paint_chip(painter, rect, look, selected)
        elif selected:
            painter.setPen(QPen(QColor(ACCENT), 2))
            painter.drawRect(rect.adjusted(2, 2, -2, -2))
        if look.first_of_company and index.row() > 0:
            painter.setPen(QPen(_COMPANY_RULE, 1))
            painter.drawLine(rect.topLeft(), rect.topRight())
        if look.after_break:
            painter.setPen(QPen(_BREAK_RULE, 3))
            painter.drawLine(rect.topLeft() + QPoint(1, 0), rect.bottomLeft() + QPoint(1, 0))
        painter.restore()

    def _paint_chip(self, painter: QPainter, rect: QRect, look: CellLook, selected: bool) -> None:
        meeting = look.meeting
        assert meeting is not None
        chip = QRectF(rect.adjusted(3, 3, -3, -3))
        fill = look.background or _CHIP
        border = _CHIP_BORDER
        matched = self._search.matches_attendee(look.attendee_key)
        if matched:
            fill, border = _MATCH, _MATCH_BORDER
        if selected:
            border = QColor(ACCENT)
        painter.setPen(QPen(border, 2 if selected or matched else 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(chip, 5, 5)
        painter.setBrush(Qt.BrushStyle.NoBrush)

        text_rect = chip.adjusted(7, 0, -6, 0)
        if meeting.locked:
            self._paint_padlock(painter, QPointF(chip.right() - 12, chip.center().y()))
            text_rect.setRight(text_rect.right() - 14)
        mark = {MeetingStatus.ATTENDED: "✓", MeetingStatus.NO_SHOW: "✗"}.get(meeting.status)
        if matched:
            font = QFont(painter.font())
            font.setBold(True)
            painter.setFont(font)
        if mark:
            painter.setPen(
                QColor("#166534") if meeting.status is MeetingStatus.ATTENDED else QColor("#b42318")
            )
            mark_rect = QRectF(text_rect.right() - 12, text_rect.top(), 12, text_rect.height())
            painter.drawText(mark_rect, Qt.AlignmentFlag.AlignCenter, mark)
            text_rect.setRight(text_rect.right() - 14)
        painter.setPen(_TEXT)
        width = int(text_rect.width())
        key = (meeting.attendee, width, matched)
        name = self._elided.get(key)
        if name is None:
            if len(self._elided) > 20_000:
                self._elided.clear()
            metrics = painter.fontMetrics()
            name = self._elided[key] = metrics.elidedText(
                meeting.attendee, Qt.TextElideMode.ElideRight, width
            )
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), name)

    @staticmethod
    def _paint_padlock(painter: QPainter, centre: QPointF) -> None:
        colour = QColor("#92400e")
        painter.setPen(QPen(colour, 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawArc(QRectF(centre.x() - 3.5, centre.y() - 7, 7, 8), 0, 180 * 16)
        painter.fillRect(QRectF(centre.x() - 5, centre.y() - 2, 10, 7), colour)


class ScheduleRowHeader(QHeaderView):
    """Row headers that keep what tells two tables apart: the company's name is shortened
    when it is long, never the table number and booth drawn at the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionsClickable(False)

    def paintSection(self, painter: QPainter, rect: QRect, logicalIndex: int) -> None:
        model = self.model()
        if model is None or not rect.isValid():
            return
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = logicalIndex
        option.text = ""
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()
        company = model.headerData(logicalIndex, Qt.Orientation.Vertical, HeaderRole.COMPANY) or ""
        detail = model.headerData(logicalIndex, Qt.Orientation.Vertical, HeaderRole.DETAIL) or ""
        inner = rect.adjusted(8, 0, -8, 0)
        painter.save()
        metrics = painter.fontMetrics()
        detail_width = metrics.horizontalAdvance(detail) + 10 if detail else 0
        if detail:
            painter.setPen(QColor("#6b7b85"))
            painter.drawText(inner, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), detail)
        font = QFont(painter.font())
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(_TEXT)
        name_rect = inner.adjusted(0, 0, -detail_width, 0)
        name = painter.fontMetrics().elidedText(company, Qt.TextElideMode.ElideRight, name_rect.width())
        painter.drawText(name_rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), name)
        painter.restore()


class ScheduleGridView(QTableView):
    """Slots across, tables down; one meeting per cell."""

    hint_changed = Signal(str, bool)
    """(message, refused): what the drag would do, or why the drop is refused ("" clears)."""
    drop_refused = Signal(str)
    lock_requested = Signal(int, bool)
    delete_requested = Signal(int)
    status_requested = Signal(int, object)
    """(meeting id, MeetingStatus)."""
    person_filter_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleGrid")
        self.checks = DropChecks(self)
        self.checks.answered.connect(self._on_answer)
        self._conflict_source: ConflictSource | None = None
        self._hover: DropIntent | None = None
        self._dragged: int | None = None

        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)
        self.setShowGrid(True)
        self.setMouseTracking(True)
        self.setVerticalHeader(ScheduleRowHeader(self))
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(CELL_HEIGHT)
        rows.setMinimumWidth(HEADER_WIDTH)
        rows.setMaximumWidth(HEADER_WIDTH)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows.setTextElideMode(Qt.TextElideMode.ElideRight)
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns.setDefaultSectionSize(CELL_WIDTH)
        columns.setHighlightSections(True)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)

        self.lock_action = self._action(self.tr("Lock / unlock"), QKeySequence("Ctrl+L"), self._toggle_lock)
        self.delete_action = self._action(
            self.tr("Delete meeting"), QKeySequence(QKeySequence.StandardKey.Delete), self._delete
        )
        self.attended_action = self._action(
            self.tr("Mark attended"),
            QKeySequence("Ctrl+Shift+A"),
            lambda: self._status(MeetingStatus.ATTENDED),
        )
        self.no_show_action = self._action(
            self.tr("Mark no-show"), QKeySequence("Ctrl+Shift+N"), lambda: self._status(MeetingStatus.NO_SHOW)
        )
        self.scheduled_action = self._action(
            self.tr("Clear the tick"), QKeySequence(), lambda: self._status(MeetingStatus.SCHEDULED)
        )

    def _action(self, text: str, keys: QKeySequence, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def set_conflict_source(self, source: ConflictSource | None) -> None:
        """How to ask the core about a drop (runs on a worker thread)."""
        self._conflict_source = source
        self.checks.forget()

    # -- the model --------------------------------------------------------------------------

    def grid_model(self) -> ScheduleGridModel:
        model = self.model()
        if isinstance(model, ScheduleGridFilter):
            return model.source()
        assert isinstance(model, ScheduleGridModel)
        return model

    def meeting_at(self, index: QModelIndex) -> GridMeeting | None:
        return index.data(GridRole.MEETING) if index.isValid() else None

    def current_meeting(self) -> GridMeeting | None:
        return self.meeting_at(self.currentIndex())

    def select_meeting(self, meeting_id: int) -> bool:
        source = self.grid_model().index_of_meeting(meeting_id)
        model = self.model()
        index = model.mapFromSource(source) if isinstance(model, ScheduleGridFilter) else source
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def intent_at(self, index: QModelIndex, meeting_id: int | None) -> DropIntent | None:
        if meeting_id is None or not index.isValid():
            return None
        meeting = self.grid_model().meeting_by_id(meeting_id)
        slot, company, table = (
            index.data(GridRole.SLOT),
            index.data(GridRole.COMPANY_ID),
            index.data(GridRole.TABLE),
        )
        if meeting is None or slot is None:
            return None
        time = self.model().headerData(index.column(), Qt.Orientation.Horizontal) or ""
        return DropIntent(meeting, CellTarget(slot, company, table), index.data(GridRole.MEETING), time)

    # -- drag -------------------------------------------------------------------------------

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        index = self.currentIndex()
        meeting = self.meeting_at(index)
        data = self.model().mimeData([index]) if meeting is not None else None
        if meeting is None or data is None:
            return
        drag = QDrag(self)
        drag.setMimeData(data)
        chip = self._chip_pixmap(meeting.attendee)
        drag.setPixmap(chip)
        drag.setHotSpot(QPoint(12, chip.height() // 2))
        self._dragged = meeting.id
        try:
            # Whatever the outcome, the drop was turned into a request; nothing to clear here
            # (QAbstractItemView would otherwise "remove" the dragged cell after a move).
            drag.exec(Qt.DropAction.MoveAction, Qt.DropAction.MoveAction)
        finally:
            self._dragged = None
            self._hover = None
            self.hint_changed.emit("", False)

    def _chip_pixmap(self, name: str) -> QPixmap:
        metrics = self.fontMetrics()
        text = metrics.elidedText(name, Qt.TextElideMode.ElideRight, CELL_WIDTH - 16)
        ratio = self.devicePixelRatioF()
        size = QSize(metrics.horizontalAdvance(text) + 18, CELL_HEIGHT - 6)
        pixmap = QPixmap(size * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(QRectF(0.5, 0.5, size.width() - 1, size.height() - 1), 5, 5)
        painter.fillPath(path, _CHIP)
        painter.setPen(QPen(QColor(ACCENT), 1.5))
        painter.drawPath(path)
        painter.setPen(_TEXT)
        painter.drawText(QRectF(9, 0, size.width() - 12, size.height()), Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()
        return pixmap

    def dragEnterEvent(self, event: QDragMoveEvent) -> None:  # type: ignore[override]
        if meeting_id_of(event.mimeData()) is None:
            event.ignore()
            return
        super().dragEnterEvent(event)
        event.accept()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        super().dragMoveEvent(event)  # auto-scroll near the edges and the drop indicator
        index = self.indexAt(event.position().toPoint())
        intent = self.intent_at(index, meeting_id_of(event.mimeData()))
        self._hover = intent
        if intent is None or intent.is_noop:
            event.ignore()
            self.hint_changed.emit("", False)
            return
        reason = self.checks.answer(intent.key)
        if reason is None and self._conflict_source is not None:
            source = self._conflict_source
            self.checks.ask(intent.key, lambda: source(intent))
        if reason:
            event.ignore()
            self._explain(reason, event.position().toPoint())
            return
        event.accept()
        text = describe_intent(intent)
        if reason is None:
            text = self.tr("{what} — checking…").format(what=text)
        self.hint_changed.emit(text, False)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        super().dragLeaveEvent(event)
        self._hover = None
        self.hint_changed.emit("", False)
        QToolTip.hideText()

    def dropEvent(self, event: QDropEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        intent = self.intent_at(index, meeting_id_of(event.mimeData()))
        self.stopAutoScroll()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        if intent is None or intent.is_noop:
            event.ignore()
            return
        reason = self.checks.answer(intent.key)
        if reason:
            event.ignore()
            self.drop_refused.emit(reason)
            return
        self.model().dropMimeData(event.mimeData(), Qt.DropAction.MoveAction, -1, -1, index)
        event.setDropAction(Qt.DropAction.MoveAction)
        event.accept()

    def _explain(self, reason: str, at: QPoint) -> None:
        self.hint_changed.emit(reason, True)
        QToolTip.showText(self.viewport().mapToGlobal(at), reason, self.viewport())

    def _on_answer(self, key: str, reason: str) -> None:
        intent = self._hover
        if intent is None or intent.key != key:
            return
        if reason:
            self._explain(reason, self.viewport().mapFromGlobal(QCursor.pos()))
        else:
            self.hint_changed.emit(describe_intent(intent), False)

    # -- context menu and keys --------------------------------------------------------------

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        meeting = self.meeting_at(index)
        if meeting is None:
            return
        self.setCurrentIndex(index)
        menu = self.build_menu(meeting)
        menu.popup(event.globalPos())

    def build_menu(self, meeting: GridMeeting) -> QMenu:
        menu = QMenu(self)
        menu.setObjectName("meetingMenu")
        self.lock_action.setText(self.tr("Unlock") if meeting.locked else self.tr("Lock in place"))
        menu.addAction(self.lock_action)
        menu.addAction(self.delete_action)
        menu.addSeparator()
        for action, status in (
            (self.attended_action, MeetingStatus.ATTENDED),
            (self.no_show_action, MeetingStatus.NO_SHOW),
            (self.scheduled_action, MeetingStatus.SCHEDULED),
        ):
            action.setEnabled(meeting.status is not status)
            menu.addAction(action)
        menu.addSeparator()
        only = menu.addAction(self.tr("Show only {name}'s meetings").format(name=meeting.attendee))
        only.triggered.connect(lambda: self.person_filter_requested.emit(meeting.attendee))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return menu

    def _toggle_lock(self) -> None:
        meeting = self.current_meeting()
        if meeting is not None:
            self.lock_requested.emit(meeting.id, not meeting.locked)

    def _delete(self) -> None:
        meeting = self.current_meeting()
        if meeting is not None:
            self.delete_requested.emit(meeting.id)

    def _status(self, status: MeetingStatus) -> None:
        meeting = self.current_meeting()
        if meeting is not None:
            self.status_requested.emit(meeting.id, status)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Backspace deletes too: many laptop keyboards have no Delete key.
        if event.key() == Qt.Key.Key_Backspace and self.current_meeting() is not None:
            self._delete()
            return
        super().keyPressEvent(event)


def describe_intent(intent: DropIntent) -> str:
    """What the drop would ask for, in words (whether it is allowed is the core's to say)."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("ScheduleGrid", text)

    m, other = intent.meeting, intent.other
    if other is None:
        return tr("Drop to move {name}'s meeting with {company} to {time} at table {table}").format(
            name=m.attendee, company=m.company, time=intent.time, table=intent.target.table
        )
    if other.company_id == m.company_id:
        return tr("Drop to swap {first} and {second} at {company}").format(
            first=m.attendee, second=other.attendee, company=m.company
        )
    return tr("Drop to swap the times of {first} ({first_company}) and {second} ({second_company})").format(
        first=m.attendee, first_company=m.company, second=other.attendee, second_company=other.company
    )
