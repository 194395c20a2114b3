"""The managed hub's life: start a private PostgreSQL, copy the event in, serve, copy it back.

The hub keeps its cluster in a folder beside the event (`EVENT.eventdesk.hub/`; under the
temporary folder when running as root, because PostgreSQL's account cannot enter root's home),
with the certificate, the port and the passwords it made, so a hub restarted after a crash
comes back at the same address with the same join code and the desks reconnect by themselves.

While the hub runs, its database is the event; the file is brought up to date when the hub
stops (and the hub's copy is then dropped, so the next start copies the file in again, edits
made to the file in between included). A hub that did not stop cleanly still has its database
at the next start: that copy is newer than the file and is kept, not overwritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import socket
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from eventdesk.domain.errors import EventdeskError
from eventdesk.persistence import server_link
from eventdesk.persistence.copying import copy_all_rows, reset_sequences
from eventdesk.persistence.document import EventDocument, remove_sqlite_files
from eventdesk.persistence.tables import Event
from eventdesk.sync.hub.binaries import PostgresBinaries, find_postgres
from eventdesk.sync.hub.certificate import HubCertificate, make_certificate
from eventdesk.sync.hub.tls_front import TlsFront
from eventdesk.sync.join_code import DEFAULT_DATABASE, DEFAULT_USER, JoinCode, event_key_id

ADMIN_USER = "eventdesk_admin"
DEFAULT_PORT = 54320  # stable across restarts so a join code stays valid; any free port if taken
CODE_LIFETIME = timedelta(days=3)


class HubError(EventdeskError):
    """The managed hub could not start or stop."""


@dataclass
class _State:
    """What must survive a restart of the hub for its join code to stay valid."""

    port: int
    backend_port: int
    desk_password: str
    admin_password: str

    @classmethod
    def load_or_make(cls, path: Path) -> _State:
        if path.exists():
            return cls(**json.loads(path.read_text()))
        state = cls(
            port=DEFAULT_PORT,
            backend_port=_free_port(),
            desk_password=secrets.token_urlsafe(12),
            admin_password=secrets.token_urlsafe(18),
        )
        state.save(path)
        return state

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.__dict__))
        path.chmod(0o600)


def _free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def lan_address() -> str:
    """The address other machines on this network reach this one at (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: a UDP connect only picks the route
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def hub_folder_for(event_path: Path) -> Path:
    resolved = event_path.expanduser().resolve()
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        digest = hashlib.sha256(str(resolved).encode()).hexdigest()[:12]
        return Path(tempfile.gettempdir()) / f"eventdesk-hub-{digest}"
    return resolved.with_name(resolved.name + ".hub")


class ManagedHub:
    """One event served to the LAN; `start()` returns the join code, `stop()` brings the file up to date."""

    def __init__(
        self,
        event_path: Path,
        *,
        listen_host: str = "0.0.0.0",
        port: int | None = None,
        advertised_host: str | None = None,
        folder: Path | None = None,
        binaries: PostgresBinaries | None = None,
        may_print_badges: bool = False,
    ) -> None:
        self.event_path = Path(event_path).expanduser().resolve()
        self.folder = folder or hub_folder_for(self.event_path)
        self.listen_host = listen_host
        self.advertised_host = advertised_host
        self.may_print_badges = may_print_badges
        self._requested_port = port
        self._binaries = binaries
        self._front: TlsFront | None = None
        self._state: _State | None = None
        self.join_code: JoinCode | None = None
        self.resumed = False  # True when the hub found a newer copy left by a crash

    # --- paths and URLs --------------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        return self.folder / "pgdata"

    def _url(self, user: str, password: str, database: str) -> str:
        assert self._state is not None
        return URL.create(
            "postgresql+psycopg",
            username=user,
            password=password,
            host="127.0.0.1",
            port=self._state.backend_port,
            database=database,
        ).render_as_string(hide_password=False)

    @property
    def local_url(self) -> str:
        """The event in the hub as the hub's own process reaches it (loopback, no TLS needed)."""
        assert self._state is not None
        return self._url(DEFAULT_USER, self._state.desk_password, DEFAULT_DATABASE)

    def connected_desks(self) -> dict[str, int]:
        return self._front.connected_peers() if self._front else {}

    # --- starting --------------------------------------------------------------------------

    def start(self) -> JoinCode:
        doc = EventDocument.open(self.event_path)
        try:
            with doc.session() as session:
                from sqlmodel import select

                event = session.exec(select(Event)).one()
                event_code, public_key = event.code, event.public_key
        finally:
            doc.close()
        binaries = self._binaries or find_postgres()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.folder.chmod(0o755)
        state = self._state = _State.load_or_make(self.folder / "hub.json")
        if self._requested_port is not None:
            state.port = self._requested_port
        certificate = make_certificate(self.folder, event_code=event_code)
        self._start_postgres(binaries, state)
        try:
            self._ensure_event(state)
            self._front = self._start_front(state, certificate)
        except BaseException:
            self._stop_postgres(binaries)
            raise
        state.save(self.folder / "hub.json")
        self._binaries = binaries
        self.join_code = JoinCode(
            host=self.advertised_host or lan_address(),
            port=self._front.port,
            database=DEFAULT_DATABASE,
            user=DEFAULT_USER,
            password=state.desk_password,
            event_code=event_code,
            event_key_id=event_key_id(public_key),
            fingerprint=certificate.fingerprint,
            expires_at=datetime.now(UTC).replace(microsecond=0) + CODE_LIFETIME,
            may_print_badges=self.may_print_badges,
        )
        return self.join_code

    def _start_postgres(self, binaries: PostgresBinaries, state: _State) -> None:
        if not (self.data_dir / "PG_VERSION").exists():
            self.data_dir.mkdir(parents=True, exist_ok=True)
            pwfile = self.folder / "initdb.pw"
            pwfile.write_text(state.admin_password + "\n")
            binaries.give(self.data_dir)
            binaries.give(pwfile)
            try:
                done = binaries.run(
                    "initdb", "-D", str(self.data_dir), "-U", ADMIN_USER, "--auth=scram-sha-256",
                    f"--pwfile={pwfile}", "--encoding=UTF8", "--no-locale", timeout=120,
                )  # fmt: skip
            finally:
                pwfile.unlink(missing_ok=True)
            if done.returncode != 0:
                raise HubError(f"PostgreSQL could not prepare {self.data_dir}: {_last_line(done.stderr)}.")
            # Only the hub's own process, on loopback, talks to PostgreSQL; desks come in
            # through the TLS front, and even then must know the password.
            (self.data_dir / "pg_hba.conf").write_text(
                "host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n"
            )
            binaries.give(self.data_dir)
        log = self.folder / "server.log"
        with contextlib.suppress(FileNotFoundError):
            log.unlink()
        log.touch()
        binaries.give(log)
        with contextlib.suppress(OSError), socket.socket() as probe:
            probe.bind(("127.0.0.1", state.backend_port))
        options = (
            f"-p {state.backend_port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
            "-c password_encryption=scram-sha-256 -c max_connections=100"
        )
        done = binaries.run(
            "pg_ctl", "-D", str(self.data_dir), "-l", str(log), "-w", "-t", "60", "start", "-o", options,
            timeout=90,
        )  # fmt: skip
        if done.returncode != 0:
            state.backend_port = _free_port()  # the old port may be taken now: one retry
            options = options.replace(options.split()[1], str(state.backend_port), 1)
            done = binaries.run(
                "pg_ctl", "-D", str(self.data_dir), "-l", str(log), "-w", "-t", "60", "start", "-o", options,
                timeout=90,
            )  # fmt: skip
        if done.returncode != 0:
            raise HubError(f"PostgreSQL did not start: {_last_line(log.read_text() or done.stderr)}.")

    def _ensure_event(self, state: _State) -> None:
        admin = create_engine(
            self._url(ADMIN_USER, state.admin_password, "postgres"),
            isolation_level="AUTOCOMMIT",
            connect_args=server_link.connect_args(),  # fails in seconds, never hangs the host
        )
        try:
            with admin.connect() as conn:
                role = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": DEFAULT_USER})
                if not role.first():
                    conn.execute(text(f"CREATE ROLE {DEFAULT_USER} LOGIN"))
                conn.execute(
                    text(f"ALTER ROLE {DEFAULT_USER} PASSWORD :p".replace(":p", _quote(state.desk_password)))
                )
                exists = conn.execute(
                    text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": DEFAULT_DATABASE}
                ).first()
                if exists:
                    self.resumed = True
                    return
                conn.execute(text(f"CREATE DATABASE {DEFAULT_DATABASE} OWNER {DEFAULT_USER} ENCODING 'UTF8'"))
        finally:
            admin.dispose()
        try:
            source = EventDocument.open(self.event_path)
            target = EventDocument.create_empty(self.local_url)
            try:
                copy_all_rows(source.engine, target.engine)
                reset_sequences(target.engine)
            finally:
                source.close()
                target.close()
        except BaseException:
            self._drop_event_database(state)  # a half-copied event must not pass for a crash copy
            raise

    def _start_front(self, state: _State, certificate: HubCertificate) -> TlsFront:
        for port in (state.port, 0):
            front = TlsFront(
                host=self.listen_host,
                port=port,
                backend_port=state.backend_port,
                cert=certificate.cert_path,
                key=certificate.key_path,
            )
            try:
                front.start()
            except OSError:
                continue
            state.port = front.port
            return front
        raise HubError(f"No port is free on {self.listen_host} for the hub.")

    # --- stopping --------------------------------------------------------------------------

    def stop(self) -> Path:
        """Disconnect the desks, write the event back into its file, stop PostgreSQL."""
        if self._state is None or self._binaries is None:
            raise HubError("The hub is not running.")
        if self._front is not None:
            self._front.stop()
            self._front = None
        try:
            self.copy_back()
            self._drop_event_database(self._state)
        finally:
            self._stop_postgres(self._binaries)
        return self.event_path

    def copy_back(self) -> None:
        """The hub's event into the event file, whole or not at all (the file is swapped in at the end)."""
        hub = EventDocument.open(self.local_url)
        fresh = self.event_path.with_name(self.event_path.name + ".from-hub.eventdesk")
        try:
            hub.save_copy(fresh)
        finally:
            hub.close()
        remove_sqlite_files(Path(f"{self.event_path}.part"))
        for companion in ("-wal", "-shm", "-journal"):
            Path(f"{self.event_path}{companion}").unlink(missing_ok=True)
        fresh.replace(self.event_path)

    def _drop_event_database(self, state: _State) -> None:
        admin = create_engine(
            self._url(ADMIN_USER, state.admin_password, "postgres"),
            isolation_level="AUTOCOMMIT",
            connect_args=server_link.connect_args(),  # fails in seconds, never hangs the host
        )
        try:
            with admin.connect() as conn:
                conn.execute(text(f"DROP DATABASE IF EXISTS {DEFAULT_DATABASE} WITH (FORCE)"))
        finally:
            admin.dispose()

    def _stop_postgres(self, binaries: PostgresBinaries) -> None:
        binaries.run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "-t", "60", "stop", timeout=90)


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _last_line(text_: str) -> str:
    lines = [line for line in text_.strip().splitlines() if line.strip()]
    return lines[-1].rstrip(".") if lines else "no reason given"
