"""Steps several window tests share."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from eventdesk.persistence.document import EventDocument
from eventdesk.settings import Settings
from eventdesk.ui.context import EventContext
from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.worker import cancel_all_and_wait

S = TypeVar("S", bound=QWidget)
"""A screen with an `on_changes` slot and a background `index_task` (check-in, leads)."""


def open_in(window: MainWindow, qtbot: QtBot, target: str | Path) -> None:
    """Open an event through the window, as File > Open does, and wait until it shows."""
    task = window.open_event(str(target))
    with qtbot.waitSignal(task.finished, timeout=20_000):
        pass
    assert window.context.has_document, "the event did not open"
    wait_for_dashboard(window, qtbot)


def wait_for_dashboard(window: MainWindow, qtbot: QtBot) -> None:
    """The dashboard reads its figures on the pool: wait until it shows them."""
    from eventdesk.ui.screens.dashboard import DashboardScreen

    screen = window.event_view.current_screen() if window.event_view is not None else None
    if isinstance(screen, DashboardScreen):
        qtbot.waitUntil(lambda: not screen.loading, timeout=20_000)


@contextmanager
def own_context(doc: EventDocument) -> Iterator[EventContext]:
    """A context on its own connection to `doc` (as a second window would open it), closed after."""
    context = EventContext(Settings())
    context.set_document(EventDocument.open(doc.display_location))
    try:
        yield context
    finally:
        cancel_all_and_wait()
        context.close_document()


def show_screen_ready(qtbot: QtBot, context: EventContext, screen: S, size: tuple[int, int]) -> S:
    """Show `screen` wired to the context as the event view wires it, once its search index is built."""
    context.changed.connect(screen.on_changes)
    qtbot.addWidget(screen)
    screen.resize(*size)
    screen.show()
    qtbot.waitExposed(screen)
    task = screen.index_task
    if task is not None and task.is_running:
        with qtbot.waitSignal(task.finished, timeout=20_000):
            pass
    return screen
