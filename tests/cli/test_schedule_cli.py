"""`eventdesk schedule`: the report, --json, overrides kept in the setup, clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from eventdesk.cli import main
from eventdesk.persistence.document import EventDocument
from eventdesk.persistence.tables import Attendee, Company
from eventdesk.services.matchmaking.plan import matchmaking_settings
from tests.factories import EventFactory
from tests.services.matchmaking.support import assert_stored_schedule_valid, stored_rows


@pytest.fixture
def event_path(events: EventFactory) -> Path:
    return events.demo_path(attendees=200, companies=14, seed=6)


def test_report_as_a_table(event_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", str(event_path)]) == 0
    out = capsys.readouterr().out
    for label in (
        "Meetings",
        "People with a meeting",
        "Total score",
        "Best possible score",
        "Certified",
        "People by meetings",
        "Table utilisation",
        "Seconds",
    ):
        assert label in out
    assert "Proven upper bound" not in out, "the fair objective's bound is not a bound on the score"
    assert "yes — No schedule this setup allows is fairer" in out


def test_json_and_overrides_kept_in_the_setup(event_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["schedule", str(event_path), "--objective", "total", "--score", "tags", "--slots", "8"]
    args += [
        "--start",
        "13:15",
        "--minutes",
        "20",
        "--gap",
        "10",
        "--tables",
        "1",
        "--max-meetings",
        "3",
        "--json",
    ]
    assert main(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["objective"] == "total" and report["score_mode"] == "tags" and report["slots"] == 8
    assert report["optimal"] is True and report["quality_percent"] == 100.0
    assert report["total_score"] == report["upper_bound"]
    figures = report["figures"]
    assert figures["best_possible_score"] == report["total_score"] and figures["score_percent"] == 100.0
    with_meetings = sum(v for k, v in report["people_by_meetings"].items() if k != "0")
    assert figures["people_with_meetings"] == with_meetings
    assert set(report) >= {
        "meetings",
        "people_by_meetings",
        "table_utilisation_percent",
        "seconds",
        "version",
    }
    doc = EventDocument.open(event_path)
    try:
        settings = matchmaking_settings(doc=doc)
        assert (settings.first_start.hour, settings.first_start.minute, settings.slot_count) == (13, 15, 8)
        assert (
            settings.meeting_minutes,
            settings.gap_minutes,
            settings.tables_override,
            settings.max_meetings,
        ) == (
            20,
            10,
            1,
            3,
        )
        assert len(stored_rows(doc)) == report["meetings"]
        assert_stored_schedule_valid(doc)
    finally:
        doc.close()
    # The next run starts from the kept setup.
    assert main(["schedule", str(event_path), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["slots"] == 8 and again["objective"] == "total" and again["version"] == 2


def test_bad_input_is_one_sentence_and_saves_nothing(
    event_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schedule", str(event_path), "--tables", "0"]) == 2
    err = capsys.readouterr().err
    assert (
        err.startswith("eventdesk: The setup gives every company 0 meeting tables") and "Traceback" not in err
    )
    assert main(["schedule", str(event_path), "--minutes", "0"]) == 2
    assert "A meeting must last at least one minute" in capsys.readouterr().err
    doc = EventDocument.open(event_path)
    try:
        assert stored_rows(doc) == []
        assert matchmaking_settings(doc=doc).tables_override is None
    finally:
        doc.close()


def test_start_must_be_a_clock_time(event_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["schedule", str(event_path), "--start", "noon"])
    assert "expected a time as HH:MM" in capsys.readouterr().err


def _visitor_and_company(path: Path) -> tuple[str, str]:
    doc = EventDocument.open(path)
    try:
        with doc.session() as session:
            email = (
                session.execute(
                    select(Attendee.email).where(
                        Attendee.ticket_type == "visitor",
                        Attendee.status == "registered",
                        Attendee.company_id.is_(None),
                        Attendee.email.is_not(None),
                    )
                )
                .scalars()
                .first()
            )
            company = session.execute(select(Company.name).order_by(Company.id)).scalars().first()
        return email, company
    finally:
        doc.close()


def test_import_wishes_and_availability_from_the_command_line(
    event_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    email, company = _visitor_and_company(event_path)
    wishes = tmp_path / "wishes.csv"
    wishes.write_text(f"attendee,company,rank,must\n{email},{company},1,yes\n", encoding="utf-8")
    assert main(["import", str(event_path), str(wishes), "--kind", "wishes"]) == 0
    assert "1 created" in capsys.readouterr().out
    windows = tmp_path / "availability.csv"
    windows.write_text(f"attendee,from,to\n{email},09:00,12:30\n", encoding="utf-8")
    assert main(["import", str(event_path), str(windows), "--kind", "availability", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["created"] == 1


def test_a_refused_wish_file_lists_every_rejected_row(
    event_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    email, company = _visitor_and_company(event_path)
    wishes = tmp_path / "wishes.csv"
    wishes.write_text(
        f"attendee,company,score\n{email},{company},2\nghost@example.org,{company},1\n{email},Nobody BV,1\n",
        encoding="utf-8",
    )
    assert main(["import", str(event_path), str(wishes), "--kind", "wishes"]) == 2
    captured = capsys.readouterr()
    assert "line 3" in captured.out and "no attendee has the e-mail 'ghost@example.org'" in captured.out
    assert "line 4" in captured.out and "there is no company called 'Nobody BV'" in captured.out
    assert captured.err.strip() == (
        "eventdesk: wishes.csv, line 3, column attendee: no attendee has the e-mail 'ghost@example.org' "
        "(and 1 more rejected row); nothing was imported."
    )


def test_export_schedule_pdfs_calendars_and_meetings(
    event_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schedule", str(event_path), "--json"]) == 0
    meetings = json.loads(capsys.readouterr().out)["meetings"]
    for per in ("attendee", "company", "grid"):
        out = tmp_path / f"{per}.pdf"
        assert main(["export", "schedule", str(event_path), "--per", per, "-o", str(out)]) == 0
        assert out.read_bytes().startswith(b"%PDF") and "Wrote " in capsys.readouterr().out
    assert main(["export", "ics", str(event_path), "-o", str(tmp_path / "ics")]) == 0
    assert "calendar files" in capsys.readouterr().out and list((tmp_path / "ics").glob("*.ics"))
    assert main(["export", "meetings", str(event_path), "-o", str(tmp_path / "m.csv")]) == 0
    assert capsys.readouterr().out.startswith(f"Wrote {meetings:,} meetings")
    assert main(["export", "schedule", str(event_path), "-o", str(tmp_path / "x.csv")]) == 2
    assert "schedule can be exported as .pdf" in capsys.readouterr().err


def test_with_the_fair_objective_the_best_possible_score_bounds_the_score(
    event_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "Total score 1548.00", "Proven upper bound 21116.80", "Quality 100.0 %": the bound was the
    fair objective's. The best possible score is a bound on the score itself."""
    assert main(["schedule", str(event_path), "--objective", "fair", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)["figures"]
    assert figures["total_score"] <= figures["best_possible_score"]
    assert figures["best_possible_score"] < 2 * figures["total_score"], "a bound of the score's size"
    assert 0 < figures["score_percent"] <= 100.0
    assert figures["people_with_meetings"] + figures["people_without_meetings"] == figures["participants"]
