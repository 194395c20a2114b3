"""The staff PIN that leaves kiosk mode, kept as a salted hash in the machine's settings.

A kiosk stands unattended in the entrance hall; the settings file on that laptop should not
tell a curious visitor the PIN that unlocks the organiser's window.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from eventdesk.domain.errors import ValidationError
from eventdesk.settings import KIOSK_PIN, Settings

MIN_DIGITS = 4
MAX_DIGITS = 12
_ROUNDS = 100_000


def _hash(pin: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, _ROUNDS).hex()


def has_kiosk_pin(*, settings: Settings) -> bool:
    return bool(settings.get(KIOSK_PIN))


def set_kiosk_pin(*, settings: Settings, pin: str) -> None:
    pin = pin.strip()
    if not (pin.isdigit() and pin.isascii() and MIN_DIGITS <= len(pin) <= MAX_DIGITS):
        raise ValidationError(f"The staff PIN must be {MIN_DIGITS} to {MAX_DIGITS} digits.")
    salt = secrets.token_bytes(16)
    settings.set(KIOSK_PIN, f"pbkdf2-sha256${_ROUNDS}${salt.hex()}${_hash(pin, salt)}")


def check_kiosk_pin(*, settings: Settings, pin: str) -> bool:
    """True when `pin` is the staff PIN (always False while none is set)."""
    stored = settings.get(KIOSK_PIN)
    try:
        scheme, rounds, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "pbkdf2-sha256" or int(rounds) != _ROUNDS:
        return False
    return hmac.compare_digest(_hash(pin.strip(), bytes.fromhex(salt)), digest)
