"""The worker helper: long work off the GUI thread with progress, cancel and one outcome."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.errors import EventFileError
from eventdesk.domain.progress import Progress
from eventdesk.ui.context import EventContext
from eventdesk.ui.worker import BackgroundTask, active_tasks, run_in_background


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_result_arrives_on_the_gui_thread(qtbot: QtBot, parent: QWidget) -> None:
    seen: dict[str, object] = {}

    def job(progress: Progress) -> int:
        seen["job_thread"] = threading.current_thread()
        return 42

    def on_result(value: int) -> None:
        seen["value"] = value
        seen["result_thread"] = threading.current_thread()

    task = run_in_background(job, parent=parent, title="Adding", on_result=on_result)
    with qtbot.waitSignal(task.succeeded, timeout=5000) as blocker:
        pass
    assert blocker.args == [42]
    assert seen["value"] == 42
    assert seen["job_thread"] is not threading.main_thread()
    assert seen["result_thread"] is threading.main_thread()
    qtbot.waitUntil(lambda: not active_tasks())


def test_progress_reaches_the_dialog_and_the_signal(qtbot: QtBot, parent: QWidget) -> None:
    release = threading.Event()

    def job(progress: Progress) -> str:
        progress.report(0, 10, "Starting")
        progress.report(10, 10, "Row 10 of 10")
        release.wait(5)
        return "done"

    task = run_in_background(job, parent=parent, title="Importing", show_progress_after_ms=0)
    with qtbot.waitSignal(task.progressed, timeout=5000, check_params_cb=lambda d, t, m: d == t == 10):
        pass
    dialog = task.progress_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.maximum() == 10 and dialog.value() == 10
    assert dialog.labelText() == "Row 10 of 10"
    with qtbot.waitSignal(task.finished, timeout=5000):
        release.set()
    assert task.progress_dialog is None


def test_cancel_button_stops_the_job_silently(qtbot: QtBot, parent: QWidget) -> None:
    started = threading.Event()

    def job(progress: Progress) -> str:
        started.set()
        for step in range(10_000):
            progress.report(step, 10_000, "Working")
            threading.Event().wait(0.001)
        return "should not finish"

    results: list[object] = []
    task = run_in_background(
        job, parent=parent, title="Long job", on_result=results.append, show_progress_after_ms=0
    )
    assert started.wait(5)
    dialog = task.progress_dialog
    assert dialog is not None
    cancel_button = dialog.findChild(QPushButton)
    assert cancel_button.text() == "Cancel"
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    assert task.is_cancel_requested
    assert results == []
    assert not parent.findChildren(QMessageBox)


def test_expected_error_is_shown_in_one_sentence(qtbot: QtBot, parent: QWidget) -> None:
    def job(progress: Progress) -> None:
        raise EventFileError("/tmp/x.eventdesk is not an eventdesk event file.")

    task = run_in_background(job, parent=parent, title="Opening event")
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        pass
    assert blocker.args == ["/tmp/x.eventdesk is not an eventdesk event file."]
    boxes = [box for box in parent.findChildren(QMessageBox) if box.isVisible()]
    assert [box.text() for box in boxes] == ["/tmp/x.eventdesk is not an eventdesk event file."]


def test_error_can_go_to_the_caller_instead_of_a_box(qtbot: QtBot, parent: QWidget) -> None:
    errors: list[str] = []

    def job(progress: Progress) -> None:
        raise EventFileError("The folder /nope does not exist.")

    task = run_in_background(job, parent=parent, title="Saving", on_error=errors.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert errors == ["The folder /nope does not exist."]
    assert not parent.findChildren(QMessageBox)


def test_a_bug_keeps_its_traceback(qtbot: QtBot, parent: QWidget, capsys: pytest.CaptureFixture[str]) -> None:
    def job(progress: Progress) -> None:
        raise ZeroDivisionError("division by zero")

    task = run_in_background(job, parent=parent, title="Computing")
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        pass
    assert blocker.args == ["ZeroDivisionError: division by zero"]
    box = next(box for box in parent.findChildren(QMessageBox) if box.isVisible())
    assert "Traceback" in box.detailedText()
    assert "ZeroDivisionError" in capsys.readouterr().err


def test_changes_result_notifies_every_screen(qtbot: QtBot, parent: QWidget, context: EventContext) -> None:
    changes = Changes.of(Entity.ATTENDEES, summary="3 attendees cancelled")

    received: list[Changes] = []
    context.changed.connect(received.append)
    task = run_in_background(lambda progress: changes, parent=parent, title="Cancelling", context=context)
    with qtbot.waitSignal(task.succeeded, timeout=5000):
        pass
    assert received == [changes]


def test_window_stays_responsive_while_working(qtbot: QtBot, parent: QWidget) -> None:
    release = threading.Event()
    task: BackgroundTask = run_in_background(
        lambda progress: release.wait(5), parent=parent, title="Waiting", show_progress_after_ms=0
    )
    # The event loop keeps running: timers fire and widgets repaint while the job blocks.
    ticks: list[int] = []
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=2000)
    timer.stop()
    assert task.is_running
    with qtbot.waitSignal(task.finished, timeout=5000):
        release.set()


def test_quiet_preparation_never_shows_a_dialog(qtbot: QtBot, parent: QWidget) -> None:
    release = threading.Event()

    def job(progress: Progress) -> str:
        progress.report(1, 2, "Loading the people search")
        release.wait(5)
        return "ready"

    task = run_in_background(job, parent=parent, title="Preparing", show_progress_after_ms=None)
    with qtbot.waitSignal(task.progressed, timeout=5000):
        pass
    qtbot.wait(50)
    assert task.progress_dialog is None, "work the person did not ask for does not interrupt them"
    with qtbot.waitSignal(task.succeeded, timeout=5000):
        release.set()
