"""Everyone with a ticket, in one table that stays quick at 50,000 rows: find, filter, edit.

The search box (Ctrl+F, or just start typing on the list) asks the core people search,
which forgives accents, takes the start of any name part and one typo; the filter bar
narrows by ticket type, status, checked in and company. Both become one predicate that
the table model applies itself (see `ui.models.records`), so the list follows each
keystroke. Selected people can be edited, cancelled, re-typed or deleted, each one
undoable step.
"""

from __future__ import annotations

from dataclasses import replace

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.changes import Entity
from eventdesk.i18n import ngettext
from eventdesk.services.people.lists import AttendeeRow, CompanyRow, list_attendee_rows, list_company_rows
from eventdesk.ui.attendee_actions import AttendeeActions
from eventdesk.ui.badge_actions import AttendeeBadgeActions
from eventdesk.ui.context import EventContext
from eventdesk.ui.models.attendee_filter import AttendeeFilter
from eventdesk.ui.models.attendees import AttendeeColumn, AttendeeTableModel
from eventdesk.ui.people_search import PeopleSearch
from eventdesk.ui.screens.base import Screen, action_button, screen_heading
from eventdesk.ui.server_reads import ScreenReads, ServerWaitLine
from eventdesk.ui.theme import icon
from eventdesk.ui.widgets.attendee_filter_bar import AttendeeFilterBar
from eventdesk.ui.widgets.empty_state import EmptyState
from eventdesk.ui.widgets.search_field import SearchField
from eventdesk.ui.widgets.tables import configure_record_table, follow_selection
from eventdesk.ui.worker import BackgroundTask, run_in_background

BACKGROUND_RELOAD_ROWS = 5_000
"""From this many people on, a change reloads the list off the GUI thread."""
_WEIGHTS = {
    AttendeeColumn.NAME: 21,
    AttendeeColumn.ORGANISATION: 19,
    AttendeeColumn.EMAIL: 23,
    AttendeeColumn.TICKET_TYPE: 10,
    AttendeeColumn.STATUS: 8,
    AttendeeColumn.CONSENT: 8,
    AttendeeColumn.COMPANY: 14,
    AttendeeColumn.CHECKED_IN: 7,
}


def _selection_of_rows(model: AttendeeTableModel, rows: list[int]) -> QItemSelection:
    """Whole rows as ranges: one range per run of neighbours, not one per person."""
    runs: list[list[int]] = []
    for row in sorted(rows):
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    selection = QItemSelection()
    last_column = model.columnCount() - 1
    for first, last in runs:
        selection.select(model.index(first, 0), model.index(last, last_column))
    return selection


class AttendeesScreen(Screen):
    key = "attendees"
    title = QT_TRANSLATE_NOOP("Screens", "Attendees")
    icon_name = "attendees"
    watches = frozenset({Entity.ATTENDEES, Entity.COMPANIES, Entity.SCANS})

    def __init__(self, context: EventContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = AttendeeTableModel(parent=self)
        self.search = PeopleSearch(context, self)
        self.search.ready.connect(self.apply_filter)
        self._filter = AttendeeFilter()
        self._typo = False
        self._reload: BackgroundTask | None = None
        self._reload_again = False

        heading, self.count_label = screen_heading(self.display_title())
        self.search_edit = SearchField(self.tr("Search names, e-mail, organisation or ticket code (Ctrl+F)"))
        self.search_edit.setObjectName("quickFilter")
        self.search_edit.setMinimumWidth(240)
        self.search_edit.setMaximumWidth(480)
        # Coalesces what arrives in one go (a paste, a scanner) into one search, yet answers
        # each typed key at once: a zero-length timer fires as soon as the queue is empty.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(0)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.filter_bar = AttendeeFilterBar()
        self.filter_bar.changed.connect(self.apply_filter)

        find = QAction(self.tr("Search attendees"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self.focus_search)
        self.addAction(find)

        self.table = QTableView()
        self.table.setObjectName("attendeeTable")
        self.table.setModel(self.model)
        configure_record_table(self.table, _WEIGHTS)
        # People are listed in the order they registered until a header is clicked: sorting
        # 50,000 names by their folded spelling costs ~150 ms, which the first load should not pay.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        # Not `activated`: whether a double-click also activates depends on the style.
        self.table.doubleClicked.connect(self._edit_index)
        follow_selection(self.table, self._selection_changed)
        self.search_edit.type_to_search_on(self.table)

        self.people_actions = AttendeeActions(context, parent=self, selected_ids=self.selected_ids)
        # Enter edits the person, Delete asks to delete the selection: keys on the table only.
        self.people_actions.edit_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        for action in self.people_actions.selection_actions():
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.table.addAction(action)
        self.badge_actions = AttendeeBadgeActions(
            self, context, self.table, self.selected_rows, self.navigate.emit
        )

        self.empty_state = EmptyState(icon("attendees"))
        self.empty_state.set_text(
            headline=self.tr("No attendees in this event yet"),
            body=self.tr(
                "Everyone with a ticket will be listed here with their organisation, e-mail, ticket "
                "type, status and whether they agreed to share their contact details with exhibitors."
            ),
            hint=self.tr(
                "Import the export of your ticket shop or registration form (or drop the file on this "
                "window), or add people one by one."
            ),
        )
        self.empty_state.set_action(self.tr("Import attendees…"))
        self.empty_state.action_triggered.connect(self.import_attendees)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty_state)

        # The search box sits in the title row and the buttons in a tool bar that folds what
        # does not fit into its » menu: the screen must not force the window wider than a
        # laptop's screen.
        heading.layout().addWidget(self.search_edit, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(heading)
        self.server_wait = ServerWaitLine()
        self.reads = ScreenReads(context, self.server_wait, self)
        layout.addWidget(self.server_wait)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self._action_bar())
        layout.addWidget(self.pages, 1)
        self.model.modelReset.connect(self._update_count)
        self.model.layoutChanged.connect(self._update_count)

    def _action_bar(self) -> QToolBar:
        bar = QToolBar()
        bar.setObjectName("peopleActions")
        bar.setMovable(False)
        bar.setFloatable(False)

        def add(widget: QWidget, gap: int = 6) -> None:
            # The style's item spacing is a pixel or two: buttons would touch.
            if bar.actions():
                spacer = QWidget()
                spacer.setFixedWidth(gap)
                bar.addWidget(spacer)
            bar.addWidget(widget)

        self.add_button = action_button(self.people_actions.add_action, "addAttendee")
        self.add_button.setObjectName("primaryAction")
        add(self.add_button)
        for action, name in (
            (self.people_actions.edit_action, "editAttendee"),
            (self.people_actions.cancel_action, "cancelTickets"),
            (self.people_actions.restore_action, "restoreTickets"),
        ):
            add(action_button(action, name), gap=18 if name == "editAttendee" else 6)
        self.ticket_button = QPushButton(self.people_actions.ticket_menu.title())
        self.ticket_button.setObjectName("changeTicketType")
        self.ticket_button.setMenu(self.people_actions.ticket_menu)
        self.ticket_button.setEnabled(False)
        add(self.ticket_button)
        add(action_button(self.people_actions.delete_action, "deleteAttendees"))
        add(action_button(self.badge_actions.print_badge, "printBadge"), gap=18)
        add(action_button(self.badge_actions.badges_for_selection, "badgesForSelection"))
        self.selection_label = QLabel()
        self.selection_label.setObjectName("countLabel")
        add(self.selection_label, gap=12)
        return bar

    # -- content ----------------------------------------------------------------------------

    def refresh(self) -> None:
        doc = self.context.require_document()
        self.search.prepare()
        if not doc.is_sqlite:  # a network call, whatever the size: never on the GUI thread
            self.reads.read(
                "people",
                lambda: (list_attendee_rows(doc=doc), list_company_rows(doc=doc)),
                lambda rows: self._apply_rows(*rows),
            )
            return
        if self.model.total_count < BACKGROUND_RELOAD_ROWS:
            self._apply_rows(list_attendee_rows(doc=doc), list_company_rows(doc=doc))
            return
        # A big list reloads on the thread pool: reading 50,000 rows takes a few tenths of a
        # second, which every edit, cancel or undo would otherwise freeze the window for.
        if self._reload is not None and self._reload.is_running:
            self._reload_again = True
            return
        self._reload_again = False
        self._reload = run_in_background(
            lambda _progress: (list_attendee_rows(doc=doc), list_company_rows(doc=doc)),
            parent=None,
            title=self.tr("Reloading attendees"),
            on_result=self._reloaded,
            on_error=lambda _message: None,
            show_progress_after_ms=None,
        )

    @property
    def reload_task(self) -> BackgroundTask | None:
        """The background reload of a big list while it runs (tests and benchmarks wait for it)."""
        return self._reload

    def _reloaded(self, rows: tuple[list[AttendeeRow], list[CompanyRow]]) -> None:
        if not shiboken6.isValid(self) or not self.context.has_document:
            return
        self._apply_rows(*rows)
        if self._reload_again:
            self.refresh()

    def _apply_rows(self, people: list[AttendeeRow], companies: list[CompanyRow]) -> None:
        selected = set(self.selected_ids())
        self.filter_bar.set_companies(companies)
        self._filter = self._wanted_filter()
        self.model.set_row_filter(self._filter.predicate(), among=self._filter.ids)
        self.model.set_rows(people)
        has_people = self.model.total_count > 0
        self.pages.setCurrentWidget(self.table if has_people else self.empty_state)
        self.search_edit.setEnabled(has_people)
        self.filter_bar.setEnabled(has_people)
        self._reselect(selected)
        self._update_count()

    def _wanted_filter(self) -> AttendeeFilter:
        query = self.search_edit.text().strip()
        chosen = self.filter_bar.choices()
        self._typo = False
        if not query:
            return chosen
        result = self.search.search(query)
        if result is None:
            return self._filter  # the index is loading: keep what is shown until it is ready
        self._typo = result.typo_tolerant
        return replace(chosen, ids=result.ids)

    def apply_filter(self) -> None:
        """Show the people the search box and the filter bar ask for."""
        self._search_timer.stop()
        wanted = self._wanted_filter()
        if wanted != self._filter:
            selected = set(self.selected_ids())
            self._filter = wanted
            self.model.set_row_filter(wanted.predicate(), among=wanted.ids)
            self._reselect(selected)
            if not self.table.selectionModel().hasSelection():
                self.table.scrollToTop()
        self._update_count()

    @property
    def shown_filter(self) -> AttendeeFilter:
        return self._filter

    def _reselect(self, ids: set[int]) -> None:
        if not ids:
            return
        rows = [number for number, row in enumerate(self.model.rows()) if row.id in ids]
        if rows:
            self.table.selectionModel().select(
                _selection_of_rows(self.model, rows),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )
            self.table.scrollTo(self.model.index(rows[0], 0))

    def selected_rows(self) -> list[AttendeeRow]:
        """The attendees selected in the table, for actions that work on a selection."""
        model = self.model
        return [model.row_at(index.row()) for index in self.table.selectionModel().selectedRows()]

    def selected_ids(self) -> list[int]:
        return [row.id for row in self.selected_rows()]

    def select_ids(self, ids: set[int]) -> None:
        """Select these people where they are shown (a test, or a screen linking here)."""
        self._reselect(ids)

    # -- reacting -----------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def import_attendees(self) -> None:
        from eventdesk.ui.people_files import open_import_wizard

        open_import_wizard(self.context, kind="attendees", parent=self.window())

    def _edit_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.people_actions.edit(self.model.row_at(index.row()).id)

    def _context_menu(self, position: QPoint) -> None:
        self.people_actions.update_enabled()
        menu = self.people_actions.context_menu()
        self.badge_actions.add_to_menu(menu)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def _selection_changed(self, *_: object) -> None:
        self.people_actions.update_enabled()
        count = len(self.table.selectionModel().selectedRows())
        self.ticket_button.setEnabled(count > 0)
        self.selection_label.setText(
            "" if count < 2 else self.tr("{n} selected").format(n=self.locale().toString(count))
        )

    def _update_count(self) -> None:
        number = self.locale().toString
        total, shown = self.model.total_count, self.model.rowCount()
        query = self.search_edit.text().strip()
        if query and not self.search.is_ready:
            text = ngettext(
                "{n} person · getting the search ready…", "{n} people · getting the search ready…", total
            )
        elif self._filter.is_empty:
            text = ngettext("{n} person", "{n} people", total)
        elif shown == 0 and query:
            text = self.tr("no attendee matches “{text}”").format(text=query)
        elif shown == 0:
            text = self.tr("nobody matches these filters")
        else:
            text = self.tr("{shown} of {total} shown").format(shown=number(shown), total=number(total))
            if self._typo:
                text += self.tr(" · close matches for “{text}”").format(text=query)
        self.count_label.setText(text)
