"""Importing matchmaking wishes and availability windows: the `wishes` and `availability`
kinds of the shared importer (`services.importing`), which reads CSV, TSV and XLSX in any
of the encodings organisers' spreadsheets save, maps the columns, and runs in one
transaction that is recorded as one undo step.

Both kinds are all or nothing: every rejected row is in the report with its line and
column, and a file with any rejected row raises `MatchmakingImportError` and writes nothing.
"""

from __future__ import annotations

import os

from eventdesk.domain.progress import NO_PROGRESS, Progress
from eventdesk.persistence.document import EventDocument
from eventdesk.services.importing import ImportReport, import_file
from eventdesk.services.importing.wishes import MatchmakingImportError

__all__ = ["MatchmakingImportError", "import_availability", "import_wishes"]


def import_wishes(
    *,
    doc: EventDocument,
    path: str | os.PathLike[str],
    dry_run: bool = False,
    progress: Progress = NO_PROGRESS,
) -> ImportReport:
    return import_file(doc=doc, path=path, kind="wishes", dry_run=dry_run, progress=progress).report


def import_availability(
    *,
    doc: EventDocument,
    path: str | os.PathLike[str],
    dry_run: bool = False,
    progress: Progress = NO_PROGRESS,
) -> ImportReport:
    return import_file(doc=doc, path=path, kind="availability", dry_run=dry_run, progress=progress).report
