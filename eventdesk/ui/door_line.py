"""The door's own thread: scans on a server event are judged off the GUI thread, in order.

`run_in_background` (worker.py) runs jobs on a pool, where two quick scans could overtake each
other and a scanner's burst would need a progress dialog each; the door needs the opposite: one
line, first in first out, no dialog, the window painting and taking the next scan meanwhile.
Jobs are plain callables (core code, no Qt); their results come back through a queued signal,
so handlers run on the GUI thread. A scan that waits behind a slow one is never dropped.

On a local event file a scan is judged on the GUI thread instead (desk.py says why); the line
is for the network, where one answer can take seconds: a PostgreSQL event's scans, and a desk
replica's, whose door may wait out the hub's budget before it decides on its own.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

Job = Callable[[], Any]
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class DoorLine(QObject):
    """A single worker thread with a queue; `submit` returns at once."""

    _finished = Signal(object, object)
    _failed = Signal(object, object)
    busy_changed = Signal(int)
    """How many jobs are queued or running, after each change (0: idle)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: queue.Queue[tuple[Job, Done | None, Failed | None] | None] = queue.Queue()
        self._outstanding = 0
        self._finished.connect(self._deliver)
        self._failed.connect(self._deliver_error)
        self._thread = threading.Thread(target=self._work, name="eventdesk-door", daemon=True)
        self._thread.start()

    @property
    def outstanding(self) -> int:
        return self._outstanding

    def submit(self, job: Job, *, on_done: Done | None = None, on_error: Failed | None = None) -> None:
        self._outstanding += 1
        self.busy_changed.emit(self._outstanding)
        self._jobs.put((job, on_done, on_error))

    def close(self, timeout: float = 10.0) -> None:
        """Let queued jobs finish (bounded by `timeout`), then end the thread."""
        self._jobs.put(None)
        self._thread.join(timeout)

    def _work(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                return
            job, on_done, on_error = item
            try:
                try:
                    result = job()
                except BaseException as error:
                    self._failed.emit((on_error,), error)
                else:
                    self._finished.emit((on_done,), result)
            except RuntimeError:
                return  # the screen that owned this line is gone: nobody to tell

    def _settle(self) -> None:
        self._outstanding -= 1
        self.busy_changed.emit(self._outstanding)

    def _deliver(self, handler: tuple[Done | None], result: object) -> None:
        self._settle()
        if handler[0] is not None:
            handler[0](result)

    def _deliver_error(self, handler: tuple[Failed | None], error: BaseException) -> None:
        self._settle()
        if handler[0] is not None:
            handler[0](error)
