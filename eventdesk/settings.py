"""Every user setting eventdesk keeps between runs, declared in one place.

Settings are per machine, not per event (an event document travels; the desk name and the
printer belong to the laptop). They are a JSON file in the platform's config folder, or in
`$EVENTDESK_CONFIG_DIR` (tests and kiosks set it). The core reads them too, so this module
must not use QSettings.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from eventdesk.i18n import N_, gettext

MAX_RECENT = 10
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Setting:
    key: str
    title: str
    default: Any


RECENT_EVENTS = Setting("recent_events", "Recently opened events (paths or URLs)", [])
LAST_FOLDER = Setting("last_folder", "Folder of the last file dialog", "")
# The default is the app's word, in the desk's language ("Schalter 1", "Poste 1"): see desk_name().
DESK_NAME = Setting("desk_name", "Name of this check-in desk, written into every scan", N_("Desk 1"))
PRINTERS = Setting("printers", "Printer chosen per badge layout", {})
IMPORT_MAPPINGS = Setting("import_mappings", "Column mappings remembered per set of headers", {})
WINDOW_STATE = Setting("window_state", "Main window geometry (base64)", "")
BADGE_OPTIONS = Setting("badge_options", "Badge layout, fields, sizes and colours", {})
PRINT_ON_ADMIT = Setting("print_on_admit", "Print the badge when someone is admitted", False)
KIOSK_PIN = Setting("kiosk_pin", "Staff PIN that leaves kiosk mode", "")
SOUNDS_ENABLED = Setting("sounds_enabled", "Play a sound for each verdict", True)
BOOTH_COMPANY = Setting("booth_company", "Company whose booth this machine scans leads for (by name)", "")
BOOTH_STAFF = Setting("booth_staff", "Who scans leads at this machine, per company name", {})
LANGUAGE = Setting("language", "Language of the window and the CLI (empty: the system's)", "")
ATTENDEE_LANGUAGE = Setting(
    "attendee_language", "Second language of the check-in verdict, for the attendee (empty: none)", ""
)
SCAN_CAMERA = Setting(
    "scan_camera", "Camera used for scanning badges (its id and its name, if the id changes)", {}
)

ALL_SETTINGS = (
    RECENT_EVENTS,
    LAST_FOLDER,
    DESK_NAME,
    PRINTERS,
    IMPORT_MAPPINGS,
    WINDOW_STATE,
    BADGE_OPTIONS,
    PRINT_ON_ADMIT,
    KIOSK_PIN,
    SOUNDS_ENABLED,
    BOOTH_COMPANY,
    BOOTH_STAFF,
    SCAN_CAMERA,
    LANGUAGE,
    ATTENDEE_LANGUAGE,
)


def config_dir() -> Path:
    override = os.environ.get("EVENTDESK_CONFIG_DIR")
    return Path(override) if override else Path(user_config_dir("eventdesk", appauthor=False))


def _migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Upgrade an older settings file; each schema step is one branch here."""
    data.setdefault("_schema", SCHEMA_VERSION)
    return data


class Settings:
    """Typed access to the settings file; writes are atomic so a crash cannot corrupt it."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "settings.json"
        self._lock = threading.Lock()
        self._data = self._load()

    def _load(self) -> dict[str, Any]:
        try:
            raw = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {"_schema": SCHEMA_VERSION}
        return _migrate(raw) if isinstance(raw, dict) else {"_schema": SCHEMA_VERSION}

    def get(self, setting: Setting) -> Any:
        value = self._data.get(setting.key, setting.default)
        if not isinstance(value, type(setting.default)):
            return _copy(setting.default)
        return _copy(value)

    def set(self, setting: Setting, value: Any) -> None:
        # Re-read first: the core keeps its own `Settings()` (an import remembers its column
        # mapping), and writing this object's older copy back would drop what it stored.
        with self._lock:
            self._data = self._load()
            self._data[setting.key] = value
            self._save()

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self._data, handle, ensure_ascii=False, indent=1)
            Path(tmp).replace(self.path)
        except OSError:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
            raise

    def desk_name(self) -> str:
        """This desk's name as chosen, or the default in the current language when none was (or
        the English default itself was kept: it is the app's word, not the volunteer's)."""
        chosen = self.get(DESK_NAME)
        return chosen.strip() if chosen.strip() and chosen != DESK_NAME.default else default_desk_name()

    # -- the one list with rules of its own -------------------------------------------------

    def recent_events(self) -> list[str]:
        return [str(item) for item in self.get(RECENT_EVENTS)]

    def add_recent_event(self, location: str) -> None:
        """Remember an event; a file by its absolute path, since the app is started from any folder
        (`eventdesk open demo.eventdesk` stored "demo.eventdesk", later "not found: .")."""
        if "://" not in location:
            location = str(Path(location).absolute())
        recent = [item for item in self.recent_events() if item != location]
        self.set(RECENT_EVENTS, [location, *recent][:MAX_RECENT])

    def forget_recent_event(self, location: str) -> None:
        self.set(RECENT_EVENTS, [item for item in self.recent_events() if item != location])


def default_desk_name() -> str:
    return gettext(DESK_NAME.default)


def _copy(value: Any) -> Any:
    return json.loads(json.dumps(value)) if isinstance(value, dict | list) else value
