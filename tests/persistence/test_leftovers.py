"""What a killed eventdesk leaves half-written is removed by the next run of the same job, or on
opening the event, and the person is told."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.leftovers import BUSY_SECONDS
from eventdesk.services.badges.batches import BadgeSelection, create_badge_pdf
from tests.factories import EventFactory

ROOT = Path(__file__).parents[2]


def _eventdesk(*arguments: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "eventdesk", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _stale(path: Path, data: bytes = b"half") -> Path:
    path.write_bytes(data)
    old = time.time() - BUSY_SECONDS - 5
    os.utime(path, (old, old))
    return path


def test_a_demo_killed_half_way_is_cleaned_up_by_the_next_demo(tmp_path: Path) -> None:
    target = tmp_path / "fair.eventdesk"
    killed = _eventdesk("demo", str(target), "--attendees", "50000")

    def written() -> int:
        return sum(p.stat().st_size for p in tmp_path.iterdir() if p.is_file())

    deadline = time.monotonic() + 60
    while written() < 1_000_000 and time.monotonic() < deadline:
        time.sleep(0.05)
    killed.send_signal(signal.SIGKILL)
    killed.communicate()
    litter = sorted(p.name for p in tmp_path.iterdir())
    assert litter and "fair.eventdesk" not in litter  # what this is about

    again = _eventdesk("demo", str(target), "--attendees", "50")
    _, stderr = again.communicate(timeout=120)

    assert again.returncode == 0, stderr
    assert "Removed fair.demo-part.eventdesk" in stderr and "left half-written" in stderr
    assert target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fair.eventdesk"]


def test_opening_an_event_removes_a_killed_saves_part_and_says_so(
    events: EventFactory, caplog: pytest.LogCaptureFixture
) -> None:
    path = Path(events.demo(attendees=10, companies=2).display_location)
    part = _stale(path.with_name(path.name + ".part"), b"x" * 300_000)
    journal = _stale(path.with_name(path.name + ".part-journal"))

    with caplog.at_level(logging.WARNING, logger="eventdesk.leftovers"):
        doc = EventDocument.open(path)

    assert not part.exists() and not journal.exists()
    assert len(doc.notices) == 1 and path.name + ".part" in doc.notices[0]
    assert "0.3 MB" in doc.notices[0]
    assert doc.notices[0] in caplog.text
    doc.close()


def test_a_part_being_written_right_now_is_left_alone(events: EventFactory) -> None:
    path = Path(events.demo(attendees=10, companies=2).display_location)
    busy = path.with_name(path.name + ".part")
    busy.write_bytes(b"another eventdesk is saving here")

    doc = EventDocument.open(path)

    assert busy.exists() and doc.notices == []
    doc.close()


def test_the_next_badge_batch_for_the_same_file_removes_its_part(
    events: EventFactory, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    doc = events.demo(attendees=10, companies=2)
    output = tmp_path / "badges.pdf"
    create_badge_pdf(doc=doc, output=output)
    output.unlink()
    part = _stale(tmp_path / "badges.pdf.part")
    nobody = BadgeSelection(only_unprinted=True)  # everyone has a badge now

    with caplog.at_level(logging.WARNING, logger="eventdesk.leftovers"):
        result = create_badge_pdf(doc=doc, output=output, selection=nobody)

    assert result.badges == 0 and not part.exists() and not output.exists()
    assert "Removed badges.pdf.part" in caplog.text
