"""How every connection to a PostgreSQL server is made, so a failing network fails fast.

libpq waits as long as the operating system lets it: a server behind a dead Wi-Fi link (no
reset, packets just gone) blocks a connect for minutes and a query for the TCP retransmission
time (15+ minutes on Linux). A desk must instead know within seconds. So every engine gets

- `connect_timeout`: a server that does not answer the handshake is given up on;
- TCP keepalives: an idle or waiting connection whose peer has vanished is declared dead by
  the kernel after idle + interval × count seconds, instead of never;
- `statement_timeout` (server side): a statement stuck behind a lock held by a desk whose link
  stalled mid-transaction is cancelled; `idle_in_transaction_session_timeout` ends that
  stalled desk's transaction, so its row locks do not hold everyone else up;
- `tcp_user_timeout`: data sent and not acknowledged (a scan's INSERT into a dead link) fails
  the connection after that long, which keepalives alone do not cover while data is in flight.

Settings the URL already carries (a join code's, for instance) win over these defaults.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from typing import Any

from eventdesk.i18n import N_, gettext

CONNECT_TIMEOUT_S = 3
KEEPALIVES_IDLE_S = 5
KEEPALIVES_INTERVAL_S = 2
KEEPALIVES_COUNT = 3
TCP_USER_TIMEOUT_MS = 6_000

DOOR_STATEMENT_TIMEOUT_MS = 5_000
"""A scan's statements are tiny; beyond this the desk says the server does not answer."""
GENERAL_STATEMENT_TIMEOUT_MS = 120_000
"""Lists, exports and copying a large event onto a hub take longer; still never forever."""
IDLE_IN_TRANSACTION_TIMEOUT_MS = 10_000


def server_options(*, statement_timeout_ms: int) -> str:
    """The libpq `options` string that sets the server-side timeouts for this session."""
    return (
        f"-c statement_timeout={statement_timeout_ms} "
        f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_TIMEOUT_MS}"
    )


def connect_args(
    *, statement_timeout_ms: int = GENERAL_STATEMENT_TIMEOUT_MS, already_set: Mapping[str, Any] = {}
) -> dict[str, Any]:
    """psycopg connect arguments with the timeouts above; a setting `already_set` (the URL's
    query) has is kept, except that server `options` are combined, ours first so the URL's win."""
    args: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "keepalives": 1,
        "keepalives_idle": KEEPALIVES_IDLE_S,
        "keepalives_interval": KEEPALIVES_INTERVAL_S,
        "keepalives_count": KEEPALIVES_COUNT,
        "tcp_user_timeout": TCP_USER_TIMEOUT_MS,
    }
    args = {key: value for key, value in args.items() if key not in already_set}
    ours = server_options(statement_timeout_ms=statement_timeout_ms)
    theirs = str(already_set.get("options", "")).strip()
    args["options"] = f"{ours} {theirs}".strip()
    return args


def door_connect_args(*, already_set: Mapping[str, Any] = {}) -> dict[str, Any]:
    """As `connect_args`, but the door's short statement timeout wins over the URL's."""
    args = connect_args(already_set=already_set)
    args["options"] = f"{args['options']} {server_options(statement_timeout_ms=DOOR_STATEMENT_TIMEOUT_MS)}"
    return args


_SERVER_SAYS = (
    ("connection refused", N_("it refuses connections, so it is probably stopped")),
    ("timeout expired", N_("no answer within {seconds} s")),
    ("statement timeout", N_("no answer within {seconds} s")),
    ("lock timeout", N_("no answer within {seconds} s")),
    ("connection timed out", N_("the connection timed out")),
    ("server closed the connection", N_("the connection was lost")),
    ("terminating connection", N_("the server is shutting down")),
    ("the database system is shutting down", N_("the server is shutting down")),
    ("the database system is starting up", N_("the server is starting up")),
    ("consuming input failed", N_("the connection was lost")),
    ("connection reset", N_("the connection was lost")),
    ("no route to host", N_("no route to it on this network")),
    ("network is unreachable", N_("this desk has no network")),
)
_SECONDS = {
    "timeout expired": CONNECT_TIMEOUT_S,
    "statement timeout": DOOR_STATEMENT_TIMEOUT_MS // 1000,
    "lock timeout": DOOR_STATEMENT_TIMEOUT_MS // 1000,
}


def describe_server_failure(error: BaseException) -> str:
    """A few plain words for why the server did not answer, from libpq's message (in the
    desk's language; libpq's own words, untranslated, only when none of these fit)."""
    text = str(getattr(error, "orig", None) or error).lower()
    for needle, words in _SERVER_SAYS:
        if needle in text:
            return gettext(words, seconds=_SECONDS.get(needle, 0))
    first = text.strip().splitlines()[0] if text.strip() else gettext("no answer")
    return first.removeprefix("connection failed: ").rstrip(". ")


DOOR_WATCHDOG_S = DOOR_STATEMENT_TIMEOUT_MS / 1000 + 1.5
"""How long a door transaction may take in all before this desk stops waiting for the server."""


class ServerSilentError(Exception):
    """The server sent nothing back within the watchdog's time; its connections were dropped."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no answer within {seconds:g} s")
        self.seconds = seconds


class SilenceWatchdog:
    """A client-side deadline for an engine's transactions, which libpq does not have.

    The server's `statement_timeout` needs a working link to report back, and keepalives and
    `tcp_user_timeout` need a peer that stops acknowledging; a link that goes silent behind a
    box that still acknowledges (a proxy, a captive Wi-Fi portal, a NAT table that forgot the
    connection) beats all three and psycopg would wait forever. When a guarded block outlives
    the deadline, the watchdog shuts the sockets of this engine's connections down: psycopg's
    wait returns at once, the connection is invalidated, and the pool makes a new one later.
    The engine is the door's own, used by one desk at a time, so no other work is cut short.
    """

    def __init__(self, engine: Any, seconds: float = DOOR_WATCHDOG_S) -> None:
        import weakref

        from sqlalchemy import event

        self.seconds = seconds
        self._connections: weakref.WeakSet[Any] = weakref.WeakSet()
        self._fired: threading.Event | None = None
        self._wake = threading.Condition()
        self._deadline: float | None = None
        self._armed: threading.Event | None = None
        self._thread: threading.Thread | None = None
        event.listen(engine, "connect", self._track)
        event.listen(engine, "do_connect", self._refuse_after_silence)

    def _track(self, dbapi_connection: Any, _record: Any) -> None:
        self._connections.add(dbapi_connection)

    def _refuse_after_silence(self, *_args: Any) -> None:
        # After the deadline the pool's pre-ping would reconnect and wait the connect timeout
        # on top: the verdict is due now, the next scan reconnects.
        if self._fired is not None and self._fired.is_set():
            raise ServerSilentError(self.seconds)

    @contextlib.contextmanager
    def guard(self) -> Iterator[None]:
        fired = threading.Event()
        self._fired = fired
        self._arm(time.monotonic() + self.seconds, fired)
        try:
            yield
        except Exception as error:
            if fired.is_set():
                raise ServerSilentError(self.seconds) from error
            raise
        finally:
            self._arm(None, None)

    def _arm(self, deadline: float | None, fired: threading.Event | None) -> None:
        """One long-lived thread waits for the deadline: a scan costs no new thread."""
        with self._wake:
            self._deadline, self._armed = deadline, fired
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._watch, name="eventdesk-door-watchdog", daemon=True
                )
                self._thread.start()
            self._wake.notify()

    def _watch(self) -> None:
        with self._wake:
            while True:
                if self._deadline is None:
                    self._wake.wait()
                    continue
                left = self._deadline - time.monotonic()
                if left > 0:
                    self._wake.wait(left)
                    continue
                fired, self._deadline, self._armed = self._armed, None, None
                if fired is not None:
                    self._fire(fired)

    def _fire(self, fired: threading.Event) -> None:
        fired.set()
        for connection in list(self._connections):
            with contextlib.suppress(Exception):
                if connection.closed:
                    continue
                fd = connection.pgconn.socket
                duplicate = socket.socket(fileno=os.dup(fd))
                try:
                    duplicate.shutdown(socket.SHUT_RDWR)
                finally:
                    duplicate.close()
