"""Joining goes wrong in one sentence and leaves nothing behind."""

from __future__ import annotations

import dataclasses
import socket

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine

from eventdesk.domain.errors import EventdeskError, EventFileError
from eventdesk.sync.connect import HubIdentityError, HubUnreachableError
from eventdesk.sync.join_code import JoinCode, JoinCodeError
from eventdesk.sync.link import HubSchemaError
from eventdesk.sync.replica import join

pytestmark = pytest.mark.postgres


def nothing_written(folder) -> bool:  # type: ignore[no-untyped-def]
    return not [p for p in folder.iterdir() if p.name.startswith("desk")]


def test_a_hub_of_another_event_is_refused(hub, tmp_path):
    other = dataclasses.replace(hub.code, event_key_id=bytes(8), event_code="OTHER1")
    with pytest.raises(JoinCodeError, match=r"runs event .*, not the event OTHER1"):
        join(other.encode(), tmp_path / "desk.eventdesk", desk_name="Door A")
    assert nothing_written(tmp_path)


def test_a_certificate_that_is_not_the_codes_is_refused(hub, tmp_path):
    forged = dataclasses.replace(hub.code, fingerprint=bytes(32))
    with pytest.raises(HubIdentityError, match="is not the hub this join code is for"):
        join(forged.encode(), tmp_path / "desk.eventdesk", desk_name="Door A")
    assert nothing_written(tmp_path)


def test_an_expired_or_damaged_code_says_so(tmp_path):
    with pytest.raises(JoinCodeError, match="damaged"):
        join("EDJ1-AAAA-BBBB-CCCC", tmp_path / "desk.eventdesk", desk_name="Door A")
    assert nothing_written(tmp_path)


def test_a_hub_on_a_newer_schema_is_refused(hub, tmp_path):
    engine = create_engine(hub.url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    engine.dispose()
    with pytest.raises(HubSchemaError, match=r"runs a newer eventdesk .*update eventdesk on this desk"):
        join(hub.code.encode(), tmp_path / "desk.eventdesk", desk_name="Door A")
    assert nothing_written(tmp_path)


def test_an_unreachable_hub_is_one_sentence(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = JoinCode(
        host="127.0.0.1", port=port, database="eventdesk", user="eventdesk_desk", password="pw",
        event_code="ABC123", event_key_id=bytes(8), fingerprint=bytes(32),
    )  # fmt: skip
    with pytest.raises(HubUnreachableError, match="cannot be reached"):
        join(code.encode(), tmp_path / "desk.eventdesk", desk_name="Door A")
    assert nothing_written(tmp_path)


def test_a_full_disk_on_the_desk_is_one_sentence_and_leaves_no_half_replica(hub, tmp_path):
    def tiny_disk(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        if type(dbapi_connection).__module__.startswith("sqlite3"):
            dbapi_connection.execute("PRAGMA max_page_count=50")  # SQLite then fails as on a full disk

    event.listen(Engine, "connect", tiny_disk)
    try:
        with pytest.raises(EventFileError, match=r"disk of this desk is full; .* was not made"):
            join(hub.code.encode(), tmp_path / "desk.eventdesk", desk_name="Door A")
    finally:
        event.remove(Engine, "connect", tiny_disk)
    assert nothing_written(tmp_path)
    # The hub did not keep a desk that never got its copy.
    engine = create_engine(hub.url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM sync_desk")).scalar_one() == 0
    engine.dispose()


def test_a_desk_needs_a_name(hub, tmp_path):
    with pytest.raises(EventdeskError, match="needs a name"):
        join(hub.code.encode(), tmp_path / "desk.eventdesk", desk_name="  ")
