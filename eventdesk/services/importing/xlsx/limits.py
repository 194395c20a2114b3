"""How much of a workbook an import is willing to read, judged from the ZIP directory first.

The ZIP central directory states each part's compressed and uncompressed size; `zipfile`
never returns more bytes than the stated size (and fails the CRC if the data disagrees), so
checking the directory bounds the work before anything is inflated. The ceilings are far
above any real attendee list (Eventbrite's largest exports are a few MB of sheet XML) and far
below what would take more than a few seconds or a few hundred MB.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from eventdesk.services.importing.errors import ImportFileError

MIB = 1 << 20


@dataclass(frozen=True)
class XlsxLimits:
    max_entries: int = 5_000
    # A worksheet's XML: ~300,000 rows of a dozen short cells.
    max_sheet_bytes: int = 160 * MIB
    max_shared_strings_bytes: int = 48 * MIB
    max_shared_strings: int = 1_000_000
    # workbook.xml, styles.xml, the relationship parts.
    max_small_part_bytes: int = 16 * MIB
    # Deflate at its best packs ~1000:1; real sheet XML packs 5–30:1, and styled empty rows
    # up to ~100:1. Only parts big enough to matter are judged by their ratio.
    max_ratio: int = 200
    ratio_from_bytes: int = 4 * MIB
    # Excel's own grid; a cell reference past it is not a cell.
    max_grid_rows: int = 1_048_576
    max_grid_columns: int = 16_384
    # What an import reads: a header wider than this is not a list of people.
    max_columns: int = 500
    max_cell_chars: int = 32_767  # Excel's own ceiling for one cell


XLSX_LIMITS = XlsxLimits()


def check_directory(archive: zipfile.ZipFile, *, name: str, limits: XlsxLimits) -> None:
    """Refuse an archive with more entries than a workbook has, before reading any."""
    count = len(archive.infolist())
    if count > limits.max_entries:
        raise ImportFileError(
            f"{name} has {count:,} entries in its ZIP directory, more than the {limits.max_entries:,} "
            "an Excel workbook could need; it is not imported."
        )


def check_part(info: zipfile.ZipInfo, *, name: str, ceiling: int, limits: XlsxLimits, what: str) -> None:
    """Refuse a part whose declared size or compression ratio is beyond what a real workbook has."""
    if info.file_size > ceiling:
        raise ImportFileError(
            f"{name}: its {what} ({info.filename}) would unpack to {info.file_size / MIB:,.0f} MB, "
            f"more than the {ceiling / MIB:,.0f} MB an import reads; split the list or save it as CSV."
        )
    if info.file_size >= limits.ratio_from_bytes:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio:
            raise ImportFileError(
                f"{name}: its {what} ({info.filename}) is compressed {ratio:,.0f} to 1, which no real "
                "spreadsheet is (a ZIP bomb or a sheet of nothing); it is not imported."
            )
