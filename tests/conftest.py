"""Shared fixtures: every test gets its own settings folder and, where it asks, a real event.

Events come from one factory (`tests/factories.py`) built on the demo generator, so fixtures
carry realistic data: diacritics, particles, long names, 40 companies, hundreds of people.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.factories import EventFactory
from tests.support.fault_proxy import FaultyLink

PG_URL_VARIABLE = "EVENTDESK_TEST_PG_URL"


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTDESK_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("EVENTDESK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("EVENTDESK_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def events(tmp_path: Path) -> EventFactory:
    return EventFactory(tmp_path)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards.

    `.ci/run` starts a throwaway server and exports EVENTDESK_TEST_PG_URL pointing at its
    maintenance database; without it these tests skip and say why.
    """
    admin_url = os.environ.get(PG_URL_VARIABLE)
    if not admin_url:
        pytest.skip(f"no PostgreSQL server: set {PG_URL_VARIABLE} (bash .ci/run starts one)")
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"eventdesk_test_{uuid.uuid4().hex[:12]}"
    base = make_url(admin_url)
    plain = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def link(event_url: str) -> Iterator[FaultyLink]:
    """A proxy in front of the server of the test module's `event_url` (a demo event it makes on
    `postgres_url`), for a test that cuts, stalls or drops the desk's link to it."""
    from sqlalchemy.engine import make_url

    url = make_url(event_url)
    with FaultyLink(url.host or "127.0.0.1", url.port or 5432) as proxy:
        yield proxy
