"""What a desk says when the event's storage fails mid-scan: one sentence, never a traceback.

A volunteer at the door cannot act on `(psycopg.OperationalError) connection failed: …`; they
need to know that this scan did not count and whether to call someone. The database error
stays chained (`__cause__`) for the log. The transaction was rolled back, so nothing of the
scan was half-written; the engine's pre-ping makes the next scan reconnect by itself once the
server answers again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from eventdesk.domain.errors import EventdeskError, EventFileError
from eventdesk.i18n import gettext
from eventdesk.persistence.document import BUSY_TIMEOUT_MS, EventDocument
from eventdesk.persistence.server_link import ServerSilentError, describe_server_failure


class ServerNotAnsweringError(EventdeskError):
    """The event's PostgreSQL server is unreachable, stopped, or too slow to answer a scan."""


def not_recorded_sentence(error: BaseException) -> str:
    return gettext(
        "The event's database server does not answer ({why}); the scan was not recorded.",
        why=describe_server_failure(error),
    )


@contextlib.contextmanager
def door_faults(doc: EventDocument) -> Iterator[None]:
    """Turn a database failure during one scan into the sentence the desk shows."""
    try:
        yield
    except ServerSilentError as error:
        raise ServerNotAnsweringError(
            gettext(
                "The event's database server does not answer (nothing came back within {seconds} s); "
                "the scan was not recorded.",
                seconds=f"{error.seconds:g}",
            )
        ) from error
    except DBAPIError as error:
        if not (isinstance(error, OperationalError | InterfaceError) or error.connection_invalidated):
            raise  # a constraint or a query that is wrong: a bug, keep its traceback
        if doc.is_sqlite:
            text = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else "unknown error"
            if "full" in text:
                raise EventFileError(
                    gettext(
                        "The disk holding {path} is full; the scan was not recorded and nobody was "
                        "admitted on it. Free some space on this computer and scan again.",
                        path=doc.display_location,
                    )
                ) from error
            if "locked" in text or "busy" in text:
                raise EventFileError(
                    gettext(
                        "The event file {path} is busy (another program has held it for more than "
                        "{seconds} s); the scan was not recorded.",
                        path=doc.display_location,
                        seconds=BUSY_TIMEOUT_MS // 1000,
                    )
                ) from error
            raise EventFileError(
                gettext(
                    "The event file {path} cannot be written ({reason}); the scan was not recorded.",
                    path=doc.display_location,
                    reason=text,
                )
            ) from error
        raise ServerNotAnsweringError(not_recorded_sentence(error)) from error
