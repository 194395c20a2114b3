from __future__ import annotations

import pytest
from email_validator import validate_email

from eventdesk.domain.contact import (
    InvalidEmail,
    normalise_email,
    normalise_phone,
    region_for_timezone,
)


def test_email_domain_is_lower_cased_and_the_mailbox_kept() -> None:
    assert normalise_email(" Sophie.VanDeVelde@Example.BE ") == "Sophie.VanDeVelde@example.be"


@pytest.mark.parametrize("blank", ["", "  ", "anonymous", "n/a", None])
def test_forms_placeholders_are_no_email(blank: str | None) -> None:
    assert normalise_email(blank) is None


def test_addresses_in_angle_brackets_or_mailto_are_read() -> None:
    assert normalise_email("Sophie <sophie@example.be>") == "sophie@example.be"
    assert normalise_email("mailto:lars@example.dk") == "lars@example.dk"


@pytest.mark.parametrize("bad", ["sophie@@example.be", "jan@localhost", "a b@example.nl", "noat", "x@x"])
def test_invalid_addresses_say_why(bad: str) -> None:
    with pytest.raises(InvalidEmail) as caught:
        normalise_email(bad)
    assert str(caught.value)


@pytest.mark.parametrize(
    "address",
    [
        "a.b@example.nl",
        "first+tag@Example.COM",
        "o'neil@example.ie",
        "ødegård@exämple.dk",
        "x_y-z@sub.example.org",
    ],
)
def test_the_fast_path_agrees_with_email_validator(address: str) -> None:
    assert normalise_email(address) == validate_email(address, check_deliverability=False).normalized


@pytest.mark.parametrize(
    ("typed", "region", "e164"),
    [
        ("06 12345678", "NL", "+31612345678"),
        ("0470 12 34 56", "BE", "+32470123456"),
        ("20 12 34 56", "DK", "+4520123456"),
        ("0032 470 12 34 56", "NL", "+32470123456"),
        ("+46 70 123 45 67", "NL", "+46701234567"),
        ("31612345678.0", "NL", "+31612345678"),
    ],
)
def test_phones_become_e164_in_the_events_country(typed: str, region: str, e164: str) -> None:
    phone = normalise_phone(typed, region=region)
    assert phone.normalised and phone.text == e164


def test_unreadable_phones_are_kept_as_typed() -> None:
    phone = normalise_phone("  call  me ", region="NL")
    assert not phone.normalised and phone.text == "call me"


def test_the_events_time_zone_gives_the_phone_region() -> None:
    assert region_for_timezone("Europe/Copenhagen") == "DK"
    assert region_for_timezone("Europe/Brussels") == "BE"
    assert region_for_timezone("Europe/Amsterdam") == "NL"
    assert region_for_timezone("Mars/Olympus") == "NL"
