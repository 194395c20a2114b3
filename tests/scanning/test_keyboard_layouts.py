from __future__ import annotations

import pytest

from eventdesk.scanning.keyboard_layouts import (
    US_LAYOUT,
    clean_scan,
    layout_names,
    readings,
    type_as,
)

TOKEN_LIKE = "ED1:K7QX2M:1234:2:AZQWMY09/.-"


@pytest.mark.parametrize("layout", layout_names())
def test_a_garbled_scan_has_the_original_among_its_readings(layout: str) -> None:
    garbled = type_as(TOKEN_LIKE, layout)
    assert TOKEN_LIKE in [r.text for r in readings(garbled)]


def test_belgian_azerty_garbles_digits_and_swaps_letters_as_a_desk_would_see_it() -> None:
    assert type_as("A1Z2M", "AZERTY (Belgium)") == "Q&W\u00e9?"
    assert type_as("QWERTY", "QWERTZ (Germany)") == "QWERTZ"


def test_lowercase_codes_from_platforms_are_repaired_too() -> None:
    pretix_secret = "qa7mzw3kd9"
    garbled = type_as(pretix_secret, "AZERTY (France)")
    assert garbled != pretix_secret
    assert pretix_secret in [r.text for r in readings(garbled)]


def test_the_scan_as_typed_comes_first_and_readings_are_unique() -> None:
    found = readings("ABC123")
    assert found[0].layout == US_LAYOUT and found[0].text == "ABC123"
    assert len({r.text for r in found}) == len(found)


@pytest.mark.parametrize(
    ("scanned", "expected"),
    [
        ("]Q1ED1:ABC\r\n", "ED1:ABC"),
        ("\x02ED1:ABC\x03", "ED1:ABC"),
        ("  ED1:ABC\t", "ED1:ABC"),
        ("\x00\x1b", ""),
    ],
)
def test_scanner_framing_is_removed(scanned: str, expected: str) -> None:
    assert clean_scan(scanned) == expected


def test_an_empty_scan_has_no_readings() -> None:
    assert readings(" \r\n") == []
