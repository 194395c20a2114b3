"""Value checks of guessed column roles, header words as words, and consent answers."""

from __future__ import annotations

import pytest

from eventdesk.services.importing.fields import (
    ATTENDEE_FIELDS,
    consent_answer,
    guess_fields,
    header_key,
    header_score,
    looks_like_consent,
)
from eventdesk.services.importing.roles import check_values

CODE = next(spec for spec in ATTENDEE_FIELDS if spec.name == "code")


@pytest.mark.parametrize(
    ("header", "is_code"),
    [
        ("Barcode", True),
        ("Ticket code", True),
        ("Your order code", True),
        ("Code", True),
        ("Code of Conduct", False),
        ("I agree to the Code of Conduct", False),
        ("Promo code used", False),
        ("Postcode", False),
        ("Zip code", False),
        ("Discount code", False),
        ("Dress code ok?", False),
    ],
)
def test_code_words_count_as_words_and_phrases(header: str, is_code: bool) -> None:
    assert (header_score(header_key(header), CODE) > 0) is is_code


@pytest.mark.parametrize(
    ("field", "values", "refused"),
    [
        ("code", ["Yes", "No", "Yes", "No", "Yes"], "yes/no answers"),
        ("code", ["2027-01-03", "2027-01-04", "2027-01-05"], "dates or times"),
        ("code", ["a@x.org", "b@x.org", "c@x.org"], "e-mail addresses"),
        ("code", ["A", "A", "A", "B", "B", "A"], "only 2 different values in 6 rows"),
        ("code", ["T-1", "T-2", "T-3", "T-4", "T-5", "T-5"], None),  # one ticket re-sent: fine
        ("email", ["Yes", "No", "Yes"], "not e-mail addresses"),
        ("phone", ["Biotech", "Pharma", "Medtech"], "not phone numbers"),
        ("phone", ["+31 6 12345678", "06-98765432"], None),
        ("consent", ["Ja", "Nee", "x", "checked", "I agree"], None),
        ("consent", ["Biotech", "Pharma"], "not yes/no answers"),
        ("given_name", ["12", "13", "14"], "numbers"),
        ("family_name", ["Yes", "No", "Yes", "No"], "yes/no answers"),
        ("status", ["2027-01-03", "2027-01-04"], "not statuses"),
    ],
)
def test_each_guess_is_checked_against_its_values(field: str, values: list[str], refused: str | None) -> None:
    reason = check_values(field, values)
    if refused is None:
        assert reason is None
    else:
        assert reason is not None and refused in reason


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("yes", True), ("Ja", True), ("oui", True), ("true", True), ("1", True), ("x", True),
        ("checked", True), ("I agree", True), ("Ja, ik ga akkoord", True), ("Jeg giver samtykke", True),
        ("no", False), ("Nee", False), ("non", False), ("false", False), ("0", False), ("Nej", False),
        ("unchecked", False), ("Norway", None), ("Jan", None), ("", None),
    ],
)  # fmt: skip
def test_consent_answers_as_forms_write_them(text: str, answer: bool | None) -> None:
    assert consent_answer(text) is answer


def test_consent_questions_are_found_and_other_agreements_are_not() -> None:
    assert looks_like_consent("I agree that my contact details may be shared with exhibiting companies")
    assert looks_like_consent("Ich bin einverstanden, dass meine Daten an Aussteller weitergegeben werden")
    assert not looks_like_consent("I agree to the Code of Conduct")
    assert not looks_like_consent("Exhibitors you want to meet")
    assert not looks_like_consent("Send me the newsletter")
    headers = ["Name", "Email", "Share my details with exhibitors", "I agree to the terms"]
    assert guess_fields(headers, ATTENDEE_FIELDS)[2:] == ["consent", None]
