"""A hub that died while hosting comes back with its newer copy and the same join code."""

from __future__ import annotations

from sqlalchemy import create_engine, func, select
from sqlmodel import Session

from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Company
from eventdesk.sync.connect import verify_hub
from eventdesk.sync.hub.server import ManagedHub


def companies_in(engine) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(Company)).scalar_one())


def test_after_a_crash_the_hub_keeps_its_copy_and_its_code(events, tmp_path):
    event_path = events.demo_path(attendees=40, companies=4, seed=9)
    first = ManagedHub(event_path, listen_host="127.0.0.1", advertised_host="127.0.0.1", port=0)
    code = first.start()
    url, args = verify_hub(code, certificate_folder=tmp_path)
    engine = create_engine(url, connect_args=args)
    with Session(engine) as session:
        session.add(Company(name="Written before the crash AG"))
        session.commit()
    engine.dispose()
    # The laptop dies: no copy back, PostgreSQL killed without a checkpoint.
    first._front.stop()
    first._binaries.run("pg_ctl", "-D", str(first.data_dir), "-m", "immediate", "stop")

    second = ManagedHub(event_path, listen_host="127.0.0.1", advertised_host="127.0.0.1", port=code.port)
    again = second.start()
    try:
        assert second.resumed
        assert (again.port, again.password, again.fingerprint) == (code.port, code.password, code.fingerprint)
        url, args = verify_hub(again, certificate_folder=tmp_path)  # the desks' pinned certificate still fits
        engine = create_engine(url, connect_args=args)
        assert companies_in(engine) == 5
        engine.dispose()
    finally:
        second.stop()
    doc = EventDocument.open(event_path)
    try:
        assert companies_in(doc.engine) == 5
    finally:
        doc.close()
    third = ManagedHub(event_path, listen_host="127.0.0.1", advertised_host="127.0.0.1", port=0)
    third.start()
    try:
        assert not third.resumed  # stopped cleanly: the file is the event again
    finally:
        third.stop()
