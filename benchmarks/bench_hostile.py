"""The slowest and the largest file of the hostile corpus (`tests/services/importing/hostile_corpus.py`).

The whole corpus is generated (not timed) and imported file by file, each in a child forked
from one warm process (`hostile_probe.py`: eventdesk imported and one small import done
first, so a child pays only for its file). The slowest file is the one with the longest wall
time in this run, the largest the one with the highest peak resident size; targets: ≤ 10 s
and ≤ 300 MB. The baseline, in the same run, is a three-person CSV imported the same way:
what any import in such a process costs before the file's own content. CPU time (user +
system of the child) is shown beside the wall clock: on a shared machine the wall clock
grows with the load.

A third row checks that the limits and streaming cost an honest workbook nothing: a
50,000-row, 8-column XLSX (openpyxl write-only, not timed) read to the last row by the
importer's reader, in-process; baseline: openpyxl's read-only mode (`iter_rows`), which the
importer used before.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook, load_workbook

from benchmarks.table import Row
from eventdesk.services.importing.sources import open_table
from tests.services.importing.hostile_corpus import HEADER, PEOPLE, build

ROOT = Path(__file__).parents[1]
TARGET_SECONDS = 10.0
TARGET_MB = 300.0
BASELINE = "baseline_three_people.csv"
COLUMNS = ["First name", "Last name", "Email", "Company", "Phone", "Job title", "Ticket", "Barcode"]


def _probe(corpus: Path, work: Path) -> list[dict[str, object]]:
    paths = [str(ROOT), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    done = subprocess.run(
        [sys.executable, "-m", "tests.services.importing.hostile_probe", str(corpus), str(work)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def _shown(result: dict[str, object]) -> str:
    return f"{result['seconds']:.2f} s ({result['cpu_seconds']:.2f} s CPU), {result['peak_mb']:.0f} MB peak"


def run(quick: bool) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="eventdesk-bench-hostile-") as name:
        corpus, work = Path(name) / "corpus", Path(name) / "work"
        build(corpus)
        (corpus / BASELINE).write_text("\n".join(",".join(row) for row in [HEADER, *PEOPLE]) + "\n", "utf-8")
        results = _probe(corpus, work)
    by_name = {str(r["name"]): r for r in results}
    baseline = by_name.pop(BASELINE)
    broken = [r for r in by_name.values() if r["outcome"] not in ("refused", "imported")]
    slowest = max(by_name.values(), key=lambda r: float(r["seconds"]))
    largest = max(by_name.values(), key=lambda r: float(r["peak_mb"]))
    rows = []
    for label, result in (("Slowest", slowest), ("Largest (peak memory)", largest)):
        rows.append(
            Row(
                figure=f"{label} of {len(by_name)} hostile files: {result['name']} ({result['outcome']})",
                measured=_shown(result),
                target=f"≤ {TARGET_SECONDS:.0f} s, ≤ {TARGET_MB:.0f} MB",
                baseline=f"3-person CSV: {_shown(baseline)}",
                met=float(result["seconds"]) <= TARGET_SECONDS
                and float(result["peak_mb"]) <= TARGET_MB
                and not broken,
            )
        )
    rows.append(_workbook_row(10_000 if quick else 50_000))
    return rows


def _workbook_row(count: int) -> Row:
    with tempfile.TemporaryDirectory(prefix="eventdesk-bench-xlsx-") as name:
        path = Path(name) / "people.xlsx"
        book = Workbook(write_only=True)
        sheet = book.create_sheet("People")
        sheet.append(
            ["First name", "Last name", "Email", "Company", "Phone", "Job title", "Ticket", "Barcode"]
        )
        for n in range(count):
            sheet.append(
                [f"Given{n}", f"Family{n}", f"p{n}@example.org", f"Firm {n % 300}", 31612345678 + n,
                 "Researcher", "Visitor", 410191010001 + n]
            )  # fmt: skip
        book.save(path)
        started, used = time.perf_counter(), time.process_time()
        with open_table(path) as table:
            read = sum(1 for _ in table.rows())
        ours = (time.perf_counter() - started, time.process_time() - used)
        started, used = time.perf_counter(), time.process_time()
        old = load_workbook(path, read_only=True, data_only=True)
        sum(1 for _ in old.worksheets[0].iter_rows(values_only=True))
        old.close()
        theirs = (time.perf_counter() - started, time.process_time() - used)
    return Row(
        figure=f"An honest {count:,}-row XLSX read by the importer's streaming reader",
        measured=f"{ours[0]:.2f} s ({ours[1]:.2f} s CPU), {read:,} rows",
        target="no slower than before",
        baseline=f"openpyxl read-only: {theirs[0]:.2f} s ({theirs[1]:.2f} s CPU)",
        met=ours[1] <= theirs[1],
    )
