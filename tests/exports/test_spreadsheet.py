"""CSV/XLSX writing shared by every export: Excel-friendly and formula-safe."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from eventdesk.exports.spreadsheet import ExportError, is_formula_like, neutralise, write_table


@pytest.mark.parametrize(
    ("cell", "dangerous"),
    [
        ('=HYPERLINK("http://evil")', True),
        ("+cmd|' /C calc'!A0", True),
        ("-2+3", True),
        ("@SUM(A1)", True),
        ("\tx", True),
        ("\rx", True),
        # Invisible or full-width prefixes do not hide a formula.
        ('\ufeff=HYPERLINK("http://evil")', True),
        ("\u200b=1+1", True),
        ("\u200b\u200d@SUM(A1)", True),
        ("\uff1dcmd|' /C calc'!A0", True),
        ("\uff0bcmd|' /C calc'!A0", True),
        (" =1+1", True),
        ("\u00a0-2+3", True),
        ("\u200b+31 6 1234 5678", False),
        ("Zoë", False),
        ("+31 6 1234 5678", False),
        ("-12.5", False),
        ("Sophie", False),
        ("", False),
    ],
)
def test_cells_a_spreadsheet_would_run_are_recognised(cell: str, dangerous: bool) -> None:
    assert is_formula_like(cell) is dangerous
    assert neutralise(cell) == ("'" + cell if dangerous else cell)


def test_csv_has_a_bom_crlf_and_neutralised_cells(tmp_path: Path) -> None:
    path = write_table(
        tmp_path / "out.csv",
        ["Name", "Note", "When", "OK"],
        [["Ødegård", "=1+1", datetime(2027, 3, 12, 9, 30), True], ["Müller", None, None, False]],
    )
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(path.open(encoding="utf-8-sig", newline="")))
    assert rows[1] == ["Ødegård", "'=1+1", "2027-03-12 09:30:00", "yes"]
    assert rows[2] == ["Müller", "", "", "no"]


def test_xlsx_keeps_types_and_stores_formulas_as_text(tmp_path: Path) -> None:
    path = write_table(
        tmp_path / "out.xlsx", ["Name", "Count", "Note"], [["Zoë", 3, "@cmd"]], title="A/B: list?"
    )
    book = load_workbook(path)
    sheet = book.active
    assert sheet.title == "A B  list"
    name, count, note = sheet[2]
    assert (name.value, count.value, note.value, note.data_type) == ("Zoë", 3, "@cmd", "s")


def test_a_bad_target_is_one_sentence_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"choose a file ending in \.csv or \.xlsx"):
        write_table(tmp_path / "out.pdf", ["A"], [])
    with pytest.raises(ExportError, match="does not exist"):
        write_table(tmp_path / "missing" / "out.csv", ["A"], [])

    def boom():  # type: ignore[no-untyped-def]
        yield ["fine"]
        raise RuntimeError("crash while writing")

    with pytest.raises(RuntimeError):
        write_table(tmp_path / "half.csv", ["A"], boom())
    assert list(tmp_path.iterdir()) == []
