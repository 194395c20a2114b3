"""Per-machine settings: one JSON file that several parts of the app write to."""

from __future__ import annotations

from pathlib import Path

from eventdesk.settings import IMPORT_MAPPINGS, LAST_FOLDER, Settings


def test_two_settings_objects_do_not_undo_each_others_writes() -> None:
    window = Settings()  # the window's, made at start-up
    core = Settings()  # the importer's, made when it remembers a mapping
    core.set(IMPORT_MAPPINGS, {"abc": {"headers": ["Naam"], "fields": ["full_name"]}})
    window.set(LAST_FOLDER, "/home/organiser/Downloads")
    fresh = Settings()
    assert fresh.get(LAST_FOLDER) == "/home/organiser/Downloads"
    assert fresh.get(IMPORT_MAPPINGS) == {"abc": {"headers": ["Naam"], "fields": ["full_name"]}}


def test_the_default_desk_name_is_the_app_word_in_the_desk_language(tmp_path: Path) -> None:
    from eventdesk.i18n import using_language
    from eventdesk.settings import DESK_NAME

    settings = Settings(tmp_path / "settings.json")
    with using_language("fr"):
        assert settings.desk_name() == "Poste 1"
    with using_language("de"):
        assert settings.desk_name() == "Schalter 1"
    settings.set(DESK_NAME, "Hall B east")
    with using_language("de"):
        assert settings.desk_name() == "Hall B east", "a name the volunteer chose is theirs"
