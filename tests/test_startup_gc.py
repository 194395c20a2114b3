"""The collector is held while the app starts and works again once the window is usable."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventdesk import startup_gc
from tests.factories import EventFactory


@pytest.fixture
def collector() -> Iterator[None]:
    yield
    startup_gc.release()
    gc.unfreeze()
    gc.enable()


def test_hold_then_release_freezes_what_exists_and_collects_again(collector: None) -> None:
    startup_gc.hold()
    assert not gc.isenabled()
    startup_gc.release()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 10_000, "the objects made so far are frozen"


def test_release_undoes_only_a_hold(collector: None) -> None:
    gc.disable()  # someone else's choice (a profiler, a test): not ours to undo
    startup_gc.hold()
    startup_gc.release()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


GC_AT_THE_START = """
import gc, os, sys
from eventdesk import startup_gc
startup_gc.hold()  # as `eventdesk open` does before importing the app
from eventdesk.app import create_application, main_window
app = create_application()
window = main_window(sys.argv[1])
at_first_paint = []
window.event_ready.connect(lambda: at_first_paint.append(gc.isenabled()))
def settled():
    print(at_first_paint, gc.isenabled(), gc.get_freeze_count(), flush=True)
    os._exit(0)
window.settled.connect(settled)  # after the window's own release
window.open_event(sys.argv[1])
window.show()
app.exec()
"""


def test_the_app_collects_again_once_the_start_has_settled(events: EventFactory, tmp_path: Path) -> None:
    """Held through the first paint and the people search's index, then frozen and running."""
    path = events.demo_path(attendees=50)
    env = os.environ | {
        "QT_QPA_PLATFORM": "offscreen",
        "EVENTDESK_CONFIG_DIR": str(tmp_path / "config"),
        "EVENTDESK_CACHE_DIR": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "-c", GC_AT_THE_START, str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    at_first_paint, enabled, frozen = done.stdout.split()[-3:]
    assert at_first_paint == "[False]"
    assert enabled == "True"
    assert int(frozen) > 50_000, "the start's objects (modules, tables, Qt wrappers, the index) are frozen"
