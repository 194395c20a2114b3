"""Event › Privacy dialogs: anonymise (typed confirmation), the export audit, the retention
date, and a person to erase or whose data to export. They only collect and show; the work
is `services.privacy` on the worker."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from eventdesk.services.export_audit import AuditEntry
from eventdesk.services.privacy.anonymise import CONFIRMATION_WORD
from eventdesk.services.privacy.retention import RetentionStatus


class AnonymiseDialog(QDialog):
    """Irreversible: the OK button is enabled only once the word is typed."""

    def __init__(self, retention: RetentionStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("anonymiseDialog")
        self.setWindowTitle(self.tr("Anonymise personal data"))
        text = QLabel(
            self.tr(
                "<p><b>This removes every person's details for good</b>: names, e-mails, phones, "
                "job titles, free text, the scan log's text and the exhibitors' lead notes, also "
                "company contacts. It cannot be undone, and the file is rewritten so that no "
                "removed value stays on disk.</p><p>Kept for next year's report: counts by ticket "
                "type, arrivals per 15 minutes, meetings held and leads per company, the no-show "
                "rate.</p><p>Retention date of this event: {date}.</p>"
                "<p>Type <b>{word}</b> to confirm.</p>"
            ).format(date=f"{retention.retention_local:%d %B %Y}", word=CONFIRMATION_WORD)
        )
        text.setWordWrap(True)
        self.word = QLineEdit()
        self.word.setObjectName("confirmationWord")
        self.word.setPlaceholderText(CONFIRMATION_WORD)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(self.tr("Anonymise"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.ok.setEnabled(False)
        self.ok.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.word.textChanged.connect(lambda t: self.ok.setEnabled(t.strip().upper() == CONFIRMATION_WORD))
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.word)
        layout.addWidget(self.buttons)
        self.resize(520, 0)

    def confirmation(self) -> str:
        return self.word.text()


class AuditDialog(QDialog):
    HEADERS = ("When", "What", "Desk", "People", "For", "File")

    def __init__(self, entries: list[AuditEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditDialog")
        self.setWindowTitle(self.tr("Exports with personal data"))
        intro = QLabel(
            self.tr("Every file that carried personal data out of this event, newest first.")
            if entries
            else self.tr("No export with personal data has been made from this event.")
        )
        self.table = QTableWidget(len(entries), len(self.HEADERS))
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for row, e in enumerate(entries):
            values = (
                f"{e.made_local:%d %b %Y %H:%M}",
                e.kind,
                e.desk,
                f"{e.people:,}",
                e.company,
                e.short_file_name,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 5:
                    item.setToolTip(e.file_name)
                if column == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(860, 420)


class RetentionDialog(QDialog):
    def __init__(self, status: RetentionStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retentionDialog")
        self.setWindowTitle(self.tr("Retention of personal data"))
        default = self.tr(" (the default: 30 days after the event's last day)") if status.is_default else ""
        text = QLabel(
            self.tr(
                "Personal data of this event is kept until the chosen day{default}. From that day "
                "the window reminds you to anonymise it."
            ).format(default=default)
        )
        text.setWordWrap(True)
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("retentionDate")
        self.date_edit.setCalendarPopup(True)
        chosen = status.retention_local.date()
        self.date_edit.setDate(QDate(chosen.year, chosen.month, chosen.day))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.date_edit)
        layout.addWidget(buttons)

    def chosen_date(self) -> date:
        return self.date_edit.date().toPython()  # type: ignore[no-any-return]
