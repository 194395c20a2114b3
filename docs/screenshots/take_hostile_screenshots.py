"""Screenshots of issue 14 in the window: a hostile workbook refused, a killed save tidied up.

    Xvfb :57 -screen 0 1366x768x24 &
    DISPLAY=:57 QT_QPA_PLATFORM=xcb python docs/screenshots/take_hostile_screenshots.py EVENT OUT_DIR

Writes import_hostile_file.png (the import wizard's first step after choosing a workbook
whose `<dimension>` claims the whole grid and has one cell at XFD1048576: refused in one
sentence naming the cell) and leftover_removed.png (the window just after opening an event
next to which a killed save left `NAME.eventdesk.part` and its journal: the status bar says
what was removed).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("EVENTDESK_CONFIG_DIR", tempfile.mkdtemp(prefix="eventdesk-shots-"))

from PySide6.QtCore import QEventLoop, QTimer

from eventdesk.app import create_application
from eventdesk.persistence.leftovers import BUSY_SECONDS
from eventdesk.settings import Settings
from eventdesk.ui.context import EventContext
from eventdesk.ui.main_window import MainWindow
from tests.services.importing.hostile_corpus import CASES

SIZE = (1280, 760)


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(event: str, out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="eventdesk-shots-"))
    copy = folder / Path(event).name
    shutil.copy2(event, copy)
    # What a save killed half-way leaves beside the event.
    old = time.time() - BUSY_SECONDS - 60
    for name, size in ((copy.name + ".part", 48_000_000), (copy.name + ".part-journal", 8_192)):
        (folder / name).write_bytes(b"\0" * size)
        os.utime(folder / name, (old, old))
    create_application()
    context = EventContext(Settings())
    window = MainWindow(context, demo_folder=folder)
    window.resize(*SIZE)
    window.show()
    opened = QEventLoop()
    window.event_ready.connect(opened.quit)
    window.open_event(str(copy))
    opened.exec()
    settle()
    window.grab().save(str(out / "leftover_removed.png"))

    hostile = folder / "attendees-from-the-partner.xlsx"
    next(make for spec, make in CASES if spec.name == "dimension_whole_grid_one_far_cell.xlsx")(hostile)
    wizard = window.people_files.open_import("attendees")
    assert wizard is not None
    wizard.file_page.path_edit.setText(str(hostile))
    wizard.next()
    deadline = time.monotonic() + 30
    while not wizard.file_page.error_label.text() and time.monotonic() < deadline:
        settle(50)
    settle()
    wizard.grab().save(str(out / "import_hostile_file.png"))
    wizard.reject()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
