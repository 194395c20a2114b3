"""Preferences › Language: the window comes back in the chosen language, on the same event and screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from eventdesk.i18n import current_language
from eventdesk.settings import LANGUAGE
from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.translator import switch_language
from tests.factories import EventFactory
from tests.ui.helpers import open_in


@pytest.fixture(autouse=True)
def _english_afterwards(qapp: QApplication) -> Iterator[None]:
    yield
    switch_language("en", qapp)


def test_choosing_french_reopens_the_event_on_the_same_screen(
    window: MainWindow, qtbot: QtBot, events: EventFactory
) -> None:
    path = events.demo_path(attendees=40, companies=3)
    open_in(window, qtbot, path)
    window.show_screen("checkin")
    menu = window.language_menu
    assert menu.action_for("").isChecked(), "the system language is the default"

    with qtbot.waitSignal(window.reopened, timeout=20_000) as reopened:
        menu.action_for("fr").trigger()
    successor = reopened.args[0]
    assert isinstance(successor, MainWindow)
    qtbot.addWidget(successor)
    qtbot.waitUntil(lambda: successor.event_view is not None, timeout=20_000)
    qtbot.waitUntil(lambda: successor.event_view.current_key() == "checkin", timeout=20_000)

    assert not window.isVisible() and successor.isVisible()
    assert current_language() == "fr"
    assert successor.settings.get(LANGUAGE) == "fr"
    assert successor.context.document is not None
    assert str(path) in successor.windowTitle() or path.name in successor.windowTitle()
    menus = [action.text() for action in successor.menuBar().actions()]
    assert menus[0] == "&Fichier" and "&Préférences" in menus
    navigation = successor.event_view.navigation
    assert navigation.currentItem().text().startswith("Enregistrement")
    assert successor.language_menu.action_for("fr").isChecked()
    screen = successor.event_view.current_screen()
    assert "&Chercher par nom" in [label.text() for label in screen.findChildren(QLabel)]


def test_the_welcome_page_switches_too(window: MainWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(window.reopened, timeout=10_000) as reopened:
        window.language_menu.action_for("da").trigger()
    successor = reopened.args[0]
    qtbot.addWidget(successor)
    labels = [button.text() for button in successor.welcome.findChildren(QPushButton)]
    assert "Åbn et demo-arrangement" in labels


def test_event_printed_in_sets_the_events_language(
    window: MainWindow, qtbot: QtBot, events: EventFactory
) -> None:
    path = events.demo_path(attendees=20, companies=2)
    open_in(window, qtbot, path)
    menu = window.event_language_menu
    menu.aboutToShow.emit()
    assert [a.data() for a in menu.actions() if a.isChecked()] == ["en"]
    next(a for a in menu.actions() if a.data() == "da").trigger()
    assert window.context.summary.language == "da"
    assert "Dansk" in window.statusBar().currentMessage()
    menu.aboutToShow.emit()
    assert [a.data() for a in menu.actions() if a.isChecked()] == ["da"]
