"""`eventdesk host EVENT --server URL`: the event copied onto a PostgreSQL the organiser runs.

Alembic makes the schema (the change-feed triggers included), the rows are copied as "Save a
copy" copies them, and the join code names that server. Desks pin the server's own
certificate: it is fetched here and its fingerprint goes into the code, so the desks refuse
anything else at that address. A server that offers no TLS is refused, because desks would
send names and e-mail addresses unencrypted across the venue's network.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url

from eventdesk.domain.errors import EventdeskError
from eventdesk.persistence.copying import copy_all_rows, reset_sequences
from eventdesk.persistence.document import EventDocument, _normalise_url
from eventdesk.persistence.tables import Event
from eventdesk.sync.connect import HubUnreachableError, fetch_certificate
from eventdesk.sync.hub.server import CODE_LIFETIME
from eventdesk.sync.join_code import JoinCode, event_key_id


def host_on_server(event_path: Path, server_url: str, *, may_print_badges: bool = False) -> JoinCode:
    url = make_url(_normalise_url(server_url))
    shown = url.render_as_string(hide_password=True)
    if not url.host or not url.database or not url.username:
        raise EventdeskError(
            f"{shown} needs a host, a user and a database, such as postgresql://desk:pw@10.0.0.5/fair."
        )
    if not url.password:
        raise EventdeskError(
            f"{shown} has no password; desks log in with the URL's user and password, so give both."
        )
    port = url.port or 5432
    try:
        der = fetch_certificate(url.host, port)
    except HubUnreachableError as exc:
        if "encrypted" in str(exc):
            raise EventdeskError(
                f"The server at {url.host}:{port} offers no TLS, so desks would send attendees' details "
                "unencrypted over the venue network; turn on ssl in its postgresql.conf or use "
                "`eventdesk host EVENT` without --server."
            ) from exc
        raise
    source = EventDocument.open(event_path)
    try:
        with source.session() as session:
            event = session.execute(select(Event)).scalar_one()
            event_code, public_key = event.code, event.public_key
        target = EventDocument.create_empty(url.render_as_string(hide_password=False))
        try:
            copy_all_rows(source.engine, target.engine)
            reset_sequences(target.engine)
        finally:
            target.close()
    finally:
        source.close()
    return JoinCode(
        host=url.host,
        port=port,
        database=url.database,
        user=url.username,
        password=url.password,
        event_code=event_code,
        event_key_id=event_key_id(public_key),
        fingerprint=hashlib.sha256(der).digest(),
        expires_at=datetime.now(UTC).replace(microsecond=0) + CODE_LIFETIME,
        may_print_badges=may_print_badges,
    )
