"""The catalogue check fails on what a translator or a developer can get wrong."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from eventdesk.i18n import catalogues

COMPLETE = [
    ("Welcome, {name}!", "Bienvenue, {name} !", set()),
    (("{n} badge", "{n} badges"), ("{n} badge", "{n} badges"), set()),
]


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A catalogue folder with a two-message template, as the code would have it."""
    monkeypatch.setattr(catalogues, "catalog_dir", lambda: tmp_path)
    template = Catalog(domain="eventdesk")
    template.add("Welcome, {name}!")
    template.add(("{n} badge", "{n} badges"))
    monkeypatch.setattr(catalogues, "extract", lambda root=None: template)
    catalogues._write_po(template, tmp_path / "eventdesk.pot")
    return tmp_path


def _french(folder: Path, entries: list[tuple[object, object, set[str]]], obsolete: bool = False) -> None:
    catalog = Catalog(locale="fr", domain="eventdesk")
    catalogues._stamp(catalog, "fr")  # French plural rule: singular for 0 and 1
    for msgid, msgstr, flags in entries:
        catalog.add(msgid, msgstr, flags=flags)
    if obsolete:
        catalog.obsolete["Gone"] = catalog.add("Gone", "Parti")
        del catalog["Gone"]
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    (folder / "fr.po").write_bytes(buffer.getvalue())
    catalogues.compile_all(["fr"])


def test_a_complete_catalogue_passes(workspace: Path) -> None:
    _french(
        workspace,
        [
            ("Welcome, {name}!", "Bienvenue, {name} !", set()),
            (("{n} badge", "{n} badges"), ("{n} badge", "{n} badges"), set()),
        ],
    )
    assert catalogues._language_problems("fr", {("Welcome, {name}!", None), ("{n} badge", None)}) == []


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([("Welcome, {name}!", "", set())], "is not translated"),
        ([("Welcome, {name}!", "Bienvenue, {nom} !", set())], "has placeholders ['{nom}']"),
        ([("Welcome, {name}!", "Bienvenue, {name} !", {"fuzzy"})], "is marked fuzzy"),
        ([(("{n} badge", "{n} badges"), ("un badge", ""), set())], "is not translated"),
        ([(("{n} badge", "{n} badges"), ("un badge", "des badges"), set())], "has placeholders []"),
        ([("Welcome, {name}!", " Bienvenue, {name} !", set())], "spaces of its source"),
    ],
)
def test_each_mistake_is_one_sentence(workspace: Path, entries: list, expected: str) -> None:
    _french(workspace, entries)
    found = catalogues._language_problems("fr", {("Welcome, {name}!", None), ("{n} badge", None)})
    assert any(expected in line for line in found), found


def test_a_stale_mo_or_an_obsolete_message_fails(workspace: Path) -> None:
    _french(
        workspace,
        [
            ("Welcome, {name}!", "Bienvenue, {name} !", set()),
            (("{n} badge", "{n} badges"), ("{n} badge", "{n} badges"), set()),
        ],
    )
    (workspace / "fr.mo").write_bytes(b"not what the .po compiles to")
    found = catalogues._language_problems("fr", {("Welcome, {name}!", None), ("{n} badge", None)})
    assert found == ["fr.mo is not what fr.po compiles to; run the compile."]
    found = catalogues._language_problems("fr", {("Welcome, {name}!", None)})
    assert "fr.po: '{n} badge' is no longer in the code; run the update." in found


def test_a_message_new_in_the_code_makes_the_template_stale(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    grown = Catalog(domain="eventdesk")
    for msgid in ("Welcome, {name}!", ("{n} badge", "{n} badges"), "A new button"):
        grown.add(msgid)
    monkeypatch.setattr(catalogues, "extract", lambda root=None: grown)
    found = catalogues.problems(["fr"])
    assert "eventdesk.pot lacks 'A new button'; run the update." in found
