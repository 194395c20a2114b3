"""Around the desk: walk-ins in one step, print on admit, and the kiosk with its staff PIN."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from eventdesk.persistence.tables import Attendee, BadgePrint, Scan
from eventdesk.services.door.kiosk_pin import check_kiosk_pin, set_kiosk_pin
from eventdesk.ui.dialogs.walk_in import WalkInDialog
from eventdesk.ui.kiosk import KioskWindow, PinDialog, SetPinDialog
from eventdesk.ui.screens.checkin import CheckInScreen
from tests.ui.checkin_support import (
    desk_context,
    desk_doc,
    people,
    screen,
    token_for,
    type_burst,
    type_like_a_person,
)

__all__ = ["desk_context", "desk_doc", "screen"]


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _wait_for_prints(screen: CheckInScreen, qtbot: QtBot) -> None:
    jobs = screen.controller.print_jobs
    assert jobs, "nothing was sent to the printer"
    qtbot.waitUntil(lambda: all(job.outcome for job in jobs), timeout=30_000)
    assert [job.outcome for job in jobs] == ["printed"] * len(jobs)


def _type(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """As a person types: slower than a scanner, so the desk does not take it for a scan."""
    type_like_a_person(widget, text)


def test_a_walk_in_is_saved_checked_in_and_printed_in_one_step(
    screen: CheckInScreen, qtbot: QtBot, tmp_path: Path
) -> None:
    screen.controller.printer = _pdf_printer(tmp_path / "badge.pdf")
    dialog = screen.new_walk_in()
    assert isinstance(dialog, WalkInDialog) and dialog.isVisible()
    _type(dialog.given_name, "Zoë")
    _type(dialog.family_name, "van den Broek-Østergaard")
    _type(dialog.email, "zoe.vdb@example.org")
    _type(dialog.organisation, "Kattegat Biologics")
    dialog.ticket_type.setCurrentIndex(dialog.ticket_type.findData("speaker"))
    dialog.consent.setChecked(True)
    for row in range(dialog.interests.count()):  # ticked as the desk ticks them
        item = dialog.interests.item(row)
        if item.text() in ("Diagnostics and IVD", "Bioinformatics"):
            item.setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: dialog.organisation.text() == "Kattegat Biologics", timeout=3000)
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert screen.panel.look == "admitted"
    assert screen.panel.text.name == "Zoë van den Broek-Østergaard"
    assert "Speaker" in screen.panel.text.detail
    doc = screen.context.require_document()
    with doc.session() as session:
        person = session.execute(select(Attendee).where(Attendee.email == "zoe.vdb@example.org")).scalar_one()
        assert person.consent_share and person.ticket_type == "speaker"
        # The interests are stored as taxonomy keys, so matchmaking can place the walk-in.
        assert set(person.interests) == {"diagnostics", "bioinformatics"}
        assert session.execute(select(Scan.verdict).where(Scan.attendee_id == person.id)).scalars().all() == [
            "admitted"
        ]
    _wait_for_prints(screen, qtbot)
    assert (tmp_path / "badge.pdf").stat().st_size > 1000
    with doc.session() as session:
        assert session.execute(select(BadgePrint).where(BadgePrint.attendee_id == person.id)).first()


def test_a_walk_in_with_a_bad_e_mail_stays_open_with_the_sentence_under_the_field(
    screen: CheckInScreen, qtbot: QtBot
) -> None:
    dialog = screen.new_walk_in()
    _type(dialog.given_name, "Jan")
    _type(dialog.email, "jan@@example")
    qtbot.waitUntil(lambda: dialog.email.text() == "jan@@example", timeout=3000)
    dialog.save_button.click()
    assert dialog.isVisible()
    visible = [label.text() for label in dialog._errors.values() if label.isVisible()]
    assert visible and "e-mail" in visible[0]
    assert screen.panel.look == "idle"
    dialog.reject()


def test_print_on_admit_prints_the_badge_of_everyone_admitted(
    screen: CheckInScreen, qtbot: QtBot, tmp_path: Path
) -> None:
    doc = screen.context.require_document()
    screen.controller.printer = _pdf_printer(tmp_path / "admit.pdf")
    screen.print_box.setChecked(True)
    type_burst(screen.search, token_for(doc, people(doc, n=1)[0]))
    assert screen.panel.look == "admitted"
    _wait_for_prints(screen, qtbot)
    screen.print_box.setChecked(False)
    count = len(screen.controller.print_jobs)
    type_burst(screen.search, token_for(doc, people(doc, n=2)[1]), start_ms=2_000_000)
    assert len(screen.controller.print_jobs) == count


def test_a_printer_problem_is_a_line_under_the_panel_not_a_box(screen: CheckInScreen, qtbot: QtBot) -> None:
    screen.controller.print_failed.emit("the printer is out of paper")
    assert screen.status_line.isVisible()
    assert "out of paper" in screen.status_line.text()


def test_kiosk_mode_asks_for_a_pin_first_then_welcomes_prints_and_starts_over(
    screen: CheckInScreen, qtbot: QtBot, tmp_path: Path
) -> None:
    doc = screen.context.require_document()
    screen.controller.printer = _pdf_printer(tmp_path / "kiosk.pdf")
    first = screen.open_kiosk()
    assert isinstance(first, SetPinDialog)
    _type(first.pin, "2468")
    _type(first.repeat, "2469")
    first._save()
    assert first.isVisible() and "differ" in first.error.text()
    first.repeat.clear()
    _type(first.repeat, "2468")
    first._save()
    assert check_kiosk_pin(settings=screen.context.settings, pin="2468")
    qtbot.waitUntil(lambda: isinstance(screen.kiosk, KioskWindow), timeout=3000)
    kiosk: KioskWindow = screen.kiosk
    qtbot.addWidget(kiosk)
    qtbot.waitExposed(kiosk)
    assert kiosk.isFullScreen()
    assert kiosk.panel.text.headline == "Scan your badge"
    assert not screen.scanner.is_attached and kiosk.scanner.is_attached

    person = people(doc, n=1)[0]
    type_burst(kiosk, token_for(doc, person))
    assert kiosk.panel.look == "admitted"
    assert kiosk.panel.text.headline == f"Welcome, {person.given_name}!"
    _wait_for_prints(screen, qtbot)
    kiosk.back_timer.setInterval(10)
    kiosk.back_timer.start()
    qtbot.waitUntil(lambda: kiosk.panel.text.headline == "Scan your badge", timeout=2000)

    type_burst(kiosk, "not-a-code-at-all", start_ms=2_000_000)
    assert kiosk.panel.look == "refused"
    assert kiosk.panel.text.headline == "Please see the staff desk"


def test_leaving_the_kiosk_needs_the_staff_pin(screen: CheckInScreen, qtbot: QtBot) -> None:
    set_kiosk_pin(settings=screen.context.settings, pin="13579")
    kiosk = screen.open_kiosk()
    assert isinstance(kiosk, KioskWindow)
    # Not handed to qtbot: leaving with the PIN deletes the kiosk window, which this test checks.
    qtbot.waitExposed(kiosk)
    kiosk.close()  # Alt+F4 and friends: refused, the PIN is asked instead
    assert kiosk.isVisible()
    dialog = kiosk.pin_dialog
    assert isinstance(dialog, PinDialog) and dialog.isVisible()
    _type(dialog.pin, "11111")
    qtbot.waitUntil(lambda: dialog.pin.text() == "11111", timeout=2000)
    QTest.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert kiosk.isVisible() and "not the staff PIN" in dialog.error.text()
    _type(dialog.pin, "13579")
    qtbot.waitUntil(lambda: dialog.pin.text() == "13579", timeout=2000)
    with qtbot.waitSignal(kiosk.closed, timeout=3000):
        QTest.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert screen.kiosk is None
    assert screen.scanner.is_attached
    assert not screen.controller.kiosk_open


def test_a_kiosk_visitor_whose_badge_cannot_print_is_sent_to_the_desk_for_it(
    screen: CheckInScreen, qtbot: QtBot
) -> None:
    set_kiosk_pin(settings=screen.context.settings, pin="13579")
    kiosk = screen.open_kiosk()
    assert isinstance(kiosk, KioskWindow)
    qtbot.addWidget(kiosk)
    qtbot.waitExposed(kiosk)
    doc = screen.context.require_document()
    type_burst(kiosk, token_for(doc, people(doc, n=1)[0]))
    assert kiosk.panel.text.detail == "Your badge is printing."
    screen.controller.print_failed.emit("the printer is out of paper")
    assert kiosk.panel.look == "admitted"
    assert kiosk.panel.text.detail == "Please collect your badge at the staff desk."
    assert "printer needs attention" in kiosk.note.text()


def test_the_kiosk_prints_only_for_someone_whose_current_badge_was_never_printed(
    screen: CheckInScreen, qtbot: QtBot, tmp_path: Path
) -> None:
    """It reprinted for people who held a badge, and sent them to the staff desk when no printer
    was set although they needed nothing."""
    from eventdesk.services.badges.batches import record_badges_printed

    doc = screen.context.require_document()
    holder, newcomer = people(doc, n=2)
    record_badges_printed(doc=doc, printed=[(holder.id, holder.badge_version)], layout="a6")
    set_kiosk_pin(settings=screen.context.settings, pin="13579")
    kiosk = screen.open_kiosk()
    assert isinstance(kiosk, KioskWindow)
    qtbot.addWidget(kiosk)
    qtbot.waitExposed(kiosk)
    screen.controller.printer = None  # no printer on this machine at all
    type_burst(kiosk, token_for(doc, holder))
    assert kiosk.panel.look == "admitted"
    assert screen.controller.print_jobs == [], "a badge that was printed before was printed again"
    assert kiosk.panel.text.detail == "Enjoy the fair."
    assert "staff desk" not in kiosk.panel.text.detail and not kiosk.note.text()

    screen.controller.printer = _pdf_printer(tmp_path / "newcomer.pdf")
    type_burst(kiosk, token_for(doc, newcomer), start_ms=5_000_000)
    assert kiosk.panel.text.detail == "Your badge is printing."
    _wait_for_prints(screen, qtbot)
    # Printed once: admitted again (after an undone check-in) they are not printed for twice.
    screen.controller.undo(newcomer.id, reason="test")
    count = len(screen.controller.print_jobs)
    type_burst(kiosk, token_for(doc, newcomer), start_ms=9_000_000)
    assert kiosk.panel.look == "admitted"
    assert len(screen.controller.print_jobs) == count
