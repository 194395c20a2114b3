"""The company list: a company's staff, adding staff, adding and editing companies."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from eventdesk.domain.enums import TicketType
from eventdesk.services.people.lists import list_attendee_rows
from eventdesk.ui.dialogs.attendee_dialog import AttendeeDialog
from eventdesk.ui.dialogs.company_dialog import CompanyDialog
from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.screens.companies import CompaniesScreen
from tests.factories import EventFactory
from tests.ui.helpers import open_in


@pytest.fixture
def screen(window: MainWindow, qtbot: QtBot, events: EventFactory) -> CompaniesScreen:
    open_in(window, qtbot, events.demo_path(attendees=300))
    window.show_screen("companies")
    shown = window.event_view.screen("companies")
    assert isinstance(shown, CompaniesScreen)
    return shown


def _wait(qtbot: QtBot, task) -> None:
    if task is not None and task.is_running:
        with qtbot.waitSignal(task.finished, timeout=10_000):
            pass


def test_add_staff_to_a_company(window: MainWindow, screen: CompaniesScreen, qtbot: QtBot) -> None:
    company = min(screen.model.rows(), key=lambda c: c.staff_count)
    screen._select_company(company.id)
    before = company.staff_count
    dialogs: list[AttendeeDialog] = []
    screen.staff_actions.dialog_opened.connect(dialogs.append)
    button = screen.findChild(QPushButton, "addStaff")
    assert button.isEnabled()
    button.click()
    dialog = dialogs[-1]
    assert dialog.windowTitle() == f"Add staff to {company.name}"
    assert not dialog.company_combo.isEnabled() and dialog.company_combo.currentData() == company.id
    dialog.given_edit.setText("Søren")
    dialog.family_edit.setText("Kierkegaard-Nielsen")
    dialog.email_edit.setText("soren.kn@example.dk")
    dialog.save()
    _wait(qtbot, dialog.task)
    assert not dialog.isVisible()
    staff = {row.name: row for row in screen.staff_model.rows()}
    assert "Søren Kierkegaard-Nielsen" in staff
    assert staff["Søren Kierkegaard-Nielsen"].ticket_type == TicketType.EXHIBITOR.value
    assert screen.staff_title.text() == f"Staff of {company.name} ({before + 1})"
    updated = next(c for c in screen.model.rows() if c.id == company.id)
    assert updated.staff_count == before + 1
    assert window.undo_actions.undo_action.text() == f"&Undo Add staff to {company.name}"


def test_a_company_name_that_exists_is_refused_beside_the_name(screen: CompaniesScreen, qtbot: QtBot) -> None:
    existing = screen.model.rows()[0]
    dialogs: list[CompanyDialog] = []
    screen.dialog_opened.connect(dialogs.append)
    screen.add_company()
    dialog = dialogs[-1]
    dialog.name_edit.setText(existing.name.upper())
    dialog.save()
    assert dialog.isVisible()
    assert dialog.errors.message("name") == f"There is already a company called {existing.name}."
    assert dialog.focusWidget() is dialog.name_edit, "Save puts the cursor where the problem is"
    dialog.name_edit.setText("Ørsted Biologics Demo")
    dialog.tables_spin.setValue(3)
    dialog.save()
    _wait(qtbot, dialog.task)
    assert not dialog.isVisible()
    names = {c.name: c for c in screen.model.rows()}
    assert names["Ørsted Biologics Demo"].meeting_tables == 3
    assert screen.selected_company().name == "Ørsted Biologics Demo", "the new company is shown"


def test_deleting_a_company_keeps_its_staff_and_undo_restores_it(
    window: MainWindow, screen: CompaniesScreen, qtbot: QtBot
) -> None:
    company = max(screen.model.rows(), key=lambda c: c.staff_count)
    screen._select_company(company.id)
    boxes: list[QMessageBox] = []
    screen.dialog_opened.connect(boxes.append)
    screen.delete_company()
    box = boxes[-1]
    assert box.text() == f"Delete {company.name}?"
    assert f"Its {company.staff_count} staff stay" in box.informativeText()
    next(b for b in box.buttons() if b.text() == "Delete").click()
    _wait(qtbot, screen.task)
    assert company.id not in {c.id for c in screen.model.rows()}
    doc = window.context.require_document()
    assert len(list_attendee_rows(doc=doc)) == 300
    _wait(qtbot, window.undo_actions.undo())
    assert company.id in {c.id for c in screen.model.rows()}
    assert len(list_attendee_rows(doc=doc, company_id=company.id)) == company.staff_count
