"""A worksheet's rows, streamed: only the cells that are there, as the person saw them.

The sheet is parsed by expat callbacks chunk by chunk; a row is kept only until it is handed
on, so memory follows the widest row, never the sheet. Nothing the sheet says about itself
(`<dimension>`, `spans`) is used: a sheet claiming A1:XFD1048576 costs what its real cells
cost. Empty rows are not yielded at all; the caller learns of gaps from the row numbers.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from eventdesk.i18n import _
from eventdesk.i18n.values import Count
from eventdesk.services.importing.errors import ImportFileError
from eventdesk.services.importing.xlsx.book import XlsxBook, XlsxSheet
from eventdesk.services.importing.xlsx.xml import BAD_BYTES, MAIN_NAME, describe, feed, stream_parser

_ROW = f"{MAIN_NAME}row"
_CELL = f"{MAIN_NAME}c"
_VALUE = f"{MAIN_NAME}v"
_TEXT = f"{MAIN_NAME}t"
_PHONETIC = f"{MAIN_NAME}rPh"
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


class _CellProblem(Exception):
    """Raised inside the row loop with the cell's reason; given the file and place outside."""


def column_letters(index: int) -> str:
    """1 → A, 27 → AA: for messages."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index


def cell_text(value: object) -> str:
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
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


class SheetRows:
    """Iterates (row number, cells) of the rows that have something in them."""

    def __init__(self, book: XlsxBook, sheet: XlsxSheet) -> None:
        self.book = book
        self.sheet = sheet
        self.limits = book.limits
        self.epoch = CALENDAR_MAC_1904 if book.date1904 else CALENDAR_WINDOWS_1900
        self.total_bytes = max(sheet.part.file_size, 1)
        self._stream: zipfile.ZipExtFile | None = None
        self.row = 0
        self._where = ""

    @property
    def done_bytes(self) -> int:
        stream = self._stream
        if stream is None:
            return 0
        return max(0, self.sheet.part.file_size - getattr(stream, "_left", 0))

    def _place(self) -> str:
        book, sheet = self.book.name, self.sheet.title
        if self._where:
            return _("{file}, sheet '{sheet}', cell {cell}", file=book, sheet=sheet, cell=self._where)
        if self.row:
            return _("{file}, sheet '{sheet}', row {row}", file=book, sheet=sheet, row=self.row)
        return _("{file}, sheet '{sheet}'", file=book, sheet=sheet)

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        try:
            with self.book.open_sheet(self.sheet) as stream:
                self._stream = stream
                yield from self._rows(stream)
        except ImportFileError:
            raise
        except _CellProblem as problem:
            raise ImportFileError(_("{place}: {problem}.", place=self._place(), problem=problem)) from problem
        except BAD_BYTES as exc:
            raise ImportFileError(
                _("{place} cannot be read: {problem}.", place=self._place(), problem=describe(exc))
            ) from exc
        finally:
            self._stream = None

    def _rows(self, stream: zipfile.ZipExtFile) -> Iterator[tuple[int, list[str]]]:
        state = _SheetState(self)
        parser = stream_parser(state.start, state.end, state.text)
        while feed(parser, stream):
            if state.ready:
                yield from state.ready
                state.ready.clear()
        yield from state.ready

    def value(self, kind: str, raw: str, style: str | None, shared: list[str] | None) -> str:
        """The cell's text; `raw` is its `<v>` (or its inline string's text)."""
        if kind == "inlineStr" or kind in ("str", "e"):
            return raw
        if raw == "":
            return ""
        if kind == "s":
            try:
                index = int(raw)
            except ValueError:
                raise _CellProblem(_("'{text}' is not a shared-string index", text=raw[:20])) from None
            if shared is None or not 0 <= index < len(shared):
                raise _CellProblem(_("shared string {index} does not exist", index=index))
            return shared[index]
        if kind == "b":
            if raw not in ("0", "1"):
                raise _CellProblem(_("'{text}' is not a TRUE/FALSE value", text=raw[:20]))
            return "TRUE" if raw == "1" else "FALSE"
        if kind == "d":
            try:
                return cell_text(datetime.fromisoformat(raw.rstrip("Z")))
            except ValueError:
                raise _CellProblem(_("'{text}' is not a date", text=raw[:30])) from None
        if kind != "n":
            raise _CellProblem(_("'{text}' is not a cell type", text=kind[:20]))
        try:
            number: float | int = float(raw) if any(c in raw for c in ".eEnN") else int(raw)
        except ValueError:
            raise _CellProblem(_("'{text}' is not a number", text=raw[:30])) from None
        if style and style.isdigit() and int(style) in self.book.date_styles:
            try:
                return cell_text(from_excel(number, self.epoch))
            except (OverflowError, ValueError, TypeError):
                raise _CellProblem(
                    f"{raw[:30]} is formatted as a date but is no date Excel can show"
                ) from None
        return cell_text(float(number)) if isinstance(number, float) else str(number)


class _SheetState:
    """expat's callbacks for one sheet: the row being read and the rows finished since the last
    chunk. Only `<v>` and the `<t>` of an inline string are collected; formulas, phonetic
    hints and everything outside `<sheetData>` pass by without being kept."""

    def __init__(self, rows: SheetRows) -> None:
        self.rows = rows
        self.limits = rows.limits
        self.ready: list[tuple[int, list[str]]] = []
        self.cells: dict[int, str] = {}
        self.column = 0
        self.kind = "n"
        self.style: str | None = None
        self.parts: list[str] = []
        self.collecting = False
        self.phonetic = 0
        self.shared: list[str] | None = None

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == _CELL:
            rows = self.rows
            reference = attributes.get("r")
            if reference is None:
                self.column += 1
            else:
                match = _REF.fullmatch(reference)
                if match is None:
                    raise _CellProblem(_("'{text}' is not a cell reference", text=reference[:20]))
                self.column = _column_index(match.group(1))
            rows._where = f"{column_letters(self.column)}{rows.row}"
            if self.column > self.limits.max_grid_columns:
                raise _CellProblem("the cell is beyond Excel's last column")
            self.kind = attributes.get("t", "n")
            self.style = attributes.get("s")
            self.parts = []
        elif name == _VALUE or (name == _TEXT and self.phonetic == 0):
            self.collecting = True
        elif name == _PHONETIC:
            self.phonetic += 1
        elif name == _ROW:
            rows = self.rows
            number = attributes.get("r")
            try:
                row = int(number) if number is not None else rows.row + 1
            except ValueError:
                raise _CellProblem(_("'{text}' is not a row number", text=number[:20])) from None
            if row <= rows.row or row > self.limits.max_grid_rows:
                rows.row = 0  # the place is the sheet, not the row before
                raise _CellProblem(_("row {row} comes out of order or beyond Excel's last row", row=number))
            rows.row, self.column, self.cells = row, 0, {}
            rows._where = ""

    def text(self, data: str) -> None:
        if self.collecting:
            self.parts.append(data)

    def end(self, name: str) -> None:
        if name in (_VALUE, _TEXT):
            self.collecting = False
        elif name == _CELL:
            rows = self.rows
            if self.parts:
                if self.kind == "s" and self.shared is None:
                    self.shared = rows.book.shared_strings
                text = rows.value(self.kind, "".join(self.parts), self.style, self.shared)
                if text:
                    if self.column > self.limits.max_columns:
                        raise _CellProblem(
                            _(
                                "there is a value in column {column}, beyond the {limit} columns an "
                                "import reads; delete the stray cells",
                                column=column_letters(self.column),
                                limit=self.limits.max_columns,
                            )
                        )
                    if len(text) > self.limits.max_cell_chars:
                        raise _CellProblem(
                            _(
                                "the cell holds {count} characters, more than Excel allows",
                                count=Count(len(text)),
                            )
                        )
                    self.cells[self.column] = text
                self.parts = []
            rows._where = ""
        elif name == _PHONETIC:
            self.phonetic -= 1
        elif name == _ROW:
            cells = self.cells
            if cells:
                self.ready.append(
                    (self.rows.row, [cells.get(index, "") for index in range(1, max(cells) + 1)])
                )
                self.cells = {}
