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


# A representative line of each command, in French and in Danish: (arguments, expected piece).
# "{event}" and "{tmp}" are filled in per test; the pieces are the catalogue's words, with the
# language's own decimal sign, plural forms and dates.
COMMAND_LINES = {
    "fr": [
        (["stats", "{event}"], "Personnel exposant"),
        (["badges", "{event}", "-o", "{tmp}/badges.pdf", "--attendee", "1"], "écrit : 1 badge sur 1 page"),
        (["schedule", "{event}"], "Laissés de côté"),
        (["export", "attendees", "{event}", "-o", "{tmp}/people.csv"], "lignes écrites dans"),
        (["export", "checkins", "{event}", "-o", "{tmp}/inside.csv"], "0 personne présente écrite"),
        (["leads", "kit", "{event}", "--company", "1", "-o", "{tmp}/kit.eventdesk"], "Kit pour "),
        (["privacy", "retention", "{event}"], "Données personnelles conservées jusqu'au"),
        (["desks", "{event}"], "Aucun poste n'a encore rejoint cet événement."),
        (["demo", "{tmp}/t.eventdesk", "--attendees", "1", "--companies", "1"], "1 entreprise ("),
    ],
    "da": [
        (["stats", "{event}"], "Standpersonale"),
        (["badges", "{event}", "-o", "{tmp}/b.pdf", "--attendee", "1", "2"], "skrevet: 2 badges på 2 sider"),
        (["schedule", "{event}"], "Udeladt"),
        (["export", "attendees", "{event}", "-o", "{tmp}/people.csv"], "rækker skrevet til"),
        (["export", "checkins", "{event}", "-o", "{tmp}/inside.csv"], "0 personer, der er til stede"),
        (["leads", "kit", "{event}", "--company", "1", "-o", "{tmp}/kit.eventdesk"], "Kit til "),
        (["privacy", "retention", "{event}"], "Personoplysninger gemmes indtil"),
        (["desks", "{event}"], "Ingen skranke har tilsluttet sig dette arrangement endnu."),
        (["demo", "{tmp}/t.eventdesk", "--attendees", "2", "--companies", "1"], "2 deltagere, 1 virksomhed"),
    ],
}


@pytest.mark.parametrize(
    ("language", "arguments", "expected"),
    [(language, *line) for language, lines in COMMAND_LINES.items() for line in lines],
    ids=lambda value: value if isinstance(value, str) and len(value) < 10 else None,
)
def test_every_command_speaks_the_language(
    event_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    language: str,
    arguments: list[str],
    expected: str,
) -> None:
    filled = [a.format(event=event_path, tmp=tmp_path) for a in arguments]
    assert main(["--lang", language, *filled]) == 0
    out = capsys.readouterr().out
    assert expected in out
    english = main(filled), capsys.readouterr().out
    assert expected not in english[1], "the English run says it in English"


def test_errors_of_the_commands_in_danish(event_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "da", "export", "attendees", str(event_path), "-o", "people.txt"]) == 2
    assert capsys.readouterr().err == "eventdesk: people.txt: attendees kan eksporteres som .csv, .xlsx.\n"
    assert main(["--lang", "fr", "privacy", "retention", str(event_path), "--until", "soon"]) == 2
    assert "« soon » n'est pas une date comme 2027-04-30." in capsys.readouterr().err


def test_the_schedule_report_writes_decimals_the_french_way(
    event_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "fr", "schedule", str(event_path)]) == 0
    report = {line.split("  ")[0]: line for line in capsys.readouterr().out.splitlines()}
    score = report["Score total"].split()[-1]
    assert "," in score and "." not in score, score


def test_the_readers_refusals_in_french_and_swedish(
    event_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan = tmp_path / "inscrits.pdf"
    scan.write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    assert main(["--lang", "fr", "import", str(event_path), str(scan)]) != 0
    assert "inscrits.pdf est un document PDF, pas un tableur." in capsys.readouterr().err
    headers_only = tmp_path / "deltagare.csv"
    headers_only.write_text("Förnamn,Efternamn,E-post\n", encoding="utf-8")
    assert main(["--lang", "sv", "import", str(event_path), str(headers_only)]) != 0
    assert "deltagare.csv har kolumnrubriker men inga rader att importera." in capsys.readouterr().err


def test_erasing_a_person_is_reported_in_dutch(event_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "nl", "privacy", "erase", str(event_path), "--attendee", "3"]) == 0
    out = capsys.readouterr().out
    assert "Deelnemer 3 gewist: nu “" in out and "badge ingetrokken; bewaard als aantallen:" in out
    assert main(["--lang", "nl", "privacy", "erase", str(event_path), "--attendee", "3"]) == 2
    assert "Deelnemer 3 is al gewist (" in capsys.readouterr().err


def test_sync_refusals_in_danish(
    event_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "da", "sync", str(event_path)]) != 0
    assert (
        "er ikke en skrankekopi; lav en med `eventdesk join CODE -o DESK.eventdesk`."
        in capsys.readouterr().err
    )
    assert main(["--lang", "da", "join", "ED1-NOT-A-JOIN-CODE", "-o", str(tmp_path / "d.eventdesk")]) != 0
    assert "Dette er et badges kode, ikke en tilslutningskode" in capsys.readouterr().err
