"""Check-in: the desk at the door. Scan, see the verdict, next.

Three ways in, all ending in the same `DeskController` and the same verdict panel:

* a USB or Bluetooth scanner in keyboard mode, caught by `ScannerInput` wherever the focus
  is (a scan never lands in the search box or the desk name);
* a webcam, through the shared `CameraPanel` (the camera chosen last time on this machine);
* the search box: type part of a name, arrow keys to choose, Enter checks the person in.

Everything works from the keyboard: the search box has the focus, Tab reaches the last
scans, and the buttons have Alt shortcuts (Undo check-in, New attendee, Kiosk, Who is inside).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.enums import ScanVerdict
from eventdesk.domain.errors import EventdeskError, ValidationError
from eventdesk.domain.progress import Progress
from eventdesk.i18n import LANGUAGES, language_name, ngettext
from eventdesk.services.door.arrivals import door_count, recent_scans, scan_log_mark
from eventdesk.services.door.checkin import Verdict
from eventdesk.services.door.inside_export import export_people_inside
from eventdesk.services.door.kiosk_pin import has_kiosk_pin
from eventdesk.services.events import set_reentry_allowed
from eventdesk.services.people.edit import add_attendee
from eventdesk.services.search import people_index, search_people
from eventdesk.settings import ATTENDEE_LANGUAGE, LAST_FOLDER, PRINT_ON_ADMIT
from eventdesk.ui.context import EventContext
from eventdesk.ui.desk import DeskController, panel_text
from eventdesk.ui.dialogs.undo_checkin import UndoCheckInDialog
from eventdesk.ui.dialogs.walk_in import WalkInDialog
from eventdesk.ui.messages import show_error
from eventdesk.ui.models.people_hits import PeopleHitsModel, PersonHitRole
from eventdesk.ui.models.recent_scans import RecentScanRole, RecentScansModel
from eventdesk.ui.scanner_input import ScannerInput
from eventdesk.ui.screens.base import Screen, screen_heading
from eventdesk.ui.widgets.camera_panel import CameraPanel
from eventdesk.ui.widgets.tables import follow_selection
from eventdesk.ui.widgets.verdict_panel import PanelText, VerdictPanel
from eventdesk.ui.worker import BackgroundTask, run_in_background

SEARCH_LIMIT = 30
RECENT_SCANS = 10
POLL_MS = 4000
"""How often the desk looks for scans made at other desks (a shared PostgreSQL event)."""


def idle_text() -> PanelText:
    return PanelText(
        "idle",
        QCoreApplication.translate("CheckInScreen", "Ready"),
        detail=QCoreApplication.translate(
            "CheckInScreen", "Scan a badge or an e-ticket, or type a name and press Enter."
        ),
    )


class CheckInScreen(Screen):
    key = "checkin"
    title = QT_TRANSLATE_NOOP("Screens", "Check-in")
    icon_name = "checkin"
    watches = frozenset({Entity.SCANS, Entity.ATTENDEES, Entity.EVENT})

    def __init__(self, context: EventContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.controller = DeskController(context, self)
        self.controller.print_parent = self
        self.controller.verdict_ready.connect(self.show_verdict)
        self.controller.failed.connect(self._scan_failed)
        self.controller.kept.connect(self._scan_kept)
        self.controller.waiting_changed.connect(self._waiting_changed)
        self.controller.print_failed.connect(self._print_failed)
        self.scanner = ScannerInput(self)
        self.scanner.scanned.connect(self.scan)
        self.scanner.held_scan.connect(
            lambda _text: self.say(
                self.tr(
                    "A badge was scanned while a dialog was open: it was not checked in. "
                    "Close the dialog and scan it again."
                ),
                problem=True,
            )
        )
        self.kiosk: Any = None
        self._index_task: BackgroundTask | None = None
        self._log_mark: tuple[int, Any] | None = None
        self._kept_count = 0
        self._build()
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._look_for_other_desks)

    # -- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        heading, self.count_label = screen_heading(self.display_title())
        self.desk_name = QLineEdit(self.controller.desk_name)
        self.desk_name.setObjectName("deskName")
        self.desk_name.setMaximumWidth(180)
        self.desk_name.setToolTip(self.tr("Written into every scan of this desk, e.g. “Door B”"))
        self.desk_name.editingFinished.connect(self._rename_desk)
        desk_label = QLabel(self.tr("&Desk:"))
        desk_label.setBuddy(self.desk_name)
        self.entry_rule = QComboBox()
        self.entry_rule.setObjectName("entryRule")
        self.entry_rule.addItem(self.tr("Single entry"), False)
        self.entry_rule.addItem(self.tr("Re-entry allowed"), True)
        self.entry_rule.setToolTip(self.tr("For the whole event: may someone who is inside scan in again?"))
        self.entry_rule.activated.connect(self._change_entry_rule)
        self.attendee_language = QComboBox()
        self.attendee_language.setObjectName("attendeeLanguage")
        self.attendee_language.addItem(self.tr("No second language"), "")
        for code in LANGUAGES:
            self.attendee_language.addItem(language_name(code), code)
        self.attendee_language.setToolTip(
            self.tr("The verdict also in this language, for the attendee in front of the desk")
        )
        saved = self.context.settings.get(ATTENDEE_LANGUAGE)
        self.attendee_language.setCurrentIndex(max(0, self.attendee_language.findData(saved)))
        self.attendee_language.activated.connect(self._change_attendee_language)
        self.counter = QLabel("–")
        self.counter.setObjectName("doorCounter")
        self.counter.setStyleSheet("font-size: 26pt; font-weight: 700; color: #0f766e;")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.counter_caption = QLabel(self.tr("checked in"))
        self.counter_caption.setObjectName("cardLabel")
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(desk_label)
        top.addWidget(self.desk_name)
        top.addSpacing(8)
        top.addWidget(self.entry_rule)
        top.addSpacing(8)
        top.addWidget(self.attendee_language)
        top.addSpacing(16)
        counter_box = QVBoxLayout()
        counter_box.setSpacing(0)
        counter_box.addWidget(self.counter)
        counter_box.addWidget(self.counter_caption, 0, Qt.AlignmentFlag.AlignRight)
        top.addLayout(counter_box)

        self.panel = VerdictPanel()
        self.panel.show_text(idle_text(), now=False)
        self.status_line = QLabel()
        self.status_line.setObjectName("inlineError")
        self.status_line.setWordWrap(True)
        self.status_line.hide()

        # The side column: name search above, camera below.
        self.search = QLineEdit()
        self.search.setObjectName("deskSearch")
        self.search.setPlaceholderText(self.tr("Name, e-mail or company…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.search.installEventFilter(self)
        search_label = QLabel(self.tr("&Find by name"))
        search_label.setObjectName("sectionTitle")
        search_label.setBuddy(self.search)
        self.hits = PeopleHitsModel(self)
        self.hit_list = QListView()
        self.hit_list.setObjectName("deskHits")
        self.hit_list.setModel(self.hits)
        self.hit_list.setUniformItemSizes(True)
        self.hit_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hit_list.activated.connect(self._admit_hit)
        self.hit_list.installEventFilter(self)
        self.search_hint = QLabel()
        self.search_hint.setObjectName("emptyHint")
        self.search_hint.setWordWrap(True)

        camera_label = QLabel(self.tr("&Camera"))
        camera_label.setObjectName("sectionTitle")
        self.camera = CameraPanel(
            self.tr("Start the camera to read badges and e-tickets held up to it."),
            settings=self.context.settings,
            no_camera=self.tr("No camera found: plug in a webcam, or use a USB scanner or the name search."),
        )
        self.camera.scanned.connect(self.scan)
        camera_label.setBuddy(self.camera.choice)

        side = QVBoxLayout()
        side.addWidget(search_label)
        side.addWidget(self.search)
        side.addWidget(self.hit_list, 1)
        side.addWidget(self.search_hint)
        side.addSpacing(8)
        side.addWidget(camera_label)
        side.addWidget(self.camera)
        side_widget = QFrame()
        side_widget.setObjectName("card")
        side_widget.setLayout(side)
        side_widget.setMinimumWidth(300)
        side_widget.setMaximumWidth(380)

        middle = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.panel, 1)
        left.addWidget(self.status_line)
        middle.addLayout(left, 1)
        middle.addWidget(side_widget)

        self.recent = RecentScansModel(self)
        self.recent_view = QTableView()
        self.recent_view.setObjectName("recentScans")
        self.recent_view.setModel(self.recent)
        self.recent_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.recent_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.recent_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recent_view.verticalHeader().hide()
        self.recent_view.setAlternatingRowColors(True)
        self.recent_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        header = self.recent_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 260)
        header.setStretchLastSection(True)
        self.recent_view.verticalHeader().setDefaultSectionSize(24)
        self.recent_view.setFixedHeight(24 * RECENT_SCANS + header.sizeHint().height() + 4)
        follow_selection(self.recent_view, self._update_buttons)
        recent_label = QLabel(self.tr("&Last ten scans at this desk"))
        recent_label.setObjectName("sectionTitle")
        recent_label.setBuddy(self.recent_view)

        self.undo_button = QPushButton(self.tr("Undo check-in…"))
        self.undo_button.clicked.connect(self.undo_selected)
        self.walk_in_button = QPushButton(self.tr("New attendee…"))
        self.walk_in_button.clicked.connect(self.new_walk_in)
        self.kiosk_button = QPushButton(self.tr("Kiosk mode"))
        self.kiosk_button.clicked.connect(self.open_kiosk)
        self.export_button = QPushButton(self.tr("Who is inside…"))
        self.export_button.clicked.connect(self.choose_and_export_inside)
        # Explicit shortcuts rather than mnemonics: they work the same on every platform, and
        # the desk's hands stay on the keyboard (the scanner hangs beside it).
        for button, keys, tip in (
            (self.undo_button, "Ctrl+U", self.tr("Take back the selected check-in, with a reason")),
            (
                self.walk_in_button,
                "Ctrl+Shift+N",
                self.tr("Register someone at the desk, check them in and print their badge"),
            ),
            (
                self.kiosk_button,
                "Ctrl+K",
                self.tr("Full-screen self check-in; leaving it needs the staff PIN"),
            ),
            (
                self.export_button,
                "Ctrl+Shift+E",
                self.tr("The list of people inside, as CSV or PDF, for the fire marshal"),
            ),
        ):
            self.add_shortcut(keys, button.click)
            button.setToolTip(
                f"{tip} ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})"
            )
        self.add_shortcut("Ctrl+F", lambda: self.search.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.add_shortcut("Ctrl+L", lambda: self.recent_view.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.sounds_box = QCheckBox(self.tr("&Sounds"))
        self.sounds_box.setChecked(self.controller.sounds.enabled)
        self.sounds_box.toggled.connect(self.controller.sounds.set_enabled)
        self.print_box = QCheckBox(self.tr("&Print badge on admit"))
        self.print_box.setChecked(bool(self.context.settings.get(PRINT_ON_ADMIT)))
        self.print_box.toggled.connect(lambda on: self.context.settings.set(PRINT_ON_ADMIT, bool(on)))
        buttons = QHBoxLayout()
        for button in (self.undo_button, self.walk_in_button, self.kiosk_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.sounds_box)
        buttons.addWidget(self.print_box)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(recent_label)
        layout.addWidget(self.recent_view)
        layout.addLayout(buttons)

        self.setTabOrder(self.search, self.hit_list)
        self.setTabOrder(self.hit_list, self.recent_view)
        self.setFocusProxy(self.search)
        # The desk says at once whether it has a camera (and which one it will start).
        self.camera.fill_cameras()

    # -- showing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        doc = self.context.require_document()
        desk = self.controller.desk_name

        def read() -> tuple[Any, Any, Any]:
            return (
                door_count(doc=doc),
                recent_scans(doc=doc, desk=desk, limit=RECENT_SCANS),
                scan_log_mark(doc=doc),
            )

        # On a server event the reads go through the door line, behind the scans: the window
        # keeps painting while the network is slow, and the counter never shows a state
        # older than the verdict that preceded it.
        self.controller.on_line(read, self._show_state)

    def _show_state(self, state: object) -> None:
        if state is None or not self.context.has_document:
            return
        count, scans, mark = state  # type: ignore[misc]
        number = self.locale().toString
        self.counter.setText(f"{number(count.checked_in)} / {number(count.registered)}")
        self.counter_caption.setText(self.tr("checked in / registered"))
        selected = self.selected_scan_id()
        self.recent.set_scans(scans)
        for row, scan in enumerate(scans):
            if scan.scan_id == selected:
                self.recent_view.selectRow(row)
        allowed = self.context.summary.reentry_allowed
        self.entry_rule.setCurrentIndex(1 if allowed else 0)
        self._log_mark = mark
        self._update_buttons()
        self._prepare_search()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.kiosk is None:
            self.scanner.attach()
        self._poll.start()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def hideEvent(self, event: QHideEvent) -> None:
        self.scanner.detach()
        self._poll.stop()
        super().hideEvent(event)

    def show_verdict(self, verdict: Verdict) -> None:
        """Paint the verdict now; the rest of the screen catches up after."""
        self.status_line.hide()
        self.panel.show_text(panel_text(verdict, str(self.attendee_language.currentData() or "")))

    def _change_attendee_language(self) -> None:
        self.context.settings.set(ATTENDEE_LANGUAGE, str(self.attendee_language.currentData() or ""))

    # -- scanning -----------------------------------------------------------------------------

    def scan(self, text: str) -> Verdict | None:
        return self.controller.scan(text)

    def _scan_failed(self, message: str) -> None:
        self.panel.show_text(
            PanelText(
                "refused",
                QCoreApplication.translate("CheckInScreen", "NOT RECORDED"),
                detail=message,
            )
        )

    def _scan_kept(self, message: str) -> None:
        self.panel.show_text(
            PanelText(
                "already",
                QCoreApplication.translate("CheckInScreen", "NOT RECORDED YET"),
                detail=message,
            )
        )

    def _waiting_changed(self, waiting: int) -> None:
        if waiting:
            self._kept_count = max(self._kept_count, waiting)
            self.say(
                ngettext(
                    "{n} scan waiting for the server; it is sent when it answers.",
                    "{n} scans waiting for the server; they are sent when it answers.",
                    waiting,
                ),
                problem=True,
            )
            return
        self.say(self.tr("Every scan reached the server."))
        if self.panel.look == "already" and self.panel.text.detail.startswith("The server does not answer"):
            # The warning on the panel is out of date: say what became of the kept scans.
            self.panel.show_text(
                PanelText(
                    "idle",
                    QCoreApplication.translate("CheckInScreen", "SENT"),
                    detail=ngettext(
                        "The scan kept while the server did not answer is recorded; its verdict is "
                        "in the list below.",
                        "The {n} scans kept while the server did not answer are recorded; their "
                        "verdicts are in the list below.",
                        self._kept_count,
                    ),
                )
            )
        self._kept_count = 0

    def _print_failed(self, message: str) -> None:
        self.say(self.tr("The badge did not print: {message}").format(message=message), problem=True)

    def say(self, message: str, *, problem: bool = False) -> None:
        """A line under the panel: a badge that did not print, a list that was written."""
        self.status_line.setStyleSheet("color: #b42318;" if problem else "color: #0b4f4a;")
        self.status_line.setText(message)
        self.status_line.show()

    def _look_for_other_desks(self) -> None:
        doc = self.context.document
        if doc is None or not self.isVisible():
            return

        def read() -> object:
            try:
                return scan_log_mark(doc=doc)
            except Exception:  # a shared database out of reach for a moment: try at the next tick
                return None

        # On a server event through the door line, never on the GUI thread: a stalled link
        # would hold the window for as long as the watchdog waits.
        self.controller.on_line(read, self._compare_log_mark)

    def _compare_log_mark(self, mark: object) -> None:
        if mark is None:
            return
        if self._log_mark is not None and mark != self._log_mark:
            self._log_mark = mark  # type: ignore[assignment]
            self.context.notify(Changes.of(Entity.SCANS, summary=self.tr("Scans at other desks")))

    # -- desk settings ------------------------------------------------------------------------

    def _rename_desk(self) -> None:
        name = self.controller.set_desk_name(self.desk_name.text())
        if self.desk_name.text() != name:
            self.desk_name.setText(name)
        self.refresh_now()

    def _change_entry_rule(self, index: int) -> None:
        allowed = bool(self.entry_rule.itemData(index))
        if allowed == self.context.summary.reentry_allowed:
            return
        changes = set_reentry_allowed(doc=self.context.require_document(), allowed=allowed)
        self.context.notify(changes)

    # -- name search --------------------------------------------------------------------------

    def _prepare_search(self) -> None:
        """Load the people search index off the GUI thread, once per event (a second for 50,000)."""
        if self._index_task is not None:
            return
        doc = self.context.require_document()

        def load(_progress: Progress) -> int:
            return len(people_index(doc))

        self.search_hint.setText(self.tr("Getting the name search ready…"))
        self._index_task = run_in_background(
            load,
            parent=self,
            title=self.tr("Preparing the name search"),
            on_result=lambda _count: self._search_ready(),
            on_error=lambda message: self.search_hint.setText(message),
            show_progress_after_ms=3_600_000,
        )

    @property
    def index_task(self) -> BackgroundTask | None:
        return self._index_task

    def _search_ready(self) -> None:
        self.search_hint.setText(self.tr("↑ ↓ to choose, Enter to check in, Esc to clear."))
        if self.search.text().strip():
            self._search_changed(self.search.text())

    def _search_changed(self, text: str) -> None:
        query = text.strip()
        if not query:
            self.hits.set_hits([])
            return
        if self._index_task is not None and self._index_task.is_running:
            return  # searched when the index is ready
        result = search_people(doc=self.context.require_document(), query=query, limit=SEARCH_LIMIT)
        self.hits.set_hits(result.hits)
        if result.hits:
            self.hit_list.setCurrentIndex(self.hits.index(0, 0))
        more = result.total - len(result.hits)
        if not result.hits:
            self.search_hint.setText(self.tr("Nobody matches “{query}”.").format(query=query))
        elif more > 0:
            self.search_hint.setText(
                self.tr("{more} more; type more of the name.").format(more=self.locale().toString(more))
            )
        else:
            self.search_hint.setText(self.tr("↑ ↓ to choose, Enter to check in, Esc to clear."))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in (self.search, self.hit_list):
            assert isinstance(event, QKeyEvent)
            return self._search_key(event)
        return super().eventFilter(watched, event)

    def _search_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        count = self.hits.rowCount()
        current = self.hit_list.currentIndex().row()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and count:
            step = 1 if key == Qt.Key.Key_Down else -1
            row = min(max(current + step, 0), count - 1)
            self.hit_list.setCurrentIndex(self.hits.index(row, 0))
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if count:
                self._admit_hit(self.hits.index(max(current, 0), 0))
            return True
        if key == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    def _admit_hit(self, index: QModelIndex) -> None:
        attendee_id = index.data(PersonHitRole.ATTENDEE_ID)
        if attendee_id is None:
            return
        verdict = self.controller.admit(int(attendee_id))
        if verdict is not None or self.controller.verdict_follows:  # judged on the door line
            self.search.clear()
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- undo ---------------------------------------------------------------------------------

    def selected_scan_id(self) -> str | None:
        rows = self.recent_view.selectionModel().selectedRows()
        if not rows:
            return None
        scan = rows[0].data(RecentScanRole.SCAN)
        return scan.scan_id if scan is not None else None

    def _undo_target(self) -> tuple[int, str] | None:
        rows = self.recent_view.selectionModel().selectedRows()
        row = rows[0].row() if rows else self.recent.undoable_row()
        scan = self.recent.scan_at(row) if row is not None else None
        if scan is None or scan.attendee_id is None or scan.verdict is not ScanVerdict.ADMITTED:
            return None
        return scan.attendee_id, scan.name

    def _update_buttons(self) -> None:
        target = self._undo_target()
        self.undo_button.setEnabled(target is not None)
        self.undo_button.setToolTip(
            self.tr("Take back the check-in of {name}").format(name=target[1]) if target else ""
        )

    def undo_selected(self) -> UndoCheckInDialog | None:
        target = self._undo_target()
        if target is None:
            return None
        attendee_id, name = target
        dialog = UndoCheckInDialog(name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done() -> None:
            def refused(message: str) -> None:
                show_error(self, message, title=self.tr("Undo check-in"))

            try:
                self.controller.undo(attendee_id, reason=dialog.reason.text(), on_error=refused)
            except EventdeskError as error:
                refused(str(error))

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    # -- walk-ins -----------------------------------------------------------------------------

    def new_walk_in(self) -> WalkInDialog:
        dialog = WalkInDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(lambda: self._save_walk_in(dialog))
        dialog.open()
        return dialog

    def _save_walk_in(self, dialog: WalkInDialog) -> None:
        """Save, check in, print: one step, and the dialog stays open if the person must fix a field.

        On a server event the save goes through the door line like a scan, ahead of the
        admission that follows it, so a slow network never holds the window.
        """
        doc = self.context.require_document()
        try:
            draft = dialog.draft()
        except ValidationError as error:
            dialog.show_problem(error)
            return
        wants_badge = dialog.print_badge.isChecked()

        def admitted(verdict: Verdict) -> None:
            if verdict.admitted and wants_badge and not self.controller.prints_on_admit:
                self.controller.print_badge(verdict.attendee_id or 0)

        def saved(result: object) -> None:
            self.context.notify(result.changes)  # type: ignore[attr-defined]
            dialog.saved()
            self.controller.admit(result.id, how="walk-in", on_verdict=admitted)  # type: ignore[attr-defined]

        def refused(error: BaseException) -> None:
            if isinstance(error, ValidationError):
                dialog.show_problem(error)
            elif isinstance(error, EventdeskError):
                show_error(self, str(error), title=self.tr("Walk-in"))
            else:
                show_error(
                    self,
                    self.tr("The walk-in could not be saved ({error}); try again.").format(error=error),
                    title=self.tr("Walk-in"),
                )

        origin = f"walk-in:{self.controller.desk_name}"
        self.controller.on_line(
            lambda: add_attendee(doc=doc, draft=draft, consent_origin=origin), saved, refused
        )

    # -- kiosk --------------------------------------------------------------------------------

    def open_kiosk(self) -> QWidget:
        from eventdesk.ui.kiosk import KioskWindow, SetPinDialog

        if not has_kiosk_pin(settings=self.context.settings):
            dialog = SetPinDialog(self.context.settings, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(self.open_kiosk)
            dialog.open()
            return dialog
        self.scanner.detach()
        self.kiosk = KioskWindow(self.controller)
        self.kiosk.closed.connect(self._kiosk_closed)
        self.kiosk.start()
        return self.kiosk

    def _kiosk_closed(self) -> None:
        self.kiosk = None
        if self.isVisible():
            self.scanner.attach()
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- who is inside ------------------------------------------------------------------------

    def choose_and_export_inside(self) -> QFileDialog:
        """Opened with `open()`, not the static call: the desk keeps its event loop (and its
        scanner rule for dialogs), and the dialog can be driven from the keyboard in tests."""
        folder = Path(self.context.settings.get(LAST_FOLDER) or Path.home())
        suggestion = folder / self.tr("People inside.pdf")
        dialog = QFileDialog(
            self,
            self.tr("Who is inside"),
            str(suggestion),
            self.tr("PDF to print (*.pdf);;CSV spreadsheet (*.csv)"),
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(str(suggestion))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(path: str) -> None:
            self.context.settings.set(LAST_FOLDER, str(Path(path).parent))
            self.export_inside(Path(path))

        dialog.fileSelected.connect(chosen)
        dialog.open()
        return dialog

    def export_inside(self, path: Path) -> BackgroundTask:
        doc = self.context.require_document()
        return run_in_background(
            lambda _progress: export_people_inside(doc=doc, path=path),
            parent=self,
            title=self.tr("Writing the list of people inside"),
            on_result=self._exported,
        )

    def _exported(self, result: tuple[Path, int]) -> None:
        path, count = result
        self.say(
            ngettext(
                "{n} person inside, written to {path}",
                "{n} people inside, written to {path}",
                count,
                path=path,
            )
        )
