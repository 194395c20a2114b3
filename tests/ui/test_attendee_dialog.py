"""The attendee dialog: every field, the core's messages beside the field, one undoable save."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.domain.taxonomy import INTEREST_TAGS
from eventdesk.services.people.edit import get_attendee
from eventdesk.ui.dialogs.attendee_dialog import AttendeeDialog
from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.screens.attendees import AttendeesScreen
from tests.factories import EventFactory
from tests.ui.helpers import open_in


@pytest.fixture
def screen(window: MainWindow, qtbot: QtBot, events: EventFactory) -> AttendeesScreen:
    open_in(window, qtbot, events.demo_path(attendees=60))
    window.show_screen("attendees")
    shown = window.event_view.screen("attendees")
    assert isinstance(shown, AttendeesScreen)
    return shown


def _open_editor(screen: AttendeesScreen, qtbot: QtBot, row: int = 0) -> AttendeeDialog:
    dialogs: list[AttendeeDialog] = []
    screen.people_actions.dialog_opened.connect(dialogs.append)
    index = screen.model.index(row, 0)
    rect = screen.table.visualRect(index)
    # A real double-click starts with a press (the view remembers the pressed row).
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialogs, "double-clicking a person opens the editor"
    return dialogs[-1]


def _wait(qtbot: QtBot, dialog: AttendeeDialog) -> None:
    if dialog.task is not None and dialog.task.is_running:
        with qtbot.waitSignal(dialog.task.finished, timeout=10_000):
            pass


def test_an_invalid_email_is_refused_with_the_reason_beside_the_field(
    screen: AttendeesScreen, qtbot: QtBot, window: MainWindow
) -> None:
    person = screen.model.row_at(0)
    dialog = _open_editor(screen, qtbot)
    assert dialog.windowTitle() == f"Edit {person.name}"
    assert dialog.email_edit.text() == person.email
    dialog.email_edit.selectAll()
    qtbot.keyClicks(dialog.email_edit, "sophie@@example")
    qtbot.waitUntil(lambda: bool(dialog.errors.message("email")), timeout=2000)  # while typing
    assert "'sophie@@example' is not valid" in dialog.errors.message("email")
    assert dialog.email_edit.property("invalid") is True
    dialog.save()
    assert dialog.isVisible() and dialog.task is None, "nothing is saved"
    doc = window.context.require_document()
    assert get_attendee(doc=doc, attendee_id=person.id).draft.email == person.email

    # Someone else's address: refused, naming who has it.
    other = screen.model.row_at(1)
    dialog.email_edit.setText(other.email.upper())
    dialog.save()
    assert f"already the e-mail of {other.name}" in dialog.errors.message("email")
    dialog.reject()


def test_edit_every_field_of_a_person(screen: AttendeesScreen, qtbot: QtBot, window: MainWindow) -> None:
    person = screen.model.row_at(2)
    dialog = _open_editor(screen, qtbot, row=2)
    dialog.given_edit.setText("Maëlle")
    dialog.phone_edit.setText("06 12 34 56 78")
    dialog.job_edit.setText("Postdoc in structural biology")
    dialog.degree_combo.setCurrentIndex(dialog.degree_combo.findData("PhD"))
    dialog.field_combo.setCurrentText("Biochemistry")
    dialog.ticket_combo.setCurrentIndex(dialog.ticket_combo.findData(TicketType.SPEAKER.value))
    dialog.consent_check.setChecked(True)
    dialog.interests.set_tags([INTEREST_TAGS[0].key, "Vegan cooking"])
    dialog._add_code_row("pretix", "QRX-Ødegård-1")
    dialog.save()
    _wait(qtbot, dialog)
    assert not dialog.isVisible()
    doc = window.context.require_document()
    saved = get_attendee(doc=doc, attendee_id=person.id)
    assert saved.draft.given_name == "Maëlle"
    assert saved.draft.phone.startswith("+3") and " " not in saved.draft.phone  # read in the event's country
    assert saved.draft.degree == "PhD" and saved.draft.field_of_work == "Biochemistry"
    assert saved.draft.ticket_type == TicketType.SPEAKER.value and saved.draft.consent_share
    assert tuple(saved.draft.interests) == (INTEREST_TAGS[0].key, "Vegan cooking")
    assert ("pretix", "QRX-Ødegård-1") in saved.codes
    shown = next(r for r in screen.model.all_rows() if r.id == person.id)
    assert shown.given_name == "Maëlle"
    # The code is its own step, then the edit.
    assert window.undo_actions.undo_action.text() == "&Undo Edit ticket codes"


def test_add_attendee_with_status_and_company(
    screen: AttendeesScreen, qtbot: QtBot, window: MainWindow
) -> None:
    dialogs: list[AttendeeDialog] = []
    screen.people_actions.dialog_opened.connect(dialogs.append)
    screen.add_button.click()
    dialog = dialogs[-1]
    assert dialog.windowTitle() == "Add attendee"
    dialog.save()
    assert dialog.errors.message("given_name") == "A person needs a name or an e-mail address."
    dialog.given_edit.setText("Ingrid")
    dialog.family_edit.setText("van der Linden")
    dialog.email_edit.setText("ingrid.vdl@example.nl")
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(AttendeeStatus.CANCELLED.value))
    dialog.company_combo.setCurrentIndex(1)
    company_name = dialog.company_combo.currentText()
    dialog.save()
    _wait(qtbot, dialog)
    added = next(r for r in screen.model.all_rows() if r.email == "ingrid.vdl@example.nl")
    assert added.status == AttendeeStatus.CANCELLED.value and added.company_name == company_name
    assert screen.model.total_count == 61
