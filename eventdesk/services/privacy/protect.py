"""Protecting an event file at rest with a passphrase (GDPR Art. 32), in place.

The file is written encrypted beside itself (`.part`, 0600) and then moved over the
original in one rename, so a failure leaves the plain file as it was; its WAL is folded in
first so nothing committed is left behind in clear.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from eventdesk.domain.errors import EventFileError, ValidationError
from eventdesk.persistence.protected import encrypt_copy, looks_protected

MIN_PASSPHRASE = 8


def protect_event_file(*, path: str | os.PathLike[str], passphrase: str) -> Path:
    target = Path(path).expanduser()
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(f"Choose a passphrase of at least {MIN_PASSPHRASE} characters.")
    if not target.is_file():
        raise EventFileError(f"There is no event file at {target}.")
    if looks_protected(target):
        raise ValidationError(f"{target.name} is protected already.")
    conn = sqlite3.connect(target)
    try:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()
    if busy:
        raise EventFileError(f"{target.name} is open in another program; close it there first.")
    part = target.with_name(target.name + ".protecting.part")
    try:
        encrypt_copy(target, part, passphrase)
        _seal_key_with_passphrase(part, passphrase)
        part.replace(target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{target}{suffix}").unlink()
    return target


def _seal_key_with_passphrase(path: Path, passphrase: str) -> None:
    """The badge key of a protected file is sealed with its passphrase, not this machine's
    keyring: whoever may open the file may make badges, on any machine (GDPR Art. 32 and the
    issue's "the key encrypted with the passphrase when the file is protected")."""
    from eventdesk.persistence import protected
    from eventdesk.services.privacy.keys import KeyUnavailable, seal_with_passphrase, unseal

    conn = protected.connect(path, passphrase)
    try:
        row = conn.execute("SELECT id, signing_key, public_key FROM event").fetchone()
        if row is None or row[1] is None:
            return  # a kit or a replica: no key to seal
        try:
            seed = unseal(row[1], row[2])
        except KeyUnavailable:
            return  # sealed with another machine's keyring: leave it as it was
        conn.execute(
            "UPDATE event SET signing_key = ? WHERE id = ?",
            (seal_with_passphrase(seed, row[2], passphrase), row[0]),
        )
        conn.commit()
    finally:
        conn.close()
