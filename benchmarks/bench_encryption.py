"""What protecting an event file with a passphrase (SQLCipher) costs: open, import, scan.

At 50,000 attendees (5,000 with --quick), the same demo event is measured plain (the
baseline, same run) and protected, each figure the median of 3 in-process runs:

* open — `EventDocument.open` (header, passphrase and schema checks) and the dashboard's
  counts (`event_stats`), as the window does before it shows the event;
* page check — the damage check of every page (`EventDocument.check_pages`, SQLite's
  quick_check) that the window runs in the background once the event shows, and the CLI
  before it works: it reads the whole file, which a protected file authenticates and
  decrypts page by page (HMAC-SHA512 is most of that), so it costs what encryption costs;
* import — the 50,000-row Eventbrite CSV of `bench_import` into a new empty event (plain,
  or protected before the import);
* scan — 300 badge check-ins at one desk (each decided and committed before the next), on
  an event already open.

Target: protected at most 25 % more CPU time than plain (the page check has none: nobody
waits for it). Wall clock and the process's CPU time are both given: on a machine shared
with other work the wall clock includes waiting for a core.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from benchmarks.bench_import import DRAFT, write_report
from benchmarks.table import Row
from eventdesk.domain.tokens import encode_token
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Event
from eventdesk.services.demo import DemoSpec, generate_demo
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.services.events import create_event, event_stats
from eventdesk.services.importing import import_file
from eventdesk.services.privacy.keys import unseal
from eventdesk.services.privacy.protect import protect_event_file

TARGET_RATIO = 1.25
PASSPHRASE = "benchmark passphrase 2027"
SCANS = 300


def _timed(work: Callable[[], object], runs: int = 3) -> tuple[float, float]:
    """Median wall and CPU seconds of `runs` runs."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _open(path: Path, passphrase: str | None) -> None:
    doc = EventDocument.open(path, passphrase=passphrase, check_pages=False)
    try:
        event_stats(doc=doc)
    finally:
        doc.close()


def _check(path: Path, passphrase: str | None) -> tuple[float, float]:
    doc = EventDocument.open(path, passphrase=passphrase, check_pages=False)
    try:
        return _timed(doc.check_pages)
    finally:
        doc.close()


def _import(folder: Path, csv: Path, passphrase: str | None, counter: list[int]) -> None:
    counter[0] += 1
    target = folder / f"import-{counter[0]}.eventdesk"
    create_event(target=target, draft=DRAFT).close()
    if passphrase:
        protect_event_file(path=target, passphrase=passphrase)
    doc = EventDocument.open(target, passphrase=passphrase)
    try:
        import_file(doc=doc, path=csv)
    finally:
        doc.close()


def _tokens(path: Path, count: int) -> list[str]:
    doc = EventDocument.open(path)
    try:
        with doc.session() as session:
            event = session.execute(select(Event)).scalar_one()
            seed = unseal(event.signing_key, event.public_key)  # type: ignore[arg-type]
            people = session.execute(
                select(Attendee.id, Attendee.badge_version)
                .where(Attendee.status == "registered")
                .limit(count)
            ).all()
        return [encode_token(event_code=event.code, serial=i, version=v, private_key=seed) for i, v in people]
    finally:
        doc.close()


def _scans(
    template: Path, folder: Path, tokens: list[str], passphrase: str | None, counter: list[int]
) -> tuple[float, float]:
    """Median wall and CPU seconds of 3 rounds of the scans, each on a fresh copy of the event."""
    walls, cpus = [], []
    for _ in range(3):
        counter[0] += 1
        path = folder / f"scan-{counter[0]}.eventdesk"
        shutil.copyfile(template, path)
        doc = EventDocument.open(path, passphrase=passphrase, check_pages=False)
        try:
            desk = CheckInDesk(doc=doc, desk="Door A")
            wall, cpu = time.perf_counter(), time.process_time()
            for token in tokens:
                desk.scan(token)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        finally:
            doc.close()
    return statistics.median(walls), statistics.median(cpus)


def run(quick: bool) -> list[Row]:
    attendees = 5_000 if quick else 50_000
    folder = Path(tempfile.mkdtemp(prefix="eventdesk-bench-encryption-"))
    plain = folder / "plain.eventdesk"
    generate_demo(target=plain, spec=DemoSpec(attendees=attendees, companies=60, seed=5)).close()
    protected = folder / "protected.eventdesk"
    shutil.copyfile(plain, protected)
    protect_event_file(path=protected, passphrase=PASSPHRASE)
    csv = folder / "eventbrite.csv"
    source = EventDocument.open(plain)
    try:
        write_report(source, csv)
    finally:
        source.close()
    tokens = _tokens(plain, SCANS)
    counter = [0]
    figures = {
        # Some 15 ms each: the median of 11 runs, as 3 would be mostly the machine's noise.
        "open": (
            _timed(lambda: _open(plain, None), runs=11),
            _timed(lambda: _open(protected, PASSPHRASE), runs=11),
        ),
        "page check (background)": (_check(plain, None), _check(protected, PASSPHRASE)),
        "import": (
            _timed(lambda: _import(folder, csv, None, counter)),
            _timed(lambda: _import(folder, csv, PASSPHRASE, counter)),
        ),
        f"{SCANS} scans": (
            _scans(plain, folder, tokens, None, counter),
            _scans(protected, folder, tokens, PASSPHRASE, counter),
        ),
    }
    rows = []
    for what, ((plain_wall, plain_cpu), (enc_wall, enc_cpu)) in figures.items():
        # Judged on CPU time, the work itself: the wall clock of a shared machine adds waiting
        # for a core, and a scan's wall clock is mostly the same fsync for both files.
        ratio = enc_cpu / plain_cpu
        judged = not what.startswith("page check")
        rows.append(
            Row(
                figure=f"Protected file (SQLCipher), {what}, {attendees:,} attendees",
                measured=(
                    f"{enc_wall:.3f} s (CPU {enc_cpu:.3f} s), CPU {ratio - 1:+.0%}, "
                    f"wall {enc_wall / plain_wall - 1:+.0%}"
                ),
                target=f"CPU ≤ {TARGET_RATIO - 1:+.0%} against plain"
                if judged
                else "none (in the background)",
                baseline=f"plain file {plain_wall:.3f} s (CPU {plain_cpu:.3f} s)",
                met=ratio <= TARGET_RATIO or not judged,
            )
        )
    shutil.rmtree(folder, ignore_errors=True)
    return rows
