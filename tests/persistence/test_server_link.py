"""Every engine on a PostgreSQL server carries the timeouts that make a dead link fail fast."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from eventdesk.persistence import server_link
from eventdesk.persistence.document import EventDocument
from eventdesk.services.events import create_event
from tests.factories import DEFAULT_DRAFT


def test_the_urls_own_settings_win_and_server_options_are_combined() -> None:
    args = server_link.connect_args(already_set={"connect_timeout": "9", "options": "-c statement_timeout=1"})
    assert "connect_timeout" not in args
    assert args["keepalives"] == 1 and args["keepalives_idle"] == server_link.KEEPALIVES_IDLE_S
    assert args["options"].endswith("-c statement_timeout=1")  # the URL's, last, wins
    door = server_link.door_connect_args(already_set={"options": "-c statement_timeout=1"})
    assert door["options"].endswith(f"-c statement_timeout={server_link.DOOR_STATEMENT_TIMEOUT_MS} "
                                    f"-c idle_in_transaction_session_timeout="
                                    f"{server_link.IDLE_IN_TRANSACTION_TIMEOUT_MS}")  # fmt: skip


@pytest.mark.postgres
def test_the_server_applies_the_general_and_the_door_timeouts(postgres_url: str) -> None:
    create_event(target=postgres_url, draft=DEFAULT_DRAFT).close()
    doc = EventDocument.open(postgres_url)
    try:
        with doc.session() as session:
            general = session.execute(text("SHOW statement_timeout")).scalar_one()
            idle = session.execute(text("SHOW idle_in_transaction_session_timeout")).scalar_one()
            libpq = session.connection().connection.driver_connection.info.get_parameters()
        with doc.door_session() as session:
            door = session.execute(text("SHOW statement_timeout")).scalar_one()
    finally:
        doc.close()
    assert general == "2min"
    assert door == "5s"
    assert idle == "10s"
    assert libpq["keepalives"] == "1"
    assert libpq["keepalives_idle"] == str(server_link.KEEPALIVES_IDLE_S)
    assert libpq["connect_timeout"] == str(server_link.CONNECT_TIMEOUT_S)
