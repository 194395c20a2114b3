"""Exports: every field, derived check-in, codes, formula-safe cells, and back again."""

from __future__ import annotations

import csv
import uuid
from pathlib import Path

from openpyxl import load_workbook

from eventdesk.domain.enums import ScanVerdict
from eventdesk.domain.event import utc_now
from eventdesk.domain.people import AttendeeDraft, CompanyDraft
from eventdesk.persistence.tables import Scan
from eventdesk.services.importing import import_file
from eventdesk.services.people import edit
from eventdesk.services.people.export import ATTENDEE_HEADERS, export_attendees, export_companies
from tests.factories import EventFactory
from tests.services.importing.support import SAMPLES, people


def _scan(doc, attendee_id: int, verdict: ScanVerdict) -> None:  # type: ignore[no-untyped-def]
    with doc.session() as session:
        session.add(
            Scan(
                id=str(uuid.uuid4()),
                scanned_text="x",
                verdict=verdict.value,
                attendee_id=attendee_id,
                device_time=utc_now(),
            )
        )


def test_attendees_csv_has_every_field_and_opens_in_excel(events: EventFactory, tmp_path: Path) -> None:
    doc = events.empty()
    import_file(doc=doc, path=SAMPLES / "eventbrite_us.csv")
    stored = people(doc)
    _scan(doc, stored["Lars Ødegård"].id, ScanVerdict.ADMITTED)
    _scan(doc, stored["Mette Sørensen"].id, ScanVerdict.ADMITTED)
    _scan(doc, stored["Mette Sørensen"].id, ScanVerdict.UNDONE)
    evil = edit.add_attendee(
        doc=doc,
        draft=AttendeeDraft(given_name='=HYPERLINK("http://x")', family_name="@SUM(1)", job_title="-2+3"),
    )
    out = export_attendees(doc=doc, path=tmp_path / "attendees.csv")
    assert out.rows == 8
    raw = (tmp_path / "attendees.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader((tmp_path / "attendees.csv").open(encoding="utf-8-sig", newline="")))
    assert list(rows[0]) == list(ATTENDEE_HEADERS)
    by_name = {f"{r['Given name']} {r['Family name']}": r for r in rows}
    lars = by_name["Lars Ødegård"]
    assert lars["Checked in"] == "yes" and lars["Status"] == "registered"
    assert lars["External codes"] == "eventbrite:410291020001"
    assert by_name["Mette Sørensen"]["Checked in"] == "no"
    assert by_name["Mette Sørensen"]["Status"] == "cancelled"
    assert by_name["Sophie Van de Velde"]["Phone"] == "+32470123456"  # a phone is not a formula
    hostile = next(r for r in rows if r["ID"] == str(evil.id))
    assert hostile["Given name"] == '\'=HYPERLINK("http://x")'
    assert hostile["Family name"] == "'@SUM(1)"
    assert hostile["Job title"] == "'-2+3"


def test_xlsx_cells_are_text_not_formulas(events: EventFactory, tmp_path: Path) -> None:
    doc = events.empty()
    edit.add_attendee(
        doc=doc, draft=AttendeeDraft(given_name="=1+1", family_name="Ødegård", phone="+45 20 12 34 56")
    )
    export_attendees(doc=doc, path=tmp_path / "attendees.xlsx")
    sheet = load_workbook(tmp_path / "attendees.xlsx").active
    header = [c.value for c in sheet[1]]
    row = {h: c for h, c in zip(header, sheet[2], strict=True)}
    assert row["Given name"].value == "=1+1" and row["Given name"].data_type == "s"
    assert row["Family name"].value == "Ødegård"
    assert row["Phone"].value == "+4520123456"
    assert row["ID"].value == 1


def test_an_export_imports_back_unchanged(events: EventFactory, tmp_path: Path) -> None:
    doc = events.empty()
    import_file(doc=doc, path=SAMPLES / "companies.csv", kind="companies")
    for name in ("eventbrite_us.csv", "pretix_order_positions.csv", "luma_guests.csv"):
        import_file(doc=doc, path=SAMPLES / name)
    for suffix in ("csv", "xlsx"):
        path = tmp_path / f"attendees.{suffix}"
        export_attendees(doc=doc, path=path)
        report = import_file(doc=doc, path=path).report
        assert report.platform == "eventdesk attendee export"
        assert (report.created, report.updated, report.rejected) == (0, 0, 0), suffix
        copy = events.empty()
        import_file(doc=copy, path=tmp_path / "../" / SAMPLES / "companies.csv", kind="companies")
        import_file(doc=copy, path=path)
        theirs, ours = people(copy), people(doc)
        assert set(theirs) == set(ours)
        for name, person in ours.items():
            other = theirs[name]
            assert (other.email, other.phone, other.status, other.ticket_type, other.codes) == (
                person.email,
                person.phone,
                person.status,
                person.ticket_type,
                person.codes,
            ), name
        assert theirs["Nadia El Amrani"].company_id is not None


def test_companies_export(events: EventFactory, tmp_path: Path) -> None:
    doc = events.empty()
    company = edit.add_company(
        doc=doc, draft=CompanyDraft(name="Kattegat Biologics", hiring_tags=("CMC", "QA"))
    )
    edit.add_staff(doc=doc, company_id=company.id, draft=AttendeeDraft(given_name="Mads", family_name="Holm"))
    out = export_companies(doc=doc, path=tmp_path / "companies.csv")
    rows = list(csv.DictReader((tmp_path / "companies.csv").open(encoding="utf-8-sig", newline="")))
    assert out.rows == 1
    assert (rows[0]["Name"], rows[0]["Hiring tags"], rows[0]["Staff"]) == (
        "Kattegat Biologics",
        "CMC; QA",
        "1",
    )
    report = import_file(doc=doc, path=tmp_path / "companies.csv", kind="companies").report
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
