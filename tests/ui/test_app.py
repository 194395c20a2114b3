"""The composition root: `eventdesk open EVENT --exit-when-ready`, as benchmarks and the bundle use it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from eventdesk.ui.dialogs.open_database import OpenDatabaseDialog
from eventdesk.ui.main_window import recent_location
from tests.factories import EventFactory

RUN_CLI = "import sys; from eventdesk.cli import main; sys.exit(main(sys.argv[1:]))"


def _run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {
        "QT_QPA_PLATFORM": "offscreen",
        "EVENTDESK_CONFIG_DIR": str(tmp_path / "config"),
        "EVENTDESK_DATA_DIR": str(tmp_path / "data"),
    }
    return subprocess.run(
        [sys.executable, "-c", RUN_CLI, *args], env=env, capture_output=True, text=True, timeout=120
    )


def test_open_exit_when_ready_reports_and_exits_zero(events: EventFactory, tmp_path: Path) -> None:
    path = events.demo_path(attendees=300)
    done = _run("open", str(path), "--exit-when-ready", tmp_path=tmp_path)
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"ready in \d+\.\d{3} s \(CPU \d+\.\d{3} s\)\n", done.stdout)
    assert "Traceback" not in done.stderr
    settings = (tmp_path / "config" / "settings.json").read_text("utf-8")
    assert str(path) in settings, "the opened event is remembered as recent"


def test_open_exit_when_ready_fails_clearly_on_a_non_event(tmp_path: Path) -> None:
    bogus = tmp_path / "minutes.eventdesk"
    bogus.write_text("not an event", "utf-8")
    done = _run("open", str(bogus), "--exit-when-ready", tmp_path=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "is not an eventdesk event file" in done.stderr
    assert "Traceback" not in done.stderr


def test_open_database_dialog_accepts_only_postgresql_urls(qtbot: QtBot) -> None:
    dialog = OpenDatabaseDialog()
    qtbot.addWidget(dialog)
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Open).isEnabled()
    dialog.url_edit.setText("mysql://desk@server/fair")
    assert "must start with postgresql+psycopg://" in dialog.error_label.text()
    dialog.url_edit.setText("postgresql+psycopg://desk@fair-server/career_fair")
    assert dialog.error_label.text() == ""
    assert dialog.buttons.button(dialog.buttons.StandardButton.Open).isEnabled()


def test_recent_database_urls_are_remembered_without_password() -> None:
    class Doc:
        path = None
        location = "postgresql+psycopg://desk:s3cret@fair-server:5433/career_fair"
        display_location = "postgresql+psycopg://desk:***@fair-server:5433/career_fair"

    assert recent_location(Doc()) == "postgresql+psycopg://desk@fair-server:5433/career_fair"  # type: ignore[arg-type]


LAZY_SCREENS = """
import sys
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from eventdesk.app import create_application
from eventdesk.settings import Settings
from eventdesk.ui.context import EventContext
from eventdesk.ui.main_window import MainWindow
app = create_application()
window = MainWindow(EventContext(Settings()), demo_folder=Path(sys.argv[2]))
loop = QEventLoop()
window.event_ready.connect(loop.quit)
QTimer.singleShot(60_000, loop.quit)
window.open_event(sys.argv[1])
window.show()
loop.exec()
print(" ".join(sorted(name for name in sys.modules if name.startswith("eventdesk.ui.screens."))))
"""


def test_opening_an_event_imports_only_the_first_screen(events: EventFactory, tmp_path: Path) -> None:
    path = events.demo_path(attendees=50)
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "EVENTDESK_CONFIG_DIR": str(tmp_path / "config")}
    done = subprocess.run(
        [sys.executable, "-c", LAZY_SCREENS, str(path), str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    loaded = done.stdout.splitlines()[-1].split()
    assert loaded == ["eventdesk.ui.screens.base", "eventdesk.ui.screens.dashboard"]


# What the first paint of an event on its dashboard does not need, with what loads it later:
# the OS keyring (Badges, Replace the key), SQLCipher (a protected file), the signing and
# sealing library (badges, a new event), PDF, XLSX, the matchmaking solver, the camera's
# decoder and multimedia, desk discovery, migrations (a file of an older schema), the people
# search with its fuzzy matching and contact validation (started once the window is usable),
# and the desks' sync rounds (a desk replica or a hub's first poll).
HEAVY_BEFORE_THE_WINDOW = (
    "keyring",
    "secretstorage",
    "sqlcipher3",
    "cryptography",
    "reportlab",
    "openpyxl",
    "ortools",
    "numpy",
    "zxingcpp",
    "PySide6.QtMultimedia",
    "zeroconf",
    "alembic",
    "rapidfuzz",
    "phonenumbers",
    "email_validator",
    "eventdesk.services.search",
    "eventdesk.ui.people_search",
    "eventdesk.sync.rounds",
    "eventdesk.sync.loop",
)

READY_MODULES = """
import sys
import eventdesk.app
def exit_now(code):
    print(" ".join(sorted(sys.modules)), flush=True)
    eventdesk.app.os._exit(code)
eventdesk.app._exit_now = exit_now
sys.exit(eventdesk.app.run_gui(sys.argv[1], exit_when_ready=True))
"""


def test_the_window_is_usable_before_any_heavy_library_is_imported(
    events: EventFactory, tmp_path: Path
) -> None:
    """The modules loaded at the `ready in` line of `eventdesk open EVENT --exit-when-ready`."""
    path = events.demo_path(attendees=200)
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "EVENTDESK_CONFIG_DIR": str(tmp_path / "config")}
    done = subprocess.run(
        [sys.executable, "-c", READY_MODULES, str(path)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    ready_line, loaded_line = done.stdout.splitlines()[-2:]
    assert ready_line.startswith("ready in ")
    loaded = set(loaded_line.split())
    assert {"eventdesk.ui.screens.dashboard", "sqlalchemy"} <= loaded, "the probe saw the opened event"
    heavy = [
        name
        for name in HEAVY_BEFORE_THE_WINDOW
        if name in loaded or any(m.startswith(name + ".") for m in loaded)
    ]
    assert heavy == [], f"imported before the window was usable: {heavy}"
