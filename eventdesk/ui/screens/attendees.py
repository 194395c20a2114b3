"""Everyone with a ticket, in one table that stays quick at 50,000 rows."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.changes import Entity
from eventdesk.services.people import AttendeeRow, list_attendee_rows
from eventdesk.ui.context import EventContext
from eventdesk.ui.models.attendees import AttendeeColumn, AttendeeTableModel
from eventdesk.ui.models.records import RecordFilterProxy, RecordRole
from eventdesk.ui.screens.base import Screen, screen_heading
from eventdesk.ui.theme import icon
from eventdesk.ui.widgets.empty_state import EmptyState
from eventdesk.ui.widgets.tables import configure_record_table

FILTER_DELAY_MS = 150
_WEIGHTS = {
    AttendeeColumn.NAME: 22,
    AttendeeColumn.ORGANISATION: 20,
    AttendeeColumn.EMAIL: 25,
    AttendeeColumn.TICKET_TYPE: 11,
    AttendeeColumn.STATUS: 9,
    AttendeeColumn.CONSENT: 8,
    AttendeeColumn.COMPANY: 15,
}


class AttendeesScreen(Screen):
    key = "attendees"
    title = QT_TRANSLATE_NOOP("Screens", "Attendees")
    icon_name = "attendees"
    watches = frozenset({Entity.ATTENDEES, Entity.COMPANIES})

    def __init__(self, context: EventContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = AttendeeTableModel(parent=self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        heading, self.count_label = screen_heading(self.display_title())
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("quickFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter by name, e-mail or organisation…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(420)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(self._filter_timer.start)
        self.filter_edit.returnPressed.connect(self.apply_filter)

        find = QAction(self.tr("Filter attendees"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self._focus_filter)
        self.addAction(find)

        self.table = QTableView()
        self.table.setObjectName("attendeeTable")
        self.table.setModel(self.proxy)
        configure_record_table(self.table, _WEIGHTS)
        self.table.horizontalHeader().setSortIndicator(AttendeeColumn.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        self.empty_state = EmptyState(icon("attendees"))
        self.empty_state.set_text(
            headline=self.tr("No attendees in this event yet"),
            body=self.tr(
                "Everyone with a ticket will be listed here with their organisation, e-mail, ticket "
                "type, status and whether they agreed to share their contact details with exhibitors."
            ),
        )
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty_state)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.pages, 1)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

    def refresh(self) -> None:
        self.model.set_rows(list_attendee_rows(doc=self.context.require_document()))
        self.pages.setCurrentWidget(self.table if self.model.rowCount() else self.empty_state)
        self.filter_edit.setVisible(self.model.rowCount() > 0)
        self._update_count()

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        self.proxy.set_quick_filter(self.filter_edit.text())
        self._update_count()

    def selected_rows(self) -> list[AttendeeRow]:
        """The attendees selected in the table, for actions that work on a selection."""
        return [index.data(RecordRole.ROW) for index in self.table.selectionModel().selectedRows()]

    def _focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def _update_count(self) -> None:
        number = self.locale().toString
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if self.proxy.quick_filter and shown == 0:
            text = self.tr("no attendee matches “{text}”").format(text=self.filter_edit.text().strip())
        elif self.proxy.quick_filter:
            text = self.tr("{shown} of {total} shown").format(shown=number(shown), total=number(total))
        else:
            text = self.tr("{total} people").format(total=number(total))
        self.count_label.setText(text)
