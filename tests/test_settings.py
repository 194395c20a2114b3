"""Per-machine settings: one JSON file that several parts of the app write to."""

from __future__ import annotations

from eventdesk.settings import IMPORT_MAPPINGS, LAST_FOLDER, Settings


def test_two_settings_objects_do_not_undo_each_others_writes() -> None:
    window = Settings()  # the window's, made at start-up
    core = Settings()  # the importer's, made when it remembers a mapping
    core.set(IMPORT_MAPPINGS, {"abc": {"headers": ["Naam"], "fields": ["full_name"]}})
    window.set(LAST_FOLDER, "/home/organiser/Downloads")
    fresh = Settings()
    assert fresh.get(LAST_FOLDER) == "/home/organiser/Downloads"
    assert fresh.get(IMPORT_MAPPINGS) == {"abc": {"headers": ["Naam"], "fields": ["full_name"]}}
