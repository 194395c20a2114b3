from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest

from eventdesk.cli import main
from eventdesk.persistence.document import EventDocument
from eventdesk.scanning.keyboard_layouts import type_as
from tests.factories import EventFactory
from tests.services.leads.support import company_with_staff, token, visitors


@pytest.fixture
def event(events: EventFactory) -> Path:
    return events.demo_path(attendees=120, companies=4, seed=17)


def _facts(path: Path) -> tuple[int, list[tuple[str, str]], tuple[str, str]]:
    """The company id, (badge, e-mail) of two people who agreed, and of one who did not."""
    doc = EventDocument.open(path)
    try:
        company, _ = company_with_staff(doc)
        agreed = [(token(doc, p.id), p.email or "") for p in visitors(doc, consent=True, count=2)]
        refused = visitors(doc, consent=False, count=1)[0]
        return company.id or 0, agreed, (token(doc, refused.id), refused.email or "")
    finally:
        doc.close()


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_kit_scan_merge_and_export_from_the_command_line(
    event: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    company_id, agreed, refused = _facts(event)
    kit = tmp_path / "booth.eventdesk"
    assert main(["leads", "kit", str(event), "--company", str(company_id), "-o", str(kit)]) == 0
    assert "are left out (did not agree, or cancelled)" in capsys.readouterr().out

    garbled = type_as(agreed[0][0], "AZERTY (France)")
    args = [
        "leads",
        "scan",
        str(kit),
        garbled,
        "--staff",
        "Jan",
        "--rating",
        "hot",
        "--note",
        "=1+1",
        "--json",
    ]
    assert main(args) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["outcome"] == "new" and first["lead"]["email"] == agreed[0][1]
    assert first["lead"]["rating"] == "hot" and first["lead"]["notes"] == "=1+1"
    assert main(["leads", "scan", str(kit), refused[0], "--staff", "Jan"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("VISIT:") and refused[1] not in out

    # Leads can be captured in the organiser's event too (an organiser-run booth).
    assert (
        main(["leads", "scan", str(event), agreed[1][0], "--company", str(company_id), "--staff", "Eva"]) == 0
    )
    capsys.readouterr()

    assert main(["leads", "merge", str(event), str(kit)]) == 0
    assert "2 new, 0 updated" in capsys.readouterr().out
    assert main(["leads", "merge", str(event), str(kit)]) == 0
    assert "0 new, 0 updated, 2 unchanged" in capsys.readouterr().out

    out_csv = tmp_path / "leads.csv"
    assert main(["leads", "export", str(event), "--company", str(company_id), "-o", str(out_csv)]) == 0
    rows = _rows(out_csv)
    assert sorted(r["E-mail"] for r in rows) == sorted(["", agreed[0][1], agreed[1][1]])
    assert next(r for r in rows if r["E-mail"] == agreed[0][1])["Notes"] == "'=1+1"
    assert refused[1] not in out_csv.read_text(encoding="utf-8-sig")

    out_pdf = tmp_path / "kit-leads.pdf"
    assert main(["leads", "export", str(kit), "-o", str(out_pdf)]) == 0
    text = subprocess.run(["pdftotext", str(out_pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert agreed[0][1] in text and refused[1] not in text


def test_a_refused_booth_scan_exits_one_and_records_nothing(
    event: Path, events: EventFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    company_id = _facts(event)[0]
    other_path = events.demo_path(attendees=20, companies=2, seed=3)
    other_badge = _facts(other_path)[1][0][0]
    base = ["leads", "scan", str(event), "--company", str(company_id), "--staff", "Jan"]
    assert main([*base[:3], other_badge, *base[3:]]) == 1
    assert "another event" in capsys.readouterr().out
    assert main([*base[:3], "garbage", *base[3:], "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["refusal"] == "unknown"
    out_csv = tmp_path / "leads.csv"
    assert main(["leads", "export", str(event), "--company", str(company_id), "-o", str(out_csv)]) == 0
    assert _rows(out_csv) == []


def test_bad_input_is_one_sentence_without_a_traceback(
    event: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    company_id, agreed, _ = _facts(event)
    not_a_kit = tmp_path / "notes.eventdesk"
    not_a_kit.write_text("not a kit", encoding="utf-8")
    cases = [
        (["leads", "merge", str(event), str(not_a_kit)], "not an eventdesk event file"),
        (["leads", "merge", str(event), str(event)], "not an exhibitor kit"),
        (["leads", "kit", str(event), "--company", "999", "-o", str(tmp_path / "k")], "no company #999"),
        (["leads", "export", str(event), "-o", str(tmp_path / "x.csv")], "Choose the company"),
        (
            ["leads", "export", str(event), "--company", str(company_id), "-o", str(tmp_path / "x.doc")],
            ".pdf",
        ),
        (
            [
                "leads",
                "scan",
                str(event),
                agreed[0][0],
                "--company",
                str(company_id),
                "--staff",
                "J",
                "--rating",
                "9",
            ],
            "not a rating",
        ),
    ]
    for args, message in cases:
        assert main(args) == 2, args
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err and err.count("\n") == 1, err
