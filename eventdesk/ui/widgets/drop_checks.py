"""Whether a drop on the Matchmaking grid would be refused, asked off the GUI thread.

The core answers with `move_conflict` / `swap_conflict`, which read the event and run the
independent validator: a tenth of a second at a 600-person fair, longer at 3,000. That is
too slow to ask on every mouse move of a drag, so the grid asks here: one question at a
time on the shared thread pool, and while one is being answered only the newest question
waits (the cell under the pointer now; cells the pointer crossed on the way are skipped).
Each answer is kept until the schedule changes. It arrives as a signal; the cursor and the
message follow at the next mouse move.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Question = Callable[[], str | None]

ALLOWED = ""
"""The answer for a drop the core would accept."""


class _Relay(QObject):
    answered = Signal(str, int, str)


class _Ask(QRunnable):
    def __init__(self, relay: _Relay, key: str, generation: int, question: Question) -> None:
        super().__init__()
        self._relay = relay
        self._key = key
        self._generation = generation
        self._question = question

    def run(self) -> None:
        try:
            reason = self._question() or ALLOWED
        except Exception:
            # A failed check must not break the drag: the drop itself is checked again.
            traceback.print_exc(file=sys.stderr)
            reason = ALLOWED
        if shiboken6.isValid(self._relay):
            self._relay.answered.emit(self._key, self._generation, reason)


class DropChecks(QObject):
    answered = Signal(str, str)
    """(key, reason): `ALLOWED` ("") or the sentence why the drop would be refused."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._answers: dict[str, str] = {}
        self._generation = 0
        self._running: str | None = None
        self._waiting: tuple[str, Question] | None = None
        self.relay = _Relay()
        self.relay.answered.connect(self._on_answer)

    def forget(self) -> None:
        """The schedule changed: every answer so far may be wrong now."""
        self._generation += 1
        self._answers.clear()
        self._waiting = None

    def answer(self, key: str) -> str | None:
        """The known answer, or None while it is not known yet."""
        return self._answers.get(key)

    @property
    def busy(self) -> bool:
        return self._running is not None

    def ask(self, key: str, question: Question) -> None:
        """Ask unless already answered or being answered; the newest question waits its turn."""
        if key in self._answers or key == self._running:
            return
        if self._running is not None:
            self._waiting = (key, question)
            return
        self._start(key, question)

    def _start(self, key: str, question: Question) -> None:
        self._running = key
        QThreadPool.globalInstance().start(_Ask(self.relay, key, self._generation, question))

    def _on_answer(self, key: str, generation: int, reason: str) -> None:
        self._running = None
        if generation == self._generation:
            self._answers[key] = reason
            self.answered.emit(key, reason)
        waiting, self._waiting = self._waiting, None
        if waiting is not None and waiting[0] not in self._answers:
            self._start(*waiting)
