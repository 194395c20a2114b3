"""Composition root of the desktop app: QApplication, settings, look, and the main window.

`run_gui` is what `eventdesk` (no command), `eventdesk open EVENT` and `eventdesk demo --open`
call. With `exit_when_ready` it opens the event, waits until the window is shown and its
first screen painted, prints `ready in X.XXX s (CPU Y.YYY s)` and exits 0: the start-up benchmark and the
frozen bundle's smoke test rely on exactly that line and exit code.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from eventdesk import __version__, i18n, startup_gc
from eventdesk.i18n.catalog import language_chosen
from eventdesk.settings import LANGUAGE, Settings
from eventdesk.ui import theme, translator
from eventdesk.ui.context import EventContext
from eventdesk.ui.dialog_buttons import install_dialog_button_guard
from eventdesk.ui.dialog_fit import install_dialog_fit
from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.wheel_guard import install_wheel_guard

_IMPORTED_AT = time.perf_counter()
DATA_DIR_VARIABLE = "EVENTDESK_DATA_DIR"
GC_HELD_AT_MOST_MS = 15_000


def data_dir() -> Path:
    """Where eventdesk keeps files of its own (the demo event); tests point it elsewhere."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("eventdesk", appauthor=False))


def seconds_since_start() -> float:
    """Wall time since the process started (Linux), else since this module was imported."""
    try:
        # Field 22 is the start time in clock ticks after boot; the command name (field 2)
        # may contain spaces, so split after its closing parenthesis.
        stat = Path("/proc/self/stat").read_text("ascii")
        started_ticks = int(stat.rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text("ascii").split()[0])
        return max(0.0, uptime - started_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _IMPORTED_AT


def _install_translations(app: QApplication, language: str | None) -> None:
    """The window, the core and Qt's own dialogs in one language (see eventdesk.i18n).

    `language` is `--lang`; else $EVENTDESK_LANG, the language chosen in Preferences, the
    system's. QLocale's default follows, so numbers the window formats group the same way.
    """
    if language is None and language_chosen():
        translator.switch_language(i18n.current_language(), app)
    else:
        translator.switch_language(i18n.resolve_language(language, Settings().get(LANGUAGE)), app)


def create_application(language: str | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("eventdesk")
    app.setApplicationDisplayName("eventdesk")
    app.setOrganizationName("eventdesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("eventdesk")
    theme.apply(app)
    install_wheel_guard(app)
    install_dialog_button_guard(app)
    install_dialog_fit(app)
    _install_translations(app, language)
    return app


def main_window(open_target: str | None = None) -> MainWindow:
    """The app's window, as `run_gui` starts it (the start-up benchmark's child builds it here too).

    The collector held off by the command line (see startup_gc) works again once the start
    has settled: the first page painted and, on an event, the people search's index loaded,
    whose bulk of new objects would otherwise be walked by several full collections.
    """
    window = MainWindow(EventContext(Settings()), demo_folder=data_dir() / "demo", opening=open_target)
    window.settled.connect(startup_gc.release)
    window.open_failed.connect(startup_gc.release)
    # A start that waits on a person (a protected file's passphrase) or on a long migration.
    QTimer.singleShot(GC_HELD_AT_MOST_MS, startup_gc.release)
    return window


def run_gui(open_target: str | None = None, exit_when_ready: bool = False) -> int:
    app = create_application()
    window = main_window(open_target)
    outcome: dict[str, int] = {}

    if exit_when_ready:

        def ready() -> None:
            # CPU of every thread so far: the start-up benchmark compares it with a bare window.
            print(f"ready in {seconds_since_start():.3f} s (CPU {time.process_time():.3f} s)", flush=True)
            outcome["code"] = 0
            window.close()
            app.exit(0)

        def failed(message: str) -> None:
            print(f"eventdesk: {message}", file=sys.stderr, flush=True)
            outcome["code"] = 2
            window.close()
            app.exit(2)

        (window.event_ready if open_target else window.ready).connect(ready)
        window.open_failed.connect(failed)

    if open_target:
        # Started before the window is shown: the file is checked and opened on the pool
        # while the GUI thread lays out and paints the window.
        window.open_event(open_target)
    window.show()
    code = outcome.get("code", app.exec())
    if exit_when_ready:
        _exit_now(code)
    return code


def _exit_now(code: int) -> None:
    """Leave without Python's interpreter teardown, for smoke tests and the start-up benchmark.

    By now the window has closed, the document is closed and settings are written (they are
    saved as they change). What is left is Python destroying thousands of Qt wrappers and
    modules one by one, which takes a third of a second or more and is not part of starting
    up; a smoke run or a benchmark that waits for the process should not count it.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
