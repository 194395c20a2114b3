"""How a desk reaches the hub a join code names, and makes sure it is that hub.

Before any password is sent, the desk fetches the hub's certificate with PostgreSQL's own TLS
negotiation and compares its SHA-256 with the fingerprint in the join code; only then is the
certificate written where libpq can pin it (`sslmode=verify-ca` with it as the only root), so
the real connection, and every one after it, is refused by libpq itself if anything else
answers. Every failure a person can meet at join time is one sentence: unreachable, a
different certificate, a wrong password, a hub of another event.
"""

from __future__ import annotations

import hashlib
import socket
import ssl
import struct
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import create_engine, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError

from eventdesk.domain.errors import EventdeskError
from eventdesk.persistence import server_link
from eventdesk.persistence.tables import Event
from eventdesk.sync.join_code import JoinCode, JoinCodeError, format_fingerprint

SSL_REQUEST = struct.pack(">II", 8, 80877103)
CONNECT_TIMEOUT_S = server_link.CONNECT_TIMEOUT_S
STATEMENT_TIMEOUT_MS = 10_000


class HubUnreachableError(EventdeskError):
    """The hub did not answer, or answered without TLS."""


class HubIdentityError(EventdeskError):
    """Something answered at the hub's address with another certificate than the join code's."""


class HubLoginError(EventdeskError):
    """The hub refused the join code's login."""


def fetch_certificate(host: str, port: int, *, timeout: float = CONNECT_TIMEOUT_S) -> bytes:
    """The DER certificate a PostgreSQL server (or the hub's TLS front) presents."""
    where = f"{host}:{port}"
    try:
        with socket.create_connection((host, port), timeout=timeout) as raw:
            raw.sendall(SSL_REQUEST)
            answer = raw.recv(1)
            if answer != b"S":
                raise HubUnreachableError(
                    f"The server at {where} does not offer an encrypted connection, so it is not an "
                    "eventdesk hub; check the join code."
                )
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE  # checked below against the pinned fingerprint
            with context.wrap_socket(raw, server_hostname=host) as tls:
                der = tls.getpeercert(binary_form=True)
    except TimeoutError as exc:
        raise HubUnreachableError(
            f"The hub at {where} did not answer within {timeout:g} s; check that this desk is on the "
            "same network as the host and that the host is still hosting."
        ) from exc
    except (OSError, ssl.SSLError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise HubUnreachableError(
            f"The hub at {where} cannot be reached ({reason}); check that this desk is on the same "
            "network as the host and that the host is still hosting."
        ) from exc
    if not der:
        raise HubUnreachableError(f"The server at {where} presented no certificate; check the join code.")
    return der


def _certificate_folder() -> Path:
    folder = Path(platformdirs.user_cache_dir("eventdesk")) / "hubs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def connect_url(code: JoinCode, *, certificate_folder: Path | None = None) -> tuple[str, dict[str, Any]]:
    """A SQLAlchemy URL and psycopg `connect_args` for the hub, its certificate verified and pinned.

    Raises `HubUnreachableError` or `HubIdentityError` (one sentence each). The connect
    arguments carry a connect timeout, TCP keepalives and a statement timeout, so a dropped
    link is noticed in seconds rather than blocking a desk.
    """
    url = URL.create(
        "postgresql+psycopg",
        username=code.user,
        password=code.password,
        host=code.host,
        port=code.port,
        database=code.database,
    ).render_as_string(hide_password=False)
    args: dict[str, Any] = server_link.connect_args(statement_timeout_ms=STATEMENT_TIMEOUT_MS) | {
        "gssencmode": "disable",
        "application_name": "eventdesk desk",
    }
    if code.fingerprint is None:
        # A server the organiser runs with a certificate of their own: encrypted, not pinned.
        args["sslmode"] = "require"
        return url, args
    der = fetch_certificate(code.host, code.port)
    found = hashlib.sha256(der).digest()
    if found != code.fingerprint:
        raise HubIdentityError(
            f"The server at {code.host}:{code.port} is not the hub this join code is for (its "
            f"certificate is {format_fingerprint(found)[:23]}…, the code expects "
            f"{format_fingerprint(code.fingerprint)[:23]}…); do not use this network for the event "
            "and ask the host for the current code."
        )
    folder = certificate_folder or _certificate_folder()
    pinned = folder / f"hub-{code.fingerprint[:8].hex()}.crt"
    pinned.write_text(ssl.DER_cert_to_PEM_cert(der))
    args["sslmode"] = "verify-ca"
    args["sslrootcert"] = str(pinned)
    return url, args


def document_url(url: str, args: dict[str, Any]) -> str:
    """One URL carrying the connect arguments too (libpq reads them from the query), for
    `EventDocument.open`, which takes a location and nothing else."""
    from sqlalchemy.engine import make_url

    return (
        make_url(url)
        .update_query_dict({k: str(v) for k, v in args.items()})
        .render_as_string(hide_password=False)
    )


def verify_hub(code: JoinCode, *, certificate_folder: Path | None = None) -> tuple[str, dict[str, Any]]:
    """`connect_url`, then log in and check the hub runs this code's event; one sentence if not."""
    url, args = connect_url(code, certificate_folder=certificate_folder)
    engine = create_engine(url, connect_args=args, poolclass=None)
    try:
        with engine.connect() as conn:
            row = conn.execute(select(Event.code, Event.public_key).limit(1)).first()
    except OperationalError as exc:
        text = str(exc.orig)
        if "password authentication failed" in text or "authentication failed" in text:
            raise HubLoginError(
                f"The hub at {code.host}:{code.port} refused this join code's password; the host may "
                "have started a new hub: ask for the current code."
            ) from exc
        first = text.strip().splitlines()[0] if text.strip() else "no answer"
        raise HubUnreachableError(f"The hub at {code.host}:{code.port} cannot be used ({first}).") from exc
    except Exception as exc:  # a database without the event tables
        if exc.__class__.__name__ in {"ProgrammingError", "UndefinedTable"}:
            raise JoinCodeError(
                f"The server at {code.host}:{code.port} holds no eventdesk event; check the join code."
            ) from exc
        raise
    finally:
        engine.dispose()
    if row is None:
        raise JoinCodeError(
            f"The server at {code.host}:{code.port} holds no eventdesk event; check the join code."
        )
    code.check_event(event_code=row.code, public_key=row.public_key)
    return url, args
