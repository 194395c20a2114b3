"""At 200 % on a 1366×768 laptop (683×384 logical pixels) every screen and main dialog fits:
nothing larger than the screen, no screen squeezed below what it needs (it scrolls instead),
and every dialog's buttons inside the part of it that is on screen."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QScrollArea, QWidget, QWizard
from pytestqt.qtbot import QtBot

from eventdesk.settings import Settings
from eventdesk.ui import dialog_fit, window_fit
from eventdesk.ui.context import EventContext
from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.worker import cancel_all_and_wait
from tests.factories import EventFactory
from tests.ui.helpers import open_in

SCALE_2_LAPTOP = QRect(0, 0, 683, 384)


@pytest.fixture
def small_window(
    qtbot: QtBot, events: EventFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    """The main window on a screen whose available area is a 1366×768 laptop's at 200 %."""
    for module in (window_fit, dialog_fit):
        monkeypatch.setattr(module, "available_area", lambda _widget: SCALE_2_LAPTOP)
    context = EventContext(Settings(tmp_path / "settings.json"))
    window = MainWindow(context, demo_folder=tmp_path / "demo")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    open_in(window, qtbot, events.demo_path(attendees=80, companies=6, seed=4))
    yield window
    cancel_all_and_wait()
    context.close_document()


def _room() -> QSize:
    return SCALE_2_LAPTOP.size() - dialog_fit.FRAME_ROOM


def _fits(size: QSize, room: QSize) -> bool:
    return size.width() <= room.width() and size.height() <= room.height()


def test_every_screen_keeps_its_minimum_size_inside_a_window_that_fits(
    small_window: MainWindow, qtbot: QtBot
) -> None:
    room = _room()
    assert _fits(small_window.size(), room) and _fits(small_window.minimumSizeHint(), room)
    view = small_window.event_view
    assert view is not None
    qtbot.waitUntil(lambda: view.compact, timeout=3000)  # icons only: the screen gets the width
    assert view.navigation.width() < 100
    keys = view.keys()
    for key in keys:
        screen = view.show_screen(key)
        QApplication.processEvents()
        assert isinstance(screen.parentWidget().parentWidget(), QScrollArea), key
        needed = screen.minimumSizeHint()
        # Squeezed below its minimum a screen draws its buttons over each other; it scrolls instead.
        assert screen.width() >= needed.width() and screen.height() >= needed.height(), (
            f"{key}: {screen.width()}×{screen.height()} shown, {needed.width()}×{needed.height()} needed"
        )
        assert _fits(small_window.size(), room), key


def _dialogs(window: MainWindow) -> dict[str, Callable[[], QWidget | None]]:
    view = window.event_view
    assert view is not None
    attendees = view.screen("attendees")
    return {
        "attendee": lambda: attendees.people_actions.add(),  # type: ignore[attr-defined]
        "walk-in": lambda: view.show_screen("checkin").new_walk_in(),  # type: ignore[attr-defined]
        "import wizard": lambda: window.people_files.open_import("attendees"),
        "make kit": lambda: window.kit_actions.open_make_kit(),
        "new event": lambda: window.new_event(),
        "badge settings": lambda: view.show_screen("badges").open_settings(),  # type: ignore[attr-defined]
        "company": lambda: view.show_screen("companies").add_company(),  # type: ignore[attr-defined]
        "user guide": lambda: window.show_guide(),
        "audit": lambda: window.privacy_actions.open_audit(),
        "join": lambda: window.join_event(),
    }


def test_every_main_dialog_fits_and_shows_its_buttons(small_window: MainWindow, qtbot: QtBot) -> None:
    room = _room()
    for name, opener in _dialogs(small_window).items():
        dialog = opener()
        assert isinstance(dialog, QDialog), name
        qtbot.waitExposed(dialog)
        QApplication.processEvents()
        try:
            assert _fits(dialog.size(), room), f"{name}: {dialog.width()}×{dialog.height()}"
            assert _fits(dialog.minimumSize(), room), name
            boxes = dialog.findChildren(QDialogButtonBox)
            buttons = [b for box in boxes for b in box.buttons()]
            if isinstance(dialog, QWizard):
                buttons += [
                    dialog.button(which)
                    for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton)
                ]
            buttons = [b for b in buttons if b.isVisibleTo(dialog)]
            assert buttons or name == "user guide", name
            for button in buttons:
                where = QRect(button.mapTo(dialog, button.rect().topLeft()), button.size())
                assert dialog.rect().contains(where), f"{name}: {button.text()} is outside the dialog"
        finally:
            dialog.close()
            QApplication.processEvents()
