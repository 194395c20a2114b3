"""The Badges screen as an organiser uses it the night before: choose who, make the PDF, check it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from eventdesk.domain.people import AttendeeDraft
from eventdesk.services.badges.batches import badge_options, badge_summary, record_badges_printed
from eventdesk.services.badges.overview import badge_status
from eventdesk.services.people.edit import add_attendee
from eventdesk.services.people.lists import list_attendee_rows, list_company_rows
from eventdesk.ui.badge_actions import badge_requests
from eventdesk.ui.context import EventContext
from eventdesk.ui.models.badges import BadgeCountColumn, BadgeRole
from eventdesk.ui.screens.badges import BadgesScreen, Who
from tests.ui.badge_checks import page_sizes_mm, scanned_badges


@pytest.fixture
def opened(context: EventContext, events) -> EventContext:
    context.set_document(events.demo(attendees=60, companies=6, seed=9))
    return context


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    return folder


def show(qtbot: QtBot, context: EventContext) -> BadgesScreen:
    screen = BadgesScreen(context)
    context.changed.connect(screen.on_changes)  # what the window's EventView does
    qtbot.addWidget(screen)
    screen.resize(1100, 700)
    screen.show()
    qtbot.waitExposed(screen)
    settle_count(qtbot, screen)
    return screen


def settle_count(qtbot: QtBot, screen: BadgesScreen) -> int:
    qtbot.waitUntil(lambda: screen.selection_count is not None, timeout=10_000)
    assert screen.selection_count is not None
    return screen.selection_count


def registered(context: EventContext) -> list[int]:
    return [r.id for r in list_attendee_rows(doc=context.require_document()) if r.status == "registered"]


def make_pdf(qtbot: QtBot, screen: BadgesScreen, path: Path) -> None:
    task = screen.create_pdf(path)
    with qtbot.waitSignal(task.finished, timeout=60_000):
        pass


def test_the_summary_shows_printed_and_not_yet_printed_per_ticket_type(
    qtbot: QtBot, opened: EventContext, qtmodeltester
) -> None:
    doc = opened.require_document()
    record_badges_printed(doc=doc, printed=[(i, 1) for i in registered(opened)[:7]], layout="cr80")
    screen = show(qtbot, opened)

    model = screen.counts_model
    qtmodeltester.check(model)
    total = model.index(model.rowCount() - 1, 0)
    assert total.data(BadgeRole.IS_TOTAL) is True
    assert model.index(model.rowCount() - 1, BadgeCountColumn.PRINTED).data() == "7"
    summary = badge_summary(doc=doc)
    assert model.index(model.rowCount() - 1, BadgeCountColumn.UNPRINTED).data() == str(summary.unprinted)
    assert model.index(0, 0).data() == "Visitor"
    assert "7 of" in screen.count_label.text()


def test_not_yet_printed_makes_a_pdf_in_the_background_whose_codes_verify(
    qtbot: QtBot, opened: EventContext, out: Path
) -> None:
    doc = opened.require_document()
    ids = registered(opened)
    record_badges_printed(doc=doc, printed=[(i, 1) for i in ids[:10]], layout="a6-portrait")
    screen = show(qtbot, opened)
    assert screen.only_unprinted.isChecked()
    assert settle_count(qtbot, screen) == len(ids) - 10
    path = out / "tonight.pdf"

    make_pdf(qtbot, screen, path)

    assert screen.last_result is not None and screen.last_result.output == path
    assert sorted(scanned_badges(doc, path)) == sorted((i, 1) for i in ids[10:])
    assert "tonight.pdf" in screen.result_label.text()
    assert screen.open_button.isEnabled() and screen.print_button.isEnabled()
    # Every badge is printed now: the screen refreshed and offers nothing more to print.
    qtbot.waitUntil(lambda: f"{len(ids)} of {len(ids)} printed" in screen.count_label.text(), timeout=5000)
    assert settle_count(qtbot, screen) == 0
    assert not screen.create_button.isEnabled()


def test_a_cancelled_batch_leaves_no_file_and_records_nothing(
    qtbot: QtBot, context: EventContext, events, out: Path
) -> None:
    context.set_document(events.demo(attendees=400, companies=10, seed=2))
    screen = show(qtbot, context)
    path = out / "cancelled.pdf"
    task = screen.create_pdf(path)
    task.progressed.connect(lambda *_: task.cancel())  # Cancel as soon as drawing starts
    with qtbot.waitSignal(task.cancelled, timeout=60_000):
        pass

    assert list(out.iterdir()) == []
    assert badge_summary(doc=context.require_document()).printed == 0
    assert screen.last_result is None


def test_reprint_says_the_old_badges_stop_working_and_bumps_their_version(
    qtbot: QtBot, opened: EventContext, out: Path
) -> None:
    doc = opened.require_document()
    exhibitors = [
        r.id for r in list_attendee_rows(doc=doc) if r.ticket_type == "exhibitor" and r.status == "registered"
    ]
    record_badges_printed(doc=doc, printed=[(i, 1) for i in exhibitors], layout="a6-portrait")
    screen = show(qtbot, opened)
    screen.choose(Who.TICKET_TYPE, "exhibitor")
    screen.reprint.setChecked(True)
    assert not screen.only_unprinted.isEnabled()
    assert settle_count(qtbot, screen) == len(exhibitors)
    assert "stop working" in screen.selection_summary.text()

    question = screen.create_pdf(out / "declined.pdf")
    assert isinstance(question, QMessageBox)
    assert f"Reprint {len(exhibitors)} badges" in question.text()
    assert "stops working" in question.informativeText() and "replaced" in question.informativeText()
    question.reject()
    assert list(out.iterdir()) == []
    assert {s.version for s in badge_status(doc=doc, attendee_ids=exhibitors).values()} == {1}

    question = screen.create_pdf(out / "reprint.pdf")
    with qtbot.waitSignal(opened.changed, timeout=60_000):
        question.buttons()[0].click()  # "Reprint and revoke the old badges"

    assert sorted(scanned_badges(doc, out / "reprint.pdf")) == sorted((i, 2) for i in exhibitors)
    assert {s.version for s in badge_status(doc=doc, attendee_ids=exhibitors).values()} == {2}
    assert "revoked" in screen.result_label.text()


def test_a_company_and_a_handed_over_selection_are_choices(qtbot: QtBot, opened: EventContext) -> None:
    doc = opened.require_document()
    screen = show(qtbot, opened)
    company = max(list_company_rows(doc=doc), key=lambda c: c.staff_count)
    screen.choose(Who.COMPANY, company.id)
    assert settle_count(qtbot, screen) == company.staff_count

    chosen = registered(opened)[3:8]
    badge_requests(opened).hand_over(chosen)

    assert screen.who_combo.currentData() == Who.SELECTION
    assert "(5)" in screen.who_combo.currentText()
    assert not screen.only_unprinted.isChecked()  # handed over to print, printed before or not
    assert settle_count(qtbot, screen) == 5


def test_the_layout_is_kept_with_the_badge_settings_and_sheets_offer_crop_marks(
    qtbot: QtBot, opened: EventContext, out: Path
) -> None:
    screen = show(qtbot, opened)
    assert not screen.crop_marks.isEnabled()  # A6 fills its page: no margin for marks
    screen.layout_combo.setCurrentIndex(screen.layout_combo.findData("a4-10x-label-90x54"))
    assert badge_options(settings=opened.settings).layout == "a4-10x-label-90x54"
    assert screen.crop_marks.isEnabled() and screen.crop_marks.isChecked()
    count = settle_count(qtbot, screen)
    assert f"{count} badges on {-(-count // 10)} pages" in screen.selection_summary.text()

    make_pdf(qtbot, screen, out / "labels.pdf")

    assert page_sizes_mm(out / "labels.pdf")[0] == (210.0, 297.0)


def test_the_batch_report_lists_nameless_badges_and_characters_that_cannot_print(
    qtbot: QtBot, opened: EventContext, out: Path, qtmodeltester
) -> None:
    doc = opened.require_document()
    nameless = add_attendee(
        doc=doc,
        draft=AttendeeDraft(email="frontdesk@kattegat-bio.example", organisation="Kattegat Biologics A/S"),
    ).id
    klingon = add_attendee(doc=doc, draft=AttendeeDraft(given_name="Jan \U0001f9ec", family_name="Dekker")).id
    screen = show(qtbot, opened)
    badge_requests(opened).hand_over([nameless, klingon])
    settle_count(qtbot, screen)

    make_pdf(qtbot, screen, out / "report.pdf")

    qtmodeltester.check(screen.notes_model)
    notes = {note.attendee_id: note.message for note in screen.notes_model.rows()}
    assert "organisation instead" in notes[nameless]
    assert "Cannot print" in notes[klingon] and "U+1F9EC" in notes[klingon]
    assert screen.notes_table.isVisibleTo(screen)
    assert "2 badges to check" in screen.notes_title.text()


def test_open_and_print_hand_the_made_pdf_on(
    qtbot: QtBot, opened: EventContext, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventdesk.ui.screens import badges as module

    opened_urls: list[str] = []
    printed: list[tuple[Path, str]] = []

    class Desktop:
        @staticmethod
        def openUrl(url) -> bool:
            opened_urls.append(url.toLocalFile())
            return True

    monkeypatch.setattr(module, "QDesktopServices", Desktop)
    monkeypatch.setattr(
        module, "print_pdf_file", lambda parent, context, path, layout: printed.append((path, layout))
    )
    screen = show(qtbot, opened)
    screen.choose(Who.TICKET_TYPE, "speaker")
    settle_count(qtbot, screen)
    make_pdf(qtbot, screen, out / "speakers.pdf")

    qtbot.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)

    assert opened_urls == [str(out / "speakers.pdf")]
    assert printed == [(out / "speakers.pdf", "a6-portrait")]
