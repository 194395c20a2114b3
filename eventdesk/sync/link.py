"""The desk's line to its hub: one engine, pinned TLS, and short limits on every wait.

A replica keeps the hub's URL, the connect arguments `connect.verify_hub` settled at join time
and the certificate it pinned; the certificate is written back to a file libpq can read each
time the replica is opened, so a desk keeps refusing any other server for the whole event. The
engine's pool is pre-pinged and small; connect timeout, keepalives and statement timeout come
from `connect.py`, so a silent drop costs a sync round seconds, never a desk minutes.
"""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine
from sqlalchemy.exc import DBAPIError, OperationalError

from eventdesk.domain.errors import EventdeskError
from eventdesk.persistence import migrations

HUB_POOL_SIZE = 2  # the sync loop and the door's online decision


class HubSchemaError(EventdeskError):
    """The hub's event has a schema this desk cannot use (newer, or without the sync tables)."""


def _pin_folder() -> Path:
    folder = Path(platformdirs.user_cache_dir("eventdesk")) / "hubs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def hub_engine(url: str, connect_args: dict[str, Any], certificate_pem: str = "") -> Engine:
    """An engine on the hub; the pinned certificate (if any) is put where libpq reads it."""
    args = dict(connect_args)
    if certificate_pem:
        digest = hashlib.sha256(certificate_pem.encode()).hexdigest()[:16]
        pinned = _pin_folder() / f"hub-{digest}.crt"
        if not pinned.exists() or pinned.read_text() != certificate_pem:
            pinned.write_text(certificate_pem)
        args["sslrootcert"] = str(pinned)
        args["sslmode"] = "verify-ca"
    return create_engine(
        url,
        connect_args=args,
        pool_pre_ping=True,
        pool_size=HUB_POOL_SIZE,
        max_overflow=2,
        pool_timeout=2,
        pool_recycle=300,
    )


def check_hub_schema(engine: Engine, where: str) -> None:
    """Refuse a hub on a schema newer than this eventdesk, or one without the sync tables."""
    with engine.connect() as conn:
        revisions = tuple(conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())
    unknown = migrations.unknown_revisions(revisions)
    if unknown:
        raise HubSchemaError(
            f"The hub at {where} runs a newer eventdesk (schema {', '.join(unknown)}); update eventdesk "
            "on this desk to work with it."
        )
    if not migrations.is_current(revisions):
        raise HubSchemaError(
            f"The hub at {where} runs an older eventdesk (schema {', '.join(revisions)}); update eventdesk "
            "on the host, then join again."
        )


def is_desk_disk_full(exc: BaseException) -> bool:
    """The desk's own disk (its replica, SQLite) has no room left: not the hub's fault."""
    orig = getattr(exc, "orig", exc)
    if isinstance(orig, OSError) and orig.errno == errno.ENOSPC:
        return True
    return type(orig).__module__.startswith("sqlite3") and "full" in str(orig).lower()


def is_connection_problem(exc: BaseException) -> bool:
    """A failure of the line or the server's availability, as opposed to a bug or bad data."""
    if isinstance(exc, OperationalError | TimeoutError | ConnectionError):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    name = type(getattr(exc, "orig", exc)).__name__
    return name in {"OperationalError", "QueryCanceled", "AdminShutdown", "ConnectionTimeout"}


def first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return (text.splitlines() or ["no answer"])[0].rstrip(". ")
