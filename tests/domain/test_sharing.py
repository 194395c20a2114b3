"""The one rule of who sees what of an attendee, said where people decide it."""

from __future__ import annotations

from eventdesk.domain.sharing import company_sees_contact, company_sees_profile


def test_meeting_partners_see_the_profile_and_only_consent_gives_contact_details() -> None:
    assert company_sees_profile(meets_company=True, consent_share=False)
    assert not company_sees_profile(meets_company=False, consent_share=False)
    assert company_sees_profile(meets_company=False, consent_share=True)
    assert not company_sees_contact(consent_share=False)
    assert company_sees_contact(consent_share=True)
