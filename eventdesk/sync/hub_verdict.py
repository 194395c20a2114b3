"""The hub's online verdict in two round trips instead of six.

A desk waits for the hub's answer before it shows a verdict, so every round trip to the hub is
paid at the door, and on a busy venue LAN (or a loaded laptop running the hub) each one costs
milliseconds of scheduling on both ends. `CheckInDesk` on a session sends BEGIN, a look-up of
the scan id, the row lock, the standing, the INSERT and COMMIT one after the other. Here the
statements that do not depend on each other go out together (psycopg's pipeline mode):

1. BEGIN, the attendee's row lock (`FOR NO KEY UPDATE`) and the standing query, in one flush.
   PostgreSQL runs them in order, so the standing is a statement of its own that starts after
   the lock was granted and sees every admission committed before it (admission.py says why
   that matters under READ COMMITTED);
2. the scan's INSERT and COMMIT, in one flush.

The decision between the two is `admission.decide_from_rows`, the very rules every desk runs.
Only the common case takes this path: a genuine badge of this event read as typed, or a person
picked by name whom `admission.barrier` lets through (not erased, cancelled or holding a
replaced badge). Anything else (a platform ticket code, a garbled scan, a refusal that needs the
print log) rolls back the first flush and goes the ordinary way with the same scan UUID, so the
rules live in one place.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import psycopg
from psycopg.rows import namedtuple_row
from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from eventdesk.domain.event import utc_now
from eventdesk.services.door.admission import (
    ATTENDANCE_VERDICTS,
    DoorPerson,
    barrier,
    decide_from_rows,
    loggable,
    logged_reason,
)
from eventdesk.services.door.checkin import CheckInDesk, Verdict
from eventdesk.services.door.code_reader import Resolution

_LOCK = (
    "SELECT id, given_name, family_name, organisation, ticket_type, status, badge_version, erased_at "
    "FROM attendee WHERE id = %(attendee)s FOR NO KEY UPDATE"
)
_STANDING = (
    "SELECT id, verdict, device_time, desk, reason, reason_message FROM scan "
    "WHERE attendee_id = %(attendee)s AND (verdict = ANY(%(verdicts)s) OR id = %(scan)s) "
    "ORDER BY device_time, recorded_at"
)
_INSERT = (
    "INSERT INTO scan (id, scanned_text, verdict, attendee_id, desk, device_time, reason, reason_message, "
    "recorded_at, offline) VALUES (%(id)s, %(text)s, %(verdict)s, %(attendee)s, %(desk)s, %(at)s, "
    "%(reason)s, %(reason_message)s, %(recorded)s, false)"
)


class HubCheckIn(CheckInDesk):
    """`CheckInDesk` on the hub's PostgreSQL, pipelined where the case is common."""

    def scan(
        self, scanned: str, *, device_time: datetime | None = None, scan_id: str | None = None
    ) -> Verdict:
        badge = self._reader.badge_as_typed(scanned)
        if badge is None or scan_id is None:
            return super().scan(scanned, device_time=device_time, scan_id=scan_id)
        at = device_time or utc_now()
        verdict = self._once_more_if_stale(lambda _again: self._pipelined(scanned, badge, at, scan_id))
        return verdict or super().scan(scanned, device_time=at, scan_id=scan_id)

    def admit(self, attendee_id: int, *, how: str = "name search") -> Verdict:
        scan_id, at, scanned = str(uuid.uuid4()), utc_now(), f"#{attendee_id} ({how})"
        resolution = Resolution(None, attendee_id, matched_as=how)
        verdict = self._once_more_if_stale(lambda _again: self._pipelined(scanned, resolution, at, scan_id))
        return verdict or super().admit(attendee_id, how=how)

    def _pipelined(self, scanned: str, resolution: Resolution, at: datetime, scan_id: str) -> Verdict | None:
        """The decision in two flushes; None when the case is not the common one (nothing was
        written). A retry after a dropped connection finds its own scan in the standing rows."""
        assert resolution.attendee_id is not None
        with self.doc.door_connection() as conn:
            pg = conn.connection.driver_connection
            assert isinstance(pg, psycopg.Connection)
            try:
                with pg.pipeline() as pipeline:
                    person_cursor = pg.cursor(row_factory=namedtuple_row)
                    rows_cursor = pg.cursor(row_factory=namedtuple_row)
                    person_cursor.execute(_LOCK, {"attendee": resolution.attendee_id})
                    verdicts = list(ATTENDANCE_VERDICTS)
                    rows_cursor.execute(
                        _STANDING, {"attendee": resolution.attendee_id, "verdicts": verdicts, "scan": scan_id}
                    )
                    pipeline.sync()
                    found = person_cursor.fetchone()
                    rows = rows_cursor.fetchall()
                    person = DoorPerson(*found) if found is not None else None
                    if person is None or barrier(person, resolution.token) is not None:
                        pg.rollback()
                        return None
                    verdict = self._decide(pg, person, rows, scanned, resolution, at, scan_id)
                    pg.commit()
                    return verdict
            except psycopg.OperationalError as error:
                _give_back(conn, pg)
                raise OperationalError(
                    _STANDING, None, error, connection_invalidated=pg.closed or pg.broken
                ) from error
            except BaseException:
                _give_back(conn, pg)
                raise

    def _decide(
        self,
        pg: psycopg.Connection[Any],
        person: DoorPerson,
        rows: Sequence[Any],
        scanned: str,
        resolution: Resolution,
        at: datetime,
        scan_id: str,
    ) -> Verdict:
        outcome = decide_from_rows(rows, scan_id=scan_id, rules=self._facts.rules)
        if not outcome.already_logged:
            pg.execute(
                _INSERT,
                {
                    "id": scan_id, "text": loggable(scanned), "verdict": outcome.verdict.value,
                    "attendee": person.id, "desk": self.desk, "at": at, **logged_reason(outcome),
                    "recorded": utc_now(),
                },
            )  # fmt: skip
        return self._decided(outcome, person, at, resolution.matched_as)


def _give_back(conn: Connection, pg: psycopg.Connection[Any]) -> None:
    """A connection that failed mid-decision goes back clean, or not at all."""
    if pg.closed or pg.broken:
        conn.invalidate()
        return
    try:
        pg.rollback()
    except psycopg.Error:
        conn.invalidate()
