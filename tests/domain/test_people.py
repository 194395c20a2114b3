from __future__ import annotations

import pytest

from eventdesk.domain.enums import AttendeeStatus, TicketType
from eventdesk.domain.errors import ValidationError
from eventdesk.domain.people import (
    AttendeeDraft,
    CompanyDraft,
    InvalidField,
    degree_from_text,
    split_list,
    status_from_text,
    ticket_type_from_text,
    yes_no,
)


@pytest.mark.parametrize(
    "word",
    [
        "Cancelled",
        "canceled",
        "Refunded",
        "void",
        "declined",
        "Not going",
        "Not Attending",
        "No",
        "Geannuleerd",
        "Storniert",
    ],
)
def test_cancelling_words_mean_cancelled(word: str) -> None:
    assert status_from_text(word) == (AttendeeStatus.CANCELLED, False)


@pytest.mark.parametrize("word", ["Attending", "Checked In", "approved", "Paid", "Yes", "registered"])
def test_other_words_mean_registered(word: str) -> None:
    assert status_from_text(word) == (AttendeeStatus.REGISTERED, False)


def test_waiting_lists_are_cancelled_but_flagged() -> None:
    assert status_from_text("waitlist") == (AttendeeStatus.CANCELLED, True)
    assert status_from_text("pending_approval") == (AttendeeStatus.CANCELLED, True)
    assert status_from_text("") == (None, False)


def test_ticket_names_map_to_ticket_types() -> None:
    assert ticket_type_from_text("Exhibitor staff pass") is TicketType.EXHIBITOR
    assert ticket_type_from_text("Standhouder") is TicketType.EXHIBITOR
    assert ticket_type_from_text("Speaker – Keynote") is TicketType.SPEAKER
    assert ticket_type_from_text("Pers") is TicketType.PRESS
    assert ticket_type_from_text("Early bird") is TicketType.VISITOR
    assert ticket_type_from_text("organiser") is TicketType.ORGANISER


def test_degrees_are_recognised_in_several_languages() -> None:
    assert degree_from_text("Ph.D.") == "PhD"
    assert degree_from_text("Master of Science") == "MSc"
    assert degree_from_text("Postdoc") == "Postdoc"
    assert degree_from_text("Bachelor") == "BSc"
    assert degree_from_text("Something else") == "Other"
    assert degree_from_text("") == ""


def test_yes_no_in_six_languages_and_ticks() -> None:
    assert [yes_no(w) for w in ("Ja", "oui", "✓", "nej", "", "maybe")] == [
        True,
        True,
        True,
        False,
        None,
        None,
    ]


def test_lists_split_on_any_separator_without_duplicates() -> None:
    assert split_list("Biotech, pharma; Biotech | data\nAI") == ["Biotech", "pharma", "data", "AI"]


def test_an_attendee_needs_a_name_or_an_email() -> None:
    with pytest.raises(ValidationError, match="name or an e-mail"):
        AttendeeDraft().validated(region="NL")
    draft = AttendeeDraft(given_name=" Sophie ", email="Sophie@Example.be", phone="0470123456").validated(
        region="BE"
    )
    assert (draft.given_name, draft.email, draft.phone) == ("Sophie", "Sophie@example.be", "+32470123456")


def test_an_invalid_email_is_refused_with_the_address() -> None:
    with pytest.raises(ValidationError, match="'sophie@@x' is not valid"):
        AttendeeDraft(given_name="Sophie", email="sophie@@x").validated(region="NL")


def test_a_company_needs_a_name_and_a_sane_number_of_tables() -> None:
    with pytest.raises(ValidationError):
        CompanyDraft(name=" ").validated(region="NL")
    with pytest.raises(ValidationError, match="meeting tables"):
        CompanyDraft(name="Genmab", meeting_tables=500).validated(region="DK")
    company = CompanyDraft(name="Genmab", website="genmab.com", hiring_tags=("CMC, QA", "QA")).validated(
        region="DK"
    )
    assert company.website == "https://genmab.com" and company.hiring_tags == ("CMC", "QA")


def test_a_refused_draft_names_the_field_to_fix() -> None:
    cases = [
        (AttendeeDraft(given_name="Sophie", email="sophie@@x"), "email"),
        (AttendeeDraft(), "given_name"),
        (AttendeeDraft(given_name="Sophie", ticket_type="vip"), "ticket_type"),
        (AttendeeDraft(given_name="Sophie", family_name="x" * 201), "family_name"),
    ]
    for draft, field in cases:
        with pytest.raises(InvalidField) as caught:
            draft.validated(region="NL")
        assert caught.value.field == field
    with pytest.raises(InvalidField) as caught:
        CompanyDraft(name="Genmab", contact_email="hr@").validated(region="DK")
    assert caught.value.field == "contact_email"
