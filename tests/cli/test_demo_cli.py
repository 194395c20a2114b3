"""`eventdesk demo PATH` as a person or a script runs it, then `eventdesk stats` to check it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventdesk.cli import main


def _stats(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["stats", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_demo_writes_an_event_that_stats_can_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fair.eventdesk"
    assert main(["demo", str(path), "--attendees", "50", "--companies", "5", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert f"Wrote {path}: 50 attendees, 5 companies (seed 3)" in out

    stats = _stats(path, capsys)
    assert stats["attendees"] == 50
    assert stats["companies"] == 5
    assert stats["registered"] + stats["cancelled"] == 50
    assert 0 < stats["exhibitor_staff"] <= 10
    by_type = stats["by_ticket_type"]
    assert set(by_type) == {"visitor", "exhibitor", "speaker", "organiser", "press"}
    assert by_type["visitor"] > by_type["exhibitor"]


def test_defaults_make_the_usual_400_people_and_40_companies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fair.eventdesk"
    assert main(["demo", str(path)]) == 0
    capsys.readouterr()
    stats = _stats(path, capsys)
    assert (stats["attendees"], stats["companies"]) == (400, 40)


def test_an_existing_file_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "fair.eventdesk"
    assert main(["demo", str(path), "--attendees", "10", "--companies", "1"]) == 0
    capsys.readouterr()

    assert main(["demo", str(path), "--attendees", "20", "--companies", "2"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err and "Traceback" not in err
    assert _stats(path, capsys)["attendees"] == 10

    assert main(["demo", str(path), "--attendees", "20", "--companies", "2", "--force"]) == 0
    capsys.readouterr()
    assert _stats(path, capsys)["attendees"] == 20


def test_zero_attendees_and_companies_is_an_empty_event(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.eventdesk"
    assert main(["demo", str(path), "--attendees", "0", "--companies", "0"]) == 0
    capsys.readouterr()
    stats = _stats(path, capsys)
    assert (stats["attendees"], stats["companies"], stats["external_codes"]) == (0, 0, 0)


def test_a_missing_folder_is_one_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", str(tmp_path / "nowhere" / "fair.eventdesk"), "--attendees", "5"]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "Traceback" not in err


def test_a_negative_count_is_refused_by_the_parser(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", str(tmp_path / "fair.eventdesk"), "--attendees", "-3"])
    assert exit_info.value.code == 2
    assert "expected a number ≥ 0" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_the_first_open_after_demo_finds_the_search_ready_in_the_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`eventdesk demo` leaves the people search built, keyed by the file's real path."""
    from eventdesk.persistence.document import EventDocument
    from eventdesk.services.search import PeopleIndex

    monkeypatch.chdir(tmp_path)
    assert main(["demo", "fair.eventdesk", "--attendees", "60", "--companies", "5"]) == 0
    assert "people search prepared" in capsys.readouterr().out
    # The window opens it under another spelling of the same file: through a link.
    (tmp_path / "link.eventdesk").symlink_to(tmp_path / "fair.eventdesk")
    monkeypatch.setattr(
        PeopleIndex, "_rebuild", lambda self, rows: pytest.fail("built, not read from the cache")
    )
    doc = EventDocument.open(tmp_path / "link.eventdesk")
    try:
        index = PeopleIndex.load(doc)
        assert len(index) == 60
        someone = index.search("a", limit=1).hits[0]
        assert someone.attendee_id in index.search(someone.family_name, limit=0).ids
    finally:
        doc.close()
