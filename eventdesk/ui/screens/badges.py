"""Badges: choose who and which layout, make one PDF in the background, then open or print it.

Everything the screen decides goes through `services.badges.batches`: who a selection holds
(`count_badges`, `create_badge_pdf`), what was printed (`badge_counts`), the layout and
crop marks (kept in the badge settings, so the CLI and the single-badge print use the same).
Making the PDF records the badges as printed — the "not yet printed" choice relies on it.
"""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.changes import Entity
from eventdesk.domain.enums import TicketType
from eventdesk.domain.progress import Progress
from eventdesk.exports.badges.layouts import BadgeLayout, all_layouts, get_layout
from eventdesk.i18n import ngettext
from eventdesk.services.badges.batches import (
    BadgeBatchResult,
    BadgeOptions,
    BadgeSelection,
    badge_options,
    count_badges,
    create_badge_pdf,
    store_badge_options,
)
from eventdesk.services.badges.overview import BadgeCount, badge_counts
from eventdesk.services.people.lists import CompanyRow, list_company_rows
from eventdesk.services.privacy.keys import KeyState, badge_key_state
from eventdesk.settings import LAST_FOLDER
from eventdesk.ui.badge_actions import badge_requests
from eventdesk.ui.context import EventContext
from eventdesk.ui.dialogs.badge_settings import BadgeSettingsDialog
from eventdesk.ui.messages import ask
from eventdesk.ui.models.attendees import ticket_label
from eventdesk.ui.models.badges import BadgeCountTableModel, BadgeNoteTableModel
from eventdesk.ui.printing import PrintJob, print_pdf_file
from eventdesk.ui.screens.base import Screen, screen_heading
from eventdesk.ui.server_reads import ScreenReads, ServerWaitLine
from eventdesk.ui.theme import icon
from eventdesk.ui.widgets.empty_state import EmptyState
from eventdesk.ui.worker import BackgroundTask, run_in_background

COUNT_DELAY_MS = 120
# The count runs in the background so a 50,000-person event never stalls a click; it is
# quick, so its progress dialog would only flash: never show it.
_NO_PROGRESS_DIALOG_MS = 3_600_000


class Who:
    EVERYONE = "everyone"
    TICKET_TYPE = "ticket_type"
    COMPANY = "company"
    SELECTION = "selection"


def _card(name: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 14)
    layout.setSpacing(8)
    title = QLabel(name)
    title.setObjectName("sectionTitle")
    layout.addWidget(title)
    return frame, layout


def _shrinkable(combo: QComboBox) -> None:
    """Let a combo of long entries narrow with the window instead of widening the window."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)


def _safe_file_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|]+', " ", text).strip() or "Badges"


class BadgesScreen(Screen):
    key = "badges"
    title = QT_TRANSLATE_NOOP("Screens", "Badges")
    icon_name = "badges"
    watches = frozenset({Entity.ATTENDEES, Entity.COMPANIES, Entity.BADGES, Entity.EVENT})

    def __init__(self, context: EventContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.requests = badge_requests(context)
        self.last_result: BadgeBatchResult | None = None
        self.last_task: BackgroundTask | None = None
        self.last_print: PrintJob | None = None
        self._count_generation = 0
        self.selection_count: int | None = None
        self.count_task: BackgroundTask | None = None

        heading, self.count_label = screen_heading(self.display_title())
        self.pages = QStackedWidget()
        self.empty_state = EmptyState(icon("badges"))
        self.empty_state.action_triggered.connect(lambda: self.navigate.emit("attendees"))
        self.content = QWidget()
        self.pages.addWidget(self.content)
        self.pages.addWidget(self.empty_state)

        columns = QHBoxLayout(self.content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(16)
        left = QVBoxLayout()
        left.setSpacing(16)
        right = QVBoxLayout()
        right.setSpacing(16)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        left.addWidget(self._build_make_card())
        self.result_card = self._build_result_card()
        left.addWidget(self.result_card)
        left.addStretch(1)
        right.addWidget(self._build_summary_card())
        right.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(heading)
        self.server_wait = ServerWaitLine()
        self.reads = ScreenReads(context, self.server_wait, self)
        layout.addWidget(self.server_wait)
        layout.addWidget(self.pages, 1)

        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._count_selection)
        self.requests.selection_changed.connect(self._selection_handed_over)
        self._who_changed()
        self._selection_handed_over()

    # -- building ---------------------------------------------------------------------------

    def _build_make_card(self) -> QFrame:
        card, column = _card(self.tr("Make badges"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)

        self.who_combo = QComboBox()
        self.who_combo.setObjectName("badgeWho")
        self.who_combo.addItem(self.tr("Everyone registered"), Who.EVERYONE)
        self.who_combo.addItem(self.tr("One ticket type"), Who.TICKET_TYPE)
        self.who_combo.addItem(self.tr("The staff of one company"), Who.COMPANY)
        self.who_combo.addItem(self.tr("People selected in the attendee list"), Who.SELECTION)
        self.who_combo.currentIndexChanged.connect(self._who_changed)
        for combo in (self.who_combo,):
            _shrinkable(combo)

        self.ticket_combo = QComboBox()
        self.ticket_combo.setObjectName("badgeTicketType")
        for ticket in TicketType:
            self.ticket_combo.addItem(ticket_label(ticket.value), ticket.value)
        self.company_combo = QComboBox()
        self.company_combo.setObjectName("badgeCompany")
        self.company_combo.setMaxVisibleItems(20)
        self.selection_label = QLabel()
        self.selection_label.setObjectName("emptyHint")
        self.selection_label.setWordWrap(True)
        self.who_detail = QStackedWidget()
        self.who_detail.addWidget(QWidget())
        self.who_detail.addWidget(self.ticket_combo)
        self.who_detail.addWidget(self.company_combo)
        self.who_detail.addWidget(self.selection_label)
        self.who_detail.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.ticket_combo.currentIndexChanged.connect(self._schedule_count)
        self.company_combo.currentIndexChanged.connect(self._schedule_count)

        self.only_unprinted = QCheckBox(self.tr("Only people whose badge is not printed yet"))
        self.only_unprinted.setObjectName("badgeOnlyUnprinted")
        self.only_unprinted.setChecked(True)
        self.only_unprinted.toggled.connect(self._schedule_count)

        self.layout_combo = QComboBox()
        self.layout_combo.setObjectName("badgeLayout")
        for layout in all_layouts().values():
            self.layout_combo.addItem(f"{layout.display_title()} — {layout.describe()}", layout.name)
        self.layout_combo.currentIndexChanged.connect(self._layout_changed)
        for combo in (self.ticket_combo, self.company_combo, self.layout_combo):
            _shrinkable(combo)
        self.crop_marks = QCheckBox(self.tr("Crop marks in the page margin"))
        self.crop_marks.setObjectName("badgeCropMarks")
        self.crop_marks.toggled.connect(self._crop_marks_changed)
        self.reprint = QCheckBox(self.tr("Reprint: new badges that replace the ones people hold"))
        self.reprint.setObjectName("badgeReprint")
        self.reprint.setToolTip(
            self.tr(
                "Each person gets a new badge version. The badge they hold stops working: the door "
                "refuses it as replaced and says when."
            )
        )
        self.reprint.toggled.connect(self._reprint_toggled)

        form.addRow(self.tr("Who"), self.who_combo)
        form.addRow("", self.who_detail)
        self.who_form = form
        form.addRow("", self.only_unprinted)
        form.addRow(self.tr("Layout"), self.layout_combo)
        form.addRow("", self.crop_marks)
        form.addRow("", self.reprint)
        column.addLayout(form)

        self.selection_summary = QLabel()
        self.selection_summary.setObjectName("badgeSelectionSummary")
        self.selection_summary.setWordWrap(True)
        column.addSpacing(4)
        column.addWidget(self.selection_summary)

        buttons = QHBoxLayout()
        self.settings_button = QPushButton(self.tr("Badge settings…"))
        self.settings_button.setObjectName("badgeSettingsButton")
        self.settings_button.clicked.connect(self.open_settings)
        self.create_button = QPushButton(self.tr("Create PDF…"))
        self.create_button.setObjectName("primaryAction")
        self.create_button.clicked.connect(self.choose_and_create_pdf)
        buttons.addWidget(self.settings_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        column.addLayout(buttons)
        return card

    def _build_result_card(self) -> QFrame:
        card, column = _card(self.tr("Last PDF"))
        self.result_label = QLabel()
        self.result_label.setObjectName("badgeResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.result_label)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open PDF"))
        self.open_button.setObjectName("badgeOpenPdf")
        self.open_button.clicked.connect(self.open_pdf)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("badgePrintPdf")
        self.print_button.clicked.connect(self.print_pdf)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        self.notes_title = QLabel()
        self.notes_title.setObjectName("sectionTitle")
        self.notes_model = BadgeNoteTableModel(self)
        self.notes_table = QTableView()
        self.notes_table.setObjectName("badgeNotes")
        self.notes_table.setModel(self.notes_model)
        self.notes_table.verticalHeader().hide()
        self.notes_table.setWordWrap(True)
        self.notes_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.notes_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 190)
        header.setStretchLastSection(True)
        column.addWidget(self.notes_title)
        column.addWidget(self.notes_table)
        card.hide()
        return card

    def _build_summary_card(self) -> QFrame:
        card, column = _card(self.tr("Printed so far"))
        self.counts_model = BadgeCountTableModel(self, number=lambda n: self.locale().toString(n))
        self.counts_table = QTableView()
        self.counts_table.setObjectName("badgeCounts")
        self.counts_table.setModel(self.counts_model)
        self.counts_table.verticalHeader().hide()
        self.counts_table.setSelectionMode(QTableView.SelectionMode.NoSelection)
        self.counts_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.counts_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.counts_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.counts_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        column.addWidget(self.counts_table)
        self.counts_hint = QLabel(
            self.tr(
                "A badge counts as printed once its PDF is made or it is printed from the attendee "
                "list. “Reprinted” people hold a newer badge; their earlier one no longer opens the door."
            )
        )
        self.counts_hint.setObjectName("emptyHint")
        self.counts_hint.setWordWrap(True)
        column.addWidget(self.counts_hint)
        return card

    # -- refreshing -------------------------------------------------------------------------

    def refresh(self) -> None:
        doc = self.context.require_document()
        self.reads.read(
            "badges",
            lambda: (badge_counts(doc=doc), list_company_rows(doc=doc), badge_key_state(doc=doc)),
            lambda found: self._show_counts(*found),
        )

    def _show_counts(self, counts: list[BadgeCount], companies: list[CompanyRow], key: KeyState) -> None:
        summary = self.context.summary
        self.counts_model.set_counts(counts)
        rows = self.counts_model.rowCount()
        header_height = self.counts_table.horizontalHeader().sizeHint().height()
        row_height = self.counts_table.verticalHeader().defaultSectionSize()
        self.counts_table.setFixedHeight(header_height + rows * row_height + 4)
        # Every column shown whole: the card grows rather than cut "Exhibitor staff" short.
        self.counts_table.resizeColumnsToContents()
        frame = 2 * self.counts_table.frameWidth()
        self.counts_table.setMinimumWidth(self.counts_table.horizontalHeader().length() + frame + 12)
        self.counts_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        total = self.counts_model.total()
        registered = total.registered if total else 0
        number = self.locale().toString
        if not summary.can_sign:
            self._show_empty(
                self.tr("This copy of the event cannot make badges"),
                self.tr(
                    "It is a door or exhibitor kit, which holds only the public key: it can check "
                    "badges but not sign new ones. Print badges from the organiser's event file."
                ),
                None,
            )
            self.count_label.setText("")
            return
        if key is KeyState.ELSEWHERE:
            # The key is sealed with a keyring entry of the organiser's machine (privacy.keys).
            self._show_empty(
                self.tr("Badge-making needs the organiser's machine"),
                self.tr(
                    "This event's badge key is kept locked in the keyring of the computer that "
                    "created it, so a copied file alone cannot make valid badges. Print badges "
                    "there, or give this copy a new key (Event › Privacy › Replace the badge key…)."
                ),
                None,
            )
            self.count_label.setText("")
            return
        if registered == 0:
            self._show_empty(
                self.tr("No one to print a badge for yet"),
                self.tr(
                    "Badges carry a signed QR code that the door verifies offline. They are printed "
                    "for registered attendees, so the first step is the attendee list."
                ),
                self.tr("Go to Attendees"),
            )
            self.count_label.setText("")
            return
        self.pages.setCurrentWidget(self.content)
        printed = total.printed if total else 0
        self.count_label.setText(
            self.tr("{printed} of {registered} printed").format(
                printed=number(printed), registered=number(registered)
            )
        )
        self._fill_companies(companies)
        self._load_options()
        self._schedule_count()

    def _show_empty(self, headline: str, body: str, action: str | None) -> None:
        self.empty_state.set_text(headline=headline, body=body, hint="")
        self.empty_state.set_action(action)
        self.pages.setCurrentWidget(self.empty_state)

    def _fill_companies(self, rows: list[CompanyRow]) -> None:
        chosen = self.company_combo.currentData()
        companies = sorted(rows, key=lambda c: c.name.casefold())
        self.company_combo.blockSignals(True)
        self.company_combo.clear()
        for company in companies:
            label = self.tr("{name} ({n} staff)").format(name=company.name, n=company.staff_count)
            self.company_combo.addItem(label, company.id)
        found = self.company_combo.findData(chosen)
        self.company_combo.setCurrentIndex(max(found, 0))
        self.company_combo.blockSignals(False)

    def _load_options(self) -> None:
        options = self.options()
        self.layout_combo.blockSignals(True)
        self.layout_combo.setCurrentIndex(max(self.layout_combo.findData(options.layout), 0))
        self.layout_combo.blockSignals(False)
        self._show_crop_marks(options)

    def _show_crop_marks(self, options: BadgeOptions) -> None:
        layout = get_layout(options.layout)
        fits = layout.crop_marks_fit()
        wanted = options.crop_marks if options.crop_marks is not None else layout.crop_marks
        self.crop_marks.blockSignals(True)
        self.crop_marks.setChecked(bool(wanted and fits))
        self.crop_marks.setEnabled(fits)
        self.crop_marks.blockSignals(False)
        self.crop_marks.setToolTip(
            ""
            if fits
            else self.tr("This layout fills its page to the edge: there is no margin to mark the cuts in.")
        )

    # -- what is chosen ---------------------------------------------------------------------

    def options(self) -> BadgeOptions:
        return badge_options(settings=self.context.settings)

    def layout(self) -> BadgeLayout:
        return get_layout(self.options().layout)

    def selection(self) -> BadgeSelection:
        who = self.who_combo.currentData()
        only_unprinted = self.only_unprinted.isChecked() and self.only_unprinted.isEnabled()
        if who == Who.TICKET_TYPE:
            return BadgeSelection(only_unprinted=only_unprinted, ticket_type=self.ticket_combo.currentData())
        if who == Who.COMPANY:
            company = self.company_combo.currentData()
            return BadgeSelection(
                only_unprinted=only_unprinted, company_id=int(company) if company is not None else -1
            )
        if who == Who.SELECTION:
            return BadgeSelection(only_unprinted=only_unprinted, attendee_ids=self.requests.attendee_ids)
        return BadgeSelection(only_unprinted=only_unprinted)

    def choose(self, who: str, detail: object = None) -> None:
        """Pick who gets badges, as the combo boxes would (tests and the hand-over use it)."""
        self.who_combo.setCurrentIndex(self.who_combo.findData(who))
        if who == Who.TICKET_TYPE and detail is not None:
            self.ticket_combo.setCurrentIndex(self.ticket_combo.findData(detail))
        if who == Who.COMPANY and detail is not None:
            self.company_combo.setCurrentIndex(self.company_combo.findData(detail))
        self._schedule_count()

    def _who_changed(self) -> None:
        index = {Who.EVERYONE: 0, Who.TICKET_TYPE: 1, Who.COMPANY: 2, Who.SELECTION: 3}
        page = index.get(self.who_combo.currentData(), 0)
        self.who_detail.setCurrentIndex(page)
        self.who_form.setRowVisible(self.who_detail, page != 0)
        self._schedule_count()

    def _selection_handed_over(self) -> None:
        ids = self.requests.attendee_ids
        item = self.who_combo.findData(Who.SELECTION)
        number = self.locale().toString(len(ids))
        self.who_combo.setItemText(
            item,
            self.tr("People selected in the attendee list ({n})").format(n=number)
            if ids
            else self.tr("People selected in the attendee list"),
        )
        self.selection_label.setText(
            ngettext(
                "{n} person handed over from the attendee list.",
                "{n} people handed over from the attendee list.",
                len(ids),
            )
            if ids
            else self.tr(
                "Nobody yet: select people in the attendee list and choose “Badges for the selection…”."
            )
        )
        if ids:
            # Handed over to print: their badges may have been printed already.
            self.only_unprinted.setChecked(False)
            self.choose(Who.SELECTION)

    def _layout_changed(self) -> None:
        name = self.layout_combo.currentData()
        if not name:
            return
        options = dataclasses.replace(self.options(), layout=name, crop_marks=None)
        store_badge_options(settings=self.context.settings, options=options)
        self._show_crop_marks(options)
        self._update_summary()

    def _crop_marks_changed(self, checked: bool) -> None:
        options = dataclasses.replace(self.options(), crop_marks=checked)
        store_badge_options(settings=self.context.settings, options=options)

    def _reprint_toggled(self, checked: bool) -> None:
        # A reprint is for people who hold a badge: "not printed yet" would leave them out.
        self.only_unprinted.setEnabled(not checked)
        self._schedule_count()

    # -- counting what the selection makes -------------------------------------------------

    def _schedule_count(self) -> None:
        self.selection_count = None
        self._count_timer.start()
        self._update_summary()

    def _count_selection(self) -> None:
        doc = self.context.document
        if doc is None:
            return
        self._count_generation += 1
        generation = self._count_generation
        selection = self.selection()
        if selection.company_id == -1 or (
            self.who_combo.currentData() == Who.SELECTION and not selection.attendee_ids
        ):
            self._counted(generation, 0)
            return
        task = run_in_background(
            lambda _progress: count_badges(doc=doc, selection=selection),
            parent=self,
            title=self.tr("Counting badges"),
            on_result=lambda n: self._counted(generation, n),
            on_error=lambda message: self._count_failed(generation, message),
            show_progress_after_ms=_NO_PROGRESS_DIALOG_MS,
        )
        self.count_task = task

    def _counted(self, generation: int, count: int) -> None:
        if generation == self._count_generation:
            self.selection_count = count
            self._update_summary()

    def _count_failed(self, generation: int, message: str) -> None:
        if generation == self._count_generation:
            self.selection_count = 0
            self.selection_summary.setText(message)

    def _update_summary(self) -> None:
        count = self.selection_count
        if count is None:
            self.selection_summary.setText(self.tr("Counting…"))
            self.create_button.setEnabled(False)
            return
        layout = self.layout()
        pages = math.ceil(count / layout.badges_per_page) if count else 0
        if count == 0 and self.only_unprinted.isChecked() and self.only_unprinted.isEnabled():
            text = self.tr(
                "Everyone chosen has a printed badge already. Untick “Only people whose badge is not "
                "printed yet” to print theirs again."
            )
        elif count == 0:
            text = self.tr("Nobody matches this choice: there is nothing to print.")
        elif count == 1:
            text = ngettext("{n} badge.", "{n} badges.", count)
        elif layout.badges_per_page == 1:
            text = ngettext("{n} badge, one per page.", "{n} badges, one per page.", count)
        else:
            size = f"{layout.page_mm[0]:g} × {layout.page_mm[1]:g} mm"
            text = ngettext(
                "{n} badge on {pages} of {size}.",
                "{n} badges on {pages} of {size}.",
                count,
                pages=ngettext("{n} page", "{n} pages", pages),
                size=size,
            )
        if count and self.reprint.isChecked():
            text += " " + self.tr("Their current badges will stop working.")
        self.selection_summary.setText(text)
        self.create_button.setEnabled(count > 0)

    # -- making the PDF ---------------------------------------------------------------------

    def _suggested_path(self) -> Path:
        folder = Path(self.context.settings.get(LAST_FOLDER) or Path.home())
        if not folder.is_dir():
            folder = Path.home()
        name = _safe_file_name(
            self.tr("Badges {event} {layout}").format(
                event=self.context.summary.name, layout=self.layout().title
            )
        )
        return folder / f"{name}.pdf"

    def choose_and_create_pdf(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the badges as"), str(self._suggested_path()), self.tr("PDF files (*.pdf)")
        )
        if chosen:
            path = Path(chosen)
            if path.suffix.lower() != ".pdf":
                path = path.with_name(path.name + ".pdf")
            self.context.settings.set(LAST_FOLDER, str(path.parent))
            self.create_pdf(path)

    def create_pdf(self, path: Path) -> BackgroundTask | QMessageBox:
        """Make the badge PDF at `path` for the current choice; a reprint is confirmed first."""
        if not self.reprint.isChecked():
            return self._start_batch(path, reprint=False)
        count = self.selection_count
        return ask(
            self,
            ngettext("Reprint {n} badge?", "Reprint {n} badges?", count)
            if count is not None
            else self.tr("Reprint the chosen badges?"),
            self.tr(
                "Each of them gets a new badge version, and the badge they hold now stops working: "
                "the door will refuse it as replaced and say when. Hand out the new badges before "
                "the doors open."
            ),
            accept_text=self.tr("Reprint and revoke the old badges"),
            reject_text=self.tr("Cancel"),
            on_accept=lambda: self._start_batch(path, reprint=True),
            title=self.tr("Reprint badges"),
        )

    def _start_batch(self, path: Path, *, reprint: bool) -> BackgroundTask:
        doc = self.context.require_document()
        selection = self.selection()
        options = self.options()

        def job(progress: Progress) -> BadgeBatchResult:
            return create_badge_pdf(
                doc=doc, output=path, selection=selection, options=options, reprint=reprint, progress=progress
            )

        self.create_button.setEnabled(False)
        task = run_in_background(
            job,
            parent=self,
            title=self.tr("Making badges"),
            context=self.context,
            on_result=self._batch_done,
        )
        task.finished.connect(self._update_summary)
        self.last_task = task
        return task

    def _batch_done(self, result: BadgeBatchResult) -> None:
        self.last_result = result
        number = self.locale().toString
        if result.output is None:
            self.result_label.setText(self.tr("Nobody matched: no PDF was written."))
            self.open_button.setEnabled(False)
            self.print_button.setEnabled(False)
        else:
            text = ngettext(
                "{file}: {n} badge on {pages}, made in {seconds} s.",
                "{file}: {n} badges on {pages}, made in {seconds} s.",
                result.badges,
                file=result.output.name,
                pages=ngettext("{n} page", "{n} pages", result.pages),
                seconds=self.locale().toString(result.seconds, "f", 1),
            )
            if result.reprinted:
                text += " " + self.tr("{n} reprinted: their earlier badges are revoked.").format(
                    n=number(result.reprinted)
                )
            self.result_label.setText(text)
            self.result_label.setToolTip(str(result.output))
            self.open_button.setEnabled(True)
            self.print_button.setEnabled(True)
        self.notes_model.set_notes(result.notes)
        has_notes = bool(result.notes)
        self.notes_title.setVisible(has_notes)
        self.notes_table.setVisible(has_notes)
        self.notes_title.setText(
            ngettext(
                "{n} badge to check before handing it out",
                "{n} badges to check before handing them out",
                len(result.notes),
            )
        )
        self.result_card.show()
        if has_notes:
            # Measured once the table has its width: wrapped notes need it.
            QTimer.singleShot(0, self._fit_notes_table)

    def _fit_notes_table(self) -> None:
        """Rows as tall as their wrapped note; the table as tall as its first few rows."""
        table = self.notes_table
        shown = min(self.notes_model.rowCount(), 200)  # a long report scrolls; measure what shows first
        for row in range(shown):
            table.resizeRowToContents(row)
        visible = sum(table.rowHeight(row) for row in range(min(shown, 6)))
        table.setFixedHeight(
            table.horizontalHeader().sizeHint().height() + visible + 2 * table.frameWidth() + 2
        )

    def open_pdf(self) -> bool:
        if self.last_result is None or self.last_result.output is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_result.output)))

    def print_pdf(self) -> PrintJob | None:
        result = self.last_result
        if result is None or result.output is None:
            return None
        self.last_print = print_pdf_file(self, self.context, result.output, result.layout)
        return self.last_print

    # -- the settings dialog ----------------------------------------------------------------

    def open_settings(self) -> QWidget:
        dialog = BadgeSettingsDialog(self.context, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._load_options)
        dialog.accepted.connect(self._update_summary)
        dialog.open()
        return dialog
