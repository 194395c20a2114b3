"""Screenshot of a person's edit history in the attendee dialog at a desk.

Run under a real X server:

    Xvfb :14 -screen 0 1366x768x24 &
    DISPLAY=:14 QT_QPA_PLATFORM=xcb python docs/screenshots/take_history_screenshot.py OUT_DIR

A managed hub serves a 300-attendee demo event; Door A and Door B join it and both change one
person's job title while they cannot reach the hub (Door B later), Door A also their phone;
the organiser corrects the e-mail on the hub. Door B's window opens the person: its History
tab lists every change, the outvoted one greyed. Writes attendee-history.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("EVENTDESK_CONFIG_DIR", tempfile.mkdtemp(prefix="eventdesk-history-shots-"))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from eventdesk.app import create_application, data_dir
from eventdesk.persistence.document import EventDocument
from eventdesk.services.demo import DemoSpec, generate_demo
from eventdesk.services.people.edit import edit_attendee, get_attendee
from eventdesk.settings import Settings
from eventdesk.sync.hub.server import ManagedHub
from eventdesk.sync.replica import join
from eventdesk.sync.rounds import DeskSync
from eventdesk.ui.context import EventContext
from eventdesk.ui.dialogs.attendee_dialog import AttendeeDialog
from eventdesk.ui.main_window import MainWindow

PERSON = 42


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def edit(location: str | Path, **changes: str) -> None:
    doc = EventDocument.open(str(location))
    draft = get_attendee(doc=doc, attendee_id=PERSON).draft
    edit_attendee(doc=doc, attendee_id=PERSON, draft=replace(draft, **changes))
    doc.close()


def round_at(path: Path) -> None:
    doc = EventDocument.open(path)
    sync = DeskSync(doc)
    sync.run_round()
    sync.close()
    doc.close()


def main(out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="eventdesk-history-event-"))
    work.chmod(0o755)
    path = work / "Career day.eventdesk"
    generate_demo(target=path, spec=DemoSpec(attendees=300, companies=12, seed=12)).close()
    hub = ManagedHub(path, listen_host="127.0.0.1", advertised_host="127.0.0.1", port=0)
    code = hub.start()
    try:
        a = join(code.encode(), work / "Door A.eventdesk", desk_name="Door A").path
        b = join(code.encode(), work / "Door B.eventdesk", desk_name="Door B").path
        edit(a, job_title="Head of Quality Assurance", phone="+45 20 12 34 56")
        edit(b, job_title="QA Lead, Biologics")
        for desk in (b, a, b):
            round_at(desk)
        edit(hub.local_url, email="k.holm@novozymes.example")
        round_at(b)
        create_application()
        window = MainWindow(EventContext(Settings()), demo_folder=data_dir() / "demo")
        window.resize(1280, 760)
        window.show()
        opened = QEventLoop()
        window.event_ready.connect(opened.quit)
        window.open_event(str(b))
        opened.exec()
        dialog = AttendeeDialog(window.context, attendee_id=PERSON, parent=window)
        dialog.show()
        dialog.lower_tabs.setCurrentIndex(1)  # the History tab
        settle(800)
        dialog.grab().save(str(out / "attendee-history.png"))
        dialog.close()
        window.close()
        QApplication.processEvents()
    finally:
        if hub._front is not None:
            hub._front.stop()
        hub._stop_postgres(hub._binaries)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
