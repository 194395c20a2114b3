"""Add or edit one attendee (or a company's staff member), every field, checked as imports are.

Checked by the core while the person types, as `draft_dialog` describes. Saving runs in the
background and is one undoable step (two when ticket codes also changed: the codes are
their own step, as at the door).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.changes import Changes
from eventdesk.domain.enums import AttendeeStatus, Degree, TicketType
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.people import AttendeeDraft
from eventdesk.domain.progress import Progress
from eventdesk.domain.taxonomy import FIELD_LABELS
from eventdesk.i18n import LANGUAGES, language_name
from eventdesk.persistence.document import EventDocument
from eventdesk.services.people.edit import (
    AttendeeDetails,
    add_attendee,
    add_staff,
    check_attendee,
    edit_attendee,
    get_attendee,
    set_codes,
)
from eventdesk.services.people.history import person_history
from eventdesk.services.people.lists import list_company_rows
from eventdesk.ui.context import EventContext
from eventdesk.ui.dialogs.draft_dialog import DraftDialog
from eventdesk.ui.models.attendees import status_label, ticket_label
from eventdesk.ui.widgets.tag_picker import TagPicker

if TYPE_CHECKING:
    from eventdesk.ui.person_privacy import PersonPrivacy


@dataclass(frozen=True)
class SaveOutcome:
    """What a save did; `codes_problem` when the person was saved but a ticket code was not."""

    attendee_id: int
    changes: Changes
    codes_problem: str = ""


class AttendeeDialog(DraftDialog):
    focus_order = ("given_name", "family_name", "email", "phone", "ticket_type", "status", "company_id")

    def __init__(
        self,
        context: EventContext,
        *,
        attendee_id: int | None = None,
        staff_of: int | None = None,
        parent: QWidget | None = None,
        privacy: PersonPrivacy | None = None,
    ) -> None:
        """`privacy`: offer "Erase this person…" and "Export this person's data…" for an
        existing attendee (the attendee list's; the same confirmation as Event › Privacy)."""
        super().__init__(context, parent)
        self.setObjectName("attendeeDialog")
        self.attendee_id = attendee_id
        self.staff_of = staff_of
        self._original_codes: tuple[tuple[str, str], ...] = ()
        doc = context.require_document()
        details = get_attendee(doc=doc, attendee_id=attendee_id) if attendee_id is not None else None
        companies = list_company_rows(doc=doc)

        self.given_edit = self._line(200)
        self.family_edit = self._line(200)
        self.email_edit = self._line(254)
        self.email_edit.setPlaceholderText(self.tr("name@example.org"))
        self.phone_edit = self._line(40)
        self.phone_edit.setPlaceholderText(self.tr("+31 6 12345678, or as written locally"))
        self.organisation_edit = self._line(200)
        self.job_edit = self._line(200)
        self.degree_combo = QComboBox()
        self.degree_combo.addItem(self.tr("Not given"), "")
        for degree in Degree:
            self.degree_combo.addItem(degree.label, degree.value)
        self.field_combo = QComboBox()
        self.field_combo.setEditable(True)
        self.field_combo.addItem("")
        self.field_combo.addItems(list(FIELD_LABELS))
        self.field_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

        self.ticket_combo = QComboBox()
        for ticket in TicketType:
            self.ticket_combo.addItem(ticket_label(ticket.value), ticket.value)
        self.status_combo = QComboBox()
        for status in AttendeeStatus:
            self.status_combo.addItem(status_label(status.value), status.value)
        self.consent_check = QCheckBox(self.tr("Agrees to share contact details with exhibitors"))
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("attendeeLanguage")
        self.language_combo.addItem(self.tr("The event's language"), "")
        for code in LANGUAGES:
            self.language_combo.addItem(language_name(code), code)
        self.language_combo.setToolTip(self.tr("The language of this person's badge and schedule"))
        self.consent_origin_label = QLabel()
        self.consent_origin_label.setObjectName("consentOrigin")
        self.consent_origin_label.setWordWrap(True)
        self.company_combo = QComboBox()
        self.company_combo.addItem(self.tr("No company"), None)
        for company in sorted(companies, key=lambda c: c.name.casefold()):
            self.company_combo.addItem(company.name, company.id)
        self.interests = TagPicker()
        self.codes_table = QTableWidget(0, 2)
        self.codes_table.setObjectName("codesTable")
        self.codes_table.setHorizontalHeaderLabels([self.tr("Platform"), self.tr("Code")])
        self.codes_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.codes_table.verticalHeader().hide()
        self.codes_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.codes_table.setMaximumHeight(120)
        add_code = QPushButton(self.tr("Add code"))
        add_code.clicked.connect(lambda: self._add_code_row())
        remove_code = QPushButton(self.tr("Remove code"))
        remove_code.clicked.connect(self._remove_code_row)

        person = QFormLayout()
        person.addRow(self.tr("&Given name:"), self.errors.wrap("given_name", self.given_edit))
        person.addRow(self.tr("&Family name:"), self.errors.wrap("family_name", self.family_edit))
        person.addRow(self.tr("&E-mail:"), self.errors.wrap("email", self.email_edit))
        person.addRow(self.tr("&Phone:"), self.errors.wrap("phone", self.phone_edit))
        person.addRow(self.tr("&Organisation:"), self.errors.wrap("organisation", self.organisation_edit))
        person.addRow(self.tr("&Job title:"), self.errors.wrap("job_title", self.job_edit))
        person.addRow(self.tr("&Degree:"), self.errors.wrap("degree", self.degree_combo))
        person.addRow(self.tr("Field of &work:"), self.errors.wrap("field_of_work", self.field_combo))
        person_box = QGroupBox(self.tr("Person"))
        person_box.setLayout(person)

        ticket = QFormLayout()
        ticket.addRow(self.tr("&Ticket type:"), self.errors.wrap("ticket_type", self.ticket_combo))
        ticket.addRow(self.tr("&Status:"), self.errors.wrap("status", self.status_combo))
        ticket.addRow("", self.errors.wrap("consent_share", self.consent_check))
        ticket.addRow("", self.consent_origin_label)
        ticket.addRow(self.tr("&Company:"), self.errors.wrap("company_id", self.company_combo))
        ticket.addRow(self.tr("&Language:"), self.errors.wrap("language", self.language_combo))
        code_buttons = QHBoxLayout()
        code_buttons.addWidget(add_code)
        code_buttons.addWidget(remove_code)
        code_buttons.addStretch(1)
        codes = QVBoxLayout()
        codes.addWidget(self.errors.wrap("codes", self.codes_table))
        codes.addLayout(code_buttons)
        codes_label = QLabel(self.tr("Ticket &codes:"))
        codes_label.setBuddy(self.codes_table)
        ticket.addRow(codes_label, codes)
        self.state_label = QLabel()
        self.state_label.setObjectName("emptyHint")
        self.state_label.setWordWrap(True)
        ticket.addRow("", self.state_label)
        ticket_box = QGroupBox(self.tr("Ticket"))
        ticket_box.setLayout(ticket)

        grid = QGridLayout()
        grid.addWidget(person_box, 0, 0)
        grid.addWidget(ticket_box, 0, 1)
        history = self._history_table(doc, attendee_id)
        if history is None:
            interests_box = QGroupBox(self.tr("Interests"))
            QVBoxLayout(interests_box).addWidget(self.interests)
            grid.addWidget(interests_box, 1, 0, 1, 2)
        else:
            # Beside the interests, not below them: the dialog must still fit a 768-pixel screen.
            self.lower_tabs = QTabWidget()
            self.lower_tabs.setObjectName("attendeeTabs")
            self.lower_tabs.addTab(self.interests, self.tr("Interests"))
            self.lower_tabs.addTab(history, self.tr("History ({n})").format(n=history.rowCount()))
            grid.addWidget(self.lower_tabs, 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self._lay_out(grid)
        if privacy is not None and attendee_id is not None:
            self._offer_privacy(privacy, attendee_id)

        self._fill(details)
        self.setMinimumWidth(900)
        for edit in (
            self.given_edit,
            self.family_edit,
            self.email_edit,
            self.phone_edit,
            self.organisation_edit,
            self.job_edit,
        ):
            edit.textEdited.connect(self._edited)
        for combo in (
            self.ticket_combo,
            self.status_combo,
            self.company_combo,
            self.degree_combo,
            self.language_combo,
        ):
            combo.activated.connect(self._edited)

    def _offer_privacy(self, privacy: PersonPrivacy, attendee_id: int) -> None:
        erase = self.buttons.addButton(self.tr("Erase this person…"), QDialogButtonBox.ButtonRole.ActionRole)
        erase.setObjectName("eraseThisPerson")
        export = self.buttons.addButton(
            self.tr("Export this person's data…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        export.setObjectName("exportThisPerson")
        for button in (erase, export):
            button.setAutoDefault(False)  # Enter still saves

        def erase_person() -> None:
            # The dialog goes first: saving its fields after the erasure would bring them back.
            self.reject()
            privacy.confirm_erase(attendee_id)

        erase.clicked.connect(erase_person)
        export.clicked.connect(lambda: privacy.choose_export_target(attendee_id))

    def _history_table(self, doc: EventDocument, attendee_id: int | None) -> QTableWidget | None:
        """The person's edits made at desks and on the hub (`services.people.history`), newest
        first; a value a later edit outvoted is greyed, so nothing two desks typed is hidden.
        Only shown (as a tab beside the interests) for someone with recorded edits: most events
        never have any."""
        entries = person_history(doc=doc, attendee_id=attendee_id) if attendee_id is not None else []
        if not entries:
            return None
        table = QTableWidget(len(entries), 5)
        table.setObjectName("historyTable")
        table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Desk"), self.tr("Field"), self.tr("Change"), self.tr("Outcome")]
        )
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setStretchLastSection(False)
        muted = self.palette().color(self.palette().ColorGroup.Disabled, self.palette().ColorRole.Text)
        for row, entry in enumerate(entries):
            cells = (
                entry.when,
                entry.desk,
                entry.label,
                self.tr("{old} → {new}").format(old=entry.previous, new=entry.value),
                entry.outcome,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if not entry.applied:
                    item.setForeground(muted)
                table.setItem(row, column, item)
        table.setWordWrap(False)
        for column in (0, 1, 2, 4):
            table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.history_table = table
        return table

    def _line(self, length: int) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(length)
        return edit

    # -- content ----------------------------------------------------------------------------

    def _fill(self, details: AttendeeDetails | None) -> None:
        if details is not None:
            draft = details.draft
            self.setWindowTitle(self.tr("Edit {name}").format(name=draft.called))
            self._original_codes = tuple(details.codes)
            state = [
                self.tr("Checked in") if details.checked_in else self.tr("Not checked in"),
                self.tr("badge version {n}").format(n=details.badge_version),
            ]
            self.state_label.setText(" · ".join(state))
            when = f", {details.consent_at:%d %b %Y %H:%M}" if details.consent_at else ""
            self.consent_origin_label.setText(
                self.tr("Consent {origin}{when}").format(origin=details.consent_origin, when=when)
            )
        else:
            draft = AttendeeDraft()
            if self.staff_of is not None:
                draft = AttendeeDraft(ticket_type=TicketType.EXHIBITOR.value, company_id=self.staff_of)
                name = self.company_combo.itemText(max(self.company_combo.findData(self.staff_of), 0))
                self.setWindowTitle(self.tr("Add staff to {company}").format(company=name))
            else:
                self.setWindowTitle(self.tr("Add attendee"))
        self.given_edit.setText(draft.given_name)
        self.family_edit.setText(draft.family_name)
        self.email_edit.setText(draft.email or "")
        self.phone_edit.setText(draft.phone)
        self.organisation_edit.setText(draft.organisation)
        self.job_edit.setText(draft.job_title)
        self._choose(self.degree_combo, draft.degree)
        self.field_combo.setCurrentText(draft.field_of_work)
        self._choose(self.ticket_combo, draft.ticket_type)
        self._choose(self.status_combo, draft.status)
        self.consent_check.setChecked(draft.consent_share)
        self._choose(self.company_combo, draft.company_id)
        self._choose(self.language_combo, draft.language)
        self.interests.set_tags(list(draft.interests))
        for platform, code in self._original_codes:
            self._add_code_row(platform, code)
        if self.staff_of is not None:
            self.ticket_combo.setEnabled(False)
            self.company_combo.setEnabled(False)

    @staticmethod
    def _choose(combo: QComboBox, value: object) -> None:
        found = combo.findData(value)
        if found < 0 and value not in (None, ""):
            combo.addItem(str(value), value)  # a value this version does not know: keep it
            found = combo.count() - 1
        combo.setCurrentIndex(max(found, 0))

    def draft(self) -> AttendeeDraft:
        return AttendeeDraft(
            given_name=self.given_edit.text(),
            family_name=self.family_edit.text(),
            email=self.email_edit.text() or None,
            phone=self.phone_edit.text(),
            organisation=self.organisation_edit.text(),
            job_title=self.job_edit.text(),
            degree=self.degree_combo.currentData() or "",
            field_of_work=self.field_combo.currentText(),
            interests=self.interests.tags(),
            ticket_type=self.ticket_combo.currentData(),
            status=self.status_combo.currentData(),
            consent_share=self.consent_check.isChecked(),
            company_id=self.company_combo.currentData(),
            language=str(self.language_combo.currentData() or ""),
        )

    def codes(self) -> tuple[tuple[str, str], ...]:
        found = []
        for row in range(self.codes_table.rowCount()):
            cells = [self.codes_table.item(row, column) for column in (0, 1)]
            platform, code = ((cell.text().strip() if cell else "") for cell in cells)
            if platform or code:
                found.append((platform or "manual", code))
        return tuple(found)

    def _add_code_row(self, platform: str = "", code: str = "") -> None:
        row = self.codes_table.rowCount()
        self.codes_table.insertRow(row)
        self.codes_table.setItem(row, 0, QTableWidgetItem(platform))
        self.codes_table.setItem(row, 1, QTableWidgetItem(code))
        if not platform:
            self.codes_table.editItem(self.codes_table.item(row, 0))

    def _remove_code_row(self) -> None:
        rows = sorted({index.row() for index in self.codes_table.selectedIndexes()}, reverse=True)
        for row in rows or [self.codes_table.rowCount() - 1]:
            if row >= 0:
                self.codes_table.removeRow(row)

    # -- checking and saving ----------------------------------------------------------------

    def _check_draft(self) -> AttendeeDraft:
        return check_attendee(
            doc=self.context.require_document(), draft=self.draft(), attendee_id=self.attendee_id
        )

    def _save_job(self) -> Callable[[Progress], SaveOutcome]:
        draft, codes = self.draft(), self.codes()
        doc = self.context.require_document()
        attendee_id, staff_of, original = self.attendee_id, self.staff_of, self._original_codes

        def job(_progress: Progress) -> SaveOutcome:
            if attendee_id is None:
                added = (
                    add_staff(doc=doc, company_id=staff_of, draft=draft)
                    if staff_of is not None
                    else add_attendee(doc=doc, draft=draft)
                )
                saved_id, changes = added.id, added.changes
            else:
                saved_id, changes = attendee_id, edit_attendee(doc=doc, attendee_id=attendee_id, draft=draft)
            if sorted(codes) != sorted(original):
                try:
                    changes = changes | set_codes(doc=doc, attendee_id=saved_id, codes=codes)
                except ValidationError as problem:
                    return SaveOutcome(saved_id, changes, str(problem))
            return SaveOutcome(saved_id, changes)

        return job

    def _saved(self, outcome: SaveOutcome) -> None:
        self.save_button.setEnabled(True)
        self.attendee_id = outcome.attendee_id
        if outcome.codes_problem:
            self.errors.show("codes", outcome.codes_problem)
            return
        self.saved.emit(outcome.attendee_id)
        self.accept()
