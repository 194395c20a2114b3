"""The one way the window runs long work: off the GUI thread, with progress, Cancel and one result.

Every screen uses `run_in_background` for anything that may take more than a blink (opening
and migrating a file, generating a demo, importing, rendering badges, solving a schedule)::

    def _import(self, path: Path) -> None:
        doc = self.context.require_document()
        run_in_background(
            lambda progress: import_attendees(doc=doc, path=path, progress=progress),
            parent=self,
            title=self.tr("Importing attendees"),
            context=self.context,
            on_result=self._show_report,
        )

The job is a plain callable taking a `Progress`; it is core code and knows nothing of Qt. It
calls `progress.report(done, total, message)` now and then, which also raises `Cancelled` once
the person has pressed Cancel, so its transaction rolls back on the way out.

What happens with the outcome, always on the GUI thread:

* a result is passed to `on_result`; if it is a `Changes` record (or has a `changes` attribute
  holding one) `context.notify` then tells every screen what changed; `succeeded` is emitted;
* an `EventdeskError` is shown in a message box with its one-sentence text (or passed to
  `on_error` instead), and `failed` is emitted with that text;
* `Cancelled` is silent apart from the `cancelled` signal: the person asked for it;
* anything else is a bug: its traceback goes to stderr and into the box's details;
* `finished` is emitted last in every case, so tests can `qtbot.waitSignal(task.finished)`.

The progress dialog appears only when the work lasts longer than `show_progress_after_ms`,
so quick operations do not flash a window; None never shows it, for preparation the person
did not ask for (loading the people search while they look at the list). It is window-modal:
the window keeps painting and responding, but nobody can close the event under a running job.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from eventdesk.domain.changes import Changes
from eventdesk.domain.errors import Cancelled, EventdeskError
from eventdesk.domain.progress import Progress
from eventdesk.ui.context import EventContext
from eventdesk.ui.messages import show_bug, show_error

Job = Callable[[Progress], Any]

# A worker may call `report` for every row; the GUI only needs a few updates a second.
REPORT_INTERVAL_S = 0.05
DEFAULT_SHOW_AFTER_MS = 400

_ACTIVE: set[BackgroundTask] = set()


class _Relay(QObject):
    """Carries the outcome from the pool thread; its signals are queued to the GUI thread."""

    reported = Signal(int, int, str)
    returned = Signal(object)
    refused = Signal(str)
    was_cancelled = Signal()
    crashed = Signal(str, str)


class _Runnable(QRunnable):
    """Runs the job on a pool thread and hands its outcome to the relay.

    No Python-owned Qt object may lose its last reference on the pool thread: destroying a
    QObject there while the GUI thread destroys the task connected to it (the task ends as
    soon as the outcome arrives) is a data race inside Qt and shiboken. It crashed the
    printing tests about one run in ten: the GUI thread's ~QObject read the Python wrapper
    of the relay that the pool thread was freeing. So the runnable drops the job before the
    outcome is sent (the task still holds it then), the relay belongs to the task on the C++
    side (only the task's destructor, on the GUI thread, deletes it), and the task is
    released only after `emitted` says the pool thread is done with the relay.
    """

    def __init__(self, job: Job, relay: _Relay, cancel_event: threading.Event) -> None:
        super().__init__()
        self._job: Job | None = job
        self._relay = relay
        self._cancel_event = cancel_event
        self.emitted = threading.Event()

    def _alive(self) -> bool:
        # At interpreter exit a job that ignored Cancel can outlive the relay; say nothing then.
        return shiboken6.isValid(self._relay)

    def run(self) -> None:
        try:
            self._run()
        finally:
            self.emitted.set()

    def _run(self) -> None:
        last_sent = 0.0
        job, self._job = self._job, None
        assert job is not None

        def report(done: int, total: int, message: str) -> None:
            nonlocal last_sent
            now = time.monotonic()
            if self._alive() and (now - last_sent >= REPORT_INTERVAL_S or (total and done >= total)):
                last_sent = now
                self._relay.reported.emit(int(done), int(total), message)

        progress = Progress(report, self._cancel_event.is_set)
        try:
            result = job(progress)
        except Cancelled:
            outcome: tuple[str, tuple[object, ...]] = ("was_cancelled", ())
        except EventdeskError as error:
            outcome = ("refused", (str(error),))
        except Exception as error:
            outcome = ("crashed", (f"{type(error).__name__}: {error}", traceback.format_exc()))
        else:
            outcome = ("returned", (result,))
            del result
        # The job's closure (printers, documents) is let go here, while the task still holds
        # it: the last reference is then dropped on the GUI thread.
        del job, progress
        if self._alive():
            signal_name, arguments = outcome
            del outcome
            getattr(self._relay, signal_name).emit(*arguments)


class BackgroundTask(QObject):
    """One running job; made by `run_in_background`, kept alive until it has finished."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(
        self,
        job: Job,
        *,
        parent: QWidget | None,
        title: str,
        context: EventContext | None = None,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        show_progress_after_ms: int | None = DEFAULT_SHOW_AFTER_MS,
    ) -> None:
        # Deliberately not a child of `parent`: a screen closing mid-job must not delete the
        # object that the pool thread is about to report to.
        super().__init__()
        self.title = title
        self._job = job
        self._parent = parent
        self._context = context
        self._on_result = on_result
        self._on_error = on_error
        self._show_after_ms = show_progress_after_ms
        self._cancel_event = threading.Event()
        self._running = False
        self._last_report: tuple[int, int, str] = (0, 0, "")
        self._dialog: QProgressDialog | None = None
        # A C++ child of the task: deleted with it, on the GUI thread, never by the pool thread
        # dropping its Python reference (see `_Runnable`).
        self._relay = _Relay(self)
        self._runnable: _Runnable | None = None
        self._relay.reported.connect(self._on_reported)
        self._relay.returned.connect(self._on_returned)
        self._relay.refused.connect(self._on_refused)
        self._relay.was_cancelled.connect(self._on_cancelled)
        self._relay.crashed.connect(self._on_crashed)

    # -- control ----------------------------------------------------------------------------

    def start(self) -> BackgroundTask:
        self._running = True
        _ACTIVE.add(self)
        delay = self._show_after_ms
        if delay is not None and delay <= 0:
            self._show_dialog()
        elif delay is not None:
            QTimer.singleShot(delay, self._show_dialog)
        runnable = _Runnable(self._job, self._relay, self._cancel_event)
        self._runnable = runnable
        QThreadPool.globalInstance().start(runnable)
        return self

    def cancel(self) -> None:
        """Ask the job to stop at its next progress report; it rolls back and ends silently."""
        self._cancel_event.set()

    @property
    def is_running(self) -> bool:
        return self._running

    @property
    def is_cancel_requested(self) -> bool:
        return self._cancel_event.is_set()

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        return self._dialog

    # -- the progress dialog ----------------------------------------------------------------

    def _parent_widget(self) -> QWidget | None:
        parent = self._parent
        return parent if parent is not None and shiboken6.isValid(parent) else None

    def _show_dialog(self) -> None:
        if not self._running or self._dialog is not None:
            return
        dialog = QProgressDialog(self._parent_widget())
        dialog.setObjectName("workerProgress")
        dialog.setWindowTitle(self.title)
        dialog.setLabelText(self.title)
        dialog.setCancelButtonText(self.tr("Cancel"))
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(420)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.canceled.connect(self.cancel)
        self._dialog = dialog
        self._apply_report()
        dialog.show()

    def _apply_report(self) -> None:
        # A local reference: a modal QProgressDialog's setValue() processes events, and the job's
        # outcome may arrive in there and close (and forget) the dialog before the label is set.
        dialog = self._dialog
        if dialog is None:
            return
        done, total, message = self._last_report
        dialog.setLabelText(message or self.title)
        if total > 0:
            dialog.setRange(0, total)
            dialog.setValue(min(done, total))
        else:
            dialog.setRange(0, 0)

    def _close_dialog(self) -> None:
        if self._dialog is not None and shiboken6.isValid(self._dialog):
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
        self._dialog = None

    # -- outcomes (GUI thread) --------------------------------------------------------------

    @Slot(int, int, str)
    def _on_reported(self, done: int, total: int, message: str) -> None:
        self._last_report = (done, total, message)
        self._apply_report()
        self.progressed.emit(done, total, message)

    @Slot(object)
    def _on_returned(self, result: object) -> None:
        self._end()
        if self._on_result is not None:
            self._on_result(result)
        changes = result if isinstance(result, Changes) else getattr(result, "changes", None)
        if self._context is not None and isinstance(changes, Changes):
            self._context.notify(changes)
        self.succeeded.emit(result)
        self._finish()

    @Slot(str)
    def _on_refused(self, message: str) -> None:
        self._end()
        if self._on_error is not None:
            self._on_error(message)
        else:
            show_error(self._parent_widget(), message, title=self.title)
        self.failed.emit(message)
        self._finish()

    @Slot()
    def _on_cancelled(self) -> None:
        self._end()
        self.cancelled.emit()
        self._finish()

    @Slot(str, str)
    def _on_crashed(self, summary: str, details: str) -> None:
        self._end()
        print(f"eventdesk: unexpected error in '{self.title}':\n{details}", file=sys.stderr)
        if self._on_error is not None:
            self._on_error(summary)
        else:
            show_bug(self._parent_widget(), summary, details)
        self.failed.emit(summary)
        self._finish()

    def _end(self) -> None:
        self._running = False
        self._close_dialog()

    def _finish(self) -> None:
        self.finished.emit()
        runnable, self._runnable = self._runnable, None
        if runnable is not None:
            # The outcome is queued from inside the relay's emit(); the pool thread may still be
            # returning from it. Microseconds, but the relay must outlive it.
            runnable.emitted.wait(5.0)
        _ACTIVE.discard(self)


def run_in_background(
    job: Job,
    *,
    parent: QWidget | None,
    title: str,
    context: EventContext | None = None,
    on_result: Callable[[Any], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    show_progress_after_ms: int | None = DEFAULT_SHOW_AFTER_MS,
) -> BackgroundTask:
    """Start `job(progress)` on the thread pool; see the module docstring for what follows."""
    task = BackgroundTask(
        job,
        parent=parent,
        title=title,
        context=context,
        on_result=on_result,
        on_error=on_error,
        show_progress_after_ms=show_progress_after_ms,
    )
    return task.start()


def active_tasks() -> list[BackgroundTask]:
    return [task for task in _ACTIVE if task.is_running]


def cancel_all_and_wait(timeout_ms: int = 10_000) -> bool:
    """On quit: stop every job at its next report and let it roll back before the app exits."""
    for task in list(_ACTIVE):
        task.cancel()
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
