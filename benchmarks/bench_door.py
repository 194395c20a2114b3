"""The door's decision under the lock: how long a verdict takes, and how many doubles a race makes.

**Verdict time.** `CheckInDesk.scan` for 1,000 different registered attendees of a 5,000-
attendee demo event (the Ed25519 check, the lock — BEGIN IMMEDIATE on SQLite, FOR NO KEY UPDATE
on PostgreSQL —, the standing, the insert, the commit), on a local SQLite file and on a
PostgreSQL server on this machine (the one EVENTDESK_TEST_PG_URL names, else a throwaway one
started here). Baseline in the same run, after each scan: the least a desk must do per scan —
an ORM look-up of another attendee by id, one Scan row inserted and committed — on the same
engine. Wall clock and the process's CPU time are both given: on a machine shared with other
work the wall clock includes waiting for a core.

**Race.** 4 spawned desk processes scan the same 150 badges, each badge released to all four
at once by a barrier (tests/services/door/race_support.py). The figure is the number of
people admitted more than once (target 0); the baseline is the same race with the door's lock
taken out (read, then insert, as before issue 13).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from benchmarks.table import Row

TARGET_P99_MS = 50.0
SCANS = 1000
QUICK_SCANS = 200
RACE_BADGES = 150


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _verdict_times(location: str, scans: int) -> tuple[list[float], list[float], float, float]:
    """Per-scan wall ms for the desk and the baseline, and CPU ms medians for both."""
    from eventdesk.domain.event import utc_now
    from eventdesk.persistence.document import EventDocument
    from eventdesk.persistence.tables import Attendee, Scan
    from eventdesk.services.door.checkin import CheckInDesk
    from tests.services.door.race_support import badge_tokens

    doc = EventDocument.open(location)
    try:
        badges = badge_tokens(doc, scans * 2)
        desk = CheckInDesk(doc=doc, desk="Bench")
        desk.scan(badges[0][1])  # connections and caches warm, as at a desk after its first scan
        door, base, door_cpu, base_cpu = [], [], [], []
        for n in range(1, scans + 1):
            _, token = badges[n]
            c0, t0 = time.process_time(), time.perf_counter()
            verdict = desk.scan(token)
            door.append((time.perf_counter() - t0) * 1000)
            door_cpu.append((time.process_time() - c0) * 1000)
            assert verdict.admitted, verdict.reason
            other = badges[scans + n - 1][0]
            c0, t0 = time.process_time(), time.perf_counter()
            with doc.session() as session:
                person = session.get(Attendee, other)
                session.add(
                    Scan(
                        id=str(uuid.uuid4()),
                        scanned_text="baseline",
                        verdict="unknown",
                        attendee_id=person.id if person else None,
                        desk="Baseline",
                        device_time=utc_now(),
                    )
                )
            base.append((time.perf_counter() - t0) * 1000)
            base_cpu.append((time.process_time() - c0) * 1000)
    finally:
        doc.close()
    return door, base, statistics.median(door_cpu), statistics.median(base_cpu)


def _verdict_row(where: str, location: str, scans: int) -> Row:
    door, base, door_cpu, base_cpu = _verdict_times(location, scans)
    p99, median = _percentile(door, 0.99), statistics.median(door)
    return Row(
        figure=f"Door verdict, {where} (5,000 attendees, {scans:,} scans)",
        measured=f"p99 {p99:.1f} ms, median {median:.1f} ms (CPU median {door_cpu:.1f} ms)",
        target=f"p99 ≤ {TARGET_P99_MS:g} ms",
        baseline=(
            f"ORM get + insert + commit: p99 {_percentile(base, 0.99):.1f} ms, median "
            f"{statistics.median(base):.1f} ms (CPU median {base_cpu:.1f} ms)"
        ),
        met=p99 <= TARGET_P99_MS,
    )


def _race_row(where: str, location: str, fresh) -> Row:  # type: ignore[no-untyped-def]
    from tests.services.door.race_support import race_processes

    locked = race_processes(location, tokens_of(location), desks=4)
    unlocked_location = fresh()
    unlocked = race_processes(unlocked_location, tokens_of(unlocked_location), desks=4, unlocked=True)
    return Row(
        figure=f"Door race, {where}: 4 processes × the same {RACE_BADGES} badges at once",
        measured=f"{locked.double_admissions} admitted twice; {locked.scans_logged} scans logged of 600",
        target="0 admitted twice",
        baseline=f"without the lock: {unlocked.double_admissions} of {RACE_BADGES} admitted twice",
        met=locked.double_admissions == 0 and locked.scans_logged == 4 * RACE_BADGES,
    )


def tokens_of(location: str) -> list[str]:
    from eventdesk.persistence.document import EventDocument
    from tests.services.door.race_support import badge_tokens

    doc = EventDocument.open(location)
    try:
        return [token for _, token in badge_tokens(doc, RACE_BADGES)]
    finally:
        doc.close()


def _server_database(admin_url: str) -> str:
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"eventdesk_bench_{uuid.uuid4().hex[:10]}"
    base = make_url(admin_url)
    with psycopg.connect(
        base.set(drivername="postgresql").render_as_string(hide_password=False), autocommit=True
    ) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return base.set(database=name).render_as_string(hide_password=False)


def run(quick: bool) -> list[Row]:
    from eventdesk.services.demo import DemoSpec, generate_demo

    scans = QUICK_SCANS if quick else SCANS
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        counter = iter(range(100))

        def sqlite_event(attendees: int) -> str:
            path = Path(folder) / f"door-{next(counter)}.eventdesk"
            generate_demo(target=path, spec=DemoSpec(attendees=attendees, companies=20, seed=5)).close()
            return str(path)

        rows.append(_verdict_row("local SQLite file", sqlite_event(5000), scans))
        rows.append(_race_row("one SQLite file", sqlite_event(RACE_BADGES + 40), lambda: sqlite_event(190)))

        server = None
        admin = os.environ.get("EVENTDESK_TEST_PG_URL")
        if not admin:
            from tests.support.postgres_server import ThrowawayPostgres

            server = ThrowawayPostgres()
            admin = server.url
        try:

            def server_event(attendees: int) -> str:
                url = _server_database(admin)
                generate_demo(target=url, spec=DemoSpec(attendees=attendees, companies=20, seed=5)).close()
                return url

            rows.append(_verdict_row("PostgreSQL on this machine", server_event(5000), scans))
            rows.append(_race_row("one PostgreSQL event", server_event(190), lambda: server_event(190)))
        finally:
            if server is not None:
                server.destroy()
    return rows
