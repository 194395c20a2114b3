"""`eventdesk open` where no window can open: one sentence and exit code 2, not Qt's abort (134)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventdesk.cli.display import missing_display
from tests.factories import EventFactory


def run_without_display(*arguments: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    return subprocess.run(
        [sys.executable, "-m", "eventdesk", *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("command", [["open", "{event}"], [], ["demo", "{folder}/new.eventdesk", "--open"]])
def test_the_window_without_a_display_says_so_in_one_sentence(
    command: list[str], events: EventFactory, tmp_path: Path
) -> None:
    event = str(events.demo_path(attendees=20, companies=3))
    result = run_without_display(*(a.format(event=event, folder=tmp_path) for a in command))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "No display was found" in lines[0]
    assert "eventdesk --help" in lines[0] and "without a window" in lines[0]
    assert "qt.qpa" not in result.stderr and "Aborted" not in result.stderr


def test_a_display_that_does_not_answer_is_named(tmp_path: Path) -> None:
    reason = missing_display({"DISPLAY": ":987"}, "linux")
    assert reason is not None and "No X server answers at DISPLAY=:987" in reason


def test_offscreen_windows_and_macos_need_no_display() -> None:
    assert missing_display({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert missing_display({}, "win32") is None
    assert missing_display({}, "darwin") is None
    assert missing_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
