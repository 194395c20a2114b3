"""A real managed hub: started, reached over pinned TLS only, refusing the wrong desk, stopped.

One hub is started for the module (about 1.5 s on a quiet machine) and stopped by the last
test, which checks that the event file then holds what desks wrote into the hub.
"""

from __future__ import annotations

import dataclasses
import ssl
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, func, select, text
from sqlmodel import Session

from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Company
from eventdesk.sync.connect import (
    HubIdentityError,
    HubLoginError,
    HubUnreachableError,
    connect_url,
    fetch_certificate,
    verify_hub,
)
from eventdesk.sync.hub.certificate import make_certificate
from eventdesk.sync.hub.server import ManagedHub
from eventdesk.sync.join_code import JoinCode, JoinCodeError, event_key_id
from tests.factories import EventFactory


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ManagedHub, JoinCode, Path]]:
    folder = tmp_path_factory.mktemp("hub")
    event_path = EventFactory(folder).demo_path(attendees=120, companies=8, seed=5)
    hub = ManagedHub(event_path, listen_host="127.0.0.1", advertised_host="127.0.0.1", port=0)
    started = time.monotonic()
    code = hub.start()
    assert time.monotonic() - started < 20
    yield hub, code, folder
    if hub._front is not None:  # a test failed before the stop test ran
        hub.stop()


def count(url: str, args: dict, table: str) -> int:
    engine = create_engine(url, connect_args=args)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


def test_a_desk_reaches_the_event_over_tls_pinned_to_the_join_codes_certificate(running):
    hub, code, folder = running
    pasted = JoinCode.decode(code.encode())
    url, args = verify_hub(pasted, certificate_folder=folder)
    assert args["sslmode"] == "verify-ca"
    assert count(url, args, "attendee") == 120
    with psycopg.connect(url.replace("+psycopg", ""), **args) as conn:
        assert conn.info.pgconn.ssl_in_use
        assert "127.0.0.1" in hub.connected_desks()


def test_a_client_that_does_not_ask_for_tls_is_refused(running):
    _hub, code, _folder = running
    with pytest.raises(psycopg.OperationalError, match="accepts only TLS"):
        psycopg.connect(
            host="127.0.0.1", port=code.port, user=code.user, password=code.password,
            dbname=code.database, sslmode="disable", gssencmode="disable", connect_timeout=5,
        )  # fmt: skip


def test_a_wrong_fingerprint_is_refused_before_the_password_is_sent(running):
    _hub, code, folder = running
    forged = dataclasses.replace(code, fingerprint=bytes(32))
    with pytest.raises(HubIdentityError, match="not the hub this join code is for"):
        connect_url(forged, certificate_folder=folder)


def test_libpq_refuses_the_hub_when_another_certificate_is_pinned(running):
    # The pin is libpq's own check too: a swapped server would fail the TLS handshake.
    _hub, code, folder = running
    (folder / "other").mkdir()
    other = make_certificate(folder / "other", event_code="OTHER9")
    with pytest.raises(psycopg.OperationalError, match="certificate verify failed"):
        psycopg.connect(
            host="127.0.0.1", port=code.port, user=code.user, password=code.password,
            dbname=code.database, sslmode="verify-ca", sslrootcert=str(other.cert_path),
            gssencmode="disable", connect_timeout=5,
        )  # fmt: skip


def test_the_fetched_certificate_is_the_one_the_code_pins(running):
    hub, code, _folder = running
    der = fetch_certificate(code.host, code.port)
    assert ssl.DER_cert_to_PEM_cert(der).strip() == (hub.folder / "hub.crt").read_text().strip()


def test_a_wrong_password_gets_one_sentence(running):
    _hub, code, folder = running
    with pytest.raises(HubLoginError, match="refused this join code's password"):
        verify_hub(dataclasses.replace(code, password="not-the-password"), certificate_folder=folder)


def test_a_hub_of_another_event_is_named(running):
    _hub, code, folder = running
    other = dataclasses.replace(code, event_code="OTHER9", event_key_id=event_key_id(b"another key"))
    with pytest.raises(JoinCodeError, match=rf"runs event {code.event_code}, not the event OTHER9"):
        verify_hub(other, certificate_folder=folder)


def test_an_unreachable_hub_gets_one_sentence_quickly():
    code = JoinCode(
        host="127.0.0.1", port=9, database="eventdesk", user="eventdesk_desk", password="x",
        event_code="ABC123", event_key_id=bytes(8), fingerprint=bytes(32),
    )  # fmt: skip
    started = time.monotonic()
    with pytest.raises(HubUnreachableError, match=r"127\.0\.0\.1:9 cannot be reached"):
        connect_url(code)
    assert time.monotonic() - started < 5


def test_stopping_writes_what_desks_added_into_the_event_file(running):
    hub, code, folder = running
    url, args = verify_hub(code, certificate_folder=folder)
    engine = create_engine(url, connect_args=args)
    with Session(engine) as session:
        # A new row gets a fresh id: the copied ids did not leave the sequence behind.
        session.add(Company(name="Walk-in Biotech BV"))
        session.commit()
    engine.dispose()
    event_path = hub.stop()
    assert hub.connected_desks() == {}
    with pytest.raises(HubUnreachableError):
        fetch_certificate(code.host, code.port, timeout=2)
    doc = EventDocument.open(event_path)
    try:
        with doc.session() as session:
            names = session.exec(select(Company.name)).scalars().all()
            attendees = session.exec(select(func.count()).select_from(Attendee)).scalar_one()
    finally:
        doc.close()
    assert "Walk-in Biotech BV" in names and len(names) == 9
    assert attendees == 120
    assert not event_path.with_name(event_path.name + ".from-hub.eventdesk").exists()
