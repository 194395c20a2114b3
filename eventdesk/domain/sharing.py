"""Who sees what of an attendee: the one rule every output follows, and the sentence that
tells the person (the import and the walk-in dialog say it in these words).

Taking part in matchmaking is agreeing that the companies one meets see one's name and
profile (organisation, job title, degree, field, interests): a company cannot hold a meeting
with a stranger. E-mail and phone go to an exhibitor only when the person agreed to share
their contact details. A company always sees its own staff whole. The organiser, who holds
the event file and answers for it under the GDPR, sees everything.

Every output asks `shown_to` before it writes a person: the exhibitor kit, the company's
schedule (the list with tick boxes), booth mode and the lead exports. Outputs made from a
kit (its attendee list, grid, calendars) then hold only what the kit was allowed to hold.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from eventdesk.i18n import N_

CONSENT_RULE = N_(
    "Taking part in matchmaking means the companies this person meets see their name and "
    "profile, never their e-mail or phone; e-mail and phone reach exhibitors only if the "
    "person agrees to share their contact details."
)


class Recipient(StrEnum):
    """Who an output is for."""

    ORGANISER = "organiser"
    COMPANY = "company"


@dataclass(frozen=True)
class Shown:
    """What of one person an output may carry: name and profile, and e-mail and phone."""

    profile: bool
    contact: bool

    @property
    def anything(self) -> bool:
        """False: the person is not in the output at all (not even by id)."""
        return self.profile or self.contact


NOTHING = Shown(profile=False, contact=False)
PROFILE = Shown(profile=True, contact=False)
EVERYTHING = Shown(profile=True, contact=True)


def shown_to(
    recipient: Recipient,
    *,
    consent_share: bool,
    meets_company: bool = False,
    own_staff: bool = False,
) -> Shown:
    """What `recipient` may see of a person who agreed (`consent_share`) or not to share
    their contact details, who has a meeting with the company (`meets_company`) or works for
    it (`own_staff`). A company that neither meets the person nor has their consent sees
    nothing of them: their visit at a booth is counted, never named."""
    if recipient is Recipient.ORGANISER or own_staff or consent_share:
        return EVERYTHING
    return PROFILE if meets_company else NOTHING
