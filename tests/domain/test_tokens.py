"""The badge token: what the door can tell from the code alone, and that it stays a small QR."""

from __future__ import annotations

import re

import pytest
import qrcode
from qrcode.constants import ERROR_CORRECT_M

from eventdesk.domain.signing import new_key_pair
from eventdesk.domain.tokens import TokenStatus, check_token, encode_token, parse_token
from eventdesk.scanning.keyboard_layouts import layout_names, readings, type_as

QR_ALPHANUMERIC = re.compile(r"[0-9A-Z $%*+\-./:]+")


@pytest.fixture(scope="module")
def keys():
    return new_key_pair()


def token_for(keys, serial=1234, version=1, code="7KQ2XM"):
    return encode_token(event_code=code, serial=serial, version=version, private_key=keys.private_raw)


def check(text, keys, code="7KQ2XM", **kwargs):
    return check_token(text, event_code=code, public_key=keys.public_raw, **kwargs)


def test_a_genuine_token_verifies_and_names_the_badge(keys):
    result = check(token_for(keys, serial=4711, version=3), keys)
    assert result.status is TokenStatus.VALID
    assert (result.token.serial, result.token.version, result.token.event_code) == (4711, 3, "7KQ2XM")


def test_the_token_is_written_in_qr_alphanumeric_mode_and_holds_no_personal_data(keys):
    token = token_for(keys)
    assert QR_ALPHANUMERIC.fullmatch(token)
    # Only the format, the event code, the serial, the version and the signature.
    prefix, code, serial, version, signature = token.split("-")
    assert (prefix, code, int(serial, 36), int(version, 36)) == ("ED1", "7KQ2XM", 1234, 1)
    assert len(signature) == 100


@pytest.mark.parametrize("serial, version", [(1, 1), (50_000, 1), (1_679_615, 35), (99_999_999, 1295)])
def test_the_whole_token_fits_qr_version_8_at_error_correction_m(keys, serial, version):
    token = token_for(keys, serial=serial, version=version)
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M)
    code.add_data(token)
    code.make(fit=True)
    assert code.version <= 8
    assert code.data_list[0].mode == qrcode.util.MODE_ALPHA_NUM
    if serial < 36**4 and version < 36:
        assert code.version == 5, "an ordinary event's badges are version-5 symbols (37 × 37 modules)"


def test_signing_is_deterministic_so_a_reprint_of_the_same_version_is_the_same_code(keys):
    assert token_for(keys) == token_for(keys)
    assert token_for(keys, version=2) != token_for(keys, version=1)


def test_case_and_surrounding_space_are_forgiven(keys):
    assert check(f"  {token_for(keys).lower()}\n", keys).status is TokenStatus.VALID


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "https://example.com/ticket/123",
        "'; DROP TABLE attendee; --",
        "X" * 10_000,
        "\x00\x1b[2J",
        "ED1-7KQ2XM-1-1-ABC",  # truncated signature
    ],
)
def test_anything_else_is_not_our_format(keys, text):
    assert check(text, keys).status is TokenStatus.UNKNOWN
    assert parse_token(text) is None


def test_a_truncated_token_is_not_our_format(keys):
    assert check(token_for(keys)[:-1], keys).status is TokenStatus.UNKNOWN


def test_a_signature_number_too_large_to_be_one_is_not_our_format(keys):
    header = token_for(keys).rsplit("-", 1)[0]
    assert check(f"{header}-{'Z' * 100}", keys).status is TokenStatus.UNKNOWN


def test_one_changed_character_is_a_forgery(keys):
    token = token_for(keys, serial=1234)
    altered_signature = token[:-5] + ("A" if token[-5] != "A" else "B") + token[-4:]
    assert check(altered_signature, keys).status is TokenStatus.FORGED
    altered_serial = token.replace("-YA-", "-YB-", 1)
    assert altered_serial != token
    assert check(altered_serial, keys).status is TokenStatus.FORGED


def test_a_token_signed_with_another_key_for_our_event_is_a_forgery(keys):
    intruder = new_key_pair()
    assert check(token_for(intruder), keys).status is TokenStatus.FORGED


def test_another_events_token_is_recognised_as_such(keys):
    other = new_key_pair()
    foreign = token_for(other, code="ABCDEF")
    assert check(foreign, keys).status is TokenStatus.OTHER_EVENT
    # Knowing that event's key, the door can also tell its genuine badges from fakes.
    assert (
        check(foreign, keys, other_event_keys={"ABCDEF": other.public_raw}).status is TokenStatus.OTHER_EVENT
    )
    fake = token_for(keys, code="ABCDEF")
    assert check(fake, keys, other_event_keys={"ABCDEF": other.public_raw}).status is TokenStatus.FORGED


def test_an_older_version_is_revoked_by_a_reprint(keys):
    old = check(token_for(keys, version=1), keys)
    assert old.against_version(2).status is TokenStatus.REVOKED
    assert check(token_for(keys, version=2), keys).against_version(2).status is TokenStatus.VALID
    # A door holding an older copy of the event still admits the newest badge.
    assert check(token_for(keys, version=3), keys).against_version(2).status is TokenStatus.VALID
    # Revocation never turns a forgery into anything better.
    forged = check(token_for(new_key_pair(), version=1), keys)
    assert forged.against_version(2).status is TokenStatus.FORGED


@pytest.mark.parametrize("layout", layout_names())
def test_a_token_garbled_by_a_keyboard_layout_is_recovered_by_the_signature(keys, layout):
    token = token_for(keys, serial=48_213, version=2)
    typed = type_as(token, layout)
    verified = [r for r in readings(typed) if check(r.text, keys).status is TokenStatus.VALID]
    assert verified, f"no reading of {typed[:30]}… verifies"
    assert all(parse_token(r.text).serial == 48_213 for r in verified)
