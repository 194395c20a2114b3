"""`eventdesk import EVENT FILE` as a script or an organiser at a terminal runs it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from eventdesk.cli import main
from eventdesk.persistence.document import EventDocument
from tests.factories import EventFactory
from tests.services.importing.support import SAMPLES, people, snapshot


def test_an_eventbrite_report_is_imported_and_explained(
    events: EventFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    path = events.demo_path(attendees=30, companies=3)
    assert main(["import", str(path), str(SAMPLES / "eventbrite_us.csv")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Eventbrite attendee report · CSV, UTF-8, comma-separated"
    assert "7 created, 0 updated, 0 unchanged, 1 merged, 3 skipped, 0 rejected, 2 warnings" in out
    assert "line 4         warning  [Email] 'juergen.mueller@@example.de' is not a valid e-mail" in out
    assert "line 11–13     skipped  empty row" in out
    # Who sees what of the people just imported, said where they arrive.
    assert "the companies this person meets see their name and profile, never their e-mail or phone" in out


def test_json_gives_the_same_report(events: EventFactory, capsys: pytest.CaptureFixture[str]) -> None:
    path = events.demo_path(attendees=30, companies=3)
    assert main(["import", str(path), str(SAMPLES / "pretix_order_positions.csv"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["rows_read"], report["created"], report["skipped"]) == (6, 5, 1)
    assert report["platform"] == "pretix order data (order positions)"
    assert report["entries"][0] == {
        "line": 3,
        "last_line": None,
        "outcome": "skipped",
        "column": "Add-on to position ID",
        "reason": "add-on to position 1, not a person",
        "group": "",
        "name": "",
    }


def test_dry_run_changes_nothing_and_mapping_overrides(
    events: EventFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = events.empty()
    target = doc.display_location
    before = snapshot(doc)
    doc.close()
    source = tmp_path / "partner.csv"
    source.write_text("Deelnemer;Contact\nSophie Van de Velde;sophie@example.be\n", "utf-8")
    assert main(["import", target, str(source), "--dry-run", "--mapping", '{"Contact": "email"}']) == 0
    assert "Would import partner.csv: 1 row read, 1 created" in capsys.readouterr().out
    from eventdesk.persistence.document import EventDocument

    again = EventDocument.open(target)
    try:
        assert snapshot(again) == before
        report_file = tmp_path / "report.csv"
        assert (
            main(
                [
                    "import",
                    target,
                    str(source),
                    "--mapping",
                    '{"Contact": "email"}',
                    "--report",
                    str(report_file),
                ]
            )
            == 0
        )
        assert people(again)["Sophie Van de Velde"].email == "sophie@example.be"
    finally:
        again.close()
    assert next(csv.reader(report_file.open(encoding="utf-8-sig"))) == ["Line", "Outcome", "Column", "Reason"]


def test_companies_kind(events: EventFactory, capsys: pytest.CaptureFixture[str]) -> None:
    path = events.demo_path(attendees=10, companies=2)
    assert main(["import", str(path), str(SAMPLES / "companies.csv"), "--kind", "companies", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["kind"], report["created"], report["rejected"]) == ("companies", 3, 1)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.csv", "eventdesk: empty.csv is empty."),
        ("headers_only.csv", "eventdesk: headers_only.csv has column headers but no rows to import."),
        ("binary.csv", "eventdesk: binary.csv is not a CSV, TSV or Excel file (it contains binary data)."),
        ("mixed_encodings.csv", "eventdesk: mixed_encodings.csv: line 4 is not UTF-8 like line 2 before it;"),
    ],
)
def test_bad_files_are_one_line_on_stderr(
    events: EventFactory, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    path = events.demo_path(attendees=10, companies=2)
    assert main(["import", str(path), str(SAMPLES / name)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(message)
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err


def test_a_bad_mapping_is_one_line(events: EventFactory, capsys: pytest.CaptureFixture[str]) -> None:
    path = events.demo_path(attendees=10, companies=2)
    code = main(["import", str(path), str(SAMPLES / "google_forms.csv"), "--mapping", "{oops"])
    assert code == 2
    assert capsys.readouterr().err.startswith("eventdesk: The mapping is not valid JSON")


def test_a_mass_merge_is_refused_without_allow_merges(
    events: EventFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = events.demo_path(attendees=30, companies=3)
    source = tmp_path / "twice.csv"
    # The same 25 people registered twice (a form submitted again): 25 merges, over the limit.
    rows = [f"Person{n},Tester,p{n}@example.org" for n in range(25)] * 2
    source.write_text("First name,Last name,Email\n" + "\n".join(rows) + "\n", "utf-8")
    before = snapshot(EventDocument.open(path))
    assert main(["import", str(path), str(source)]) == 2
    captured = capsys.readouterr()
    assert "25 of 50 rows would be merged into other people" in captured.err
    assert "--allow-merges" in captured.err
    assert "    25  same e-mail and name: lines 27, 28, 29, 30, 31, 32, 33, 34, … (17 more)" in captured.out
    assert snapshot(EventDocument.open(path)) == before
    assert main(["import", str(path), str(source), "--allow-merges"]) == 0
    assert "25 created" in capsys.readouterr().out


def test_the_imported_people_are_found_from_the_cache_at_the_next_open(
    events: EventFactory, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`eventdesk import` leaves the people search built for the window's first open."""
    from eventdesk.services.search import PeopleIndex

    path = events.demo_path(attendees=30, companies=3)
    assert main(["import", str(path), str(SAMPLES / "eventbrite_us.csv")]) == 0
    capsys.readouterr()
    monkeypatch.setattr(
        PeopleIndex, "_rebuild", lambda self, rows: pytest.fail("built, not read from the cache")
    )
    doc = EventDocument.open(path)
    try:
        index = PeopleIndex.load(doc)
        assert len(index) == 30 + 7
        assert index.search("juergen", limit=5).hits
    finally:
        doc.close()
