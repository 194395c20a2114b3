"""Whole-event changes are refused at a desk replica with one sentence, and nothing is changed:
they belong on the hub, which would otherwise keep the old state (and refill the desk with it)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from eventdesk.domain.errors import ValidationError
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.sync_tables import SyncOutbox
from eventdesk.persistence.tables import Attendee, Event
from eventdesk.services.events import set_event_language, set_reentry_allowed
from eventdesk.services.privacy.anonymise import CONFIRMATION_WORD, anonymise_event
from eventdesk.services.privacy.erase import erase_person
from eventdesk.services.privacy.key_replacement import replace_badge_key
from eventdesk.services.privacy.retention import set_retention
from tests.sync.desk_hub import hub

pytestmark = pytest.mark.postgres
__all__ = ["hub"]  # the fixture

REFUSED = "This is done for the whole event on the hub"


@pytest.mark.parametrize(
    "operation",
    [
        lambda doc: erase_person(doc=doc, attendee_id=7),
        lambda doc: anonymise_event(doc=doc, confirmation=CONFIRMATION_WORD),
        lambda doc: replace_badge_key(doc=doc, confirm=True),
        lambda doc: set_event_language(doc=doc, language="de"),
        lambda doc: set_reentry_allowed(doc=doc, allowed=True),
        lambda doc: set_retention(doc=doc, until=date(2031, 1, 1)),
    ],
    ids=["erase", "anonymise", "new badge key", "printed language", "re-entry", "retention"],
)
def test_a_whole_event_change_at_a_desk_is_refused_and_changes_nothing(hub, operation):
    desk = EventDocument.open(hub.join("Door A"))
    try:
        with desk.engine.connect() as conn:
            before = conn.execute(select(Event.language, Event.reentry_allowed, Event.retention_until)).one()
            name = conn.execute(select(Attendee.family_name).where(Attendee.id == 7)).scalar_one()
        with pytest.raises(ValidationError, match=REFUSED) as refused:
            operation(desk)
        assert str(refused.value).count(". ") == 0  # one sentence
        with desk.engine.connect() as conn:
            assert (
                conn.execute(select(Event.language, Event.reentry_allowed, Event.retention_until)).one()
                == before
            )
            assert conn.execute(select(Attendee.family_name).where(Attendee.id == 7)).scalar_one() == name
            assert conn.execute(select(func.count()).select_from(SyncOutbox)).scalar_one() == 0
    finally:
        desk.close()


def test_the_hub_itself_still_does_them(hub):
    organiser = hub.doc()
    try:
        set_reentry_allowed(doc=organiser, allowed=True)
        with organiser.engine.connect() as conn:
            assert conn.execute(select(Event.reentry_allowed)).scalar_one() is True
    finally:
        organiser.close()
