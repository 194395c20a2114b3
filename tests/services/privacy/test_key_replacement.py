from __future__ import annotations

import pytest
from sqlalchemy import select

from eventdesk.domain.enums import ScanVerdict
from eventdesk.domain.errors import ValidationError
from eventdesk.persistence.tables import Attendee
from eventdesk.services.badges.batches import BadgeSelection, create_badge_pdf
from eventdesk.services.door.checkin import CheckInDesk
from eventdesk.services.privacy.key_replacement import key_replacement_cost, replace_badge_key
from tests.services.leads.support import token


def test_after_replacing_the_key_the_door_refuses_old_badges_saying_a_reprint_is_needed(events, tmp_path):
    doc = events.demo(attendees=40, companies=3)
    try:
        create_badge_pdf(doc=doc, selection=BadgeSelection(attendee_ids=(1, 2, 3)), output=tmp_path / "b.pdf")
        old_badge = token(doc, 2)
        assert key_replacement_cost(doc=doc).badges_printed == 3
        with pytest.raises(ValidationError):
            replace_badge_key(doc=doc, confirm=False)
        cost, _ = replace_badge_key(doc=doc, confirm=True)
        assert "3 printed badges stop working" in cost.sentence

        desk = CheckInDesk(doc=doc, desk="Door A")
        refused = desk.scan(old_badge)
        assert refused.verdict is ScanVerdict.REVOKED
        assert "old badge key" in refused.reason and "reprint is needed" in refused.reason
        # A forgery is still a forgery, and a badge printed with the new key is welcome.
        assert desk.scan(old_badge[:-3] + "000").verdict is ScanVerdict.FORGED
        assert desk.scan(token(doc, 2)).admitted
        with doc.session() as session:
            assert session.get(Attendee, 2).badge_version == 2
            assert session.execute(select(Attendee.badge_version).where(Attendee.id == 40)).scalar_one() == 2
    finally:
        doc.close()
