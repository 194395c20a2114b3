"""The event's Ed25519 key pair, made once when the event is created.

The private half stays in the organiser's document and signs badge tokens; the public half
travels to doors and exhibitor kits and verifies them offline.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

# QR alphanumeric mode has 0-9 and A-Z; leave out look-alikes people may have to read aloud.
EVENT_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
EVENT_CODE_LENGTH = 6


@dataclass(frozen=True)
class KeyPair:
    private_raw: bytes
    public_raw: bytes


def new_key_pair() -> KeyPair:
    from cryptography.hazmat.primitives import serialization

    key = Ed25519PrivateKey.generate()
    private_raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    public_raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return KeyPair(private_raw, public_raw)


def new_event_code() -> str:
    return "".join(secrets.choice(EVENT_CODE_ALPHABET) for _ in range(EVENT_CODE_LENGTH))
