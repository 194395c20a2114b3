"""Every screen and the main dialogs, built in each language at 1366×768: nothing English, nothing cut off."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from eventdesk.ui.dialogs.attendee_dialog import AttendeeDialog
from eventdesk.ui.dialogs.company_dialog import CompanyDialog
from eventdesk.ui.dialogs.new_event import NewEventDialog
from eventdesk.ui.dialogs.open_database import OpenDatabaseDialog
from eventdesk.ui.dialogs.walk_in import WalkInDialog
from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.screens import SCREENS
from tests.factories import EventFactory
from tests.ui.layout_checks import clipped, untranslated, visible_texts

LANGUAGES = ("nl", "fr", "de", "da", "sv")


@pytest.fixture(scope="module")
def event_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return EventFactory(tmp_path_factory.mktemp("i18n")).demo_path(attendees=120, companies=12)


def _problems(widget: QWidget, language: str) -> list[str]:
    return [*untranslated(widget, language), *clipped(widget)]


@pytest.mark.parametrize("in_language", LANGUAGES, indirect=True)
def test_every_screen(translated_window: MainWindow, in_language: str, qtbot: QtBot) -> None:
    view = translated_window.event_view
    assert view is not None
    problems: list[str] = []
    for entry in SCREENS:
        if entry.key not in view.keys():  # noqa: SIM118 - a list, not a dict
            continue
        translated_window.show_screen(entry.key)
        screen = view.current_screen()
        qtbot.waitUntil(screen.isVisible, timeout=10_000)
        # Screens that load in the background (matchmaking) show their widgets when done.
        qtbot.waitUntil(lambda s=screen: len(list(visible_texts(s))) >= 3, timeout=20_000)
        qtbot.wait(50)
        problems += [f"{entry.key}: {p}" for p in _problems(translated_window, in_language)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("in_language", LANGUAGES, indirect=True)
def test_the_main_dialogs(
    translated_window: MainWindow, in_language: str, qtbot: QtBot, tmp_path: Path
) -> None:
    context = translated_window.context
    dialogs: list[QDialog] = [
        NewEventDialog(tmp_path, translated_window),
        OpenDatabaseDialog("", translated_window),
        AttendeeDialog(context, parent=translated_window),
        CompanyDialog(context, parent=translated_window),
        WalkInDialog(translated_window),
    ]
    problems: list[str] = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        problems += [f"{type(dialog).__name__}: {p}" for p in _problems(dialog, in_language)]
        dialog.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("in_language", ["fr", "de"], indirect=True)
def test_qts_own_buttons_come_from_qtbase(in_language: str, qtbot: QtBot) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Ok)
    qtbot.addWidget(buttons)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "")
    assert cancel == {"fr": "Annuler", "de": "Abbrechen"}[in_language]
