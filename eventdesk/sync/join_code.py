"""The join code: everything a desk needs to find, trust and log in to an event's hub.

The host shows it as a QR code and as text; a desk scans it (scanner or webcam) or pastes it.
It carries the hub's address, the database and login, the SHA-256 fingerprint of the hub's TLS
certificate (so the desk *verifies* it talks to this hub: venue Wi-Fi is a public network), and
the event's identity (its code and a short hash of its public key), so a desk can say "this hub
runs another event" before it copies anything.

A code reads `EDJ1-XXXX-XXXX-…`:

* `EDJ1` marks the format and its version, and differs from a badge token's `ED1-`, so a desk
  that scans a badge where it expected a join code can say so;
* the rest is RFC 4648 base 32 of a compact binary record ending in a CRC-32, in groups of
  four. Only capitals, the digits 2-7 and `-` appear: every character is in QR alphanumeric
  mode (a managed hub's code is about 136 characters without the dashes, which `qr_text()`
  leaves out: QR version 8 at error correction M, which a desk scanner or webcam reads at
  arm's length), and they are the
  characters a barcode scanner in keyboard mode types correctly on any layout once the
  desk's layout repair has run. The groups and the case do not matter when reading, and the
  look-alikes 0/1/8 are read as O/I/B, so a code read aloud or retyped survives.
* the CRC-32 catches a typo, a dropped or swapped character, or a code cut short in the
  clipboard (a damaged code is refused with a sentence, never half-read as a wrong address).

The expiry is there because a hub is started per event day: a code photographed yesterday
should say "expired" rather than fail later with a confusing login error.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import re
import struct
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from eventdesk.domain.errors import EventdeskError
from eventdesk.i18n import _

PREFIX = "EDJ1"
FORMAT_VERSION = 1
FINGERPRINT_BYTES = 32  # SHA-256 of the certificate's DER encoding
EVENT_KEY_ID_BYTES = 8
GROUP = 4
_FLAG_FINGERPRINT = 0x01
_FLAG_EXPIRES = 0x02
_FLAG_PRINTING = 0x04
_FLAG_IPV4 = 0x08  # the host is an IPv4 address, written as its 4 bytes
# The managed hub always uses these; a code for it writes them as empty strings (one byte each),
# which keeps its QR code at version 8.
DEFAULT_DATABASE = "eventdesk"
DEFAULT_USER = "eventdesk_desk"
_CRC_BYTES = 4
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})
_SEPARATORS = re.compile(r"[\s\-_.]+")
_BASE32 = re.compile(r"[A-Z2-7]*")


class JoinCodeError(EventdeskError):
    """A join code that cannot be used: empty, foreign, damaged, expired or for another event."""


def certificate_fingerprint(der: bytes) -> bytes:
    """The SHA-256 of a certificate in DER form: what a join code pins."""
    return hashlib.sha256(der).digest()


def event_key_id(public_key: bytes) -> bytes:
    """A short, stable identity of an event: two events never share a key pair, even with one code."""
    return hashlib.sha256(b"eventdesk event key\n" + public_key).digest()[:EVENT_KEY_ID_BYTES]


def format_fingerprint(fingerprint: bytes) -> str:
    """The colon-separated hex a person compares with `openssl x509 -fingerprint -sha256`."""
    return ":".join(f"{b:02X}" for b in fingerprint)


@dataclass(frozen=True)
class JoinCode:
    """One hub's address and credentials for one event; `encode()` gives the text to share."""

    host: str
    port: int
    database: str
    user: str
    password: str = field(repr=False)
    event_code: str
    event_key_id: bytes
    fingerprint: bytes | None = None  # None: a server whose certificate eventdesk did not make
    expires_at: datetime | None = None
    may_print_badges: bool = False  # the organiser lets joining desks hold the signing key

    def __post_init__(self) -> None:
        for name in ("host", "database", "user", "password", "event_code"):
            value = getattr(self, name)
            if not value or len(value.encode()) > 255:
                raise ValueError(f"join code {name} must be 1-255 bytes of UTF-8, got {value!r}")
        if not 0 < self.port < 65536:
            raise ValueError(f"join code port out of range: {self.port}")
        if len(self.event_key_id) != EVENT_KEY_ID_BYTES:
            raise ValueError("join code event key id must be 8 bytes (see event_key_id())")
        if self.fingerprint is not None and len(self.fingerprint) != FINGERPRINT_BYTES:
            raise ValueError("join code fingerprint must be a 32-byte SHA-256 digest")
        if self.expires_at is not None and self.expires_at.tzinfo is None:
            raise ValueError("join code expiry must be an aware datetime")

    # --- writing ----------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        flags = 0
        tail = b""
        if self.fingerprint is not None:
            flags |= _FLAG_FINGERPRINT
            tail += self.fingerprint
        if self.expires_at is not None:
            flags |= _FLAG_EXPIRES
            tail += struct.pack(">I", int(self.expires_at.timestamp()))
        if self.may_print_badges:
            flags |= _FLAG_PRINTING
        head = b""
        texts = [
            self.host,
            "" if self.database == DEFAULT_DATABASE else self.database,
            "" if self.user == DEFAULT_USER else self.user,
            self.password,
            self.event_code,
        ]
        address = _ipv4(self.host)
        if address is not None:
            flags |= _FLAG_IPV4
            head = address.packed
            texts.pop(0)
        body = bytes([FORMAT_VERSION, flags]) + struct.pack(">H", self.port) + head
        for text in texts:
            raw = text.encode()
            body += bytes([len(raw)]) + raw
        body += self.event_key_id + tail
        return body + struct.pack(">I", zlib.crc32(body))

    def encode(self) -> str:
        """The text a person reads and pastes: `EDJ1-` and groups of four."""
        letters = self.qr_text()[len(PREFIX) :]
        groups = [letters[i : i + GROUP] for i in range(0, len(letters), GROUP)]
        return "-".join([PREFIX, *groups])

    def qr_text(self) -> str:
        """The same code without the group dashes, which would cost a QR code a version."""
        return PREFIX + base64.b32encode(self.to_bytes()).decode("ascii").rstrip("=")

    # --- reading ----------------------------------------------------------------------------

    @classmethod
    def decode(cls, text: str, *, now: datetime | None = None) -> JoinCode:
        """Read a pasted or scanned code; one sentence in a `JoinCodeError` when it is unusable.

        `now` (default: the current time) is what the expiry is checked against.
        """
        compact = _SEPARATORS.sub("", text or "").upper()
        if not compact:
            raise JoinCodeError(
                _("The join code is empty; scan the QR code the host shows, or paste its text.")
            )
        if compact.startswith("ED1") and not compact.startswith(PREFIX):
            raise JoinCodeError(
                _("This is a badge's code, not a join code; scan the QR code the host shows.")
            )
        if not compact.startswith("EDJ"):
            raise JoinCodeError(
                _(
                    "This is not an eventdesk join code (one begins with EDJ1-); "
                    "copy the code the host shows under its QR code."
                )
            )
        version_digit = compact[3:4]
        if version_digit.isdigit() and version_digit != str(FORMAT_VERSION):
            raise JoinCodeError(
                _(
                    "This join code is in format {version}, made by a newer eventdesk; "
                    "update eventdesk on this desk.",
                    version=version_digit,
                )
            )
        letters = compact[len(PREFIX) :].translate(_LOOKALIKES)
        bad = next((c for c in letters if not _BASE32.fullmatch(c)), None)
        if bad is not None:
            position = letters.index(bad) + 1
            raise JoinCodeError(
                _(
                    "The join code has '{letter}' at letter {position} after EDJ1, which no join code "
                    "contains; check it for a typo.",
                    letter=bad,
                    position=position,
                )
            )
        try:
            raw = base64.b32decode(letters + "=" * (-len(letters) % 8))
        except ValueError:
            raw = b""
        code = cls.from_bytes(raw)
        if code.expires_at is not None and (now or datetime.now(UTC)) >= code.expires_at:
            stamp = code.expires_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
            raise JoinCodeError(
                _("This join code expired on {stamp}; ask the host for the current code.", stamp=stamp)
            )
        return code

    @classmethod
    def from_bytes(cls, raw: bytes) -> JoinCode:
        damaged = JoinCodeError(
            _(
                "The join code is damaged (a character is wrong, missing or extra); "
                "copy it again from the host's screen or scan its QR code."
            )
        )
        if len(raw) < 2 + _CRC_BYTES:
            raise damaged
        body, (crc,) = raw[:-_CRC_BYTES], struct.unpack(">I", raw[-_CRC_BYTES:])
        if zlib.crc32(body) != crc:
            raise damaged
        if body[0] != FORMAT_VERSION:
            raise JoinCodeError(
                _(
                    "This join code is in format {version}, made by a newer eventdesk; "
                    "update eventdesk on this desk.",
                    version=body[0],
                )
            )
        flags = body[1]
        try:
            (port,) = struct.unpack_from(">H", body, 2)
            pos = 4
            texts = []
            if flags & _FLAG_IPV4:
                if len(body) < pos + 4:
                    raise damaged
                texts.append(str(ipaddress.IPv4Address(body[pos : pos + 4])))
                pos += 4
            while len(texts) < 5:
                length = body[pos]
                texts.append(body[pos + 1 : pos + 1 + length].decode())
                pos += 1 + length
            key_id = body[pos : pos + EVENT_KEY_ID_BYTES]
            pos += EVENT_KEY_ID_BYTES
            fingerprint = None
            if flags & _FLAG_FINGERPRINT:
                fingerprint = body[pos : pos + FINGERPRINT_BYTES]
                pos += FINGERPRINT_BYTES
            expires_at = None
            if flags & _FLAG_EXPIRES:
                (stamp,) = struct.unpack_from(">I", body, pos)
                expires_at = datetime.fromtimestamp(stamp, UTC)
                pos += 4
            if pos != len(body):
                raise damaged
            host, database, user, password, event_code = texts
            return cls(
                host=host,
                port=port,
                database=database or DEFAULT_DATABASE,
                user=user or DEFAULT_USER,
                password=password,
                event_code=event_code,
                event_key_id=key_id,
                fingerprint=fingerprint,
                expires_at=expires_at,
                may_print_badges=bool(flags & _FLAG_PRINTING),
            )
        except (IndexError, struct.error, UnicodeDecodeError, ValueError):
            # A record whose CRC matched but whose fields do not parse was made by a buggy
            # writer; to the person it is the same as a damaged code.
            raise damaged from None

    # --- checking against the hub -------------------------------------------------------------

    def check_event(self, *, event_code: str, public_key: bytes) -> None:
        """Refuse a hub that runs another event than the one this code was made for."""
        if event_key_id(public_key) != self.event_key_id:
            raise JoinCodeError(
                f"The hub at {self.host}:{self.port} runs event {event_code}, not the event "
                f"{self.event_code} this join code is for; ask the host for the current code."
            )


def _ipv4(host: str) -> ipaddress.IPv4Address | None:
    try:
        return ipaddress.IPv4Address(host)
    except ValueError:
        return None
