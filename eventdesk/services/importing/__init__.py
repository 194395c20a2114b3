"""Importing attendees and companies from the files organisers really have.

`inspect_file` → preview and proposed mapping; `import_file` → the import and its report.
The pieces: `sources` (reading CSV/TSV/XLSX, encodings), `platforms` (recognised exports),
`fields` and `mapping` (which column is what), `attendees` and `companies` (the kinds),
`registry` (the list of kinds), `report` (what happened, row by row).
"""

from eventdesk.services.importing.errors import ImportFileError, MappingError
from eventdesk.services.importing.mapping import ColumnMapping, MappingOrigin, load_overrides
from eventdesk.services.importing.registry import IMPORT_KINDS, get_kind
from eventdesk.services.importing.report import ImportReport, Outcome, ReportEntry
from eventdesk.services.importing.runner import FilePreview, ImportOutcome, import_file, inspect_file

__all__ = [
    "IMPORT_KINDS",
    "ColumnMapping",
    "FilePreview",
    "ImportFileError",
    "ImportOutcome",
    "ImportReport",
    "MappingError",
    "MappingOrigin",
    "Outcome",
    "ReportEntry",
    "get_kind",
    "import_file",
    "inspect_file",
    "load_overrides",
]
