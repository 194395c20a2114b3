"""Erasing one person on request (GDPR Art. 17), and clearing what a deleted person left.

The person's row stays under a random pseudonym so that the event's counts (arrivals,
meetings held, leads per company) do not change; every personal field goes, their ticket
codes go, their badge is withdrawn (the door refuses it, saying why), and the scan log's
text and the notes about them are cleared. Copies made earlier (exhibitor kits, lists,
badge batches) are outside the event: the result names them so the organiser can ask for them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select, update
from sqlmodel import Session

from eventdesk.domain.changes import Changes, Entity
from eventdesk.domain.enums import AttendeeStatus
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.event import utc_now
from eventdesk.domain.tokens import parse_token
from eventdesk.i18n import _, ngettext
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, ExternalCode, Lead, Meeting, Scan
from eventdesk.services.export_audit import CopyHolding, copies_holding
from eventdesk.services.hub_only import refuse_at_desk
from eventdesk.services.privacy.anonymise import ATTENDEE_CLEARED, scrub_sqlite_file

PSEUDONYM_PREFIX = "Erased person"


def new_pseudonym() -> str:
    """Random, so that it says nothing about the person (not even their id)."""
    return f"{PSEUDONYM_PREFIX} {secrets.token_hex(3).upper()}"


@dataclass(frozen=True)
class Erased:
    attendee_id: int
    pseudonym: str
    was_present: bool
    scans: int
    meetings: int
    leads: int
    copies: list[CopyHolding] = field(default_factory=list)
    disk_clean: bool = True

    @property
    def summary(self) -> str:
        if not self.was_present:
            return ngettext(
                "Attendee {id} was no longer in the event; {n} scan that named them was cleared.",
                "Attendee {id} was no longer in the event; {n} scans that named them were cleared.",
                self.scans,
                id=self.attendee_id,
            )
        return _(
            "Erased attendee {id}: now “{pseudonym}”, badge withdrawn; "
            "kept as counts: {scans}, {meetings}, {leads}.",
            id=self.attendee_id,
            pseudonym=self.pseudonym,
            scans=ngettext("{n} scan", "{n} scans", self.scans),
            meetings=ngettext("{n} meeting", "{n} meetings", self.meetings),
            leads=ngettext("{n} lead", "{n} leads", self.leads),
        )

    @property
    def copies_sentence(self) -> str:
        kits = [c for c in self.copies if c.company]
        if not self.copies:
            return _("No export made earlier contains this person.")
        named = ", ".join(f"{c.company} ({c.made_local:%d %b %H:%M})" for c in kits) or _("none")
        return ngettext(
            "{n} file made earlier contains this person and is outside the event; ",
            "{n} files made earlier contain this person and are outside the event; ",
            len(self.copies),
        ) + _("exhibitor kits: {kits}. Ask their holders to delete them.", kits=named)


def mentions(scanned_text: str, attendee_id: int) -> bool:
    """True when a scan's text identifies this attendee: their badge token or '#ID (…)'."""
    text = scanned_text.strip()
    if text.startswith(f"#{attendee_id} ") or text == f"#{attendee_id}":
        return True
    token = parse_token(text)
    return token is not None and token.serial == attendee_id


def clear_scan_texts(session: Session, attendee_id: int) -> int:
    """Scans linked to the person, and unlinked scans whose text names them."""
    linked = session.execute(
        update(Scan)
        .where(Scan.attendee_id == attendee_id)
        .values(scanned_text="", reason="", reason_message=None)
    ).rowcount
    loose = [
        scan_id
        for scan_id, text in session.execute(
            select(Scan.id, Scan.scanned_text).where(Scan.attendee_id.is_(None), Scan.scanned_text != "")  # type: ignore[union-attr]
        )
        if mentions(text, attendee_id)
    ]
    if loose:
        session.execute(
            update(Scan).where(Scan.id.in_(loose)).values(scanned_text="", reason="", reason_message=None)
        )  # type: ignore[attr-defined]
    return linked + len(loose)


def erase_person(*, doc: EventDocument, attendee_id: int) -> tuple[Erased, Changes]:
    pseudonym = new_pseudonym()
    with doc.session() as session:
        refuse_at_desk(session)
        attendee = session.get(Attendee, attendee_id)
        if attendee is None:
            # Deleted earlier: what can still name them is the scan log's text.
            cleared = clear_scan_texts(session, attendee_id)
            if cleared == 0:
                raise ValidationError(
                    _("There is no attendee {id} in this event, nor a scan naming them.", id=attendee_id)
                )
            result = Erased(attendee_id, "", False, cleared, 0, 0)
        else:
            if attendee.erased_at is not None:
                raise ValidationError(
                    _(
                        "Attendee {id} was erased already ({pseudonym}).",
                        id=attendee_id,
                        pseudonym=attendee.family_name,
                    )
                )
            meetings = session.execute(
                select(func.count()).select_from(Meeting).where(Meeting.attendee_id == attendee_id)
            ).scalar_one()
            session.execute(update(Meeting).where(Meeting.attendee_id == attendee_id).values(note=""))
            leads = session.execute(
                update(Lead).where(Lead.attendee_id == attendee_id).values(notes="", tags=[])
            ).rowcount
            session.execute(delete(ExternalCode).where(ExternalCode.attendee_id == attendee_id))
            scans = clear_scan_texts(session, attendee_id)
            session.execute(
                update(Attendee)
                .where(Attendee.id == attendee_id)
                .values(
                    **ATTENDEE_CLEARED
                    | {
                        "family_name": pseudonym,
                        "search_text": pseudonym.lower(),
                        "status": AttendeeStatus.CANCELLED.value,
                        "consent_share": False,
                        "consent_origin": "",
                        "consent_at": None,
                        "erased_at": utc_now(),
                        "updated_at": utc_now(),
                    }
                )
            )
            result = Erased(
                attendee_id, pseudonym, True, scans, meetings, leads, copies_holding(session, attendee_id)
            )
    _forget(doc)
    clean = scrub_sqlite_file(doc)
    result = Erased(**{**result.__dict__, "disk_clean": clean})
    return result, Changes.of(
        Entity.ATTENDEES, Entity.SCANS, Entity.LEADS, Entity.MEETINGS, summary=result.summary
    )


def _forget(doc: EventDocument) -> None:
    from eventdesk.services.search import forget_index
    from eventdesk.services.undo import history

    # The undo history holds the person's old values in memory; an erasure is not undone.
    history(doc).clear()
    forget_index(doc)
