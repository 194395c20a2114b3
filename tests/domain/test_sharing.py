"""The one rule of who sees what of an attendee, said where people decide it."""

from __future__ import annotations

import pytest

from eventdesk.domain.sharing import EVERYTHING, NOTHING, PROFILE, Recipient, Shown, shown_to


@pytest.mark.parametrize(
    ("consent", "meets", "staff", "expected"),
    [
        (False, True, False, PROFILE),  # a meeting partner: name and profile, no e-mail or phone
        (False, False, False, NOTHING),  # a stranger who did not agree: not even a name
        (True, False, False, EVERYTHING),  # agreed to share: everything, met or not
        (True, True, False, EVERYTHING),
        (False, False, True, EVERYTHING),  # the company's own staff
    ],
)
def test_a_company_sees_what_the_person_agreed_to(
    consent: bool, meets: bool, staff: bool, expected: Shown
) -> None:
    assert (
        shown_to(Recipient.COMPANY, consent_share=consent, meets_company=meets, own_staff=staff) == expected
    )


def test_the_organiser_sees_everyone_whole() -> None:
    assert shown_to(Recipient.ORGANISER, consent_share=False) == EVERYTHING
    assert not NOTHING.anything and PROFILE.anything
