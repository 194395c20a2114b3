"""The attendee list as a person uses it: search by typing, filters, bulk actions with undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.domain.text import fold
from eventdesk.persistence.document import EventDocument
from eventdesk.services.people.lists import list_attendee_rows
from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.models.attendee_filter import NO_COMPANY
from eventdesk.ui.screens import attendees as attendees_screen
from eventdesk.ui.screens.attendees import AttendeesScreen
from tests.factories import EventFactory, event_seed
from tests.ui.helpers import open_in


@pytest.fixture
def screen(window: MainWindow, qtbot: QtBot, events: EventFactory) -> AttendeesScreen:
    open_in(window, qtbot, events.demo_path(attendees=300))
    window.show_screen("attendees")
    shown = window.event_view.screen("attendees")
    assert isinstance(shown, AttendeesScreen)
    qtbot.waitUntil(lambda: shown.search.is_ready, timeout=10_000)
    return shown


def _names(screen: AttendeesScreen) -> list[str]:
    return [row.name for row in screen.model.rows()]


def _wait_for_task(qtbot: QtBot, task) -> None:
    if task.is_running:
        with qtbot.waitSignal(task.finished, timeout=10_000):
            pass


def test_typing_odegard_on_the_list_finds_odegard(screen: AttendeesScreen, qtbot: QtBot) -> None:
    screen.table.setFocus()
    qtbot.keyClicks(screen.table, "odegard")  # just start typing on the list
    assert screen.search_edit.text() == "odegard"
    assert screen.search_edit.hasFocus()
    qtbot.waitUntil(lambda: screen.model.rowCount() < screen.model.total_count, timeout=2000)
    assert "Kjersti Ødegård" in _names(screen)
    assert all("odegard" in row.search_text for row in screen.model.rows())
    assert "of 300 shown" in screen.count_label.text()
    # Escape clears the search and everybody is back.
    qtbot.keyClick(screen.search_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 300, timeout=2000)
    assert screen.count_label.text() == "300 people"


def test_search_takes_a_name_prefix_and_forgives_one_typo(screen: AttendeesScreen, qtbot: QtBot) -> None:
    screen.focus_search()
    qtbot.keyClicks(screen.search_edit, "mull")
    qtbot.waitUntil(lambda: "Anna-Lena Müller" in _names(screen), timeout=2000)
    screen.search_edit.clear()
    qtbot.keyClicks(screen.search_edit, "brzeczyszczykiewitz")  # one letter wrong
    qtbot.waitUntil(lambda: _names(screen) == ["Łukasz Brzęczyszczykiewicz"], timeout=2000)
    assert "close matches" in screen.count_label.text()
    screen.search_edit.clear()
    qtbot.keyClicks(screen.search_edit, "zzzqqq")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0, timeout=2000)
    assert screen.count_label.text() == "no attendee matches “zzzqqq”"


def test_filters_narrow_the_list_and_combine_with_the_search(screen: AttendeesScreen, qtbot: QtBot) -> None:
    everyone = screen.model.all_rows()
    screen.filter_bar.choose(ticket_type=TicketType.EXHIBITOR.value)
    assert screen.model.rowCount() == sum(r.ticket_type == TicketType.EXHIBITOR.value for r in everyone) > 0
    assert {r.ticket_type for r in screen.model.rows()} == {TicketType.EXHIBITOR.value}

    company = next(r for r in everyone if r.company_id is not None)
    screen.filter_bar.choose(company_id=company.company_id)
    staff = [r for r in everyone if r.company_id == company.company_id]
    assert sorted(r.id for r in screen.model.rows()) == sorted(r.id for r in staff)
    combo = screen.filter_bar.company_combo
    assert combo.currentText() == company.company_name

    screen.filter_bar.choose(company_id=NO_COMPANY, status=AttendeeStatus.CANCELLED.value)
    shown = screen.model.rows()
    assert shown and all(r.company_id is None and r.status == "cancelled" for r in shown)
    assert screen.filter_bar.clear_button.isEnabled()

    screen.filter_bar.choose(checked_in=True)
    assert {r.id for r in screen.model.rows()} == {r.id for r in everyone if r.checked_in}

    # The search narrows within the filters; clearing the filters keeps the search.
    screen.filter_bar.choose(ticket_type=TicketType.VISITOR.value)
    someone = next(r for r in screen.model.rows() if r.family_name)
    screen.search_edit.setText(someone.family_name)
    screen.apply_filter()
    assert someone.id in {r.id for r in screen.model.rows()}
    assert all(r.ticket_type == TicketType.VISITOR.value for r in screen.model.rows())
    qtbot.mouseClick(screen.filter_bar.clear_button, Qt.MouseButton.LeftButton)
    assert screen.shown_filter.ticket_type is None and screen.shown_filter.ids is not None
    assert all(fold(someone.family_name).split()[0] in r.search_text for r in screen.model.rows())


def test_sorting_by_a_column_keeps_the_filter(screen: AttendeesScreen) -> None:
    screen.filter_bar.choose(status=AttendeeStatus.REGISTERED.value)
    count = screen.model.rowCount()
    screen.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # e-mail
    emails = [r.email.casefold() for r in screen.model.rows()]
    assert emails == sorted(emails) and len(emails) == count


def _press(screen: AttendeesScreen, name: str) -> None:
    button = screen.findChild(QPushButton, name)
    assert button is not None and button.isEnabled(), name
    button.click()


def test_bulk_cancel_then_undo_and_redo_from_the_edit_menu(
    window: MainWindow, screen: AttendeesScreen, qtbot: QtBot
) -> None:
    registered = [r for r in screen.model.rows() if r.status == AttendeeStatus.REGISTERED.value][:5]
    ids = {r.id for r in registered}
    screen.select_ids(ids)
    assert set(screen.selected_ids()) == ids
    assert screen.selection_label.text() == "5 selected"

    _press(screen, "cancelTickets")
    _wait_for_task(qtbot, screen.people_actions.task)
    status = {r.id: r.status for r in screen.model.all_rows()}
    assert {status[i] for i in ids} == {AttendeeStatus.CANCELLED.value}
    assert set(screen.selected_ids()) == ids, "the selection survives the reload"

    undo = window.undo_actions.undo_action
    assert undo.isEnabled() and undo.text() == "&Undo Cancel attendees"
    undo.trigger()
    qtbot.waitUntil(lambda: window.undo_actions.redo_action.isEnabled(), timeout=10_000)
    status = {r.id: r.status for r in screen.model.all_rows()}
    assert {status[i] for i in ids} == {AttendeeStatus.REGISTERED.value}
    assert window.statusBar().currentMessage() == "Undid: Cancel attendees"

    redo = window.undo_actions.redo_action
    assert redo.text() == "&Redo Cancel attendees"
    screen.table.setFocus()
    qtbot.keyClick(
        screen.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: not redo.isEnabled() and undo.isEnabled(), timeout=10_000)
    status = {r.id: r.status for r in screen.model.all_rows()}
    assert {status[i] for i in ids} == {AttendeeStatus.CANCELLED.value}


def test_change_ticket_type_and_delete_with_confirmation(
    window: MainWindow, screen: AttendeesScreen, qtbot: QtBot
) -> None:
    visitors = [r for r in screen.model.rows() if r.ticket_type == TicketType.VISITOR.value][:3]
    ids = {r.id for r in visitors}
    screen.select_ids(ids)
    screen.people_actions.ticket_actions[TicketType.SPEAKER.value].trigger()
    _wait_for_task(qtbot, screen.people_actions.task)
    assert {r.ticket_type for r in screen.model.all_rows() if r.id in ids} == {TicketType.SPEAKER.value}

    questions = []
    screen.people_actions.question_asked.connect(questions.append)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)
    box: QMessageBox = questions[-1]
    assert box.text() == "Delete 3 attendees?"
    keep = next(b for b in box.buttons() if b.text() == "Keep")
    keep.click()
    assert screen.model.total_count == 300

    screen.people_actions.delete_selected()
    box = questions[-1]
    next(b for b in box.buttons() if b.text() == "Delete").click()
    _wait_for_task(qtbot, screen.people_actions.task)
    assert screen.model.total_count == 297
    assert not ids & {r.id for r in screen.model.all_rows()}
    assert window.undo_actions.undo_action.text() == "&Undo Delete 3 attendees"
    _wait_for_task(qtbot, window.undo_actions.undo())
    assert screen.model.total_count == 300


def test_the_list_follows_edits_made_elsewhere(
    screen: AttendeesScreen, qtbot: QtBot, window: MainWindow
) -> None:
    screen.search_edit.setText("odegard")
    screen.apply_filter()
    assert _names(screen) == ["Kjersti Ødegård"]
    doc: EventDocument = window.context.require_document()
    person = screen.model.rows()[0]
    from eventdesk.domain.people import AttendeeDraft
    from eventdesk.services.people.edit import edit_attendee, get_attendee

    draft = get_attendee(doc=doc, attendee_id=person.id).draft
    changes = edit_attendee(
        doc=doc, attendee_id=person.id, draft=AttendeeDraft(**{**draft.__dict__, "given_name": "Kirsten"})
    )
    window.context.notify(changes)
    assert _names(screen) == ["Kirsten Ødegård"], "the search is asked again after a change"
    assert len(list_attendee_rows(doc=doc)) == 300


def test_an_empty_event_offers_the_import(window: MainWindow, qtbot: QtBot, events: EventFactory) -> None:
    doc = events.empty()
    path = Path(doc.display_location)
    doc.close()
    open_in(window, qtbot, path)
    window.show_screen("attendees")
    screen = window.event_view.screen("attendees")
    assert isinstance(screen, AttendeesScreen)
    assert screen.pages.currentWidget() is screen.empty_state
    assert screen.empty_state.action.text() == "Import attendees…"
    screen.empty_state.action.click()
    QApplication.processEvents()
    wizards = [
        w for w in QApplication.topLevelWidgets() if w.objectName() == "importWizard" and w.isVisible()
    ]
    assert wizards, "the import wizard opens"
    wizards[0].reject()


def test_a_big_list_reloads_in_the_background_after_a_change(
    screen: AttendeesScreen, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(attendees_screen, "BACKGROUND_RELOAD_ROWS", 100)  # 300 people count as big here
    screen.search_edit.setText("odegard")
    screen.apply_filter()
    person = screen.model.rows()[0]
    screen.select_ids({person.id})
    _wait_for_task(qtbot, screen.people_actions.cancel_selected())
    reload = screen.reload_task
    assert reload is not None, "the list is reloaded off the GUI thread"
    _wait_for_task(qtbot, reload)
    shown = screen.model.rows()
    assert [r.id for r in shown] == [person.id] and shown[0].status == AttendeeStatus.CANCELLED.value
    assert screen.selected_ids() == [person.id]


def test_a_badge_scanned_into_the_search_finds_its_person(screen: AttendeesScreen, qtbot: QtBot) -> None:
    from sqlmodel import select

    from eventdesk.domain.tokens import encode_token
    from eventdesk.persistence.tables import Attendee, Event

    doc = screen.context.require_document()
    with doc.session() as session:
        event = session.exec(select(Event)).one()
        person = session.exec(
            select(Attendee).where(Attendee.given_name != "").order_by(Attendee.id.desc())
        ).first()
        assert person is not None
        token = encode_token(
            event_code=event.code,
            serial=person.id,
            version=person.badge_version,
            private_key=event_seed(event),
        )
        person_id = person.id
    screen.focus_search()
    qtbot.keyClicks(screen.search_edit, token)
    qtbot.waitUntil(lambda: [row.id for row in screen.model.rows()] == [person_id], timeout=3000)
    assert "1 of 300 shown" in screen.count_label.text()


def test_after_filtering_actions_follow_what_is_selected_and_still_shown(
    screen: AttendeesScreen, qtbot: QtBot
) -> None:
    """Filtering away two selected people left "2 selected" with Cancel and Delete enabled."""
    screen.table.selectRow(0)
    screen.table.selectionModel().select(
        screen.model.index(1, 0),
        screen.table.selectionModel().SelectionFlag.Select | screen.table.selectionModel().SelectionFlag.Rows,
    )
    assert screen.selection_label.text() == "2 selected"
    assert screen.people_actions.cancel_action.isEnabled()
    screen.focus_search()
    qtbot.keyClicks(screen.search_edit, "zzzqqq")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 0, timeout=2000)
    assert screen.selection_label.text() == ""
    for action in (*screen.people_actions.selection_actions(), screen.badge_actions.print_badge):
        assert not action.isEnabled(), action.text()
    assert not screen.ticket_button.isEnabled()


def _privacy_boxes(screen: AttendeesScreen) -> list[QMessageBox]:
    boxes: list[QMessageBox] = []
    screen.people_actions.privacy.dialog_opened.connect(boxes.append)
    return boxes


def test_the_context_menu_erases_this_person_after_the_same_confirmation(
    window: MainWindow, screen: AttendeesScreen, qtbot: QtBot
) -> None:
    from eventdesk.persistence.tables import Attendee

    person = next(r for r in screen.model.rows() if r.ticket_type == TicketType.VISITOR.value)
    screen.select_ids({person.id})
    screen.people_actions.update_enabled()
    menu = screen.people_actions.context_menu()
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[-2:] == ["Erase this person…", "Export this person's data…"]
    assert screen.people_actions.erase_action.isEnabled()
    boxes = _privacy_boxes(screen)
    screen.people_actions.erase_action.trigger()
    assert boxes[-1].text().startswith(f"Erase {person.name}? Their name, e-mail, phone")
    next(b for b in boxes[-1].buttons() if b.text() == "Erase").click()
    qtbot.waitUntil(lambda: len(boxes) == 2, timeout=20_000)
    assert boxes[-1].objectName() == "privacyResult" and "Erased attendee" in boxes[-1].text()
    boxes[-1].close()
    doc = window.context.require_document()
    with doc.session() as session:
        erased = session.get(Attendee, person.id)
        assert erased is not None and erased.erased_at is not None and erased.email is None
    qtbot.waitUntil(lambda: person.name not in _names(screen), timeout=10_000)
    # Two people chosen: neither action is offered (they are about one person).
    screen.select_ids({r.id for r in screen.model.rows()[:2]})
    screen.people_actions.update_enabled()
    assert not screen.people_actions.erase_action.isEnabled()
    assert not screen.people_actions.export_data_action.isEnabled()


def test_the_attendee_dialog_exports_this_persons_data_and_offers_the_erasure(
    window: MainWindow, screen: AttendeesScreen, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from PySide6.QtWidgets import QFileDialog

    person = screen.model.rows()[5]
    dialog = screen.people_actions.edit(person.id)
    export = dialog.findChild(QPushButton, "exportThisPerson")
    erase = dialog.findChild(QPushButton, "eraseThisPerson")
    assert export is not None and erase is not None
    assert export.text() == "Export this person's data…" and erase.text() == "Erase this person…"
    boxes = _privacy_boxes(screen)
    target = tmp_path / "their data.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    export.click()
    qtbot.waitUntil(lambda: len(boxes) == 1, timeout=20_000)
    assert boxes[-1].objectName() == "privacyResult"
    assert boxes[-1].text() == "Wrote their data.pdf and their data.json."
    boxes[-1].close()
    data = json.loads((tmp_path / "their data.json").read_text("utf-8"))
    assert data["about"]["attendee_id"] == person.id
    assert dialog.isVisible()  # exporting leaves the dialog open
    erase.click()
    assert not dialog.isVisible()
    assert boxes[-1].text().startswith(f"Erase {person.name}?")
    next(b for b in boxes[-1].buttons() if b.text() == "Cancel").click()
    assert person.name in _names(screen)


def test_every_column_title_is_whole_on_a_laptop_sized_window(
    screen: AttendeesScreen, window: MainWindow, qtbot: QtBot
) -> None:
    # At 1280 × 800 the shares alone cut "Ticket type" to "Ticket typ" and "Consent" to "Consen".
    # The header's size hint is the room its title, padding and sort arrow take.
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    header = screen.table.horizontalHeader()
    model = screen.model
    cut = [
        model.headerData(column, Qt.Orientation.Horizontal)
        for column in range(model.columnCount())
        if not screen.table.isColumnHidden(column)
        and header.sectionSize(column) < header.sectionSizeHint(column)
    ]
    assert cut == []
    # …and the titles fit without pushing "Checked in" off the side.
    assert header.length() <= screen.table.viewport().width()
