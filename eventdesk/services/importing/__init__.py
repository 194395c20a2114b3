"""Importing attendees and companies from the files organisers really have.

`inspect_file` → preview and proposed mapping; `import_file` → the import and its report.
The pieces: `sources` (reading CSV/TSV/XLSX, encodings), `platforms` (recognised exports),
`fields` and `mapping` (which column is what), `attendees` and `companies` (the kinds),
`attendee_rows` and `row_worker` (reading attendee rows, in a worker process for large
files), `registry` (the list of kinds), `report` (what happened, row by row).

The names below are loaded on first use: a worker process that reads attendee rows imports
this package too, and should not pay for the database and spreadsheet libraries it never uses.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventdesk.services.importing.errors import ImportFileError, MappingError, MergeReviewNeeded
    from eventdesk.services.importing.mapping import ColumnMapping, MappingOrigin, load_overrides
    from eventdesk.services.importing.registry import IMPORT_KINDS, get_kind
    from eventdesk.services.importing.report import ImportReport, Outcome, ReportEntry, SamePersonQuestion
    from eventdesk.services.importing.runner import FilePreview, ImportOutcome, import_file, inspect_file

_WHERE = {
    "ImportFileError": "errors",
    "MappingError": "errors",
    "MergeReviewNeeded": "errors",
    "ColumnMapping": "mapping",
    "MappingOrigin": "mapping",
    "load_overrides": "mapping",
    "IMPORT_KINDS": "registry",
    "get_kind": "registry",
    "ImportReport": "report",
    "Outcome": "report",
    "ReportEntry": "report",
    "SamePersonQuestion": "report",
    "FilePreview": "runner",
    "ImportOutcome": "runner",
    "import_file": "runner",
    "inspect_file": "runner",
}

__all__ = [
    "IMPORT_KINDS",
    "ColumnMapping",
    "FilePreview",
    "ImportFileError",
    "ImportOutcome",
    "ImportReport",
    "MappingError",
    "MappingOrigin",
    "MergeReviewNeeded",
    "Outcome",
    "ReportEntry",
    "SamePersonQuestion",
    "get_kind",
    "import_file",
    "inspect_file",
    "load_overrides",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
