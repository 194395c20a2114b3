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

from collections.abc import Mapping
from typing import Any

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
