"""The desk commands as a script uses them: host --server, join, sync, desks."""

from __future__ import annotations

import json
import socket
import threading

import pytest
from sqlalchemy.engine import make_url

from eventdesk.cli import main
from eventdesk.domain.tokens import encode_token
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Event
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.sync.join_code import JoinCode
from tests.factories import event_seed
from tests.sync.desk_hub import hub

pytestmark = pytest.mark.postgres
__all__ = ["hub"]  # the fixture


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_host_on_a_server_prints_a_pinned_code_and_the_event_is_there(hub, postgres_url, capsys, tmp_path):
    # `hub` went through host_on_server already; here the command itself, onto another database.
    from tests.factories import EventFactory

    (tmp_path / "own").mkdir()
    event_path = EventFactory(tmp_path / "own").demo_path(attendees=20, companies=2, seed=4)
    url = make_url(postgres_url)
    front_url = url.set(host="127.0.0.1", port=hub.link.port, password="pw", database=url.database)
    # A second, empty database behind the same front.
    import psycopg

    admin = make_url(postgres_url).set(drivername="postgresql", database="postgres")
    fresh = f"{url.database}_second"
    with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{fresh}"')
    try:
        target = front_url.set(database=fresh).render_as_string(hide_password=False)
        status, out, _ = run(capsys, "host", str(event_path), "--server", target, "--json")
        assert status == 0
        printed = json.loads(out)
        code = JoinCode.decode(printed["join_code"])
        assert code.database == fresh and code.fingerprint is not None
        status, out, _ = run(
            capsys, "join", printed["join_code"], "-o", str(hub.folder / "desk"), "--desk", "Gate 2"
        )
        assert status == 0 and "Joined as desk “Gate 2”" in out and "20 attendees" in out
    finally:
        with psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')


def test_host_refuses_a_server_without_tls(events, capsys):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def answer_no() -> None:
        conn, _ = listener.accept()
        conn.recv(8)
        conn.sendall(b"N")
        conn.close()

    threading.Thread(target=answer_no, daemon=True).start()
    port = listener.getsockname()[1]
    status, _, err = run(
        capsys, "host", str(events.demo_path(attendees=5, companies=1)), "--server",
        f"postgresql://desk:pw@127.0.0.1:{port}/fair",
    )  # fmt: skip
    listener.close()
    assert status != 0
    assert "offers no TLS" in err and err.count("\n") == 1


def test_join_sync_and_desks_report_what_moved(hub, capsys):
    status, out, _ = run(
        capsys, "join", hub.code.encode(), "-o", str(hub.folder / "a"), "--desk", "Door A", "--json"
    )
    assert status == 0
    path = json.loads(out)["path"]
    replica = EventDocument.open(path)
    with replica.engine.connect() as conn:
        from sqlalchemy import select

        code_, _key = conn.execute(select(Event.code, Event.public_key)).one()
    hub_doc = hub.doc()
    with hub_doc.engine.connect() as conn:
        signing = event_seed(conn.execute(select(Event.signing_key, Event.public_key)).one())
    hub_doc.close()
    CheckInDesk(doc=replica, desk="Door A").scan(
        encode_token(event_code=code_, serial=5, version=1, private_key=signing)
    )
    replica.close()

    status, out, _ = run(capsys, "sync", path)
    assert status == 0 and out.startswith("Hub reached: sent 1 scan, ")
    status, out, _ = run(capsys, "desks", hub.url, "--json")
    listed = json.loads(out)
    assert [d["name"] for d in listed["desks"]] == ["Door A"]
    assert listed["desks"][0]["unsent_scans"] == 0 and listed["double_admissions"] == []

    hub.cut()
    status, out, _ = run(capsys, "sync", path, "--json")
    assert status == 1
    assert json.loads(out)["reached"] is False


def test_checkin_on_a_replica_decides_in_the_hub_and_offline_when_it_cannot(hub, capsys):
    status, out, _ = run(capsys, "join", hub.code.encode(), "-o", str(hub.folder / "a"), "--json")
    path = json.loads(out)["path"]
    first, second = hub.badges(3, 4)
    status, out, _ = run(capsys, "checkin", path, first, "--json")
    assert status == 0
    assert json.loads(out)["decided_offline"] is False
    hub.cut()
    status, out, _ = run(capsys, "checkin", path, second)
    assert status == 0
    assert out.startswith("ADMITTED") and "decided offline" in out
    status, out, _ = run(capsys, "checkin", path, first)
    assert status == 1 and out.startswith("ALREADY CHECKED IN")
