"""Help › User guide: a page per role with its keyboard shortcuts, opened with F1 anywhere
and from the welcome screen; every shortcut it names is one the app really has."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from eventdesk.ui.help.guide import UserGuide
from eventdesk.ui.help.pages import guide_pages
from eventdesk.ui.main_window import MainWindow
from tests.factories import EventFactory
from tests.ui.helpers import open_in


def shortcuts_of(window: MainWindow) -> set[str]:
    """Every key sequence the window and the screens built so far answer to."""
    native = QKeySequence.SequenceFormat.PortableText
    keys = set()
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            keys.add(sequence.toString(native))
    return keys


def guide_shown(qtbot: QtBot) -> UserGuide:
    qtbot.waitUntil(
        lambda: any(isinstance(w, UserGuide) and w.isVisible() for w in QApplication.topLevelWidgets())
    )
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, UserGuide) and w.isVisible())


def test_f1_opens_the_guide_on_the_page_for_the_screen_in_front(
    window: MainWindow, qtbot: QtBot, events: EventFactory
) -> None:
    open_in(window, qtbot, events.demo_path(attendees=30, companies=4))
    window.show_screen("checkin")
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_F1)
    guide = guide_shown(qtbot)
    assert guide.current_key() == "desk"
    assert "Ctrl+Shift+N" in guide.text.toPlainText() and "New attendee" in guide.text.toPlainText()
    guide.close()
    window.show_screen("leads")
    QTest.keyClick(window, Qt.Key.Key_F1)
    assert guide_shown(qtbot).current_key() == "exhibitor"


def test_the_welcome_screen_offers_the_guide(window: MainWindow, qtbot: QtBot) -> None:
    window.welcome.guide_button.click()
    guide = guide_shown(qtbot)
    titles = [guide.roles.item(row).text() for row in range(guide.roles.count())]
    assert len(titles) == 3 and all(titles)
    for row in range(3):
        guide.roles.setCurrentRow(row)
        assert "Keyboard shortcuts" in guide.text.toPlainText()


def test_every_shortcut_the_guide_names_exists(
    window: MainWindow, qtbot: QtBot, events: EventFactory
) -> None:
    open_in(window, qtbot, events.demo_path(attendees=30, companies=4))
    for key in ("checkin", "leads", "attendees"):
        window.show_screen(key)
    qtbot.wait(100)
    known = shortcuts_of(window) | {"Esc"}  # Esc: dialogs and the search fields handle it themselves
    named = {keys for page in guide_pages() for keys, _what in page.shortcuts}
    missing = {
        keys
        for keys in named
        if QKeySequence(keys).toString(QKeySequence.SequenceFormat.PortableText) not in known
    }
    assert not missing, missing
