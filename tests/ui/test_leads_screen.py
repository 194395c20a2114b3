"""The Leads screen driven as a booth is: scanner bursts, the keyboard-only editor, the list."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytest import MonkeyPatch
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from eventdesk.domain.tokens import encode_token
from eventdesk.scanning.keyboard_layouts import type_as
from eventdesk.services.leads.booth import NOT_SHARED, get_lead, list_leads
from eventdesk.settings import BOOTH_STAFF, Settings
from eventdesk.ui.models.leads import LeadColumn, LeadFilter, LeadTableModel
from eventdesk.ui.screens.leads import LeadsScreen
from tests.factories import EventFactory, event_seed
from tests.services.leads.support import company_with_staff, event_row, lead_count, token, visitors
from tests.ui.checkin_support import type_burst, type_like_a_person
from tests.ui.helpers import own_context
from tests.ui.leads_support import booth, booth_context, booth_doc, show_screen

__all__ = ["booth", "booth_context", "booth_doc"]


def _leads(screen: LeadsScreen) -> list:
    return list_leads(doc=screen.context.require_document(), company_id=screen.company_id)


def _burst(screen: LeadsScreen, code: str, *, start_ms: int = 1_000_000) -> int:
    """A scanner typing `code` + Enter into whatever has the focus (here: the notes or the table)."""
    target = QApplication.focusWidget() or screen
    return type_burst(target, code, start_ms=start_ms)


def test_a_scanner_burst_makes_a_lead_and_opens_it_with_the_notes_focused(booth: LeadsScreen) -> None:
    doc = booth.context.require_document()
    person = visitors(doc, consent=True, count=1)[0]
    booth.table.setFocus()
    _burst(booth, token(doc, person.id))
    assert booth.panel.look == "admitted"
    assert booth.panel.text.headline == "NEW LEAD"
    assert person.given_name in booth.panel.text.name
    editor = booth.editor
    assert editor.lead is not None and editor.lead.email == person.email
    assert person.family_name in editor.name_label.text()
    assert QApplication.focusWidget() is editor.notes
    assert editor.notes.toPlainText() == ""  # the burst went to the scanner filter, not the notes
    leads = _leads(booth)
    assert len(leads) == 1 and leads[0].staff == booth.staff.currentText()
    assert booth.model.rowCount() == 1
    assert booth.model.index(0, LeadColumn.NAME).data() == f"{person.given_name} {person.family_name}"
    assert booth.selected_lead() is not None and booth.selected_lead().id == leads[0].id


def test_rate_type_a_note_and_ctrl_enter_saves_and_readies_the_booth(
    booth: LeadsScreen, qtbot: QtBot
) -> None:
    doc = booth.context.require_document()
    person = visitors(doc, consent=True, count=1)[0]
    _burst(booth, token(doc, person.id))
    editor = booth.editor
    QTest.keyClick(editor.notes, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # Alt+H: hot
    qtbot.waitUntil(lambda: editor.rating == "hot", timeout=2000)
    type_like_a_person(editor.notes, "Wants a QA role; ë ø")
    assert editor.notes.toPlainText() == "Wants a QA role; ë ø"
    assert editor.is_dirty and editor.state_label.text() == "Not saved yet"
    QTest.keyClick(editor.notes, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.tags
    editor.tags.setText("QA, relocation")
    QTest.keyClick(editor.tags, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    saved = _leads(booth)[0]
    assert (saved.rating, saved.notes, saved.tags) == ("hot", "Wants a QA role; ë ø", ("QA", "relocation"))
    assert editor.lead is None and booth.panel.look == "idle"
    assert person.given_name in booth.panel.text.detail
    assert booth.model.index(0, LeadColumn.RATING).data() == "Hot"
    assert booth.model.index(0, LeadColumn.NOTES).data() == "Wants a QA role; ë ø"
    # A score instead of a word, from the buttons, and pressing it again clears it.
    booth.table.selectRow(0)
    editor.rating_buttons["4"].click()
    assert editor.rating == "4"
    editor.rating_buttons["4"].click()
    assert editor.rating == ""


def test_scanning_the_same_badge_again_reopens_the_lead_in_amber(booth: LeadsScreen) -> None:
    doc = booth.context.require_document()
    person = visitors(doc, consent=True, count=1)[0]
    code = token(doc, person.id)
    _burst(booth, code)
    booth.editor.rating_buttons["warm"].click()
    booth.save_lead()
    _burst(booth, code, start_ms=3_000_000)
    assert booth.panel.look == "already" and booth.panel.text.headline == "ALREADY A LEAD"
    assert booth.editor.lead is not None and booth.editor.rating == "warm"
    assert booth.editor.lead.visits == 2
    assert lead_count(doc) == 1
    assert booth.model.index(0, LeadColumn.VISITS).data() == "2"


def test_unsaved_notes_are_kept_when_the_next_visitor_is_scanned(booth: LeadsScreen) -> None:
    doc = booth.context.require_document()
    first, second = visitors(doc, consent=True, count=2)
    _burst(booth, token(doc, first.id))
    type_like_a_person(booth.editor.notes, "Postdoc")
    _burst(booth, token(doc, second.id), start_ms=5_000_000)
    assert booth.editor.lead is not None and booth.editor.lead.email == second.email
    by_email = {lead.email: lead for lead in _leads(booth)}
    assert by_email[first.email].notes == "Postdoc"


def test_a_visitor_who_did_not_agree_is_a_visit_without_a_name(booth: LeadsScreen) -> None:
    doc = booth.context.require_document()
    person = visitors(doc, consent=False, count=1)[0]
    _burst(booth, token(doc, person.id))
    assert booth.panel.look == "undone"  # neutral grey, not a warning
    assert booth.panel.text.headline == "VISIT RECORDED"
    assert "did not agree to share" in booth.panel.text.reason
    shown = " ".join((booth.panel.text.name, booth.panel.text.detail, booth.editor.name_label.text()))
    assert person.given_name not in shown and person.family_name not in shown
    assert booth.model.index(0, LeadColumn.NAME).data() == NOT_SHARED
    assert booth.model.index(0, LeadColumn.ORGANISATION).data() == ""
    assert lead_count(doc) == 1 and not _leads(booth)[0].shared


def test_a_badge_of_another_event_is_refused_in_red_and_nothing_is_recorded(
    booth: LeadsScreen, events: EventFactory
) -> None:
    doc = booth.context.require_document()
    other = events.empty()
    foreign_event = event_row(other)
    other.close()
    person = visitors(doc, consent=True, count=1)[0]
    foreign = encode_token(
        event_code=foreign_event.code, serial=person.id, version=1, private_key=event_seed(foreign_event)
    )
    _burst(booth, foreign)
    assert booth.panel.look == "refused" and booth.panel.text.headline == "NOT RECORDED"
    assert "another event" in booth.panel.text.reason and "Nothing was recorded" in booth.panel.text.reason
    assert booth.editor.lead is None
    assert lead_count(doc) == 0 and booth.model.rowCount() == 0


def test_a_badge_garbled_by_the_booth_laptops_layout_is_still_read(booth: LeadsScreen) -> None:
    doc = booth.context.require_document()
    person = visitors(doc, consent=True, count=1)[0]
    _burst(booth, type_as(token(doc, person.id), "AZERTY (Belgium)"))
    assert booth.panel.look == "admitted"
    assert "AZERTY (Belgium)" in booth.panel.text.footnote


def test_the_camera_path_scans_like_the_scanner(booth: LeadsScreen) -> None:
    doc = booth.context.require_document()
    person = visitors(doc, consent=True, count=1)[0]
    booth.camera.scanner.scanned.emit(token(doc, person.id))
    assert booth.panel.look == "admitted" and lead_count(doc) == 1


def test_a_visitor_without_their_badge_is_added_by_name(booth: LeadsScreen, qtbot: QtBot) -> None:
    doc = booth.context.require_document()
    person = visitors(doc, consent=True, count=1)[0]
    booth.finder.search.setFocus()
    QTest.keyClicks(booth.finder.search, f"{person.given_name} {person.family_name}")
    qtbot.waitUntil(lambda: booth.finder.hits.rowCount() > 0, timeout=3000)
    QTest.keyClick(booth.finder.search, Qt.Key.Key_Return)
    assert booth.panel.look == "admitted"
    assert booth.editor.lead is not None and booth.editor.lead.email == person.email
    assert booth.finder.search.text() == ""
    assert _leads(booth)[0].email == person.email


def test_the_staff_member_is_remembered_on_this_computer(booth: LeadsScreen, qtbot: QtBot) -> None:
    booth.set_staff("Émilie Van den Bossche")
    doc = booth.context.require_document()
    person = visitors(doc, consent=True, count=1)[0]
    _burst(booth, token(doc, person.id))
    assert _leads(booth)[0].staff == "Émilie Van den Bossche"
    assert Settings().get(BOOTH_STAFF)[booth.company_name] == "Émilie Van den Bossche"
    again = show_screen(qtbot, booth.context)
    assert again.company_id == booth.company_id
    assert again.staff.currentText() == "Émilie Van den Bossche"


def test_without_a_staff_name_a_scan_says_who_should_be_named(booth: LeadsScreen) -> None:
    booth.staff.setCurrentText("")
    doc = booth.context.require_document()
    _burst(booth, token(doc, visitors(doc, consent=True, count=1)[0].id))
    assert booth.panel.look == "refused" and "staff member" in booth.panel.text.reason
    assert lead_count(doc) == 0


def test_delete_a_lead_and_bring_it_back_with_undo(booth: LeadsScreen, qtbot: QtBot) -> None:
    doc = booth.context.require_document()
    person = visitors(doc, consent=True, count=1)[0]
    _burst(booth, token(doc, person.id))
    booth.save_lead()
    booth.table.setFocus()
    booth.table.selectRow(0)
    QTest.keyClick(booth.table, Qt.Key.Key_Delete)
    assert lead_count(doc) == 0 and booth.model.rowCount() == 0
    assert booth.notice.isVisible() and person.given_name in booth.notice_label.text()
    booth.notice_undo.click()
    assert booth.task is not None
    qtbot.waitUntil(lambda: booth.model.rowCount() == 1, timeout=5000)
    assert lead_count(doc) == 1


def test_filter_and_sort_the_lead_list(booth: LeadsScreen) -> None:
    doc = booth.context.require_document()
    people = visitors(doc, consent=True, count=3)
    for n, (person, rating) in enumerate(zip(people, ("cold", "hot", "3"), strict=True)):
        _burst(booth, token(doc, person.id), start_ms=1_000_000 * (n + 1))
        booth.editor.set_rating(rating)
        booth.save_lead()
    booth.show_filter.setCurrentIndex(booth.show_filter.findData(int(LeadFilter.HOT)))
    booth.show_filter.activated.emit(booth.show_filter.currentIndex())
    assert booth.proxy.rowCount() == 1 and booth.proxy.index(0, LeadColumn.RATING).data() == "Hot"
    assert booth.count_label.text().startswith("1 of 3")
    booth.show_filter.setCurrentIndex(0)
    booth.show_filter.activated.emit(0)
    booth.quick_filter.setText(people[2].family_name)
    assert booth.proxy.rowCount() >= 1
    booth.quick_filter.clear()
    booth.table.sortByColumn(LeadColumn.RATING, Qt.SortOrder.DescendingOrder)
    ratings = [booth.proxy.index(row, LeadColumn.RATING).data() for row in range(3)]
    assert ratings == ["Hot", "3/5", "Cold"]


def test_export_leads_writes_a_file_with_consent_respected(
    booth: LeadsScreen, qtbot: QtBot, tmp_path: Path, monkeypatch: MonkeyPatch
) -> None:
    doc = booth.context.require_document()
    agreed = visitors(doc, consent=True, count=1)[0]
    declined = visitors(doc, consent=False, count=1)[0]
    _burst(booth, token(doc, agreed.id))
    booth.editor.notes.setPlainText("=HYPERLINK(1)")
    booth.save_lead()
    _burst(booth, token(doc, declined.id), start_ms=4_000_000)
    target = tmp_path / "leads.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "CSV (*.csv)"))
    task = booth.choose_and_export()
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=20_000):
        pass
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2
    by_shared = {row["Details shared"]: row for row in rows}
    assert by_shared["yes"]["E-mail"] == agreed.email
    assert by_shared["yes"]["Notes"] != "=HYPERLINK(1)" and "HYPERLINK" in by_shared["yes"]["Notes"]
    assert by_shared["no"]["Name"] == "" and by_shared["no"]["E-mail"] == ""
    assert booth.notice.isVisible() and booth.notice_open.isVisible()
    assert str(target) in booth.notice_label.text()


def test_an_event_without_companies_guides_to_the_companies_screen(
    qtbot: QtBot, events: EventFactory
) -> None:
    empty = events.empty()
    with own_context(empty) as context:
        empty.close()
        screen = show_screen(qtbot, context)
        assert screen.pages.currentWidget() is screen.empty_state
        with qtbot.waitSignal(screen.navigate) as asked:
            screen.empty_state.action_triggered.emit()
        assert asked.args == ["companies"]


def test_the_lead_model_passes_the_model_tester(booth: LeadsScreen, qtmodeltester: ModelTester) -> None:
    doc = booth.context.require_document()
    for n, person in enumerate(visitors(doc, consent=True, count=2) + visitors(doc, consent=False, count=1)):
        _burst(booth, token(doc, person.id), start_ms=1_000_000 * (n + 1))
    booth.save_lead()
    model = LeadTableModel(_leads(booth))
    assert model.rowCount() == 3
    qtmodeltester.check(model)
    qtmodeltester.check(booth.proxy)
    model.set_row_filter(LeadFilter.VISITS.accepts())
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_a_lead_chosen_in_the_list_opens_in_the_editor(booth: LeadsScreen) -> None:
    doc = booth.context.require_document()
    person = visitors(doc, consent=True, count=1)[0]
    _burst(booth, token(doc, person.id))
    booth.save_lead()
    booth.table.selectRow(0)
    assert booth.editor.lead is not None and booth.editor.lead.email == person.email
    QTest.keyClick(booth.table, Qt.Key.Key_Return)  # Enter on the list goes to the notes
    assert QApplication.focusWidget() is booth.editor.notes
    booth.editor.notes.setPlainText("Call after the summer")
    QTest.keyClick(booth.editor.notes, Qt.Key.Key_Escape)  # first Esc: drop the typing
    assert booth.editor.notes.toPlainText() == ""
    QTest.keyClick(booth.editor.notes, Qt.Key.Key_Escape)  # second Esc: close the lead
    assert booth.editor.lead is None
    assert get_lead(doc=doc, lead_id=_leads(booth)[0].id).notes == ""


def test_staff_of_the_company_itself_are_not_leads(booth: LeadsScreen) -> None:
    doc = booth.context.require_document()
    _, staff = company_with_staff(doc)
    _burst(booth, token(doc, staff[0].id))
    assert booth.panel.look == "refused" and "staff badges are not leads" in booth.panel.text.reason
    assert lead_count(doc) == 0


@pytest.mark.parametrize(("suffix", "magic"), [(".xlsx", b"PK"), (".pdf", b"%PDF")])
def test_export_leads_as_a_workbook_or_a_pdf(
    booth: LeadsScreen, qtbot: QtBot, tmp_path: Path, suffix: str, magic: bytes
) -> None:
    doc = booth.context.require_document()
    _burst(booth, token(doc, visitors(doc, consent=True, count=1)[0].id))
    booth.save_lead()
    task = booth.export(tmp_path / f"leads{suffix}")
    with qtbot.waitSignal(task.finished, timeout=30_000):
        pass
    assert (tmp_path / f"leads{suffix}").read_bytes().startswith(magic)
    assert booth.notice_label.text().startswith("1 lead of ")


def test_the_camera_is_looked_for_only_when_asked(booth: LeadsScreen, monkeypatch: MonkeyPatch) -> None:
    from eventdesk.ui.camera import CameraScanner

    asked: list[bool] = []
    monkeypatch.setattr(CameraScanner, "cameras", staticmethod(lambda: asked.append(True) or []))
    assert not asked and booth.camera.button.isEnabled()
    booth.camera.button.click()
    assert asked == [True]
    assert not booth.camera.button.isChecked() and not booth.camera.button.isEnabled()
    assert "No camera found" in booth.camera.status.text()
