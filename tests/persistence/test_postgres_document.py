"""The same event document on a PostgreSQL server, as several check-in desks share it.

Every test gets a fresh database from the `postgres_url` fixture; without a server
(EVENTDESK_TEST_PG_URL unset) they skip and say so. `bash .ci/run` starts one.
"""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from eventdesk.cli import main
from eventdesk.domain.errors import EventFileError
from eventdesk.persistence.document import EventDocument
from eventdesk.services.demo import DemoSpec, generate_demo
from eventdesk.services.events import create_event, event_stats, event_summary
from tests.factories import DEFAULT_DRAFT

pytestmark = pytest.mark.postgres


def _plain(url: str) -> str:
    """The URL as psycopg itself takes it (without SQLAlchemy's driver suffix)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def test_a_new_event_on_a_server_reopens_with_what_was_typed(postgres_url: str) -> None:
    create_event(target=postgres_url, draft=DEFAULT_DRAFT).close()

    doc = EventDocument.open(postgres_url)
    try:
        summary = event_summary(doc=doc)
        stats = event_stats(doc=doc)
        assert not doc.is_sqlite
        assert doc.path is None
    finally:
        doc.close()
    assert summary.name == DEFAULT_DRAFT.name
    assert summary.starts_local.replace(tzinfo=None) == DEFAULT_DRAFT.starts_local
    assert summary.can_sign
    assert stats.attendees == 0
    assert stats.location == postgres_url


def test_a_plain_postgresql_url_means_psycopg(postgres_url: str) -> None:
    create_event(target=postgres_url, draft=DEFAULT_DRAFT).close()
    plain = _plain(postgres_url)
    assert plain.startswith("postgresql://")
    doc = EventDocument.open(plain)
    try:
        assert event_summary(doc=doc).name == DEFAULT_DRAFT.name
    finally:
        doc.close()


def test_a_demo_on_a_server_is_counted_and_saved_as_one_file(postgres_url: str, tmp_path: Path) -> None:
    generate_demo(target=postgres_url, spec=DemoSpec(attendees=250, companies=12, seed=5)).close()

    doc = EventDocument.open(postgres_url)
    try:
        on_server = event_stats(doc=doc)
        copy = doc.save_copy(tmp_path / "Career Day backup")
    finally:
        doc.close()
    assert on_server.attendees == 250
    assert on_server.companies == 12
    assert copy == tmp_path / "Career Day backup.eventdesk"
    assert [p.name for p in tmp_path.iterdir()] == [copy.name]  # one file, no -wal, no .part

    reopened = EventDocument.open(copy)
    try:
        in_file = event_stats(doc=reopened)
        assert event_summary(doc=reopened).can_sign
    finally:
        reopened.close()
    assert in_file.as_dict() | {"location": ""} == on_server.as_dict() | {"location": ""}


def test_stats_on_a_server_from_the_command_line(
    postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    generate_demo(target=postgres_url, spec=DemoSpec(attendees=60, companies=5, seed=2)).close()

    assert main(["stats", postgres_url, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["attendees"] == 60
    assert stats["companies"] == 5


def test_an_empty_database_is_not_an_event(postgres_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(EventFileError, match="is a database but not an eventdesk event"):
        EventDocument.open(postgres_url)
    assert main(["stats", postgres_url]) != 0
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_a_new_event_needs_an_empty_database(postgres_url: str) -> None:
    create_event(target=postgres_url, draft=DEFAULT_DRAFT).close()
    with pytest.raises(EventFileError, match="already holds tables"):
        create_event(target=postgres_url, draft=DEFAULT_DRAFT)


def test_a_database_from_a_newer_eventdesk_is_refused_and_left_alone(
    postgres_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    create_event(target=postgres_url, draft=DEFAULT_DRAFT).close()
    with psycopg.connect(_plain(postgres_url), autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9000_from_the_future'")

    with pytest.raises(EventFileError, match="newer version of eventdesk"):
        EventDocument.open(postgres_url)
    assert main(["stats", postgres_url]) != 0
    assert "newer version of eventdesk" in capsys.readouterr().err

    with psycopg.connect(_plain(postgres_url)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("9000_from_the_future",)
        ]


def test_a_refusal_never_shows_the_password(postgres_url: str) -> None:
    with_password = make_url(postgres_url).set(password="s3cret-desk-pass")
    with pytest.raises(EventFileError) as refused:
        EventDocument.open(with_password.render_as_string(hide_password=False))
    assert "s3cret-desk-pass" not in str(refused.value)


def test_an_unreachable_server_is_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    """Needs no server: port 1 on this machine refuses the connection at once."""
    url = "postgresql+psycopg://desk:s3cret@127.0.0.1:1/careerday"
    with pytest.raises(EventFileError, match="Cannot connect to"):
        EventDocument.open(url)

    assert main(["stats", url]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert "127.0.0.1:1/careerday" in err
    assert "s3cret" not in err


def test_an_unknown_driver_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql+asyncpg://desk@127.0.0.1/careerday"
    with pytest.raises(EventFileError, match="postgresql\\+psycopg"):
        EventDocument.open(url)
