"""Replacing the badge key pair when the old private key may have left the organiser's hands.

Everything signed with the old key stops being accepted: the door recognises such a badge
(its signature verifies with a retired public key) and refuses it saying a reprint is
needed, rather than calling it forged. Every person's badge version goes up so the Badges
screen lists them all as to print. What that costs — badges, schedules with QR codes,
exhibitor kits and desk replicas that carry the old public key — is counted first, so the
window can say it before anyone confirms.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import distinct, func, select, update

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.event import utc_now
from eventdesk.domain.signing import new_key_pair
from eventdesk.i18n import _, ngettext
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, BadgePrint, Event, ExportAudit, Meeting, RetiredKey
from eventdesk.services.export_audit import ExportKind
from eventdesk.services.hub_only import refuse_at_desk
from eventdesk.services.privacy.keys import seal_with_keyring


@dataclass(frozen=True)
class KeyReplacementCost:
    badges_printed: int
    schedules_printed: int
    kits_made: int

    @property
    def sentence(self) -> str:
        return (
            ngettext(
                "{n} printed badge stops working at the door and must be reprinted; ",
                "{n} printed badges stop working at the door and must be reprinted; ",
                self.badges_printed,
            )
            + ngettext(
                "{n} printed schedule carries QR codes signed with the old key; ",
                "{n} printed schedules carry QR codes signed with the old key; ",
                self.schedules_printed,
            )
            + ngettext(
                "{n} exhibitor kit made earlier and every desk replica must be made again to read "
                "the new badges.",
                "{n} exhibitor kits made earlier and every desk replica must be made again to read "
                "the new badges.",
                self.kits_made,
            )
        )


def key_replacement_cost(*, doc: EventDocument) -> KeyReplacementCost:
    with doc.session() as session:
        return KeyReplacementCost(
            badges_printed=session.execute(select(func.count(distinct(BadgePrint.attendee_id)))).scalar_one(),
            schedules_printed=session.execute(
                select(func.count(distinct(Meeting.attendee_id))).where(Meeting.printed_at.is_not(None))  # type: ignore[union-attr]
            ).scalar_one(),
            kits_made=session.execute(
                select(func.count()).select_from(ExportAudit).where(ExportAudit.kind == ExportKind.KIT.value)
            ).scalar_one(),
        )


def replace_badge_key(*, doc: EventDocument, confirm: bool) -> tuple[KeyReplacementCost, Changes]:
    if not confirm:
        raise ValidationError(_("Replacing the badge key means reprinting every badge; confirm to go ahead."))
    with doc.session() as session:
        refuse_at_desk(session)
    cost = key_replacement_cost(doc=doc)
    keys = new_key_pair()
    with doc.session() as session:
        event = session.execute(select(Event)).scalar_one()
        if event.signing_key is None:
            raise ValidationError(
                _(
                    "This copy has no badge key (a kit or a desk replica); "
                    "replace it in the organiser's event."
                )
            )
        now = utc_now()
        session.add(RetiredKey(public_key=event.public_key, retired_at=now))
        event.signing_key = seal_with_keyring(keys.private_raw, keys.public_raw)
        event.public_key = keys.public_raw
        event.key_replaced_at = now
        session.add(event)
        session.execute(update(Attendee).values(badge_version=Attendee.badge_version + 1))
    changes = Changes.of(
        Entity.EVENT, Entity.BADGES, Entity.ATTENDEES, summary=_("Badge key replaced; reprint every badge")
    )
    return cost, changes
