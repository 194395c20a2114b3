"""The badge signing key at rest: sealed, never the raw Ed25519 seed in the file.

Whoever holds the seed can make valid badges, and event files travel (mailed, copied to
USB sticks, `.before-upgrade` backups, shared PostgreSQL events). So the seed is sealed
with AES-GCM under a key-encryption key that is *not* in the file:

* `K` — a random key kept in the OS keyring (`keyring`: Keychain, Windows Credential
  Locker, Secret Service) on the organiser's machine: a copied file alone cannot sign;
* `P` — a key derived (scrypt) from the event's passphrase, for protected files.

Where no real keyring exists (a headless Linux desk) the key goes into a file in the
user's eventdesk config folder, readable by its owner only (keyrings.alt's plaintext
backend, 0600) — the same protection as an SSH key. Files from before this sealing hold
the raw 32-byte seed; they are sealed the first time their key is used.
"""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from sqlalchemy import select
from sqlmodel import Session

from eventdesk.domain.errors import EventdeskError
from eventdesk.i18n import _
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Event

MAGIC = b"EDK1"
SEED_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
KEYRING_SERVICE = "eventdesk badge keys"


class KeyState(StrEnum):
    READY = "ready"
    ELSEWHERE = "elsewhere"  # sealed with a keyring entry this machine does not have
    NEEDS_PASSPHRASE = "needs passphrase"
    NONE = "none"  # a kit or a copy without the key


class KeyUnavailable(EventdeskError):
    """The key exists but cannot be unsealed here."""


def _config_folder() -> Path:
    from eventdesk.settings import config_dir

    return config_dir()


def _keyring():  # type: ignore[no-untyped-def]
    """The OS keyring, or a 0600 file in the config folder when there is no real one."""
    import keyring
    from keyring.backends import fail

    chosen = keyring.get_keyring()
    name = type(chosen).__module__
    if isinstance(chosen, fail.Keyring) or name.startswith(("keyrings.alt", "keyring.backends.null")):
        from keyrings.alt.file import PlaintextKeyring

        folder = _config_folder()
        folder.mkdir(parents=True, exist_ok=True)
        backend = PlaintextKeyring()
        path = folder / "badge-keys.cfg"
        backend.file_path = str(path)  # type: ignore[misc]
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
            os.close(fd)
        if os.name == "posix":
            path.chmod(0o600)
        return backend
    return chosen


def _entry_name(public_key: bytes) -> str:
    """One entry per key pair, so a replaced key gets its own entry."""
    return base64.b32encode(public_key[:15]).decode("ascii").rstrip("=")


def _derive(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))


def seal_with_keyring(seed: bytes, public_key: bytes) -> bytes:
    kek = AESGCM.generate_key(bit_length=256)
    _keyring().set_password(KEYRING_SERVICE, _entry_name(public_key), base64.b64encode(kek).decode("ascii"))
    nonce = secrets.token_bytes(NONCE_BYTES)
    return MAGIC + b"K" + nonce + AESGCM(kek).encrypt(nonce, seed, public_key)


def seal_with_passphrase(seed: bytes, public_key: bytes, passphrase: str) -> bytes:
    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    return MAGIC + b"P" + salt + nonce + AESGCM(_derive(passphrase, salt)).encrypt(nonce, seed, public_key)


def is_sealed(stored: bytes | None) -> bool:
    return stored is not None and stored.startswith(MAGIC)


def key_state(stored: bytes | None, public_key: bytes) -> KeyState:
    if stored is None:
        return KeyState.NONE
    if not is_sealed(stored):
        return KeyState.READY
    if stored[4:5] == b"P":
        return KeyState.NEEDS_PASSPHRASE
    found = _keyring().get_password(KEYRING_SERVICE, _entry_name(public_key))
    return KeyState.READY if found else KeyState.ELSEWHERE


def badge_key_state(*, doc: EventDocument) -> KeyState:
    """Whether this machine can make the event's badges (the Badges screen, Replace the key).

    Not part of `event_summary`: asking the OS keyring loads its backends and, on Linux,
    probes the system's libraries in child processes (about 0.1 s), which opening an event
    on its dashboard does not need.
    """
    with doc.session() as session:
        stored, public_key = session.execute(select(Event.signing_key, Event.public_key)).one()
    return key_state(stored, public_key)


def unseal(stored: bytes, public_key: bytes, *, passphrase: str | None = None) -> bytes:
    """The raw seed, or KeyUnavailable with one sentence saying what is needed."""
    if not is_sealed(stored):
        return stored
    mode, body = stored[4:5], stored[5:]
    try:
        if mode == b"K":
            found = _keyring().get_password(KEYRING_SERVICE, _entry_name(public_key))
            if not found:
                raise KeyUnavailable(
                    _(
                        "Badges can only be made on the organiser's machine: this computer does not "
                        "hold the event's badge key."
                    )
                )
            nonce, sealed = body[:NONCE_BYTES], body[NONCE_BYTES:]
            return AESGCM(base64.b64decode(found)).decrypt(nonce, sealed, public_key)
        if mode == b"P":
            if passphrase is None:
                raise KeyUnavailable(_("Making badges needs the event's passphrase."))
            salt, nonce, sealed = body[:SALT_BYTES], body[SALT_BYTES : SALT_BYTES + NONCE_BYTES], body[28:]
            return AESGCM(_derive(passphrase, salt)).decrypt(nonce, sealed, public_key)
    except KeyUnavailable:
        raise
    except Exception as exc:  # InvalidTag, bad base64: a damaged or foreign entry
        raise KeyUnavailable(_("The badge key of this event cannot be unlocked on this computer.")) from exc
    raise KeyUnavailable(_("The badge key of this event is stored in a form this eventdesk does not know."))


@dataclass(frozen=True)
class SigningKey:
    seed: bytes
    public_key: bytes


def signing_seed(session: Session, *, passphrase: str | None = None) -> bytes | None:
    """The event's seed for signing badges (None in a kit), sealing a legacy clear key first."""
    event = session.execute(select(Event)).scalar_one()
    stored = event.signing_key
    if stored is None:
        return None
    if not is_sealed(stored):
        event.signing_key = seal_with_keyring(stored, event.public_key)
        session.add(event)
        session.flush()
        return stored
    if passphrase is None:
        passphrase = getattr(session.get_bind(), "eventdesk_passphrase", None)
    return unseal(stored, event.public_key, passphrase=passphrase)
