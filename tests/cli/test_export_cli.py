"""`eventdesk export attendees|companies EVENT -o OUT` and its registry of kinds."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from eventdesk.cli import main
from eventdesk.cli.export import EXPORT_KINDS
from tests.factories import EventFactory


def test_attendees_to_csv_and_xlsx(
    events: EventFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = events.demo_path(attendees=60, companies=4)
    out = tmp_path / "people.csv"
    assert main(["export", "attendees", str(path), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == f"Wrote 60 rows to {out}."
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig", newline="")))
    assert len(rows) == 60 and {"ID", "Checked in", "External codes", "Consent to share"} <= set(rows[0])
    book = tmp_path / "people.xlsx"
    assert main(["export", "attendees", str(path), "-o", str(book)]) == 0
    assert load_workbook(book, read_only=True).active.max_row in (None, 61)


def test_companies(events: EventFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = events.demo_path(attendees=20, companies=4)
    out = tmp_path / "companies.xlsx"
    assert main(["export", "companies", str(path), "-o", str(out)]) == 0
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[1]][:3] == ["ID", "Name", "Sector"]
    assert sheet.max_row == 5


def test_a_wrong_suffix_or_folder_is_one_line(
    events: EventFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = events.demo_path(attendees=5, companies=1)
    assert main(["export", "attendees", str(path), "-o", str(tmp_path / "people.pdf")]) == 2
    assert capsys.readouterr().err == "eventdesk: people.pdf: attendees can be exported as .csv, .xlsx.\n"
    assert main(["export", "attendees", str(path), "-o", str(tmp_path / "nowhere" / "people.csv")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_the_kinds_are_a_registry() -> None:
    assert [k.name for k in EXPORT_KINDS][:2] == ["attendees", "companies"]
