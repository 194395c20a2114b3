"""Writing an export under a temporary name and renaming it over the target when complete.

A failed or cancelled export then leaves no half file, and a file already at the target
stays as it was until the new one is whole. The temporary file is made in the target's own
folder so that the final rename stays on one file system, where it is atomic. It is named
`TARGET.PID.part`: what a `kill -9` leaves is removed, and said on the `eventdesk` logger, by
the next export to the same file, once the process named in it is gone
(`eventdesk.persistence.leftovers`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from eventdesk.domain.errors import EventdeskError
from eventdesk.persistence.leftovers import export_part, remove_dead_export_parts


class ExportError(EventdeskError):
    """The export file cannot be written where the person asked."""


@contextlib.contextmanager
def atomic_output(target: Path, *, error: type[EventdeskError] = ExportError) -> Iterator[Path]:
    """Yield a temporary path next to `target`; it replaces `target` when the block ends cleanly.

    `error` is the exception a missing folder or a failed write is reported as, so that each
    export keeps the error type its callers already catch.
    """
    target = target.expanduser()
    if not target.parent.is_dir():
        raise error(f"The folder {target.parent} does not exist.")
    remove_dead_export_parts(target)
    try:
        part = export_part(target)
    except OSError as exc:
        raise error(f"{target} cannot be written: {exc.strerror}.") from exc
    try:
        yield part
        part.replace(target)
    except OSError as exc:
        raise error(f"{target} cannot be written: {exc.strerror}.") from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
