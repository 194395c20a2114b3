"""Steps several window tests share."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from eventdesk.ui.main_window import MainWindow


def open_in(window: MainWindow, qtbot: QtBot, target: str | Path) -> None:
    """Open an event through the window, as File > Open does, and wait until it shows."""
    task = window.open_event(str(target))
    with qtbot.waitSignal(task.finished, timeout=20_000):
        pass
    assert window.context.has_document, "the event did not open"
