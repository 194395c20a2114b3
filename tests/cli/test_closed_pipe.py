"""`eventdesk … | head`: every command stops quietly when the reader of its output goes away."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import EventFactory

ROOT = Path(__file__).parents[2]


def _run_into_a_closed_pipe(arguments: list[str]) -> tuple[int, str]:
    """Start the command with its stdout a pipe whose reading end is already closed."""
    read, write = os.pipe()
    os.close(read)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "eventdesk", *arguments],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=120,
        )
    finally:
        os.close(write)
    return done.returncode, done.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["stats", "{event}"],
        ["stats", "{event}", "--json"],
        ["--help"],
        ["import", "{event}", str(ROOT / "tests" / "data" / "import" / "eventbrite_us.csv"), "--dry-run"],
    ],
    ids=lambda command: " ".join(command),
)
def test_a_command_whose_reader_is_gone_stops_without_a_traceback(
    events: EventFactory, command: list[str]
) -> None:
    event = str(events.demo_path(attendees=300, companies=5))
    code, stderr = _run_into_a_closed_pipe([part.format(event=event) for part in command])
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr, stderr
    assert "Exception ignored" not in stderr, stderr
    assert code in (0, 141), stderr
