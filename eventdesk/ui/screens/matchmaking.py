"""Matchmaking: set up the interview slots, generate the schedule, edit it on a grid,
re-plan after no-shows, tick attendance, and print or export it.

The screen is a controller over the core's matchmaking services: every rule (slots,
capacities, conflicts, fairness) lives there, and every change runs in the background and
comes back as a `Changes` record that reloads the screens that show it. Tabs: Setup,
Result (the figures of the last run), Grid (drag and drop), Attendance (the exhibitors'
ticks).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.matchmaking.model import MeetingStatus
from eventdesk.domain.matchmaking.replan import ChangeKind
from eventdesk.domain.progress import Progress
from eventdesk.i18n import ngettext
from eventdesk.persistence.document import EventDocument
from eventdesk.services.events import event_summary
from eventdesk.services.importing import import_file
from eventdesk.services.importing.report import ImportReport
from eventdesk.services.importing.wishes import MatchmakingImportError
from eventdesk.services.matchmaking.drops import DropRules
from eventdesk.services.matchmaking.edits import (
    delete_meeting,
    move_meeting,
    set_meeting_locked,
    set_meeting_status,
    swap_meetings,
)
from eventdesk.services.matchmaking.overview import SetupOverview, setup_overview
from eventdesk.services.matchmaking.plan import (
    MatchmakingSettings,
    ReplanPlan,
    ReplanReport,
    ScheduleReport,
    apply_replan,
    generate_schedule,
    latest_report,
    matchmaking_settings,
    plan_replan,
    save_settings,
)
from eventdesk.services.matchmaking.view import ScheduleView, schedule_view
from eventdesk.services.people.edit import edit_company, get_company
from eventdesk.services.people.lists import CompanyRow, list_company_rows
from eventdesk.ui.context import EventContext
from eventdesk.ui.dialogs.matchmaking_import import MatchmakingImportDialog
from eventdesk.ui.dialogs.replan_preview import ReplanDialog
from eventdesk.ui.messages import ask
from eventdesk.ui.models.schedule_grid import CellTarget, ScheduleGridFilter, ScheduleGridModel
from eventdesk.ui.schedule_export_actions import Exported, ScheduleExportActions
from eventdesk.ui.screens.base import Screen, screen_heading
from eventdesk.ui.theme import icon
from eventdesk.ui.widgets.attendance import AttendancePanel
from eventdesk.ui.widgets.empty_state import EmptyState
from eventdesk.ui.widgets.matchmaking_setup import MatchmakingSetupPanel
from eventdesk.ui.widgets.notice_bar import NoticeBar
from eventdesk.ui.widgets.schedule_grid import DropIntent, ScheduleCellDelegate, ScheduleGridView
from eventdesk.ui.widgets.schedule_result import ScheduleResultPanel
from eventdesk.ui.worker import BackgroundTask, run_in_background

SHOW_EDIT_PROGRESS_AFTER_MS = 900
IMPORT_FILTER = "Tables (*.csv *.tsv *.txt *.xlsx);;All files (*)"


@dataclass(frozen=True)
class _Loaded:
    settings: MatchmakingSettings
    overview: SetupOverview
    companies: list[CompanyRow]
    view: ScheduleView
    report: ScheduleReport | None
    timezone: str


@dataclass(frozen=True)
class _Done:
    """A finished job's result with the `Changes` the worker hands to every screen."""

    value: Any
    changes: Changes = field(default_factory=lambda: Changes.of(Entity.MEETINGS))


@dataclass(frozen=True)
class _Imported:
    kind: str
    report: ImportReport | None
    refusal: str = ""
    changes: Changes = field(default_factory=Changes)


class MatchmakingScreen(Screen):
    key = "matchmaking"
    title = QT_TRANSLATE_NOOP("Screens", "Matchmaking")
    icon_name = "matchmaking"
    watches = frozenset({Entity.MEETINGS, Entity.ATTENDEES, Entity.COMPANIES, Entity.EVENT})

    loaded = Signal()
    """The screen shows the event's current setup and schedule."""
    edit_finished = Signal()
    """A grid edit, tick or import has finished (saved or refused)."""

    def __init__(self, context: EventContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.data: _Loaded | None = None
        self._load_task: BackgroundTask | None = None
        self._reload_pending = False
        self.last_replan: ReplanReport | None = None
        self.last_refusal = ""
        self._first_load = True

        heading, self.count_label = screen_heading(self.display_title())
        self.generate_button = QPushButton(self.tr("Generate schedule"))
        self.generate_button.setObjectName("primaryAction")
        self.generate_button.clicked.connect(lambda: self.generate())
        self.replan_button = QPushButton(self.tr("Re-plan with checked-in attendees…"))
        self.replan_button.setObjectName("replanButton")
        self.replan_button.setToolTip(
            self.tr(
                "Drop the meetings of people who did not check in and fill their places with people "
                "who did; locked, printed and started meetings stay. You see the changes before saving."
            )
        )
        self.replan_button.clicked.connect(lambda: self.replan())
        self.exports = ScheduleExportActions(context, self)
        self.exports.exported.connect(self._exported)
        self.export_button = QToolButton()
        self.export_button.setObjectName("exportButton")
        self.export_button.setText(self.tr("Print and export"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setMenu(self.exports.menu)
        actions = QHBoxLayout()
        actions.addWidget(self.generate_button)
        actions.addWidget(self.replan_button)
        actions.addWidget(self.export_button)
        actions.addStretch()
        self.notice = NoticeBar()

        self.setup_panel = MatchmakingSetupPanel()
        self.setup_panel.save_requested.connect(lambda: self.save_setup())
        self.setup_panel.tables_edited.connect(self.set_company_tables)
        self.setup_panel.import_wishes_requested.connect(lambda: self.choose_import("wishes"))
        self.setup_panel.import_availability_requested.connect(lambda: self.choose_import("availability"))
        self.result_panel = ScheduleResultPanel()
        self.attendance_panel = AttendancePanel()
        self.attendance_panel.model.status_requested.connect(self.set_status)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("matchmakingTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.setup_panel, self.tr("Setup"))
        self.tabs.addTab(self.result_panel, self.tr("Result"))
        self.grid_page = self._grid_page()
        self.tabs.addTab(self.grid_page, self.tr("Grid"))
        self.tabs.addTab(self.attendance_panel, self.tr("Attendance"))

        main = QWidget()
        column = QVBoxLayout(main)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addLayout(actions)
        column.addWidget(self.notice)
        column.addWidget(self.tabs, 1)

        self.empty_state = EmptyState(icon(self.icon_name))
        self.empty_state.action_triggered.connect(lambda: self.navigate.emit("companies"))
        self.pages = QStackedWidget()
        self.pages.addWidget(main)
        self.pages.addWidget(self.empty_state)
        self.loading_label = QLabel(self.tr("Loading the schedule…"))
        self.loading_label.setObjectName("emptyBody")
        self.pages.addWidget(self.loading_label)
        self.pages.setCurrentWidget(self.loading_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(self.pages, 1)

    def _grid_page(self) -> QWidget:
        self.grid_model = ScheduleGridModel(self)
        self.grid_filter = ScheduleGridFilter(self)
        self.grid_filter.setSourceModel(self.grid_model)
        self.grid = ScheduleGridView()
        self.grid.setModel(self.grid_filter)
        self.grid.setItemDelegate(ScheduleCellDelegate(self.grid_filter, self.grid))
        self.grid_model.move_requested.connect(self.move)
        self.grid_model.swap_requested.connect(self.swap)
        self.grid.lock_requested.connect(self.set_locked)
        self.grid.delete_requested.connect(self.delete)
        self.grid.status_requested.connect(self.set_status)
        self.grid.hint_changed.connect(self._show_hint)
        self.grid.drop_refused.connect(self._show_refusal)
        self.grid.person_filter_requested.connect(lambda name: self.search_edit.setText(name))

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("quickFilter")
        self.search_edit.setPlaceholderText(self.tr("Find a company, booth or attendee…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(320)
        self.search_edit.setMaximumWidth(420)
        self.search_edit.textChanged.connect(self._search)
        self.grid_count = QLabel()
        self.grid_count.setObjectName("countLabel")
        legend = QLabel(
            self.tr(
                "Drag a meeting to a free table to move it, onto another meeting to swap them. "
                "Right-click to lock, delete or tick; Ctrl+Z undoes."
            )
        )
        legend.setObjectName("countLabel")
        legend.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.search_edit)
        top.addSpacing(12)
        top.addWidget(self.grid_count, 1)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("dragHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setMinimumHeight(self.hint_label.fontMetrics().height() * 2 + 4)

        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 4, 0, 0)
        column.addLayout(top)
        column.addWidget(legend)
        column.addWidget(self.grid, 1)
        column.addWidget(self.hint_label)
        return page

    # -- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        if self._load_task is not None and self._load_task.is_running:
            self._reload_pending = True
            return
        doc = self.context.require_document()

        def job(_progress: Progress) -> _Loaded:
            view = schedule_view(doc=doc)
            return _Loaded(
                settings=matchmaking_settings(doc=doc),
                overview=setup_overview(doc=doc),
                companies=list_company_rows(doc=doc),
                view=view,
                report=latest_report(doc=doc),
                timezone=view.timezone or event_summary(doc=doc).timezone,
            )

        self._load_task = run_in_background(
            job,
            parent=self,
            title=self.tr("Loading the schedule"),
            on_result=self._apply,
            show_progress_after_ms=1500,
        )
        self._load_task.finished.connect(self._load_finished)

    def _load_finished(self) -> None:
        self._load_task = None
        if self._reload_pending:
            self._reload_pending = False
            self.refresh()

    def _apply(self, data: _Loaded) -> None:
        self.data = data
        overview = data.overview
        if overview.companies_with_tables == 0 or (overview.participants == 0 and not data.view.meetings):
            self._show_empty(overview)
            self.loaded.emit()
            return
        self.pages.setCurrentIndex(0)
        if self.setup_panel.is_dirty:
            self.setup_panel.set_companies(data.companies)
        else:
            self.setup_panel.load(data.settings, overview, data.companies)
        self.result_panel.show_report(data.report, timezone=data.timezone)
        self._show_grid(data.view)
        self.attendance_panel.set_schedule(data.view)
        has_schedule = bool(data.view.meetings)
        if self._first_load:
            # An event with a schedule opens on its grid; one without, on the setup.
            self._first_load = False
            self.tabs.setCurrentWidget(self.grid_page if has_schedule else self.setup_panel)
        self.replan_button.setEnabled(has_schedule)
        self.export_button.setEnabled(has_schedule)
        if has_schedule:
            self.count_label.setText(
                ngettext(
                    "Version {version} · {n} meeting",
                    "Version {version} · {n} meetings",
                    len(data.view.meetings),
                    version=data.view.version,
                )
            )
        else:
            self.count_label.setText(
                " · ".join(
                    (
                        ngettext("{n} participant", "{n} participants", overview.participants),
                        ngettext("{n} company", "{n} companies", overview.companies_with_tables),
                        self.tr("no schedule yet"),
                    )
                )
            )
        self.loaded.emit()

    def _show_empty(self, overview: SetupOverview) -> None:
        self.pages.setCurrentWidget(self.empty_state)
        self.count_label.setText("")
        body = self.tr(
            "Plan short 1:1 interviews between job seekers and companies in fixed slots: the best "
            "schedule the tables allow, fair to everyone, with a PDF per person, per company and a "
            "master grid."
        )
        if overview.companies_with_tables == 0:
            self.empty_state.set_text(
                headline=self.tr("Matchmaking needs companies with meeting tables"),
                body=body,
                hint=self.tr("Add the exhibiting companies and how many meeting tables each one has."),
            )
            self.empty_state.set_action(self.tr("Go to Companies"))
            self.empty_state.action_triggered.disconnect()
            self.empty_state.action_triggered.connect(lambda: self.navigate.emit("companies"))
        else:
            self.empty_state.set_text(
                headline=self.tr("Matchmaking needs visitors with interests"),
                body=body,
                hint=self.tr(
                    "Registered visitors take part when they gave interests or have imported wishes; "
                    "import your attendee list first."
                ),
            )
            self.empty_state.set_action(self.tr("Go to Attendees"))
            self.empty_state.action_triggered.disconnect()
            self.empty_state.action_triggered.connect(lambda: self.navigate.emit("attendees"))

    def _show_grid(self, view: ScheduleView) -> None:
        current = self.grid.current_meeting()
        h, v = self.grid.horizontalScrollBar().value(), self.grid.verticalScrollBar().value()
        overview = self.data.overview if self.data else None
        unavailable = {
            r.id: r.slots_missed for r in (overview.restrictions if overview else ()) if r.kind == "company"
        }
        self.grid_model.set_view(view, unavailable)
        self.grid.set_conflict_source(self._conflict_source(self.context.require_document()))
        if current is not None:
            self.grid.select_meeting(current.id)
        self.grid.horizontalScrollBar().setValue(h)
        self.grid.verticalScrollBar().setValue(v)
        self._update_grid_count()

    def _update_grid_count(self) -> None:
        view = self.grid_model.schedule
        if view is None:
            self.grid_count.setText("")
            return
        tables = self.grid_filter.rowCount()
        text = " · ".join(
            (
                ngettext("{n} meeting", "{n} meetings", len(view.meetings)),
                ngettext(
                    "{n} table × {slots}",
                    "{n} tables × {slots}",
                    self.grid_model.rowCount(),
                    slots=ngettext("{n} slot", "{n} slots", len(view.slots)),
                ),
            )
        )
        if self.grid_filter.quick_filter:
            text += " · " + ngettext("{n} table shown", "{n} tables shown", tables)
        self.grid_count.setText(text)

    def _search(self, text: str) -> None:
        self.grid_filter.set_quick_filter(text)
        self.grid.viewport().update()
        self._update_grid_count()

    @staticmethod
    def _conflict_source(doc: EventDocument) -> Any:
        """Answers for one version of the schedule: the rules are read on the first question
        (on the checking thread, which asks one question at a time) and kept for the rest."""
        rules: list[DropRules] = []

        def ask_core(intent: DropIntent) -> str | None:
            if not rules:
                rules.append(DropRules.load(doc=doc))
            if intent.other is None:
                return rules[0].move_conflict(
                    meeting_id=intent.meeting.id,
                    slot=intent.target.slot,
                    table=intent.target.table,
                    company_id=intent.target.company_id,
                )
            return rules[0].swap_conflict(first_id=intent.meeting.id, second_id=intent.other.id)

        return ask_core

    # -- hints and notices ------------------------------------------------------------------

    def _show_hint(self, text: str, refused: bool) -> None:
        self.hint_label.setProperty("refused", refused)
        self.hint_label.style().unpolish(self.hint_label)
        self.hint_label.style().polish(self.hint_label)
        self.hint_label.setText(text)

    def _show_refusal(self, reason: str) -> None:
        self.last_refusal = reason
        self._show_hint(reason, True)
        self.notice.show_message(self.tr("Not changed: {reason}").format(reason=reason), warning=True)

    # -- setup ------------------------------------------------------------------------------

    def save_setup(self) -> BackgroundTask:
        doc = self.context.require_document()
        settings = self.setup_panel.settings()

        def job(_progress: Progress) -> Changes:
            return save_settings(doc=doc, settings=settings)

        def saved(_changes: Changes) -> None:
            self.setup_panel.mark_saved()
            self.notice.show_message(self.tr("Setup saved."))

        return run_in_background(
            job,
            parent=self,
            title=self.tr("Saving the setup"),
            context=self.context,
            on_result=saved,
            on_error=lambda message: self.notice.show_message(message, warning=True),
        )

    def set_company_tables(self, company_id: int, tables: int) -> BackgroundTask:
        doc = self.context.require_document()

        def job(_progress: Progress) -> Changes:
            details = get_company(doc=doc, company_id=company_id)
            return edit_company(
                doc=doc, company_id=company_id, draft=replace(details.draft, meeting_tables=tables)
            )

        return self._run_edit(job, self.tr("Saving the tables"))

    # -- generating -------------------------------------------------------------------------

    def generate(self, *, confirm: bool = True) -> BackgroundTask | None:
        view = self.grid_model.schedule
        if confirm and view is not None and view.meetings:
            locked = sum(1 for m in view.meetings if m.locked)
            ask(
                self,
                ngettext(
                    "Replace schedule version {version} ({n} meeting) with a new one?",
                    "Replace schedule version {version} ({n} meetings) with a new one?",
                    len(view.meetings),
                    version=view.version,
                ),
                (
                    ngettext(
                        "The locked meeting stays where it is; every other meeting, including moves "
                        "made by hand, is planned anew.",
                        "{n} locked meetings stay where they are; every other meeting, including "
                        "moves made by hand, is planned anew.",
                        locked,
                    )
                    if locked
                    else self.tr("Every meeting, including moves made by hand, is planned anew.")
                ),
                accept_text=self.tr("Generate a new schedule"),
                reject_text=self.tr("Keep the current one"),
                on_accept=lambda: self.generate(confirm=False),
                title=self.tr("Generate schedule"),
            )
            return None
        doc = self.context.require_document()
        settings = self.setup_panel.settings()
        dirty = self.setup_panel.is_dirty

        def job(progress: Progress) -> _Done:
            if dirty:
                save_settings(doc=doc, settings=settings)
            progress.report(0, 0, "Reading the event")
            return _Done(generate_schedule(doc=doc, progress=progress))

        self.generate_button.setEnabled(False)
        task = run_in_background(
            job,
            parent=self,
            title=self.tr("Generating the schedule"),
            context=self.context,
            on_result=self._generated,
            show_progress_after_ms=200,
        )
        task.finished.connect(lambda: self.generate_button.setEnabled(True))
        return task

    def _generated(self, done: _Done) -> None:
        report: ScheduleReport = done.value
        self.setup_panel.mark_saved()
        self.tabs.setCurrentWidget(self.result_panel)
        # The Result's own terms: meetings, who has one, the score against the best possible.
        number = self.locale().toString
        best = report.best_possible_score
        self.notice.show_message(
            self.tr(
                "Schedule version {version}: {meetings}; people with a meeting: {people} of {participants}; "
                "total score {score} of a best possible {best}."
            ).format(
                version=report.version,
                meetings=ngettext("{n} meeting", "{n} meetings", report.meetings),
                people=number(report.people_with_meetings),
                participants=number(report.participants),
                score=number(report.total_score, "f", 2),
                best="—" if best is None else number(best, "f", 2),
            )
        )

    # -- re-planning ------------------------------------------------------------------------

    def replan(self) -> BackgroundTask:
        doc = self.context.require_document()
        return run_in_background(
            lambda progress: plan_replan(doc=doc, progress=progress),
            parent=self,
            title=self.tr("Re-planning with checked-in attendees"),
            on_result=self._show_plan,
            show_progress_after_ms=200,
        )

    def _show_plan(self, plan: ReplanPlan) -> ReplanDialog:
        dialog = ReplanDialog(plan.preview, plan=plan, parent=self)
        dialog.accepted_plan.connect(self.accept_replan)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.replan_dialog = dialog
        return dialog

    def accept_replan(self, plan: ReplanPlan) -> BackgroundTask:
        doc = self.context.require_document()
        return run_in_background(
            lambda _progress: _Done(apply_replan(doc=doc, plan=plan)),
            parent=self,
            title=self.tr("Saving the re-plan"),
            context=self.context,
            on_result=self._replanned,
        )

    def _replanned(self, done: _Done) -> None:
        report: ReplanReport = done.value
        self.last_replan = report
        self.notice.show_message(
            self.tr(
                "Re-plan saved as version {version}: {removed} removed, {moved} moved, {added} added."
            ).format(
                version=report.report.version,
                removed=report.count(ChangeKind.REMOVED),
                moved=report.count(ChangeKind.MOVED),
                added=report.count(ChangeKind.ADDED),
            ),
            on_changes=self.show_last_replan,
        )

    def show_last_replan(self) -> ReplanDialog | None:
        if self.last_replan is None:
            return None
        dialog = ReplanDialog(self.last_replan, parent=self)
        dialog.open()
        self.replan_dialog = dialog
        return dialog

    # -- grid edits -------------------------------------------------------------------------

    def _run_edit(self, job: Any, title: str) -> BackgroundTask:
        task = run_in_background(
            job,
            parent=self,
            title=title,
            context=self.context,
            on_error=self._show_refusal,
            show_progress_after_ms=SHOW_EDIT_PROGRESS_AFTER_MS,
        )
        task.succeeded.connect(lambda result: self._edited(result))
        task.finished.connect(self.edit_finished)
        return task

    def _edited(self, result: object) -> None:
        changes = result if isinstance(result, Changes) else getattr(result, "changes", None)
        self.last_refusal = ""
        if isinstance(changes, Changes) and changes.summary:
            self._show_hint(changes.summary, False)

    def move(self, meeting_id: int, target: CellTarget) -> BackgroundTask:
        doc = self.context.require_document()
        return self._run_edit(
            lambda _p: move_meeting(
                doc=doc,
                meeting_id=meeting_id,
                slot=target.slot,
                table=target.table,
                company_id=target.company_id,
            ),
            self.tr("Moving the meeting"),
        )

    def swap(self, first_id: int, second_id: int) -> BackgroundTask:
        doc = self.context.require_document()
        return self._run_edit(
            lambda _p: swap_meetings(doc=doc, first_id=first_id, second_id=second_id),
            self.tr("Swapping the meetings"),
        )

    def set_locked(self, meeting_id: int, locked: bool) -> BackgroundTask:
        doc = self.context.require_document()
        return self._run_edit(
            lambda _p: set_meeting_locked(doc=doc, meeting_id=meeting_id, locked=locked),
            self.tr("Locking the meeting") if locked else self.tr("Unlocking the meeting"),
        )

    def delete(self, meeting_id: int) -> BackgroundTask:
        doc = self.context.require_document()
        return self._run_edit(
            lambda _p: delete_meeting(doc=doc, meeting_id=meeting_id), self.tr("Deleting the meeting")
        )

    def set_status(self, meeting_id: int, status: MeetingStatus) -> BackgroundTask:
        doc = self.context.require_document()
        return self._run_edit(
            lambda _p: set_meeting_status(doc=doc, meeting_id=meeting_id, status=MeetingStatus(status)),
            self.tr("Saving the tick"),
        )

    # -- imports ----------------------------------------------------------------------------

    def choose_import(self, kind: str) -> None:
        title = self.tr("Import wishes") if kind == "wishes" else self.tr("Import availability")
        chosen, _ = QFileDialog.getOpenFileName(self, title, str(Path.home()), self.tr(IMPORT_FILTER))
        if chosen:
            self.import_from(kind, Path(chosen))

    def import_from(self, kind: str, path: Path) -> BackgroundTask:
        doc = self.context.require_document()

        def job(progress: Progress) -> _Imported:
            try:
                outcome = import_file(doc=doc, path=path, kind=kind, progress=progress)
            except MatchmakingImportError as refused:
                return _Imported(kind, refused.report, str(refused))
            return _Imported(kind, outcome.report, changes=outcome.changes | Changes.of(Entity.MEETINGS))

        task = run_in_background(
            job,
            parent=self,
            title=self.tr("Importing wishes") if kind == "wishes" else self.tr("Importing availability"),
            context=self.context,
            on_result=self._imported,
            on_error=lambda message: self._imported(_Imported(kind, None, message)),
        )
        task.finished.connect(self.edit_finished)
        return task

    def _imported(self, result: _Imported) -> MatchmakingImportDialog:
        if result.refusal:
            title = (
                self.tr("Wishes not imported")
                if result.kind == "wishes"
                else self.tr("Availability not imported")
            )
        else:
            title = (
                self.tr("Wishes imported") if result.kind == "wishes" else self.tr("Availability imported")
            )
        dialog = MatchmakingImportDialog(result.report, title=title, refusal=result.refusal, parent=self)
        dialog.setObjectName("matchmakingImportReport")
        dialog.open()
        self.import_dialog = dialog
        return dialog

    # -- exports ----------------------------------------------------------------------------

    def export_to(self, key: str, target: Path) -> BackgroundTask:
        return self.exports.export_to(key, target)

    def _exported(self, result: Exported) -> None:
        self.notice.show_message(
            self.tr("Wrote {what} to {path}.").format(what=result.text, path=result.path), target=result.path
        )
