"""Why a file cannot be imported at all, each said in one sentence naming the file and where.

Problems with single rows are not errors: they go into the import report and the rest of
the file is imported. These are for files that cannot be read as a table at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventdesk.domain.errors import EventdeskError

if TYPE_CHECKING:
    from eventdesk.services.importing.report import ImportReport


class ImportFileError(EventdeskError):
    """The file cannot be read as a table of people or companies."""


class EmptyFileError(ImportFileError):
    pass


class HeadersOnlyError(ImportFileError):
    pass


class NotATableError(ImportFileError):
    """Binary data, an old .xls, a PDF or an archive that is not a workbook."""


class EncodingError(ImportFileError):
    """The characters cannot be decoded, or the file mixes two encodings."""


class MappingError(ImportFileError):
    """A column mapping names a column or a field that does not exist."""


class MergeReviewNeeded(EventdeskError):
    """The import would merge many rows into other people (or asks who is who), and nothing
    is written until a person has looked: the report holds the merges and the questions."""

    def __init__(self, message: str, report: ImportReport) -> None:
        super().__init__(message)
        self.report = report
