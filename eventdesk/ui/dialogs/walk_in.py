"""A person at the desk without a ticket: register, check in and print their badge in one step.

The dialog only collects and shows; saving is `services.people.edit.add_attendee` (the
same rules as an import or the attendee editor), checking in is the desk's `admit`, and
printing is `ui.printing`. A sentence about a field stands under that field, and the
dialog stays open so the person is not typed twice. Interests are asked too: matchmaking
places nobody without interests or wishes, and a walk-in is the one person nobody can
import them for later.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.enums import TicketType
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.people import AttendeeDraft, InvalidField
from eventdesk.domain.sharing import CONSENT_RULE
from eventdesk.ui.widgets.tag_picker import ROW_HEIGHT, TagPicker


def tr_rule() -> str:
    return QCoreApplication.translate("ConsentRule", CONSENT_RULE)


class WalkInDialog(QDialog):
    """Name, e-mail, organisation, ticket type, interests and consent; `draft()` gives what was typed.

    The accept button emits `submitted` and leaves the dialog open; the desk saves, and
    either calls `saved()` (the dialog closes as accepted) or `show_problem()`.
    """

    submitted = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, print_badge: bool = True, can_print: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("walkInDialog")
        self.setWindowTitle(self.tr("New attendee at the desk"))
        self.setMinimumWidth(620)
        self.given_name = QLineEdit()
        self.family_name = QLineEdit()
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("name@example.org"))
        self.organisation = QLineEdit()
        self.ticket_type = QComboBox()
        for ticket in TicketType:
            self.ticket_type.addItem(self.tr(ticket.label), ticket.value)
        self.interests = TagPicker()
        self.interests.setObjectName("walkInInterests")
        # A few rows that scroll: the desk's dialog must fit a laptop, beside the queue.
        self.interests.setMinimumHeight(ROW_HEIGHT * 5 + 8)
        self.interests.setMaximumHeight(ROW_HEIGHT * 7 + 8)
        self.interests.setToolTip(self.tr("What they want to meet companies about: matchmaking uses these"))
        self.consent = QCheckBox(self.tr("Agrees to share their contact details with exhibitors"))
        self.print_badge = QCheckBox(self.tr("Print the badge"))
        self.print_badge.setChecked(print_badge and can_print)
        self.print_badge.setEnabled(can_print)

        form = QFormLayout()
        self._errors: dict[str, QLabel] = {}
        for field, label, widget in (
            ("given_name", self.tr("&Given name"), self.given_name),
            ("family_name", self.tr("&Family name"), self.family_name),
            ("email", self.tr("&E-mail"), self.email),
            ("organisation", self.tr("&Organisation"), self.organisation),
            ("ticket_type", self.tr("&Ticket type"), self.ticket_type),
        ):
            form.addRow(label, widget)
            error = QLabel()
            error.setObjectName("inlineError")
            error.setWordWrap(True)
            error.hide()
            form.addRow("", error)
            self._errors[field] = error
        interests_label = QLabel(self.tr("&Interests"))
        interests_label.setBuddy(self.interests)
        form.addRow(interests_label, self.interests)
        form.addRow("", self.consent)
        # The one rule of who sees what, in the words the import uses too.
        self.consent_rule = QLabel(tr_rule())
        self.consent_rule.setObjectName("emptyHint")
        self.consent_rule.setWordWrap(True)
        form.addRow("", self.consent_rule)
        self.general_error = QLabel()
        self.general_error.setObjectName("inlineError")
        self.general_error.setWordWrap(True)
        self.general_error.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            self.tr("Save and check in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.submitted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Registers the person, checks them in at this desk and prints their badge."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.print_badge)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.given_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def draft(self) -> AttendeeDraft:
        return AttendeeDraft(
            given_name=self.given_name.text(),
            family_name=self.family_name.text(),
            email=self.email.text().strip() or None,
            organisation=self.organisation.text(),
            ticket_type=str(self.ticket_type.currentData()),
            interests=self.interests.tags(),
            consent_share=self.consent.isChecked(),
        )

    def saved(self) -> None:
        self.accept()

    def show_problem(self, error: ValidationError) -> None:
        """Put the sentence beside the field it is about and move the cursor there."""
        self.clear_problems()
        field = error.field if isinstance(error, InvalidField) else ""
        label = self._errors.get(field, self.general_error)
        label.setText(str(error))
        label.show()
        widget = {
            "given_name": self.given_name,
            "family_name": self.family_name,
            "email": self.email,
            "organisation": self.organisation,
            "ticket_type": self.ticket_type,
        }.get(field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_problems(self) -> None:
        for label in (*self._errors.values(), self.general_error):
            label.clear()
            label.hide()
