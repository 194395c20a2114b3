"""Thousands of tiny background tasks, each forgotten by its caller as `ui/printing.py` does.

    python -m tests.ui.worker_teardown_stress N

The GUI thread ends every task (and, before the fix, destroyed its relay) while the pool
thread may still be returning from the relay's emit() and dropping its references: with the
old `ui/worker.py` this crashed about one run of 3,000 tasks in three, the crash that made
`tests/ui/test_printing.py` flaky. Run in its own process so a crash fails one test, not the
suite.
"""

from __future__ import annotations

import faulthandler
import sys

from PySide6.QtCore import QEventLoop
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from eventdesk.ui.worker import run_in_background


def main(count: int) -> int:
    faulthandler.enable()
    app = QApplication([])
    for index in range(count):
        printer = QPrinter()  # a Qt object in the job's closure, as a print job has
        loop = QEventLoop()
        task = run_in_background(
            lambda progress, p=printer, i=index: (p, i),
            parent=None,
            title="stress",
            show_progress_after_ms=None,
        )
        task.finished.connect(loop.quit)
        del printer, task  # only the worker's own registry holds it now
        loop.exec()
    print("finished", count, flush=True)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main(int(sys.argv[1])))
