"""The main window fits the available screen, restores only a geometry that still fits, and
no content (a scanned code, a long name) makes it wider."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRect
from pytestqt.qtbot import QtBot

from eventdesk.settings import WINDOW_STATE, Settings
from eventdesk.ui.context import EventContext
from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.screens.attendees import AttendeesScreen
from tests.factories import EventFactory
from tests.ui.helpers import open_in


def available(window: MainWindow) -> QRect:
    return window.screen().availableGeometry()


def new_window(qtbot: QtBot, tmp_path: Path, settings: Settings | None = None) -> MainWindow:
    main = MainWindow(EventContext(settings or Settings()), demo_folder=tmp_path / "demo")
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def test_the_window_opens_within_the_available_screen(window: MainWindow) -> None:
    assert available(window).contains(window.geometry()), (window.geometry(), available(window))


def test_a_remembered_geometry_is_restored_only_when_it_still_fits(qtbot: QtBot, tmp_path: Path) -> None:
    first = new_window(qtbot, tmp_path)
    area = available(first)
    first.setGeometry(area.left() + 10, area.top() + 10, area.width() - 60, area.height() - 90)
    fitting = bytes(first.saveGeometry().toBase64().data()).decode("ascii")
    first.setGeometry(area.left(), area.top(), area.width() * 2, area.height() * 2)
    too_big = bytes(first.saveGeometry().toBase64().data()).decode("ascii")
    first.close()

    settings = Settings()
    settings.set(WINDOW_STATE, fitting)
    again = new_window(qtbot, tmp_path, settings)
    assert (again.width(), again.height()) == (area.width() - 60, area.height() - 90)

    settings.set(WINDOW_STATE, too_big)
    oversized = new_window(qtbot, tmp_path, settings)
    assert available(oversized).contains(oversized.geometry()), oversized.geometry()
    assert QByteArray.fromBase64(too_big.encode("ascii"))  # the saved value was real


def test_a_scanned_code_in_the_attendees_search_does_not_widen_the_window(
    window: MainWindow, qtbot: QtBot, events: EventFactory
) -> None:
    open_in(window, qtbot, events.demo_path(attendees=40, companies=4))
    screen = window.event_view.show_screen("attendees")
    assert isinstance(screen, AttendeesScreen)
    width = window.width()
    screen.search_edit.setText("EDB1-" + "X" * 300)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: "no attendee matches" in screen.count_label.text())
    window.adjustSize()
    qtbot.wait(50)
    assert window.width() <= max(width, available(window).width())
    assert window.minimumSizeHint().width() <= available(window).width()
    assert screen.count_label.toolTip().startswith("no attendee matches"), "the whole text is not offered"


def test_an_event_opened_by_a_relative_path_is_remembered_by_its_absolute_path(
    window: MainWindow, qtbot: QtBot, events: EventFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = events.demo_path(attendees=20, companies=3)
    monkeypatch.chdir(path.parent)
    open_in(window, qtbot, path.name)
    assert window.settings.recent_events()[0] == str(path)
