"""The signed code printed in a badge's QR: which event, which badge, and proof of both.

A token reads `ED1-<event code>-<serial>-<version>-<signature>`:

* `ED1` marks the format (and its first version), so a door can tell our codes from any
  other barcode a visitor shows;
* the event code is `Event.code`; the serial is the attendee's id and the version their
  `badge_version`, both in base 36. No name, e-mail or other personal data is in the code:
  a lost badge gives a finder nothing but a number.
* the signature is Ed25519 over the text before it (with a domain prefix, so a signature
  made by the event key for anything else can never pass as a badge), written as one
  100-digit base-36 number.

Every character is in QR alphanumeric mode (5.5 bits a character, against 8 in byte mode),
and only digits, capitals and `-` are used: the other characters of that mode (space,
`$ % * + . / :`) are the ones a barcode scanner in keyboard mode garbles or turns into dead
keys on AZERTY, QWERTZ and Nordic layouts, which the desk has to undo. Base 36 costs four
characters more than base 45 would for the signature and keeps that repair a pure
letter-and-digit mapping. A whole token is about 118 characters: QR version 5 at error
correction M.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PREFIX = "ED1"
SEPARATOR = "-"
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
SIGNATURE_BYTES = 64
SIGNATURE_CHARS = 100  # 36**100 > 2**512 > 36**99
_DOMAIN = b"eventdesk badge token\n"
_TOKEN = re.compile(
    rf"{PREFIX}-(?P<event>[0-9A-Z]{{6}})-(?P<serial>[0-9A-Z]{{1,10}})-(?P<version>[0-9A-Z]{{1,6}})"
    rf"-(?P<signature>[0-9A-Z]{{{SIGNATURE_CHARS}}})"
)


class TokenStatus(StrEnum):
    """What a scanned text is, as far as the code itself (and the badge's version) can tell."""

    UNKNOWN = "unknown"  # not a badge token at all
    FORGED = "forged"  # our format and our event, but the signature does not verify
    OTHER_EVENT = "other_event"  # a token of another event
    REVOKED = "revoked"  # genuine, but a reprint with a higher version replaced it
    VALID = "valid"


@dataclass(frozen=True)
class BadgeToken:
    """The parts of a token as written; `signed_text` is exactly what the signature covers."""

    event_code: str
    serial: int
    version: int
    signature: bytes
    signed_text: str


@dataclass(frozen=True)
class TokenCheck:
    """The outcome of checking one scanned text; `token` is set whenever it was our format."""

    status: TokenStatus
    token: BadgeToken | None = None

    @property
    def serial(self) -> int | None:
        return self.token.serial if self.token else None

    def against_version(self, current_version: int) -> TokenCheck:
        """Apply the attendee's current badge version: an older badge was replaced by a reprint.

        A *newer* genuine version is still valid: only the organiser's key can sign one, and a
        door working from an older copy of the event must not turn away the newest badge.
        """
        if self.status is TokenStatus.VALID and self.token and self.token.version < current_version:
            return TokenCheck(TokenStatus.REVOKED, self.token)
        return self


def to_base36(number: int) -> str:
    if number < 0:
        raise ValueError("base-36 numbers here are never negative")
    digits = []
    while True:
        number, rest = divmod(number, 36)
        digits.append(DIGITS[rest])
        if number == 0:
            return "".join(reversed(digits))


def _header(event_code: str, serial: int, version: int) -> str:
    return SEPARATOR.join((PREFIX, event_code, to_base36(serial), to_base36(version)))


def encode_token(*, event_code: str, serial: int, version: int, private_key: bytes) -> str:
    """The token for badge `serial` (the attendee id) in its `version`; deterministic (Ed25519)."""
    if not re.fullmatch(r"[0-9A-Z]{6}", event_code):
        raise ValueError(f"event code {event_code!r} is not six capitals or digits")
    if serial < 1 or version < 1:
        raise ValueError("badge serials and versions start at 1")
    return sign_header(
        _header(event_code, serial, version), Ed25519PrivateKey.from_private_bytes(private_key)
    )


def sign_header(header: str, key: Ed25519PrivateKey) -> str:
    """Sign an already built header; batch code keeps one loaded key for thousands of badges."""
    signature = key.sign(_DOMAIN + header.encode("ascii"))
    return f"{header}{SEPARATOR}{to_base36(int.from_bytes(signature, 'big')).rjust(SIGNATURE_CHARS, '0')}"


def token_header(*, event_code: str, serial: int, version: int) -> str:
    return _header(event_code, serial, version)


def parse_token(text: str) -> BadgeToken | None:
    """The parts of a token, or None when the text is not in our format at all.

    Surrounding white space and lower case (a scanner with Caps Lock, a person typing) are
    forgiven; anything else, including a signature number too large to be one, is not ours.
    """
    match = _TOKEN.fullmatch(text.strip().upper())
    if match is None:
        return None
    number = int(match["signature"], 36)
    if number >= 1 << (8 * SIGNATURE_BYTES):
        return None
    signed_text = match.group(0)[: match.start("signature") - 1]
    return BadgeToken(
        event_code=match["event"],
        serial=int(match["serial"], 36),
        version=int(match["version"], 36),
        signature=number.to_bytes(SIGNATURE_BYTES, "big"),
        signed_text=signed_text,
    )


@lru_cache(maxsize=16)
def _public_key(raw: bytes) -> Ed25519PublicKey:
    """A door checks thousands of badges against the same key: parse it once."""
    return Ed25519PublicKey.from_public_bytes(raw)


def _verifies(token: BadgeToken, public_key: bytes) -> bool:
    try:
        _public_key(public_key).verify(token.signature, _DOMAIN + token.signed_text.encode("ascii"))
    except (InvalidSignature, ValueError):
        return False
    return True


def check_token(
    text: str,
    *,
    event_code: str,
    public_key: bytes,
    other_event_keys: Mapping[str, bytes] | None = None,
) -> TokenCheck:
    """Tell unknown codes, forgeries, other events' badges and genuine badges apart.

    A token naming another event is `OTHER_EVENT`. When that event's public key is known
    (`other_event_keys`, by event code) its signature is checked too, and a bad one is
    `FORGED`; without the key the door cannot know more than "another event's badge".
    """
    token = parse_token(text)
    if token is None:
        return TokenCheck(TokenStatus.UNKNOWN)
    if token.event_code != event_code:
        other_key = (other_event_keys or {}).get(token.event_code)
        if other_key is not None and not _verifies(token, other_key):
            return TokenCheck(TokenStatus.FORGED, token)
        return TokenCheck(TokenStatus.OTHER_EVENT, token)
    if token.serial < 1 or token.version < 1 or not _verifies(token, public_key):
        return TokenCheck(TokenStatus.FORGED, token)
    return TokenCheck(TokenStatus.VALID, token)
