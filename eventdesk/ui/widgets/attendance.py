"""The exhibitors' tick list: pick a company, tick each meeting attended or no-show.

It mirrors the printed per-company list (tick boxes attended / no-show), for the desk
that types the ticks in after the interviews. An attended meeting makes the person the
company's lead (the core does that with the tick).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.text import fold
from eventdesk.i18n import ngettext
from eventdesk.services.matchmaking.view import ScheduleView
from eventdesk.ui.models.attendance import AttendanceColumn, AttendanceModel


class AttendancePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendancePanel")
        self.model = AttendanceModel(self)
        self._view: ScheduleView | None = None
        self.company_combo = QComboBox()
        self.company_combo.setObjectName("attendanceCompany")
        self.company_combo.setEditable(True)
        self.company_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.company_combo.setMinimumWidth(320)
        completer = self.company_combo.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(completer.CompletionMode.PopupCompletion)
        self.company_combo.currentIndexChanged.connect(self._show_company)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countLabel")
        self.table = QTableView()
        self.table.setObjectName("attendanceTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        for column, width in (
            (AttendanceColumn.TIME, 120),
            (AttendanceColumn.TABLE, 60),
            (AttendanceColumn.ATTENDEE, 300),
            (AttendanceColumn.ATTENDED, 100),
            (AttendanceColumn.NO_SHOW, 100),
        ):
            self.table.setColumnWidth(column, width)
        self.model.dataChanged.connect(lambda *_: self._update_counts())
        self.model.modelReset.connect(self._update_counts)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Company")))
        top.addWidget(self.company_combo)
        top.addSpacing(12)
        top.addWidget(self.counts_label, 1)
        hint = QLabel(
            self.tr(
                "Tick what each company reports from its printed list. An attended meeting adds the "
                "person to the company's leads."
            )
        )
        hint.setObjectName("countLabel")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)

    def set_schedule(self, view: ScheduleView | None) -> None:
        self._view = view
        chosen = self.company_combo.currentData()
        self.company_combo.blockSignals(True)
        self.company_combo.clear()
        if view is not None:
            with_meetings = {m.company_id for m in view.meetings}
            companies = sorted(
                (c for c in view.companies.values() if c.id in with_meetings), key=lambda c: fold(c.name)
            )
            for company in companies:
                label = f"{company.name} ({company.booth})" if company.booth else company.name
                self.company_combo.addItem(label, company.id)
        index = self.company_combo.findData(chosen) if chosen is not None else -1
        self.company_combo.setCurrentIndex(index if index >= 0 else (0 if self.company_combo.count() else -1))
        self.company_combo.blockSignals(False)
        self._show_company()

    def select_company(self, company_id: int) -> bool:
        index = self.company_combo.findData(company_id)
        if index < 0:
            return False
        self.company_combo.setCurrentIndex(index)
        return True

    def _show_company(self, *_args: object) -> None:
        company_id = self.company_combo.currentData()
        if self._view is None or company_id is None:
            self.model.set_meetings([], [])
            return
        self.model.set_meetings(
            (m for m in self._view.meetings if m.company_id == company_id), self._view.slots
        )

    def _update_counts(self) -> None:
        meetings, attended, no_show = self.model.counts()
        self.counts_label.setText(
            self.tr("{meetings} · {attended} attended · {no_show} no-show · {open} not ticked").format(
                meetings=ngettext("{n} meeting", "{n} meetings", meetings),
                attended=attended,
                no_show=no_show,
                open=meetings - attended - no_show,
            )
        )
