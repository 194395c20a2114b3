"""Add or edit one exhibiting company, checked by the core as imports are (see draft_dialog)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from eventdesk.domain.people import CompanyDraft
from eventdesk.domain.progress import Progress
from eventdesk.domain.taxonomy import SECTORS
from eventdesk.services.people.edit import Saved, add_company, check_company, edit_company, get_company
from eventdesk.ui.context import EventContext
from eventdesk.ui.dialogs.draft_dialog import DraftDialog
from eventdesk.ui.widgets.tag_picker import TagPicker


class CompanyDialog(DraftDialog):
    focus_order = ("name", "sector", "booth", "meeting_tables", "website", "contact_email", "contact_phone")

    def __init__(
        self, context: EventContext, *, company_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent)
        self.setObjectName("companyDialog")
        self.company_id = company_id
        doc = context.require_document()
        details = get_company(doc=doc, company_id=company_id) if company_id is not None else None

        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        self.sector_combo = QComboBox()
        self.sector_combo.addItem(self.tr("Not given"), "")
        for sector in SECTORS:
            self.sector_combo.addItem(sector.label, sector.key)
        self.booth_edit = QLineEdit()
        self.booth_edit.setMaxLength(20)
        self.tables_spin = QSpinBox()
        self.tables_spin.setRange(0, 100)
        self.tables_spin.setToolTip(self.tr("Tables for 1:1 interviews during matchmaking"))
        self.website_edit = QLineEdit()
        self.contact_name_edit = QLineEdit()
        self.contact_email_edit = QLineEdit()
        self.contact_phone_edit = QLineEdit()
        self.description_edit = QPlainTextEdit()
        self.description_edit.setMaximumHeight(90)
        self.hiring = TagPicker()

        company = QFormLayout()
        company.addRow(self.tr("&Name:"), self.errors.wrap("name", self.name_edit))
        company.addRow(self.tr("&Sector:"), self.errors.wrap("sector", self.sector_combo))
        company.addRow(self.tr("&Booth:"), self.errors.wrap("booth", self.booth_edit))
        company.addRow(self.tr("Meeting &tables:"), self.errors.wrap("meeting_tables", self.tables_spin))
        company.addRow(self.tr("&Website:"), self.errors.wrap("website", self.website_edit))
        company.addRow(self.tr("&Description:"), self.description_edit)
        company_box = QGroupBox(self.tr("Company"))
        company_box.setLayout(company)
        contact = QFormLayout()
        contact.addRow(self.tr("&Contact person:"), self.contact_name_edit)
        contact.addRow(self.tr("&E-mail:"), self.errors.wrap("contact_email", self.contact_email_edit))
        contact.addRow(self.tr("&Phone:"), self.errors.wrap("contact_phone", self.contact_phone_edit))
        self.staff_label = QLabel()
        self.staff_label.setObjectName("emptyHint")
        self.staff_label.setWordWrap(True)
        contact.addRow("", self.staff_label)
        contact_box = QGroupBox(self.tr("Contact"))
        contact_box.setLayout(contact)
        hiring_box = QGroupBox(self.tr("Hiring for"))
        QVBoxLayout(hiring_box).addWidget(self.hiring)

        grid = QGridLayout()
        grid.addWidget(company_box, 0, 0)
        grid.addWidget(contact_box, 0, 1)
        grid.addWidget(hiring_box, 1, 0, 1, 2)
        self._lay_out(grid)
        self.setMinimumWidth(860)

        draft = details.draft if details is not None else CompanyDraft()
        if details is not None:
            self.setWindowTitle(self.tr("Edit {company}").format(company=draft.name))
            names = ", ".join(name for _, name in details.staff[:6])
            more = len(details.staff) - 6
            self.staff_label.setText(
                self.tr("Staff: {names}{more}").format(
                    names=names, more=self.tr(" and {n} more").format(n=more) if more > 0 else ""
                )
                if details.staff
                else self.tr("No staff registered yet.")
            )
        else:
            self.setWindowTitle(self.tr("Add company"))
        self.name_edit.setText(draft.name)
        found = self.sector_combo.findData(draft.sector)
        if found < 0 and draft.sector:
            self.sector_combo.addItem(draft.sector, draft.sector)
            found = self.sector_combo.count() - 1
        self.sector_combo.setCurrentIndex(max(found, 0))
        self.booth_edit.setText(draft.booth)
        self.tables_spin.setValue(draft.meeting_tables)
        self.website_edit.setText(draft.website)
        self.description_edit.setPlainText(draft.description)
        self.contact_name_edit.setText(draft.contact_name)
        self.contact_email_edit.setText(draft.contact_email)
        self.contact_phone_edit.setText(draft.contact_phone)
        self.hiring.set_tags(list(draft.hiring_tags))

        for edit in (self.name_edit, self.booth_edit, self.website_edit, self.contact_email_edit):
            edit.textEdited.connect(self._edited)

    def draft(self) -> CompanyDraft:
        return CompanyDraft(
            name=self.name_edit.text(),
            sector=self.sector_combo.currentData() or "",
            booth=self.booth_edit.text(),
            meeting_tables=self.tables_spin.value(),
            hiring_tags=self.hiring.tags(),
            website=self.website_edit.text(),
            description=self.description_edit.toPlainText(),
            contact_name=self.contact_name_edit.text(),
            contact_email=self.contact_email_edit.text(),
            contact_phone=self.contact_phone_edit.text(),
        )

    def _check_draft(self) -> CompanyDraft:
        return check_company(
            doc=self.context.require_document(), draft=self.draft(), company_id=self.company_id
        )

    def _save_job(self) -> Callable[[Progress], Saved]:
        draft, company_id = self.draft(), self.company_id
        doc = self.context.require_document()

        def job(_progress: Progress) -> Saved:
            if company_id is None:
                return add_company(doc=doc, draft=draft)
            return Saved(company_id, edit_company(doc=doc, company_id=company_id, draft=draft))

        return job

    def _saved(self, result: Saved) -> None:
        self.save_button.setEnabled(True)
        self.company_id = result.id
        self.saved.emit(result.id)
        self.accept()
