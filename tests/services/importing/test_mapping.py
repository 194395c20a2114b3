"""Columns of unknown files: guessed from synonyms, corrected, remembered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventdesk.services.importing import (
    MappingError,
    MappingOrigin,
    import_file,
    inspect_file,
    load_overrides,
)
from eventdesk.services.importing.fields import ATTENDEE_FIELDS, guess_fields
from tests.factories import EventFactory
from tests.services.importing.support import people


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Voornaam", "Achternaam", "E-mailadres", "Bedrijf", "Functie"],
         ["given_name", "family_name", "email", "organisation", "job_title"]),
        (["Prénom", "Nom", "Courriel", "Entreprise", "Téléphone"],
         ["given_name", "family_name", "email", "organisation", "phone"]),
        (["Vorname", "Nachname", "E-Mail-Adresse", "Firma", "Handy"],
         ["given_name", "family_name", "email", "organisation", "phone"]),
        (["Fornavn", "Efternavn", "E-mail", "Virksomhed", "Mobil"],
         ["given_name", "family_name", "email", "organisation", "phone"]),
        (["Förnamn", "Efternamn", "E-postadress", "Företag", "Telefon"],
         ["given_name", "family_name", "email", "organisation", "phone"]),
        (["Naam", "Company name", "What is your e-mail address?", "Notes"],
         ["full_name", "organisation", "email", None]),
    ],
)  # fmt: skip
def test_headers_in_six_languages_are_guessed(headers: list[str], expected: list[str | None]) -> None:
    assert guess_fields(headers, ATTENDEE_FIELDS) == expected


def _unknown_file(tmp_path: Path) -> Path:
    path = tmp_path / "partner.csv"
    path.write_text(
        "Deelnemer;Contact;Werkgever;Opmerking\n"
        "Sophie Van de Velde;sophie@example.be;Demo Biotech;vegetarisch\n"
        "Van der Berg, Jan;jan@example.nl;Demo Pharma;\n",
        "utf-8",
    )
    return path


def test_a_partial_override_fixes_one_column_and_is_remembered(events: EventFactory, tmp_path: Path) -> None:
    path = _unknown_file(tmp_path)
    preview = inspect_file(path=path)
    assert preview.origin is MappingOrigin.GUESSED
    assert preview.mapping.to_json() == {
        "Deelnemer": "full_name",
        "Contact": None,
        "Werkgever": "organisation",
        "Opmerking": None,
    }
    doc = events.empty()
    report = import_file(doc=doc, path=path, overrides={"Contact": "email"}).report
    assert report.mapping["Contact"] == "email"
    stored = people(doc)
    assert stored["Jan Van der Berg"].email == "jan@example.nl"
    assert stored["Sophie Van de Velde"].organisation == "Demo Biotech"
    # The next file with the same columns gets the corrected mapping without asking.
    again = inspect_file(path=path)
    assert again.origin is MappingOrigin.REMEMBERED
    assert again.mapping.to_json()["Contact"] == "email"


def test_a_dry_run_does_not_remember_a_mapping(events: EventFactory, tmp_path: Path) -> None:
    path = _unknown_file(tmp_path)
    import_file(doc=events.empty(), path=path, overrides={"Contact": "email"}, dry_run=True)
    assert inspect_file(path=path).origin is MappingOrigin.GUESSED


def test_mapping_mistakes_are_explained(events: EventFactory, tmp_path: Path) -> None:
    path = _unknown_file(tmp_path)
    doc = events.empty()
    with pytest.raises(MappingError, match="column 'Telefoon' that the file does not have"):
        import_file(doc=doc, path=path, overrides={"Telefoon": "phone"})
    with pytest.raises(MappingError, match="'Contact' into 'mail'"):
        import_file(doc=doc, path=path, overrides={"Contact": "mail"})
    with pytest.raises(MappingError, match="no column was recognised"):
        import_file(doc=doc, path=path, overrides={"Deelnemer": None})
    assert people(doc) == {}


def test_duplicate_headers_can_be_addressed(events: EventFactory, tmp_path: Path) -> None:
    path = tmp_path / "two.csv"
    path.write_text("Name,Company,Company\nSophie Van de Velde,Invoice BV,Demo Lab\n", "utf-8")
    doc = events.empty()
    import_file(doc=doc, path=path, overrides={"Company": None, "Company (2)": "organisation"})
    assert people(doc)["Sophie Van de Velde"].organisation == "Demo Lab"


def test_overrides_come_as_json_text_or_a_file(tmp_path: Path) -> None:
    assert load_overrides('{"Contact": "email", "Notes": null}') == {"Contact": "email", "Notes": None}
    file = tmp_path / "mapping.json"
    file.write_text(json.dumps({"Contact": "email"}), "utf-8")
    assert load_overrides(str(file)) == {"Contact": "email"}
    with pytest.raises(MappingError, match="not valid JSON"):
        load_overrides("{Contact: email}")
    with pytest.raises(MappingError, match="cannot be read"):
        load_overrides(str(tmp_path / "missing.json"))
