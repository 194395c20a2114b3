"""Faults a desk meets after it joined, each one sentence and nothing lost: the hub down before
the first scan of the day, a full disk on the desk during a scan or a pull, a hub upgraded to a
newer eventdesk while the desk was away."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, event, func, select, text

from eventdesk.cli import main
from eventdesk.domain.people import AttendeeDraft
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.sync_tables import SyncOutbox
from eventdesk.persistence.tables import Attendee, Scan
from eventdesk.services.people.edit import add_attendee
from eventdesk.sync.rounds import DeskSync, disk_full_sentence
from tests.sync.desk_hub import badge
from tests.sync.test_replica import count, sync

pytestmark = pytest.mark.postgres


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def outbox_of(path: Path) -> int:
    doc = EventDocument.open(path)
    try:
        return count(doc, select(func.count()).select_from(SyncOutbox))
    finally:
        doc.close()


@contextmanager
def failing_scan_writes() -> Iterator[None]:
    """Every scan a desk writes meets SQLite's full-disk error, as when the disk filled up
    between two scans (a real full disk cannot be made to fail one insert and not the next)."""

    def refuse(cursor, statement, parameters, context) -> bool:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT INTO SCAN"):
            raise sqlite3.OperationalError("database or disk is full")
        return False

    event.listen(Engine, "do_execute", refuse)
    try:
        yield
    finally:
        event.remove(Engine, "do_execute", refuse)


@contextmanager
def full_disk(path: Path) -> Iterator[None]:
    """The desk's disk has no room for one more page of `path` (SQLite then fails exactly as on
    a full disk: SQLITE_FULL, "database or disk is full")."""
    probe = create_engine(f"sqlite:///{path}")
    with probe.connect() as conn:
        pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar_one())
    probe.dispose()

    def no_room(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        if type(dbapi_connection).__module__.startswith("sqlite3"):
            dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(Engine, "connect", no_room)
    try:
        yield
    finally:
        event.remove(Engine, "connect", no_room)


def test_checkin_with_the_hub_cut_before_the_first_scan_decides_offline_and_sends_it_later(hub, capsys):
    path = hub.join("Door A")
    hub_doc = hub.doc()
    code = badge(hub_doc, 6)
    hub.cut()
    status, out, _ = run(capsys, "checkin", str(path), code, "--json")
    assert status == 0
    verdict = json.loads(out)
    assert verdict["verdict"] == "admitted" and verdict["decided_offline"] is True
    assert outbox_of(path) == 1
    status, out, _ = run(capsys, "checkin", str(path), code)
    assert status == 1 and out.startswith("ALREADY CHECKED IN") and "decided offline" in out
    hub.link.heal()
    status, out, _ = run(capsys, "sync", str(path))
    assert status == 0 and out.startswith("Hub reached: sent 2 scans")
    with hub_doc.engine.connect() as conn:
        scans = conn.execute(select(Scan.verdict, Scan.offline).where(Scan.attendee_id == 6)).all()
    assert sorted(tuple(s) for s in scans) == [("admitted", True), ("already_admitted", True)]
    assert outbox_of(path) == 0
    hub_doc.close()


def test_checkin_with_the_hub_server_stopped_before_the_first_scan_keeps_the_scan(hub, capsys):
    path = hub.join("Door A")
    (code,) = hub.badges(8)
    hub.link.stop()  # nothing listens at the hub's address any more: connection refused
    status, out, _ = run(capsys, "checkin", str(path), code)
    assert status == 0 and out.startswith("ADMITTED") and "decided offline" in out
    status, out, _ = run(capsys, "sync", str(path))
    assert status == 1 and out.startswith("The hub was not reached (")
    assert out.rstrip().endswith("everything stays queued on this desk.")
    assert outbox_of(path) == 1


def test_a_full_disk_during_a_pull_is_one_sentence_and_the_next_round_catches_up(hub):
    a, b = hub.join("Door A"), hub.join("Door B")
    doc = EventDocument.open(a)
    for n in range(40):
        add_attendee(doc=doc, draft=AttendeeDraft(given_name=f"Walk-in {n}", family_name="Lindqvist" * 20))
    doc.close()
    sync(a)
    doc = EventDocument.open(b)
    hub_doc = hub.doc()
    from eventdesk.services.door.checkin import CheckInDesk

    assert CheckInDesk(doc=doc, desk="Door B").scan(badge(hub_doc, 5)).admitted  # queued at B
    doc.close()
    with full_disk(b):
        doc = EventDocument.open(b)
        desk = DeskSync(doc)
        report = desk.run_round()
        assert report.blocked and report.summary() == disk_full_sentence()
        assert disk_full_sentence() in desk.status.text()
        desk.close()
        doc.close()
    sync(b)
    replica_b = EventDocument.open(b)
    assert (
        count(
            replica_b,
            select(func.count()).select_from(Attendee).where(Attendee.family_name.like("Lindqvist%")),
        )
        == 40
    )
    assert count(replica_b, select(func.count()).select_from(SyncOutbox)) == 0
    replica_b.close()
    assert count(hub_doc, select(func.count()).select_from(Scan).where(Scan.attendee_id == 5)) == 1
    hub_doc.close()


def test_a_full_disk_during_an_offline_scan_is_one_sentence_and_admits_nobody(hub, capsys):
    path = hub.join("Door A")
    (code,) = hub.badges(10)
    hub.cut()
    with failing_scan_writes():
        status, out, err = run(capsys, "checkin", str(path), code)
    assert status not in (0, 1) and out == ""
    assert "is full; the scan was not recorded and nobody was admitted on it" in err
    assert err.count("\n") == 1
    assert outbox_of(path) == 0
    status, out, _ = run(capsys, "checkin", str(path), code)
    assert status == 0 and out.startswith("ADMITTED")


def test_a_hub_upgraded_while_the_desk_was_away_is_one_sentence_and_keeps_the_queue(hub, capsys):
    path = hub.join("Door A")
    (code,) = hub.badges(12)
    doc = EventDocument.open(path)
    desk = DeskSync(doc)
    assert desk.run_round().reached
    hub.cut()
    from eventdesk.services.door.checkin import CheckInDesk

    assert CheckInDesk(doc=doc, desk="Door A").scan(code).admitted
    assert not desk.run_round().reached
    engine = create_engine(hub.url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    engine.dispose()
    hub.link.heal()
    report = desk.run_round()  # the same desk, as the window's loop runs it
    assert report.blocked and "runs a newer eventdesk (schema 0099_from_the_future)" in report.problem
    assert "update eventdesk on this desk" in desk.status.text()
    desk.close()
    doc.close()
    status, out, _ = run(capsys, "sync", str(path))
    assert status == 1
    assert out.startswith("The hub at ") and out.rstrip().endswith("Everything stays queued on this desk.")
    assert out.count("\n") == 1
    assert outbox_of(path) == 1


def test_a_long_transaction_of_another_database_on_the_server_does_not_hold_desks_back(hub, postgres_url):
    """An organiser's existing PostgreSQL runs other work; its open transaction is not this event's."""
    import psycopg
    from sqlalchemy.engine import make_url

    other = make_url(postgres_url).set(drivername="postgresql", database="postgres")
    a, b = hub.join("Door A"), hub.join("Door B")
    with psycopg.connect(other.render_as_string(hide_password=False)) as elsewhere:
        elsewhere.execute("SELECT pg_current_xact_id()")  # holds a transaction id, left open
        doc = EventDocument.open(a)
        walk_in = add_attendee(doc=doc, draft=AttendeeDraft(given_name="Inès", family_name="Lindgren")).id
        doc.close()
        sync(a)
        sync(b)
        replica_b = EventDocument.open(b)
        assert count(replica_b, select(func.count()).select_from(Attendee).where(Attendee.id == walk_in)) == 1
        replica_b.close()
        elsewhere.rollback()
