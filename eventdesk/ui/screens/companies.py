"""Exhibiting companies, and the staff each one brings: add, edit, delete, and add staff.

The staff list below the companies has the attendee list's actions (edit, cancel, delete)
for the people it shows, and "Add staff…" adds a person already linked to the company.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.changes import Entity
from eventdesk.i18n import ngettext
from eventdesk.services.people.edit import delete_companies
from eventdesk.services.people.lists import AttendeeRow, CompanyRow, list_attendee_rows, list_company_rows
from eventdesk.ui.attendee_actions import AttendeeActions
from eventdesk.ui.context import EventContext
from eventdesk.ui.dialogs.company_dialog import CompanyDialog
from eventdesk.ui.messages import ask
from eventdesk.ui.models.attendees import AttendeeColumn, AttendeeTableModel
from eventdesk.ui.models.companies import CompanyColumn, CompanyTableModel
from eventdesk.ui.models.records import RecordFilterProxy, RecordRole
from eventdesk.ui.screens.base import Screen, action_button, screen_heading
from eventdesk.ui.server_reads import ScreenReads, ServerWaitLine
from eventdesk.ui.theme import icon
from eventdesk.ui.widgets.empty_state import EmptyState
from eventdesk.ui.widgets.tables import configure_record_table, follow_selection
from eventdesk.ui.worker import BackgroundTask, run_in_background

_COMPANY_WEIGHTS = {
    CompanyColumn.NAME: 24,
    CompanyColumn.SECTOR: 14,
    CompanyColumn.BOOTH: 7,
    CompanyColumn.TABLES: 7,
    CompanyColumn.HIRING: 40,
    CompanyColumn.STAFF: 7,
}
_STAFF_WEIGHTS = {
    AttendeeColumn.NAME: 28,
    AttendeeColumn.EMAIL: 32,
    AttendeeColumn.TICKET_TYPE: 14,
    AttendeeColumn.STATUS: 13,
    AttendeeColumn.CHECKED_IN: 13,
}
_STAFF_HIDDEN = (AttendeeColumn.ORGANISATION, AttendeeColumn.CONSENT, AttendeeColumn.COMPANY)


class CompaniesScreen(Screen):
    key = "companies"
    title = QT_TRANSLATE_NOOP("Screens", "Companies")
    icon_name = "companies"
    watches = frozenset({Entity.COMPANIES, Entity.ATTENDEES, Entity.SCANS})
    dialog_opened = Signal(object)
    """A company dialog or a delete question that was just opened (tests answer it)."""

    def __init__(self, context: EventContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.task: BackgroundTask | None = None
        self.model = CompanyTableModel(parent=self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.staff_model = AttendeeTableModel(parent=self)
        self._shown_company: int | None = None

        heading, self.count_label = screen_heading(self.display_title())
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("quickFilter")
        self.filter_edit.setPlaceholderText(self.tr("Filter by name, sector, booth or hiring tag…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(420)
        self.filter_edit.textChanged.connect(self._apply_filter)

        self.table = QTableView()
        self.table.setObjectName("companyTable")
        self.table.setModel(self.proxy)
        configure_record_table(self.table, _COMPANY_WEIGHTS)
        self.table.horizontalHeader().setSortIndicator(CompanyColumn.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        # The staff list follows a chosen company; the actions follow what is selected and shown.
        follow_selection(self.table, self._update_company_actions)
        self.table.doubleClicked.connect(lambda _index: self.edit_company())

        self.staff_title = QLabel()
        self.staff_title.setObjectName("sectionTitle")
        self.staff_table = QTableView()
        self.staff_table.setObjectName("staffTable")
        self.staff_table.setModel(self.staff_model)
        for column in _STAFF_HIDDEN:
            self.staff_table.setColumnHidden(column, True)
        configure_record_table(self.staff_table, _STAFF_WEIGHTS)
        self.staff_table.horizontalHeader().setSortIndicator(AttendeeColumn.NAME, Qt.SortOrder.AscendingOrder)
        self.staff_table.setSortingEnabled(True)
        self.staff_actions = AttendeeActions(
            context,
            parent=self,
            selected_ids=self._selected_staff_ids,
            staff_of=lambda: self._shown_company,
        )
        follow_selection(self.staff_table, self.staff_actions.update_enabled)
        for action in self.staff_actions.selection_actions():  # Delete on the staff list only
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.staff_table.addAction(action)
        self.staff_table.doubleClicked.connect(
            lambda index: self.staff_actions.edit(self.staff_model.row_at(index.row()).id)
        )
        self.staff_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.staff_table.customContextMenuRequested.connect(self._staff_menu)
        self.add_staff_button = action_button(self.staff_actions.add_action, "addStaff")
        staff_header = QHBoxLayout()
        staff_header.addWidget(self.staff_title, 1)
        staff_header.addWidget(self.add_staff_button)
        staff_header.addWidget(action_button(self.staff_actions.edit_action, "editStaff"))
        staff_header.addWidget(action_button(self.staff_actions.delete_action, "deleteStaff"))
        staff_panel = QWidget()
        staff_layout = QVBoxLayout(staff_panel)
        staff_layout.setContentsMargins(0, 8, 0, 0)
        staff_layout.addLayout(staff_header)
        staff_layout.addWidget(self.staff_table)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(staff_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 300])
        splitter.setChildrenCollapsible(False)

        self.empty_state = EmptyState(icon("companies"))
        self.empty_state.set_text(
            headline=self.tr("No exhibiting companies yet"),
            body=self.tr(
                "Companies appear here with their sector, booth, meeting tables for 1:1 interviews, "
                "the profiles they hire and the staff they bring."
            ),
        )
        self.pages = QStackedWidget()
        self.pages.addWidget(splitter)
        self.pages.addWidget(self.empty_state)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        self.add_company_action = QAction(self.tr("Add company…"), self)
        self.add_company_action.triggered.connect(self.add_company)
        self.edit_company_action = QAction(self.tr("Edit company…"), self)
        self.edit_company_action.triggered.connect(self.edit_company)
        self.delete_company_action = QAction(self.tr("Delete company…"), self)
        self.delete_company_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_company_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_company_action.triggered.connect(self.delete_company)
        self.table.addAction(self.delete_company_action)
        self.empty_state.set_action(self.tr("Import companies…"))
        self.empty_state.action_triggered.connect(self.import_companies)
        top_row = QHBoxLayout()
        top_row.setSpacing(8)
        top_row.addWidget(self.filter_edit, 1)
        top_row.addSpacing(12)
        add_button = action_button(self.add_company_action, "addCompany")
        add_button.setObjectName("primaryAction")
        top_row.addWidget(add_button)
        top_row.addWidget(action_button(self.edit_company_action, "editCompany"))
        top_row.addWidget(action_button(self.delete_company_action, "deleteCompany"))
        top_row.addStretch(1)
        layout.addWidget(heading)
        self.server_wait = ServerWaitLine()
        self.reads = ScreenReads(context, self.server_wait, self)
        layout.addWidget(self.server_wait)
        layout.addLayout(top_row)
        layout.addWidget(self.pages, 1)
        self._update_company_actions()

    def refresh(self) -> None:
        doc = self.context.require_document()
        self.reads.read("companies", lambda: list_company_rows(doc=doc), self._show_companies)

    def _show_companies(self, rows: list[CompanyRow]) -> None:
        self.model.set_rows(rows)
        has_companies = self.model.rowCount() > 0
        self.pages.setCurrentWidget(self.pages.widget(0) if has_companies else self.empty_state)
        self.filter_edit.setVisible(has_companies)
        self._update_count()
        if self._shown_company is not None and self.model.row_of_id(self._shown_company) is not None:
            self._select_company(self._shown_company)
        elif has_companies:
            self._select_proxy_row(0)
        else:
            self._show_staff(None)

    def selected_company(self) -> CompanyRow | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RecordRole.ROW) if rows else None

    def _select_company(self, company_id: int) -> None:
        source_row = self.model.row_of_id(company_id)
        if source_row is None:
            return
        proxy_index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if proxy_index.isValid():
            self._select_proxy_row(proxy_index.row())
            self.table.scrollTo(proxy_index)
        # Selecting the row that is already selected emits nothing; reload its staff anyway.
        self._show_staff(self.selected_company())

    def _select_proxy_row(self, row: int) -> None:
        # Not `selectRow`: in extended selection it obeys the keyboard modifiers of the last
        # input event, so a Ctrl still held from Ctrl+3 would toggle the row off again.
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        index = self.proxy.index(row, 0)
        self.table.selectionModel().setCurrentIndex(index, flags)

    def _selection_changed(self, *_: object) -> None:
        self._show_staff(self.selected_company())
        self._update_company_actions()

    def _update_company_actions(self) -> None:
        chosen = self.selected_company() is not None
        self.edit_company_action.setEnabled(chosen)
        self.delete_company_action.setEnabled(chosen)
        self.staff_actions.update_enabled()

    def _selected_staff_ids(self) -> list[int]:
        return [self.staff_model.row_at(i.row()).id for i in self.staff_table.selectionModel().selectedRows()]

    def _staff_menu(self, position: QPoint) -> None:
        self.staff_actions.update_enabled()
        self.staff_actions.context_menu().popup(self.staff_table.viewport().mapToGlobal(position))

    # -- actions ------------------------------------------------------------------------------

    def add_company(self) -> CompanyDialog:
        dialog = CompanyDialog(self.context, parent=self)
        dialog.saved.connect(lambda company_id: setattr(self, "_shown_company", company_id))
        return self._open(dialog)

    def edit_company(self) -> CompanyDialog | None:
        company = self.selected_company()
        if company is None:
            return None
        return self._open(CompanyDialog(self.context, company_id=company.id, parent=self))

    def _open(self, dialog: CompanyDialog) -> CompanyDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def delete_company(self) -> QMessageBox | None:
        company = self.selected_company()
        if company is None:
            return None
        doc = self.context.require_document()

        def delete() -> None:
            self.task = run_in_background(
                lambda _progress: delete_companies(doc=doc, company_ids=[company.id]),
                parent=self,
                title=self.tr("Deleting {company}").format(company=company.name),
                context=self.context,
            )

        staff = (
            self.tr("Its {n} staff stay in the event as attendees without a company.").format(
                n=company.staff_count
            )
            if company.staff_count
            else self.tr("It has no staff registered.")
        )
        box = ask(
            self,
            self.tr("Delete {company}?").format(company=company.name),
            staff + " " + self.tr("Its meetings and leads go with it; Edit > Undo brings everything back."),
            accept_text=self.tr("Delete"),
            reject_text=self.tr("Keep"),
            on_accept=delete,
            title=self.tr("Delete company"),
        )
        self.dialog_opened.emit(box)
        return box

    def import_companies(self) -> None:
        from eventdesk.ui.people_files import open_import_wizard

        open_import_wizard(self.context, kind="companies", parent=self.window())

    def _show_staff(self, company: CompanyRow | None) -> None:
        if company is None:
            self._shown_company = None
            self.staff_model.set_rows([])
            self.staff_title.setText(self.tr("Select a company to see its staff."))
            return
        self._shown_company = company.id
        doc = self.context.require_document()
        self.reads.read(
            "staff",
            lambda: list_attendee_rows(doc=doc, company_id=company.id),
            lambda staff: self._show_staff_rows(company, staff),
        )

    def _show_staff_rows(self, company: CompanyRow, staff: list[AttendeeRow]) -> None:
        if self._shown_company != company.id:
            return  # another company was selected while this one's staff was on its way
        self.staff_model.set_rows(staff)
        if staff:
            self.staff_title.setText(
                self.tr("Staff of {company} ({count})").format(company=company.name, count=len(staff))
            )
        else:
            self.staff_title.setText(
                self.tr("{company} has no exhibitor staff registered yet.").format(company=company.name)
            )

    def _apply_filter(self, text: str) -> None:
        self.proxy.set_quick_filter(text)
        self._update_count()

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        if self.proxy.quick_filter:
            self.count_label.setText(self.tr("{shown} of {total} shown").format(shown=shown, total=total))
        else:
            self.count_label.setText(ngettext("{n} company", "{n} companies", total))
