"""Removing what a killed eventdesk left half-written next to a file, and saying so.

Every file eventdesk makes is written under a temporary name and renamed when complete, so a
`kill -9` never leaves a half file under the real name; it leaves the temporary one:
`EVENT.eventdesk.part` (a new event, a copy being saved; up to hundreds of MB) or
`EVENT.demo-part.eventdesk` (a demo being filled), with their SQLite companions
(`-journal`, `-wal`, `-shm`), or `BADGES.pdf.part`.
The next run of the same job, or opening the event, removes the ones it owns. A part that was
written to in the last `BUSY_SECONDS` is left alone when an event is opened: another
eventdesk may be writing it right now (a demo writes its file continuously).

What was removed is said on the `eventdesk` logger (the command line prints its warnings) and
returned, so the window can show it too.
"""

from __future__ import annotations

import contextlib
import logging
import time
from pathlib import Path

from eventdesk.i18n import gettext

log = logging.getLogger("eventdesk.leftovers")

PART = ".part"
SQLITE_COMPANIONS = ("-journal", "-wal", "-shm")
BUSY_SECONDS = 60.0
DEMO_STAGING = ".demo-part"  # services.demo fills `NAME.demo-part.eventdesk`, then renames it


def _companions(part: Path) -> list[Path]:
    return [part, *(Path(f"{part}{suffix}") for suffix in SQLITE_COMPANIONS)]


def _size(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total


def _last_written(paths: list[Path]) -> float:
    newest = 0.0
    for path in paths:
        with contextlib.suppress(OSError):
            newest = max(newest, path.stat().st_mtime)
    return newest


def remove_part(part: Path, *, only_if_idle: bool = False) -> str:
    """Remove `part` and its SQLite companions if any exist; the sentence saying so, or ""."""
    paths = [path for path in _companions(part) if path.exists()]
    if not paths:
        return ""
    if only_if_idle and time.time() - _last_written(paths) < BUSY_SECONDS:
        return ""
    size = _size(paths)
    removed = []
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    if not removed:
        return ""
    message = gettext(
        "Removed {name} ({size}), left half-written by an earlier run that did not finish.",
        name=", ".join(path.name for path in removed),
        size=_megabytes(size),
    )
    log.warning(message)
    return message


def remove_parts_of(path: Path) -> list[str]:
    """On opening `path`: what an interrupted save, copy or demo left under its name."""
    demo = path.with_name(path.stem + DEMO_STAGING + path.suffix)
    candidates = (path.with_name(path.name + PART), demo, demo.with_name(demo.name + PART))
    messages = [remove_part(part, only_if_idle=True) for part in candidates]
    return [message for message in messages if message]


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} KB"
