"""The row of choices above the attendee list: ticket type, status, checked in, company."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QPushButton, QWidget

from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.services.people.lists import CompanyRow
from eventdesk.ui.models.attendee_filter import NO_COMPANY, AttendeeFilter
from eventdesk.ui.models.attendees import status_label, ticket_label

_ANY = None


class AttendeeFilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendeeFilterBar")
        self.ticket_combo = self._combo(
            "ticketFilter",
            [(self.tr("All ticket types"), _ANY)] + [(ticket_label(t.value), t.value) for t in TicketType],
        )
        self.status_combo = self._combo(
            "statusFilter",
            [(self.tr("Any status"), _ANY)] + [(status_label(s.value), s.value) for s in AttendeeStatus],
        )
        self.checked_in_combo = self._combo(
            "checkedInFilter",
            [
                (self.tr("Checked in or not"), _ANY),
                (self.tr("Checked in"), True),
                (self.tr("Not checked in"), False),
            ],
        )
        self.company_combo = self._combo("companyFilter", [])
        self.company_combo.setEditable(True)
        self.company_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.company_combo.setMinimumContentsLength(18)
        completer = self.company_combo.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.set_companies([])
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.clicked.connect(self.clear)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for widget in (self.ticket_combo, self.status_combo, self.checked_in_combo, self.company_combo):
            layout.addWidget(widget)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self._update_clear()

    def _combo(self, name: str, items: Sequence[tuple[str, object]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for text, value in items:
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(self._changed)
        return combo

    def set_companies(self, companies: Sequence[CompanyRow]) -> None:
        """Offer these companies, keeping the one chosen if it still exists."""
        chosen = self.company_combo.currentData()
        self.company_combo.blockSignals(True)
        self.company_combo.clear()
        self.company_combo.addItem(self.tr("Any company"), _ANY)
        self.company_combo.addItem(self.tr("No company"), NO_COMPANY)
        for company in sorted(companies, key=lambda c: c.name.casefold()):
            self.company_combo.addItem(company.name, company.id)
        found = self.company_combo.findData(chosen)
        self.company_combo.setCurrentIndex(max(found, 0))
        self.company_combo.blockSignals(False)
        if found < 0 and chosen is not None:
            self._changed()

    def choices(self) -> AttendeeFilter:
        return AttendeeFilter(
            ticket_type=self.ticket_combo.currentData(),
            status=self.status_combo.currentData(),
            checked_in=self.checked_in_combo.currentData(),
            company_id=self.company_combo.currentData(),
        )

    def choose(
        self,
        *,
        ticket_type: str | None = None,
        status: str | None = None,
        checked_in: bool | None = None,
        company_id: int | None = None,
    ) -> None:
        """Set every choice at once (one `changed`), as a saved view or a test would."""
        self.blockSignals(True)
        for combo, value in (
            (self.ticket_combo, ticket_type),
            (self.status_combo, status),
            (self.checked_in_combo, checked_in),
            (self.company_combo, company_id),
        ):
            combo.setCurrentIndex(max(combo.findData(value), 0))
        self.blockSignals(False)
        self._changed()

    def clear(self) -> None:
        self.choose()

    def _changed(self, *_: object) -> None:
        self._update_clear()
        if not self.signalsBlocked():
            self.changed.emit()

    def _update_clear(self) -> None:
        self.clear_button.setEnabled(self.choices().has_choices)
