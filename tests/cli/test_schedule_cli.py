"""`eventdesk schedule`: the report, --json, overrides kept in the setup, clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventdesk.cli import main
from eventdesk.persistence.document import EventDocument
from eventdesk.services.matchmaking import matchmaking_settings
from tests.factories import EventFactory
from tests.services.matchmaking_support import assert_stored_schedule_valid, stored_rows


@pytest.fixture
def event_path(events: EventFactory) -> Path:
    return events.demo_path(attendees=200, companies=14, seed=6)


def test_report_as_a_table(event_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", str(event_path)]) == 0
    out = capsys.readouterr().out
    for label in (
        "Meetings",
        "Total score",
        "Proven upper bound",
        "Quality",
        "People by meetings",
        "Table utilisation",
        "Seconds",
    ):
        assert label in out
    assert "certified optimum" in out and "fair objective is 100.000 % of the bound" in out


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
