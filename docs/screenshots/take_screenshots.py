"""Screenshots of the real window, for the README and for looking at what we build.

Run under a real X server so fonts and styles are the ones people get:

    Xvfb :92 -screen 0 1440x900x24 &
    DISPLAY=:92 QT_QPA_PLATFORM=xcb python docs/screenshots/take_screenshots.py EVENT OUT_DIR [RECENT…]

EVENT is opened and every screen is captured (welcome.png, dashboard.png, attendees.png, …);
RECENT paths are put in the recent-events list first (a missing one shows greyed).
Settings go to a throwaway folder so the person's own recent list is left alone.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("EVENTDESK_CONFIG_DIR", tempfile.mkdtemp(prefix="eventdesk-shots-"))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from eventdesk.app import create_application, data_dir
from eventdesk.settings import Settings
from eventdesk.ui.context import EventContext
from eventdesk.ui.main_window import MainWindow
from eventdesk.ui.screens import SCREENS

SIZE = (1280, 800)


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(event: str, out_dir: str, *recent: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    create_application()
    settings = Settings()
    for location in reversed(recent):
        settings.add_recent_event(location)
    context = EventContext(settings)
    window = MainWindow(context, demo_folder=data_dir() / "demo")
    window.resize(*SIZE)
    window.show()
    settle()
    window.grab().save(str(out / "welcome.png"))

    opened = QEventLoop()
    window.event_ready.connect(opened.quit)
    window.open_failed.connect(lambda message: (print(message, file=sys.stderr), opened.quit()))
    window.open_event(event)
    opened.exec()
    if not context.has_document:
        return 1
    for entry in SCREENS:
        window.show_screen(entry.key)
        settle()
        window.grab().save(str(out / f"{entry.key}.png"))
    window.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
