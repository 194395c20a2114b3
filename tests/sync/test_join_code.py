"""The join code survives the ways people move it (QR, paste, retyping) and refuses bad ones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import qrcode
import zxingcpp
from qrcode.util import MODE_ALPHA_NUM, QRData

from eventdesk.sync.join_code import (
    DEFAULT_DATABASE,
    DEFAULT_USER,
    JoinCode,
    JoinCodeError,
    certificate_fingerprint,
    event_key_id,
    format_fingerprint,
)

NOW = datetime(2027, 3, 12, 8, 0, tzinfo=UTC)


def make_code(**overrides: object) -> JoinCode:
    values: dict[str, object] = {
        "host": "192.168.178.23",
        "port": 54321,
        "database": DEFAULT_DATABASE,
        "user": DEFAULT_USER,
        "password": "kP3v9_QxN2mYb7Lw",  # secrets.token_urlsafe(12), as the managed hub makes
        "event_code": "LSCD27",
        "event_key_id": event_key_id(b"k" * 32),
        "fingerprint": certificate_fingerprint(b"a certificate in DER form"),
        "expires_at": NOW + timedelta(days=2),
    }
    values.update(overrides)
    return JoinCode(**values)  # type: ignore[arg-type]


def test_round_trip_keeps_every_field():
    code = make_code(may_print_badges=True)
    assert JoinCode.decode(code.encode(), now=NOW) == code


def test_round_trip_without_fingerprint_or_expiry_and_with_unicode_host():
    code = make_code(fingerprint=None, expires_at=None, host="büro-laptop.local")
    assert JoinCode.decode(code.encode(), now=NOW) == code


def test_round_trip_of_an_existing_server_with_its_own_database_and_login():
    code = make_code(
        host="db.example.org", port=5432, database="fair_2027", user="door", password="s3cr3t pw"
    )
    assert JoinCode.decode(code.encode(), now=NOW) == code
    assert JoinCode.decode(code.qr_text(), now=NOW) == code


def test_text_is_grouped_capitals_and_digits_only():
    text = make_code().encode()
    assert text.startswith("EDJ1-")
    assert set(text) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567-1")
    assert all(len(group) <= 4 for group in text.split("-"))


def test_reading_forgives_case_spaces_and_lookalikes():
    code = make_code()
    text = code.encode()
    retyped = "  " + text.lower().replace("-", " ").replace("o", "0").replace("i", "1") + "\n"
    assert JoinCode.decode(retyped, now=NOW) == code


def test_fits_a_small_qr_code_in_alphanumeric_mode_and_decodes_from_the_image():
    text = make_code().qr_text()
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    qr.add_data(QRData(text, mode=MODE_ALPHA_NUM))
    qr.make(fit=True)
    assert qr.version <= 8, f"{len(text)} characters need QR version {qr.version}"
    image = qr.make_image().get_image().convert("L")
    (result,) = zxingcpp.read_barcodes(image)
    assert JoinCode.decode(result.text, now=NOW) == make_code()


@pytest.mark.parametrize("position", [5, 30, 77, -3])
def test_one_changed_character_is_caught(position):
    text = make_code().encode()
    index = position % len(text)
    if text[index] == "-":
        index += 1
    replacement = "A" if text[index] != "A" else "B"
    damaged = text[:index] + replacement + text[index + 1 :]
    with pytest.raises(JoinCodeError, match="damaged"):
        JoinCode.decode(damaged, now=NOW)


def test_a_code_cut_short_or_with_a_dropped_character_is_caught():
    text = make_code().encode()
    with pytest.raises(JoinCodeError, match="damaged"):
        JoinCode.decode(text[:-6], now=NOW)
    with pytest.raises(JoinCodeError, match="damaged"):
        JoinCode.decode(text[:20] + text[21:], now=NOW)


def test_two_swapped_characters_are_caught():
    text = make_code().encode()
    index = next(i for i in range(10, len(text) - 1) if "-" not in text[i : i + 2] and text[i] != text[i + 1])
    swapped = text[:index] + text[index + 1] + text[index] + text[index + 2 :]
    with pytest.raises(JoinCodeError, match="damaged"):
        JoinCode.decode(swapped, now=NOW)


def test_a_character_no_code_contains_is_named():
    text = make_code().encode()
    with pytest.raises(JoinCodeError, match=r"'9' at letter"):
        JoinCode.decode(text[:12] + "9" + text[13:], now=NOW)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("https://example.org/wifi", "not an eventdesk join code"),
        ("ED1-LSCD27-2S-1-" + "7" * 100, "badge"),
        ("EDJ2-AAAA-BBBB", "newer eventdesk"),
    ],
)
def test_foreign_text_gets_one_sentence(text, message):
    with pytest.raises(JoinCodeError, match=message) as raised:
        JoinCode.decode(text, now=NOW)
    assert str(raised.value).count(". ") == 0 and str(raised.value).endswith(".")


def test_expired_code_says_when():
    code = make_code(expires_at=datetime(2027, 3, 11, 18, 0, tzinfo=UTC))
    with pytest.raises(JoinCodeError, match="expired on 2027-03-11 18:00 UTC"):
        JoinCode.decode(code.encode(), now=NOW)


def test_check_event_refuses_a_hub_of_another_event():
    code = make_code()
    code.check_event(event_code="LSCD27", public_key=b"k" * 32)
    with pytest.raises(JoinCodeError, match="runs event OTHER1, not the event LSCD27"):
        code.check_event(event_code="OTHER1", public_key=b"x" * 32)


def test_password_is_not_in_repr_and_fingerprint_formats_like_openssl():
    code = make_code()
    assert code.password not in repr(code)
    assert format_fingerprint(bytes(range(32))).startswith("00:01:02:03")
