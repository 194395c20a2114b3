"""A data row seen through the column mapping: the fields it has, and where each came from."""

from __future__ import annotations

from dataclasses import dataclass

from eventdesk.services.importing.mapping import ColumnMapping, header_labels

# Invisible characters spreadsheets and web forms leave in cells.
_INVISIBLE = str.maketrans({"\ufeff": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None})
_FORMULA_MARK = ("'=", "'+", "'-", "'@")


def clean_cell(text: str) -> str:
    """Stripped, without zero-width characters or the apostrophe that kept Excel from
    evaluating a cell (our own exports write "'+31…" style cells; see exports.spreadsheet)."""
    if not text:
        return ""
    if not text.isascii():
        text = text.translate(_INVISIBLE).replace("\u00a0", " ")
    text = text.strip()
    if text[:1] == "'" and text.startswith(_FORMULA_MARK):
        text = text[1:]
    return text


class FieldColumns:
    """For each field, the columns that feed it and their display labels; built once per file."""

    def __init__(self, mapping: ColumnMapping) -> None:
        labels = header_labels(mapping.headers)
        self.columns: dict[str, list[int]] = {}
        for column, field in mapping.mapped():
            self.columns.setdefault(field, []).append(column)
        self.labels = labels
        self.width = len(mapping.headers)
        # Columns in the order `MappedRow.value` tries them: a field's first column first.
        self.order = [(name, column) for name, columns in self.columns.items() for column in columns]
        self.code_fields = sorted(f for f in self.columns if f == "code" or f.startswith("code:"))


@dataclass(slots=True)
class MappedRow:
    line: int
    cells: list[str]
    fields: FieldColumns
    _first: dict[str, str] | None = None

    def value(self, field: str) -> str:
        """The first non-empty cell of the field's columns, cleaned; "" when none."""
        first = self._first
        if first is None:
            # One pass over the mapped cells on the first question: an importer asks
            # about a dozen fields per row, tens of thousands of times.
            first = self._first = {}
            cells, count = self.cells, len(self.cells)
            for name, column in self.fields.order:
                if column >= count or name in first:
                    continue
                text = cells[column]
                if not text:
                    continue
                # Most cells are already clean: ASCII with no space or apostrophe at an end.
                if not (text.isascii() and text[0] > " " and text[-1] > " " and text[0] != "'"):
                    text = clean_cell(text)
                    if not text:
                        continue
                first[name] = text
        return first.get(field, "")

    def values(self, field: str) -> list[tuple[str, str]]:
        """(column label, cleaned text) of every non-empty cell of the field."""
        columns = self.fields.columns.get(field, ())
        if len(columns) == 1:  # the usual case, already cleaned by `value`
            text = self.value(field)
            return [(self.fields.labels[columns[0]], text)] if text else []
        found = []
        for column in columns:
            if column < len(self.cells):
                text = clean_cell(self.cells[column])
                if text:
                    found.append((self.fields.labels[column], text))
        return found

    def has(self, field: str) -> bool:
        return field in self.fields.columns

    def column(self, field: str) -> str:
        """The label of the (first non-empty, else first) column of a field, for messages."""
        columns = self.fields.columns.get(field, ())
        for column in columns:
            if column < len(self.cells) and clean_cell(self.cells[column]):
                return self.fields.labels[column]
        return self.fields.labels[columns[0]] if columns else ""

    def any_mapped(self) -> bool:
        """True when at least one mapped column has something in it."""
        self.value("")
        return bool(self._first)

    def extra_cells(self) -> bool:
        """True when the row has non-empty cells beyond the last header."""
        return len(self.cells) > self.fields.width and any(c.strip() for c in self.cells[self.fields.width :])
