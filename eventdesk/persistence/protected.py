"""Event files protected at rest with a passphrase: SQLCipher (AES-256, PBKDF2-HMAC-SHA512).

Why SQLCipher through `sqlcipher3-wheels`: it is SQLite with page-level encryption, so an
encrypted event is the same schema, the same Alembic migrations and the same WAL as a
plain one; the package ships wheels for Windows, macOS (Intel and Apple silicon) and Linux
with SQLCipher 4 built in, so no desk needs a compiler. A protected file has no SQLite
header: every byte, the first 16 included (the salt), looks random, and without the
passphrase no name or e-mail can be read from it.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventdesk.domain.errors import EventFileError

SQLITE_MAGIC = b"SQLite format 3\x00"
MIN_PAGE = 1024


class PassphraseNeeded(EventFileError):
    """The file is protected; ask for its passphrase."""


class WrongPassphrase(EventFileError):
    """The passphrase does not open the file."""


def looks_protected(path: Path) -> bool:
    """No SQLite header, whole pages, and a binary first page: an SQLCipher file (a JSON or
    CSV file picked by mistake is text, and rarely a whole number of kilobytes)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError:
        return False
    if head.startswith(SQLITE_MAGIC) or size < 4096 or size % MIN_PAGE:
        return False
    printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in head)
    return printable < len(head) * 0.8


SALT_BYTES = 16
KDF_ITERATIONS = 256_000  # SQLCipher 4's default: PBKDF2-HMAC-SHA512, 256,000 rounds


def _quoted(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


@functools.lru_cache(maxsize=8)
def _raw_key(salt: bytes, passphrase: str) -> str:
    """The key SQLCipher would derive from the passphrase, derived once per process.

    SQLCipher runs its key derivation (deliberately slow: the protection against guessing)
    on every new connection, and an open event makes several (the pool, the door's engine);
    handing it the derived key as a raw key does the same derivation once.
    """
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, 32)
    return f"\"x'{key.hex()}'\""


def connect(path: Path | str, passphrase: str, **kwargs: Any) -> Any:
    """A DB-API connection (sqlite3-compatible) with the key set before anything is read."""
    import sqlcipher3

    with Path(path).open("rb") as handle:
        salt = handle.read(SALT_BYTES)
    conn = sqlcipher3.connect(str(path), **kwargs)
    conn.execute(f"PRAGMA key = {_raw_key(salt, passphrase)}")
    # Off (SQLCipher's default since 4.5, said here so no build changes it): on, every
    # allocation is locked and wiped, which makes each query several times slower; it only
    # guards this process's freed memory, and whoever can read that can read the open
    # event's pages and the cached key anyway. The file at rest is what is protected.
    conn.execute("PRAGMA cipher_memory_security = OFF")
    return conn


def check_passphrase(
    path: Path, passphrase: str, *, check_pages: bool = True
) -> tuple[tuple[str, ...], bool]:
    """The Alembic revisions and whether an event table exists; WrongPassphrase otherwise.
    `check_pages`: also read (authenticate, decrypt) every page for damage, as for a plain file."""
    import sqlcipher3

    try:
        conn = connect(path, passphrase)
    except sqlcipher3.Error as exc:
        raise EventFileError(f"{path} cannot be opened: {exc}.") from exc
    try:
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlcipher3.DatabaseError as exc:
            raise WrongPassphrase(f"The passphrase does not open {path} (or the file is damaged).") from exc
        if check_pages:
            problem = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            if problem != "ok":
                raise EventFileError(f"{path} is damaged and cannot be read ({problem.splitlines()[-1]}).")
        revisions: tuple[str, ...] = ()
        if "alembic_version" in tables:
            revisions = tuple(r[0] for r in conn.execute("SELECT version_num FROM alembic_version"))
        return revisions, "event" in tables
    finally:
        conn.close()


def creator(path: Path, passphrase: str, timeout: float) -> Callable[[], Any]:
    return lambda: connect(path, passphrase, timeout=timeout, check_same_thread=False)


def encrypt_copy(
    source: Path, target: Path, passphrase: str, *, source_passphrase: str | None = None
) -> None:
    """Write `source` (plain, or protected with `source_passphrase`) to `target`, protected.

    `sqlcipher_export` copies schema and rows page by page into the attached, keyed file:
    the documented way to encrypt an existing database; `target` is created 0600.
    """
    if not passphrase:
        raise EventFileError("A passphrase cannot be empty.")
    _export_copy(source, target, key=passphrase, source_passphrase=source_passphrase)


def decrypt_copy(source: Path, target: Path, passphrase: str) -> None:
    """Write the protected `source` to `target` as a plain SQLite file (an empty key), 0600."""
    _export_copy(source, target, key="", source_passphrase=passphrase)


def _export_copy(source: Path, target: Path, *, key: str, source_passphrase: str | None) -> None:
    """`sqlcipher_export` into an attached database keyed with `key` ('' for none): one way
    for encrypting and decrypting a file, so both keep its `user_version` and its mode."""
    import sqlcipher3

    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    conn = connect(source, source_passphrase) if source_passphrase else sqlcipher3.connect(str(source))
    try:
        conn.execute(f"ATTACH DATABASE ? AS copied KEY {_quoted(key)}", (str(target),))
        conn.execute("SELECT sqlcipher_export('copied')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA copied.user_version = {int(version)}")
        conn.execute("DETACH DATABASE copied")
    finally:
        conn.close()
    if os.name == "posix":
        target.chmod(0o600)
