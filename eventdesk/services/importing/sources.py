"""Reading a spreadsheet file as a header and a stream of rows, whatever saved it.

CSV and TSV are read line by line from the raw bytes (never the whole file at once, so a
200 MB export costs no more memory than a small one) and decoded line by line, so that a
line in another encoding is caught with its number. Line numbers are the ones a text
editor shows: the header is line 1 and a quoted cell with line breaks spans several lines.
XLSX is streamed by `importing.xlsx` within limits checked before reading; its "lines" are
sheet rows. Control characters are taken out of every cell, and the report says where.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from eventdesk.i18n import N_, _, gettext
from eventdesk.i18n.values import Count
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
from eventdesk.services.importing.xlsx import XlsxBook, XlsxSheet
from eventdesk.services.importing.xlsx.sheet import SheetRows

HEAD_BYTES = 1 << 20
# A list of people has a few dozen columns; a header this wide is an export of something else
# (or a file made to hang the column guessing).
MAX_COLUMNS = 500
# No physical line of a list of people is this long (500 columns of 16 KB each); reading
# further would hold the whole line (a file with no line ends: all of it) in memory.
MAX_LINE_BYTES = 8 << 20
SNIFF_CHARS = 64 * 1024
DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_SEP_LINE = re.compile(r"^\s*sep=(.)\s*$", re.IGNORECASE)
_INVISIBLE = str.maketrans({"\ufeff": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None})

# Magic numbers of files people pick by mistake, with what to tell them.
_MAGIC = (
    (
        b"\xd0\xcf\x11\xe0",
        N_("{file} is an old Excel .xls (or another Office 97) file; save it as .xlsx or CSV."),
    ),
    (b"%PDF", N_("{file} is a PDF document, not a spreadsheet.")),
    (b"\x89PNG", N_("{file} is a PNG image, not a spreadsheet.")),
    (b"\xff\xd8\xff", N_("{file} is a JPEG image, not a spreadsheet.")),
    (b"\x1f\x8b", N_("{file} is a gzip archive; unpack it first.")),
    (b"SQLite format 3\x00", N_("{file} is a database file (an event?), not a spreadsheet.")),
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
            return _("Excel workbook, sheet '{sheet}'", sheet=self.sheet)
        separated = DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))
        return f"CSV, {encoding_label(self.encoding)}, {separated}-separated"


@dataclass(frozen=True, slots=True)
class RawRow:
    """A record of the file. `last_line` is set on an empty stretch a workbook skips over (its
    rows are not in the file at all); `controls` are the columns whose control characters
    (NUL and the like) were taken out of the cell."""

    line: int
    cells: list[str]
    last_line: int = 0
    controls: tuple[int, ...] = ()

    def is_empty(self) -> bool:
        return not "".join(self.cells).strip()

    @property
    def lines(self) -> int:
        return self.last_line - self.line + 1 if self.last_line else 1


# Control characters no name, e-mail or note contains; tab and line breaks are kept. SQLite
# would store a NUL as is and PostgreSQL refuses it, so they are taken out of every cell.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Read after a CSV file's last line (see `_CsvReader._record_iterator`): Unicode noncharacters.
_END_OF_FILE = "\ufdd0eventdesk: end of file\ufdd1\n"


def without_controls(row: RawRow) -> RawRow:
    """The row with control characters removed from its cells, and which columns had them."""
    if not _CONTROL.search("\t".join(row.cells)):
        return row
    cleaned, columns = [], []
    for index, cell in enumerate(row.cells):
        bare = _CONTROL.sub("", cell)
        if bare != cell:
            columns.append(index)
        cleaned.append(bare)
    return RawRow(row.line, cleaned, row.last_line, tuple(columns))


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
        raise ImportFileError(_("There is no file at {path}.", path=path)) from exc
    except IsADirectoryError as exc:
        raise ImportFileError(_("{path} is a folder, not a spreadsheet.", path=path)) from exc
    except PermissionError as exc:
        raise ImportFileError(_("{path} cannot be read: permission denied.", path=path)) from exc
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise EmptyFileError(_("{file} is empty.", file=path.name))
    reader: TableReader
    if head.startswith(b"PK\x03\x04"):
        reader = _XlsxReader(path, size)
    else:
        for magic, what in _MAGIC:
            if head.startswith(magic):
                raise NotATableError(gettext(what, file=path.name))
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
                width = len(row.cells)
                while width and not row.cells[width - 1].strip():
                    width -= 1
                if width > MAX_COLUMNS:
                    raise ImportFileError(
                        _(
                            "{file}: the header on line {line} has {count} columns, more than the {limit} "
                            "an import reads; export only the columns about the people.",
                            file=self.path.name,
                            line=row.line,
                            count=Count(width),
                            limit=MAX_COLUMNS,
                        )
                    )
                return row.line, [_CONTROL.sub("", cell) for cell in row.cells[:width]]
        raise EmptyFileError(_("{file} has no column headers and no rows.", file=self.path.name))

    def _may_have_controls(self) -> bool:
        """False while no control character has been seen: most files never pay for the check."""
        return True

    def rows(self) -> Iterator[RawRow]:
        """The rows after the header; a stretch of empty rows comes as one (a million ";;;;"
        lines at the end of an Excel export cost the importer one step, not a million)."""
        yielded = False
        first = last = 0
        for row in self._records:
            if row.is_empty():
                if first and row.line == last + 1:
                    last = row.last_line or row.line
                    continue
                if first:
                    yield RawRow(first, [], last if last != first else 0)
                first, last = row.line, row.last_line or row.line
                continue
            if first:
                yield RawRow(first, [], last if last != first else 0)
                first = 0
            yielded = True
            yield without_controls(row) if self._may_have_controls() else row
        if first:
            yield RawRow(first, [], last if last != first else 0)
        if not yielded:
            raise HeadersOnlyError(_("{file} has column headers but no rows to import.", file=self.path.name))


# -- CSV / TSV -------------------------------------------------------------------------------


class _CountingLines:
    """Byte lines of a file, counting what was consumed so progress can be a fraction."""

    def __init__(self, handle: BinaryIO, *, carriage_returns_only: bool) -> None:
        self.handle = handle
        self.consumed = 0
        self.cr_only = carriage_returns_only

    def __iter__(self) -> Iterator[bytes]:
        """Lines of at most MAX_LINE_BYTES: a file without line ends is not read whole."""
        if not self.cr_only:
            for raw in iter(lambda: self.handle.readline(MAX_LINE_BYTES + 1), b""):
                if len(raw) > MAX_LINE_BYTES:
                    raise _LineTooLong
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
            if len(pending) > MAX_LINE_BYTES:
                raise _LineTooLong
        if pending:
            yield pending


class _LineTooLong(Exception):
    pass


def _too_long(path: Path, line: int) -> ImportFileError:
    return ImportFileError(
        _(
            "{file}: line {line} is longer than {size} MB without a line break; this is not a list of "
            "people (or its line ends were lost).",
            file=path.name,
            line=line,
            size=MAX_LINE_BYTES >> 20,
        )
    )


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
            raise NotATableError(
                _("{file} is not a CSV, TSV or Excel file (it contains binary data).", file=path.name)
            )
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
            # The same cap as for bytes: UTF-16 takes at least two bytes a character (UTF-32
            # four), so a line read `limit` characters at a time that has not ended by then is
            # over 8 MB, and a file without line ends is never decoded whole.
            limit = MAX_LINE_BYTES // (4 if encoding.startswith("utf-32") else 2) + 1
            line = 0
            try:
                for line, decoded in enumerate(iter(lambda: text.readline(limit), ""), start=1):  # noqa: B007
                    if len(decoded) == limit and not decoded.endswith(("\n", "\r")):
                        raise _LineTooLong
                    yield decoded
            except UnicodeDecodeError as exc:
                raise ImportFileError(
                    f"{self.path.name}: line {line + 1} is not valid {encoding_label(self._wide)}."
                ) from exc
            except _LineTooLong:
                raise _too_long(self.path, line) from None
            return
        cr_only = b"\r" in head and b"\n" not in head
        self._lines = _CountingLines(self._handle, carriage_returns_only=cr_only)
        number = 0
        try:
            for number, raw in enumerate(self._lines, start=1):
                text = self._decoder.decode(raw, number)
                yield text.lstrip("\ufeff") if number == 1 else text
        except _LineTooLong:
            raise _too_long(self.path, number + 1) from None

    def _record_iterator(self) -> Iterator[RawRow]:
        lines = self._text_lines()
        if self._sep_line:
            next(lines, None)
        # At the end of the file csv.reader hands back a quoted cell that was never closed as if
        # it were complete ("Smith,a@b.org,,X" as one family name). One line no file contains
        # is read after the last: it comes back as a record of its own unless an open quote
        # swallowed it. The records are held back by one to see which was the last.
        reader = csv.reader(itertools.chain(lines, (_END_OF_FILE,)), delimiter=self.delimiter)
        previous = 1 if self._sep_line else 0
        held: RawRow | None = None
        try:
            for record in reader:
                if held is not None:
                    yield held
                held = RawRow(previous + 1, record)
                previous = reader.line_num + (1 if self._sep_line else 0)
        except csv.Error as exc:
            raise ImportFileError(
                _(
                    "{file}: the row starting on line {line} cannot be read ({problem}); "
                    "a quoted cell may never be closed.",
                    file=self.path.name,
                    line=previous + 1,
                    problem=exc,
                )
            ) from exc
        if held is None or held.cells != [_END_OF_FILE.rstrip("\n")]:
            line = held.line if held is not None else previous
            raise ImportFileError(
                _(
                    "{file}: the row starting on line {line} is malformed: a quoted cell "
                    "is still open at the end of the file; close the quote or remove it.",
                    file=self.path.name,
                    line=line,
                )
            )

    def _may_have_controls(self) -> bool:
        return self._decoder.controls_from > 0 or self._wide is not None

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


class _XlsxReader(_Records):
    """The first sheet with something in it, streamed (see `importing.xlsx`).

    Rows the sheet leaves out (a gap between blocks of people) come as one empty stretch;
    empty rows after the last one with a value are not rows of the list and are not reported.
    """

    def __init__(self, path: Path, size: int) -> None:
        self.path = path
        self._book = XlsxBook(path)
        try:
            self._sheet, self._rows, first = self._first_sheet_with_cells()
            self._records = self._iterate(first)
            self.header_line, header_cells = self._read_header()
        except BaseException:
            self._book.close()
            raise
        self.header = clean_header(header_cells)
        self.info = SourceInfo(path=path, format="xlsx", sheet=self._sheet.title, size=size)

    def _first_sheet_with_cells(
        self,
    ) -> tuple[XlsxSheet, Iterator[tuple[int, list[str]]], tuple[int, list[str]]]:
        for sheet in self._book.sheets:
            stream = SheetRows(self._book, sheet)
            rows = iter(stream)
            for number, cells in rows:
                if any(cell.strip() for cell in cells):
                    self._stream = stream
                    return sheet, rows, (number, cells)
        raise EmptyFileError(_("{file} is an empty workbook.", file=self.path.name))

    def _iterate(self, first: tuple[int, list[str]]) -> Iterator[RawRow]:
        previous = 0
        for number, cells in itertools.chain((first,), self._rows):
            if number > previous + 1:
                yield RawRow(previous + 1, [], number - 1 if number - 1 > previous + 1 else 0)
            previous = number
            yield RawRow(number, cells)

    def progress(self) -> tuple[int, int]:
        return self._stream.done_bytes, self._stream.total_bytes

    def _may_have_controls(self) -> bool:
        return False  # XML 1.0 cannot carry them, not even as &#1;

    def close(self) -> None:
        self._book.close()
