"""The banner across the open event from its retention date until it is anonymised.

GDPR Art. 5(1)(e): personal data no longer than needed. The date is the event's (Event ›
Privacy › Retention date…); the banner says so in one sentence and offers the way out.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from eventdesk.domain.changes import Changes, Entity
from eventdesk.ui.context import EventContext


class RetentionBanner(QFrame):
    anonymise_requested = Signal()

    def __init__(self, context: EventContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retentionBanner")
        self.context = context
        self.label = QLabel()
        self.label.setObjectName("retentionText")
        self.label.setWordWrap(True)
        self.button = QPushButton(self.tr("Anonymise…"))
        self.button.setObjectName("retentionAnonymise")
        self.button.clicked.connect(self._anonymise)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 14, 8)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        context.changed.connect(self._changed)
        self.refresh()

    def _changed(self, changes: Changes) -> None:
        if changes.touches(Entity.EVENT):
            self.refresh()

    def refresh(self) -> None:
        document = self.context.document
        if document is None or self.context.is_kit:
            self.hide()
            return
        from eventdesk.services.privacy.retention import retention_status

        status = retention_status(doc=document)
        self.label.setText(
            self.tr(
                "This event keeps personal data until {date}; that date has passed. Anonymise it "
                "(Event › Privacy › Anonymise personal data…) to keep only the figures."
            ).format(date=f"{status.retention_local:%d %B %Y}")
        )
        self.setVisible(status.overdue)

    def _anonymise(self) -> None:
        window = self.window()
        actions = getattr(window, "privacy_actions", None)
        if actions is not None:
            actions.open_anonymise()
        self.anonymise_requested.emit()
