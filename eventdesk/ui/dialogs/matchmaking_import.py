"""What a wishes or availability import did, row by row — or why the file was refused.

These imports are all or nothing: one unknown person or company refuses the whole file,
and every rejected row is listed with its line and column so the organiser can fix the
file. The report can be saved as a spreadsheet to work through.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.errors import EventdeskError
from eventdesk.i18n import ngettext
from eventdesk.i18n.values import Count
from eventdesk.services.importing import ImportReport
from eventdesk.ui.messages import show_error
from eventdesk.ui.models.import_models import ReportColumn, ReportEntryModel


class MatchmakingImportDialog(QDialog):
    def __init__(
        self,
        report: ImportReport | None,
        *,
        title: str,
        refusal: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("matchmakingImportReport")
        self.setWindowTitle(title)
        self.resize(820, 480)
        self.report = report
        self.headline = QLabel(refusal or title)
        self.headline.setObjectName("inlineError" if refusal else "sectionTitle")
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        if refusal and report is not None:
            self.detail.setText(
                ngettext(
                    "Nothing was imported. {rejected} of {n} row was rejected:",
                    "Nothing was imported. {rejected} of {n} rows were rejected:",
                    report.rows_read,
                    rejected=Count(report.rejected),
                )
            )
        elif report is not None:
            self.detail.setText(report.summary)
        self.detail.setVisible(bool(self.detail.text()))
        self.model = ReportEntryModel(report.sorted_entries() if report else (), self)
        self.table = QTableView()
        self.table.setObjectName("importEntries")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in (
            (ReportColumn.LINE, 70),
            (ReportColumn.OUTCOME, 100),
            (ReportColumn.COLUMN, 110),
        ):
            self.table.setColumnWidth(column, width)
        self.table.setVisible(self.model.rowCount() > 0)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.addButton(self.tr("Save report…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setEnabled(report is not None and bool(report.entries))
        self.save_button.clicked.connect(self._choose_and_save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        layout.addWidget(self.table, 1)
        if self.model.rowCount() == 0:
            layout.addStretch(1)
            self.resize(560, 180)
        layout.addWidget(buttons)

    def _choose_and_save(self) -> None:
        if self.report is None:
            return
        suggestion = Path(self.report.file).with_suffix("").name + " report.xlsx"
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the import report"), suggestion, self.tr("Spreadsheets (*.xlsx *.csv)")
        )
        if chosen:
            self.save_report(Path(chosen))

    def save_report(self, path: Path) -> Path | None:
        assert self.report is not None
        try:
            return self.report.write_csv(path)
        except EventdeskError as error:
            show_error(self, str(error))
        except OSError as error:
            show_error(
                self, self.tr("{path} cannot be written: {reason}.").format(path=path, reason=error.strerror)
            )
        return None
