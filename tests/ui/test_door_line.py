"""The door line: jobs run off the GUI thread, one at a time, in the order they came."""

from __future__ import annotations

import threading
import time

from pytestqt.qtbot import QtBot

from eventdesk.ui.door_line import DoorLine


def test_jobs_run_in_order_off_the_gui_thread_and_answer_on_it(qtbot: QtBot) -> None:
    line = DoorLine()
    gui = threading.get_ident()
    ran_on: list[int] = []
    answered_on: list[int] = []
    results: list[int] = []

    def job(n: int, pause: float):  # type: ignore[no-untyped-def]
        def run() -> int:
            ran_on.append(threading.get_ident())
            time.sleep(pause)
            return n

        return run

    def done(value: object) -> None:
        answered_on.append(threading.get_ident())
        results.append(int(value))  # type: ignore[call-overload]

    # The first is slow: the later ones wait behind it rather than overtake it.
    for n, pause in ((1, 0.3), (2, 0.0), (3, 0.05)):
        line.submit(job(n, pause), on_done=done)
    assert line.outstanding == 3
    qtbot.waitUntil(lambda: len(results) == 3, timeout=5000)
    assert results == [1, 2, 3]
    assert gui not in ran_on
    assert set(answered_on) == {gui}
    assert line.outstanding == 0
    line.close()


def test_a_failing_job_reaches_its_error_handler_and_the_line_goes_on(qtbot: QtBot) -> None:
    line = DoorLine()
    errors: list[BaseException] = []
    results: list[object] = []

    def broken() -> object:
        raise ValueError("the server went away")

    line.submit(broken, on_done=results.append, on_error=errors.append)
    line.submit(lambda: "next", on_done=results.append)
    qtbot.waitUntil(lambda: results == ["next"], timeout=5000)
    assert [str(e) for e in errors] == ["the server went away"]
    line.close()
