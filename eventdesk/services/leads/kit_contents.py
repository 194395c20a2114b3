"""Who goes into a company's exhibitor kit, and how the kit dialog and its result say so.

One function decides it (`kit_contents`, from `domain.sharing.shown_to`), and the dialog
before the kit is made and the report after it both count from its answer: what a person is
told will be in the kit is what the kit holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session

from eventdesk.domain.enums import AttendeeStatus
from eventdesk.domain.matchmaking.model import MeetingStatus
from eventdesk.domain.sharing import Recipient, Shown, shown_to
from eventdesk.i18n import ngettext
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Lead, Meeting


@dataclass(frozen=True)
class KitCounts:
    staff: int
    shared: int
    """Attendees who agreed to share their details: everything an exhibitor may see."""
    partners: int
    """Meeting partners who did not agree: name and profile, no e-mail or phone."""
    left_out: int
    meetings: int
    meetings_left_out: int
    leads: int

    def lines(self) -> list[str]:
        """The kit's contents, a line each (the dialog and the report show the same lines)."""
        lines = [
            ngettext("{n} staff member of the company", "{n} staff members of the company", self.staff),
            ngettext(
                "{n} attendee who agreed to share their details",
                "{n} attendees who agreed to share their details",
                self.shared,
            ),
            ngettext(
                "{n} meeting partner who did not agree: name and profile only, no e-mail or phone",
                "{n} meeting partners who did not agree: name and profile only, no e-mail or phone",
                self.partners,
            ),
            ngettext(
                "{n} other person is left out (did not agree, or cancelled)",
                "{n} other people are left out (did not agree, or cancelled)",
                self.left_out,
            ),
            ngettext("{n} meeting", "{n} meetings", self.meetings),
        ]
        if self.meetings_left_out:
            lines.append(
                ngettext(
                    "{n} meeting with someone who cancelled is left out",
                    "{n} meetings with people who cancelled are left out",
                    self.meetings_left_out,
                )
            )
        lines.append(ngettext("{n} lead", "{n} leads", self.leads))
        return lines


@dataclass(frozen=True)
class KitContents:
    """The ids of what goes into the kit, and what each person may show there."""

    shown: dict[int, Shown]
    staff: frozenset[int]
    everyone: int
    meetings: tuple[int, ...]
    meetings_left_out: int
    leads: int

    @property
    def counts(self) -> KitCounts:
        whole = sum(1 for s in self.shown.values() if s.contact)
        return KitCounts(
            staff=len(self.staff),
            shared=whole - len(self.staff),
            partners=len(self.shown) - whole,
            left_out=self.everyone - len(self.shown),
            meetings=len(self.meetings),
            meetings_left_out=self.meetings_left_out,
            leads=self.leads,
        )


def kit_contents(session: Session, company_id: int) -> KitContents:
    """Everyone the company may see something of: its staff (whole), registered attendees who
    agreed to share (whole) and registered meeting partners who did not (name and profile)."""
    meetings = session.execute(
        select(Meeting.id, Meeting.attendee_id, Meeting.status).where(Meeting.company_id == company_id)
    ).all()
    partners = {m.attendee_id for m in meetings}
    shown: dict[int, Shown] = {}
    staff: set[int] = set()
    everyone = 0
    for attendee_id, consent, status, works_for in session.execute(
        select(Attendee.id, Attendee.consent_share, Attendee.status, Attendee.company_id)
    ).all():
        everyone += 1
        own_staff = works_for == company_id
        if not own_staff and status != AttendeeStatus.REGISTERED.value:
            continue
        seen = shown_to(
            Recipient.COMPANY,
            consent_share=bool(consent),
            meets_company=attendee_id in partners,
            own_staff=own_staff,
        )
        if seen.anything:
            shown[attendee_id] = seen
            if own_staff:
                staff.add(attendee_id)
    kept = tuple(m.id for m in meetings if m.attendee_id in shown)
    led = {a for (a,) in session.execute(select(Lead.attendee_id).where(Lead.company_id == company_id))}
    # Attended meetings become leads when the kit is made (`sync_meeting_leads`): count them
    # now, without writing anything, so that the dialog and the result say the same.
    met = {m.attendee_id for m in meetings if m.status == MeetingStatus.ATTENDED.value}
    leads_now = session.execute(select(func.count()).select_from(Lead).where(Lead.company_id == company_id))
    return KitContents(
        shown=shown,
        staff=frozenset(staff),
        everyone=everyone,
        meetings=kept,
        meetings_left_out=len(meetings) - len(kept),
        leads=int(leads_now.scalar_one()) + len(met - led),
    )


def kit_counts(*, doc: EventDocument, company_id: int) -> KitCounts:
    """What a kit for the company would hold now (the make-kit dialog shows it)."""
    with doc.session() as session:
        return kit_contents(session, company_id).counts
