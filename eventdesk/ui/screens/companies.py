"""Exhibiting companies, and the staff each one brings."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.changes import Entity
from eventdesk.services.people import CompanyRow, list_attendee_rows, list_company_rows
from eventdesk.ui.context import EventContext
from eventdesk.ui.models.attendees import AttendeeColumn, AttendeeTableModel
from eventdesk.ui.models.companies import CompanyColumn, CompanyTableModel
from eventdesk.ui.models.records import RecordFilterProxy, RecordRole
from eventdesk.ui.screens.base import Screen, screen_heading
from eventdesk.ui.theme import icon
from eventdesk.ui.widgets.empty_state import EmptyState
from eventdesk.ui.widgets.tables import configure_record_table

_COMPANY_WEIGHTS = {
    CompanyColumn.NAME: 24,
    CompanyColumn.SECTOR: 14,
    CompanyColumn.BOOTH: 7,
    CompanyColumn.TABLES: 7,
    CompanyColumn.HIRING: 40,
    CompanyColumn.STAFF: 7,
}
_STAFF_WEIGHTS = {
    AttendeeColumn.NAME: 30,
    AttendeeColumn.EMAIL: 35,
    AttendeeColumn.TICKET_TYPE: 15,
    AttendeeColumn.STATUS: 20,
}
_STAFF_HIDDEN = (AttendeeColumn.ORGANISATION, AttendeeColumn.CONSENT, AttendeeColumn.COMPANY)


class CompaniesScreen(Screen):
    key = "companies"
    title = QT_TRANSLATE_NOOP("Screens", "Companies")
    icon_name = "companies"
    watches = frozenset({Entity.COMPANIES, Entity.ATTENDEES})

    def __init__(self, context: EventContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
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
        staff_panel = QWidget()
        staff_layout = QVBoxLayout(staff_panel)
        staff_layout.setContentsMargins(0, 8, 0, 0)
        staff_layout.addWidget(self.staff_title)
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
        layout.addWidget(heading)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.pages, 1)

    def refresh(self) -> None:
        doc = self.context.require_document()
        self.model.set_rows(list_company_rows(doc=doc))
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

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_staff(self.selected_company())

    def _show_staff(self, company: CompanyRow | None) -> None:
        if company is None:
            self._shown_company = None
            self.staff_model.set_rows([])
            self.staff_title.setText(self.tr("Select a company to see its staff."))
            return
        self._shown_company = company.id
        staff = list_attendee_rows(doc=self.context.require_document(), company_id=company.id)
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
            self.count_label.setText(self.tr("{total} companies").format(total=total))
