"""The event file as a person meets it: created, reopened, copied while in use, and refused
with one clear sentence when it is not an event, damaged, or written by a newer eventdesk."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from eventdesk.cli import main
from eventdesk.domain.errors import EventFileError
from eventdesk.persistence import migrations
from eventdesk.persistence.document import BUSY_TIMEOUT_MS, EventDocument
from eventdesk.persistence.tables import Attendee, Company
from eventdesk.services.events import create_event, event_stats, event_summary
from tests.factories import DEFAULT_DRAFT, EventFactory

SIDE_FILES = ("-wal", "-shm", "-journal", ".before-upgrade")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _side_files(path: Path) -> list[str]:
    return [suffix for suffix in SIDE_FILES if Path(f"{path}{suffix}").exists()]


def _closed_empty(events: EventFactory) -> Path:
    doc = events.empty()
    doc.close()
    return Path(doc.display_location)


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _stats_refusal(target: str, capsys: pytest.CaptureFixture[str]) -> str:
    """What `eventdesk stats TARGET` says on stderr; it must fail with exactly one line."""
    code = main(["stats", target])
    captured = capsys.readouterr()
    assert code != 0
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("eventdesk: ")
    return lines[0]


# -- creating and reopening ------------------------------------------------------------------


def test_a_new_event_reopens_with_what_was_typed(events: EventFactory) -> None:
    path = _closed_empty(events)

    assert path.suffix == ".eventdesk"
    assert _side_files(path) == []  # one file that can be mailed or copied as is
    assert not Path(f"{path}.part").exists()

    doc = EventDocument.open(path)
    try:
        summary = event_summary(doc=doc)
        stats = event_stats(doc=doc)
    finally:
        doc.close()
    assert summary.name == DEFAULT_DRAFT.name
    assert summary.venue == DEFAULT_DRAFT.venue
    assert summary.timezone == "Europe/Amsterdam"
    assert summary.starts_local.replace(tzinfo=None) == DEFAULT_DRAFT.starts_local
    assert summary.ends_local.replace(tzinfo=None) == DEFAULT_DRAFT.ends_local
    assert summary.can_sign
    assert stats.attendees == 0
    assert stats.location == str(path)


def test_a_name_without_the_suffix_gets_it(tmp_path: Path) -> None:
    doc = create_event(target=tmp_path / "Career Day Leiden", draft=DEFAULT_DRAFT)
    doc.close()
    assert (tmp_path / "Career Day Leiden.eventdesk").is_file()


def test_sqlite_runs_with_wal_foreign_keys_and_a_busy_timeout(events: EventFactory) -> None:
    doc = events.empty()
    try:
        with doc.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
        # Foreign keys are really enforced: staff cannot point at a company that is not there.
        with pytest.raises(IntegrityError), doc.session() as session:
            session.add(Attendee(given_name="Ana", family_name="Sousa", company_id=4242))
    finally:
        doc.close()


def test_creating_over_an_existing_file_needs_permission(events: EventFactory) -> None:
    path = _closed_empty(events)
    before = _sha(path)

    with pytest.raises(EventFileError, match="already exists"):
        create_event(target=path, draft=DEFAULT_DRAFT)
    assert _sha(path) == before

    replaced = create_event(target=path, draft=DEFAULT_DRAFT, overwrite=True)
    replaced.close()
    assert _sha(path) != before
    assert _rows(path, "SELECT count(*) FROM event") == [(1,)]


def test_creating_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EventFileError, match="does not exist"):
        create_event(target=tmp_path / "nowhere" / "fair.eventdesk", draft=DEFAULT_DRAFT)


# -- refusing what is not an event -----------------------------------------------------------


def _text_file(tmp_path: Path) -> Path:
    path = tmp_path / "attendees.eventdesk"
    path.write_text("given_name,family_name,email\nJoost,van der Berg,joost@example.nl\n", "utf-8")
    return path


def _empty_file(tmp_path: Path) -> Path:
    path = tmp_path / "empty.eventdesk"
    path.touch()
    return path


def _folder(tmp_path: Path) -> Path:
    path = tmp_path / "folder.eventdesk"
    path.mkdir()
    return path


def _other_sqlite(tmp_path: Path) -> Path:
    path = tmp_path / "notes.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO note (body) VALUES ('not an event')")
    conn.commit()
    conn.close()
    return path


def _schema_without_event_row(tmp_path: Path) -> Path:
    path = tmp_path / "half-made.eventdesk"
    doc = EventDocument.create_empty(path)
    doc.close()
    conn = sqlite3.connect(doc.path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copyfile(doc.path, path)
    return path


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (_text_file, "is not an eventdesk event file (it is not an SQLite database)"),
        (_empty_file, "is not an eventdesk event file (it is not an SQLite database)"),
        (_folder, "is a folder, not an event file"),
        (_other_sqlite, "is a database but not an eventdesk event"),
        (_schema_without_event_row, "is not an eventdesk event (it holds no event)"),
        (lambda tmp_path: tmp_path / "missing.eventdesk", "There is no event file at"),
    ],
    ids=["text", "empty", "folder", "other-sqlite", "no-event-row", "missing"],
)
def test_what_is_not_an_event_is_refused_in_one_sentence(
    make: Callable[[Path], Path], says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make(tmp_path)
    before = _sha(path) if path.is_file() else None

    with pytest.raises(EventFileError, match=f"{path.name}.*") as refused:
        EventDocument.open(path)
    assert says in str(refused.value)

    line = _stats_refusal(str(path), capsys)
    assert says in line
    assert str(path) in line
    if before is not None:
        assert _sha(path) == before
        assert _side_files(path) == []


def _damage_pages(path: Path, *, start: float, pages: int) -> None:
    """Overwrite whole pages in the middle of a real file, as a bad disk or a cut copy does."""
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    first = int(len(data) * start) // page * page
    data[first : first + pages * page] = b"\xa5" * (pages * page)
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real event with thousands of rows, so that damage lands in table pages."""
    return EventFactory(tmp_path_factory.mktemp("demo")).demo_path(attendees=3000, companies=30, seed=11)


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: _damage_pages(path, start=0.5, pages=4),
        lambda path: _damage_pages(path, start=0.0, pages=2),
        _truncate,
    ],
    ids=["pages-in-the-middle", "first-pages", "truncated"],
)
def test_a_damaged_event_file_is_refused_in_one_sentence(
    damage: Callable[[Path], None], demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "damaged.eventdesk"
    shutil.copyfile(demo_file, path)
    damage(path)

    with pytest.raises(EventFileError, match=r"damaged|not an SQLite database"):
        EventDocument.open(path)
    line = _stats_refusal(str(path), capsys)
    assert str(path) in line
    assert _side_files(path) == []


def test_the_real_command_refuses_a_damaged_file_without_a_traceback(demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "damaged.eventdesk"
    shutil.copyfile(demo_file, path)
    _damage_pages(path, start=0.6, pages=3)

    result = subprocess.run(
        [sys.executable, "-m", "eventdesk", "stats", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"eventdesk: {path} is damaged and cannot be read")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_deferred_page_check_finds_the_damage_the_open_left_to_it(demo_file: Path, tmp_path: Path) -> None:
    # The window opens without reading every page and checks them once the event shows.
    path = tmp_path / "damaged.eventdesk"
    shutil.copyfile(demo_file, path)
    _damage_pages(path, start=0.5, pages=4)
    doc = EventDocument.open(path, check_pages=False)
    try:
        with pytest.raises(EventFileError, match=rf"^{path} is damaged and cannot be read \(.+\)\.$"):
            doc.check_pages()
    finally:
        doc.close()


def test_an_intact_demo_file_passes_the_damage_check(demo_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "intact.eventdesk"
    shutil.copyfile(demo_file, path)
    doc = EventDocument.open(path)
    try:
        assert event_stats(doc=doc).attendees == 3000
        doc.check_pages()
    finally:
        doc.close()


# -- files from a newer eventdesk ------------------------------------------------------------


def test_a_file_from_a_newer_eventdesk_is_refused_and_left_untouched(
    events: EventFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _closed_empty(events)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9000_from_the_future'")
    conn.commit()
    conn.close()
    assert _side_files(path) == []
    before = _sha(path)

    with pytest.raises(EventFileError, match="newer version of eventdesk") as refused:
        EventDocument.open(path)
    assert "9000_from_the_future" in str(refused.value)
    assert "not changed" in str(refused.value)

    line = _stats_refusal(str(path), capsys)
    assert "newer version of eventdesk" in line
    assert _sha(path) == before
    assert _side_files(path) == []


# -- upgrading an older file -----------------------------------------------------------------

NEXT_REVISION = "9001_test_next_schema"


@pytest.fixture
def next_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """This eventdesk's migrations plus one more, as the next release would ship them.

    Files made before the extra revision is added are then "older" files that need upgrading.
    Call the fixture's value with the body of the new revision's `upgrade()`.
    """
    scripts = tmp_path / "db"
    shutil.copytree(migrations.migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
    heads = tuple(sorted(migrations.head_revisions()))

    def add_revision(upgrade_body: str) -> None:
        (scripts / "versions" / f"{NEXT_REVISION}.py").write_text(
            "from alembic import op\n"
            "import sqlalchemy as sa\n\n"
            f"revision = {NEXT_REVISION!r}\n"
            f"down_revision = {heads!r}\n"
            "branch_labels = None\n"
            "depends_on = None\n\n\n"
            "def upgrade() -> None:\n"
            f"    {upgrade_body}\n\n\n"
            "def downgrade() -> None:\n"
            "    pass\n",
            "utf-8",
        )
        monkeypatch.setattr(migrations, "migrations_dir", lambda: scripts)
        _clear_migration_caches()

    def _clear_migration_caches() -> None:
        for cached in (migrations._graph, migrations.head_revisions):
            cached.cache_clear()

    yield add_revision
    monkeypatch.undo()
    _clear_migration_caches()


def test_an_older_file_is_backed_up_then_upgraded(
    events: EventFactory, next_schema: Callable[[str], None]
) -> None:
    path = _closed_empty(events)
    old_revisions = _rows(path, "SELECT version_num FROM alembic_version")
    next_schema("op.create_table('desk_note', sa.Column('id', sa.Integer, primary_key=True))")

    doc = EventDocument.open(path)
    try:
        assert event_summary(doc=doc).name == DEFAULT_DRAFT.name
        with doc.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").all() == [(NEXT_REVISION,)]
            assert conn.exec_driver_sql("SELECT count(*) FROM desk_note").scalar() == 0
    finally:
        doc.close()

    backup = Path(f"{path}.before-upgrade")
    assert _rows(backup, "SELECT version_num FROM alembic_version") == old_revisions
    assert _rows(backup, "SELECT name FROM event") == [(DEFAULT_DRAFT.name,)]
    assert not Path(f"{backup}-wal").exists()  # the backup is one file, openable by an older eventdesk

    # Opening the now current file again changes nothing and keeps the backup as it was.
    backup_sha = _sha(backup)
    EventDocument.open(path).close()
    assert _sha(backup) == backup_sha


def test_an_upgrade_that_rebuilds_a_table_keeps_staff_linked_to_their_company(
    events: EventFactory, next_schema: Callable[[str], None]
) -> None:
    """SQLite alters a table by copying it and dropping the old one; with foreign keys on
    during that drop, ON DELETE SET NULL would silently unlink every exhibitor's staff."""
    doc = events.empty()
    with doc.session() as session:
        company = Company(name="Lundbeck", booth="B4")
        session.add(company)
        session.flush()
        session.add(Attendee(given_name="Søren", family_name="Kierkegaard", company_id=company.id))
    doc.close()
    next_schema(
        "with op.batch_alter_table('company', recreate='always') as batch:\n"
        "        batch.add_column(sa.Column('stand_size', sa.String(), nullable=True))"
    )

    doc = EventDocument.open(doc.display_location)
    try:
        stats = event_stats(doc=doc)
        with doc.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        doc.close()
    assert stats.exhibitor_staff == 1
    assert _rows(Path(doc.display_location), "SELECT booth, stand_size FROM company") == [("B4", None)]


def test_the_backup_keeps_commits_left_in_the_wal_by_a_crash(
    events: EventFactory, next_schema: Callable[[str], None], tmp_path: Path
) -> None:
    path = _closed_empty(events)
    crashed = tmp_path / "crashed.eventdesk"
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute(
        "INSERT INTO company (name, sector, booth, meeting_tables, hiring_tags, website,"
        " description, contact_name, contact_email, contact_phone, created_at, updated_at)"
        " VALUES ('Kattegat Biologics', 'Biotech', 'A12', 2, '[]', '', '', '', '', '',"
        " '2027-01-01 00:00:00', '2027-01-01 00:00:00')"
    )
    writer.commit()
    # Copy the file and its WAL while the writer is still connected: what a power cut leaves.
    shutil.copyfile(path, crashed)
    shutil.copyfile(f"{path}-wal", f"{crashed}-wal")
    writer.close()
    next_schema("op.create_table('desk_note', sa.Column('id', sa.Integer, primary_key=True))")

    doc = EventDocument.open(crashed)
    try:
        assert event_stats(doc=doc).companies == 1
    finally:
        doc.close()
    assert _rows(Path(f"{crashed}.before-upgrade"), "SELECT name FROM company") == [("Kattegat Biologics",)]


def test_a_failing_upgrade_leaves_the_file_as_it_was(
    events: EventFactory, next_schema: Callable[[str], None], capsys: pytest.CaptureFixture[str]
) -> None:
    path = _closed_empty(events)
    old_revisions = _rows(path, "SELECT version_num FROM alembic_version")
    next_schema(
        "op.create_table('desk_note', sa.Column('id', sa.Integer, primary_key=True)); "
        "op.execute('UPDATE no_such_table SET x = 1')"
    )

    with pytest.raises(EventFileError, match=r"could not be upgraded.*left as it was"):
        EventDocument.open(path)
    assert _rows(path, "SELECT version_num FROM alembic_version") == old_revisions
    assert _rows(path, "SELECT name FROM sqlite_master WHERE name = 'desk_note'") == []
    assert Path(f"{path}.before-upgrade").is_file()
    assert "could not be upgraded" in _stats_refusal(str(path), capsys)


# -- copying while in use --------------------------------------------------------------------


def test_save_copy_while_another_desk_writes_gives_one_consistent_file(
    events: EventFactory, tmp_path: Path
) -> None:
    doc = events.empty()
    stop = threading.Event()
    committed = threading.Semaphore(0)

    def desk_writing() -> None:
        """Another connection adds a company and its one staff member per transaction."""
        conn = sqlite3.connect(doc.path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            n = 0
            while not stop.is_set():
                n += 1
                with conn:
                    cur = conn.execute(
                        "INSERT INTO company (name, sector, booth, meeting_tables, hiring_tags, website,"
                        " description, contact_name, contact_email, contact_phone, created_at, updated_at)"
                        " VALUES (?, '', '', 1, '[]', '', '', '', '', '', '2027-01-01', '2027-01-01')",
                        (f"Company {n}",),
                    )
                    conn.execute(
                        "INSERT INTO attendee (given_name, family_name, phone, organisation, job_title,"
                        " degree, field_of_work, interests, ticket_type, status, consent_share,"
                        " company_id, search_text, badge_version, created_at, updated_at)"
                        " VALUES ('Staff', ?, '', '', '', '', '', '[]', 'exhibitor', 'registered', 0,"
                        " ?, '', 1, '2027-01-01', '2027-01-01')",
                        (f"Member {n}", cur.lastrowid),
                    )
                committed.release()
        finally:
            conn.close()

    writer = threading.Thread(target=desk_writing)
    writer.start()
    try:
        for _ in range(50):
            committed.acquire(timeout=30)
        copies = [doc.save_copy(tmp_path / f"copy-{i}") for i in range(3)]
    finally:
        stop.set()
        writer.join(timeout=60)
    final = event_stats(doc=doc)
    doc.close()

    for copy in copies:
        assert copy.suffix == ".eventdesk"
        assert _side_files(copy) == []
        assert not Path(f"{copy}.part").exists()
        assert _rows(copy, "PRAGMA journal_mode") == [("delete",)]  # a single file, no WAL needed
        assert _rows(copy, "PRAGMA integrity_check") == [("ok",)]
        reopened = EventDocument.open(copy)
        try:
            stats = event_stats(doc=reopened)
        finally:
            reopened.close()
        # A snapshot between two transactions: every company with its staff member.
        assert 50 <= stats.companies <= final.companies
        assert stats.exhibitor_staff == stats.companies


def test_save_copy_cannot_replace_its_own_file(events: EventFactory) -> None:
    doc = events.empty()
    try:
        with pytest.raises(EventFileError, match="cannot replace the event"):
            doc.save_copy(doc.display_location)
    finally:
        doc.close()


def test_staff_are_kept_when_their_company_is_removed(events: EventFactory) -> None:
    """ON DELETE SET NULL only works with foreign keys on: the person stays, unlinked."""
    doc = events.empty()
    try:
        with doc.session() as session:
            company = Company(name="Øresund Gene Therapeutics")
            session.add(company)
            session.flush()
            session.add(Attendee(given_name="Mette", family_name="Jørgensen", company_id=company.id))
        with doc.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM company")
        stats = event_stats(doc=doc)
    finally:
        doc.close()
    assert stats.attendees == 1
    assert stats.exhibitor_staff == 0
