"""An export killed with -9 half-way leaves `TARGET.PID.part`; the next export to the same file
removes it and says so, and leaves alone the part of an export that is still running."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventdesk.cli import main
from eventdesk.exports.spreadsheet import write_table
from eventdesk.persistence.document import EventDocument
from eventdesk.services.matchmaking.exports import export_attendee_schedules
from eventdesk.services.matchmaking.plan import SetupOverrides, generate_schedule
from tests.factories import EventFactory

ROOT = Path(__file__).parents[2]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="kill -9 and a writer's pid (POSIX)")

# The real export, held at its first progress report once its part exists, until killed.
EXPORTER = """
import sys, time
from pathlib import Path
from eventdesk.domain.progress import Progress

job, event, target = sys.argv[1:4]


def held(_done, _total, _message):
    if any(".part" in path.name for path in Path(target).parent.iterdir()):
        print("writing", flush=True)
        time.sleep(600)


progress = Progress(on_report=held)
if job == "table":
    from eventdesk.exports.spreadsheet import write_table

    rows = ([f"Person {n}", f"person{n}@example.org"] for n in range(5000))
    write_table(target, ["Name", "E-mail"], rows, total=5000, progress=progress)
else:
    from eventdesk.persistence.document import EventDocument

    doc = EventDocument.open(event)
    if job == "schedules":
        from eventdesk.services.matchmaking.exports import export_attendee_schedules

        export_attendee_schedules(doc=doc, output=target, progress=progress)
    else:
        from eventdesk.services.leads.kits import make_kit

        make_kit(doc=doc, company_id=1, path=target, progress=progress)
"""


@pytest.fixture
def event(events: EventFactory) -> Iterator[EventDocument]:
    doc = events.demo(attendees=40, companies=4, seed=12)
    generate_schedule(doc=doc, overrides=SetupOverrides(max_meetings=2, slot_count=6))
    yield doc
    doc.close()


class Exporter:
    """An eventdesk process in the middle of writing an export."""

    def __init__(self, job: str, event: str, target: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", EXPORTER, job, event, str(target)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "writing"

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.communicate(timeout=30)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Where the exports go: only they (the event factory writes its files in tmp_path)."""
    made = tmp_path / "exports"
    made.mkdir()
    return made


def _parts(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if ".part" in path.name)


@pytest.mark.parametrize("name", ["people.csv", "people.xlsx"])
def test_the_next_export_to_the_same_file_removes_what_a_killed_one_left(
    folder: Path, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    target = folder / name
    killed = Exporter("table", "", target)
    killed.kill()
    left = f"{name}.{killed.process.pid}.part"
    assert _parts(folder) == [left] and not target.exists()  # what this is about

    with caplog.at_level(logging.WARNING, logger="eventdesk.leftovers"):
        write_table(target, ["Name"], [["Sophie"], ["Lars"]])

    assert sorted(path.name for path in folder.iterdir()) == [name]
    assert f"Removed {left}" in caplog.text and "left half-written by an earlier run" in caplog.text


def test_the_part_of_an_export_still_running_is_left_alone(folder: Path) -> None:
    target = folder / "people.csv"
    running = Exporter("table", "", target)
    try:
        write_table(target, ["Name"], [["Sophie"]])
        assert _parts(folder) == [f"people.csv.{running.process.pid}.part"]
        assert target.read_bytes() == "\ufeffName\r\nSophie\r\n".encode()
    finally:
        running.kill()


def test_a_killed_schedule_export_is_cleaned_up_by_the_next_one(
    event: EventDocument, folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    target = folder / "schedules.pdf"
    Exporter("schedules", event.display_location, target).kill()
    assert len(_parts(folder)) == 1 and not target.exists()

    with caplog.at_level(logging.WARNING, logger="eventdesk.leftovers"):
        result = export_attendee_schedules(doc=event, output=target)

    assert result.pages > 0 and target.read_bytes().startswith(b"%PDF")
    assert _parts(folder) == []
    assert "Removed schedules.pdf." in caplog.text


def test_a_killed_kit_is_removed_by_the_next_kit(
    event: EventDocument, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = folder / "booth.eventdesk"
    Exporter("kit", event.display_location, target).kill()
    assert "booth.eventdesk.part" in _parts(folder) and not target.exists()

    assert main(["leads", "kit", event.display_location, "--company", "1", "-o", str(target)]) == 0

    assert "Removed booth.eventdesk.part" in capsys.readouterr().err
    assert sorted(path.name for path in folder.iterdir()) == ["booth.eventdesk"]
    EventDocument.open(target).close()
