"""Re-planning after no-shows: what would change, before the person accepts it.

The dialog shows a `ReplanPlan` computed by the core (nothing saved yet): how many
meetings stay, and each one removed, moved or added, with the reason. Accept saves it
(`accepted_plan`); Discard leaves the schedule as it is. After saving, the same dialog can
show the saved changes read-only.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.matchmaking.replan import ChangeKind
from eventdesk.i18n import ngettext
from eventdesk.services.matchmaking.plan import ReplanPlan, ReplanReport
from eventdesk.ui.models.replan_changes import KIND_ROLE, ChangeColumn, ReplanChangesModel
from eventdesk.ui.widgets.tables import fit_headers


class ReplanDialog(QDialog):
    accepted_plan = Signal(object)
    """The `ReplanPlan` the person chose to save."""

    def __init__(
        self,
        report: ReplanReport,
        *,
        plan: ReplanPlan | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("replanDialog")
        self.plan = plan
        saved = plan is None
        self.setWindowTitle(
            self.tr("Re-plan saved") if saved else self.tr("Re-plan with checked-in attendees")
        )
        self.resize(960, 560)

        self.summary = QLabel(self._summary(report, saved=saved))
        self.summary.setObjectName("replanSummary")
        self.summary.setWordWrap(True)
        self.model = ReplanChangesModel(report.changes, self)
        self.shown = QSortFilterProxyModel(self)
        self.shown.setSourceModel(self.model)
        self.shown.setFilterRole(KIND_ROLE)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("replanKind")
        self.kind_combo.addItem(self.tr("All changes ({count})").format(count=len(report.changes)), "")
        for kind, label in (
            (ChangeKind.REMOVED, self.tr("Removed ({count})")),
            (ChangeKind.MOVED, self.tr("Moved ({count})")),
            (ChangeKind.ADDED, self.tr("Added ({count})")),
        ):
            self.kind_combo.addItem(label.format(count=report.count(kind)), kind.value)
        self.kind_combo.currentIndexChanged.connect(self._show_kind)
        self.kind_combo.setVisible(bool(report.changes))
        self.table = QTableView()
        self.table.setObjectName("replanChanges")
        self.table.setModel(self.shown)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in (
            (ChangeColumn.CHANGE, 90),
            (ChangeColumn.ATTENDEE, 200),
            (ChangeColumn.COMPANY, 200),
            (ChangeColumn.BEFORE, 140),
            (ChangeColumn.AFTER, 140),
        ):
            self.table.setColumnWidth(column, width)
        fit_headers(self.table)
        self.table.setVisible(bool(report.changes))

        buttons = QDialogButtonBox()
        if saved:
            buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)
            self.accept_button: QPushButton | None = None
        else:
            self.accept_button = buttons.addButton(
                self.tr("Save the re-plan"), QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.accept_button.setObjectName("primaryAction")
            self.accept_button.setEnabled(bool(report.changes))
            discard = buttons.addButton(self.tr("Discard"), QDialogButtonBox.ButtonRole.RejectRole)
            discard.clicked.connect(self.reject)
            self.accept_button.clicked.connect(self._accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        row.addWidget(self.kind_combo)
        row.addStretch()
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _summary(self, report: ReplanReport, *, saved: bool) -> str:
        counts = {kind: report.count(kind) for kind in ChangeKind}
        figures = self.tr("{checked_in} {kept}; {removed} removed, {moved} moved, {added} added.").format(
            checked_in=ngettext(
                "{n} participant is checked in.", "{n} participants are checked in.", report.checked_in
            ),
            kept=ngettext("{n} meeting stays where it is", "{n} meetings stay where they are", report.kept),
            removed=counts[ChangeKind.REMOVED],
            moved=counts[ChangeKind.MOVED],
            added=counts[ChangeKind.ADDED],
        )
        if saved:
            head = self.tr("Saved as schedule version {version}.").format(version=report.report.version)
            return f"{head} {figures}"
        if not report.changes:
            return self.tr("Nothing would change: everyone with a meeting is checked in. ") + figures
        tail = self.tr(
            "Locked, printed and already started meetings are kept. Nothing is saved until you press "
            "Save the re-plan."
        )
        return f"{figures} {tail}"

    def _show_kind(self) -> None:
        kind = self.kind_combo.currentData() or ""
        self.shown.setFilterFixedString(kind)

    def _accept(self) -> None:
        if self.plan is not None:
            self.accepted_plan.emit(self.plan)
        self.accept()
