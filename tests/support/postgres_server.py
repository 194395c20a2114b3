"""A PostgreSQL server of a test's own, for faults that would break a shared one
(`pg_ctl stop -m immediate`, then start again on the same port and data)."""

from __future__ import annotations

import shutil
import socket
import tempfile
from pathlib import Path

from eventdesk.sync.hub.binaries import PostgresBinaries, find_postgres


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ThrowawayPostgres:
    """initdb in a fresh folder under the system's temp (the server's account must reach it),
    trust authentication on 127.0.0.1 only: it lives for one test."""

    def __init__(self) -> None:
        self.binaries: PostgresBinaries = find_postgres()
        self.folder = Path(tempfile.mkdtemp(prefix="eventdesk-test-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.binaries.give(self.folder)
        done = self.binaries.run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale"
        )
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr or done.stdout}")
        self.start()

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        options = (
            # fsync off (the machine does not crash, only the server), but synchronous commits:
            # `pg_ctl stop -m immediate` must keep what was committed, as a real server does.
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off"
        )
        done = self.binaries.run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "-t", "60",
            "start", "-o", options,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"PostgreSQL did not start: {(self.folder / 'server.log').read_text()[-400:]}")

    def stop(self, mode: str = "fast") -> None:
        self.binaries.run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)
