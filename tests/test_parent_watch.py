"""Workers end as soon as the process that started them is killed: the badge pool's encoders,
multiprocessing's resource tracker, the importer's row reader."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.factories import EventFactory

ROOT = Path(__file__).parents[1]
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")

# The parent stops in its first progress report once its workers run, says so, and waits to
# be killed there, as an app killed in the middle of a batch or an import.
BADGES = """
import sys, time
from eventdesk.domain.progress import Progress
from eventdesk.persistence.document import EventDocument
from eventdesk.services.badges.batches import create_badge_pdf

def report(done, total, message):
    if done:
        print("READY", flush=True)
        time.sleep(120)

doc = EventDocument.open(sys.argv[1])
create_badge_pdf(doc=doc, output=sys.argv[2], progress=Progress(report, lambda: False), processes=2)
"""

# On a busy machine the importer stops a worker that falls behind and reads on alone (see
# row_worker): then there was no worker left to outlive anyone. Here it is kept however late it
# is, and the importer stops only once it is seen running.
IMPORT = """
import multiprocessing, sys, time
from eventdesk.domain.progress import Progress
from eventdesk.persistence.document import EventDocument
from eventdesk.services.importing import import_file, row_worker

row_worker.LATE_CHUNKS_BEFORE_GIVING_UP = 10**9

def report(done, total, message):
    if done > 600_000 and multiprocessing.active_children():
        print("READY", flush=True)
        time.sleep(120)

doc = EventDocument.open(sys.argv[1])
import_file(doc=doc, path=sys.argv[2], progress=Progress(report, lambda: False))
"""


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # an orphan nobody reaped yet has ended


def _kill_parent_and_time_its_workers(script: str, *args: str) -> tuple[set[int], float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", script, *args]
    parent = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert parent.stdout is not None and parent.stdout.readline().strip() == "READY"
        workers = _descendants(parent.pid)
        assert workers, "the parent started no worker process"
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        killed = time.monotonic()
        while any(_alive(pid) for pid in workers) and time.monotonic() - killed < 30:
            time.sleep(0.05)
        return {pid for pid in workers if _alive(pid)}, time.monotonic() - killed
    finally:
        for pid in _descendants(parent.pid) | {parent.pid}:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_badge_workers_and_the_resource_tracker_end_with_a_killed_parent(
    events: EventFactory, tmp_path: Path
) -> None:
    event = events.demo_path(attendees=200, companies=5)
    left, seconds = _kill_parent_and_time_its_workers(BADGES, str(event), str(tmp_path / "badges.pdf"))
    assert left == set()
    assert seconds < 3.0


def test_the_row_reader_ends_with_a_killed_importer(events: EventFactory, tmp_path: Path) -> None:
    event = events.empty()
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("First name,Last name,Email\n")
        for n in range(40_000):
            out.write(f"Person,Number {n},person{n}@example.org\n")
    left, seconds = _kill_parent_and_time_its_workers(IMPORT, event.display_location, str(path))
    assert left == set()
    assert seconds < 2.0
