"""The keyboard-wedge filter: scanner bursts become scans, people's typing arrives intact."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from eventdesk.scanning.keyboard_layouts import type_as
from eventdesk.ui.scanner_input import ScannerInput
from tests.ui.checkin_support import type_burst


@pytest.fixture
def form(qtbot: QtBot) -> Iterator[tuple[QWidget, QLineEdit, QLineEdit, ScannerInput, list[str]]]:
    window = QWidget()
    first, second = QLineEdit(), QLineEdit()
    layout = QVBoxLayout(window)
    layout.addWidget(first)
    layout.addWidget(second)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    scanner = ScannerInput(window)
    scans: list[str] = []
    scanner.scanned.connect(scans.append)
    scanner.attach()
    yield window, first, second, scanner, scans
    scanner.detach()


def test_a_burst_ending_in_enter_is_a_scan_and_types_nothing(form) -> None:  # type: ignore[no-untyped-def]
    _, first, second, _, scans = form
    first.setText("kept")
    type_burst(first, "EVT7Q2.1.1.ABCDEFGH")
    type_burst(second, "ABC-123-xyz", start_ms=2_000_000)
    assert scans == ["EVT7Q2.1.1.ABCDEFGH", "ABC-123-xyz"]
    assert first.text() == "kept"
    assert second.text() == ""


def test_a_person_typing_slowly_is_not_a_scan_and_every_letter_arrives_in_order(
    form,
    qtbot: QtBot,  # type: ignore[no-untyped-def]
) -> None:
    _, first, _, _, scans = form
    first.setFocus()
    QTest.keyClicks(first, "Sophie Van de Velde", delay=60)
    qtbot.waitUntil(lambda: first.text() == "Sophie Van de Velde", timeout=2000)
    QTest.keyClick(first, Qt.Key.Key_Return)
    assert scans == []


def test_a_fast_typist_with_rolled_keys_is_still_a_person(form, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    """Two keys 15 ms apart, then a pause: held back, then handed over in order."""
    _, first, _, _, scans = form
    type_burst(first, "th", gap_ms=15)  # ends in Enter, but two keys are not a code
    qtbot.waitUntil(lambda: first.text() == "th", timeout=2000)
    assert scans == []


def test_a_burst_cut_by_a_pause_is_given_back_as_typing(form, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _, first, _, scanner, scans = form
    from PySide6.QtWidgets import QApplication

    from tests.ui.checkin_support import key_event

    for n, char in enumerate("abcd"):
        QApplication.sendEvent(first, key_event(char, 5_000_000 + 4 * n))
    QTest.qWait(scanner.max_gap_ms * 3)
    QApplication.sendEvent(first, key_event("e", 5_000_500))
    qtbot.waitUntil(lambda: first.text() == "abcde", timeout=2000)
    assert scans == []


def test_arrows_and_backspace_release_held_keys_first(form, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    _, first, _, _, scans = form
    first.setFocus()
    QTest.keyClicks(first, "ab")  # fast: held
    QTest.keyClick(first, Qt.Key.Key_Backspace)
    assert first.text() == "a"
    assert scans == []


@pytest.mark.parametrize("layout", ["AZERTY (Belgium)", "QWERTZ (Germany)", "Nordic (Sweden/Finland)"])
def test_garbled_bursts_come_through_exactly_as_typed(form, layout: str) -> None:  # type: ignore[no-untyped-def]
    _, first, _, _, scans = form
    garbled = type_as("EVT7Q2.12.1.AbCd-_/", layout)
    type_burst(first, garbled)
    assert scans == [garbled]
    assert first.text() == ""


def test_detached_it_lets_everything_through(form) -> None:  # type: ignore[no-untyped-def]
    _, first, _, scanner, scans = form
    scanner.detach()
    type_burst(first, "ABCDEFGH")
    assert first.text() == "ABCDEFGH"
    assert scans == []
