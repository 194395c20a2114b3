"""A screen's reads of a PostgreSQL event: on the thread pool, with a line that says why it waits.

On an event file a list reads in milliseconds, so the screens read it on the GUI thread and
show it at once. On a server event every read is a network call, and venue Wi-Fi can drop
silently: a read then waits for the connection's keepalives and timeouts (seconds), and on the
GUI thread the whole window would freeze for that long. So on a server event `ScreenReads`
runs each read on the pool (`worker.run_in_background`, no progress dialog) and hands the
result to the screen when it arrives; meanwhile `ServerWaitLine` shows "Loading…", and after
`SILENT_AFTER_MS` without an answer, that the server is not answering. A read that fails for
the network is tried again by itself every `RETRY_MS` until the server answers; the screen
keeps showing what it read before. A second read of the same kind asked for while one runs
waits for it and then runs once, with the newest request: a burst of changes is one reload.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from eventdesk.domain.errors import EventdeskError
from eventdesk.persistence.server_link import describe_server_failure
from eventdesk.sync.link import is_connection_problem
from eventdesk.ui.context import EventContext
from eventdesk.ui.worker import BackgroundTask, run_in_background

LOADING_AFTER_MS = 300
SILENT_AFTER_MS = 3000
RETRY_MS = 5000

Read = tuple[Callable[[], Any], Callable[[Any], None]]


class ServerUnreachableForRead(EventdeskError):
    """A screen's read met a server that does not answer (the words say why)."""


class ServerWaitLine(QLabel):
    """One line above a screen's content: hidden while nothing waits for the server."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverWait")
        self.setWordWrap(True)
        self.hide()

    def loading(self) -> None:
        self.setText(self.tr("Loading…"))
        self._show(warning=False)

    def silent(self) -> None:
        self.setText(
            self.tr(
                "The event's server is not answering; this screen shows what it read before and fills "
                "in by itself when the server answers."
            )
        )
        self._show(warning=True)

    def failed(self, why: str) -> None:
        self.setText(
            self.tr(
                "The event's server did not answer ({why}); this screen shows what it read before and "
                "tries again by itself."
            ).format(why=why)
        )
        self._show(warning=True)

    def done(self) -> None:
        self.hide()
        self.clear()

    def _show(self, *, warning: bool) -> None:
        if self.property("warning") != warning:
            self.setProperty("warning", warning)
            self.style().unpolish(self)
            self.style().polish(self)
        self.show()


class ScreenReads(QObject):
    """Runs a screen's reads where they cannot freeze it: at once on a file, on the pool on a
    server. `read(kind, job, apply)`: `job` is core code (no Qt) returning what `apply` shows."""

    def __init__(self, context: EventContext, line: ServerWaitLine, parent: QObject) -> None:
        super().__init__(parent)
        self.context = context
        self.line = line
        self._running: dict[str, BackgroundTask] = {}
        self._waiting: dict[str, Read] = {}
        self._loading_timer = _single_shot(self, LOADING_AFTER_MS, self._show_loading)
        self._silent_timer = _single_shot(self, SILENT_AFTER_MS, self._show_silent)
        self._retry_timer = _single_shot(self, RETRY_MS, self._retry)
        self._failed: dict[str, Read] = {}

    @property
    def busy(self) -> bool:
        """A read is on its way (tests wait for this to turn False)."""
        return bool(self._running or self._waiting)

    def read(self, kind: str, job: Callable[[], Any], apply: Callable[[Any], None]) -> None:
        doc = self.context.document
        if doc is None:
            return
        if doc.is_sqlite:
            apply(job())
            return
        self._failed.pop(kind, None)
        if kind in self._running:
            self._waiting[kind] = (job, apply)
            return
        self._start(kind, job, apply)

    def _start(self, kind: str, job: Callable[[], Any], apply: Callable[[Any], None]) -> None:
        doc = self.context.document

        def work(_progress: object) -> Any:
            try:
                return job()
            except Exception as error:
                if is_connection_problem(error):
                    raise ServerUnreachableForRead(describe_server_failure(error)) from error
                raise

        def arrived(result: object) -> None:
            if shiboken6.isValid(self) and self.context.document is doc:
                apply(result)

        def failed(why: str) -> None:
            if shiboken6.isValid(self):
                self._failed[kind] = (job, apply)
                self.line.failed(why)
                self._retry_timer.start()

        task = run_in_background(
            work,
            parent=None,
            title=self.tr("Reading from the event's server"),
            on_result=arrived,
            on_error=failed,
            show_progress_after_ms=None,
        )
        self._running[kind] = task
        task.finished.connect(lambda: self._finished(kind))
        if not self._loading_timer.isActive() and not self.line.isVisible():
            self._loading_timer.start()
        if not self._silent_timer.isActive():
            self._silent_timer.start()

    def _finished(self, kind: str) -> None:
        if not shiboken6.isValid(self):
            return
        self._running.pop(kind, None)
        waiting = self._waiting.pop(kind, None)
        if waiting is not None:
            self._start(kind, *waiting)
            return
        if not self._running:
            self._loading_timer.stop()
            self._silent_timer.stop()
            if not self._failed:
                self.line.done()

    def _show_loading(self) -> None:
        if self._running and not self._failed:
            self.line.loading()

    def _show_silent(self) -> None:
        if self._running:
            self.line.silent()

    def _retry(self) -> None:
        failed, self._failed = self._failed, {}
        for kind, (job, apply) in failed.items():
            self.read(kind, job, apply)


def _single_shot(parent: QObject, interval_ms: int, slot: Callable[[], None]) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer
