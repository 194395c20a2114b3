"""Protecting an event file at rest with a passphrase (GDPR Art. 32), in place; changing the
passphrase and removing the protection again.

Each of the three writes the whole file anew beside itself (`EVENT.eventdesk.part`, 0600),
flushed to disk, and then moves it over the original in one rename: a failure, or a kill -9
at any moment, leaves the file as it was (openable with the old passphrase, or plain) or as
it is meant to be (the new one), never half of each; the next run removes the leftover part.
The WAL is folded in first so nothing committed is left behind, and a file another program
has open is refused. The badge key is re-sealed in the new file: with the new passphrase, or
with this machine's keyring when the protection is removed.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventdesk.domain.errors import EventFileError, ValidationError
from eventdesk.i18n import _
from eventdesk.persistence import protected
from eventdesk.persistence.leftovers import remove_part
from eventdesk.persistence.protected import decrypt_copy, encrypt_copy, looks_protected

MIN_PASSPHRASE = 8


def protect_event_file(*, path: str | os.PathLike[str], passphrase: str) -> Path:
    target = _event_file(path)
    _check_new(passphrase)
    if looks_protected(target):
        raise ValidationError(_("{name} is protected already.", name=target.name))
    _fold_in_wal(target, sqlite3.connect(target))

    def write(part: Path) -> None:
        encrypt_copy(target, part, passphrase)
        _reseal_key(part, passphrase, old_passphrase=None)

    _rewrite(target, write)
    _protect_backup(target, passphrase)
    return target


def _protect_backup(target: Path, passphrase: str) -> None:
    """The copy kept from before the last upgrade (`EVENT.eventdesk.before-upgrade`) holds the
    same people in clear, and the badge key of then: it is encrypted with the same passphrase
    (still openable to recover from a failed upgrade), or the file's protection would be void."""
    backup = target.with_name(target.name + ".before-upgrade")
    if not backup.is_file() or looks_protected(backup):
        return
    _fold_in_wal(backup, sqlite3.connect(backup))

    def write(part: Path) -> None:
        encrypt_copy(backup, part, passphrase)
        _reseal_key(part, passphrase, old_passphrase=None)

    _rewrite(backup, write)


def change_passphrase(*, path: str | os.PathLike[str], old: str, new: str) -> Path:
    """The same protected file, encrypted with `new` instead of `old`."""
    target = _protected_file(path, old)
    _check_new(new)
    if new == old:
        raise ValidationError(_("The new passphrase is the current one; nothing was changed."))

    def write(part: Path) -> None:
        encrypt_copy(target, part, new, source_passphrase=old)
        _reseal_key(part, new, old_passphrase=old)

    return _rewrite(target, write)


def unprotect_event_file(*, path: str | os.PathLike[str], passphrase: str) -> Path:
    """The file in clear again (anyone holding it can read it); its badge key sealed with
    this machine's keyring, so a copy of the file alone still cannot make badges."""
    target = _protected_file(path, passphrase)

    def write(part: Path) -> None:
        decrypt_copy(target, part, passphrase)
        _seal_key_with_keyring(part, passphrase)

    return _rewrite(target, write)


def _event_file(path: str | os.PathLike[str]) -> Path:
    target = Path(path).expanduser()
    if not target.is_file():
        raise EventFileError(_("There is no event file at {path}.", path=target))
    return target


def _check_new(passphrase: str) -> None:
    # Ten spaces passed the length rule: a key held down or an environment variable gone
    # wrong would lock the file with a passphrase nobody knows they chose.
    if passphrase and not passphrase.strip():
        raise ValidationError(
            _(
                "A passphrase of only spaces protects nothing; choose one of at least {n} characters.",
                n=MIN_PASSPHRASE,
            )
        )
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(_("Choose a passphrase of at least {n} characters.", n=MIN_PASSPHRASE))


def _protected_file(path: str | os.PathLike[str], passphrase: str) -> Path:
    """The protected file, its passphrase checked (one sentence if wrong) and its WAL folded in."""
    target = _event_file(path)
    if not looks_protected(target):
        raise ValidationError(_("{name} is not protected with a passphrase.", name=target.name))
    protected.check_passphrase(target, passphrase, check_pages=False)
    _fold_in_wal(target, protected.connect(target, passphrase))
    return target


def _fold_in_wal(target: Path, conn: Any) -> None:
    """Everything committed into the file itself; refused while another connection has it open
    (leaving WAL mode needs the file to itself), as a write by it could be lost."""
    try:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        conn.execute("PRAGMA journal_mode=DELETE")
    except Exception as exc:  # sqlite3's or sqlcipher3's OperationalError: "database is locked"
        if "locked" not in str(exc):
            raise
        busy = True
    finally:
        conn.close()
    if busy:
        raise EventFileError(_("{name} is open in another program; close it there first.", name=target.name))


def _rewrite(target: Path, write: Callable[[Path], None]) -> Path:
    part = target.with_name(target.name + ".part")
    remove_part(part)  # a killed earlier run's
    try:
        write(part)
        _flush(part)
        part.replace(target)
        _flush_folder(target.parent)
    finally:
        remove_part(part)
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{target}{suffix}").unlink()
    return target


def _flush(path: Path) -> None:
    """On disk before the rename: a power cut after it must not find a renamed empty file."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _flush_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # NTFS journals the rename itself; a folder cannot be opened for fsync there
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _reseal_key(path: Path, passphrase: str, *, old_passphrase: str | None) -> None:
    """The badge key of a protected file is sealed with its passphrase, not this machine's
    keyring: whoever may open the file may make badges, on any machine (GDPR Art. 32 and the
    issue's "the key encrypted with the passphrase when the file is protected")."""
    from eventdesk.services.privacy.keys import KeyUnavailable, seal_with_passphrase, unseal

    conn = protected.connect(path, passphrase)
    try:
        row = conn.execute("SELECT id, signing_key, public_key FROM event").fetchone()
        if row is None or row[1] is None:
            return  # a kit or a replica: no key to seal
        try:
            seed = unseal(row[1], row[2], passphrase=old_passphrase)
        except KeyUnavailable:
            return  # sealed with another machine's keyring: leave it as it was
        conn.execute(
            "UPDATE event SET signing_key = ? WHERE id = ?",
            (seal_with_passphrase(seed, row[2], passphrase), row[0]),
        )
        conn.commit()
    finally:
        conn.close()


def _seal_key_with_keyring(path: Path, old_passphrase: str) -> None:
    from eventdesk.services.privacy.keys import KeyUnavailable, seal_with_keyring, unseal

    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT id, signing_key, public_key FROM event").fetchone()
        if row is None or row[1] is None:
            return
        try:
            seed = unseal(row[1], row[2], passphrase=old_passphrase)
        except KeyUnavailable:
            return  # sealed with another machine's keyring: leave it as it was
        conn.execute(
            "UPDATE event SET signing_key = ? WHERE id = ?", (seal_with_keyring(seed, row[2]), row[0])
        )
        conn.commit()
    finally:
        conn.close()
