"""Worker processes that end as soon as the process that started them is gone.

A spawned worker (the badge pool's QR encoders, the importer's row reader) normally learns of
its parent's end only at its next read from a pipe, and a busy pool worker reads when it has
finished its chunk, or never if it waits on a queue the dead parent will not fill: after a
`kill -9` of the app they lived on for minutes, and multiprocessing's resource tracker, which
waits for every holder of its pipe, with them. `multiprocessing` gives every spawned child a
sentinel that becomes ready when the parent dies; a daemon thread waits on it and ends the
worker at once. Not `prctl(PR_SET_PDEATHSIG)`: that fires when the *thread* that spawned the
worker ends, and pools are started from threads (a background task's) that come and go.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from multiprocessing.connection import wait

POLL_SECONDS = 0.25
EXIT_CODE = 70  # EX_SOFTWARE: not a normal end, but not a crash either


def _watch(sentinel: int | None, parent_pid: int) -> None:
    if sentinel is not None:
        wait([sentinel])
    else:  # a forked child, or no sentinel: whoever adopts an orphan has another pid
        while os.getppid() == parent_pid:
            time.sleep(POLL_SECONDS)
    os._exit(EXIT_CODE)


def exit_when_parent_dies() -> None:
    """Call first thing in a worker process (a pool's `initializer`, a Process's target)."""
    parent = multiprocessing.parent_process()
    sentinel = getattr(parent, "sentinel", None) if parent is not None else None
    threading.Thread(
        target=_watch, args=(sentinel, os.getppid()), name="eventdesk-parent-watch", daemon=True
    ).start()
