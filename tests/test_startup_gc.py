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


GC_AT_READY = """
import gc, sys
import eventdesk.app
def exit_now(code):
    print(gc.isenabled(), gc.get_freeze_count(), flush=True)
    eventdesk.app.os._exit(code)
eventdesk.app._exit_now = exit_now
from eventdesk.cli import main
sys.exit(main(["open", sys.argv[1], "--exit-when-ready"]))
"""


def test_eventdesk_open_collects_again_once_the_window_is_usable(
    events: EventFactory, tmp_path: Path
) -> None:
    path = events.demo_path(attendees=50)
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "EVENTDESK_CONFIG_DIR": str(tmp_path / "config")}
    done = subprocess.run(
        [sys.executable, "-c", GC_AT_READY, str(path)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    enabled, frozen = done.stdout.split()[-2:]
    assert enabled == "True"
    assert int(frozen) > 50_000, "the start's objects (modules, tables, Qt wrappers) are frozen"
