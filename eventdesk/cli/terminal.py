"""The one-line progress a long command shows on stderr while it works.

Only on a terminal: piped or redirected output (scripts, CI logs) gets no carriage-return
noise, and neither does a command asked for JSON. The line is ended when the work is done,
or has failed, so what is printed next starts on a line of its own.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from eventdesk.domain.progress import Progress


@contextmanager
def progress_line(*, quiet: bool = False, pad: int = 0) -> Iterator[Progress]:
    """A `Progress` that redraws "message  NN%" in place; `pad` widens the message so a
    shorter one fully covers a longer one before it."""
    show = sys.stderr.isatty() and not quiet

    def report(done: int, total: int, message: str) -> None:
        if show and total:
            print(f"\r{message:<{pad}} {100 * done // total:3d}%", end="", file=sys.stderr, flush=True)

    try:
        yield Progress(report)
    finally:
        if show:
            print(file=sys.stderr)
