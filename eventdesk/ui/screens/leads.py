"""Leads: a company's booth. Scan a visitor's badge, rate the lead, note what was said, next.

The same ways in as the check-in desk, ending in the core's `LeadScanner`:

* a USB or Bluetooth scanner in keyboard mode, caught by the shared `ScannerInput` wherever
  the focus is (a scan never lands in the notes being typed);
* a webcam, through the shared `CameraScanner` (in `CameraPanel`);
* in the organiser's event, the name search: type part of a name, Enter adds the person.

A scan paints its outcome first (green new lead, amber "already a lead", grey visit of
someone who did not agree to share their details, red refusal) and opens the lead with the
notes focused: type, Ctrl+Enter saves, the booth is ready for the next scan. A scan while a
lead has unsaved changes saves them first, so nothing typed is lost to the next visitor.
Scans and saves run on the GUI thread for the reason the desk's do (a few milliseconds,
and the outcome must be on screen at once).

In an exhibitor kit the company is the kit's own, the title says so, and there is no name
search: the kit holds only people who agreed to share, found by their badges.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    QUrl,
)
from PySide6.QtGui import QAction, QDesktopServices, QHideEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.errors import EventdeskError
from eventdesk.domain.progress import Progress
from eventdesk.i18n import ngettext
from eventdesk.i18n.values import Count
from eventdesk.services.leads.booth import (
    BoothScan,
    LeadScanner,
    LeadView,
    ScanOutcome,
    booth_staff,
    delete_lead,
    list_leads,
    update_lead,
)
from eventdesk.services.leads.kit_info import KitSummary
from eventdesk.services.undo import history
from eventdesk.settings import BOOTH_COMPANY, BOOTH_STAFF, LAST_FOLDER
from eventdesk.ui.context import EventContext
from eventdesk.ui.door_line import DoorLine
from eventdesk.ui.models.leads import LeadColumn, LeadFilter, LeadRole, LeadTableModel
from eventdesk.ui.models.records import RecordFilterProxy
from eventdesk.ui.scanner_input import ScannerInput
from eventdesk.ui.screens.base import Screen, screen_heading
from eventdesk.ui.server_reads import ScreenReads, ServerWaitLine
from eventdesk.ui.theme import icon
from eventdesk.ui.widgets.camera_panel import CameraPanel
from eventdesk.ui.widgets.empty_state import EmptyState
from eventdesk.ui.widgets.lead_editor import LeadEditor
from eventdesk.ui.widgets.tables import configure_record_table, follow_selection
from eventdesk.ui.widgets.verdict_panel import PanelText, VerdictPanel
from eventdesk.ui.worker import BackgroundTask, run_in_background

if TYPE_CHECKING:
    from eventdesk.services.leads.export import LeadsExported
    from eventdesk.services.people.lists import CompanyRow
    from eventdesk.ui.widgets.person_picker import PersonPicker

PANEL_HEIGHT = 170
EXPORT_FILTERS = "Excel workbook (*.xlsx);;CSV (*.csv);;PDF to read and print (*.pdf)"
_WEIGHTS = {
    LeadColumn.NAME: 19,
    LeadColumn.ORGANISATION: 15,
    LeadColumn.RATING: 8,
    LeadColumn.TAGS: 11,
    LeadColumn.NOTES: 20,
    LeadColumn.TIME: 7,
    LeadColumn.STAFF: 11,
    LeadColumn.SOURCE: 8,
    LeadColumn.VISITS: 5,
}
_LOOKS = {
    ScanOutcome.NEW: "admitted",
    ScanOutcome.AGAIN: "already",
    ScanOutcome.VISIT: "undone",
    ScanOutcome.REFUSED: "refused",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("LeadsScreen", text)


def ready_text(detail: str = "") -> PanelText:
    return PanelText(
        "idle",
        _tr("Ready"),
        detail=detail or _tr("Scan a visitor's badge."),
    )


def booth_panel_text(result: BoothScan, staff: str) -> PanelText:
    """How the booth words a scan's outcome: the core's message, under a headline and a colour."""
    headlines = {
        ScanOutcome.NEW: _tr("NEW LEAD"),
        ScanOutcome.AGAIN: _tr("ALREADY A LEAD"),
        ScanOutcome.VISIT: _tr("VISIT RECORDED"),
        ScanOutcome.REFUSED: _tr("NOT RECORDED"),
    }
    # Three lines at most under the headline: the editor below shows the rest of the lead.
    lead = result.lead
    name = lead.name if lead is not None and lead.shared else ""
    detail = reason = ""
    if result.outcome is ScanOutcome.NEW and lead is not None:
        detail = " · ".join(part for part in (lead.job_title, lead.organisation) if part)
    elif result.outcome is ScanOutcome.AGAIN and lead is not None:
        since = f"{lead.captured_at:%a %H:%M}"
        reason = (
            _tr("A lead since {time}, by {staff}; visit {visits}.")
            if lead.staff
            else _tr("A lead since {time}; visit {visits}.")
        ).format(time=since, staff=lead.staff, visits=lead.visits)
    elif result.outcome is ScanOutcome.VISIT:
        reason = _tr("This visitor did not agree to share their contact details.")
    else:
        reason = result.message
    footnote = [f"{result.scanned_at:%H:%M:%S}"]
    if result.recorded:
        footnote.append(staff)
    if result.matched_as:
        footnote.append(result.matched_as)
    return PanelText(
        _LOOKS[result.outcome],
        headlines[result.outcome],
        name=name,
        detail=detail,
        reason=reason,
        footnote="  ·  ".join(footnote),
    )


class LeadsScreen(Screen):
    key = "leads"
    title = QT_TRANSLATE_NOOP("Screens", "Leads")
    icon_name = "leads"
    watches = frozenset({Entity.LEADS, Entity.COMPANIES, Entity.ATTENDEES, Entity.MEETINGS, Entity.EVENT})

    def __init__(self, context: EventContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.kit = context.kit
        self.task: BackgroundTask | None = None
        self._scanner: LeadScanner | None = None
        self._companies: list[CompanyRow] = []
        self._selecting = False
        self._last_export: Path | None = None
        self._deleted_label = ""
        self._companies_stale = True
        self._filled_staff_for: int | None = None
        self._own_changes: Changes | None = None
        self.scanner_input = ScannerInput(self)
        self.scanner_input.scanned.connect(self.scan)
        self._build()

    # -- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.booth_line = DoorLine(self)
        self.server_wait = ServerWaitLine()
        self.reads = ScreenReads(self.context, self.server_wait, self)
        heading, self.count_label = screen_heading(self._heading())
        self.title_label = heading.findChild(QLabel, "screenTitle")
        if self.title_label is not None and self.kit is not None:
            # "Exhibitor kit — " and a long company name must not widen the window: the title
            # may shrink, and is elided when it no longer fits (see `resizeEvent`).
            self.title_label.setMinimumWidth(160)
            self.title_label.setToolTip(self._heading())

        self.company = QComboBox()
        self.company.setObjectName("boothCompany")
        self.company.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.company.setMinimumContentsLength(16)
        self.company.setMaximumWidth(420)
        self.company.activated.connect(self._company_chosen)
        company_label = QLabel(self.tr("&Company:"))
        company_label.setBuddy(self.company)
        self.staff = QComboBox()
        self.staff.setObjectName("boothStaff")
        self.staff.setEditable(True)
        self.staff.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.staff.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.staff.setMinimumContentsLength(14)
        self.staff.setMaximumWidth(320)
        self.staff.setToolTip(
            self.tr("Who is scanning: written into every lead, remembered on this computer")
        )
        self.staff.lineEdit().setPlaceholderText(self.tr("Your name"))
        self.staff.currentTextChanged.connect(self._staff_changed)
        self.staff.lineEdit().editingFinished.connect(self._remember_staff)
        self.staff.activated.connect(lambda _index: self._remember_staff())
        staff_label = QLabel(self.tr("&Scanning:"))
        staff_label.setBuddy(self.staff)
        self.export_button = QPushButton(self.tr("Export leads…"))
        self.export_button.setObjectName("exportLeads")
        self.export_button.setToolTip(
            self.tr(
                "The lead list as a spreadsheet for your CRM, or a PDF; contact details only where agreed"
            )
        )
        self.export_button.clicked.connect(self.choose_and_export)
        # Two rows, so that a long company name or kit title never widens the window.
        top = QVBoxLayout()
        top.setSpacing(6)
        title_row = QHBoxLayout()
        title_row.addWidget(heading, 1)
        title_row.addWidget(self.export_button)
        booth_row = QHBoxLayout()
        if self.kit is None:
            booth_row.addWidget(company_label)
            booth_row.addWidget(self.company, 3)
            booth_row.addSpacing(16)
        else:
            company_label.hide()
            self.company.hide()
        booth_row.addWidget(staff_label)
        booth_row.addWidget(self.staff, 2)
        booth_row.addStretch(1)
        top.addLayout(title_row)
        top.addLayout(booth_row)

        self.panel = VerdictPanel()
        self.panel.setMinimumHeight(PANEL_HEIGHT - 20)
        self.panel.setMaximumHeight(PANEL_HEIGHT)
        self.panel.show_text(ready_text(), now=False)
        self.editor = LeadEditor()
        self.editor.save_requested.connect(self.save_lead)
        self.editor.discard_requested.connect(self.discard_changes)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.panel)
        left.addWidget(self.editor, 1)

        side = QVBoxLayout()
        # Only the organiser's event finds people by name (the search index, its fuzzy
        # matching and its contact parsing stay unloaded in a kit).
        self.finder: PersonPicker | None = None
        if self.kit is None:
            from eventdesk.ui.widgets.person_picker import PersonPicker

            self.finder = PersonPicker(
                self.tr("&Find by name"),
                self.tr("For a visitor without their badge: type their name, Enter adds the lead."),
            )
            self.finder.chosen.connect(self._add_found)
            side.addWidget(self.finder)
            side.addSpacing(8)
        camera_label = QLabel(self.tr("Camera"))
        camera_label.setObjectName("sectionTitle")
        self.camera = CameraPanel(
            self.tr("Start the camera to read badges held up to it."), settings=self.context.settings
        )
        self.camera.scanned.connect(self.scan)
        side.addWidget(camera_label)
        side.addWidget(self.camera)
        if self.kit is not None:
            side.addSpacing(12)
            side.addWidget(self._kit_note(self.kit))
        side.addStretch(1)
        side_widget = QFrame()
        side_widget.setObjectName("card")
        side_widget.setLayout(side)
        side_widget.setMinimumWidth(240)
        side_widget.setMaximumWidth(340)

        booth = QWidget()
        middle = QHBoxLayout(booth)
        middle.setContentsMargins(0, 0, 0, 0)
        middle.addLayout(left, 1)
        middle.addWidget(side_widget)

        # The lead list.
        self.model = LeadTableModel(parent=self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.quick_filter = QLineEdit()
        self.quick_filter.setObjectName("quickFilter")
        self.quick_filter.setPlaceholderText(self.tr("Filter by name, organisation, notes, tags or staff…"))
        self.quick_filter.setClearButtonEnabled(True)
        self.quick_filter.setMaximumWidth(380)
        self.quick_filter.textChanged.connect(self._quick_filter_changed)
        self.show_filter = QComboBox()
        self.show_filter.setObjectName("leadFilter")
        for choice in LeadFilter:
            self.show_filter.addItem(choice.label(), int(choice))
        self.show_filter.activated.connect(lambda _index: self._apply_filters())
        self.delete_button = QPushButton(self.tr("Delete lead"))
        self.delete_button.setObjectName("deleteLead")
        self.delete_button.setToolTip(
            self.tr("Remove the selected lead, scanned by mistake (Del); Undo brings it back")
        )
        self.delete_button.clicked.connect(self.delete_selected)
        list_title = QLabel(self.tr("&Leads"))
        list_title.setObjectName("sectionTitle")
        tools = QHBoxLayout()
        tools.addWidget(list_title)
        tools.addSpacing(8)
        tools.addWidget(self.quick_filter, 1)
        tools.addWidget(self.show_filter)
        tools.addStretch(1)
        tools.addWidget(self.delete_button)

        self.table = QTableView()
        self.table.setObjectName("leadTable")
        self.table.setModel(self.proxy)
        configure_record_table(self.table, _WEIGHTS)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSortIndicator(LeadColumn.TIME, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        follow_selection(self.table, self._selection_changed)
        self.table.activated.connect(lambda _index: self.editor.setFocus(Qt.FocusReason.OtherFocusReason))
        list_title.setBuddy(self.table)
        delete = QAction(self)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        self.table.addAction(delete)
        self.no_leads = QLabel()
        self.no_leads.setObjectName("emptyHint")
        self.no_leads.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_leads.setWordWrap(True)
        self.list_pages = QStackedWidget()
        self.list_pages.addWidget(self.table)
        self.list_pages.addWidget(self.no_leads)

        # One line saying what just happened (a lead deleted, a file written), with what follows.
        self.notice = QFrame()
        self.notice.setObjectName("card")
        self.notice_label = QLabel()
        self.notice_label.setObjectName("noticeText")
        self.notice_label.setWordWrap(True)
        self.notice_undo = QPushButton(self.tr("Undo"))
        self.notice_undo.setObjectName("undoDelete")
        self.notice_undo.clicked.connect(self.undo_delete)
        self.notice_open = QPushButton(self.tr("Open"))
        self.notice_open.setObjectName("openExport")
        self.notice_open.clicked.connect(self.open_export)
        dismiss = QToolButton()
        dismiss.setText("×")
        dismiss.setAutoRaise(True)
        dismiss.setToolTip(self.tr("Dismiss"))
        dismiss.clicked.connect(self.notice.hide)
        notice_row = QHBoxLayout(self.notice)
        notice_row.setContentsMargins(10, 4, 4, 4)
        notice_row.addWidget(self.notice_label, 1)
        notice_row.addWidget(self.notice_undo)
        notice_row.addWidget(self.notice_open)
        notice_row.addWidget(dismiss)
        self.notice.hide()

        lead_list = QWidget()
        list_layout = QVBoxLayout(lead_list)
        list_layout.setContentsMargins(0, 6, 0, 0)
        list_layout.addLayout(tools)
        list_layout.addWidget(self.list_pages, 1)
        list_layout.addWidget(self.notice)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("boothSplitter")
        splitter.addWidget(booth)
        splitter.addWidget(lead_list)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([440, 300])

        # The organiser's event without companies: nobody to collect leads for yet.
        self.empty_state = EmptyState(icon("leads"))
        self.empty_state.set_text(
            headline=self.tr("Leads are collected by exhibiting companies"),
            body=self.tr(
                "Exhibitors scan visitors' badges at their booth, rate each lead and add notes, and "
                "take home a lead list. Contact details are included only for people who agreed to "
                "share them with exhibitors."
            ),
            hint=self.tr("Add the companies first; each one can get its own exhibitor kit."),
        )
        self.empty_state.set_action(self.tr("Go to Companies"))
        self.empty_state.action_triggered.connect(lambda: self.navigate.emit("companies"))
        self.pages = QStackedWidget()
        self.pages.addWidget(splitter)
        self.pages.addWidget(self.empty_state)
        self.booth_page = splitter

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 14)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.server_wait)
        layout.addWidget(self.pages, 1)

        self.add_shortcut("Ctrl+F", self._focus_search)
        self.add_shortcut("Ctrl+L", lambda: self.table.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.add_shortcut("Ctrl+Shift+E", self.export_button.click)
        self.setFocusProxy(self.finder if self.finder is not None else self.table)

    def _heading(self) -> str:
        if self.kit is not None:
            return self.tr("Exhibitor kit — {company}").format(company=self.kit.company_name)
        return self.display_title()

    def _focus_search(self) -> None:
        if self.finder is not None:
            self.finder.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.finder.search.selectAll()

    def _kit_note(self, kit: KitSummary) -> QLabel:
        note = QLabel(
            self.tr(
                "This kit of {event} was made on {made}. Badges are checked here, offline; a visitor "
                "who did not agree to share their details is recorded as a visit, without a name. "
                "Give the kit file (or an export) back to the organiser after the fair."
            ).format(event=kit.event_name, made=f"{kit.made_at:%a %d %b %Y}")
        )
        note.setObjectName("emptyHint")
        note.setWordWrap(True)
        return note

    # -- the booth: company and staff -----------------------------------------------------------

    @property
    def company_id(self) -> int | None:
        if self.kit is not None:
            return self.kit.company_id
        value = self.company.currentData()
        return int(value) if value is not None else None

    @property
    def company_name(self) -> str:
        if self.kit is not None:
            return self.kit.company_name
        return next((row.name for row in self._companies if row.id == self.company_id), "")

    def _fill_companies(self, rows: list[Any]) -> None:
        self._companies = rows
        chosen = self.company_id
        if chosen is None:
            remembered = str(self.context.settings.get(BOOTH_COMPANY))
            chosen = next((row.id for row in self._companies if row.name == remembered), None)
        self.company.blockSignals(True)
        self.company.clear()
        for row in self._companies:
            label = (
                f"{row.name} — {self.tr('booth {booth}').format(booth=row.booth)}" if row.booth else row.name
            )
            self.company.addItem(label, row.id)
        index = self.company.findData(chosen) if chosen is not None else -1
        self.company.setCurrentIndex(max(index, 0) if self._companies else -1)
        self.company.blockSignals(False)

    def choose_company(self, company_id: int) -> None:
        """Scan for this company from now on (what choosing it in the combo does)."""
        index = self.company.findData(company_id)
        if index >= 0:
            self.company.setCurrentIndex(index)
            self._company_chosen(index)

    def _company_chosen(self, _index: int) -> None:
        if not self._finish_open_lead():
            return
        self.context.settings.set(BOOTH_COMPANY, self.company_name)
        self._scanner = None
        self.editor.clear()
        self.panel.show_text(ready_text())
        self._fill_staff()
        self.refresh_now()

    def _fill_staff(self) -> None:
        company_id = self.company_id
        if company_id is None:
            return
        doc = self.context.require_document()
        self.reads.read(
            "staff",
            lambda: booth_staff(doc=doc, company_id=company_id),
            lambda names: self._show_staff(company_id, names),
        )

    def _show_staff(self, company_id: int, names: list[str]) -> None:
        if company_id != self.company_id:
            return  # another company was chosen while these names were on their way
        remembered = dict(self.context.settings.get(BOOTH_STAFF)).get(self.company_name, "")
        self.staff.blockSignals(True)
        self.staff.clear()
        self.staff.addItems(names)
        self.staff.setCurrentText(str(remembered) or (names[0] if names else ""))
        self.staff.blockSignals(False)
        self._filled_staff_for = company_id

    def set_staff(self, name: str) -> None:
        """Who is scanning (what typing it in the combo does)."""
        self.staff.setCurrentText(name)
        self._remember_staff()

    def _staff_changed(self, _text: str) -> None:
        self._scanner = None

    def _remember_staff(self) -> None:
        name = " ".join(self.staff.currentText().split())
        if not name or not self.company_name:
            return
        remembered = dict(self.context.settings.get(BOOTH_STAFF))
        if remembered.get(self.company_name) != name:
            remembered[self.company_name] = name
            self.context.settings.set(BOOTH_STAFF, remembered)

    def booth_scanner(self) -> LeadScanner:
        """The core's scanner for this company and staff member, made on first use."""
        doc = self.context.require_document()
        staff = self.staff.currentText()
        scanner = self._scanner
        if (
            scanner is None
            or scanner.doc is not doc
            or scanner.company_id != self.company_id
            or scanner.staff != " ".join(staff.split())
        ):
            scanner = LeadScanner(doc=doc, company_id=self.company_id, staff=staff)
            self._scanner = scanner
            self._remember_staff()
        return scanner

    # -- showing --------------------------------------------------------------------------------

    def refresh(self) -> None:
        doc = self.context.require_document()
        if self.kit is None and self._companies_stale:
            from eventdesk.services.people.lists import list_company_rows

            self.reads.read("companies", lambda: list_company_rows(doc=doc), self._companies_read)
            return
        self._refresh_booth(doc)

    def _companies_read(self, rows: list[Any]) -> None:
        self._fill_companies(rows)
        self._companies_stale = False
        self._refresh_booth(self.context.require_document())

    def _refresh_booth(self, doc: Any) -> None:
        if self.kit is None and not self._companies:
            self.pages.setCurrentWidget(self.empty_state)
            self.count_label.setText("")
            self.export_button.setEnabled(False)
            self.staff.setEnabled(False)
            return
        self.pages.setCurrentWidget(self.booth_page)
        self.export_button.setEnabled(True)
        self.staff.setEnabled(True)
        if self._filled_staff_for != self.company_id:
            self._fill_staff()
        company_id = self.company_id
        self.reads.read(
            "leads",
            lambda: list_leads(doc=doc, company_id=company_id),
            lambda rows: self._show_leads(doc, rows),
        )

    def _show_leads(self, doc: Any, leads: list[Any]) -> None:
        self._selecting = True
        try:
            self.model.set_rows(leads)
            self._select_lead(self.editor.lead_id)
        finally:
            self._selecting = False
        self.editor.set_known_tags(self._known_tags())
        self._list_changed()
        if self.finder is not None:
            self.finder.prepare(doc)

    def _update_count(self) -> None:
        total = self.model.total_count
        shared = sum(1 for lead in self.model.all_rows() if lead.shared)
        number = self.locale().toString
        if self.model.is_filtered or self.proxy.quick_filter:
            text = ngettext(
                "{shown} of {n} lead shown",
                "{shown} of {n} leads shown",
                total,
                shown=Count(self.proxy.rowCount()),
            )
        else:
            text = ngettext("{n} lead", "{n} leads", total)
        if total and shared != total:
            text += " · " + self.tr("{shared} with contact details").format(shared=number(shared))
        self.count_label.setText(text)
        self._fit_title()

    def _update_empty_list(self) -> None:
        if self.model.total_count == 0:
            self.no_leads.setText(
                self.tr("No leads for {company} yet. Scan a visitor's badge to add the first one.").format(
                    company=self.company_name
                )
            )
            self.list_pages.setCurrentWidget(self.no_leads)
        elif self.proxy.rowCount() == 0:
            self.no_leads.setText(self.tr("No lead matches this filter."))
            self.list_pages.setCurrentWidget(self.no_leads)
        else:
            self.list_pages.setCurrentWidget(self.table)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_title()

    def _fit_title(self) -> None:
        title = self.title_label
        if title is not None and self.kit is not None:
            room = self.width() - self.count_label.sizeHint().width() - self.export_button.width() - 90
            title.setText(title.fontMetrics().elidedText(self._heading(), Qt.TextElideMode.ElideRight, room))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.scanner_input.attach()
        if self.editor.lead is None:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def hideEvent(self, event: QHideEvent) -> None:
        self.scanner_input.detach()
        self.camera.stop()
        super().hideEvent(event)

    # -- scanning -------------------------------------------------------------------------------

    def scan(self, text: str) -> BoothScan | None:
        """A badge read by the scanner or the camera: a lead, a visit, or why nothing was recorded."""
        return self._record(lambda scanner: scanner.scan(text))

    def add_person(self, attendee_id: int) -> BoothScan | None:
        """Someone chosen in the name search becomes a lead, as if their badge had been scanned."""
        return self._record(lambda scanner: scanner.add_person(attendee_id))

    def _record(self, capture: Callable[[LeadScanner], BoothScan]) -> BoothScan | None:
        if not self.context.has_document or self.company_id is None:
            return None
        if not self._finish_open_lead():
            return None
        doc = self.context.require_document()
        if not doc.is_sqlite:
            self._record_on_line(doc, capture)
            return None
        try:
            result = capture(self.booth_scanner())
        except Exception as error:
            self._record_failed(error)
            return None
        return self._recorded(result, self.booth_scanner().staff)

    def _record_on_line(self, doc: Any, capture: Callable[[LeadScanner], BoothScan]) -> None:
        """A server event's booth scan: a network call, so on the booth's own line (first in,
        first out, like the door's), the screen painting and taking the next scan meanwhile."""
        company_id, staff = self.company_id, " ".join(self.staff.currentText().split())
        known = self._scanner
        if known is None or known.doc is not doc or known.company_id != company_id or known.staff != staff:
            known = None

        def job() -> tuple[LeadScanner, BoothScan]:
            scanner = known or LeadScanner(doc=doc, company_id=company_id, staff=staff)
            return scanner, capture(scanner)

        def done(made: object) -> None:
            scanner, result = made  # type: ignore[misc]
            if not shiboken6.isValid(self) or self.context.document is not doc:
                return
            if self.company_id == company_id and " ".join(self.staff.currentText().split()) == staff:
                self._scanner = scanner
                self._remember_staff()
            self._recorded(result, staff)

        def failed(error: BaseException) -> None:
            if shiboken6.isValid(self):
                self._record_failed(error)

        self.booth_line.submit(job, on_done=done, on_error=failed)

    def _record_failed(self, error: BaseException) -> None:
        if isinstance(error, EventdeskError):
            self._refuse(str(error))
            return
        # The database went away mid-fair: keep the booth alive.
        trace = "".join(traceback.format_exception(error))
        print(f"eventdesk: a booth scan could not be stored:\n{trace}", file=sys.stderr)
        self._refuse(self.tr("The scan could not be stored ({error}); scan again.").format(error=error))

    def _recorded(self, result: BoothScan, staff: str) -> BoothScan:
        self.panel.show_text(booth_panel_text(result, staff))
        if result.lead is not None:
            self.editor.show_lead(result.lead, focus=True)
            self._show_in_list(result.lead)
        if result.recorded:
            self.notice.hide()
            self._notify_own(result.changes)
        return result

    def _refuse(self, message: str) -> None:
        self.panel.show_text(PanelText("refused", _tr("NOT RECORDED"), reason=message))

    # -- the open lead --------------------------------------------------------------------------

    def save_lead(self) -> bool:
        """Save what the editor holds and get ready for the next scan; False if it was refused."""
        lead = self.editor.lead
        if lead is None:
            return True
        if self.editor.is_dirty:
            try:
                saved = update_lead(
                    doc=self.context.require_document(), lead_id=lead.id, edit=self.editor.edit()
                )
            except EventdeskError as error:
                self.editor.say(str(error))
                self.editor.state_label.setStyleSheet("color: #b42318;")
                return False
            self.editor.state_label.setStyleSheet("")
            detail = self.tr("Saved the lead of {name}. Scan the next badge.").format(name=saved.lead.label)
            self.editor.clear()
            self.panel.show_text(ready_text(detail))
            self._show_in_list(saved.lead)
            self._notify_own(saved.changes)
        else:
            self.editor.clear()
            self.panel.show_text(ready_text())
        self._select_lead(None)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def discard_changes(self) -> None:
        """Esc: drop what was typed; a second Esc closes the lead."""
        lead = self.editor.lead
        if lead is None:
            return
        if self.editor.is_dirty:
            self.editor.show_lead(lead, focus=True)
            self.editor.say(self.tr("Changes discarded."))
            return
        self.editor.clear()
        self.panel.show_text(ready_text())
        self._select_lead(None)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _finish_open_lead(self) -> bool:
        """Before the editor shows another lead: keep what was typed into this one."""
        if not self.editor.is_dirty:
            return True
        name = self.editor.lead.label if self.editor.lead is not None else ""
        if self.save_lead():
            self.editor.say(self.tr("The notes on {name} were saved.").format(name=name))
            return True
        self._refuse(
            self.tr("Finish the open lead first: {problem}").format(problem=self.editor.state_label.text())
        )
        return False

    # -- the list -------------------------------------------------------------------------------

    def _select_lead(self, lead_id: str | None) -> None:
        selection = self.table.selectionModel()
        was = self._selecting
        self._selecting = True
        try:
            row = self.model.row_of_lead(lead_id) if lead_id is not None else None
            index = self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None else QModelIndex()
            if index.isValid():
                flags = (
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                )
                selection.setCurrentIndex(index, flags)
                self.table.scrollTo(index)
            else:
                selection.clearSelection()
        finally:
            self._selecting = was
        self._update_buttons()

    def selected_lead(self) -> LeadView | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(LeadRole.LEAD) if rows else None

    def _selection_changed(self, *_: object) -> None:
        self._update_buttons()
        if self._selecting:
            return
        lead = self.selected_lead()
        if lead is None or lead.id == self.editor.lead_id:
            return
        if not self._finish_open_lead():
            self._select_lead(self.editor.lead_id)
            return
        self.editor.show_lead(lead, focus=False)
        self.panel.show_text(ready_text(self.tr("Editing the lead of {name}.").format(name=lead.label)))

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.selected_lead() is not None or self.editor.lead is not None)

    def _quick_filter_changed(self, text: str) -> None:
        self.proxy.set_quick_filter(text)
        self._after_filter()

    def _apply_filters(self) -> None:
        choice = LeadFilter(int(self.show_filter.currentData()))
        self.model.set_row_filter(choice.accepts())
        self._select_lead(self.editor.lead_id)
        self._after_filter()

    def _after_filter(self) -> None:
        self._update_count()
        self._update_empty_list()

    def delete_selected(self) -> Changes | None:
        lead = self.selected_lead() or self.editor.lead
        if lead is None:
            return None
        try:
            changes = delete_lead(doc=self.context.require_document(), lead_id=lead.id)
        except EventdeskError as error:
            self._show_notice(str(error))
            return None
        if self.editor.lead_id == lead.id:
            self.editor.clear()
            self.panel.show_text(ready_text())
        self._deleted_label = lead.label
        self._selecting = True
        try:
            self.model.remove(lead.id)
        finally:
            self._selecting = False
        self._list_changed()
        self._notify_own(changes)
        self._show_notice(
            self.tr("Deleted the lead of {name}.").format(name=lead.label),
            undo=True,
        )
        return changes

    def undo_delete(self) -> BackgroundTask | None:
        doc = self.context.document
        self.notice.hide()
        if doc is None:
            return None
        steps = history(doc)
        if steps.undo_label != "Delete lead":
            return None
        self.task = run_in_background(
            lambda _progress: steps.undo(doc),
            parent=self,
            title=self.tr("Bringing the lead back"),
            context=self.context,
        )
        return self.task

    def _show_notice(self, text: str, *, undo: bool = False, target: Path | None = None) -> None:
        self.notice_label.setText(text)
        self.notice_undo.setVisible(undo)
        self._last_export = target
        self.notice_open.setVisible(target is not None)
        self.notice.show()

    def _show_in_list(self, lead: LeadView) -> None:
        """Update the one row a scan or save changed (see `LeadTableModel.put`)."""
        self._selecting = True
        try:
            self.model.put(lead)
        finally:
            self._selecting = False
        self._select_lead(lead.id if self.editor.lead_id == lead.id else None)
        self.editor.set_known_tags(self._known_tags())
        self._list_changed()

    def _list_changed(self) -> None:
        self._update_count()
        self._update_empty_list()
        self._update_buttons()

    def _known_tags(self) -> list[str]:
        return [tag for lead in self.model.all_rows() for tag in lead.tags]

    def _notify_own(self, changes: Changes) -> None:
        """Tell the other screens; this one has already shown the change."""
        self._own_changes = changes
        try:
            self.context.notify(changes)
        finally:
            self._own_changes = None

    def on_changes(self, changes: Changes) -> None:
        if changes is self._own_changes:
            return
        if changes.touches(Entity.COMPANIES, Entity.EVENT):
            self._companies_stale = True
        if changes.touches(Entity.COMPANIES, Entity.ATTENDEES):
            self._filled_staff_for = None  # new staff, or a renamed company
        super().on_changes(changes)
        # Another step since the deletion: its Undo would now undo something else.
        doc = self.context.document
        if self.notice_undo.isVisible() and (doc is None or history(doc).undo_label != "Delete lead"):
            self.notice.hide()

    # -- name search (organiser's event) ----------------------------------------------------------

    @property
    def index_task(self) -> BackgroundTask | None:
        return self.finder.index_task if self.finder is not None else None

    def _add_found(self, attendee_id: int) -> None:
        if self.add_person(attendee_id) is not None and self.finder is not None:
            self.finder.clear()

    # -- export ---------------------------------------------------------------------------------

    def choose_and_export(self) -> BackgroundTask | None:
        if self.company_id is None:
            return None
        folder = Path(self.context.settings.get(LAST_FOLDER) or Path.home())
        folder = folder if folder.is_dir() else Path.home()
        suggestion = folder / self.tr("{company} leads.xlsx").format(company=_safe(self.company_name))
        chosen, selected = QFileDialog.getSaveFileName(
            self, self.tr("Export leads"), str(suggestion), self.tr(EXPORT_FILTERS)
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() not in (".csv", ".xlsx", ".pdf"):
            suffix = ".pdf" if "pdf" in selected.lower() else ".csv" if "csv" in selected.lower() else ".xlsx"
            path = path.with_name(path.name + suffix)
        self.context.settings.set(LAST_FOLDER, str(path.parent))
        return self.export(path)

    def export(self, path: Path) -> BackgroundTask:
        from eventdesk.services.leads.export import export_leads  # reportlab: on first export

        doc = self.context.require_document()
        company_id = self.company_id

        def job(progress: Progress) -> LeadsExported:
            return export_leads(doc=doc, company_id=company_id, path=path, progress=progress)

        self.task = run_in_background(
            job,
            parent=self,
            title=self.tr("Exporting leads"),
            on_result=self._exported,
        )
        return self.task

    def _exported(self, exported: LeadsExported) -> None:
        count = ngettext("{n} lead", "{n} leads", exported.leads)
        self._show_notice(
            self.tr("{count} of {company} written to {path} ({shared} with contact details).").format(
                count=count, company=exported.company_name, path=exported.path, shared=exported.shared
            ),
            target=exported.path,
        )

    def open_export(self) -> bool:
        if self._last_export is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._last_export)))


def _safe(name: str) -> str:
    return "".join(" " if ch in '\\/:*?"<>|' else ch for ch in name).strip() or "Company"
