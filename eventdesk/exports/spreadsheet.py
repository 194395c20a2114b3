"""Writing a table to CSV or XLSX so that Excel opens it correctly and runs nothing in it.

CSV is UTF-8 with a byte-order mark (without it Excel on Windows reads "Ødegård" as
"Ã˜degÃ¥rd") and CRLF line ends. Cells that a spreadsheet would evaluate (starting with
=, +, -, @, tab or carriage return, the OWASP "CSV injection" list) are neutralised: in CSV
with a leading apostrophe, in XLSX by storing them as text cells, which Excel never
evaluates and which show exactly what was typed. Plain phone numbers and negative numbers
are left alone: "+31 6 1234 5678" cannot call anything, and an apostrophe would spoil it.
Files are written to a temporary name and renamed, so a failed export leaves no half file.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

from eventdesk.domain.progress import NO_PROGRESS, Progress
from eventdesk.exports.atomic import ExportError, atomic_output

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What may stand before a formula and still let a spreadsheet (or a person pasting the cell)
# see the formula: byte-order marks, zero-width characters, spaces, and the full-width forms
# of = + - @ that an East Asian input method types and some spreadsheets read as formulas.
_INVISIBLE_LEAD = "\ufeff\u200b\u200c\u200d\u2060\u180e\u00ad\u00a0\u3000 "
_FULL_WIDTH = str.maketrans("\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\u2212", "=+-@+-=-")
_HARMLESS_NUMBER = re.compile(r"[+-]?[0-9][0-9 ().\-/]*")
SUFFIXES = (".csv", ".xlsx")
PROGRESS_EVERY = 1000

Cell = str | int | float | bool | date | datetime | None


def is_formula_like(value: str) -> bool:
    if value.startswith(FORMULA_STARTS):
        return not _HARMLESS_NUMBER.fullmatch(value)
    if not value or (value.isascii() and value[0] != " "):
        return False
    bare = value.lstrip(_INVISIBLE_LEAD)
    bare = bare[:1].translate(_FULL_WIDTH) + bare[1:]
    return bare.startswith(FORMULA_STARTS) and not _HARMLESS_NUMBER.fullmatch(bare)


def neutralise(value: str) -> str:
    """The CSV form of a cell: a leading apostrophe keeps Excel from evaluating it."""
    return "'" + value if is_formula_like(value) else value


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_table(
    path: str | os.PathLike[str],
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    title: str = "Sheet1",
    total: int = 0,
    progress: Progress = NO_PROGRESS,
    delimiter: str = ",",
) -> Path:
    """CSV or XLSX by the file's suffix; returns the path written."""
    target = Path(path).expanduser()
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        raise ExportError(f"{target.name}: choose a file ending in .csv or .xlsx.")
    counted = _counting(rows, total, progress)
    with atomic_output(target) as part:
        if suffix == ".csv":
            _write_csv(part, headers, counted, delimiter=delimiter)
        else:
            _write_xlsx(part, headers, counted, title=title)
    return target


def _counting(rows: Iterable[Sequence[Cell]], total: int, progress: Progress) -> Iterator[Sequence[Cell]]:
    for done, row in enumerate(rows, start=1):
        if done % PROGRESS_EVERY == 0:
            progress.report(done, total, "Writing")
        yield row


def _write_csv(part: Path, headers: Sequence[str], rows: Iterable[Sequence[Cell]], *, delimiter: str) -> None:
    with part.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow([neutralise(h) for h in headers])
        for row in rows:
            writer.writerow([neutralise(_text(v)) if isinstance(v, str) else _text(v) for v in row])


def _write_xlsx(part: Path, headers: Sequence[str], rows: Iterable[Sequence[Cell]], *, title: str) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(title))
    bold = Font(bold=True)

    def cell(value: Cell, *, header: bool = False) -> WriteOnlyCell:
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = value.replace(tzinfo=None)  # Excel has no time zones; callers pass local time
        item = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str) and is_formula_like(value):
            item.data_type = "s"
        if header:
            item.font = bold
        return item

    sheet.freeze_panes = "A2"  # the header stays in view; write-only sheets need it first
    sheet.append([cell(h, header=True) for h in headers])
    for row in rows:
        sheet.append([cell(v) for v in row])
    book.save(part)


def _sheet_title(title: str) -> str:
    """Excel refuses sheet names over 31 characters or with []:*?/\\ in them."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", title).strip() or "Sheet1"
    return cleaned[:31]
