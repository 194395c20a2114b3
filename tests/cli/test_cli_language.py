"""The command line in another language (`--lang`, $EVENTDESK_LANG): door verdicts and import reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdesk.cli import main
from eventdesk.i18n import current_language
from tests.factories import EventFactory


@pytest.fixture
def event_path(events: EventFactory) -> Path:
    return events.demo_path(attendees=20, companies=2)


def test_verdict_reasons_in_french(event_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "fr", "checkin", str(event_path), "NOT-A-BADGE"]) != 0
    out = capsys.readouterr().out
    assert out.strip() == "CODE INCONNU: Ce n'est ni un badge ni un code de billet de cet événement."
    assert current_language() == "en", "the run's language does not outlive the run"
    assert main(["checkin", str(event_path), "NOT-A-BADGE"]) != 0
    assert "UNKNOWN CODE: Not a badge or ticket code of this event." in capsys.readouterr().out


def test_usage_errors_in_french(event_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "fr", "checkin", str(event_path)]) == 2
    assert capsys.readouterr().err == (
        "eventdesk: Indiquez soit un CODE à enregistrer, soit --undo ID_PARTICIPANT, pas les deux.\n"
    )
    assert main(["--lang", "klingon", "checkin", str(event_path), "X"]) != 0
    assert "not a language eventdesk has (en, nl, fr, de, da, sv)" in capsys.readouterr().err


def test_import_report_lines_in_french(
    event_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = tmp_path / "inscrits.csv"
    people.write_text(
        "Prénom,Nom,E-mail,Langue\n"
        "Anne,Peeters,anne.peeters@example.be,Néerlandais\n"
        "Bruno,Lambert,pas-une-adresse,Klingon\n"
        ",,,\n",
        encoding="utf-8",
    )
    assert main(["--lang", "fr", "import", str(event_path), str(people)]) == 0
    out = capsys.readouterr().out
    assert "Import de inscrits.csv : 3 lignes lues, 2 créées," in out
    assert "« pas-une-adresse » n'est pas une adresse e-mail valide" in out
    assert "« Klingon » n'est pas une langue d'impression d'eventdesk" in out
    assert "ligne 4" in out and "ignoré" in out and "ligne vide" in out


def test_the_environment_chooses_the_language(
    event_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTDESK_LANG", "nl")
    assert main(["checkin", str(event_path), "NOT-A-BADGE"]) != 0
    assert capsys.readouterr().out.startswith("ONBEKENDE CODE: Geen badge of ticketcode van dit evenement.")
    assert main(["--lang", "da", "checkin", str(event_path), "NOT-A-BADGE"]) != 0  # --lang wins
    assert capsys.readouterr().out.startswith("UKENDT KODE: Hverken et badge eller en billetkode")
