"""Every dialog reachable from Check-in, driven with the keyboard only, as a desk volunteer
does with the scanner hanging beside the laptop: Space ticks boxes, Tab moves, one Escape
closes, and a fast typist or a scanner burst inside a dialog is never logged as a door scan."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from eventdesk.services.door.arrivals import recent_scans
from eventdesk.settings import LAST_FOLDER
from eventdesk.ui.dialogs.undo_checkin import UndoCheckInDialog
from eventdesk.ui.dialogs.walk_in import WalkInDialog
from eventdesk.ui.kiosk import SetPinDialog
from eventdesk.ui.screens.checkin import CheckInScreen
from tests.ui.checkin_support import desk_context, desk_doc, people, screen, token_for, type_burst

__all__ = ["desk_context", "desk_doc", "screen"]


def press(keys: str, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key sequence to whatever has the focus, as the keyboard sends it (press and release)."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keySequence(target, keys) if modifier else QTest.keyClicks(target, keys)


def key(code: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, code, modifier)


def wait_for_dialog(qtbot: QtBot, kind: type[QDialog]) -> QDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=5_000)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, kind)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow() and QApplication.focusWidget() is not None)
    return dialog


def settle(qtbot: QtBot) -> None:
    """The desk holds keys back a few ms to tell a scanner from a person: let it hand them over."""
    qtbot.wait(80)


def door_scans(screen: CheckInScreen) -> int:
    return len(
        recent_scans(doc=screen.context.require_document(), desk=screen.controller.desk_name, limit=100)
    )


def focus_screen(screen: CheckInScreen, qtbot: QtBot) -> None:
    screen.activateWindow()
    screen.search.setFocus()
    qtbot.waitUntil(screen.search.hasFocus)


def test_the_walk_in_dialog_by_keyboard_space_ticks_and_one_escape_closes(
    screen: CheckInScreen, qtbot: QtBot
) -> None:
    focus_screen(screen, qtbot)
    key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = wait_for_dialog(qtbot, WalkInDialog)
    assert isinstance(dialog, WalkInDialog)
    press("Ines")
    key(Qt.Key.Key_Tab)
    press("Vermeulen")
    settle(qtbot)
    assert (dialog.given_name.text(), dialog.family_name.text()) == ("Ines", "Vermeulen")
    dialog.consent.setFocus()
    qtbot.waitUntil(dialog.consent.hasFocus)
    key(Qt.Key.Key_Space)
    settle(qtbot)
    assert dialog.consent.isChecked(), "Space did not tick the consent box"
    before = door_scans(screen)
    key(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2_000)
    assert door_scans(screen) == before


def test_a_walk_in_saved_by_keyboard_alone(screen: CheckInScreen, qtbot: QtBot) -> None:
    focus_screen(screen, qtbot)
    key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = wait_for_dialog(qtbot, WalkInDialog)
    assert isinstance(dialog, WalkInDialog)
    dialog.print_badge.setChecked(False)
    press("Maarten")
    key(Qt.Key.Key_Tab)
    press("Peeters")
    settle(qtbot)
    with qtbot.waitSignal(dialog.finished, timeout=10_000) as finished:
        key(Qt.Key.Key_Return)
    assert finished.args == [QDialog.DialogCode.Accepted.value], dialog.general_error.text()
    assert door_scans(screen) == 1, "the walk-in was not checked in"


def test_a_pin_typed_at_scanner_speed_in_a_dialog_goes_into_its_field_not_the_door_log(
    screen: CheckInScreen, qtbot: QtBot
) -> None:
    focus_screen(screen, qtbot)
    before = door_scans(screen)
    key(Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_for_dialog(qtbot, SetPinDialog)
    assert isinstance(dialog, SetPinDialog)
    # A burst ending in Enter, 4 ms a key: exactly what the desk takes for a scanner.
    typed: list[str] = []
    dialog.pin.textChanged.connect(typed.append)
    type_burst(QApplication.focusWidget() or dialog, "48151623")
    settle(qtbot)
    assert typed[-1:] == ["48151623"]
    assert dialog.repeat.hasFocus(), "Enter after the PIN moves on to repeating it"
    assert door_scans(screen) == before, "keys typed into a dialog were logged as door scans"
    key(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2_000)


def test_a_badge_scanned_while_a_dialog_is_open_is_not_a_door_scan(
    screen: CheckInScreen, qtbot: QtBot
) -> None:
    doc = screen.context.require_document()
    person = people(doc, n=1)[0]
    focus_screen(screen, qtbot)
    key(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = wait_for_dialog(qtbot, WalkInDialog)
    before = door_scans(screen)
    assert isinstance(dialog, WalkInDialog)
    target: QWidget = QApplication.focusWidget() or dialog
    type_burst(target, token_for(doc, person))
    settle(qtbot)
    assert door_scans(screen) == before
    assert dialog.isVisible(), "the scanner's Enter saved the dialog"
    assert dialog.given_name.text() == "", "the badge code was typed into the name"
    assert "not checked in" in screen.status_line.text()
    key(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2_000)
    # With the dialog gone, the desk takes scans again.
    type_burst(screen.search, token_for(doc, person), start_ms=9_000_000)
    qtbot.waitUntil(lambda: door_scans(screen) == before + 1, timeout=5_000)


def test_undo_check_in_by_keyboard_alone(screen: CheckInScreen, qtbot: QtBot) -> None:
    doc = screen.context.require_document()
    person = people(doc, n=1)[0]
    focus_screen(screen, qtbot)
    type_burst(screen.search, token_for(doc, person))
    qtbot.waitUntil(lambda: door_scans(screen) == 1, timeout=5_000)
    qtbot.waitUntil(lambda: screen.recent.rowCount() == 1, timeout=5_000)
    key(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(screen.recent_view.hasFocus)
    key(Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: screen.undo_button.isEnabled(), timeout=2_000)
    key(Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_for_dialog(qtbot, UndoCheckInDialog)
    assert isinstance(dialog, UndoCheckInDialog)
    press("wrong badge")
    settle(qtbot)
    assert dialog.reason.text() == "wrong badge"
    with qtbot.waitSignal(dialog.finished, timeout=5_000):
        key(Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_who_is_inside_by_keyboard_alone(screen: CheckInScreen, qtbot: QtBot, tmp_path: Path) -> None:
    screen.context.settings.set(LAST_FOLDER, str(tmp_path))
    focus_screen(screen, qtbot)
    key(Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = wait_for_dialog(qtbot, QFileDialog)
    assert isinstance(dialog, QFileDialog)
    with qtbot.waitSignal(dialog.fileSelected, timeout=5_000):
        key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "people inside" in screen.status_line.text(), timeout=10_000)
    assert (tmp_path / "People inside.pdf").stat().st_size > 0
