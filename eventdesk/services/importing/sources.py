"""Reading a spreadsheet file as a header and a stream of rows, whatever saved it.

CSV and TSV are read line by line from the raw bytes (never the whole file at once, so a
200 MB export costs no more memory than a small one) and decoded line by line, so that a
line in another encoding is caught with its number. Line numbers are the ones a text
editor shows: the header is line 1 and a quoted cell with line breaks spans several lines.
XLSX is read with openpyxl in read-only mode, row by row; its "lines" are sheet rows.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import BinaryIO, Protocol

from eventdesk.services.importing.encoding import (
    LineDecoder,
    bom_encoding,
    encoding_label,
    legacy_sample,
    utf16_without_bom,
)
from eventdesk.services.importing.errors import (
    EmptyFileError,
    HeadersOnlyError,
    ImportFileError,
    NotATableError,
)

HEAD_BYTES = 1 << 20
SNIFF_CHARS = 64 * 1024
DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_SEP_LINE = re.compile(r"^\s*sep=(.)\s*$", re.IGNORECASE)
_INVISIBLE = str.maketrans({"\ufeff": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None})

# Magic numbers of files people pick by mistake, with what to tell them.
_MAGIC = (
    (b"\xd0\xcf\x11\xe0", "is an old Excel .xls (or another Office 97) file; save it as .xlsx or CSV"),
    (b"%PDF", "is a PDF document, not a spreadsheet"),
    (b"\x89PNG", "is a PNG image, not a spreadsheet"),
    (b"\xff\xd8\xff", "is a JPEG image, not a spreadsheet"),
    (b"\x1f\x8b", "is a gzip archive; unpack it first"),
    (b"SQLite format 3\x00", "is a database file (an event?), not a spreadsheet"),
)


@dataclass(frozen=True)
class SourceInfo:
    """What the file turned out to be; shown in the wizard and the report."""

    path: Path
    format: str
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    size: int = 0

    @property
    def description(self) -> str:
        if self.format == "xlsx":
            return f"Excel workbook, sheet '{self.sheet}'"
        separated = DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))
        return f"CSV, {encoding_label(self.encoding)}, {separated}-separated"


@dataclass(frozen=True)
class RawRow:
    line: int
    cells: list[str]

    def is_empty(self) -> bool:
        return not any(cell.strip() for cell in self.cells)


class TableReader(Protocol):
    info: SourceInfo
    header: list[str]
    header_line: int

    def rows(self) -> Iterator[RawRow]: ...

    def progress(self) -> tuple[int, int]:
        """(done, total) in the reader's own unit (bytes, rows); total 0 when unknown."""
        ...

    def close(self) -> None: ...


def clean_header(cells: Iterable[str]) -> list[str]:
    """Header names without invisible characters; unnamed columns get "Column N"."""
    names = [" ".join(cell.translate(_INVISIBLE).split()) for cell in cells]
    while names and not names[-1]:
        names.pop()
    return [name or f"Column {index}" for index, name in enumerate(names, start=1)]


@contextlib.contextmanager
def open_table(path: str | Path) -> Iterator[TableReader]:
    """The file as a table; ImportFileError (naming the file) when it is not one."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as probe:
            head = probe.read(HEAD_BYTES)
    except FileNotFoundError as exc:
        raise ImportFileError(f"There is no file at {path}.") from exc
    except IsADirectoryError as exc:
        raise ImportFileError(f"{path} is a folder, not a spreadsheet.") from exc
    except PermissionError as exc:
        raise ImportFileError(f"{path} cannot be read: permission denied.") from exc
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise EmptyFileError(f"{path.name} is empty.")
    reader: TableReader
    if head.startswith(b"PK\x03\x04"):
        reader = _XlsxReader(path, size)
    else:
        for magic, what in _MAGIC:
            if head.startswith(magic):
                raise NotATableError(f"{path.name} {what}.")
        reader = _CsvReader(path, size, head)
    try:
        yield reader
    finally:
        reader.close()


class _Records:
    """The header and the rows after it, from a reader's stream of records (CSV or XLSX alike)."""

    path: Path
    _records: Iterator[RawRow]

    def _read_header(self) -> tuple[int, list[str]]:
        for row in self._records:
            if not row.is_empty():
                return row.line, row.cells
        raise EmptyFileError(f"{self.path.name} has no column headers and no rows.")

    def rows(self) -> Iterator[RawRow]:
        yielded = False
        for row in self._records:
            yielded = yielded or not row.is_empty()
            yield row
        if not yielded:
            raise HeadersOnlyError(f"{self.path.name} has column headers but no rows to import.")


# -- CSV / TSV -------------------------------------------------------------------------------


class _CountingLines:
    """Byte lines of a file, counting what was consumed so progress can be a fraction."""

    def __init__(self, handle: BinaryIO, *, carriage_returns_only: bool) -> None:
        self.handle = handle
        self.consumed = 0
        self.cr_only = carriage_returns_only

    def __iter__(self) -> Iterator[bytes]:
        if not self.cr_only:
            for raw in self.handle:
                self.consumed += len(raw)
                yield raw
            return
        # Classic Mac OS line endings: split on CR ourselves.
        pending = b""
        for block in iter(lambda: self.handle.read(1 << 16), b""):
            self.consumed += len(block)
            pending += block
            *lines, pending = pending.split(b"\r")
            for raw in lines:
                yield raw + b"\n"
        if pending:
            yield pending


def _is_binary(head: bytes) -> bool:
    sample = head[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > max(2, len(sample) // 100)


def _sniff_delimiter(sample: str, *, suffix: str) -> str:
    """csv.Sniffer restricted to , ; tab |, checked against how the rows then split.

    The Sniffer alone can pick a character that only appears inside quoted cells; a
    delimiter is accepted when it splits the header into more than one column and most
    rows into as many columns as the header.
    """
    lines = sample.splitlines(keepends=True)
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        sample = "".join(lines[:-1])

    def consistency(delimiter: str) -> tuple[bool, float, int]:
        records = list(_first_records(sample, delimiter, 50))
        if not records:
            return (False, 0.0, 0)
        width = len(records[0])
        body = [r for r in records[1:] if any(c.strip() for c in r)]
        same = sum(1 for r in body if len(r) == width) / len(body) if body else 1.0
        return (width > 1, same, width)

    preferred: list[str] = []
    if suffix in (".tsv", ".tab"):
        preferred.append("\t")
    with contextlib.suppress(csv.Error):
        preferred.append(csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter)
    for delimiter in preferred:
        multi, same, _ = consistency(delimiter)
        if multi and same >= 0.8:
            return delimiter
    scored = sorted(
        DELIMITERS, key=lambda d: (*consistency(d)[:2], consistency(d)[2], -DELIMITERS.index(d)), reverse=True
    )
    best = scored[0]
    return best if consistency(best)[0] else ","


def _first_records(sample: str, delimiter: str, limit: int) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    try:
        for count, record in enumerate(reader):
            if count >= limit:
                return
            if record:
                yield record
    except csv.Error:
        return


class _CsvReader(_Records):
    def __init__(self, path: Path, size: int, head: bytes) -> None:
        self.path = path
        self.size = max(size, 1)
        self._handle: BinaryIO | None = None
        self._lines: _CountingLines | None = None
        wide = bom_encoding(head)
        if wide not in ("utf-16", "utf-32"):
            wide = utf16_without_bom(head) or wide
        self._wide = wide if wide and wide.startswith(("utf-16", "utf-32")) else None
        if self._wide is None and _is_binary(head):
            raise NotATableError(f"{path.name} is not a CSV, TSV or Excel file (it contains binary data).")
        self._decoder = LineDecoder(
            path, encoding="utf-8-sig" if wide == "utf-8-sig" else None, legacy_sample=legacy_sample(head)
        )
        if self._wide is None:
            self._decoder.prime(head)
        sample_text = self._sample_text(head)
        first_line = sample_text.lstrip("\r\n").split("\n", 1)[0].strip("\r")
        sep = _SEP_LINE.match(first_line)
        self._sep_line = bool(sep)
        self.delimiter = sep.group(1) if sep else _sniff_delimiter(sample_text, suffix=path.suffix.lower())
        self._records = self._record_iterator()
        self.header_line, header_cells = self._read_header()
        self.header = clean_header(header_cells)

    @property
    def info(self) -> SourceInfo:
        return SourceInfo(
            path=self.path, format="csv", encoding=self.encoding, delimiter=self.delimiter, size=self.size
        )

    def _sample_text(self, head: bytes) -> str:
        if self._wide:
            encoding = "utf-16" if self._wide == "utf-16" else self._wide
            return head[: 2 * SNIFF_CHARS].decode(encoding, errors="replace")
        chunk = head[: 4 * SNIFF_CHARS]
        encoding = self._decoder.encoding or "utf-8"
        return chunk.decode("utf-8-sig" if encoding.startswith("utf-8") else encoding, errors="replace")[
            :SNIFF_CHARS
        ]

    def _text_lines(self) -> Iterator[str]:
        self._handle = self.path.open("rb")
        head = self._handle.read(HEAD_BYTES)
        self._handle.seek(0)
        if self._wide:
            counting = _CountingRaw(self._handle)
            self._counter = counting
            encoding = "utf-16" if self._wide == "utf-16" else self._wide
            text = io.TextIOWrapper(
                io.BufferedReader(counting),
                encoding=encoding,
                errors="strict",
                newline="",  # type: ignore[arg-type]
            )
            line = 0
            try:
                for line, decoded in enumerate(text, start=1):  # noqa: B007
                    yield decoded
            except UnicodeDecodeError as exc:
                raise ImportFileError(
                    f"{self.path.name}: line {line + 1} is not valid {encoding_label(self._wide)}."
                ) from exc
            return
        cr_only = b"\r" in head and b"\n" not in head
        self._lines = _CountingLines(self._handle, carriage_returns_only=cr_only)
        for number, raw in enumerate(self._lines, start=1):
            text = self._decoder.decode(raw, number)
            yield text.lstrip("\ufeff") if number == 1 else text

    def _record_iterator(self) -> Iterator[RawRow]:
        lines = self._text_lines()
        if self._sep_line:
            next(lines, None)
        reader = csv.reader(lines, delimiter=self.delimiter)
        previous = 1 if self._sep_line else 0
        try:
            for record in reader:
                yield RawRow(previous + 1, record)
                previous = reader.line_num + (1 if self._sep_line else 0)
        except csv.Error as exc:
            raise ImportFileError(
                f"{self.path.name}: the row starting on line {previous + 1} cannot be read ({exc}); "
                "a quoted cell may never be closed."
            ) from exc

    def progress(self) -> tuple[int, int]:
        if self._wide:
            counter = getattr(self, "_counter", None)
            return (min(counter.consumed, self.size) if counter else 0), self.size
        return (min(self._lines.consumed, self.size) if self._lines else 0), self.size

    @property
    def encoding(self) -> str:
        return self._wide or self._decoder.encoding or "utf-8"

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()


class _CountingRaw(io.RawIOBase):
    """A raw stream that counts bytes read, for progress under a TextIOWrapper."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def, override]
        data = self.handle.read(len(buffer))
        buffer[: len(data)] = data
        self.consumed += len(data)
        return len(data)


# -- XLSX ------------------------------------------------------------------------------------


def xlsx_cell_text(value: object) -> str:
    """A cell as the person saw it: 12.0 is "12", a date is ISO 8601, TRUE is "TRUE"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return (
            value.isoformat(sep=" ", timespec="seconds")
            if value.time() != time(0)
            else value.date().isoformat()
        )
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _has_cells(sheet: object) -> bool:
    rows = sheet.iter_rows(max_row=200, values_only=True)  # type: ignore[attr-defined]
    return any(any(v is not None and str(v).strip() for v in row) for row in rows)


class _XlsxReader(_Records):
    def __init__(self, path: Path, size: int) -> None:
        from openpyxl import load_workbook

        self.path = path
        try:
            self._book = load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise NotATableError(
                f"{path.name} is a ZIP archive but not an Excel workbook (.xlsx); "
                "an OpenDocument or Word file? Save it as .xlsx or CSV."
            ) from exc
        sheet = next((ws for ws in self._book.worksheets if _has_cells(ws)), None)
        if sheet is None:
            self._book.close()
            raise EmptyFileError(f"{path.name} is an empty workbook.")
        self._sheet = sheet
        # Files written in openpyxl's write-only mode (and by some other tools) carry no
        # dimension: the number of rows is then unknown until the end.
        self._total = sheet.max_row if isinstance(sheet.max_row, int) and sheet.max_row > 1 else 0
        self._done = 0
        self._records = self._iterate()
        self.header_line, header_cells = self._read_header()
        self.header = clean_header(header_cells)
        self.info = SourceInfo(path=path, format="xlsx", sheet=sheet.title, size=size)

    def _iterate(self) -> Iterator[RawRow]:
        for number, values in enumerate(self._sheet.iter_rows(values_only=True), start=1):
            self._done = number
            cells = [xlsx_cell_text(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            yield RawRow(number, cells)

    def progress(self) -> tuple[int, int]:
        return (min(self._done, self._total) if self._total else self._done), self._total

    def close(self) -> None:
        self._book.close()
