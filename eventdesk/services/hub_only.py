"""What only the hub does: changes to the whole event that a desk replica must not make alone.

A desk sends up what it records — scans, walk-ins, edits of people, leads, prints — and takes
the hub's event settings, keys and privacy state back with every pull. Erasing a person,
anonymising the event, replacing the badge key, choosing the printed language, the entry rule
or the retention date at a desk would change only that desk's copy: the hub (and every other
desk) would keep the old state, and the desk's own change would be overwritten by the next
pull. So these are refused at a desk, with one sentence saying where they are done.
"""

from __future__ import annotations

from sqlmodel import Session, select

from eventdesk.domain.errors import ValidationError
from eventdesk.i18n import _
from eventdesk.persistence.sync_tables import SyncReplica


def refuse_at_desk(session: Session) -> None:
    """Raise when the session's event is a desk replica (made by `eventdesk join`)."""
    if session.exec(select(SyncReplica.id)).first() is not None:
        raise ValidationError(
            _(
                "This is done for the whole event on the hub (the organiser's window on it), not at "
                "a desk: this desk's copy is refilled from the hub, which would keep everything as it was."
            )
        )
