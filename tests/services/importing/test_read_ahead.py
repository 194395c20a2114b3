"""Large files: rows read ahead, and read by a worker process, with nothing else changed."""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import astuple, replace
from pathlib import Path

import pytest

from eventdesk.domain.errors import Cancelled
from eventdesk.domain.progress import Progress
from eventdesk.persistence.document import EventDocument
from eventdesk.services.events import create_event
from eventdesk.services.importing import get_kind, import_file, runner
from eventdesk.services.importing.attendee_rows import Read, ReadSettings, RowReader
from eventdesk.services.importing.errors import EncodingError
from eventdesk.services.importing.mapping import proposed_mapping
from eventdesk.services.importing.row_worker import RowWorker
from eventdesk.services.importing.rows import FieldColumns, MappedRow
from eventdesk.services.importing.sources import open_table
from tests.factories import DEFAULT_DRAFT, EventFactory
from tests.services.importing.support import SAMPLES, people, snapshot


@pytest.fixture
def read_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file read ahead, two rows at a time: as a large file is, in small."""
    monkeypatch.setattr(runner, "READ_AHEAD_FROM_BYTES", 0)
    monkeypatch.setattr(runner, "READ_AHEAD_ROWS", 2)


def _rows(name: str) -> list[MappedRow]:
    spec = get_kind("attendees")
    with open_table(SAMPLES / name) as table:
        mapping, _, _ = proposed_mapping(
            table.header, kind=spec.name, specs=spec.fields, platforms=spec.platforms
        )
        columns = FieldColumns(mapping)
        return [MappedRow(raw.line, raw.cells, columns) for raw in table.rows() if not raw.is_empty()]


@pytest.mark.parametrize("name", ["eventbrite_us.csv", "pretix_order_positions.csv", "tito_tickets.csv"])
def test_rows_the_worker_reads_are_read_as_they_are_here(name: str) -> None:
    sample = _rows(name)
    # The sample's rows over and over, numbered as the lines of one long file.
    rows = [MappedRow(2 + n, row.cells, row.fields) for n, row in enumerate(sample * 100)]
    settings = ReadSettings(rows[0].fields, platform_key="test", unnamed_rows="buyer", region="BE")
    here = [RowReader(settings).read(MappedRow(row.line, row.cells, row.fields)) for row in rows]
    reader = RowReader(settings)
    read_here: list[int] = []
    own_read = reader.read

    def counted(row: MappedRow) -> Read:
        read_here.append(row.line)
        return own_read(row)

    reader.read = counted  # type: ignore[method-assign]
    worker = RowWorker(reader)
    chunks = [rows[i : i + 4] for i in range(0, len(rows), 4)]
    try:
        # Chunks are offered as a file is read; the worker takes them once it has started.
        deadline = time.monotonic() + 60
        for chunk in chunks:
            worker.ahead(chunk)
            while worker.rows_given == 0 and time.monotonic() < deadline and chunk is not chunks[0]:
                time.sleep(0.02)
                worker.ahead([])
        while worker.rows_back < worker.rows_given and time.monotonic() < deadline:
            time.sleep(0.02)
            worker.ahead([])  # takes in what the worker has sent back
        read = [worker.read(row) for row in rows]
    finally:
        worker.close()
    assert worker.rows_given > 0, "the worker never took a chunk"
    assert read == here
    assert len(read_here) == len(rows) - worker.rows_given
    assert multiprocessing.active_children() == []


def test_rows_of_a_worker_that_dies_are_read_here() -> None:
    sample = _rows("eventbrite_us.csv")
    rows = [MappedRow(2 + n, row.cells, row.fields) for n, row in enumerate(sample * 100)]
    settings = ReadSettings(rows[0].fields, platform_key="test", unnamed_rows="buyer", region="BE")
    here = [RowReader(settings).read(MappedRow(row.line, row.cells, row.fields)) for row in rows]
    worker = RowWorker(RowReader(settings))
    try:
        deadline = time.monotonic() + 60
        for chunk in [rows[i : i + 4] for i in range(0, len(rows), 4)]:
            worker.ahead(chunk)
            while worker.rows_given == 0 and time.monotonic() < deadline and chunk[0] is not rows[0]:
                time.sleep(0.02)
                worker.ahead([])
        for child in multiprocessing.active_children():
            child.kill()
        read = [worker.read(row) for row in rows]
    finally:
        worker.close()
    assert worker.rows_given > 0
    assert read == here
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(
    "name",
    [
        "eventbrite_us.csv",
        "pretix_order_positions.csv",
        "pretix_checkin_basic.csv",
        "tito_tickets.csv",
        "luma_guests.csv",
        "microsoft_forms.xlsx",
    ],
)
def test_reading_ahead_changes_nothing_an_import_does(
    events: EventFactory, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    plain_doc, ahead_doc = events.demo(attendees=30, seed=3), events.demo(attendees=30, seed=3)
    plain = import_file(doc=plain_doc, path=SAMPLES / name).report
    monkeypatch.setattr(runner, "READ_AHEAD_FROM_BYTES", 0)
    monkeypatch.setattr(runner, "READ_AHEAD_ROWS", 2)
    ahead = import_file(doc=ahead_doc, path=SAMPLES / name).report
    assert ahead.entries == plain.entries
    assert ahead.as_dict() == plain.as_dict()
    assert people(ahead_doc) == people(plain_doc)


@pytest.mark.usefixtures("read_ahead")
def test_a_bad_line_read_ahead_fails_the_import_as_it_would_otherwise(
    events: EventFactory, tmp_path: Path
) -> None:
    lines = ["Name;Email;Phone"] + [f"Zoë Person{i};zoe{i}@example.nl;06 1234 {i:04d}" for i in range(30)]
    path = tmp_path / "late.csv"
    path.write_bytes("\n".join(lines).encode("utf-8") + "\nJoëlle Dupré;j@example.fr;\n".encode("cp1252"))
    doc = events.demo(attendees=20, companies=3)
    before = snapshot(doc)
    with pytest.raises(EncodingError, match="line 32 is not UTF-8"):
        import_file(doc=doc, path=path)
    assert snapshot(doc) == before
    assert multiprocessing.active_children() == []


@pytest.mark.usefixtures("read_ahead")
def test_a_cancel_while_reading_ahead_leaves_no_trace_and_no_worker(
    events: EventFactory, tmp_path: Path
) -> None:
    rows = ["Email,First name,Last name,Phone"]
    rows += [f"new{i}@example.nl,Nieuw,Persoon {i},+31 6 1234 {i:04d}" for i in range(1000)]
    path = tmp_path / "people.csv"
    path.write_text("\n".join(rows) + "\n", "utf-8")
    doc = events.demo(attendees=20, companies=3)
    before = snapshot(doc)
    seen: list[int] = []
    progress = Progress(lambda done, total, message: seen.append(done), is_cancelled=lambda: len(seen) >= 2)
    with pytest.raises(Cancelled):
        import_file(doc=doc, path=path, progress=progress)
    assert snapshot(doc) == before
    assert multiprocessing.active_children() == []


@pytest.mark.postgres
@pytest.mark.usefixtures("read_ahead")
def test_reading_ahead_on_postgresql_stores_what_sqlite_stores(
    events: EventFactory, postgres_url: str
) -> None:
    local = events.empty()
    server = create_event(target=postgres_url, draft=DEFAULT_DRAFT)
    try:
        for name in ("eventbrite_us.csv", "pretix_order_positions.csv", "tito_tickets.csv"):
            here = import_file(doc=local, path=SAMPLES / name).report
            there = import_file(doc=server, path=SAMPLES / name).report
            assert there.as_dict() == here.as_dict(), name

        def stored(doc: EventDocument) -> dict[str, tuple[object, ...]]:
            return {key: astuple(replace(person, id=0)) for key, person in people(doc).items()}

        assert stored(server) == stored(local)
    finally:
        server.close()


def test_rows_are_read_here_when_the_system_refuses_the_worker_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = _rows("eventbrite_us.csv")
    settings = ReadSettings(rows[0].fields, platform_key="test", unnamed_rows="buyer", region="BE")
    here = [RowReader(settings).read(row) for row in rows]

    def refused(self: multiprocessing.process.BaseProcess) -> None:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refused)
    worker = RowWorker(RowReader(settings))
    try:
        worker.ahead(rows)
        read = [worker.read(row) for row in rows]
    finally:
        worker.close()  # and closing a worker that never started is no error either
    assert read == here
    assert worker.rows_given == 0
