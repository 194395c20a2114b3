"""Who sees what of an attendee: the one rule every output follows, and the sentence that
tells the person (the import and the walk-in dialog say it in these words).

Taking part in matchmaking is agreeing that the companies one meets see one's name and
profile (organisation, job title, degree, field, interests): a company cannot hold a meeting
with a stranger. E-mail and phone go to an exhibitor only when the person agreed to share
their contact details. This module holds the rule; the exports apply it.
"""

from __future__ import annotations

CONSENT_RULE = (
    "Taking part in matchmaking means the companies this person meets see their name and "
    "profile, never their e-mail or phone; e-mail and phone reach exhibitors only if the "
    "person agrees to share their contact details."
)


def company_sees_profile(*, meets_company: bool, consent_share: bool) -> bool:
    """Name and profile: to the companies the person meets, and to everyone if they agreed."""
    return meets_company or consent_share


def company_sees_contact(*, consent_share: bool) -> bool:
    """E-mail and phone: only with the person's consent, meeting or not."""
    return consent_share
