"""Demo generation time for a 50,000-attendee event (`eventdesk demo PATH --attendees 50000`).

The baseline, measured in the same run, writes exactly the same rows (read back from the
generated file) into a fresh event file of the same schema, indexes and pragmas with plain
`sqlite3` executemany in one transaction. That is the floor for storing this data at all, so
the difference is eventdesk's own work: planning realistic people and companies, folding
search text, building rows, SQLAlchemy, and moving the finished file into place.
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from sqlmodel import SQLModel

import eventdesk.persistence.tables  # noqa: F401  (registers every table on the metadata)
from benchmarks.table import Row
from eventdesk.persistence.document import BUSY_TIMEOUT_MS, EventDocument
from eventdesk.services.demo import DemoSpec, generate_demo

TARGET_SECONDS = 5.0
COMPANIES = 40


def _generate(path: Path, attendees: int) -> tuple[float, float]:
    """Wall and CPU seconds (this process only: the demo runs on one thread)."""
    started, cpu_started = time.perf_counter(), time.process_time()
    generate_demo(target=path, spec=DemoSpec(attendees=attendees, companies=COMPANIES, seed=2027)).close()
    return time.perf_counter() - started, time.process_time() - cpu_started


def _read_rows(path: Path) -> list[tuple[str, list[str], list[tuple]]]:
    """Every row of every table, in the order that keeps foreign keys valid."""
    conn = sqlite3.connect(path)
    try:
        tables = []
        for table in SQLModel.metadata.sorted_tables:
            cursor = conn.execute(f'SELECT * FROM "{table.name}"')
            columns = [d[0] for d in cursor.description]
            tables.append((table.name, columns, cursor.fetchall()))
        return tables
    finally:
        conn.close()


def _plain_executemany(source: Path, folder: Path) -> tuple[float, int]:
    rows = _read_rows(source)
    empty = EventDocument.create_empty(folder / "baseline")
    empty.close()
    assert empty.path is not None
    conn = sqlite3.connect(empty.path)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        started = time.perf_counter()
        with conn:
            for name, columns, values in rows:
                if values:
                    names = ", ".join(f'"{c}"' for c in columns)
                    marks = ", ".join("?" for _ in columns)
                    conn.executemany(f'INSERT INTO "{name}" ({names}) VALUES ({marks})', values)
        seconds = time.perf_counter() - started
    finally:
        conn.close()
    return seconds, sum(len(values) for _, _, values in rows)


def run(quick: bool) -> list[Row]:
    attendees = 10_000 if quick else 50_000
    times = 1 if quick else 3
    with tempfile.TemporaryDirectory(prefix="eventdesk-bench-") as name:
        folder = Path(name)
        durations = [_generate(folder / f"demo-{n}.eventdesk", attendees) for n in range(times)]
        generated = statistics.median(wall for wall, _ in durations)
        cpu = statistics.median(cpu for _, cpu in durations)
        baseline, row_count = _plain_executemany(folder / "demo-0.eventdesk", folder)

    return [
        Row(
            figure=f"Demo generation, {attendees:,} attendees + {COMPANIES} companies (median of {times})",
            measured=f"{generated:.2f} s (CPU {cpu:.2f} s)",
            target=f"≤ {TARGET_SECONDS:.0f} s",
            baseline=f"{baseline:.2f} s plain sqlite3 executemany of the same {row_count:,} rows",
            met=generated <= TARGET_SECONDS,
        )
    ]
