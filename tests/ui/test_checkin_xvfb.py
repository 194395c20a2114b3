"""A real X server, a real window, keys typed by xdotool at scanner speed (5 ms a key).

Qt's test key events skip the window system; this test goes through it: X timestamps,
the xcb platform, focus, the keyboard layout. The desk runs in its own process on an Xvfb
display of its own and reports what it shows on stdout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventdesk.persistence.document import EventDocument
from tests.factories import EventFactory
from tests.ui.checkin_support import people, token_for

pytestmark = pytest.mark.xvfb

DESK = r"""
import os, sys
from PySide6.QtCore import QTimer
from eventdesk.app import create_application
from eventdesk.persistence.document import EventDocument
from eventdesk.settings import Settings
from eventdesk.ui.context import EventContext
from eventdesk.ui.screens.checkin import CheckInScreen

app = create_application()
context = EventContext(Settings())
context.set_document(EventDocument.open(sys.argv[1]))
screen = CheckInScreen(context)
context.changed.connect(screen.on_changes)
screen.controller.sounds.set_enabled(False)

def say(*words):
    print(*words, flush=True)

screen.controller.verdict_ready.connect(
    lambda v: say("VERDICT", screen.panel.look, "|", screen.panel.text.headline, "|", screen.search.text())
)
screen.search.textChanged.connect(lambda text: say("SEARCH", text))
screen.resize(1200, 760)
screen.show()
screen.activateWindow()

def ready():
    if screen.index_task is not None and screen.index_task.is_running:
        QTimer.singleShot(50, ready)
        return
    screen.search.setFocus()
    say("READY", int(screen.winId()))

QTimer.singleShot(200, ready)
QTimer.singleShot(60_000, app.quit)
app.exec()
"""


def _free_display() -> int:
    for number in range(95, 160):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    pytest.skip("no free X display number between :95 and :159")


@pytest.fixture
def display() -> Iterator[str]:
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (apt-get install xvfb xdotool)")
    number = _free_display()
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.skip(f"Xvfb did not start on :{number}")
            time.sleep(0.05)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


class Desk:
    """The desk process and what it has said so far."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: list[str] = []

    def wait_for(self, prefix: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        assert self.process.stdout is not None
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                if self.process.poll() is not None:
                    break
                continue
            line = line.strip()
            self.lines.append(line)
            if line.startswith(prefix):
                return line
        raise AssertionError(f"the desk never said {prefix!r}; it said {self.lines}")


@pytest.fixture
def desk(display: str, events: EventFactory) -> Iterator[tuple[Desk, EventDocument, str]]:
    path = events.demo_path(attendees=120, companies=6)
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    process = subprocess.Popen(
        [sys.executable, "-c", DESK, str(path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    doc = EventDocument.open(path)
    try:
        yield Desk(process), doc, display
    finally:
        doc.close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _xdotool(display: str, *arguments: str) -> None:
    subprocess.run(["xdotool", *arguments], env={**os.environ, "DISPLAY": display}, check=True, timeout=60)


def test_a_scanner_typing_through_x_at_5_ms_a_key_is_admitted_and_a_person_is_not(
    desk: tuple[Desk, EventDocument, str],
) -> None:
    process, doc, display = desk
    window = process.wait_for("READY").split()[1]
    _xdotool(display, "windowfocus", "--sync", window)
    person = people(doc, n=1)[0]
    token = token_for(doc, person)

    # One xdotool command, so the Enter follows the last key at scanner speed too.
    _xdotool(display, "type", "--delay", "5", token + "\n")
    verdict = process.wait_for("VERDICT")
    assert verdict.split("|")[0].split() == ["VERDICT", "admitted"]
    assert verdict.split("|")[1].strip() == "ADMITTED"
    assert verdict.split("|")[2].strip() == "", "the scan leaked into the search box"

    # A person typing a name into the same box: every letter arrives, nothing is scanned.
    name = person.family_name.split()[-1][:6]
    _xdotool(display, "type", "--delay", "120", name)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and f"SEARCH {name}" not in process.lines:
        process.wait_for("SEARCH", timeout=10)
    assert f"SEARCH {name}" in process.lines
    assert sum(line.startswith("VERDICT") for line in process.lines) == 1
