"""An event is a document: one SQLite file (`*.eventdesk`) or a PostgreSQL database.

Opening checks, before anything is written, that the target really is an event of a schema
this eventdesk knows; a file from a newer eventdesk is refused and left byte-for-byte as it
was (even switching SQLite to WAL would rewrite its header). Only then are pending Alembic
migrations applied, after a backup copy of the file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.pool import QueuePool
from sqlmodel import Session, select

from eventdesk.domain.errors import EventFileError
from eventdesk.persistence import migrations, server_link
from eventdesk.persistence.leftovers import remove_part, remove_parts_of
from eventdesk.persistence.tables import Event

FILE_SUFFIX = ".eventdesk"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
# A protected file's passphrase for headless use (scripts, the CLI), as PGPASSWORD is for psql.
PASSPHRASE_VARIABLE = "EVENTDESK_PASSPHRASE"


def is_database_url(target: str | os.PathLike[str]) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql:", "postgresql+"))


def _normalise_url(target: str) -> str:
    try:
        url = make_url(target)
    except ArgumentError as exc:
        raise EventFileError(f"'{target}' is not a valid PostgreSQL URL.") from exc
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    if url.drivername != "postgresql+psycopg":
        raise EventFileError(
            f"Unsupported database driver '{url.drivername}'; use a postgresql+psycopg:// URL."
        )
    return url.render_as_string(hide_password=False)


def _sqlite_engine(path: Path, *, immediate: bool = False, passphrase: str | None = None) -> Engine:
    """An engine on one event file; `immediate` for the door's transactions (see below);
    `passphrase` for a file protected at rest (`persistence.protected`, SQLCipher)."""
    if passphrase is not None:
        from eventdesk.persistence import protected

        engine = create_engine(
            # A pool of file connections, as for a plain file (a bare "sqlite://" is memory's pool).
            "sqlite://",
            creator=protected.creator(path, passphrase, BUSY_TIMEOUT_MS / 1000),
            poolclass=QueuePool,
        )
    else:
        engine = create_engine(
            f"sqlite:///{path}",
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        # WAL lets a desk read while another thread writes; FULL sync (the WAL default) keeps
        # a committed scan through a power cut; foreign keys are off in SQLite unless asked.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # Deleted or overwritten personal data is zeroed in the file, not left in free pages
        # (GDPR Art. 17); Debian's SQLite has it on by default, most builds do not.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()
        if immediate:
            # pysqlite would BEGIN (deferred) only before the first write, so a check-in's
            # "already inside?" read ran outside any transaction and two processes both saw
            # "no". With the driver's own transaction handling off, the BEGIN below is the
            # only one, and IMMEDIATE takes the write lock before the first read: a second
            # desk or the kiosk on the same file waits (busy_timeout) and then sees the
            # first admission. SQLAlchemy's documented recipe for pysqlite transactions.
            dbapi_connection.isolation_level = None

    if immediate:

        @event.listens_for(engine, "begin")
        def _begin_immediate(conn) -> None:  # type: ignore[no-untyped-def]
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _postgres_engine(url: str, *, door: bool = False) -> Engine:
    """Every engine on a server gets connect, keepalive and statement timeouts (`server_link`);
    the door's engine the short statement timeout a scan can afford."""
    query = make_url(url).query
    make_args = server_link.door_connect_args if door else server_link.connect_args
    args = make_args(already_set=query)
    # The door does not ping before each scan (a round trip each); it retries a transaction
    # that met a dropped connection instead (`CheckInDesk._once_more_if_stale`).
    return create_engine(url, pool_pre_ping=not door, connect_args=args)


@dataclass(frozen=True)
class _Inspection:
    revisions: tuple[str, ...]
    has_event_table: bool


def _inspect_sqlite_read_only(path: Path, *, check_pages: bool) -> _Inspection:
    """Look inside a file without changing a byte of it."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except IsADirectoryError as exc:
        raise EventFileError(f"{path} is a folder, not an event file.") from exc
    except PermissionError as exc:
        raise EventFileError(f"{path} cannot be read: permission denied.") from exc
    if header != SQLITE_MAGIC:
        raise EventFileError(f"{path} is not an eventdesk event file (it is not an SQLite database).")
    # A read-only connection to a WAL-mode file still creates `-wal` and `-shm` beside it and
    # cannot remove them again. Without a `-wal` (or a hot `-journal` left by a crash) no
    # other connection is writing, so the file can be read as immutable, which creates
    # nothing; with one, SQLite must read it (or roll it back) as usual.
    busy = any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))
    query = "mode=ro" if busy else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True)
    except sqlite3.Error as exc:
        raise EventFileError(f"{path} cannot be opened: {exc}.") from exc
    try:
        if check_pages:
            _quick_check(conn, path)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revisions: tuple[str, ...] = ()
        if "alembic_version" in tables:
            revisions = tuple(r[0] for r in conn.execute("SELECT version_num FROM alembic_version"))
        return _Inspection(revisions, "event" in tables)
    except sqlite3.DatabaseError as exc:
        raise EventFileError(f"{path} is damaged and cannot be read ({exc}).") from exc
    finally:
        conn.close()


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """Damaged pages deep in a table would otherwise only fail later, in the middle of a
    query; quick_check reads every page once (tens of milliseconds for 50,000 people plain,
    three times that protected: each page is authenticated and decrypted)."""
    problem = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    if problem != "ok":
        raise EventFileError(f"{path} is damaged and cannot be read ({problem.splitlines()[-1]}).")


def _inspect_engine(engine: Engine) -> _Inspection:
    with engine.connect() as conn:
        names = set(inspect(conn).get_table_names())
        revisions: tuple[str, ...] = ()
        if "alembic_version" in names:
            revisions = tuple(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())
    return _Inspection(revisions, "event" in names)


def _check_known_schema(where: str, found: _Inspection) -> bool:
    """True when migrations are pending. Raises for anything that is not our event."""
    if not found.revisions or not found.has_event_table:
        raise EventFileError(f"{where} is a database but not an eventdesk event.")
    unknown = migrations.unknown_revisions(found.revisions)
    if unknown:
        raise EventFileError(
            f"{where} was written by a newer version of eventdesk (schema {', '.join(unknown)}); "
            "update eventdesk to open it. The file was not changed."
        )
    return not migrations.is_current(found.revisions)


class EventDocument:
    """An open event: where it lives, its engine, and short-lived sessions on it.

    The UI keeps a document but never a session; services open a session per operation.
    """

    def __init__(
        self, location: str, engine: Engine, path: Path | None, final_path: Path | None = None
    ) -> None:
        self.location = location
        self.engine = engine
        self.path = path
        self._door_engine: Engine | None = None
        self._door_watchdog: server_link.SilenceWatchdog | None = None
        # Set while a new document is still being filled in its `.part` file.
        self._final_path = final_path
        # Set when the file is protected at rest (SQLCipher): every engine on it needs it.
        self.passphrase: str | None = None
        # What opening cleaned up (a killed save's leftovers, see `open`), for the window to
        # say; only a file has any, but every document has the attribute (a PostgreSQL event too).
        self.notices: list[str] = []

    # -- opening and creating ---------------------------------------------------------------

    @classmethod
    def open(
        cls, target: str | os.PathLike[str], *, passphrase: str | None = None, check_pages: bool = True
    ) -> EventDocument:
        """`check_pages=False` leaves the page-by-page damage check to `check_pages()`, which
        the window runs in the background once the event shows; the CLI checks before it works."""
        if is_database_url(target):
            return cls._open_postgres(str(target))
        path = Path(target).expanduser()
        if not path.exists():
            raise EventFileError(f"There is no event file at {path}.")
        from eventdesk.persistence import protected

        is_protected = path.is_file() and protected.looks_protected(path)
        if is_protected:
            passphrase = passphrase if passphrase is not None else os.environ.get(PASSPHRASE_VARIABLE)
            if passphrase is None:
                raise protected.PassphraseNeeded(
                    f"{path} is protected with a passphrase (or damaged: it has no SQLite header)."
                )
            pending = _check_known_schema(
                str(path), _Inspection(*protected.check_passphrase(path, passphrase, check_pages=check_pages))
            )
        else:
            passphrase = None
            pending = _check_known_schema(str(path), _inspect_sqlite_read_only(path, check_pages=check_pages))
        if pending and not is_protected:
            _backup_before_upgrade(path)
        engine = _sqlite_engine(path, passphrase=passphrase)
        doc = cls(str(path), engine, path)
        doc.passphrase = passphrase
        # Services see the passphrase through their session's engine: a protected file's badge
        # key is sealed with it (`services.privacy.keys`).
        engine.eventdesk_passphrase = passphrase  # type: ignore[attr-defined]
        doc.notices = remove_parts_of(path)
        try:
            if pending:
                migrations.upgrade(engine)
        except (DatabaseError, migrations.MigrationError) as exc:
            # Upgrades run in one transaction, so a failed one has changed nothing.
            engine.dispose()
            detail = exc.orig if isinstance(exc, DatabaseError) else exc
            raise EventFileError(
                f"{path} could not be upgraded to this version of eventdesk ({detail}); "
                "it was left as it was."
            ) from exc
        try:
            doc._require_event_row()
        except (DatabaseError, OperationalError) as exc:
            engine.dispose()
            raise EventFileError(f"{path} is damaged and cannot be opened ({exc.orig}).") from exc
        except EventFileError:
            engine.dispose()
            raise
        return doc

    @classmethod
    def _open_postgres(cls, target: str) -> EventDocument:
        url = _normalise_url(target)
        engine = _postgres_engine(url)
        shown = make_url(url).render_as_string(hide_password=True)
        try:
            pending = _check_known_schema(shown, _inspect_engine(engine))
            if pending:
                migrations.upgrade(engine)
            doc = cls(url, engine, None)
            doc._require_event_row()
        except OperationalError as exc:
            engine.dispose()
            raise EventFileError(
                f"Cannot connect to {shown}: {server_link.describe_server_failure(exc)}."
            ) from exc
        except EventFileError:
            engine.dispose()
            raise
        return doc

    @classmethod
    def create_empty(cls, target: str | os.PathLike[str], *, overwrite: bool = False) -> EventDocument:
        """A new document with the current schema and no event row yet.

        Callers fill it and then `commit_new()`; until then a SQLite document lives in a
        `.part` file so that a crash never leaves a half-made event under the real name.
        """
        if is_database_url(target):
            url = _normalise_url(str(target))
            engine = _postgres_engine(url)
            shown = make_url(url).render_as_string(hide_password=True)
            try:
                with engine.connect() as conn:
                    names = set(inspect(conn).get_table_names())
            except OperationalError as exc:
                engine.dispose()
                raise EventFileError(
                    f"Cannot connect to {shown}: {server_link.describe_server_failure(exc)}."
                ) from exc
            if names:
                engine.dispose()
                raise EventFileError(f"{shown} already holds tables; a new event needs an empty database.")
            migrations.upgrade(engine)
            return cls(url, engine, None)
        path = Path(target).expanduser()
        if path.suffix != FILE_SUFFIX:
            path = path.with_name(path.name + FILE_SUFFIX)
        if path.exists() and not overwrite:
            raise EventFileError(f"{path} already exists; choose another name or allow overwriting.")
        if not path.parent.is_dir():
            raise EventFileError(f"The folder {path.parent} does not exist.")
        part = path.with_name(path.name + ".part")
        remove_part(part)
        try:
            create_private_file(part)
        except OSError as exc:
            raise EventFileError(f"{path} cannot be written: {exc.strerror}.") from exc
        engine = _sqlite_engine(part)
        migrations.upgrade(engine)
        return cls(str(path), engine, part, final_path=path)

    def commit_new(self) -> EventDocument:
        """Move a freshly filled SQLite document to its real name (atomic on one volume)."""
        final = self._final_path
        if final is None or self.path is None:
            return self
        self.close()
        # A one-file document: fold the WAL back in so that the file can be mailed as is.
        conn = sqlite3.connect(self.path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        remove_sqlite_files(final)
        self.path.replace(final)
        remove_sqlite_files(self.path)
        return EventDocument.open(final)

    def discard_new(self) -> None:
        if self._final_path is not None and self.path is not None:
            self.close()
            remove_sqlite_files(self.path)

    # -- using ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any exception (all or nothing)."""
        with _all_or_nothing(self.engine) as session:
            yield session

    @contextlib.contextmanager
    def door_session(self) -> Iterator[Session]:
        """A session for one check-in decision, which must see every admission committed
        before it and keep others out until it commits.

        On SQLite the transaction begins IMMEDIATE (the file's write lock before the first
        read); on PostgreSQL the door locks the attendee's row itself (SELECT … FOR UPDATE),
        on an engine whose statements give up after a few seconds, and whose connections a
        watchdog drops when the server falls silent (`server_link.ServerSilentError`).
        """
        engine = self._door()
        with self._door_guard(), _all_or_nothing(engine) as session:
            yield session

    @contextlib.contextmanager
    def door_connection(self) -> Iterator[Connection]:
        """The door engine's connection under the same watchdog, for a decision that drives the
        database client itself: the hub's verdict pipelines its statements (`sync.hub_verdict`),
        which a session cannot. The caller commits or rolls back."""
        engine = self._door()
        with self._door_guard(), engine.connect() as conn:
            yield conn

    def _door_guard(self) -> contextlib.AbstractContextManager[object]:
        """The watchdog's watch over one door transaction (none on SQLite)."""
        return self._door_watchdog.guard() if self._door_watchdog else contextlib.nullcontext()

    def _door(self) -> Engine:
        if self._door_engine is None:
            if self.is_sqlite:
                assert self.path is not None
                self._door_engine = _sqlite_engine(self.path, immediate=True, passphrase=self.passphrase)
            else:
                self._door_engine = _postgres_engine(self.location, door=True)
                self._door_watchdog = server_link.SilenceWatchdog(self._door_engine)
        return self._door_engine

    def check_pages(self) -> None:
        """Read every page of the file once (SQLite's quick_check), for a document opened with
        `check_pages=False`: EventFileError if one is damaged. A server checks its own pages."""
        if not self.is_sqlite or self.path is None:
            return
        errors: tuple[type[Exception], ...] = (sqlite3.DatabaseError,)
        if self.passphrase is not None:
            import sqlcipher3

            # A protected page that fails its authentication code is sqlcipher3's DatabaseError.
            errors = (*errors, sqlcipher3.DatabaseError)
        raw = self.engine.raw_connection()
        try:
            try:
                _quick_check(raw.driver_connection, self.path)  # type: ignore[arg-type]
            except errors as exc:
                raise EventFileError(f"{self.path} is damaged and cannot be read ({exc}).") from exc
        finally:
            raw.close()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def display_location(self) -> str:
        """Where the event lives, safe to show: a path, or a URL without its password."""
        if self.path is not None:
            return str(self._final_path or self.path)
        return make_url(self.location).render_as_string(hide_password=True)

    def save_copy(self, destination: str | os.PathLike[str]) -> Path:
        """A consistent single-file copy while the event stays open and in use.

        SQLite's online backup API copies a snapshot even while desks write; a PostgreSQL
        event is copied row by row into a new `.eventdesk` file.
        """
        dest = Path(destination).expanduser()
        if dest.suffix != FILE_SUFFIX:
            dest = dest.with_name(dest.name + FILE_SUFFIX)
        if self.path is not None and dest.resolve() == Path(self.display_location).resolve():
            raise EventFileError("A copy cannot replace the event it is copied from.")
        if not dest.parent.is_dir():
            raise EventFileError(f"The folder {dest.parent} does not exist.")
        part = dest.with_name(dest.name + ".part")
        remove_part(part)
        try:
            create_private_file(part)
            if self.is_sqlite and self.passphrase is not None and self.path is not None:
                from eventdesk.persistence.protected import encrypt_copy

                # A copy of a protected event stays protected with the same passphrase.
                encrypt_copy(self.path, part, self.passphrase, source_passphrase=self.passphrase)
            elif self.is_sqlite:
                self._backup_sqlite_to(part)
            else:
                from eventdesk.persistence.copying import copy_all_rows

                # The schema straight into `part`: create_empty would add its own suffixes.
                target = _sqlite_engine(part)
                try:
                    migrations.upgrade(target)
                    copy_all_rows(self.engine, target)
                finally:
                    target.dispose()
                _checkpoint(part)
            part.replace(dest)
        except OSError as exc:
            remove_sqlite_files(part)
            raise EventFileError(f"{dest} cannot be written: {exc.strerror}.") from exc
        finally:
            remove_sqlite_files(part)
        return dest

    def _backup_sqlite_to(self, part: Path) -> None:
        raw = self.engine.raw_connection()
        try:
            target = sqlite3.connect(part)
            try:
                raw.driver_connection.backup(target)  # type: ignore[union-attr]
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        finally:
            raw.close()

    def close(self) -> None:
        if self._door_engine is not None:
            self._door_engine.dispose()
            self._door_engine = None
        self.engine.dispose()

    def _require_event_row(self) -> None:
        with Session(self.engine) as session:
            if session.exec(select(Event.id).limit(1)).first() is None:
                raise EventFileError(
                    f"{self.display_location} is not an eventdesk event (it holds no event)."
                )


def _backup_before_upgrade(path: Path) -> Path:
    """Copy the file as SQLite sees it, committed WAL content included, before migrating it.

    A plain file copy would miss transactions that a crashed eventdesk left in the `-wal`.
    """
    backup = path.with_name(f"{path.name}.before-upgrade")
    remove_sqlite_files(backup)
    create_private_file(backup)
    source = sqlite3.connect(path)
    try:
        target = sqlite3.connect(backup)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    except sqlite3.Error as exc:
        raise EventFileError(f"{path} could not be backed up before upgrading it ({exc}).") from exc
    finally:
        source.close()
    return backup


def _checkpoint(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()


def create_private_file(path: Path) -> None:
    """An empty file only its owner can read (0600 on POSIX), before SQLite writes into it.

    An event file holds thousands of people's details and the badge key; SQLite gives its
    `-wal` and `-journal` the main file's mode, so these stay private too. On Windows a file
    in the user's folders already carries that user's ACL.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    if os.name == "posix":
        path.chmod(0o600)


def remove_sqlite_files(path: Path) -> None:
    """The SQLite file and the companions it may leave (write-ahead log, shared memory, journal)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


@contextlib.contextmanager
def _all_or_nothing(engine: Engine) -> Iterator[Session]:
    """A session committed when its block ends and rolled back when it raises: the one way the
    document's sessions, the door's included, write."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
