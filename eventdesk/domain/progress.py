"""How long work reports progress and learns that it was cancelled.

The core cannot know about Qt signals, so long operations take a `Progress` and call it;
the UI's worker helper supplies one that forwards to a progress bar, the CLI one that
prints nothing (or a percentage). Cancellation is cooperative: `check()` raises
`Cancelled`, and the operation's transaction rolls back on the way out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from eventdesk.domain.errors import Cancelled


@dataclass
class Progress:
    """Progress sink with cooperative cancellation; safe to call from a worker thread."""

    on_report: Callable[[int, int, str], None] | None = None
    is_cancelled: Callable[[], bool] = field(default=lambda: False)

    def report(self, done: int, total: int, message: str = "") -> None:
        if self.on_report is not None:
            self.on_report(done, total, message)
        self.check()

    def check(self) -> None:
        if self.is_cancelled():
            raise Cancelled()


NO_PROGRESS = Progress()
