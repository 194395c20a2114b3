"""Every dialog the menus open, in German and French at 1366×768: nothing English, nothing cut off.

The menus are walked, not listed: an action whose title ends in "…" opens a dialog (the
convention the menus follow), so a dialog added to a menu later is checked without editing
this test. Each dialog is looked at once it is on screen, then cancelled, so nothing is
changed; the few actions whose dialog starts work of its own at once are left out by name.
Qt's own file dialog is not eventdesk's text (qtbase translates it): it is only closed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu, QWidget
from pytestqt.qtbot import QtBot

from eventdesk.ui.main_window import MainWindow
from tests.factories import EventFactory
from tests.ui.layout_checks import clipped, untranslated

# Opening these starts work at once (hosting starts a database server for the LAN).
STARTS_WORK = {"host_action"}


@pytest.fixture(scope="module")
def event_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return EventFactory(tmp_path_factory.mktemp("menus")).demo_path(attendees=60, companies=6)


def _menu_actions(menu: QMenu) -> Iterator[QAction]:
    menu.aboutToShow.emit()  # menus that fill themselves when opened (recent events)
    for action in menu.actions():
        if action.menu() is not None:
            yield from _menu_actions(action.menu())  # type: ignore[arg-type]
        elif not action.isSeparator():
            yield action


def dialog_actions(translated_window: MainWindow) -> list[QAction]:
    skipped = {getattr(translated_window, name) for name in STARTS_WORK}
    menus = [top.menu() for top in translated_window.menuBar().actions() if top.menu() is not None]
    found = []
    for menu in menus:
        for action in _menu_actions(menu):  # type: ignore[arg-type]
            title = action.text().replace("&", "")
            # Help's entries (the guide, About) are dialogs without the "…".
            if (title.endswith("…") or menu is menus[-1]) and action.isEnabled() and action not in skipped:
                found.append(action)
    return found


class DialogInspector:
    """Looks at each new top-level dialog while it is up, then cancels it.

    A timer, not code after `trigger()`: a dialog run with `exec()` holds the event loop
    until it closes, and only timers still fire inside it.
    """

    def __init__(self, language: str) -> None:
        self.language = language
        self.problems: list[str] = []
        self.seen: list[str] = []
        self._known: set[int] = set()
        self._pending: list[QDialog] = []
        self._timer = QTimer()
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._look)

    def expect(self, title: str) -> None:
        self.title = title
        self._known = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _look(self) -> None:
        # A dialog first seen on this tick is measured on the next, once its layout has run.
        for widget in self._pending:
            if widget.isVisible():
                name = f"{self.title} → {type(widget).__name__}"
                self.seen.append(name)
                if not isinstance(widget, QFileDialog):
                    self.problems += [f"{name}: {p}" for p in self._problems(widget)]
                widget.reject()
        self._pending = []
        for widget in QApplication.topLevelWidgets():
            if id(widget) in self._known or not widget.isVisible() or not isinstance(widget, QDialog):
                continue
            self._known.add(id(widget))
            self._pending.append(widget)

    def _problems(self, widget: QWidget) -> list[str]:
        return [*untranslated(widget, self.language), *clipped(widget)]


@pytest.mark.parametrize("in_language", ["de", "fr"], indirect=True)
def test_every_dialog_the_menus_open(translated_window: MainWindow, in_language: str, qtbot: QtBot) -> None:
    actions = dialog_actions(translated_window)
    assert len(actions) >= 15, [a.text() for a in actions]
    inspector = DialogInspector(in_language)
    try:
        for action in actions:
            title = action.text().replace("&", "")
            before = len(inspector.seen)
            inspector.expect(title)
            QTimer.singleShot(0, action.trigger)
            qtbot.waitUntil(lambda before=before: len(inspector.seen) > before, timeout=15_000)
            qtbot.wait(300)  # a dialog that follows the first (a file chooser's answer) is looked at too
    finally:
        inspector.stop()
    assert len(inspector.seen) >= len(actions), inspector.seen
    assert not inspector.problems, "\n".join(inspector.problems)
