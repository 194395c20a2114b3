"""Knowing when a widget has really been painted, for "ready" timing and smoke tests.

`show()` only schedules painting; a start-up benchmark that stops the clock there would
flatter itself. The callback runs once a paint event of the widget, or of any widget
inside it, has been handled. Descendants count because Qt skips painting a parent that
opaque children (a scroll area's viewport, a table) cover entirely.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaintFilter(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback = callback
        self._fired = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self._fired
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and (watched is self._widget or self._widget.isAncestorOf(watched))
        ):
            self._fired = True
            # Let the paint event finish (and the backing store flush) before reporting.
            QTimer.singleShot(0, self._done)
        return False

    def _done(self) -> None:
        application = QCoreApplication.instance()
        if application is not None:
            application.removeEventFilter(self)
        self._callback()
        self.deleteLater()


def call_after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    application = QCoreApplication.instance()
    if application is not None:
        application.installEventFilter(_FirstPaintFilter(widget, callback))
