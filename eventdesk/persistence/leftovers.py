"""Removing what a killed eventdesk left half-written next to a file, and saying so.

Every file eventdesk makes is written under a temporary name and renamed when complete, so a
`kill -9` never leaves a half file under the real name; it leaves the temporary one:
`EVENT.eventdesk.part` (a new event, a copy being saved; up to hundreds of MB) or
`EVENT.demo-part.eventdesk` (a demo being filled), with their SQLite companions
(`-journal`, `-wal`, `-shm`), `BADGES.pdf.part`, or `LIST.csv.PID.part` (an export: CSV,
XLSX, schedules, lead lists; named after the process writing it, see `export_part`).
The next run of the same job, or opening the event, removes the ones it owns: opening an event
its own parts, the next export to the same file that file's parts. A part that was written to
in the last `BUSY_SECONDS` is left alone when an event is opened: another eventdesk may be
writing it right now (a demo writes its file continuously); an export's part is left alone
while the process named in it runs.

What was removed is said on the `eventdesk` logger (the command line prints its warnings) and
returned, so the window can show it too.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
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


def export_part(target: Path) -> Path:
    """A new, empty `TARGET.PID.part` beside `target`, made here (never an existing file).

    The process id in the name is what lets the next export to `target` tell a part whose
    writer was killed from one being written right now by another export, in this process
    (`TARGET.PID-2.part`) or another."""
    pid = os.getpid()
    for attempt in range(1, 1000):
        name = f"{target.name}.{pid}.part" if attempt == 1 else f"{target.name}.{pid}-{attempt}.part"
        part = target.with_name(name)
        try:
            os.close(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            continue
        return part
    raise FileExistsError(errno.EEXIST, "a thousand exports to this file are under way")


def remove_dead_export_parts(target: Path) -> list[str]:
    """Before an export to `target`: the parts of earlier exports to it whose process is gone."""
    pattern = re.compile(rf"{re.escape(target.name)}\.(\d+)(?:-\d+)?{re.escape(PART)}")
    messages = []
    with contextlib.suppress(OSError):
        for found in target.parent.iterdir():
            matched = pattern.fullmatch(found.name)
            if matched and _writer_gone(int(matched.group(1)), found):
                message = remove_part(found)
                if message:
                    messages.append(message)
    return messages


def _writer_gone(pid: int, part: Path) -> bool:
    """True if the export that made `part` cannot still be writing it."""
    if pid == os.getpid():
        return False  # another export of this process, or one that ended cleanly and removed it
    if os.name != "posix":
        # Windows has no harmless "does it exist" signal (os.kill ends the process): go by age.
        return time.time() - _last_written([part]) >= BUSY_SECONDS
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # alive, but another user's
    return False


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} KB"
